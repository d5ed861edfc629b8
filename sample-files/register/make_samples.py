#!/usr/bin/env python3
"""Writes the register sample extracts (this folder) and, from the same scenario, the expected
change log and history that RegisterImportFunctionalTests compares the import with
(src/test/resources/register/). The expectations come from this script's own, independent model of
the rules in jobs/register-import/README.md, not from running the Java import.

Run from the repository root: python3 sample-files/register/make_samples.py
Deterministic: no randomness, no clock."""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'sample-files', 'register')
EXPECTED = os.path.join(ROOT, 'src', 'test', 'resources', 'register')
SOURCE = 'FKFORMAN'
FAMILY = {'SJPN': 'SJUK', 'FORP': 'FORA', 'TFP': 'FORA', 'GRAV': 'FORA', 'SJE': 'SAE', 'AKE': 'SAE'}
FIELDS = ['protected_identity', 'period_from', 'period_to', 'extent', 'amount', 'amount_type', 'paid_amount', 'status']

with open(os.path.join(ROOT, 'src', 'test', 'resources', 'skatteverket', 'testpersonnummer-2000-2009.csv')) as f:
    PERSONS = [line.strip() for line in f if line.strip().isdigit()][:300]


def row(pnr, benefit, decision, frm, to, extent, amount, atype, paydate='', paid='', status='GRANTED',
        changed='2026-03-01T18:00:00', protected='N'):
    return dict(pnr=pnr, protected_identity=protected, benefit=benefit, decision=decision, period_from=frm,
                period_to=to, extent=extent, amount=amount, amount_type=atype, paydate=paydate, paid_amount=paid,
                status=status, changed=changed)


def line(r):
    return ';'.join(['10', r['pnr'], r['protected_identity'], FAMILY[r['benefit']], r['benefit'], r['decision'],
                     r['period_from'], r['period_to'], r['extent'], r['amount'], r['amount_type'], r['paydate'],
                     r['paid_amount'], r['status'], r['changed']])


def key(r):
    return (r['pnr'], r['benefit'], r['decision'], r['paydate'] or '~')


def fact_key(r):
    return '|'.join([SOURCE, r['pnr'], r['benefit'], r['decision'], r['paydate']])


def snapshot_rows():
    rows = []
    for i, p in enumerate(PERSONS):
        prot = 'J' if i == 7 else 'N'
        kind = i % 4
        if kind == 0:
            rate = '%d.00' % (800 + i)
            rows.append(row(p, 'SJPN', 'SJ%05d' % i, '2026-01-05', '2026-04-30', '100', rate, 'DAG', protected=prot))
            if i % 8 == 0:
                rows.append(row(p, 'SJPN', 'SJ%05d' % i, '2026-01-05', '2026-01-31', '100', rate, 'DAG',
                                '2026-02-25', '%d.00' % (27 * (800 + i)), protected=prot))
        elif kind == 1:
            rows.append(row(p, 'FORP', 'FP%05d' % i, '2026-02-02', '2026-06-30', '75', '912.00', 'DAG', protected=prot))
        elif kind == 2:
            rows.append(row(p, 'TFP', 'TF%05d' % i, '2026-02-09', '2026-02-13', '100', '868.00', 'DAG', status='ENDED',
                            protected=prot))
        else:
            rows.append(row(p, 'SJE', 'SE%05d' % i, '2025-07-01', '', '50', '9150.00', 'MAN', protected=prot))
        if i % 25 == 1:
            rows.append(row(p, 'GRAV', 'GR%05d' % i, '2026-03-16', '2026-05-31', '100', '1040.50', 'DAG', protected=prot))
        if i % 30 == 5:
            rows.append(row(p, 'AKE', 'AE%05d' % i, '2026-01-01', '2026-12-31', '25', '2310.00', 'MAN', protected=prot))
    # a withdrawn decision: sent as withdrawn in the snapshot already
    rows.append(row(PERSONS[10], 'FORP', 'FP90010', '2026-04-01', '2026-04-30', '50', '912.00', 'DAG', status='WITHDRAWN'))
    return rows


def find(rows, pnr, benefit, paydate=''):
    return next(r for r in rows if r['pnr'] == pnr and r['benefit'] == benefit and r['paydate'] == paydate)


def delta1_lines(snap):
    p = PERSONS
    amount_changed = dict(find(snap, p[4], 'SJPN'), amount='860.00', changed='2026-03-02T10:15:00')
    extent_changed = dict(find(snap, p[1], 'FORP'), extent='50', status='CHANGED', changed='2026-03-02T11:00:00')
    new_decision = row(p[2], 'SJPN', 'SJ80002', '2026-03-02', '2026-03-31', '100', '790.00', 'DAG',
                       changed='2026-03-02T12:00:00')
    withdrawn = dict(find(snap, p[5], 'FORP'), status='WITHDRAWN', changed='2026-03-02T13:00:00')
    # retroactive payment: paid 2026-03-02 for sick days in November 2025
    retro = row(p[3], 'SJE', 'SE00003', '2025-11-01', '2025-11-30', '50', '9150.00', 'MAN', '2026-03-02', '9150.00',
                changed='2026-03-02T14:00:00')
    unchanged = dict(find(snap, p[6], 'TFP'), changed='2026-03-02T15:00:00')  # only the source's timestamp moved
    bad_check_digit = line(row(p[9][:-1] + str((int(p[9][-1]) + 1) % 10), 'FORP', 'FP99999', '2026-03-02', '2026-03-31',
                               '100', '912.00', 'DAG'))
    bad_date = line(dict(new_decision, pnr=p[13], decision='FP80013', benefit='FORP', period_from='2026-02-30'))
    valid = [amount_changed, extent_changed, new_decision, withdrawn, retro, unchanged]
    return valid, [line(r) for r in valid[:4]] + [bad_check_digit] + [line(r) for r in valid[4:]] + [bad_date]


def delta2_rows(snap, d1):
    p = PERSONS
    ended = dict(d1[0], period_to='2026-03-06', status='ENDED', changed='2026-03-03T09:00:00')
    protected = [dict(r, protected_identity='J', changed='2026-03-03T10:00:00') for r in snap if r['pnr'] == p[12]]
    amount_again = dict(d1[2], amount='805.00', changed='2026-03-03T11:00:00')
    return [ended] + protected + [amount_again]


def write(name, extract_id, kind, created, lines):
    with open(os.path.join(OUT, name), 'w', encoding='utf-8', newline='\n') as f:
        f.write('00;LEKAREG;1;%s;%s;%s;%s\n' % (extract_id, kind, SOURCE, created))
        for l in lines:
            f.write(l + '\n')
        f.write('99;%s;%d\n' % (extract_id, len(lines)))


def apply(register, history, changes, extract_id, kind, created_date, rows):
    """The rules of the job card, written independently of the Java implementation."""
    diffs = []
    seen = set()
    for r in rows:
        k = key(r)
        seen.add(k)
        old = register.get(k)
        if old is None:
            diffs.append((k, 'WITHDRAWN' if r['status'] == 'WITHDRAWN' else 'NEW', '', r))
            continue
        fields = [f for f in FIELDS if old[f] != r[f]]
        if not fields:
            continue
        if r['status'] == 'WITHDRAWN' and old['status'] != 'WITHDRAWN':
            kind_ = 'WITHDRAWN'
        elif r['status'] == 'ENDED' and old['status'] != 'ENDED':
            kind_ = 'ENDED'
        else:
            kind_ = 'CHANGED'
        diffs.append((k, kind_, ','.join(fields), r))
    disappeared = []
    if kind == 'SNAPSHOT':
        for k, old in register.items():
            if k not in seen and old['status'] in ('GRANTED', 'CHANGED'):
                gone = 'WITHDRAWN' if old['period_from'] > created_date else 'ENDED'
                disappeared.append((k, gone, 'status', dict(old, status=gone)))
    diffs += disappeared
    # change-log order: the extract's lines, then the facts a snapshot no longer holds by fact key
    # (source system|personnummer|benefit|decision id|payment date, compared byte by byte)
    staged, gone = diffs[:len(diffs) - len(disappeared)], sorted(disappeared, key=lambda d: fact_key(d[3]))
    for k, kind_, fields, r in staged + gone:
        changes.append((r['pnr'], r['benefit'], r['decision'], r['paydate'], kind_, fields, extract_id))
        for v in history:
            if key(v[0]) == k and v[2] is None:
                v[2] = extract_id
        history.append([r, extract_id, None])
        register[k] = r


def main():
    snap = snapshot_rows()
    d1_valid, d1_lines = delta1_lines(snap)
    d2 = delta2_rows(snap, d1_valid)
    files = [('REG_FKFORMAN_20260302_0001_SNAPSHOT.txt', 'FKFORMAN-20260302-S', 'SNAPSHOT', '2026-03-02T02:00:00',
              [line(r) for r in snap], snap),
             ('REG_FKFORMAN_20260303_0002_DELTA.txt', 'FKFORMAN-20260303-D', 'DELTA', '2026-03-03T02:00:00',
              d1_lines, d1_valid),
             ('REG_FKFORMAN_20260304_0003_DELTA.txt', 'FKFORMAN-20260304-D', 'DELTA', '2026-03-04T02:00:00',
              [line(r) for r in d2], d2)]
    register, history, changes = {}, [], []
    for name, extract_id, kind, created, lines, valid in files:
        write(name, extract_id, kind, created, lines)
        apply(register, history, changes, extract_id, kind, created[:10], valid)

    # an invalid snapshot: one bad row and an end record that declares too few rows -> rejected whole
    bad = [line(r) for r in snap[:5]] + [line(dict(snap[5], extent='60'))]
    with open(os.path.join(OUT, 'invalid', 'REG_FKFORMAN_20260305_0004_SNAPSHOT.txt'), 'w', encoding='utf-8', newline='\n') as f:
        f.write('00;LEKAREG;1;FKFORMAN-20260305-S;SNAPSHOT;FKFORMAN;2026-03-05T02:00:00\n')
        f.write('\n'.join(bad) + '\n')
        f.write('99;FKFORMAN-20260305-S;%d\n' % len(bad))

    os.makedirs(EXPECTED, exist_ok=True)
    with open(os.path.join(EXPECTED, 'expected-change-log.csv'), 'w', encoding='utf-8', newline='\n') as f:
        f.write('personnummer;benefit;decision_id;payment_date;change_kind;changed_fields;extract_id\n')
        for c in changes:
            f.write(';'.join(c) + '\n')
    with open(os.path.join(EXPECTED, 'expected-history.csv'), 'w', encoding='utf-8', newline='\n') as f:
        f.write('personnummer;benefit;decision_id;payment_date;status;protected_identity;period_to;extent;amount;'
                'paid_amount;extract_id;superseded_by_extract_id\n')
        for r, extract_id, superseded in sorted(history, key=lambda h: (key(h[0]), h[1])):
            f.write(';'.join([r['pnr'], r['benefit'], r['decision'], r['paydate'], r['status'], r['protected_identity'],
                              r['period_to'], r['extent'], r['amount'], r['paid_amount'], extract_id,
                              superseded or '']) + '\n')


if __name__ == '__main__':
    main()

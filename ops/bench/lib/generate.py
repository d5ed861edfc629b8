#!/usr/bin/env python3
"""Seeded data generator for the benchmark and fault-injection harness (ops/bench, ops/faults).

Deterministic: the same arguments and seed give the same bytes. Not used by ./mvnw verify.

Persons: first Skatteverket's published test personnummer (src/test/resources/skatteverket/,
7,324 numbers born 2000-2009), then SYNTHETIC numbers: born 1950-01-01 onwards, serials 100-999,
with a valid Luhn check digit. Synthetic numbers are marked wherever the format has room for it:
their order lines carry the partner reference "SYNT-<n>" (test numbers "TEST-<n>"), their register
decisions the decision id prefix "SY", and `persons` prints a second column `synthetic`.

Subcommands (sizes accept 100k, 1M, 5M):
  persons N                                   personnummer;synthetic (to stdout)
  register-facts PERSONS FACTS SEED OUT       COPY text rows for register_fact_version ($REGISTER_VERSION_COLUMNS of
                                              ops/bench/lib/common.sh): FACTS current facts spread over PERSONS
  order PERSONS SEED OUT_DIR [SENDER AGREEMENT SEQ]
                                              a BEST order file (one new watch per person, SAM, SJUK FORA SAE)
                                              and order.tsv (the same fields, for the \\copy reference)
  extract snapshot ROWS SEED OUT              a LEKAREG snapshot extract (register-import input)
  extract delta ROWS BASE SEED OUT            a delta against a BASE-row snapshot: 80 % changed, 20 % new facts
  watches WATCHES PARTNERS CHANGES SEED OUT_DIR
                                              input for the daily change run: a demo directory of PARTNERS insurers
                                              (parties.csv, agreements.csv, assignments.csv), watch.tsv (WATCHES
                                              active watches) and register_fact_version.tsv (CHANGES versions,
                                              i.e. change-log entries, about watched persons)
"""
import datetime
import os
import random
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
TEST_NUMBERS = os.path.join(ROOT, "src/test/resources/skatteverket/testpersonnummer-2000-2009.csv")

BENEFITS = [("SJUK", "SJPN", "DAG"), ("FORA", "FORP", "DAG"), ("FORA", "TFP", "DAG"), ("SAE", "SJE", "MAN"),
            ("SAE", "AKE", "MAN"), ("FORA", "GRAV", "DAG"), ("BOST", "BOB", "MAN"), ("BARN", "UHS", "MAN")]
EXTENTS = ["100.00", "75.00", "50.00", "25.00"]


def size(text):
    text = text.lower()
    for suffix, factor in (("k", 1_000), ("m", 1_000_000)):
        if text.endswith(suffix):
            return int(float(text[:-1]) * factor)
    return int(text)


def luhn(nine):
    total = 0
    for i, ch in enumerate(nine):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def test_numbers():
    with open(TEST_NUMBERS, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip().isdigit() and len(line.strip()) == 12]


SYNTHETIC_START = datetime.date(1950, 1, 1)


def synthetic(i):
    """The i-th synthetic personnummer: 900 per birth day from 1950-01-01, serials 100..999."""
    day = SYNTHETIC_START + datetime.timedelta(days=i // 900)
    serial = 100 + i % 900
    ymd = day.strftime("%Y%m%d")
    nine = ymd[2:] + f"{serial:03d}"
    return ymd + f"{serial:03d}" + luhn(nine)


def persons(n):
    """The first n persons as (personnummer, synthetic?)."""
    tests = test_numbers()
    out = [(p, False) for p in tests[:n]]
    for i in range(n - len(out)):
        out.append((synthetic(i), True))
    return out


def cmd_persons(args):
    for p, syn in persons(size(args[0])):
        print(f"{p};{'true' if syn else 'false'}")


def fact_row(pnr, syn, i, rnd, extract_id="BENCH-FACTS", recorded="2026-03-02 02:00:00", change="NEW", fields=""):
    family, benefit, amount_type = BENEFITS[i % len(BENEFITS)]
    decision = ("SY" if syn else "D") + str(i)
    payment = i % 10 == 9
    payment_date = "2026-02-25" if payment else None
    amount = rnd.randint(500, 1499)
    cols = [pnr, "t" if i % 997 == 0 else "f", "BENCH", family, benefit, decision, "2026-01-05",
            r"\N" if i % 3 == 0 else "2026-06-30", EXTENTS[i % 4] if amount_type == "DAG" else r"\N",
            f"{amount}.00", amount_type, payment_date or r"\N", f"{amount * 20}.50" if payment else r"\N",
            "GRANTED", "2026-03-01 18:00:00", extract_id, recorded, change, fields]
    return "\t".join(cols) + "\n"


def cmd_register_facts(args):
    n_persons, n_facts, seed, out = size(args[0]), size(args[1]), int(args[2]), args[3]
    rnd = random.Random(seed)
    people = persons(n_persons)
    with open(out, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as f:
        write = f.write
        for i in range(n_facts):
            pnr, syn = people[i % n_persons]
            write(fact_row(pnr, syn, i, rnd))


def start_record(file_type, sender, principal, agreement, seq, created):
    line = "00" + file_type + "01" + sender + (principal or " " * 10) + agreement.ljust(20) + f"{seq:07d}" + created + " " * 6
    assert len(line) == 80
    return line


def end_record(count):
    return "99" + f"{count:09d}" + " " * 69


def cmd_order(args):
    n, seed, out_dir = size(args[0]), int(args[1]), args[2]
    sender = args[3] if len(args) > 3 else "5566778899"
    agreement = args[4] if len(args) > 4 else "AVT-2026-0001"
    seq = int(args[5]) if len(args) > 5 else 1
    purpose = args[6] if len(args) > 6 else "SAM"
    consent = args[7] if len(args) > 7 else ""
    rnd = random.Random(seed)
    os.makedirs(out_dir, exist_ok=True)
    name = f"{sender}_BEST_20261130_{seq:07d}.txt"
    families = "".join(f.ljust(4) for f in ("SJUK", "FORA", "SAE")).ljust(28)
    with open(os.path.join(out_dir, name), "w", encoding="iso-8859-1", newline="\n", buffering=1 << 20) as f, \
            open(os.path.join(out_dir, "order.tsv"), "w", encoding="utf-8", newline="\n", buffering=1 << 20) as tsv:
        f.write(start_record("BEST", sender, None, agreement, seq, "2026-11-30T06:00:00") + "\n")
        for i, (pnr, syn) in enumerate(persons(n)):
            from_date = f"2026-{rnd.randint(1, 6):02d}-01"
            ref = f"{'SYNT' if syn else 'TEST'}-{i}"
            line = "10N" + pnr + purpose.ljust(4) + families + from_date + consent.ljust(30) + " " * 30 + ref.ljust(30) + "   "
            f.write(line + "\n")
            tsv.write(f"N\t{pnr}\t{purpose}\tSJUK,FORA,SAE\t{from_date}\t{consent}\t\t{ref}\n")
        f.write(end_record(n) + "\n")
    print(name)


def cmd_extract(args):
    kind = args[0]
    if kind == "snapshot":
        rows, seed, out = size(args[1]), int(args[2]), args[3]
        base = 0
    else:
        rows, base, seed, out = size(args[1]), size(args[2]), int(args[3]), args[4]
    rnd = random.Random(seed)
    people = persons(min(max(rows, base) // 5 + 1, 2_000_000))
    n_people = len(people)
    extract_id = (f"BENCH-S-{rows}" if kind == "snapshot" else f"BENCH-D-{rows}-{base}")

    def line(i, amount, status):
        pnr, syn = people[i % n_people]
        family, benefit, amount_type = BENEFITS[i % len(BENEFITS)]
        payment = i % 10 == 9
        return (f"10;{pnr};{'J' if i % 997 == 0 else 'N'};{family};{benefit};{'SY' if syn else 'D'}{i};2026-01-05;"
                f"{'' if i % 3 == 0 else '2026-06-30'};{EXTENTS[i % 4][:-3] if amount_type == 'DAG' else ''};{amount}.00;"
                f"{amount_type};{'2026-02-25;' + str(amount * 20) + '.50;' if payment else ';;'}{status};2026-03-01T18:00:00\n")

    with open(out, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as f:
        f.write(f"00;LEKAREG;1;{extract_id};{kind.upper()};BENCH;2026-03-02T02:00:00\n")
        for i in range(rows):
            if kind == "snapshot":
                f.write(line(i, rnd.randint(500, 1499), "GRANTED"))
            elif i % 5 == 4:
                f.write(line(base + i, rnd.randint(500, 1499), "GRANTED"))
            else:
                f.write(line((i * 7919) % base, 1500 + rnd.randint(1, 499), "CHANGED"))
        f.write(f"99;{extract_id};{rows}\n")


def org_number(i):
    """The i-th synthetic insurer organisationsnummer: 55 + 7 digits + Luhn check (third digit >= 2)."""
    nine = f"55{8000000 + i:07d}"
    return nine + luhn(nine)


def cmd_watches(args):
    n_watches, n_partners, n_changes, seed, out_dir = size(args[0]), size(args[1]), size(args[2]), int(args[3]), args[4]
    rnd = random.Random(seed)
    os.makedirs(out_dir, exist_ok=True)
    orgs = [org_number(i) for i in range(n_partners)]
    with open(os.path.join(out_dir, "parties.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("org_number;name;party_type;contact_email\n")
        for i, org in enumerate(orgs):
            f.write(f"{org};Bench Försäkring {i} AB (synthetic);INSURANCE_COMPANY;bench{i}@bench.example\n")
    with open(os.path.join(out_dir, "agreements.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("agreement_id;org_number;delivery_frequency;applied_on;approved_on;sent_for_signature_on;party_signed_on;"
                "fk_signed_on;termination_received_on;termination_effective_on;ended_on;purposes;benefit_families\n")
        for i, org in enumerate(orgs):
            f.write(f"AVT-BENCH-{i:04d};{org};DAILY;2026-01-05;2026-01-12;2026-01-13;2026-01-20;2026-01-22;;;;SAM;SJUK,FORA,SAE\n")
    with open(os.path.join(out_dir, "assignments.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("agent_org_number;principal_org_number;valid_from;ended_on\n")
    # Watches: persons are spread over partners; each person is watched by several partners, so the
    # persons watched are n_watches / 4 (a realistic overlap: one person, several insurers).
    n_persons = max(1, n_watches // 4)
    people = persons(n_persons)
    with open(os.path.join(out_dir, "watch.tsv"), "w", encoding="utf-8", newline="\n", buffering=1 << 20) as f:
        write = f.write
        for w in range(n_watches):
            person = w % n_persons
            partner = (w // n_persons * 53 + person) % n_partners
            pnr, syn = people[person]
            # watch_id is generated; source_file_id 0 (bench), source_line unique per watch
            write(f"{orgs[partner]}\t\\N\tAVT-BENCH-{partner:04d}\t{pnr}\tSAM\tSFB-SAM-FB\tSJUK,FORA,SAE\t2026-01-01\t\\N\t\\N\t"
                  f"{'SYNT' if syn else 'TEST'}-{w}\t0\t{w + 1}\t2026-01-22\t\\N\t\\N\t\\N\n")
    # Changes: n_changes versions of facts about watched persons, each a change-log entry.
    with open(os.path.join(out_dir, "register_fact_version.tsv"), "w", encoding="utf-8", newline="\n") as versions:
        for c in range(n_changes):
            person = rnd.randrange(n_persons)
            pnr, syn = people[person]
            kind = "NEW" if c % 3 else "CHANGED"
            versions.write(fact_row(pnr, syn, 10_000_000 + c, rnd, extract_id="BENCH-DELTA", recorded="2026-12-01 02:00:00",
                                    change=kind, fields="" if kind == "NEW" else "amount"))


COMMANDS = {"persons": cmd_persons, "register-facts": cmd_register_facts, "order": cmd_order,
            "extract": cmd_extract, "watches": cmd_watches}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    COMMANDS[sys.argv[1]](sys.argv[2:])

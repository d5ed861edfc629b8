#!/usr/bin/env python3
"""Writes the order-intake sample files (fixed width, ISO-8859-1). Run from this folder.

Layouts: jobs/README.md (envelope) and jobs/order-intake/README.md (detail record 10).
Personnummer are Skatteverket's published test numbers; 200001612381 is a synthetic
samordningsnummer (day 01 + 60, valid check digit) made from one of them.
"""

def start(file_type, sender, principal, agreement, seq, created):
    line = "00" + file_type + "01" + sender + (principal or " " * 10) + agreement.ljust(20) + f"{seq:07d}" + created + " " * 6
    assert len(line) == 80, len(line)
    return line

def end(count):
    return "99" + f"{count:09d}" + " " * 69

def order(action, pnr, purpose, families, from_date, consent="", case="", ref=""):
    fam = "".join(f.ljust(4) for f in families).ljust(28)
    line = ("10" + action + pnr.ljust(12) + purpose.ljust(4) + fam + from_date.ljust(10)
            + consent.ljust(30) + case.ljust(30) + ref.ljust(30) + "   ")
    assert len(line) == 150, len(line)
    return line

def query(pnr, purpose, families, from_date, to_date="", consent="", case="", ref=""):
    fam = "".join(f.ljust(4) for f in families).ljust(28)
    line = ("20" + pnr.ljust(12) + purpose.ljust(4) + fam + from_date.ljust(10) + to_date.ljust(10)
            + consent.ljust(30) + case.ljust(30) + ref.ljust(30) + "    ")
    assert len(line) == 160, len(line)
    return line

def write(name, lines):
    with open(name, "w", encoding="iso-8859-1", newline="\n") as f:
        for l in lines:
            f.write(l + "\n")

INSURER, AGREEMENT = "5566778899", "AVT-2026-0001"
CREATED = "2026-11-30T06:00:00"

# A good file from the demo insurer: three new watches, one of them for a samordningsnummer.
good = [
    order("N", "200001012384", "SAM", ["SJUK", "FORA"], "2026-01-01", ref="KUND-1001"),
    order("N", "200001011493", "RISK", ["SJUK"], "2026-01-01", consent="SAMTYCKE-2026-0077", ref="KUND-1002"),
    order("N", "200001612381", "SAM", ["SAE"], "2025-07-01", ref="KUND-1003"),
]
write(f"{INSURER}_BEST_20261130_0000001.txt", [start("BEST", INSURER, None, AGREEMENT, 1, CREATED), *good, end(len(good))])

# Every record-level error code once, among accepted lines (limit raised in the test that reads it).
mixed = [
    order("N", "200001012392", "SAM", ["SJUK"], "2026-01-01", ref="OK-1"),
    order("N", "200001018928", "SKAD", ["SJUK"], "2026-01-01", ref="CONSENT"),          # CONSENT_MISSING
    order("N", "200001012385", "SAM", ["SJUK"], "2026-01-01", ref="BAD-PNR"),           # PERSONNUMMER_INVALID
    order("N", "200001022383", "PENS", ["SJUK"], "2026-01-01", consent="S-1", ref="PURPOSE"),  # PURPOSE_NOT_IN_AGREEMENT
    order("N", "200001022391", "SAM", ["SJUK", "BOST"], "2026-01-01", ref="FAMILY"),     # BENEFIT_NOT_IN_AGREEMENT
    order("N", "200001012392", "SAM", ["SJUK"], "2026-01-01", ref="DUPLICATE"),         # DUPLICATE_PERSON_IN_FILE
    order("X", "200001032390", "SAM", ["SJUK"], "2026-01-01", ref="ACTION"),            # ACTION_INVALID
    order("N", "200001032382", "SAM", ["SJUK"], "2026-02-30", ref="DATE"),              # FROM_DATE_INVALID
    order("N", "200001042399", "SAM", ["XXXX"], "2026-01-01", ref="CODE"),              # BENEFIT_FAMILY_UNKNOWN
    order("N", "200001042381", "", ["SJUK"], "2026-01-01", ref="NOPURPOSE"),            # PURPOSE_MISSING
    order("N", "200001052398", "MYND", ["SJUK"], "2026-01-01", case="A-1", ref="TYPE"),  # PURPOSE_NOT_FOR_PARTY_TYPE
    order("N", "200001052380", "ABCD", ["SJUK"], "2026-01-01", ref="UNKNOWN"),          # UNKNOWN_PURPOSE
    order("A", "200001062397", "SAM", [], "", ref="CANCEL"),                            # WATCH_NOT_FOUND
    "10N2000010623" + "?" * 20,                                                         # RECORD_UNREADABLE
]
write(f"{INSURER}_BEST_20261130_0000002.txt", [start("BEST", INSURER, None, AGREEMENT, 2, CREATED), *mixed, end(len(mixed))])

# The end record's count is wrong: the whole file is rejected.
write(f"{INSURER}_BEST_20261130_0000003.txt", [start("BEST", INSURER, None, AGREEMENT, 3, CREATED), *good[:2], end(3)])

# An unknown format version: rejected.
write(f"{INSURER}_BEST_20261130_0000004.txt", [start("BEST", INSURER, None, AGREEMENT, 4, CREATED).replace("BEST01", "BEST07"), *good[:1], end(1)])

# The municipality needs a case reference; sent by its agent (ombud).
MUNICIPALITY, AGENT = "2120997776", "5569988776"
municipal = [
    order("N", "200001062389", "SOCT", ["BOST", "BARN"], "2026-06-01", case="SOC-2026-0412", ref="ÄRENDE-412"),
    order("N", "200001072396", "SOCT", ["BOST"], "2026-06-01", ref="UTAN-ÄRENDE"),       # CASE_REFERENCE_MISSING
]
write(f"{MUNICIPALITY}_BEST_20261130_0000001.txt", [start("BEST", AGENT, MUNICIPALITY, "OVK-2026-0002", 1, CREATED), *municipal, end(len(municipal))])

# A party whose agreement has ended: rejected as a whole.
ENDED = "5561234567"
write(f"{ENDED}_BEST_20261130_0000001.txt", [start("BEST", ENDED, None, "AVT-2025-0007", 1, CREATED), *good[:1], end(1)])

# A query file (FRAG) from the demo insurer: answered once, without a watch.
queries = [
    query("200001012384", "SAM", ["SJUK"], "2026-01-01", ref="FRAGA-1"),
    query("200001012384", "SKAD", ["SJUK"], "2026-01-01", ref="FRAGA-2"),                              # CONSENT_MISSING
    query("200001011493", "SAM", ["SJUK"], "2026-03-01", "2026-02-01", ref="FRAGA-3"),                 # TO_DATE_INVALID
    query("200001012384", "RISK", ["SJUK"], "2026-01-01", "2026-01-31", consent="SAMTYCKE-9", ref="FRAGA-4"),  # bounded
]
write(f"{INSURER}_FRAG_20261130_0000001.txt", [start("FRAG", INSURER, None, AGREEMENT, 1, CREATED), *queries, end(len(queries))])

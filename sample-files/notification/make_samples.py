#!/usr/bin/env python3
"""Writes the notification samples (order files that start the watches of the daily-run scenario,
and whole-stock refresh requests) in the layouts of jobs/order-intake/ and jobs/full-refresh/.
Run from the repository root: python3 sample-files/notification/make_samples.py
The expected/ files are the golden outputs of the functional tests, not written here."""
from pathlib import Path

HERE = Path(__file__).parent


def start(file_type, sender, principal, agreement, seq):
    line = "00" + file_type + "01" + sender + (principal or " " * 10) + agreement.ljust(20) + f"{seq:07d}" \
        + "2026-11-30T06:00:00" + " " * 6
    assert len(line) == 80
    return line


def end(count):
    return ("99" + f"{count:09d}").ljust(80)


def order(action, pnr, purpose, families, from_date, consent="", case="", ref=""):
    line = "10" + action + pnr + purpose.ljust(4) + "".join(f.ljust(4) for f in families).ljust(28) \
        + from_date.ljust(10) + consent.ljust(30) + case.ljust(30) + ref.ljust(30) + "   "
    assert len(line) == 150, len(line)
    return line


def write(name, lines):
    (HERE / name).write_bytes(("\n".join(lines) + "\n").encode("iso-8859-1"))


insurer = [
    order("N", "200001011493", "SAM", ["FORA"], "2026-01-01", ref="NOTIS-1"),  # FP00001 changes (delta 1)
    order("N", "200001012392", "SAM", ["SJUK"], "2026-01-01", ref="NOTIS-2"),  # SJ80002 new, then changed
    order("N", "200001018928", "SAM", ["SAE"], "2026-01-01", ref="NOTIS-3"),   # retro payment for 2025-11: before from-date
    order("N", "200001022383", "SAM", ["SJUK"], "2026-01-01", ref="NOTIS-4"),  # SJ00004 changed, then ended
    order("N", "200001022391", "SAM", ["SJUK"], "2026-01-01", ref="NOTIS-5"),  # FP00005 withdrawn: FORA, not watched
]
write("5566778899_BEST_20261130_0000005.txt",
      [start("BEST", "5566778899", None, "AVT-2026-0001", 5)] + insurer + [end(len(insurer))])
municipality = [order("N", "200001062389", "SOCT", ["SJUK"], "2026-01-01", case="SOC-2026-0413", ref="NOTIS-6")]
write("2120997776_BEST_20261130_0000002.txt",
      [start("BEST", "5569988776", "2120997776", "OVK-2026-0002", 2)] + municipality + [end(len(municipality))])
write("5566778899_HELU_20261130_0000006.txt", [start("HELU", "5566778899", None, "AVT-2026-0001", 6), end(0)])
write("5561234567_HELU_20261130_0000002.txt", [start("HELU", "5561234567", None, "AVT-2025-0007", 2), end(0)])

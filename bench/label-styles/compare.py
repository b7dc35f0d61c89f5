#!/usr/bin/env python3
"""How well coda reads label styles it was not written against.

    bench/label-styles/compare.py [CODA] [SET_DIR]     # default: target/release/coda, both sets

Each set is a folder of transcripts in the styles of real exports, written by a helper
that saw no coda code, with a `truth/<file>.csv` per file (`turn,speaker,first_words`:
the turns a careful human would mark, consecutive turns by one speaker merged). For each
file: whether coda's turns (speaker, first four words) equal the truth exactly, and
whether `coda check` flags the file (exit status 1). A file wrong and not flagged is
the failure that matters: a transcript parsed wrongly without a word.

`tuning/` is the set the label rules were adjusted on (session 9); `held-out/` was
written afterwards and measured once, with no change made from what it showed;
`held-out-3/` was written in session 10 and measured once before the rules were adjusted
on it. `held-out-4/` (session 11) was measured once blind, then split: its tuning half
(1st, 3rd, ... file by name) was adjusted on, its test half (2nd, 4th, ...) measured
before and after (`compare.py CODA held-out-4 --half test`), then spent too (its
README has the figures). `held-out-5/` and `held-out-6/` (sessions 11 and 12) were
measured blind and split the same way; their READMEs say which halves are spent. A
later change needs a new blind set.
"""
import csv
import json
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
argv = sys.argv[1:]
half = None
if "--half" in argv:
    i = argv.index("--half")
    half = argv[i + 1]
    assert half in ("tuning", "test"), "--half tuning|test"
    del argv[i : i + 2]
coda = argv[0] if argv else os.path.join(here, "..", "..", "target", "release", "coda")
sets = argv[1:] or [os.path.join(here, d) for d in ("tuning", "held-out", "held-out-3", "held-out-4")]


def same(a, b, cjk):
    if a[0] != b[0]:
        return False
    if cjk:
        return a[1].replace(" ", "")[:6] == b[1].replace(" ", "")[:6]
    return a[1] == b[1]


for d in sets:
    right = flagged_wrong = silent_wrong = total = 0
    print(f"== {d}")
    files = [f for f in sorted(os.listdir(d)) if os.path.isfile(os.path.join(d, f)) and f != "README.md"]
    if half is not None:
        # The 1st, 3rd, ... file by name are the tuning half, the 2nd, 4th, ... the test half.
        files = files[0 if half == "tuning" else 1 :: 2]
        print(f"   ({half} half: {len(files)} files)")
    for f in files:
        p = os.path.join(d, f)
        truth = list(csv.DictReader(open(os.path.join(d, "truth", f + ".csv"), encoding="utf-8")))
        # (JSON Lines keep the text as written; CSV defuses cells a spreadsheet would run.)
        r = subprocess.run([coda, "segments", p, "--format", "jsonl"], capture_output=True, text=True)
        rows = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
        flagged = subprocess.run([coda, "check", p], capture_output=True, text=True).returncode != 0
        got = [(x["speaker"], " ".join(x["text"].split()[:4])) for x in rows]
        want = [(t["speaker"], " ".join(t["first_words"].split()[:4])) for t in truth]
        cjk = "japanese" in f or "cjk" in f
        ok = len(got) == len(want) and all(same(a, b, cjk) for a, b in zip(got, want))
        total += 1
        right += ok
        if not ok:
            flagged_wrong += flagged
            silent_wrong += not flagged
        first = ""
        if not ok:
            for i in range(max(len(got), len(want))):
                a = got[i] if i < len(got) else None
                b = want[i] if i < len(want) else None
                if a is None or b is None or not same(a, b, cjk):
                    first = f"; first difference at turn {i + 1}: coda {a}, truth {b}"
                    break
        state = "right" if ok else ("wrong, flagged by check" if flagged else "WRONG, NOT FLAGGED")
        print(f"  {state}: {f}: {len(got)} turns (truth {len(want)}){first}")
    print(f"  {right}/{total} exactly right; {flagged_wrong} wrong but flagged; {silent_wrong} wrong and not flagged")

"""Shared helpers for the blind-8 generators."""
import csv
import os

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FILES = os.path.join(BASE, "files")
TRUTH = os.path.join(BASE, "truth")
os.makedirs(FILES, exist_ok=True)
os.makedirs(TRUTH, exist_ok=True)


def fw(text):
    """First four whitespace tokens (Python str.split: NBSP, U+3000 count as whitespace)."""
    return " ".join(text.split()[:4])


def merge(blocks):
    """blocks: list of (speaker, block_text, note). Merge consecutive same non-empty speaker."""
    rows = []
    for spk, txt, note in blocks:
        if rows and spk and rows[-1]["spk"] == spk:
            rows[-1]["n"] += 1
            continue
        rows.append({"spk": spk, "txt": txt, "note": note or "", "n": 1})
    out = []
    for r in rows:
        if r["n"] > 1:
            assert len(r["txt"].split()) >= 4, ("first block of merged run too short", r)
            note = (r["note"] + "; " if r["note"] else "") + f"merged {r['n']} blocks"
        else:
            note = r["note"]
        out.append((r["spk"], fw(r["txt"]), note))
    return out


def write_truth(fname, rows):
    assert 6 <= len(rows) <= 15, (fname, len(rows))
    with open(os.path.join(TRUTH, fname + ".csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["turn", "speaker", "first_words", "note"])
        for i, (s, t, n) in enumerate(rows, 1):
            w.writerow([i, s, t, n])


def write_bytes(fname, data):
    with open(os.path.join(FILES, fname), "wb") as f:
        f.write(data)

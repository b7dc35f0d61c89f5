"""Shared helpers: build a transcript as segments, derive the answer key."""
import csv, os

OUT = "/tmp/held-out-6"


def norm(s):
    return " ".join(s.split())


class F:
    def __init__(self, name, merge=True, min4=False):
        self.name = name
        self.lines = []
        self.turns = []  # (speaker, body, note)
        self.merge = merge
        self.min4 = min4  # every turn must have >=4 tokens (trailing markup)

    def n(self, *raw):
        """non-turn lines"""
        self.lines.extend(raw)

    def t(self, spk, raw, body, note=""):
        assert norm(body) in norm(raw), (self.name, body, raw)
        self.lines.append(raw)
        self.turns.append((spk, body, note))

    def rows(self):
        return derive(self.name, self.turns, self.merge, self.min4)


def derive(name, turns, merge=True, min4=False):
    rows = []
    prev = None
    for spk, body, note in turns:
        toks = body.split()
        if min4:
            assert len(toks) >= 5, (name, body)
        if merge and rows and spk != "" and spk == prev:
            if note:
                rows[-1][3] = (rows[-1][3] + "; " + note).strip("; ")
            rows[-1][4] += 1
            continue
        rows.append([spk, " ".join(toks[:4]), body, note, 1])
        prev = spk
    # first block of a merged run must have >= 4 tokens
    for r in rows:
        if r[4] > 1:
            assert len(r[2].split()) >= 4, (name, r)
    out = []
    for i, r in enumerate(rows, 1):
        note = r[3]
        if r[4] > 1:
            note = (("merged %d consecutive blocks" % r[4]) + ("; " + note if note else ""))
        out.append((i, r[0], r[1], note))
    return out


def write_truth(fname, rows):
    with open(os.path.join(OUT, "truth", fname + ".csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["turn", "speaker", "first_words", "note"])
        for r in rows:
            w.writerow(r)


def write_text(f, encoding="utf-8", newline="\n", trailing=True, bom=False):
    text = "\n".join(f.lines) + ("\n" if trailing else "")
    text = text.replace("\r\n", "\n").replace("\n", newline)
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(OUT, f.name), "wb") as fh:
        fh.write(data)
    write_truth(f.name, f.rows())

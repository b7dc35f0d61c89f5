#!/usr/bin/env python3
"""Re-verify every truth CSV against the file as written (not against gen.py's data).

For each file: decode it on its own (BOM sniffing, strict UTF-8, else cp1252; docx/odt
by parsing the XML in the zip), normalise invisible characters and whitespace, then for
each truth row check that first_words occurs after the previous row's first_words, and
that the speaker (if non-empty) is the nearest speaker label in the 60 characters
before first_words (for the NVivo export, where the Speaker column follows the
Content column: occurs after it and before the next turn, with no other speaker).  Also checks turn numbering and the 6-15 turn range.
"""
import csv, os, re, sys, zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FILES, TRUTH = os.path.join(ROOT, "files"), os.path.join(ROOT, "truth")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
T = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def docx_text(path):
    root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    out = []
    for p in root.iter(W + "p"):
        buf = []
        for el in p.iter():
            if el.tag == W + "t":
                buf.append(el.text or "")
            elif el.tag == W + "tab":
                buf.append("\t")
            elif el.tag in (W + "br", W + "cr"):
                buf.append("\n")
        out.append("".join(buf))
    return "\n".join(out), "docx/xml utf-8"


def odt_text(path):
    z = zipfile.ZipFile(path)
    assert z.namelist()[0] == "mimetype" and z.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    root = ET.fromstring(z.read("content.xml"))

    def walk(el):
        s = el.text or ""
        for ch in el:
            if ch.tag == T + "tab":
                s += "\t"
            elif ch.tag == T + "s":
                s += " " * int(ch.get(T + "c", "1"))
            elif ch.tag == T + "line-break":
                s += "\n"
            else:
                s += walk(ch)
            s += ch.tail or ""
        return s
    paras = [walk(p) for p in root.iter() if p.tag in (T + "p", T + "h")]
    return "\n".join(paras), "odt/xml utf-8"


def plain_text(path):
    b = open(path, "rb").read()
    if b[:2] in (b"\xff\xfe", b"\xfe\xff"):
        enc = "utf-16"
    elif b[:3] == b"\xef\xbb\xbf":
        enc = "utf-8-sig"
    else:
        try:
            b.decode("utf-8"); enc = "utf-8"
        except UnicodeDecodeError:
            enc = "cp1252"
    s = b.decode(enc)
    eol = "CRLF" if "\r\n" in s else "LF"
    return s, f"{enc} {eol}"


def norm(s):
    s = re.sub(r"[\u200b-\u200f\u2060\ufeff]", "", s)
    s = s.replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s)


def check(fname):
    path = os.path.join(FILES, fname)
    ext = fname.rsplit(".", 1)[-1]
    raw, enc = (docx_text if ext == "docx" else odt_text if ext == "odt" else plain_text)(path)
    text = norm(raw)
    rows = list(csv.DictReader(open(os.path.join(TRUTH, fname + ".csv"), encoding="utf-8", newline="")))
    errs = []
    if [int(r["turn"]) for r in rows] != list(range(1, len(rows) + 1)):
        errs.append("turn numbers not 1..N")
    if not 6 <= len(rows) <= 15:
        errs.append(f"{len(rows)} turns")
    pos, spans = 0, []
    for r in rows:
        fw = norm(r["first_words"]).strip()
        i = text.find(fw, pos)
        if not fw or i < 0:
            errs.append(f"turn {r['turn']}: first_words {fw!r} not found after {pos}")
            spans.append((pos, pos)); continue
        spans.append((i, i + len(fw))); pos = i + len(fw)
    speakers = {norm(r["speaker"]).strip() for r in rows} - {""}
    label_after = fname.startswith("nvivo")          # NVivo rows: Content column before Speaker
    for k, r in enumerate(rows):
        sp = norm(r["speaker"]).strip()
        if not sp:
            continue
        lo = spans[k - 1][1] if k else 0
        hi = spans[k + 1][0] if k + 1 < len(rows) else len(text)
        if label_after:
            region = text[spans[k][1]:hi]
            others = [o for o in speakers if o != sp and o in region]
            if sp not in region or others:
                errs.append(f"turn {r['turn']}: speaker {sp!r} not (only) label after text; others={others}")
        else:
            # label must be the nearest speaker label within 60 chars before first_words
            win = text[max(lo, spans[k][0] - 60):spans[k][0]]
            best = max(speakers, key=lambda o: (win.rfind(o) + len(o) if o in win else -1, len(o)))
            if sp not in win or best != sp:
                errs.append(f"turn {r['turn']}: speaker {sp!r} not the label just before first_words (window {win!r})")
        # adjacent rows must not share a speaker (merge convention)
        if k and sp == norm(rows[k - 1]["speaker"]).strip():
            errs.append(f"turn {r['turn']}: same speaker as previous row (should be merged)")
    return errs, enc, len(rows)


def main():
    files = sorted(os.listdir(FILES))
    bad = 0
    missing = [f for f in files if not os.path.exists(os.path.join(TRUTH, f + ".csv"))]
    for f in files:
        if f in missing:
            print(f"FAIL {f}: no truth"); bad += 1; continue
        errs, enc, n = check(f)
        print(f"{'OK  ' if not errs else 'FAIL'} {f}  [{enc}, {n} turns]")
        for e in errs:
            print("     ", e)
        bad += bool(errs)
    extra = set(x[:-4] for x in os.listdir(TRUTH)) - set(files)
    for x in extra:
        print("FAIL truth without file:", x); bad += 1
    print(f"{len(files)} files, {bad} failing")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()

"""Re-check every truth CSV of blind set 8 against the file as written.

For each file: decode it (BOM sniffing, UTF-8, else Windows-1252; .docx -> word/document.xml
text, .odt -> content.xml text), drop zero-width characters, strip court line numbers,
collapse whitespace, then require every truth row's speaker + label residue + first_words to
occur in order.  Rows without a speaker must start a paragraph/line.  Prints OK/FAIL per file."""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FILES = os.path.join(BASE, "files")
TRUTH = os.path.join(BASE, "truth")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TX = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
ZW = re.compile("[\u200b\u200c\u200d\u200e\u200f\u2060\ufeff]")


def docx_paras(data):
    with zipfile.ZipFile(data) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        buf = []
        for el in p.iter():
            if el.tag == W + "t":
                buf.append(el.text or "")
            elif el.tag == W + "tab":
                buf.append("\t")
            elif el.tag in (W + "br", W + "cr"):
                buf.append("\n")
        paras.append("".join(buf))
    return paras


def odt_paras(data):
    with zipfile.ZipFile(data) as z:
        assert z.namelist()[0] == "mimetype"
        root = ET.fromstring(z.read("content.xml"))

    def walk(el):
        out = [el.text or ""]
        for ch in el:
            if ch.tag == TX + "s":
                out.append(" " * int(ch.get(TX + "c", "1")))
            elif ch.tag == TX + "tab":
                out.append("\t")
            elif ch.tag == TX + "line-break":
                out.append("\n")
            else:
                out.append(walk(ch))
            out.append(ch.tail or "")
        return "".join(out)
    return [walk(p) for p in root.iter() if p.tag in (TX + "p", TX + "h")]


def decode(raw):
    if raw.startswith(b"\xff\xfe"):
        return raw[2:].decode("utf-16-le"), "utf-16-le BOM"
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be"), "utf-16-be BOM"
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8 BOM"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "cp1252"


def text_paras(path):
    raw = open(path, "rb").read()
    text, enc = decode(raw)
    lines = re.split(r"\r\n|\r|\n", text)
    numbered = [l for l in lines if re.match(r"^\s*\d{1,2}\s{2,}\S", l)]
    if len(numbered) >= 10:  # court transcript: drop the margin line numbers
        lines = [re.sub(r"^\s*\d{1,2}\s{2,}", "", l) for l in lines]
    return lines, enc


GAP = (r"(?:\s|[:：\]\[>.\-–—]|\([^)]{0,40}\)|（[^）]{0,20}）"
       r"|\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?)*?")


def norm(s):
    """Drop zero-width chars; collapse whitespace runs (a run holding a tab becomes one tab)."""
    return re.sub(r"\s+", lambda m: "\t" if "\t" in m.group() else " ", ZW.sub("", s))


def check(fname):
    path = os.path.join(FILES, fname)
    if fname.endswith(".docx"):
        paras, enc = docx_paras(path), "docx xml"
    elif fname.endswith(".odt"):
        paras, enc = odt_paras(path), "odt xml"
    else:
        paras, enc = text_paras(path)
    full = norm("\n".join(paras))
    starts = {norm(p).strip() for p in paras}
    rows = list(csv.reader(open(os.path.join(TRUTH, fname + ".csv"), encoding="utf-8", newline="")))
    errs = []
    if rows[0] != ["turn", "speaker", "first_words", "note"]:
        errs.append("bad header")
    rows = rows[1:]
    if not 6 <= len(rows) <= 15:
        errs.append(f"{len(rows)} rows")
    cur = 0
    prev = None
    for r in rows:
        n, spk, words, _ = r
        if len(words.split()) > 4 or not words:
            errs.append(f"row {n}: first_words has {len(words.split())} tokens")
        if spk and (spk.endswith(":") or "(" in spk or "**" in spk):
            errs.append(f"row {n}: speaker not cleaned: {spk!r}")
        if spk and spk == prev:
            errs.append(f"row {n}: same speaker as previous row (should be merged)")
        prev = spk
        if spk:
            m = re.compile(r"(?<!\w)" + re.escape(spk) + GAP + re.escape(words)).search(full, cur)
            if not m:
                errs.append(f"row {n}: {spk!r} + {words!r} not found after offset {cur}")
                continue
            # strict: after row 1 (front matter may repeat labels), the first label-like
            # occurrence of this speaker after the previous row must be the matched one
            if n != "1":
                delim = r"[:：\t\]\)(（]" + ("|\\." if len(spk) <= 2 else "")
                lab = re.compile(r"(?<!\w)" + re.escape(spk) + r"(?!\w) ?(?:" + delim + r"|\d{1,2}:\d{2})")
                first = lab.search(full, cur)
                if first and first.start() != m.start():
                    errs.append(f"row {n}: first {spk!r} label after previous row is at {first.start()}, "
                                f"but first_words follow the one at {m.start()}")
            cur = m.end()
        else:
            i = full.find(words, cur)
            if i < 0:
                errs.append(f"row {n}: {words!r} not found after offset {cur}")
                continue
            if not any(p.startswith(words) for p in starts):
                errs.append(f"row {n}: {words!r} does not open a paragraph")
            cur = i + len(words)
    return errs, enc, len(rows)


def main():
    names = sorted(f for f in os.listdir(FILES) if not f.startswith("."))
    truths = sorted(f[:-4] for f in os.listdir(TRUTH) if f.endswith(".csv"))
    bad = 0
    if names != truths:
        print("FAIL file/truth mismatch:", set(names) ^ set(truths))
        bad += 1
    for f in names:
        errs, enc, n = check(f)
        if errs:
            bad += 1
            print(f"FAIL {f} ({enc}, {n} rows)")
            for e in errs:
                print("     ", e)
        else:
            print(f"OK   {f} ({enc}, {n} rows)")
    print(f"{len(names) - bad}/{len(names)} OK")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()

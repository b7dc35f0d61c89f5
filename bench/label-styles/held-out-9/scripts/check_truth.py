"""Independent check of truth/*.csv against the files.

For each file: decode it (or pull text out of docx/odt XML), check every
first_words string and speaker occurs in the text, then re-extract the speaker
sequence with a small per-style regex, merge consecutive same speakers, and
compare speaker sequence, turn count and first words with the truth CSV.
"""
import csv
import os
import re
import sys
import zipfile

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

ENC = {
    "happyscribe_jeugdzorg_nl.txt": "cp1252",
    "focus_group_riverside_tenants.txt": "cp1252",
    "wywiad_pomoc_spoleczna_pl.txt": "cp1250",
    "maxqda_sheltered_housing.txt": "utf-16",
    "teams_homelessness_panel.vtt": "utf-8-sig",
}


def norm(s):
    return " ".join(s.split())


def docx_paras(path):
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    xml = re.sub(r"<w:br/>|<w:tab/>", "<w:t> </w:t>", xml)
    paras = []
    for pm in re.finditer(r"<w:p>(.*?)</w:p>|<w:p [^>]*>(.*?)</w:p>", xml):
        body = pm.group(1) or pm.group(2) or ""
        t = "".join(re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", body))
        paras.append(unescape(t))
    return paras, xml


def odt_paras(path):
    xml = zipfile.ZipFile(path).read("content.xml").decode("utf-8")
    xml = re.sub(r"<text:line-break/>|<text:tab/>|<text:s/>", " ", xml)
    xml = re.sub(r'<text:s text:c="(\d+)"/>', lambda m: " " * int(m.group(1)), xml)
    paras = [unescape(re.sub(r"<[^>]+>", "", m.group(1)))
             for m in re.finditer(r"<text:[ph][^>]*>(.*?)</text:[ph]>", xml)]
    return paras, xml


def unescape(s):
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


def load(name):
    path = os.path.join(OUT, name)
    if name.endswith(".docx"):
        paras, _ = docx_paras(path)
        return "\n".join(paras), paras
    if name.endswith(".odt"):
        paras, _ = odt_paras(path)
        return "\n".join(paras), paras
    raw = open(path, "rb").read()
    text = raw.decode(ENC.get(name, "utf-8"))
    text = text.replace("\r\n", "\n")
    return text, text.split("\n")


def extract(name, text, lines):
    """Return list of (speaker, first text line) per labelled block."""
    out = []
    L = lines
    if name.startswith("otter"):
        for i, l in enumerate(L):
            m = re.match(r"^(.+?)  \d+:\d\d  $", l)
            if m:
                out.append((m.group(1), L[i + 1]))
    elif name.startswith("rev"):
        for i, l in enumerate(L):
            m = re.match(r"^(.+?) \(\d\d:\d\d:\d\d\):$", l)
            if m:
                out.append((m.group(1), L[i + 1]))
    elif name.startswith("trint"):
        for i, l in enumerate(L):
            m = re.match(r"^\[\d\d:\d\d:\d\d\] (.+)$", l)
            if m:
                out.append((m.group(1), L[i + 1]))
    elif name.startswith("happyscribe"):
        for i, l in enumerate(L):
            m = re.match(r"^\[\d\d:\d\d:\d\d\.\d\d\] - (.+)$", l)
            if m:
                out.append((m.group(1), L[i + 1]))
    elif name.startswith("sonix"):
        for l in L:
            m = re.match(r"^([^:]+): \[\d\d:\d\d:\d\d\] (.*)$", l)
            if m:
                out.append(m.groups())
    elif name.startswith("scribie"):
        for l in L:
            m = re.match(r"^\d\d:\d\d (S\d): (.*)$", l)
            if m:
                out.append(m.groups())
    elif name.startswith("teams_mental"):
        for i, l in enumerate(L):
            m = re.match(r"^(.+?) \([^)]*\)   \d+:\d\d$", l)
            if m:
                out.append((m.group(1), L[i + 1]))
    elif name.startswith("zoom"):
        for l in L:
            m = re.match(r"^([A-Z][^:]+): (.*)$", l)
            if m and "-->" not in l:
                out.append(m.groups())
    elif name.startswith("teams_homeless"):
        for l in L:
            m = re.match(r"^<v ([^>]+)>(.*)</v>$", l)
            if m:
                out.append((re.sub(r"\s*\([^)]*\)$", "", m.group(1)), m.group(2)))
    elif name.startswith("google_meet"):
        started = False
        for l in L:
            if l == "Transcript":
                started = True
                continue
            m = re.match(r"^([^:]+): (.*)$", l)
            if started and m:
                out.append(m.groups())
    elif name.startswith("whisperx"):
        for l in L:
            m = re.match(r"^\[(SPEAKER_\d\d)\]: (.*)$", l)
            if m:
                out.append(m.groups())
    elif name.startswith("nvivo"):
        xml = zipfile.ZipFile(os.path.join(OUT, name)).read("word/document.xml").decode()
        for row in re.findall(r"<w:tr>(.*?)</w:tr>", xml)[1:]:
            cells = [unescape("".join(re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", c)))
                     for c in re.findall(r"<w:tc>(.*?)</w:tc>", row)]
            if cells[2].strip():
                out.append((cells[2], cells[1]))
    elif name.startswith("maxqda"):
        for l in L:
            m = re.match(r"^\d+\t(I|R): (.*)$", l)
            if m:
                out.append(m.groups())
    elif name.startswith("f4"):
        for l in L:
            m = re.match(r"^(I|B): (.*) #\d\d:\d\d:\d\d-\d#$", l)
            if m:
                out.append(m.groups())
    elif name.startswith("wywiad"):
        for l in L:
            m = re.match(r"^\[\d\d:\d\d:\d\d\] ([A-Z]{2}): (.*)$", l)
            if m:
                out.append(m.groups())
    elif name.startswith("intervju"):
        for l in L:
            m = re.match(r"^([^\t:]+?)(?: \([^)]*\))?: (.*)$", l)
            if m:
                out.append(m.groups())
    elif name.startswith("focus"):
        prev_blank = True
        for l in L:
            m = re.match(r"^((?:P\d|F|Several|Unidentified male))(?: \([^)]*\))?: (.*)$", l)
            if m and prev_blank:
                out.append(m.groups())
            prev_blank = (l.strip() == "")
    elif name.startswith("interpreter"):
        for l in L:
            m = re.match(r"^(INT|INTERPRETER|P07)(?: \([^)]*\))?:\t(.*)$", l)
            if m:
                out.append(m.groups())
    elif name.startswith("tribunal"):
        for l in L:
            m = re.match(r"^\s?\d{1,2}  \s*(Q|A|THE CHAIR|MR HOLLIS)[.:]  (.*)$", l)
            if m:
                out.append(m.groups())
    elif name.startswith("kaigo"):
        for l in L:
            m = re.match(r"^([^：【（―]+)：(.*)$", l)
            if m:
                out.append(m.groups())
    merged = []
    for s, t in out:
        if merged and merged[-1][0] == s:
            continue
        merged.append((s, t))
    return merged


def main():
    names = sorted(f for f in os.listdir(OUT) if os.path.isfile(os.path.join(OUT, f)) and f != "README.md")
    bad = 0
    for name in names:
        tpath = os.path.join(OUT, "truth", name + ".csv")
        rows = list(csv.DictReader(open(tpath, encoding="utf-8", newline="")))
        text, lines = load(name)
        ntext = norm(text)
        errs = []
        for rw in rows:
            if norm(rw["first_words"]) not in ntext:
                errs.append(f"first_words not in text: {rw['first_words']!r}")
            if rw["speaker"] and rw["speaker"] not in text:
                errs.append(f"speaker not in text: {rw['speaker']!r}")
            if not rw["first_words"].strip():
                errs.append(f"empty first_words row {rw['turn']}")
        for a, b in zip(rows, rows[1:]):
            if a["speaker"] == b["speaker"]:
                errs.append(f"unmerged same speaker at turn {b['turn']}")
        ex = extract(name, text, lines)
        if len(ex) != len(rows):
            errs.append(f"turn count: truth {len(rows)} vs extracted {len(ex)}")
        for rw, (s, first) in zip(rows, ex):
            if rw["speaker"] != s:
                errs.append(f"turn {rw['turn']}: speaker {rw['speaker']!r} vs extracted {s!r}")
            toks = first.split()
            tf = rw["first_words"].split()
            if len(toks) >= 4:
                if tf != toks[:4]:
                    errs.append(f"turn {rw['turn']}: first_words {tf} vs {toks[:4]}")
            elif tf[:len(toks)] != toks:
                errs.append(f"turn {rw['turn']}: first_words {tf} vs short line {toks}")
        if not (8 <= len(rows) <= 25):
            errs.append(f"row count {len(rows)} outside 8..25")
        status = "OK " if not errs else "BAD"
        print(f"{status} {len(rows):3d} {name}")
        for e in errs:
            print("     ", e)
        bad += bool(errs)
    print(f"{len(names)} files, {bad} with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

"""Independent checks of the answer keys against the files as written.
1. every truth row's first_words occur, in order, as consecutive whitespace tokens of the file text
   (docx/odt text taken from the XML), and the speaker string occurs just before them;
2. for simple line-per-turn files, re-parse with a per-file regex and compare speaker + first_words."""
import csv, glob, os, re, sys, zipfile
import xml.etree.ElementTree as ET

D = "/tmp/held-out-6"
ENC = {"f4transkript_youth_diversion_latin9.txt": "iso8859_15",
       "macroman_cr_fieldnotes_unpaid_work_site.txt": "mac_roman"}
WN = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TN = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def docx_text(p):
    root = ET.fromstring(zipfile.ZipFile(p).read("word/document.xml"))
    out = []
    for el in root.iter():
        if el.tag == WN + "t":
            out.append(el.text or "")
        elif el.tag in (WN + "br", WN + "tab"):
            out.append(" ")
        elif el.tag in (WN + "p",):
            out.append("\n")
    return "".join(out)


def odt_text(p):
    root = ET.fromstring(zipfile.ZipFile(p).read("content.xml"))
    out = []
    def walk(el):
        if el.tag in (TN + "p", TN + "h"):
            out.append("\n")
        if el.tag in (TN + "s", TN + "tab", TN + "line-break"):
            out.append(" ")
        if el.text:
            out.append(el.text)
        for c in el:
            walk(c)
            if c.tail:
                out.append(c.tail)
    walk(root)
    return "".join(out)


def text_of(name):
    p = os.path.join(D, name)
    if name.endswith(".docx"):
        return docx_text(p)
    if name.endswith(".odt"):
        return odt_text(p)
    b = open(p, "rb").read()
    if b.startswith(b"\xef\xbb\xbf"):
        b = b[3:]
    return b.decode(ENC.get(name, "utf-8"))


def load(name):
    with open(os.path.join(D, "truth", name + ".csv"), newline="", encoding="utf-8") as fh:
        r = list(csv.reader(fh))
    assert r[0] == ["turn", "speaker", "first_words", "note"], name
    for i, row in enumerate(r[1:], 1):
        assert len(row) == 4 and row[0] == str(i), (name, row)
    return r[1:]


def seq_check(name, text, rows):
    toks = text.split()
    pos = 0
    errs = []
    for row in rows:
        fw = row[2].split()
        found = -1
        for i in range(pos, len(toks) - len(fw) + 1):
            if toks[i:i + len(fw)] == fw:
                found = i
                break
        if found < 0:
            errs.append("first_words not found in order: %r" % (row,))
            continue
        if row[1]:
            before = " ".join(toks[max(0, found - 8):found])
            if row[1] not in before and row[1].upper() not in before:
                errs.append("speaker not just before first_words: %r / %r" % (row, before))
        pos = found + len(fw)
    return errs


LINE_RE = {
    "maxqda_probation_caseload.txt": r"^(I|PO7): (.*?) #\d\d:\d\d:\d\d-\d#$",
    "f4transkript_youth_diversion_latin9.txt": r"^(I1|I2|Zoë): (.*?) #[\d:\-]+#$",
    "express_scribe_unpaid_work_caps_tab.txt": r"^([A-Z]+)(?: \([A-Z]+\))?\t(.*)$",
    "webex_transcript_recovery_pathways.txt": r"^\[\d\d:\d\d:\d\d [AP]M\] ([^:(]+?)(?: \([^)]*\))?: (.*)$",
    "riverside_two_interviewers_stigma.txt": r"^\(\d\d:\d\d:\d\d\) ([A-Z0-9 ]+?)(?: \([^)]*\))?: (.*)$",
    "podcastle_markdown_table_kinship_benefits.md": r"^\| (Amara|Bev|Leon) \| (.*) \|$",
    "html_export_saved_as_txt_temporary_accommodation.txt": r"^<p><b>([^<:]+):</b> (.*?)(?:<br>.*)?</p>$",
    "welsh_rural_services_cyfweliad.txt": r"^(Cyfwelydd|GH): (.*)$",
    "spanish_focus_group_vivienda.txt": r"^(Moderadora|Observadora|P\d)(?: \([^)]*\))?: (.*)$",
    "french_probation_interpreter_entretien.txt": r"^(ENQ|INT|M\. DIALLO) : (.*)$",
    "arabic_rtl_addiction_services.txt": r"^(\S+)(?: \([^)]*\))?: (.*)$",
    "korean_cjk_youth_probation.txt": r"^(면담자|참여자 A): (.*)$",
    "italian_assegno_inclusione_intervista.txt": r"^(Intervistatrice|Sig\.ra Bellandi): (.*)$",
}
# lines that match the regex but are metadata (checked by eye)
SKIP_LINES = {"Intervistatrice: G. Marchetti", "المشروع: خدمات علاج الإدمان في المجتمع", "التاريخ: ١٢/١١/٢٠٢٣",
              "المتحدثون: المُحاوِرة، المشارك (٤١ سنة)",
              "Moderadora: Lucía Ferrán · Observadora: Inés Calvo",
              "| Amara | Host |", "| Bev | Guest, kinship carer |", "| Leon | Guest, welfare rights adviser |"}


def srt_reparse(text):
    """runs of same speaker; returns rows and caption-rule violations"""
    cues = [c for c in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()) if c.strip()]
    runs, viol = [], []
    for c in cues:
        lines = c.split("\n")[2:]
        if all(re.fullmatch(r"(<i>)?\[[^\]]*\](</i>)?|[A-Z0-9 \-]+", l) for l in lines):
            continue  # sound cue or title card
        for l in lines:
            m = re.match(r"^(?:- )?([A-Za-z][A-Za-z ]*?): (.*)$", l)
            if m and (not runs or runs[-1][0] != m.group(1)):
                runs.append([m.group(1), [m.group(2)], c])
            elif m:
                runs[-1][1].append(m.group(2))
            else:
                runs[-1][1].append(l.lstrip("- "))
    rows = []
    for spk, parts, firstcue in runs:
        whole = " ".join(parts).split()
        first_cue_toks = [t for l in firstcue.split("\n")[2:] for t in l.split()]
        if len(whole) > len(first_cue_toks) and len(first_cue_toks) < 5:
            viol.append((spk, parts))
        rows.append((spk, " ".join(whole[:4])))
    return rows, viol


def reparse(name, text):
    rx = re.compile(LINE_RE[name])
    rows = []
    for line in re.split(r"\r\n|\r|\n", text):
        if line in SKIP_LINES:
            continue
        m = rx.match(line)
        if not m:
            continue
        spk, body = m.group(1), m.group(2)
        if rows and rows[-1][0] == spk:
            continue
        rows.append((spk, " ".join(body.split()[:4])))
    return rows


def main():
    bad = 0
    files = sorted(f for f in os.listdir(D) if os.path.isfile(os.path.join(D, f))
                   and f not in ("README.md", "common.py", "gen.py", "make_docs.py", "check.py"))
    for name in files:
        rows = load(name)
        text = text_of(name)
        errs = seq_check(name, text, rows)
        if name in LINE_RE:
            got = reparse(name, text)
            want = [(r[1], r[2]) for r in rows]
            if got != want:
                errs.append("reparse mismatch:\n  got  %r\n  want %r" % (got, want))
        if name.endswith(".srt"):
            got, viol = srt_reparse(text)
            want = [(r[1], r[2]) for r in rows]
            if got != want:
                errs.append("srt reparse mismatch:\n  got  %r\n  want %r" % (got, want))
            if viol:
                errs.append("caption rule: %r" % viol)
        print("%-55s %3d rows  %s" % (name, len(rows), "OK" if not errs else "FAIL"))
        for e in errs:
            print("   ", e)
        bad += bool(errs)
    missing = [f for f in files if not os.path.exists(os.path.join(D, "truth", f + ".csv"))]
    extra = [t for t in os.listdir(os.path.join(D, "truth")) if t[:-4] not in files]
    print("files:", len(files), "missing truth:", missing, "orphan truth:", extra)
    sys.exit(1 if bad else 0)


main()

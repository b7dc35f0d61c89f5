#!/usr/bin/env python3
"""Decode every test file and confirm each truth row's speaker and first_words
occur in the file's text (whitespace-normalised). Stdlib only."""
import csv, os, re, sys, zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENCODINGS = {
    "police_roti_record_of_interview.txt": "latin-1",
    "oral_history_rural_bus_ISO-8859-15_CR.txt": "iso-8859-15",
    "expressscribe_care_leavers_UTF-16BE.txt": "utf-16",      # BOM-detected (BE)
    "russian_family_support_cp1251.txt": "cp1251",
    "excel_tab_delimited_probation_cp1252.txt": "cp1252",
    "transcribeme_benefits_sanction.txt": "utf-8-sig",
    "notta_csv_export_welfare_rights.txt": "utf-8-sig",
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TX = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def docx_text(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        s = ""
        for el in p.iter():
            if el.tag == W + "t":
                s += el.text or ""
            elif el.tag == W + "tab":
                s += "\t"
            elif el.tag in (W + "br", W + "cr"):
                s += "\n"
        paras.append(s)
    return "\n".join(paras)


def odt_text(path):
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        assert names[0] == "mimetype" and z.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        root = ET.fromstring(z.read("content.xml"))

    def walk(el):
        s = el.text or ""
        for c in el:
            if c.tag == TX + "s":
                s += " " * int(c.get(TX + "c", "1"))
            elif c.tag == TX + "tab":
                s += "\t"
            elif c.tag == TX + "line-break":
                s += "\n"
            else:
                s += walk(c)
            s += c.tail or ""
        return s
    return "\n".join(walk(p) for p in root.iter() if p.tag in (TX + "p", TX + "h"))


def file_text(fn):
    path = os.path.join(ROOT, fn)
    if fn.endswith(".docx"):
        return docx_text(path)
    if fn.endswith(".odt"):
        return odt_text(path)
    raw = open(path, "rb").read()
    enc = ENCODINGS.get(fn, "utf-8")
    if enc == "utf-8":
        assert not raw.startswith(b"\xef\xbb\xbf"), fn + " has unexpected BOM"
    return raw.decode(enc)


def norm(s):
    return " ".join(s.split())


def main():
    bad = 0
    files = sorted(f for f in os.listdir(os.path.join(ROOT, "truth")) if f.endswith(".csv"))
    for tf in files:
        fn = tf[:-4]
        if not os.path.exists(os.path.join(ROOT, fn)):
            print("MISSING FILE", fn); bad += 1; continue
        text = norm(file_text(fn))
        with open(os.path.join(ROOT, "truth", tf), newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        if rows[0] != ["turn", "speaker", "first_words", "note"]:
            print("BAD HEADER", tf); bad += 1
        body = rows[1:]
        if not 5 <= len(body) <= 15:
            print("TURN COUNT %d outside 5-15: %s" % (len(body), tf)); bad += 1
        spk = set()
        for i, r in enumerate(body, 1):
            turn, speaker, fw, note = r
            if int(turn) != i:
                print("BAD NUMBERING", tf, turn); bad += 1
            if len(fw.split()) > 4 or not fw:
                print("BAD first_words length", tf, turn, fw); bad += 1
            if speaker and norm(speaker) not in text:
                print("SPEAKER NOT FOUND", tf, turn, repr(speaker)); bad += 1
            if norm(fw) not in text:
                print("FIRST_WORDS NOT FOUND", tf, turn, repr(fw)); bad += 1
            if i > 1 and speaker and speaker == body[i - 2][1]:
                print("UNMERGED consecutive speaker", tf, turn); bad += 1
            spk.add(speaker)
        if not 2 <= len(spk) <= 6:
            print("SPEAKER COUNT %d outside 2-6: %s" % (len(spk), tf)); bad += 1
        print("ok  %-58s %2d rows %d speakers" % (fn, len(body), len(spk)) if not bad else "..  " + fn)
    print("FAIL (%d problems)" % bad if bad else "ALL OK (%d files)" % len(files))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()

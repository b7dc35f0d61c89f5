#!/usr/bin/env python3
"""Build the .docx and .odt files of set 7 with zipfile and hand-written XML."""
import os, zipfile
from xml.sax.saxutils import escape
from gen import FILES, write_truth

W_NS = ('xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"')

CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
      '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
      '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '</Relationships>')
DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '</Relationships>')
STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
          f'<w:styles {W_NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/>'
          '<w:sz w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault></w:docDefaults>'
          '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:rPr><w:sz w:val="40"/></w:rPr></w:style>'
          '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style>'
          '</w:styles>')


def core(title, creator):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{escape(title)}</dc:title><dc:creator>{escape(creator)}</dc:creator>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2025-11-03T10:15:00Z</dcterms:created></cp:coreProperties>')


def app(name):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f'<Application>{escape(name)}</Application></Properties>')


def run(text, bold=False, italic=False, color=None, font=None):
    rpr = ""
    if font:
        rpr += f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/>'
    if bold:
        rpr += "<w:b/><w:bCs/>"
    if italic:
        rpr += "<w:i/><w:iCs/>"
    if color:
        rpr += f'<w:color w:val="{color}"/>'
    rpr = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    parts = []
    # support \t and \n inside run text
    buf = ""
    for ch in text:
        if ch in "\t\n":
            if buf:
                parts.append(f'<w:t xml:space="preserve">{escape(buf)}</w:t>')
                buf = ""
            parts.append("<w:tab/>" if ch == "\t" else "<w:br/>")
        else:
            buf += ch
    if buf:
        parts.append(f'<w:t xml:space="preserve">{escape(buf)}</w:t>')
    return f"<w:r>{rpr}{''.join(parts)}</w:r>"


def para(runs, style=None, spacing=None):
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if spacing:
        ppr += spacing
    ppr = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    return f'<w:p>{ppr}{"".join(runs)}</w:p>'


def table(rows):
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
           '<w:tblGrid><w:gridCol w:w="2500"/><w:gridCol w:w="6500"/></w:tblGrid>']
    for r in rows:
        out.append("<w:tr>")
        for c in r:
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>{para([run(c)])}</w:tc>')
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def write_docx(fname, body, title, appname):
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
           f'<w:document {W_NS}><w:body>{body}'
           '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" '
           'w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>')
    with zipfile.ZipFile(os.path.join(FILES, fname), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", doc)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/styles.xml", STYLES)
        z.writestr("docProps/core.xml", core(title, "Researcher"))
        z.writestr("docProps/app.xml", app(appname))


# ---------------------------------------------------------------- Teams
def teams():
    F, O = "Fiona Lindqvist", "Owen Maclaren-Tait"
    entries = [
        (F, "0:03", "OK, I think that's the transcript going. Thanks for making time, Owen. This is the interview about the move to the new case management system in the justice team."),
        (O, "0:14", "No problem. I've got till half past, then I've got a home visit in Dunraven."),
        (F, "0:20", "Great. So, first question. How has the new system changed how you write up supervision sessions?"),
        (O, "0:31", "It's slower, if I'm honest. Everything is drop-down menus now. There's no free text box for the bit that actually matters, which is what the person said and how they were."),
        (O, "0:52", "Sorry, I'm just going to shut the door, it's noisy out there."),
        (F, "1:05", "Sure. Do you find you're spending less time with people as a result?"),
        (O, "1:12", "Definitely. I'd say an extra hour a day on recording. And that's an hour I'm not out seeing folk in the rural patch, where the travel already eats half the day."),
        (F, "1:38", "Has anyone asked the team for feedback on it?"),
        (O, "1:44", "There was a survey. Three questions. One of them was: would you recommend the system to a colleague? I mean, what colleague?"),
        (F, "2:02", "Fair enough. I'll stop the recording there, thanks Owen."),
    ]
    body = [para([run("Justice team systems interview", bold=True)], style="Title"),
            para([run("3 November 2025, 10:02am")]),
            para([run("13m 21s")]),
            para([run(F + " started transcription")]),
            ]
    for sp, t, text in entries:
        first, last = sp.split(" ", 1)
        body.append(para([run(first + " "), run(last, color="616161"), run("   " + t, color="616161")]))
        body.append(para([run(text)]))
    body.append(para([run(F + " stopped transcription")]))
    write_docx("teams_meeting_transcript.docx", "".join(body), "Justice team systems interview", "Microsoft Office Word")
    turns = []
    for sp, t, text in entries:
        if turns and turns[-1][0] == sp:
            continue
        turns.append([sp, text])
    turns[0].append("Teams docx: 'Name   m:ss' paragraph (name split over runs) then text paragraph; 'started/stopped transcription' lines not turns")
    turns[3].append("two consecutive Teams entries by Owen (0:31, 0:52) merged into one turn")
    turns[6].append("'One of them was:' prose colon")
    write_truth("teams_meeting_transcript.docx", turns)


# ---------------------------------------------------------------- Google Docs
def gdocs():
    sp = '<w:spacing w:after="0" w:line="276" w:lineRule="auto"/>'
    Q = lambda t: para([run(t, bold=True, font="Arial")], spacing=sp)
    A = lambda *runs: para(list(runs), spacing=sp)
    a = lambda t, **k: run(t, font="Arial", **k)
    qa = [
        ("Q", "How long have you worked in detached youth work?"),
        ("A", [a("Eleven years this summer. I started as a sessional worker on the Friday night bus and just never left.")]),
        ("Q", "What does a typical Friday look like now?"),
        ("A", [a("We meet at the centre at six, check the kit, and head out by seven. We go to the same three spots every week: the skate park, the Co-op car park and the bench by the war memorial. It's "),
               a("consistency", bold=True), a(" that matters. If we're not there one week, they notice.")]),
        ("Q", "Do young people ever talk to you about contact with the police?"),
        ("A", [a("All the time. A lot of them have been stopped and searched, some of them more than once a month."),
               a("\nThey don't always tell their parents, but they tell us.")]),
        ("A2", [a("We had one girl who was convinced she'd get a criminal record for being in a group. We got the community officer to come and talk to them, just informally, and that really helped.")]),
        ("Q", "What would you change, if you could?"),
        ("A", [a("Funding that lasts longer than a year. Every March we don't know if we'll be running in April.")]),
    ]
    body = [para([a("Interview 3 – detached youth worker", bold=True)], style="Title"),
            table([["Participant", "P3 (youth worker, 11 yrs)"], ["Date", "12/05/2025"], ["Interviewer", "SD"]]),
            para([a("Interviewer questions are in bold. Participant responses in plain text.", italic=True)], spacing=sp),
            para([], spacing=sp)]
    for kind, content in qa:
        if kind == "Q":
            body.append(Q(content))
        else:
            body.append(A(*content))
        body.append(para([], spacing=sp))
    write_docx("gdocs_bold_questions.docx", "".join(body), "Interview 3", "Google Docs")
    turns = [["", "How long have you worked in detached youth work?", "interviewer question marked only by bold; no labels anywhere"],
             ["", "Eleven years this summer. I started", "participant answer, plain"],
             ["", "What does a typical Friday look like now?", "bold question"],
             ["", "We meet at the centre at six", "answer contains a bold word 'consistency' mid-paragraph: not a question; 'every week:' prose colon"],
             ["", "Do young people ever talk to you about contact with the police?", "bold question"],
             ["", "All the time. A lot of them", "answer with w:br line break and a second paragraph: one turn"],
             ["", "What would you change, if you could?", "bold question"],
             ["", "Funding that lasts longer than a year.", "last answer; metadata table and italic key are not turns"]]
    for t in turns:
        t[1] = " ".join(t[1].split()[:5])
    write_truth_rows("gdocs_bold_questions.docx", turns)


def write_truth_rows(fname, rows):
    import csv
    from gen import TRUTH
    with open(os.path.join(TRUTH, fname + ".csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["turn", "speaker", "first_words", "note"])
        for i, (sp, fw, note) in enumerate(rows, 1):
            w.writerow([i, sp, fw, note])


# ---------------------------------------------------------------- ODT
def odt():
    M, D = "MC", "Duncan Ferrie"
    turns = [
        (M, ["Thanks, Duncan. Could you start by describing your caseload at the moment?"]),
        (D, ["Thirty-four, which is high for this area. About a third are on community payback orders with supervision, a handful on licence, and the rest are diversion or structured deferred sentences.",
             "The licence cases take the most time, because of the multi-agency meetings."]),
        (M, ["How much of your week is spent travelling?"]),
        (D, ["A day and a half, easily. The furthest client is ninety minutes each way, and if the ferry's off, it's a wasted day."]),
        (M, ["Do you think people in rural areas get a different kind of justice?"]),
        (D, ["In some ways a better one. Sheriffs here know the local services, so they'll tailor an order.",
             "In other ways worse: there are fewer unpaid work placements, so people wait months to start their hours."]),
        (M, ["Last question. What keeps you in the job?"]),
        (D, ["Seeing someone finish an order and not come back. That's it, really."]),
    ]
    ps = ['<text:p text:style-name="Title">Probation in remote areas – interview 2</text:p>',
          '<text:p text:style-name="Meta">Interviewer<text:tab/>MC</text:p>',
          '<text:p text:style-name="Meta">Participant<text:tab/>Duncan Ferrie (pseudonym), justice social worker</text:p>',
          '<text:p text:style-name="Standard"/>']
    for sp, paras in turns:
        for j, p in enumerate(paras):
            p = escape(p).replace("  ", ' <text:s/>')
            if j == 0:
                ps.append(f'<text:p text:style-name="Turn"><text:span text:style-name="Label">{escape(sp)}</text:span><text:tab/>{p}</text:p>')
            else:
                ps.append(f'<text:p text:style-name="Turn"><text:tab/>{p}</text:p>')
    ps.append('<text:p text:style-name="Standard">***</text:p>')
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3"')
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               f'<office:document-content {ns}><office:automatic-styles>'
               '<style:style style:name="Label" style:family="text"><style:text-properties fo:font-variant="small-caps" fo:font-weight="bold"/></style:style>'
               '<style:style style:name="Turn" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.5cm" fo:text-indent="-1.5cm"/></style:style>'
               '</office:automatic-styles><office:body><office:text>'
               + "".join(ps) + '</office:text></office:body></office:document-content>')
    styles = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {ns}><office:styles>'
              '<style:style style:name="Standard" style:family="paragraph"/>'
              '<style:style style:name="Title" style:family="paragraph"/><style:style style:name="Meta" style:family="paragraph"/>'
              '</office:styles></office:document-styles>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    ns_meta = ns.replace("office:version", 'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version')
    meta = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {ns_meta}>'
            '<office:meta><meta:generator>LibreOffice/7.6.4.1$Linux_X86_64</meta:generator></office:meta></office:document-meta>')
    path = os.path.join(FILES, "libreoffice_tab_labels.odt")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("styles.xml", styles, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("meta.xml", meta, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    tr = [[sp, " ".join(" ".join(paras).split()[:5])] for sp, paras in turns]
    tr[0].append("label then text:tab, no colon; label in small-caps span; metadata lines 'Interviewer<tab>MC' / 'Participant<tab>...' look like turns but are header")
    tr[1].append("continuation paragraph starts with a tab and no label: same turn")
    tr[5].append("'worse:' prose colon in continuation paragraph")
    write_truth("libreoffice_tab_labels.odt", [[a, " ".join(p)] + c for (a, p), (_, _, *c) in zip(turns, tr)])


def main():
    teams(); gdocs(); odt()


if __name__ == "__main__":
    main()

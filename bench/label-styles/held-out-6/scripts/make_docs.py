"""Write the .docx and .odt files of held-out set 6 (zipfile + hand-written XML) and their answer keys."""
import zipfile
from xml.sax.saxutils import escape
from common import derive, write_truth, OUT

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def run(text, bold=False, italic=False, split_at=None):
    """one w:r; '\n' inside text becomes <w:br/>. split_at splits the run in two (rsid-style)."""
    rpr = ""
    if bold or italic:
        rpr = "<w:rPr>%s%s</w:rPr>" % ("<w:b/>" if bold else "", "<w:i/>" if italic else "")
    if split_at:
        a, b = text[:split_at], text[split_at:]
        return run(a, bold, italic) + run(b, bold, italic)
    parts = text.split("\n")
    inner = '<w:br/>'.join('<w:t xml:space="preserve">%s</w:t>' % escape(p) for p in parts)
    return "<w:r>%s%s</w:r>" % (rpr, inner)


def para(*runs, style=None):
    ppr = '<w:pPr><w:pStyle w:val="%s"/></w:pPr>' % style if style else ""
    return "<w:p>%s%s</w:p>" % (ppr, "".join(runs))


def table(rows, header=True):
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>']
    out.append("".join('<w:gridCol w:w="%d"/>' % w for w in ([1200, 2200, 6200][:len(rows[0])])))
    out.append("</w:tblGrid>")
    for i, r in enumerate(rows):
        out.append("<w:tr>")
        for c in r:
            out.append("<w:tc><w:tcPr><w:tcW w:w=\"0\" w:type=\"auto\"/></w:tcPr>%s</w:tc>" % para(run(c, bold=(header and i == 0))))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles %s><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/><w:sz w:val="22"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style></w:styles>""" % W


def write_docx(name, body_xml, title, footer_text=None):
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
          + ('<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>' if footer_text else "")
          + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
          '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
          '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
            '</Relationships>')
    drels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
             + ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>' if footer_text else "")
             + '</Relationships>')
    sect = '<w:sectPr>%s<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>' % (
        '<w:footerReference w:type="default" r:id="rId2"/>' if footer_text else "")
    doc = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document %s><w:body>%s%s</w:body></w:document>' % (W, body_xml, sect)
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:title>%s</dc:title><dc:creator>Transcriber</dc:creator>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2023-11-20T09:00:00Z</dcterms:created></cp:coreProperties>') % escape(title)
    app = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application></Properties>')
    with zipfile.ZipFile(OUT + "/" + name, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/_rels/document.xml.rels", drels)
        z.writestr("word/document.xml", doc)
        z.writestr("word/styles.xml", STYLES)
        if footer_text:
            z.writestr("word/footer1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr %s>%s</w:ftr>' % (W, para(run(footer_text), style="Footer")))
        z.writestr("docProps/core.xml", core)
        z.writestr("docProps/app.xml", app)


# ------------------------------------------------------------ Word "Transcribe" export
def word_transcribe():
    name = "word_transcribe_housing_repairs.docx"
    body = [para(run("housing_repairs_interview_12.m4a"), style="Heading1"),
            para(run("Transcript"), style="Heading2")]
    turns = []
    D = [
        ("00:00:00", "Speaker 1", "OK, I think that's working. So this is interview twelve for the repairs study. Could you start by telling me how long you've been in the flat?"),
        ("00:00:11", "Speaker 2", "Since 2016. So about seven years now. It's a council flat, well, it's the housing association now, Northgate Homes."),
        ("00:00:24", "Speaker 1", "And when did the damp start?"),
        ("00:00:27", "Speaker 2", "The winter after the new windows. They put the windows in and they didn't put the vents back, I'm sure of it."),
        ("00:00:45", "Speaker 2", "By February there was black mould behind the wardrobe. My youngest has asthma, so that was, you know, that was frightening."),
        ("00:01:02", "Speaker 1", "What happened when you reported it?"),
        ("00:01:05", "Speaker 2", "They sent someone who sprayed it and painted over it. Twice. The third time I asked for a surveyor and they said: \"that's not how the process works\"."),
        ("00:01:30", "Speaker 3", "Sorry, I'm just going to grab the little one, carry on."),
        ("00:01:34", "Speaker 2", "That's my partner. Anyway, in the end I went to the councillor and the ombudsman."),
        ("00:01:48", "Speaker 1", "Did that make a difference?"),
        ("00:01:50", "Speaker 2", "Within a week there was a surveyor. Within a month the vents were in. Funny, that."),
        ("00:02:05", "Speaker 1", "Thanks. That's really clear. Is there anything else you want to add?"),
        ("00:02:10", "Speaker 2", "Just that people shouldn't have to know who to complain to. It should just get fixed."),
    ]
    for ts, spk, txt in D:
        body.append(para(run(ts + " " + spk)))
        body.append(para(run(txt)))
        turns.append((spk, txt, "appears once" if spk == "Speaker 3" else ""))
    body.append(para(run("")))
    body.append(para(run("This transcript was generated automatically. Review for accuracy.", italic=True)))
    write_docx(name, "".join(body), "housing_repairs_interview_12")
    write_truth(name, derive(name, turns))


# ------------------------------------------------------------ Time | Speaker | Text table
def service_table():
    name = "service_table_time_speaker_text_jsw_reports.docx"
    body = [para(run("Clearword Transcription Ltd", bold=True)),
            para(run("Client: University of Elmsworth, School of Social Work")),
            para(run("File: JSW_11_interview.mp3    Turnaround: 5 days    Verbatim: intelligent")),
            para(run("Speakers: IV = Interviewer; JSW-11 = Participant (justice social worker)")),
            para(run(""))]
    rows = [["Time", "Speaker", "Text"]]
    turns = []
    D = [
        ("00:00:02", "Interviewer", "Interviewer", "So the focus today is on criminal justice social work reports. How many would you write in a typical month?"),
        ("00:00:10", "Participant (JSW-11)", "Participant", "Six to eight, depending on court. Last month it was eleven, which was ridiculous."),
        ("00:00:21", "Interviewer", "Interviewer", "What takes the most time in a report?"),
        ("00:00:25", "Participant (JSW-11)", "Participant", "Getting hold of people. The interview itself is an hour, maybe two. But getting them to turn up, that can take three appointments."),
        ("00:00:48", "Participant (JSW-11)", "Participant", "And then the collateral checks: police, health, sometimes the school if they're young."),
        ("00:01:03", "", None, "[Recording paused at participant's request]"),
        ("00:01:04", "Participant (JSW-11)", "Participant", "Sorry. Where were we? Collateral checks, yes."),
        ("00:01:10", "Interviewer", "Interviewer", "Do sheriffs read the whole report, do you think?"),
        ("00:01:15", "Participant (JSW-11)", "Participant", "Some do. One sheriff in Dunmore quotes them back at you, page numbers and all. Others go straight to the last page: the recommendation."),
        ("00:01:40", "Interviewer", "Interviewer", "And how often is the recommendation followed?"),
        ("00:01:44", "Participant (JSW-11)", "Participant", "More often than people think. Maybe seven times out of ten for a community payback order."),
        ("00:02:01", "", None, "[inaudible 00:02:01]"),
        ("00:02:04", "Interviewer", "Interviewer", "Thank you. That's everything from me."),
    ]
    for ts, lab, spk, txt in D:
        rows.append([ts, lab, txt])
        if spk:
            turns.append((spk, txt, "continues after [Recording paused] note row" if txt.startswith("Sorry. Where") else ""))
    body.append(table(rows))
    body.append(para(run("")))
    body.append(para(run("Transcribed by Clearword. Accuracy 99%. Terms: clearword.example/terms", italic=True)))
    write_docx(name, "".join(body), "JSW_11 transcript", footer_text="Clearword Transcription Ltd - Confidential - Page 1")
    rows_t = derive(name, turns)
    # annotate the merge across the note row
    write_truth(name, rows_t)


# ------------------------------------------------------------ bold names on their own paragraph
def bold_names():
    name = "bold_names_own_paragraph_peer_support.docx"
    body = [para(run("Peer Support Evaluation - Transcript 3"), style="Heading1"),
            para(run("Date: 22/11/2023. Location: Lantern House, Grayford. Present: Interviewer (A. Moyo); Niamh Gallagher (Peer Support Worker); Declan (service user, joined briefly).")),
            para(run(""))]
    turns = []
    NG = "Niamh Gallagher (Peer Support Worker)"

    def turn(lab, spk, paras, note="", split=None):
        body.append(para(run(lab, bold=True)))
        for i, p in enumerate(paras):
            body.append(para(run(p, split_at=(split if i == 0 else None))))
        turns.append((spk, " ".join(paras), note))

    turn("Interviewer", "Interviewer", ["Thanks for agreeing to this, Niamh. Can you tell me how you came to be a peer support worker?"])
    turn(NG, "Niamh Gallagher", ["Yeah so\nI started as a volunteer, after my own recovery. I'd been clean about two years and my key worker said: have you ever thought about giving something back?",
                                 "I did the training in 2019, and then a paid post came up here in 2020, right before lockdown."],
         note="soft line break (w:br) inside first four words")
    turn("Interviewer", "Interviewer", ["What does a normal day look like?"])
    turn(NG, "Niamh Gallagher", ["Recovery cafe in the morning, then usually two or three one-to-ones. A lot of it is just walking with people to appointments, the GP, the housing office."],
         split=3)
    body.append(para(run("Peer Support Evaluation - Transcript 3 - CONFIDENTIAL"), style="Footer"))
    body.append(para(run("2"), style="Footer"))
    turn(NG, "Niamh Gallagher", ["People don't realise how much the walking matters. You can't phone someone into going to the jobcentre."],
         note="continues after running-header and page-number paragraphs")
    turn("Interviewer", "Interviewer", ["Do you ever feel people see you differently because of your history?"])
    turn(NG, "Niamh Gallagher", ["Some of the professionals, yes. In one meeting a nurse asked if I was \"the client or the worker\". In front of everyone."])
    body.append(para(run("[Knock at door; Declan enters]", italic=True)))
    turn("Declan", "Declan", ["Sorry Niamh, are you still on for three o'clock?"], note="appears once")
    turn(NG, "Niamh Gallagher", ["Yes, see you at three. That's what I mean, really. That's the job."])
    turn("Interviewer", "Interviewer", ["Last question. What would you change about how peer support is funded?"])
    turn(NG, "Niamh Gallagher", ["Proper contracts. Most of us are on twelve-month funding, so every March we're wondering if we'll be here in April."])
    body.append(para(run("END OF TRANSCRIPT", bold=True)))
    write_docx(name, "".join(body), "Peer Support Evaluation - Transcript 3", footer_text="Page 1")
    rows = derive(name, turns)
    write_truth(name, rows)


# ------------------------------------------------------------ ODT focus group
ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"')


def odt_text(s):
    """escape; '\n' -> text:line-break, '\t' -> text:tab, runs of spaces -> text:s"""
    out = []
    for i, line in enumerate(s.split("\n")):
        if i:
            out.append("<text:line-break/>")
        segs = line.split("\t")
        for j, seg in enumerate(segs):
            if j:
                out.append("<text:tab/>")
            # collapse double spaces into text:s
            parts = seg.split("  ")
            out.append('<text:s/> '.join(escape(p) for p in parts) if len(parts) > 1 else escape(seg))
    return "".join(out)


def focus_group_odt():
    name = "focus_group_parents_youth_justice.odt"
    P = []
    turns = []
    P.append('<text:h text:style-name="Heading_20_1" text:outline-level="1">Focus group 3: parents and carers of young people in the youth justice system</text:h>')
    P.append('<text:p text:style-name="P1">Venue: Marlow Road Family Centre. Facilitator: C. Obi. Co-facilitator: R. Haddad. Recorded with consent.</text:p>')
    P.append('<text:p text:style-name="P1">Participant codes</text:p>')
    roster = [("Code", "Description"), ("F1", "Mother, son aged 15"), ("M2", "Father, son aged 17"),
              ("F3", "Grandmother and kinship carer"), ("Participant 4", "Mother, daughter aged 14")]
    t = ['<table:table table:name="Roster"><table:table-column table:number-columns-repeated="2"/>']
    for r in roster:
        t.append("<table:table-row>" + "".join('<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % escape(c) for c in r) + "</table:table-row>")
    t.append("</table:table>")
    P.append("".join(t))
    P.append('<text:p text:style-name="P1"/>')

    def turn(lab, spk, txt, note="", tab=False, lead=None):
        sep = "\t" if tab else " "
        P.append('<text:p text:style-name="P1"><text:span text:style-name="Bold">%s</text:span>%s</text:p>' % (escape(lab), odt_text(sep + txt)))
        turns.append((spk, txt, note))

    def note(txt):
        P.append('<text:p text:style-name="P1"><text:span text:style-name="Italic">%s</text:span></text:p>' % escape(txt))

    turn("Facilitator:", "Facilitator", "Welcome, everyone, and thank you for coming out on a wet evening. Let's start with how you first heard your child was in trouble with the police.")
    turn("F1:", "F1", "A phone call at two in the morning. Custody suite in Bramley.\nI didn't even know he was out of the house.", note="text:line-break inside turn")
    turn("M2:", "M2", "Same, a phone call. But ours was a Sunday afternoon, so at least I was awake (laughs).")
    turn("F3:", "F3", "The police came to the door. The neighbours saw the van, and that was it, everyone knew.", tab=True, note="text:tab between label and text")
    turn("Participant 4 (Mother):", "Participant 4", "Mine was the school. They rang me at work and said: \"we've had to call the police\". I had to leave a shift.")
    turn("Facilitator:", "Facilitator", "What happened next, in terms of support for you as parents?")
    turn("M2:", "M2", "Nothing for us. The YOT worker was good with my lad, credit where it's due, but parents, nothing.")
    turn("M2:", "M2", "There was a parenting order talked about. Note: talked about, never offered as help, more as a threat.")
    note("[Several participants speak at once]")
    turn("F1:", "F1", "That's exactly it. You feel like you're the one on trial.")
    turn("Co-facilitator:", "Co-facilitator", "Can I ask, did anyone get offered a parents' group, like this one?", note="appears once")
    turn("Participant 4 (Mother):", "Participant 4", "No. I found this through a Facebook post.")
    turn("F3:", "F3", "At my age, I thought I'd done with all this. I'm seventy-one.  And here I am again.", note="double space written as text:s")
    turn("Facilitator:", "Facilitator", "Thank you. We'll take a short break there.")
    P.append('<text:p text:style-name="P1"><text:span text:style-name="Italic">[BREAK - recording stopped 19:42]</text:span></text:p>')

    content = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content %s>'
               '<office:automatic-styles>'
               '<style:style style:name="Bold" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
               '<style:style style:name="Italic" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>'
               '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard"/>'
               '</office:automatic-styles><office:body><office:text>%s</office:text></office:body></office:document-content>') % (ODT_NS, "".join(P))
    styles = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles %s><office:styles>'
              '<style:style style:name="Standard" style:family="paragraph"/>'
              '<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"><style:text-properties fo:font-weight="bold"/></style:style>'
              '</office:styles></office:document-styles>') % ODT_NS
    meta = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta %s><office:meta><meta:generator>LibreOffice/7.5</meta:generator>'
            '<dc:title>Focus group 3</dc:title></office:meta></office:document-meta>') % ODT_NS
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(OUT + "/" + name, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("styles.xml", styles, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("meta.xml", meta, compress_type=zipfile.ZIP_DEFLATED)
    write_truth(name, derive(name, turns))


if __name__ == "__main__":
    word_transcribe()
    service_table()
    bold_names()
    focus_group_odt()
    print("ok")

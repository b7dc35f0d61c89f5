"""Build the .docx/.odt files of blind set 8 with zipfile + hand-written XML, and their truths."""
import io
import zipfile
from xml.sax.saxutils import escape
from common import fw, merge, write_truth, write_bytes

W_NS = ('xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
        'xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:w10="urn:schemas-microsoft-com:office:word" '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
        'xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml" '
        'mc:Ignorable="w14"')
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def t(text):
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def run(text, b=False, i=False, rsid="00A41C2E"):
    rpr = ""
    if b or i:
        rpr = "<w:rPr>" + ("<w:b/><w:bCs/>" if b else "") + ("<w:i/><w:iCs/>" if i else "") + "</w:rPr>"
    return f'<w:r w:rsidRPr="{rsid}">{rpr}{t(text)}</w:r>'


def para(inner, style=None, rsid="00D21F7A"):
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p w:rsidR="{rsid}" w:rsidRDefault="{rsid}">{ppr}{inner}</w:p>'


STYLES = (XML_DECL + f'<w:styles {W_NS}>'
          '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>'
          '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
          '<w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>'
          '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:qFormat/><w:rPr><w:sz w:val="40"/></w:rPr></w:style>'
          '</w:styles>')


def docx(body_xml, header_text=None, footer=False, title="Transcript"):
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
          + ('<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>' if header_text else '')
          + ('<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>' if footer else '')
          + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
          '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
          '</Types>')
    rels = (XML_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>')
    drels = (XML_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
             + ('<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>' if header_text else '')
             + ('<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>' if footer else '')
             + '</Relationships>')
    sect = ('<w:sectPr w:rsidR="00D21F7A">'
            + ('<w:headerReference w:type="default" r:id="rId8"/>' if header_text else '')
            + ('<w:footerReference w:type="default" r:id="rId9"/>' if footer else '')
            + '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/>'
            '<w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>')
    doc = XML_DECL + f'<w:document {W_NS}><w:body>{body_xml}{sect}</w:body></w:document>'
    core = (XML_DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{escape(title)}</dc:title><dc:creator>Research Team</dc:creator>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2026-12-02T10:00:00Z</dcterms:created></cp:coreProperties>')
    app = (XML_DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           '<Application>Microsoft Office Word</Application><AppVersion>16.0000</AppVersion></Properties>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", doc)
        z.writestr("word/_rels/document.xml.rels", drels)
        z.writestr("word/styles.xml", STYLES)
        if header_text:
            z.writestr("word/header1.xml", XML_DECL + f'<w:hdr {W_NS}>' + para(run(header_text), rsid="00B3E0C1") + '</w:hdr>')
        if footer:
            fld = ('<w:r><w:t xml:space="preserve">Page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                   '<w:r><w:instrText xml:space="preserve"> PAGE   \\* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                   '<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
            z.writestr("word/footer1.xml", XML_DECL + f'<w:ftr {W_NS}><w:p>{fld}</w:p></w:ftr>')
        z.writestr("docProps/core.xml", core)
        z.writestr("docProps/app.xml", app)
    return buf.getvalue()


# ------------------------------------------------------------ 3 Teams transcript docx
def teams():
    O = "Lindsay, Morag (NHS Highland)"
    C = "Farquhar, Craig"
    D = "MacLeod, Dolina (she/her)"
    turns = [
        (O, "0:03", "Okay, I think that's the transcription started. Thanks for joining, Craig."),
        (C, "0:09", "No bother. The signal's not great out here so bear with me if I freeze."),
        (O, "0:16", "That's fine. Can you say a bit about your role at the surgery in Lochcarron?"),
        (C, "0:24", "So I'm the practice manager, but in a place this size you end up doing a bit of everything."),
        (C, "0:33", "Prescriptions, the minibus rota, chasing the out-of-hours folk."),
        (O, "0:41", "And the social care side, how does that link in?"),
        (C, "0:47", "Honestly it's the biggest gap. We've got two carers covering about forty square miles."),
        (D, "1:05", "Sorry, can I come in there? That's exactly what we see at the community council."),
        (O, "1:12", "Please do, Dolina."),
        (D, "1:15", "People are being discharged from Raigmore on a Friday with no package in place, and it's the neighbours that pick it up."),
        (O, "2:40", "What would make the most difference, if you could pick one thing?"),
        (C, "2:48", "Housing for carers. You can't recruit if there's nowhere for them to live."),
        (D, "2:59", "Agreed. Key worker housing, and pay for the travel time."),
        (O, "3:10", "Great. I'll stop the recording there. Thank you both."),
    ]
    body = [para(run("Rural care workforce interview 6-20261202_100214-Meeting Recording"), style="Title"),
            para(run("2 December 2026, 10:02am")),
            para(run("14m 22s")),
            para(run(O) + run("   started transcription"))]
    blocks = []
    for lab, tm, txt in turns:
        body.append(para(run(lab) + run("   " + tm)))
        body.append(para(run(txt)))
        spk = lab.split(" (")[0]
        note = "name+time paragraph above text paragraph"
        if "(" in lab:
            note += "; org/pronoun parenthetical"
        blocks.append((spk, txt, note))
    body.append(para(run(O) + run("   stopped transcription")))
    data = docx("".join(body), title="Meeting transcript")
    return "teams_transcript_rural.docx", data, merge(blocks)


def roster_table(pairs):
    """Two-column metadata table as Word writes it (w:tbl/w:tr/w:tc); not turns."""
    grid = '<w:tblGrid><w:gridCol w:w="2400"/><w:gridCol w:w="6626"/></w:tblGrid>'
    pr = ('<w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
          '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>')
    trs = "".join('<w:tr w:rsidR="00D21F7A">'
                  f'<w:tc><w:tcPr><w:tcW w:w="2400" w:type="dxa"/></w:tcPr>{para(run(k + ":", b=True))}</w:tc>'
                  f'<w:tc><w:tcPr><w:tcW w:w="6626" w:type="dxa"/></w:tcPr>{para(run(v))}</w:tc></w:tr>'
                  for k, v in pairs)
    return f"<w:tbl>{pr}{grid}{trs}</w:tbl>"


# ------------------------------------------------------------ 15 bold questions, no labels
def boldq():
    items = [
        ("Q", "Can you tell me a bit about who you care for?"),
        ("A", "My husband, Bill. He had a stroke two years ago and he's needed help with most things since."),
        ("Q", "What support do you get from the council?"),
        ("A", "A carer comes in the morning, half seven, to get him washed and dressed. That's it."),
        ("A2", "We were meant to get a tea-time visit as well but they said there's |nobody| to cover our side of the glen."),
        ("N", "[phone rings; recording paused]"),
        ("Q", "How do you manage the rest of the day?"),
        ("A", "I do it. I'm seventy-three. My back's not what it was."),
        ("Q", "Have you been offered a carer's assessment?"),
        ("A", "Once, on the phone. Nobody followed it up."),
        ("Q", "What would help most?"),
        ("A", "Respite. Even one afternoon a week so I can go to the shops without worrying."),
    ]
    body = [para(run("Interview 3: Care at home in a rural parish"), style="Heading1"),
            roster_table([("Date", "14 March 2026"), ("Interviewer", "KM"),
                          ("Participant", "‘Irene’ (pseudonym), unpaid carer, 73")]),
            para("")]
    rows = []
    for kind, txt in items:
        if kind == "Q":
            body.append(para(run(txt, b=True)))
            rows.append(("", fw(txt), "interviewer question in bold, no label"))
        elif kind == "N":
            body.append(para(run(txt, i=True)))
        else:
            parts = txt.split("|")
            inner = "".join(run(p, b=(k % 2 == 1)) for k, p in enumerate(parts))
            body.append(para(inner))
            clean = txt.replace("|", "")
            rows.append(("", fw(clean), "answer paragraph" + ("; second paragraph of answer, own row; one bold word inside" if kind == "A2" else "")))
    data = docx("".join(body), title="Interview 3")
    return "bold_questions_nolabels_social_care.docx", data, rows


# ------------------------------------------------------------ 16 initials, split runs, header/footer
def initials():
    def label(parts):
        return "".join(f'<w:r w:rsidRPr="00C7710B"><w:rPr><w:b/><w:bCs/></w:rPr>{t(p)}</w:r>' for p in parts) + '<w:r><w:tab/></w:r>'
    RS, JM, AM = ["R.S.:"], ["J.", "M.:"], ["A.Mc", "K.:"]
    turns = [
        ("R.S.", RS, ["Thanks both for having me. J, could you start by telling me what a normal week looks like?"]),
        ("J.M.", JM, ["Well, Mum’s at the day centre Tuesdays and Thursdays, and the rest of the time it’s me.", "BR", "Unless Ailsa’s through from Dundee."]),
        ("A.McK.", AM, ["Which is most weekends now, to be fair."]),
        ("J.M.", JM, ["Most weekends, aye."]),
        ("R.S.", RS, ["And when was the last time you had a proper break?"]),
        ("J.M.", JM, ["A proper br", "|eak? Honestly, I couldn’t tell you. The respite bed at Whitehills was cancelled twice."]),
        ("J.M.", None, ["The second time they phoned the night before. I’d already packed her bag."]),
        ("R.S.", RS, ["How did that feel?"]),
        ("J.M.", JM, ["[pause] Like nobody’s actually counting us.", "PB", "We’re just there, doing it."]),
        ("A.McK.", AM, ["Can I say something? The social worker is lovely but she’s got ninety cases."]),
        ("R.S.", RS, ["That’s come up a lot in these interviews."]),
        ("A.McK.", AM, ["I bet it has."]),
    ]
    body = [para(run("Transcript C12 – Interview with J.M. (carer) and A.McK. (daughter)", b=True), style="Heading1"),
            para(run("Interviewer: R.S.") + '<w:r><w:tab/></w:r>' + run("Date: 21/01/2026") + '<w:r><w:tab/></w:r>' + run("Location: participant’s home, Kirriemuir")),
            para('<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>')]
    blocks = []
    for spk, lab, segs in turns:
        inner = label(lab) if lab else ""
        plain = []
        for s in segs:
            if s == "BR":
                inner += '<w:r><w:br/></w:r>'
                plain.append(" ")
            elif s == "PB":
                inner += '<w:r><w:lastRenderedPageBreak/>' + t(" ") + '</w:r>'
                plain.append(" ")
            elif s.startswith("|"):
                inner += '<w:proofErr w:type="spellStart"/>' + f'<w:r w:rsidR="00E12A9F">{t(s[1:])}</w:r>' + '<w:proofErr w:type="spellEnd"/>'
                plain.append(s[1:])
            else:
                inner += f'<w:r>{t(s)}</w:r>'
                plain.append(s)
        body.append(para(inner))
        txt = "".join(plain)
        note = "bold label split across runs; tab after label" if lab and len(lab) > 1 else ("tab after bold label" if lab else "continuation paragraph without label")
        if "BR" in segs:
            note += "; w:br soft break inside turn"
        if any(s.startswith("|") for s in segs):
            note += "; word 'break?' split across runs"
        blocks.append((spk, txt, note))
    data = docx("".join(body), header_text="CONFIDENTIAL — Carers Study — Transcript C12", footer=True, title="C12")
    return "initials_split_runs_carers.docx", data, merge(blocks)


# ------------------------------------------------------------ 9 Gaelic ODT
def gaelic_odt():
    OFF = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" '
           'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
           'office:version="1.3"')
    A = "Agallamhaiche"
    S = "Seonag"
    turns = [
        (A, A, "Tapadh leibh airson tighinn a-steach an-diugh. Ciamar a tha cùisean leis a’ bhus a-nis?"),
        (S, "Seonag (tuathanach, 67)", "Chan eil e math idir. Tha am bus a’ falbh dìreach dà thuras san latha,<LB/>agus ma chailleas tu e, sin thu."),
        (A, A, "Agus an t-ionad-slàinte? Am faigh sibh coinneamh gu furasta?"),
        (S, S, "Uaireannan.<S/>Ach feumaidh tu a dhol gu Beinn na Faoghla airson an dotair-fhiaclan."),
        (S, None, "[in English] And the social work, well, there’s one worker for the whole island now."),
        (A, A, "Aon neach-obrach? Airson an eilean air fad?"),
        (S, S, "Aon. Agus tha i math, ach tha i sgìth.<S2/>Tha sinn uile sgìth."),
        (A, A, "Dè an rud as motha a chuidicheadh?"),
        (S, S, "Taigheadas. Chan urrainn do dhaoine òga fuireach an seo, tha na taighean uile nan taighean-saor-làithean."),
        (A, A, "Tapadh leibh, Seonag. Sin e."),
    ]
    paras = ['<text:h text:style-name="Heading_20_1" text:outline-level="1">Agallamh 4 — Seirbheisean dùthchail, Uibhist a Deas</text:h>',
             '<text:p text:style-name="P2">Ceann-latha: 9 An Gearran 2026<text:tab/>Àite: Loch Baghasdail</text:p>']
    blocks = []
    for spk, lab, txt in turns:
        x = escape(txt).replace("&lt;LB/&gt;", "<text:line-break/>").replace("&lt;S/&gt;", '<text:s/>').replace("&lt;S2/&gt;", ' <text:s/>')
        plain = txt.replace("<LB/>", " ").replace("<S/>", " ").replace("<S2/>", "  ")
        if lab:
            x = f'<text:span text:style-name="T1">{escape(lab)}:</text:span><text:tab/>' + x
        paras.append(f'<text:p text:style-name="P1">{x}</text:p>')
        note = "bold span label + text:tab"
        if lab and lab != spk:
            note += "; parenthetical demographic"
        if lab is None:
            note = "continuation paragraph, no label"
        if "<S/>" in txt:
            note += "; text:s as the space between first words"
        if "<LB/>" in txt:
            note += "; text:line-break"
        blocks.append((spk, plain, note))
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               f'<office:document-content {OFF}><office:automatic-styles>'
               '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard"/>'
               '<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-style="italic"/></style:style>'
               '<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"/></style:style>'
               '</office:automatic-styles><office:body><office:text>'
               + "".join(paras) + '</office:text></office:body></office:document-content>')
    styles = ('<?xml version="1.0" encoding="UTF-8"?>\n'
              f'<office:document-styles {OFF}><office:styles>'
              '<style:style style:name="Standard" style:family="paragraph" style:class="text"/>'
              '<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:class="text">'
              '<style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>'
              '</office:styles></office:document-styles>')
    meta = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<office:document-meta {OFF}><office:meta><meta:generator>LibreOffice/7.6.4.1$Linux_X86_64 LibreOffice_project/e19e193f88cd6c0525a17fb7a176ed8e6a3e2aa1</meta:generator>'
            '<dc:title>Agallamh 4</dc:title></office:meta></office:document-meta>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("styles.xml", styles, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("meta.xml", meta, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return "gaelic_rural_services.odt", buf.getvalue(), merge(blocks)


if __name__ == "__main__":
    for fn in [teams, boldq, initials, gaelic_odt]:
        name, data, rows = fn()
        write_bytes(name, data)
        write_truth(name, rows)
        print(f"{name}: {len(rows)} rows, {len(data)} bytes")

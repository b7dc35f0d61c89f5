"""Shared helpers: writing files in given encodings, docx/odt packages, truth CSVs."""
import csv
import os
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TRUTH = os.path.join(OUT, "truth")


def fw(text, n=4):
    """First n whitespace tokens of the turn text as written."""
    return " ".join(text.split()[:n])


def write_text(name, text, encoding="utf-8", crlf=False, bom=False):
    if crlf:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    if encoding == "utf-16-le":
        data = b"\xff\xfe" + text.encode("utf-16-le")
    else:
        data = text.encode(encoding)
        if bom and encoding == "utf-8":
            data = b"\xef\xbb\xbf" + data
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def write_truth(name, rows):
    """rows: list of (speaker, turn_text_or_first_words, note).

    Consecutive rows with the same speaker are an error here: the truth is
    written already merged by hand, so a repeat means a mistake in the data.
    """
    os.makedirs(TRUTH, exist_ok=True)
    prev = object()
    out = []
    for i, r in enumerate(rows, 1):
        spk, text, note = (list(r) + [""])[:3]
        if spk == prev and spk != "":
            raise ValueError(f"{name}: consecutive same speaker {spk!r} at row {i}")
        prev = spk
        out.append([len(out) + 1, spk, fw(text), note])
    with open(os.path.join(TRUTH, name + ".csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["turn", "speaker", "first_words", "note"])
        w.writerows(out)


# ---------------------------------------------------------------- docx
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"""

STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr><w:sz w:val="40"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:rPr><w:color w:val="5A5A5A"/></w:rPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style></w:styles>"""

CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator>{creator}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2024-03-11T10:02:00Z</dcterms:created></cp:coreProperties>"""

APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application></Properties>"""


def r(text, bold=False, italic=False, color=None):
    """A run. text may contain '\n' (-> w:br) and '\t' (-> w:tab)."""
    rpr = ""
    if bold or italic or color:
        rpr = "<w:rPr>" + ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + \
              (f'<w:color w:val="{color}"/>' if color else "") + "</w:rPr>"
    parts = []
    for li, line in enumerate(text.split("\n")):
        if li:
            parts.append("<w:br/>")
        for ti, seg in enumerate(line.split("\t")):
            if ti:
                parts.append("<w:tab/>")
            if seg:
                parts.append(f'<w:t xml:space="preserve">{escape(seg)}</w:t>')
    return f"<w:r>{rpr}{''.join(parts)}</w:r>"


def p(*runs, style=None):
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    body = "".join(x if x.startswith("<w:") else r(x) for x in runs)
    return f"<w:p>{ppr}{body}</w:p>"


def tbl(rows, widths=None, header=True):
    """rows: list of rows; each cell is a string (plain) or list of paragraph xml."""
    ncol = len(rows[0])
    widths = widths or [9000 // ncol] * ncol
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
    for ri, row in enumerate(rows):
        trpr = "<w:trPr><w:tblHeader/></w:trPr>" if header and ri == 0 else ""
        out.append(f"<w:tr>{trpr}")
        for ci, cell in enumerate(row):
            if isinstance(cell, str):
                cell = [p(r(cell, bold=(header and ri == 0)))]
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{widths[ci]}" w:type="dxa"/></w:tcPr>{"".join(cell)}</w:tc>')
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def write_docx(name, body_xml, title="", creator=""):
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<w:document xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
           f'<w:body>{"".join(body_xml)}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
           f'<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>')
    with zipfile.ZipFile(os.path.join(OUT, name), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", doc)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/styles.xml", STYLES)
        z.writestr("docProps/core.xml", CORE.format(title=escape(title), creator=escape(creator)))
        z.writestr("docProps/app.xml", APP)


# ---------------------------------------------------------------- odt
ODT_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>"""

ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')

ODT_STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {ODT_NS} office:version="1.2"><office:styles><style:style style:name="Standard" style:family="paragraph"/><style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style><style:style style:name="Title" style:family="paragraph"><style:text-properties fo:font-size="20pt"/></style:style></office:styles></office:document-styles>"""

ODT_META = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta {ODT_NS} office:version="1.2"><office:meta><meta:generator>LibreOffice/7.5.9.2$Linux_X86_64 LibreOffice_project/50$Build-2</meta:generator><dc:title>{{title}}</dc:title></office:meta></office:document-meta>"""


def odt_inline(text):
    """Escape text; '\n' -> text:line-break, '\t' -> text:tab, runs of spaces -> text:s."""
    out = []
    for li, line in enumerate(text.split("\n")):
        if li:
            out.append("<text:line-break/>")
        for ti, seg in enumerate(line.split("\t")):
            if ti:
                out.append("<text:tab/>")
            # collapse runs of >=2 spaces into ' ' + <text:s text:c="n-1"/>
            i = 0
            buf = ""
            while i < len(seg):
                if seg[i] == " " and i + 1 < len(seg) and seg[i + 1] == " ":
                    j = i
                    while j < len(seg) and seg[j] == " ":
                        j += 1
                    buf += escape(" ") + f'<text:s text:c="{j - i - 1}"/>' if j - i - 1 > 1 else " <text:s/>"
                    i = j
                else:
                    buf += escape(seg[i])
                    i += 1
            out.append(buf)
    return "".join(out)


def op(*parts, style="Standard"):
    """parts: strings (plain) or ('b', text) for bold span."""
    body = []
    for x in parts:
        if isinstance(x, tuple):
            body.append(f'<text:span text:style-name="T1">{odt_inline(x[1])}</text:span>')
        else:
            body.append(odt_inline(x))
    return f'<text:p text:style-name="{style}">{"".join(body)}</text:p>'


def oh(text, level=1):
    return f'<text:h text:style-name="Heading_20_1" text:outline-level="{level}">{odt_inline(text)}</text:h>'


def otable(rows, name="Tabelle1"):
    ncol = len(rows[0])
    out = [f'<table:table table:name="{name}"><table:table-column table:number-columns-repeated="{ncol}"/>']
    for row in rows:
        out.append("<table:table-row>")
        for cell in row:
            out.append(f'<table:table-cell office:value-type="string">{op(cell)}</table:table-cell>')
        out.append("</table:table-row>")
    out.append("</table:table>")
    return "".join(out)


def write_odt(name, body_xml, title=""):
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODT_NS} office:version="1.2">'
               '<office:automatic-styles><style:style style:name="T1" style:family="text">'
               '<style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>'
               f'<office:body><office:text>{"".join(body_xml)}</office:text></office:body></office:document-content>')
    with zipfile.ZipFile(os.path.join(OUT, name), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", ODT_MANIFEST)
        z.writestr("content.xml", content)
        z.writestr("styles.xml", ODT_STYLES)
        z.writestr("meta.xml", ODT_META.format(title=escape(title)))

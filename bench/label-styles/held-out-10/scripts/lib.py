"""Shared helpers: truth writing, .docx and .odt packaging (stdlib only)."""
import csv, io, os, zipfile
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXED_TIME = (2024, 3, 14, 10, 0, 0)


class Turn:
    """One logical turn block: speaker label (as it will be in the truth),
    the text as written (no label, no leading timestamp), optional note."""
    def __init__(self, speaker, text, note="", **kw):
        self.speaker, self.text, self.note = speaker, text, note
        self.kw = kw

    def __getattr__(self, k):
        kw = self.__dict__.get("kw", {})
        if k in kw:
            return kw[k]
        raise AttributeError(k)


def first_words(text, n=4):
    return " ".join(text.split()[:n])


def truth_rows(turns):
    """Merge consecutive same-speaker blocks; first words from the first."""
    rows = []
    prev = object()
    for t in turns:
        if rows and t.speaker == prev:
            if t.note:
                rows[-1][3] = (rows[-1][3] + "; " + t.note).strip("; ")
            continue
        if len(t.text.split()) < 4:
            # allowed only when the block is the whole turn: checked below
            pass
        rows.append([len(rows) + 1, t.speaker, first_words(t.text), t.note])
        prev = t.speaker
    # convention: first block of a merged run has >= 4 tokens
    i = 0
    while i < len(turns):
        j = i
        while j + 1 < len(turns) and turns[j + 1].speaker == turns[i].speaker:
            j += 1
        if j > i:
            assert len(turns[i].text.split()) >= 4, ("short first block", turns[i].text)
        i = j + 1
    return rows


def write_truth(fname, rows):
    path = os.path.join(ROOT, "truth", fname + ".csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["turn", "speaker", "first_words", "note"])
        for r in rows:
            w.writerow(r)


def write_bytes(fname, data):
    with open(os.path.join(ROOT, fname), "wb") as f:
        f.write(data)


def _zinfo(name, compress=True):
    zi = zipfile.ZipInfo(name, FIXED_TIME)
    zi.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    return zi


# ---------------------------------------------------------------- DOCX
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

def _w_runs(runs):
    out = []
    for r in runs:
        if isinstance(r, str):
            r = (r, {})
        text, fmt = r
        rpr = ""
        props = []
        if fmt.get("b"):
            props.append("<w:b/><w:bCs/>")
        if fmt.get("i"):
            props.append("<w:i/><w:iCs/>")
        if fmt.get("color"):
            props.append('<w:color w:val="%s"/>' % fmt["color"])
        if fmt.get("sz"):
            props.append('<w:sz w:val="%d"/>' % fmt["sz"])
        if props:
            rpr = "<w:rPr>%s</w:rPr>" % "".join(props)
        pieces = []
        buf = ""
        for ch in text:
            if ch in "\t\n":
                if buf:
                    pieces.append('<w:t xml:space="preserve">%s</w:t>' % escape(buf))
                    buf = ""
                pieces.append("<w:tab/>" if ch == "\t" else "<w:br/>")
            else:
                buf += ch
        if buf:
            pieces.append('<w:t xml:space="preserve">%s</w:t>' % escape(buf))
        out.append("<w:r>%s%s</w:r>" % (rpr, "".join(pieces)))
    return "".join(out)


def w_para(runs, style=None, jc=None):
    ppr = ""
    bits = []
    if style:
        bits.append('<w:pStyle w:val="%s"/>' % style)
    if jc:
        bits.append('<w:jc w:val="%s"/>' % jc)
    if bits:
        ppr = "<w:pPr>%s</w:pPr>" % "".join(bits)
    if isinstance(runs, str):
        runs = [runs]
    return "<w:p>%s%s</w:p>" % (ppr, _w_runs(runs))


def w_table(rows, widths, header=True):
    grid = "".join('<w:gridCol w:w="%d"/>' % w for w in widths)
    trs = []
    for ri, row in enumerate(rows):
        tcs = []
        for ci, cell in enumerate(row):
            paras = cell if isinstance(cell, list) and cell and isinstance(cell[0], list) else [cell]
            body = "".join(w_para(p) for p in paras)
            tcs.append('<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>%s</w:tc>' % (widths[ci], body))
        trpr = "<w:trPr><w:tblHeader/></w:trPr>" if (header and ri == 0) else ""
        trs.append("<w:tr>%s%s</w:tr>" % (trpr, "".join(tcs)))
    return ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
            '</w:tblPr><w:tblGrid>%s</w:tblGrid>%s</w:tbl>' % (grid, "".join(trs)))


def make_docx(body_xml, title="Transcript", creator="", footer_text=None):
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
          + ('<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>' if footer_text else '') +
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
          '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
          '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
            '</Relationships>')
    docrels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
               + ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>' if footer_text else '') +
               '</Relationships>')
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<w:styles xmlns:w="%s">'
              '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>'
              '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="48"/></w:rPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>'
              '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style>'
              '</w:styles>' % W_NS)
    sect = ('<w:sectPr>%s<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>'
            % ('<w:footerReference w:type="default" r:id="rId2"/>' if footer_text else ''))
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<w:document xmlns:w="%s" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
           '<w:body>%s%s</w:body></w:document>' % (W_NS, body_xml, sect))
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:title>%s</dc:title><dc:creator>%s</dc:creator>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-14T10:00:00Z</dcterms:created>'
            '</cp:coreProperties>' % (escape(title), escape(creator)))
    app = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           '<Application>Microsoft Office Word</Application></Properties>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(_zinfo("[Content_Types].xml"), ct)
        z.writestr(_zinfo("_rels/.rels"), rels)
        z.writestr(_zinfo("word/document.xml"), doc)
        z.writestr(_zinfo("word/_rels/document.xml.rels"), docrels)
        z.writestr(_zinfo("word/styles.xml"), styles)
        if footer_text:
            ftr = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<w:ftr xmlns:w="%s">%s</w:ftr>' % (W_NS, w_para(footer_text, jc="center")))
            z.writestr(_zinfo("word/footer1.xml"), ftr)
        z.writestr(_zinfo("docProps/core.xml"), core)
        z.writestr(_zinfo("docProps/app.xml"), app)
    return buf.getvalue()


# ---------------------------------------------------------------- ODT
def _odt_inline(text):
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\t":
            out.append("<text:tab/>")
        elif ch == "\n":
            out.append("<text:line-break/>")
        elif ch == " " and i + 1 < len(text) and text[i + 1] == " ":
            j = i
            while j < len(text) and text[j] == " ":
                j += 1
            out.append(" " + ('<text:s text:c="%d"/>' % (j - i - 1) if j - i - 1 > 1 else "<text:s/>"))
            i = j
            continue
        else:
            out.append(escape(ch))
        i += 1
    return "".join(out)


def o_para(runs, style="Standard"):
    if isinstance(runs, str):
        runs = [runs]
    parts = []
    for r in runs:
        if isinstance(r, str):
            parts.append(_odt_inline(r))
        else:
            t, fmt = r
            sty = "T1" if fmt.get("b") else ("T2" if fmt.get("i") else None)
            parts.append('<text:span text:style-name="%s">%s</text:span>' % (sty, _odt_inline(t)) if sty else _odt_inline(t))
    return '<text:p text:style-name="%s">%s</text:p>' % (style, "".join(parts))


def o_heading(text, level=1):
    return '<text:h text:style-name="Heading_20_%d" text:outline-level="%d">%s</text:h>' % (level, level, _odt_inline(text))


def make_odt(body_xml, title=""):
    NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<office:document-content %s office:version="1.3">'
               '<office:automatic-styles>'
               '<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
               '<style:style style:name="T2" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>'
               '</office:automatic-styles>'
               '<office:body><office:text>%s</office:text></office:body></office:document-content>' % (NS, body_xml))
    styles = ('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<office:document-styles %s office:version="1.3"><office:styles>'
              '<style:style style:name="Standard" style:family="paragraph"/>'
              '<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"><style:text-properties fo:font-weight="bold"/></style:style>'
              '<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph"><style:text-properties fo:font-weight="bold"/></style:style>'
              '</office:styles></office:document-styles>' % NS)
    meta = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document-meta %s office:version="1.3"><office:meta>'
            '<meta:generator>LibreOffice/7.6.4.1$Linux_X86_64 LibreOffice_project/e19e193f88cd6c0525a17fb7a176ed8e6a3e2aa1</meta:generator>'
            '<dc:title>%s</dc:title></office:meta></office:document-meta>' % (NS, escape(title)))
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(_zinfo("mimetype", compress=False), "application/vnd.oasis.opendocument.text")
        z.writestr(_zinfo("content.xml"), content)
        z.writestr(_zinfo("styles.xml"), styles)
        z.writestr(_zinfo("meta.xml"), meta)
        z.writestr(_zinfo("META-INF/manifest.xml"), manifest)
    return buf.getvalue()


def wrap(text, width, indent=""):
    """Hard-wrap text like a typist/tool at `width` columns."""
    import textwrap
    return textwrap.wrap(text, width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)

"""Shared helpers: truth building, .docx and .odt writers (stdlib only)."""
import csv
import io
import os
import zipfile
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

NOTE = None  # speaker value for a non-turn line in a block list


def build_truth(blocks, notes=None):
    """blocks: list of (speaker, text). speaker None = not a turn, '' = unlabelled paragraph.
    Consecutive same-speaker turns (ignoring non-turn lines between them) merge."""
    rows = []
    prev = None
    run_len = 0
    for spk, text in blocks:
        if spk is None:
            continue
        if spk != '' and rows and prev == spk:
            run_len += 1
            continue
        toks = text.split()
        rows.append([len(rows) + 1, spk, ' '.join(toks[:4]), ''])
        prev = spk
        run_len = 1
        rows[-1].append(len(toks))
    # sanity: first block of a merged run must have >= 4 tokens
    out = []
    # recompute run lengths for the assertion
    i = 0
    blist = [(s, t) for s, t in blocks if s is not None]
    idx = 0
    for r in rows:
        s = r[1]
        n = 1
        j = idx + 1
        if s != '':
            while j < len(blist) and blist[j][0] == s:
                n += 1
                j += 1
        if n > 1:
            assert len(blist[idx][1].split()) >= 4, ('short first block', blist[idx])
        idx = j
        out.append(r[:4])
    if notes:
        for k, v in notes.items():
            out[k - 1][3] = v
    return out


def write_truth(fname, rows):
    path = os.path.join(ROOT, 'truth', fname + '.csv')
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['turn', 'speaker', 'first_words', 'note'])
        for r in rows:
            w.writerow(r)


def write_file(fname, data):
    with open(os.path.join(ROOT, fname), 'wb') as f:
        f.write(data)


# ---------------------------------------------------------------- docx
W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'


def R(text, b=False, i=False, sz=None):
    return ('run', text, b, i, sz)


BR = ('br',)
TAB = ('tab',)


def _run_xml(r):
    if r[0] == 'br':
        return '<w:r><w:br/></w:r>'
    if r[0] == 'tab':
        return '<w:r><w:tab/></w:r>'
    _, text, b, i, sz = r
    rpr = ''
    if b:
        rpr += '<w:b/><w:bCs/>'
    if i:
        rpr += '<w:i/><w:iCs/>'
    if sz:
        rpr += '<w:sz w:val="%d"/><w:szCs w:val="%d"/>' % (sz, sz)
    rpr = '<w:rPr>%s</w:rPr>' % rpr if rpr else ''
    # text may contain \n (soft break) and \t
    parts = []
    chunk = ''
    for ch in text:
        if ch in '\n\t':
            if chunk:
                parts.append('<w:t xml:space="preserve">%s</w:t>' % escape(chunk))
                chunk = ''
            parts.append('<w:br/>' if ch == '\n' else '<w:tab/>')
        else:
            chunk += ch
    if chunk:
        parts.append('<w:t xml:space="preserve">%s</w:t>' % escape(chunk))
    return '<w:r>%s%s</w:r>' % (rpr, ''.join(parts))


def P(*runs, style=None, align=None):
    ppr = ''
    if style or align:
        ppr = '<w:pPr>%s%s</w:pPr>' % (
            '<w:pStyle w:val="%s"/>' % style if style else '',
            '<w:jc w:val="%s"/>' % align if align else '')
    rs = []
    for r in runs:
        if isinstance(r, str):
            r = R(r)
        rs.append(_run_xml(r))
    return '<w:p>%s%s</w:p>' % (ppr, ''.join(rs))


def TABLE(rows, header_bold=True):
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
           '<w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/>'
           '<w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/>'
           '<w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders>'
           '</w:tblPr><w:tblGrid>']
    ncol = len(rows[0])
    out.append('<w:gridCol w:w="%d"/>' % (9000 // ncol) * ncol)
    out.append('</w:tblGrid>')
    for ri, row in enumerate(rows):
        out.append('<w:tr>')
        for cell in row:
            out.append('<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>' % (9000 // ncol))
            out.append(P(R(cell, b=(header_bold and ri == 0))))
            out.append('</w:tc>')
        out.append('</w:tr>')
    out.append('</w:tbl>')
    return ''.join(out)


STYLES = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="%s">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr><w:sz w:val="48"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style>
</w:styles>''' % W_NS


def make_docx(body_parts, title='Transcript', creator='User'):
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<w:document xmlns:w="%s" '
           'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
           '<w:body>%s<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
           '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/>'
           '</w:sectPr></w:body></w:document>') % (W_NS, ''.join(body_parts))
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
          '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '</Relationships>')
    docrels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
               '</Relationships>')
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:title>%s</dc:title><dc:creator>%s</dc:creator>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2023-11-08T10:00:00Z</dcterms:created>'
            '</cp:coreProperties>') % (escape(title), escape(creator))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', ct)
        z.writestr('_rels/.rels', rels)
        z.writestr('word/document.xml', doc)
        z.writestr('word/_rels/document.xml.rels', docrels)
        z.writestr('word/styles.xml', STYLES)
        z.writestr('docProps/core.xml', core)
    return buf.getvalue()


# ---------------------------------------------------------------- odt
def _odt_text(t):
    out = []
    for ch in t:
        if ch == '\n':
            out.append('<text:line-break/>')
        elif ch == '\t':
            out.append('<text:tab/>')
        else:
            out.append(escape(ch))
    return ''.join(out)


def OP(text, style='Standard'):
    return '<text:p text:style-name="%s">%s</text:p>' % (style, _odt_text(text))


def OH(text, level=1):
    return '<text:h text:style-name="Heading_20_%d" text:outline-level="%d">%s</text:h>' % (
        level, level, _odt_text(text))


def OPB(label, text):
    """paragraph with a bold span then normal text"""
    return ('<text:p text:style-name="Standard"><text:span text:style-name="T1">%s</text:span>%s</text:p>'
            % (_odt_text(label), _odt_text(text)))


def make_odt(parts):
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<office:document-content %s office:version="1.3">'
               '<office:automatic-styles><style:style style:name="T1" style:family="text">'
               '<style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>'
               '<office:body><office:text>%s</office:text></office:body></office:document-content>') % (ns, ''.join(parts))
    styles = ('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<office:document-styles %s office:version="1.3"><office:styles>'
              '<style:style style:name="Standard" style:family="paragraph" style:class="text"/>'
              '<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:class="text">'
              '<style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>'
              '<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:class="text">'
              '<style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style>'
              '</office:styles></office:document-styles>') % ns
    meta = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document-meta %s office:version="1.3"><office:meta>'
            '<meta:generator>LibreOffice/7.5.4.2$Linux_X86_64</meta:generator>'
            '</office:meta></office:document-meta>') % ns
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w') as z:
        z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.oasis.opendocument.text',
                   compress_type=zipfile.ZIP_STORED)
        z.writestr('content.xml', content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr('styles.xml', styles, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr('meta.xml', meta, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr('META-INF/manifest.xml', manifest, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def wrap(text, width, indent=''):
    """hard-wrap text like a typist would; returns list of lines"""
    words = text.split(' ')
    lines, cur = [], ''
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = (cur + ' ' + w) if cur else w
    if cur:
        lines.append(cur)
    return lines

"""Decode every test file, then check its truth CSV:
  * every speaker and first_words string occurs in the decoded text (whitespace-normalised)
  * the number of turns (and the speaker sequence) matches an independent per-file regex
    extraction of speaker labels, with consecutive equal labels merged.
Standard library only. Run from anywhere: python3 scripts/check_truth.py"""
import csv
import os
import re
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
M = re.M


def dec_docx(path):
    xml = zipfile.ZipFile(path).read('word/document.xml').decode('utf-8')
    paras = []
    for p in re.findall(r'<w:p[ >].*?</w:p>|<w:p/>', xml, re.S):
        out = []
        for tok in re.findall(r'<w:t(?: [^>]*)?>(.*?)</w:t>|<w:(tab|br)/>', p, re.S):
            if tok[1] == 'tab':
                out.append('\t')
            elif tok[1] == 'br':
                out.append('\n')
            else:
                out.append(tok[0])
        paras.append(unesc(''.join(out)))
    return '\n'.join(paras)


def dec_odt(path):
    z = zipfile.ZipFile(path)
    assert z.namelist()[0] == 'mimetype' and z.infolist()[0].compress_type == zipfile.ZIP_STORED
    xml = z.read('content.xml').decode('utf-8')
    out = []
    for kind, body in re.findall(r'<text:(h|p)\b[^>]*>(.*?)</text:\1>', xml, re.S):
        body = body.replace('<text:tab/>', '\t').replace('<text:line-break/>', '\n')
        body = re.sub(r'<[^>]+>', '', body)
        out.append(('H\t' if kind == 'h' else 'P\t') + unesc(body))
    return '\n'.join(out)


def unesc(s):
    return s.replace('&lt;', '<').replace('&gt;', '>').replace('&quot;', '"').replace('&apos;', "'").replace('&amp;', '&')


def dec_text(enc):
    def f(path):
        raw = open(path, 'rb').read()
        if enc == 'utf-8-sig':
            assert raw.startswith(b'\xef\xbb\xbf'), 'missing BOM'
        if enc == 'utf-16-be':
            assert raw.startswith(b'\xfe\xff'), 'missing BE BOM'
            t = raw[2:].decode('utf-16-be')
        else:
            t = raw.decode(enc)
        return t.replace('\r\n', '\n').replace('\r', '\n')
    return f


def between(text, start=None, end=None):
    if start:
        i = text.index(start)
        text = text[i + len(start):]
    if end:
        text = text[:text.index(end)]
    return text


def strip_paren(s):
    return re.sub(r'\s*\([^)]*\)', '', s).strip()


# file -> (decoder, region start, region end, regex, label normaliser)
CFG = {
    'transcribeme_youth_offending.txt': (dec_text('utf-8-sig'), 'Family member', None, r'^(S\d+): ', None),
    'express_scribe_int_resp_benefits.txt': (dec_text('cp1252'), None, None, r'^([A-Z]+):\t', None),
    'oral_history_mining_village_latin1.txt': (dec_text('latin-1'), 'TAPE 1 SIDE A', None,
                                               r'^([A-ZÈ]+ [A-ZÈ]+(?: \([A-Z]+\))?)$', strip_paren),
    'official_report_committee_temp_accommodation.docx': (dec_docx, 'Witnesses: Dr Amara Okafor and Cllr Ruth Harker.', None,
                                                          r'^(?:Q\d+ )?((?:Dr |Cllr |Mr )?[A-Z][a-z]+(?: [A-Z][a-z]+)?):', None),
    'police_roti_margin_times_iso8859-15.txt': (dec_text('iso8859_15'), '-----  ---', None,
                                                r'^\d\d:\d\d  ([A-Z][A-Z ]*?[A-Z])\s{2,}', None),
    'casenote_quoted_dialogue_safeguarding.odt': (dec_odt, 'H\tObservations', 'P\tSigned', r'^P\t(\S.*)$', 'PARA'),
    'obsidian_heading_per_speaker_rural_gp.md': (dec_text('utf-8'), '## Transcript', '## My notes', r'^### (.+)$', None),
    'notta_tsv_tenancy_support_utf16be.txt': (dec_text('utf-16-be'), None, None, r'^([^\t\n]+)\t\d\d:\d\d:\d\d\t', None),
    'csvlike_speaker_start_text_probation.txt': (dec_text('utf-8'), None, None, r'^"([^"]+)","\d\d:\d\d:\d\d",', None),
    'riverside_voice_spans_hospital_discharge.vtt': (dec_text('utf-8'), None, None, r'<v(?:\.[\w.]+)? ([^>]+)>', None),
    'subtitle_caps_labels_benefits_advice_cp1252.srt': (dec_text('cp1252'), None, None, r'^([A-Z]+): ', None),
    'word_transcribe_village_hall_meeting.docx': (dec_docx, 'Transcript', None, r'^\d\d:\d\d:\d\d (.+)$', None),
    'thai_cjk_village_health_volunteer_cp874.txt': (dec_text('cp874'), 'ผู้ถอดเทป', None, r'^([^:\[\(\s][^:\n]{0,20}?):\s', None),
    'greek_home_help_iso8859-7.txt': (dec_text('iso8859_7'), 'λειτουργός)', None, r'^([^:\[\n]{2,20}): ', None),
    'ukrainian_homes_for_ukraine_two_oksanas.docx': (dec_docx, None, None, r'^([^:\t\n]{2,25}):\t', strip_paren),
    'gotranscript_style_crisis_team.txt': (dec_text('utf-8'), 'Transcription results:', None, r'^(S\d+) \d\d:\d\d ', None),
    'fathom_style_supported_housing_panel.txt': (dec_text('utf-8'), None, None, r'^\d+:\d\d - (.+)$', strip_paren),
    'dash_typist_parish_bus_consultation_cr.txt': (dec_text('ascii'), None, None,
                                                   r'^-- ([A-Z][A-Z. ]+?)(?: \([^)]*\))?: ', None),
    'deposition_qa_colloquy_probation_officer.txt': (dec_text('utf-8'), None, None,
                                                     r'^(?: {10}([QA])\.   | {20}([A-Z][A-Z .]+?):  )', None),
    'premiere_pro_transcript_youth_club_film.txt': (dec_text('utf-8'), None, None,
                                                    r'^\d\d:\d\d:\d\d:\d\d - \d\d:\d\d:\d\d:\d\d\n(.+)$', None),
}

# raw line-ending expectations
ENDINGS = {'dash_typist_parish_bus_consultation_cr.txt': 'CR'}


def extract(name, text):
    dec, start, end, rx, norm = CFG[name]
    region = between(text, start, end)
    labels = []
    for m in re.finditer(rx, region, M):
        lab = next(g for g in m.groups() if g is not None)
        if norm == 'PARA':
            labels.append(None)
            continue
        if norm:
            lab = norm(lab)
        labels.append(lab.strip())
    if norm == 'PARA':
        return [''] * len(labels)
    merged = []
    for lab in labels:
        if not merged or merged[-1] != lab:
            merged.append(lab)
    return merged


def main():
    files = sorted(f for f in os.listdir(ROOT) if os.path.isfile(os.path.join(ROOT, f)) and f != 'README.md')
    bad = 0
    for f in files:
        if f not in CFG:
            print('NO CONFIG', f)
            bad += 1
            continue
        text = CFG[f][0](os.path.join(ROOT, f))
        flat = ' '.join(text.split())
        if f.endswith('.odt'):
            flat = ' '.join(re.sub(r'^[HP]\t', '', text, flags=M).split())
        with open(os.path.join(ROOT, 'truth', f + '.csv'), newline='', encoding='utf-8') as fh:
            rows = list(csv.DictReader(fh))
        errs = []
        for r in rows:
            if r['first_words'] not in flat:
                errs.append('first_words not found: %r' % r['first_words'])
            if r['speaker'] and r['speaker'] not in flat:
                errs.append('speaker not found: %r' % r['speaker'])
            if len(r['first_words'].split()) > 4:
                errs.append('more than 4 tokens: %r' % r['first_words'])
        for i, r in enumerate(rows):
            if i and r['speaker'] and r['speaker'] == rows[i - 1]['speaker']:
                errs.append('unmerged consecutive speaker at turn %s' % r['turn'])
        seq = extract(f, text)
        if len(seq) != len(rows):
            errs.append('turn count: regex %d vs truth %d' % (len(seq), len(rows)))
        elif seq != [r['speaker'] for r in rows]:
            errs.append('speaker sequence differs: %r' % [(a, r['speaker']) for a, r in zip(seq, rows) if a != r['speaker']])
        if ENDINGS.get(f) == 'CR':
            raw = open(os.path.join(ROOT, f), 'rb').read()
            if b'\n' in raw:
                errs.append('expected CR-only line endings')
        print('%-4s %-55s %2d turns' % ('OK' if not errs else 'FAIL', f, len(rows)))
        for e in errs:
            print('      ', e)
        bad += bool(errs)
    print('%d file(s) checked, %d failing' % (len(files), bad))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())

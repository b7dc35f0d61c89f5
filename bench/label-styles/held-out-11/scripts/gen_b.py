"""Files 11-20. Each gen_* returns (file_name, bytes, blocks, notes)."""
from lib import (NOTE, P, R, BR, TAB, make_docx, wrap)


# 11 ------------------------------------------------------------ SRT, caps labels, cp1252
def gen_srt():
    name = 'subtitle_caps_labels_benefits_advice_cp1252.srt'
    # (speaker-for-truth, label shown or '', start, end, text)
    cues = [
        ('ADVISER', 'ADVISER', '00:00:01,200', '00:00:04,100', 'Right, Mrs Brückner, I’ve had a\nlook at the letter from the DWP.'),
        ('ADVISER', '', '00:00:04,100', '00:00:07,600', 'It says your PIP has been reduced\nfrom the enhanced rate to standard.'),
        ('CLIENT', 'CLIENT', '00:00:07,900', '00:00:10,800', 'That’s £72 a week less.\nI can’t manage on that.'),
        (NOTE, '', '00:00:11,000', '00:00:12,500', '[phone rings]'),
        ('ADVISER', 'ADVISER', '00:00:12,700', '00:00:14,900', 'Sorry, let me just\nturn that off.'),
        ('CLIENT', 'CLIENT', '00:00:15,300', '00:00:19,000', 'It’s the mobility part\nthey’ve cut. I can’t walk to the shop.'),
        ('GRANDSON', 'GRANDSON', '00:00:19,200', '00:00:21,800', 'Nan, show her the\nassessment report as well.'),
        ('ADVISER', 'ADVISER', '00:00:22,000', '00:00:26,400', 'Yes, that would help. The assessor’s\nwritten that you can walk 200 metres.'),
        ('CLIENT', 'CLIENT', '00:00:26,700', '00:00:30,200', 'Two hundred metres? I can\nbarely get to the <i>gate</i>.'),
        ('ADVISER', 'ADVISER', '00:00:30,500', '00:00:34,900', 'We’ll ask for a mandatory reconsideration\nfirst. The deadline is one month'),
        ('ADVISER', '', '00:00:34,900', '00:00:37,300', 'from the date on the letter,\nso by the 14th.'),
        ('ADVISER', 'ADVISER', '00:00:37,600', '00:00:41,000', 'I’ll draft it today and ring you\ntomorrow at 10:30 to go through it.'),
        ('CLIENT', 'CLIENT', '00:00:41,300', '00:00:42,900', 'Thank you, love.'),
    ]
    out = []
    for i, (spk, lab, a, b, text) in enumerate(cues, 1):
        t = ('%s: %s' % (lab, text)) if lab else text
        out += [str(i), '%s --> %s' % (a, b)] + t.split('\n') + ['']
    data = '\r\n'.join(out) + '\r\n'
    blocks = [(s, t.replace('\n', ' ')) for s, _, _, _, t in cues]
    return name, data.encode('cp1252'), blocks, {
        1: 'unlabelled second cue continues ADVISER',
        5: 'GRANDSON one-off',
        8: 'three ADVISER cues (one unlabelled, one relabelled) merge'}


# 12 ------------------------------------------------------------ Microsoft Word "Transcribe" .docx
def gen_word_transcribe():
    name = 'word_transcribe_village_hall_meeting.docx'
    segs = [
        ('00:00:03', 'Cllr. Anwar', "Okay, good evening everyone, and thank you for coming out on a wet Thursday. We've got Sergeant Doyle with us tonight to talk about the thefts from farms."),
        ('00:00:19', 'Cllr. Anwar', "Before that, just a quick one on the bus. Update: the 10:30 service to Hexham is being withdrawn from October."),
        ('00:00:31', 'Speaker 3', "Withdrawn completely?"),
        ('00:00:33', 'Cllr. Anwar', "Completely, I'm afraid. The operator says it averages four passengers."),
        ('00:00:40', 'Sgt Doyle', "Thanks, Councillor. So since June we've had eleven reports of quad bikes and tools taken from outbuildings across the ward, mostly overnight."),
        ('00:01:02', 'Mrs Pritchard', "Eleven that were reported. Half the farmers round here don't bother ringing 101 because nobody comes."),
        ('00:01:10', 'Sgt Doyle', "I hear that, and I'm not going to pretend response times are where they should be. But if it's not reported, it doesn't exist for us when we bid for resources."),
        ('00:01:31', 'Speaker 3', "What about the WhatsApp group? Farm Watch?"),
        ('00:01:35', 'Sgt Doyle', "Yes, PCSO Barnes runs that. Note: anyone can join, you just need to give your postcode."),
        ('00:01:44', 'Speaker 5', "Can I just say, it was my trailer in August and I never heard back."),
        ('00:01:50', 'Cllr. Anwar', "Let's take that offline after, Geoff. Right, any more questions for the sergeant?"),
    ]
    body = [P(R('Village hall meeting 14-09', b=True), style='Title'),
            P('Audio file', style='Heading2'),
            P(R('Village hall meeting 14-09.m4a')),
            P('Transcript', style='Heading2')]
    for ts, spk, text in segs:
        body.append(P(R(ts + ' '), R(spk)))
        body.append(P(text))
    return name, make_docx(body, 'Village hall meeting 14-09', 'Parish Clerk'), [(s, t) for _, s, t in segs], {
        1: 'two consecutive Cllr. Anwar segments merge; "Update:" is prose',
        2: 'renamed-speaker file still has an unrenamed Speaker 3',
        9: 'Speaker 5 one-off'}


# 13 ------------------------------------------------------------ Thai, cp874 (TIS-620 superset)
def gen_thai():
    name = 'thai_cjk_village_health_volunteer_cp874.txt'
    blocks = [
        ('ผู้สัมภาษณ์', 'สวัสดีค่ะ ขอบคุณที่สละเวลามาคุยกันวันนี้นะคะ อยากให้เล่าหน่อยว่าทำงาน อสม. มานานเท่าไหร่แล้วคะ'),
        ('อสม. สมศรี', 'ก็ประมาณสิบห้าปีแล้วค่ะ เริ่มตั้งแต่ปี 2551 ตอนนั้นในหมู่บ้านยังไม่ค่อยมีใครทำ'),
        ('ผู้สัมภาษณ์', 'แล้วงานหลัก ๆ ที่ทำมีอะไรบ้างคะ'),
        ('อสม. สมศรี', 'ส่วนใหญ่ก็ไปเยี่ยมบ้านผู้สูงอายุ วัดความดัน ตรวจน้ำตาล แล้วก็คอยดูเรื่องลูกน้ำยุงลายค่ะ เดือนหนึ่งไปประมาณสามสิบหลังคาเรือน'),
        ('อสม. สมศรี', 'บางบ้านอยู่ไกลมาก ต้องขี่มอเตอร์ไซค์ไปเกือบชั่วโมง หน้าฝนถนนลื่นก็ไปไม่ได้'),
        (NOTE, '[เสียงโทรศัพท์]'),
        ('ผู้ใหญ่บ้าน', 'ขอโทษนะครับ ขัดจังหวะนิดหนึ่ง พรุ่งนี้ประชุมหมู่บ้านเวลา 09:30 น. นะครับ'),
        ('อสม. สมศรี', 'ได้ค่ะ ผู้ใหญ่'),
        ('ผู้สัมภาษณ์', 'ปัญหาที่เจอบ่อยที่สุดคืออะไรคะ'),
        ('อสม. สมศรี', 'เรื่องค่ารถค่ะ คนแก่จะไปโรงพยาบาลอำเภอ ต้องเหมารถ ไปกลับก็สามร้อยถึงห้าร้อยบาท บางคนก็เลยไม่ไปตามนัด'),
        ('ผู้สัมภาษณ์', 'ขอบคุณมากค่ะ วันนี้พอแค่นี้ก่อนนะคะ'),
        (NOTE, '(จบการสัมภาษณ์)'),
    ]
    lines = ['บันทึกการสัมภาษณ์ ครั้งที่ 3', 'วันที่: 12 มีนาคม 2566 เวลา 10:30 น.',
             'สถานที่: ศาลาประชาคม บ้านหนองบัว อ.ด่านซ้าย จ.เลย', 'ผู้ถอดเทป: น.ส. วิไลวรรณ', '']
    prev = None
    for spk, text in blocks:
        if spk is NOTE:
            lines.append(text)
        elif spk == prev:
            lines.append(text)          # continuation paragraph, no label repeated
        else:
            lines.append('%s: %s' % (spk, text))
        lines.append('')
        prev = spk if spk is not NOTE else prev
    data = '\r\n'.join(lines)
    return name, data.encode('cp874'), blocks, {
        2: 'label "อสม. สมศรี" contains a period and a space',
        4: 'unlabelled second paragraph continues the same speaker',
        5: 'village headman one-off; interrupts after a bracketed note',
        6: 'two-token whole turn'}


# 14 ------------------------------------------------------------ Greek, ISO-8859-7
def gen_greek():
    name = 'greek_home_help_iso8859-7.txt'
    blocks = [
        ('ΣΥΝΕΝΤΕΥΚΤΡΙΑ', 'Καλημέρα σας, κυρία Παπαδοπούλου. Σας ευχαριστώ που δεχτήκατε να μιλήσουμε. Πόσο καιρό έρχεται η κοινωνική λειτουργός στο σπίτι σας;'),
        ('Κα Παπαδοπούλου', 'Από το 2019, παιδί μου. Έρχεται κάθε Τρίτη και Πέμπτη, κατά τις 10:30, και με βοηθάει με τα ψώνια και τα φάρμακα.'),
        ('ΣΥΝΕΝΤΕΥΚΤΡΙΑ', 'Και πώς είναι η συνεργασία σας;'),
        ('Κα Παπαδοπούλου', 'Πολύ καλή. Χωρίς αυτούς δεν ξέρω τι θα έκανα. Τα παιδιά μου είναι στη Γερμανία.'),
        ('Κα Παπαδοπούλου', 'Η σύνταξή μου είναι 420 ευρώ. Τα φάρμακα μόνο μου παίρνουν σχεδόν 60 τον μήνα.'),
        (NOTE, '[Σημείωση: διακοπή της ηχογράφησης για 2 λεπτά]'),
        ('Κος Νικολάου', 'Να προσθέσω κάτι, αν μου επιτρέπετε. Το πρόγραμμα χρηματοδοτείται μόνο μέχρι τον Δεκέμβριο.'),
        ('ΣΥΝΕΝΤΕΥΚΤΡΙΑ', 'Δηλαδή υπάρχει κίνδυνος να σταματήσει;'),
        ('Κος Νικολάου', 'Κάθε χρόνο το ίδιο άγχος. Έχουμε 140 ωφελούμενους και μόνο τέσσερις εργαζόμενους.'),
        ('Κα Παπαδοπούλου', '(γελάει) Εμένα να μη με ξεχάσετε!'),
        ('ΣΥΝΕΝΤΕΥΚΤΡΙΑ', 'Σας ευχαριστώ πολύ και τους δύο.'),
        (NOTE, 'ΤΕΛΟΣ ΣΥΝΕΝΤΕΥΞΗΣ'),
    ]
    lines = ['Συνέντευξη 4 - Πρόγραμμα «Βοήθεια στο Σπίτι»', 'Ημερομηνία: 15/03/2022',
             'Τόπος: Δήμος Ιωαννιτών, Κέντρο Κοινότητας',
             'Συμμετέχοντες: Συνεντεύκτρια (Μ.Κ.), κα Παπαδοπούλου (ωφελούμενη), κ. Νικολάου (κοινωνικός λειτουργός)',
             '']
    for spk, text in blocks:
        lines.append(text if spk is NOTE else '%s: %s' % (spk, text))
    data = '\n'.join(lines) + '\n'
    return name, data.encode('iso8859_7'), blocks, {
        4: 'two consecutive labelled paragraphs by Κα Παπαδοπούλου merge',
        5: 'follows a bracketed Σημείωση (Note) line, which is editorial'}


# 15 ------------------------------------------------------------ Ukrainian .docx, two Oksanas
def gen_ukrainian():
    name = 'ukrainian_homes_for_ukraine_two_oksanas.docx'
    A = 'Інтерв’юерка'
    turns = [
        (A, ['Дякую, що погодилися поговорити. Розкажіть, будь ласка, як ви потрапили до Шеффілда?']),
        ('Оксана К.', ['Ми приїхали у квітні, я і донька. Через схему «Домівки для України». Гордон знайшов нас у групі у Фейсбуці.']),
        ('Оксана М.', ['А я приїхала пізніше, у червні, з мамою. Ми з Оксаною з одного міста, з Харкова, але познайомилися вже тут.']),
        (A, ['Які були найбільші труднощі на початку?']),
        ('Оксана К.', ['Документи. Банківський рахунок без адреси не\nвідкривають, а адресу без рахунку не підтверджують. Замкнене коло.',
                       'Плюс школа для доньки – чекали сім тижнів.']),
        ('Гордон (господар)', ["Sorry, I don't speak much Ukrainian – can I just say, the council was very slow with the checks."]),
        (A, ['Thank you, Gordon. Оксано, а як зараз із житлом?']),
        ('Оксана М.', ['Шукаємо квартиру. Але агенції просять гаранта і дохід утричі більший за оренду. Примітка: ми вже подали заявку до ради 12.09.']),
        (A, ['Дякую вам обом.']),
    ]
    body = [P(R('Транскрипт інтерв’ю №12', b=True), style='Heading1'),
            P(R('Дата: ', b=True), '05.10.2022, 10:30'),
            P(R('Місце: ', b=True), 'онлайн (Zoom)'),
            P(R('Учасники: ', b=True), 'Інтерв’юерка (Н.Б.); Оксана К.; Оксана М.; Гордон (господар)'),
            P('')]
    blocks = []
    for spk, paras in turns:
        for k, para in enumerate(paras):
            if k == 0:
                body.append(P(R(spk + ':', b=True), TAB, R(para)))
            else:
                body.append(P(TAB, R(para)))
        blocks.append((spk.replace(' (господар)', ''), ' '.join(paras)))
    body += [P(''), P(R('[Кінець запису]', i=True))]
    return name, make_docx(body, 'Інтерв’ю 12', 'Н.Б.'), blocks, {
        2: 'Оксана К. and Оксана М. are distinct speakers',
        5: 'soft line break (w:br) inside turn; tab-indented follow-on paragraph',
        6: 'Гордон (господар) = Gordon (host): role parenthetical removed; English-language turn'}


# 16 ------------------------------------------------------------ GoTranscript-style "S1 00:01 text"
def gen_gotranscript():
    name = 'gotranscript_style_crisis_team.txt'
    blocks = [
        ('S1', '00:01', "Okay, I think we're recording. So this is the third interview with the crisis team, and I've got two of you with me today."),
        ('S2', '00:09', "Yes. Hi."),
        ('S3', '00:11', "Hiya."),
        ('S1', '00:12', "Could you each say what your role is?"),
        ('S2', '00:15', "I'm a mental health nurse, band 6, I've been on the home treatment team for about four years. Before that I was on an acute ward.\n\nSo quite a different pace."),
        ('S3', '00:28', "And I'm a support worker, so non-registered. [laughs] The one who actually does the visits at 2:00 AM."),
        ('S1', '00:36', "What does a typical referral look like?"),
        ('S2', '00:39', "It usually comes through the liaison team at A&E or from the GP. We aim to see people within four hours [inaudible] but that depends on the caseload."),
        (NOTE, '', '[silence]'),
        ('S2', '01:02', "Right now we're at 38, which is high."),
        ('S3', '01:10', "And the beds. There's no beds. Last week someone waited in A&E for 31 hours."),
        ('S1', '01:19', "That's a long time."),
        ('S3', '01:21', "It is. Note: we did raise it as an incident."),
        ('S1', '01:25', "Okay. We're nearly at time, so thank you both."),
        (NOTE, '', '[END OF AUDIO]'),
    ]
    lines = ['Transcription details:', '', 'Date:', '17-Jan-2022', '', 'Input sound file:', 'crisis_team_03.m4a', '',
             'Transcription results:', '']
    for b in blocks:
        if b[0] is NOTE:
            lines += [b[2], '']
        else:
            lines += ['%s %s %s' % b, '']
    data = '\n'.join(lines)
    return name, data.encode('utf-8'), [(b[0], b[-1]) for b in blocks], {
        2: 'two-token whole turn',
        5: 'second paragraph without label continues S2',
        8: 'S2 block after [silence] merges'}


# 17 ------------------------------------------------------------ Fathom-style "0:00 - Name (Org)"
def gen_fathom():
    name = 'fathom_style_supported_housing_panel.txt'
    segs = [
        ('0:00', 'Ruth Baker (Northfield Housing)', 'Ruth Baker', ["Okay, I think everyone's here. Welcome to the March referral panel. We've got three referrals today and about forty minutes."]),
        ('0:14', 'Marcus Yeo', 'Marcus Yeo', ['Morning all.']),
        ('0:17', 'Dr. Lena Fischer (Tees & Wear NHS Trust)', 'Dr. Lena Fischer', ['Morning. I may need to drop at 10:30 for a ward round, just so you know.']),
        ('0:25', 'Ruth Baker (Northfield Housing)', 'Ruth Baker', ['No problem. First referral is Mr A, 54, currently in the Salvation Army hostel. Marcus, you did the assessment?']),
        ('0:36', 'Marcus Yeo', 'Marcus Yeo', ["Yes. So he's been in the hostel eleven months. He's abstinent from alcohol since the summer and engaging with the recovery service.",
                                              'ACTION ITEM: Marcus to send assessment to Lena before Friday - WATCH: https://fathom.video/share/q8Zk2LmN4xYtR?timestamp=41.0']),
        ('0:58', 'Marcus Yeo', 'Marcus Yeo', ['The only worry is the ground-floor requirement because of his knee.']),
        ('1:06', 'Sam Patel (he/him)', 'Sam Patel', ["We've got a ground-floor flat at Ashcombe Court coming up in April."]),
        ('1:12', 'Dr. Lena Fischer (Tees & Wear NHS Trust)', 'Dr. Lena Fischer', ["From a mental health point of view I'd support that. He's stable on his meds."]),
        ('1:20', 'Ruth Baker (Northfield Housing)', 'Ruth Baker', ["Great, so that's agreed. Update for the minutes: Mr A approved for Ashcombe, subject to the tenancy sustainment check."]),
        ('1:31', 'Sam Patel', 'Sam Patel', ["I'll do the sign-up paperwork."]),
    ]
    lines = ['Supported Housing Referral Panel - March - Transcript',
             'VIEW RECORDING - 32 mins (No highlights): https://fathom.video/share/q8Zk2LmN4xYtR', '', '---', '']
    for ts, lab, _, paras in segs:
        lines.append('%s - %s' % (ts, lab))
        lines += ['  ' + p for p in paras]
        lines.append('')
    data = '\n'.join(lines)
    return name, data.encode('utf-8'), [(s, p[0]) for _, _, s, p in segs], {
        2: 'two-word whole turn',
        5: 'ACTION ITEM line is a tool line inside the block; next Marcus Yeo block merges',
        6: '(he/him) pronoun parenthetical removed; later plain "Sam Patel" is the same label'}


# 18 ------------------------------------------------------------ typist "-- NAME:" with CR-only endings
def gen_dash_typist():
    name = 'dash_typist_parish_bus_consultation_cr.txt'
    items = [
        ('H', 'Item 1: Welcome and purpose of meeting'),
        ('CLLR. J.P. HOLT', "Right, if we could make a start. Thank you all for coming out. As you know the county council is proposing to cut the 43 from hourly to four a day, and this meeting is so they hear what you think."),
        ('MR. D. OKAFOR (Stagecoach)', "I'll keep it short. Passenger numbers on the 43 are down about 40% on 2019 and the subsidy the county gives us ends in March."),
        ('H', 'Item 2: Questions from residents'),
        ('SARAH T.', "My son gets the 07:52 to college in Ripley. If that goes, what's he meant to do?"),
        ('MR. D. OKAFOR (Stagecoach)', "The proposal keeps the 07:52. It's the middle of the day that goes."),
        ('SARAH W.', "That's when pensioners use it though. That's the whole\nproblem: there's no other way to get to the surgery, not unless you've got a car or a grandson."),
        ('N', '-- (inaudible, several speaking from the back of the hall)'),
        ('CLLR. J.P. HOLT', "One at a time please. Sarah, did you want to come back on that?"),
        ('SARAH T.', "No, the other Sarah did. [laughter]"),
        ('SARAH W.', "I just want it minuted that nobody from the county has come tonight. Not one officer. We were told 10:30 this morning that they'd sent apologies."),
        ('MRS B. AINSWORTH', "I run the community car scheme. We did 212 journeys last year with six volunteer drivers, and if the 43 goes we cannot take up the slack, I want to be very clear about that."),
        ('CLLR. J.P. HOLT', "Thank you Brenda. We'll close there. The consultation is open until 30 November and forms are on the table by the door."),
    ]
    lines = ['BRAMLEY END PARISH COUNCIL -- BUS SERVICE CONSULTATION',
             'Public meeting, Village Hall, 7.30pm, 19 October 2021',
             'Typed from dictaphone by J. Ellis (Clerk). Not verbatim in places.', '']
    blocks = []
    for kind, text in items:
        if kind == 'H':
            lines += ['', text, '']
            blocks.append((NOTE, text))
            continue
        if kind == 'N':
            lines += [text, '']
            blocks.append((NOTE, text))
            continue
        first = True
        for seg in text.split('\n'):
            if first:
                seg = '-- %s: %s' % (kind, seg)
            for ln in wrap(seg, 70):
                lines.append(ln)
            first = False
        if kind == 'SARAH W.' and text.startswith("I just"):
            lines += ['', '                                 - 2 -', '']
        lines.append('')
        spk = kind.replace(' (Stagecoach)', '')
        blocks.append((spk, text.replace('\n', ' ')))
    lines += ['', 'Meeting closed 8.55pm.', '']
    data = '\r'.join(lines)
    return name, data.encode('ascii'), blocks, {
        2: 'org parenthetical (Stagecoach) removed',
        3: 'SARAH T. and SARAH W. distinct; trailing initial period kept',
        5: 'wrapped line starting "problem:" is continuation, not a label',
        9: 'MRS B. AINSWORTH one-off'}


# 19 ------------------------------------------------------------ US deposition Q./A. with colloquy
def gen_deposition():
    name = 'deposition_qa_colloquy_probation_officer.txt'
    items = [
        ('BY', 'MS. GRANT'),
        ('Q', "Officer Dunn, how long were you assigned as Mr. Reyes's supervising officer?"),
        ('A', "From about March of 2019 until his arrest in October of 2020. So roughly eighteen, nineteen months."),
        ('Q', "And during that time how often did you meet with him?"),
        ('A', "Monthly office visits, and I did two home contacts. The policy at the time was one home contact per quarter for a medium-risk case, so I should have done six."),
        ('Q', "So you were below policy?"),
        ('MR. DOYLE', "Objection. Form."),
        ('MS. GRANT', "You can answer."),
        ('THE WITNESS', "I was below policy on home contacts, yes. We had caseloads of 90-plus at that time."),
        ('BY', 'MS. GRANT'),
        ('Q', "Did you ever report that caseload to your supervisor?"),
        ('A', "Every month. It's in the monthly stats report that goes up to the regional office. Note: I also put it in an email to Supervisor Klein in, I want to say, June of 2020, because I was worried about exactly this kind of case falling through."),
        ('PAREN', "(Whereupon, Deposition Exhibit 7 was marked for identification.)"),
        ('Q', "I'm handing you what's been marked as Exhibit 7. Do you recognize this?"),
        ('A', "Yes. That's my email."),
        ('MR. DOYLE', "Counsel, can we take five? It's 10:30."),
        ('MS. GRANT', "Sure. Off the record."),
        ('PAREN', "(Recess taken from 10:31 a.m. to 10:44 a.m.)"),
    ]
    hdr = lambda n: ['', ' ' * 60 + 'Page %d' % n, '']
    foot = ['', '              MERIDIAN COURT REPORTING  (555) 010-4477', '\f']
    lines = hdr(14)
    blocks = []
    for kind, text in items:
        if kind == 'BY':
            lines.append('     BY %s:' % text)
            blocks.append((NOTE, text))
            continue
        if kind == 'PAREN':
            lines += ['', '               ' + text, '']
            blocks.append((NOTE, text))
            continue
        if kind in ('Q', 'A'):
            ws = wrap(text, 58)
            for k, ln in enumerate(ws):
                lines.append(('          %s.   ' % kind if k == 0 else '     ') + ln)
                if kind == 'A' and text.startswith('Every') and k == 1:
                    lines += foot + hdr(15)
        else:
            ws = wrap('%s:  %s' % (kind, text), 56)
            for k, ln in enumerate(ws):
                lines.append(('                    ' if k == 0 else '     ') + ln)
        blocks.append((kind, text))
    lines += foot
    data = '\n'.join(lines) + '\n'
    return name, data.encode('utf-8'), blocks, {
        1: 'Q. loses its period; "BY MS. GRANT:" line above is an examination heading, not a turn',
        7: 'colloquy: MS. GRANT as a speaker label, distinct from Q',
        8: 'THE WITNESS is distinct from A',
        10: 'answer runs across page footer/header'}


# 20 ------------------------------------------------------------ Adobe Premiere Pro transcript export
def gen_premiere():
    name = 'premiere_pro_transcript_youth_club_film.txt'
    segs = [
        ('00:00:00:00', '00:00:04:21', 'Dev', "So this is the youth club, yeah? We're in the old Methodist hall on Station Road."),
        ('00:00:04:22', '00:00:08:10', 'Dev', "Been here since 2016, when the council shut the one on Park Lane."),
        ('00:00:08:11', '00:00:10:02', 'Speaker 2', "Eight years. Mad."),
        ('00:00:10:03', '00:00:16:15', 'Dev', "It was meant to be temporary. Tuesdays and Thursdays, 6 till 9, and Saturdays in the summer."),
        ('00:00:16:16', '00:00:25:08', 'Kai', "I've been coming since I was eleven. It's the only place round here that's free, innit. Like, where else are you gonna go?"),
        ('00:00:25:09', '00:00:27:00', 'Unknown', "Oi, Dev, are we doing pool or what?"),
        ('00:00:27:01', '00:00:30:12', 'Dev', "[laughs] Give us ten minutes, Tyler. We're filming."),
        ('00:00:30:13', '00:00:36:20', 'Kai', "Without this place I reckon I'd be on the street doing stupid stuff. That's real."),
        ('00:00:36:21', '00:00:39:02', 'Kai', "You can cut that bit if you want."),
        ('00:00:39:03', '00:00:41:00', 'Speaker 2', "No, that's a good bit. Keep it."),
        ('00:00:41:01', '00:00:48:17', 'Dev', "The funding's up for renewal in March. If it goes, it goes. That's the honest answer."),
    ]
    lines = []
    for a, b, spk, text in segs:
        lines += ['%s - %s' % (a, b), spk, text, '']
    data = '\r\n'.join(lines)
    return name, data.encode('utf-8'), [(s, t) for _, _, s, t in segs], {
        1: 'two Dev segments merge',
        5: 'Unknown one-off',
        7: 'two Kai segments merge'}


GENS = [gen_srt, gen_word_transcribe, gen_thai, gen_greek, gen_ukrainian, gen_gotranscript,
        gen_fathom, gen_dash_typist, gen_deposition, gen_premiere]

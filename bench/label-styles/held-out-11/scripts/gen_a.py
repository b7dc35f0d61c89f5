"""Files 01-10. Each gen_* returns (file_name, bytes, blocks, notes)."""
from lib import (NOTE, P, R, BR, TAB, TABLE, make_docx, make_odt, OP, OH, OPB, wrap)


# 01 ------------------------------------------------------------ TranscribeMe
def gen_transcribeme():
    name = 'transcribeme_youth_offending.txt'
    blocks = [
        ('S1', '[00:00:02]', "Okay, so that's recording now. Thanks both of you for making time. Just to start, can you say a bit about how long you've been working together?"),
        ('S2', '[00:00:11]', "Yeah, so I've been Jayden's case worker since, what, March? So about seven months now. We meet every Tuesday at 10:30, usually at the office on Mill Street, sometimes at his nan's."),
        ('S3', '[00:00:27]', "[laughter] Sometimes at McDonald's."),
        ('S2', '', "[laughter] Sometimes at McDonald's, yeah. That's fair."),
        ('S1', '', "And Jayden, what did you think when you first heard you'd have a YOT worker?"),
        ('S3', '[00:00:41]', "Honestly? I thought it was going to be like another social worker. Like someone who just writes stuff down and then you never see them again. But she's all right. She actually turns up."),
        (NOTE, '', '[crosstalk]'),
        ('S1', '', "Sorry, go on."),
        ('S2', '[00:01:20]', "I was just going to say the order's got about five months left on it. Note: we did have a breach in June, but that was sorted at panel and he's been fine since."),
        (NOTE, '', '[00:02:00]'),
        ('S2', '', "And since then it's been pretty steady, hasn't it? He's done all of his reparation hours at the allotment project."),
        ('S4', '[00:02:14]', "Sorry, sorry, I'm just grabbing my keys. Don't mind me."),
        ('S1', '', "No worries at all. Jayden, what would you say has actually helped the most?"),
        ('S3', '[00:02:31]', "Probably the boxing. [inaudible] got me into it at the gym on Fairfield Road and now I go three times a week. Update: I've got my first bout in December."),
        ('S1', '[00:02:50]', "That's brilliant. We'll leave it there for now. Thank you both."),
        (NOTE, '', '[END OF RECORDING]'),
    ]
    lines = ['File name: YOS_interview_14.mp3',
             'Transcription: Clean Verbatim',
             'Speaker key: S1 = Interviewer, S2 = Youth Justice Worker, S3 = Young person, S4 = Family member',
             '']
    for spk, ts, text in blocks:
        if spk is NOTE:
            lines.append(text)
        else:
            lines.append('%s: %s%s' % (spk, (ts + ' ') if ts else '', text))
        lines.append('')
    data = '\ufeff' + '\r\n'.join(lines)
    return name, data.encode('utf-8'), [(s, t) for s, _, t in blocks], {
        3: 'S3 turn is 3 tokens: whole turn',
        8: 'bare [00:02:00] line and a following S2 paragraph merge into this turn',
        9: 'S4 one-off speaker'}


# 02 ------------------------------------------------------------ Express Scribe typist
def gen_express():
    name = 'express_scribe_int_resp_benefits.txt'
    blocks = [
        ('INT', ["Thank you for agreeing to take part. As I said on the phone, it’s about people’s experiences of moving over to Universal Credit. Is it okay if I record?"]),
        ('RESP', ["Aye, no bother. I’ve done one of these before for the university, so I know the drill."]),
        ('INT', ["Great. So can you tell me when you first made the claim?"]),
        ('RESP', ["It was the January, just after New Year. I’d been on ESA and they sent me the letter saying I had to “migrate”, that was the word they used.",
                  "I rang them at 9:15 on the Monday and I was on hold till gone 10:30. Then it cut off."]),
        (NOTE, ['[Pause]']),
        ('RESP', ["Sorry. It still gets to me a bit, that. Five weeks with nothing coming in, and the advance was £340 which they then take back off you at £57 a month."]),
        (NOTE, ['[Note: respondent’s partner entered the room at 14:30 and left shortly after]']),
        ('PARTNER', ["She’s not wrong, like. We had to go to the food bank twice."]),
        ('INT', ["And did anyone help you with the online journal?"]),
        ('RESP', ["The Citizens Advice lass did – Gemma. She sat with me at the library and showed me how to put my notes in… I still don’t trust it mind."]),
        ('INT', ["That’s really helpful. Is there anything else you want to add before we stop?"]),
        ('RESP', ["Just that it shouldn’t be this hard. That’s all."]),
        (NOTE, ['END OF INTERVIEW']),
    ]
    lines = ['PROJECT: Universal Credit Claimant Experiences',
             'Interview ref: UC-07',
             'Date of interview: 12/03/2019',
             'Location: Respondent’s home, Sunderland',
             'Duration: 47:12',
             'Transcribed by: K. Lowther',
             'Key: INT = Interviewer   RESP = Respondent   [ ] = inaudible/unclear',
             '']
    for spk, paras in blocks:
        if spk is NOTE:
            lines.append(paras[0])
        else:
            for k, para in enumerate(paras):
                if k == 0:
                    lines.append('%s:\t%s' % (spk, para))
                else:
                    lines.append('\t%s' % para)
        lines.append('')
    lines.append('')
    data = '\r\n'.join(lines)
    return name, data.encode('cp1252'), [(s, ' '.join(p)) for s, p in blocks], {
        4: 'second tabbed paragraph and the RESP block after [Pause] merge',
        5: 'PARTNER one-off, after an editorial [Note: ...] line'}


# 03 ------------------------------------------------------------ oral history archive
def gen_oral_history():
    name = 'oral_history_mining_village_latin1.txt'
    blocks = [
        (NOTE, 'TAPE 1 SIDE A'),
        ('GORDON PIKE', ["Right, we're recording. Can you start by telling me where and when you were born?"]),
        ('IRÈNE WALTON', ["I was born in Easington Colliery in 1938, in one of the old colliery houses on Seaside Lane. My mother was from Lille, that's why I'm Irène with the accent, though nobody at school ever spelt it right.",
                          "My father was a hewer. He went down at fourteen and he came up for good in 1972 with his chest."]),
        ('GORDON PIKE', ["What do you remember about the disaster in 1951?"]),
        ('IRÈNE WALTON', ["(pause) I remember the siren. It was about four in the morning, and my mother had us up and dressed. We stood at the pit gates with everybody else. Eighty-three men. You didn't need to ask who, you knew every family."]),
        (NOTE, '[Tape interruption]'),
        (NOTE, 'TAPE 1 SIDE B'),
        ('IRÈNE WALTON', ["Where was I? Oh yes, the funerals. The whole village walked. The Durham Miners' Association paid for the headstones, that was something."]),
        ('GORDON PIKE', ["And later on, during the strike in 84, you were involved with the soup kitchen?"]),
        ('JEAN WALTON (DAUGHTER)', ["Mam ran it, tell him. Out of the Welfare Hall, seven days a week."]),
        ('IRENE WALTON', ["She's right, I did. We fed two hundred some days. The café in the front street gave us their bread at the end of the day."]),
        ('GORDON PIKE', ["Thank you, Irène. I think we'll stop there."]),
        (NOTE, '[END OF TAPE]'),
    ]
    lines = ['DURHAM MINING LIVES ORAL HISTORY PROJECT', '',
             'Interview with: Mrs Irène Walton (b. 1938)',
             'Interviewer: Gordon Pike',
             'Date: 14 June 2004, 10:30',
             'Tape reference: DMLOH/2004/031',
             'Summary: Childhood in Easington; 1951 explosion; soup kitchen during 1984-85 strike.',
             'Transcript approved by interviewee: yes', '', '']
    for spk, x in blocks:
        if spk is NOTE:
            lines += [x, '']
        else:
            lines.append(spk)
            for para in x:
                lines += [para, '']
    data = '\n'.join(lines) + '\n'
    tb = [(None if s is NOTE else ('JEAN WALTON' if s.startswith('JEAN') else s),
           x if s is NOTE else ' '.join(x)) for s, x in blocks]
    return name, data.encode('latin-1'), tb, {
        2: 'two paragraphs under one caps name line',
        4: 'tape side change between two IRÈNE WALTON blocks: merged',
        6: 'JEAN WALTON (DAUGHTER): parenthetical role removed',
        7: 'IRENE WALTON without accent kept distinct from IRÈNE WALTON'}


# 04 ------------------------------------------------------------ Official Report committee evidence
def gen_official_report():
    name = 'official_report_committee_temp_accommodation.docx'
    turns = [
        ('Q118', 'Chair', ["Good morning and welcome to this session of our inquiry into temporary accommodation. Could I ask our two witnesses to introduce themselves briefly for the record?"]),
        ('', 'Dr Okafor', ["Good morning. I am Amara Okafor, director of policy at the Northern Homelessness Alliance."]),
        ('', 'Cllr Harker', ["Ruth Harker. I am the cabinet member for housing at Barnsdale Metropolitan Borough Council."]),
        ('Q119', 'Chair', ["Thank you. Dr Okafor, your written evidence says that the number of families in bed and breakfast beyond the six-week limit has tripled. Why?"]),
        ('', 'Dr Okafor', ["There are three reasons. The first is simply supply: private landlords are leaving the local housing allowance market.",
                           "The second is that councils are being priced out by each other. One authority will block-book a hotel 40 miles away and the receiving authority then has nowhere for its own families.",
                           "The third is the freeze on LHA rates between 2020 and April of this year."]),
        ('Q120', 'Janet Orme', ["Cllr Harker, can I pick up on that out-of-area point? How many of your households are placed outside the borough tonight?"]),
        ('', 'Cllr Harker', ["As of Monday, 212. Note: that figure includes 38 households placed in neighbouring Kirkfield, which we would not really regard as out of area, but the statistical return does."]),
        ('Q121', 'Janet Orme', ["And what does that cost you per night?"]),
        ('', 'Cllr Harker', ["On average £74 a night for a family room, against a subsidy we recover of about £27."]),
        ('Q122', 'Chair', ["That is a stark figure. We will come back to costs. Mr Lowe?"]),
        ('Q123', 'Mr Lowe', ["Thank you, Chair. Dr Okafor, does the code of guidance need to change, or is it enforcement?"]),
        ('', 'Dr Okafor', ["Enforcement, without question. The guidance is clear. What is missing is any consequence when it is breached."]),
    ]
    body = [P(R('Housing, Communities and Local Government Committee', b=True), style='Title'),
            P(R('Oral evidence: Temporary accommodation, HC 412', b=True)),
            P('Wednesday 8 November 2023'),
            P('Ordered by the House of Commons to be published on 8 November 2023.'),
            P(R('Watch the meeting', i=True)),
            P(R('Members present: ', b=True), 'Clive Renshaw (Chair); Janet Orme; Daniel Lowe; Priya Sandhu.'),
            P(R('Questions 118 - 123', b=True), align='center'),
            P(R('Witnesses', b=True), style='Heading1'),
            P(R('I: ', b=True), 'Dr Amara Okafor, Director of Policy, Northern Homelessness Alliance; and Cllr Ruth Harker, Cabinet Member for Housing, Barnsdale MBC.'),
            P(R('Examination of witnesses', b=True), style='Heading1'),
            P('Witnesses: Dr Amara Okafor and Cllr Ruth Harker.', style=None)]
    blocks = []
    for q, spk, paras in turns:
        for k, para in enumerate(paras):
            if k == 0:
                runs = []
                if q:
                    runs.append(R(q + ' ', b=True))
                runs.append(R(spk + ':', b=True))
                runs.append(R(' ' + para))
                body.append(P(*runs))
            else:
                body.append(P(para))
        blocks.append((spk, ' '.join(paras)))
    body.append(P(R('[Proceedings continue in private.]', i=True)))
    return name, make_docx(body, 'HC 412 oral evidence', 'Committee Office'), blocks, {
        1: 'Q118 question number is not part of the label or first_words',
        5: 'unlabelled follow-on paragraphs belong to Dr Okafor (Official Report convention)',
        7: 'Note: inside a witness answer, not a label'}


# 05 ------------------------------------------------------------ police ROTI, times in margin
def gen_police():
    name = 'police_roti_margin_times_iso8859-15.txt'
    turns = [
        ('14:02', 'DC SMITH', "This interview is being recorded. I'm Detective Constable 4471 Smith based at Halesowen. The other officer present is?"),
        ('14:02', 'DC OKONJO', "Detective Constable 5120 Okonjo."),
        ('14:03', 'DC SMITH', "Also present is your legal representative. Can you introduce yourself please."),
        ('14:03', 'MS DHILLON', "Rupinder Dhillon, solicitor, from Carter Bains. I have advised my client and he will be answering questions."),
        ('14:04', 'DC SMITH', "Daniel, can you confirm your full name and date of birth for the tape."),
        ('14:04', 'KERR', "Daniel James Kerr, 9th of the 4th 1991."),
        ('14:06', 'DC SMITH', "On Saturday the 29th at about 23:40 a man was assaulted outside the Swan on Hagley Road. What can you tell me about that?"),
        ('14:07', 'KERR', "I was there, yeah, I'm not denying I was there. Me and Liam had words because he owed me about €200 from when we went to Tenerife and he kept saying he'd pay it Friday. He swung first. I pushed him and he went over the bollard. That's it. I never kicked him, whatever the camera says."),
        ('14:12', 'DC OKONJO', "Witnesses describe you kicking him twice while he was on the floor."),
        ('14:12', 'KERR', "No comment."),
        ('14:27', 'DC SMITH', "The time is 14:27 and we're resuming. Daniel, anything you want to add?"),
        ('14:28', 'KERR', "Only that I rang the ambulance myself. Check the call."),
    ]
    W = 46
    out = []
    def header(page):
        return ['RECORD OF TAPED INTERVIEW' + ' ' * 33 + 'Page %d of 2' % page,
                'Person interviewed: Daniel KERR          Exhibit No: JS/4',
                '']
    out += header(1)
    out += ['Place of interview: Halesowen Police Station',
            'Date: 03/02/2022   Time commenced: 14:02   Time concluded: 14:31',
            'Interviewing officer(s): DC 4471 SMITH, DC 5120 OKONJO',
            'Other persons present: Ms R. DHILLON (Solicitor)',
            '',
            'Time   Speaker       Text',
            '-----  ------------  ' + '-' * W]
    page_break_after_line = None
    nlines = 0
    for i, (t, spk, text) in enumerate(turns):
        if i == 10:
            out.append('14:20                --- Interview suspended for legal consultation ---')
            out.append('')
        ws = wrap(text, W)
        for k, line in enumerate(ws):
            if k == 0:
                out.append('%-5s  %-12s  %s' % (t, spk, line))
            else:
                out.append(' ' * 21 + line)
            nlines += 1
            if i == 7 and k == 2:
                out += ['', 'Signature(s): ......................   ......................',
                        '\f' + header(2)[0], header(2)[1], header(2)[2]]
        out.append('')
    out += ['14:31                --- Interview concluded ---', '',
            'Signature(s): ......................   ......................']
    data = '\r\n'.join(out) + '\r\n'
    blocks = [(s, t) for _, s, t in turns]
    return name, data.encode('iso8859_15'), blocks, {
        8: 'KERR answer runs across a page footer and repeated page header; continuation lines have no margin time',
        4: 'MS DHILLON: title in label; listed as Ms R. DHILLON (Solicitor) in header',
        11: 'follows the editorial "Interview suspended" margin line',
    }


# 06 ------------------------------------------------------------ social-work case recording, no speakers
def gen_casenote():
    name = 'casenote_quoted_dialogue_safeguarding.odt'
    paras = [
        "I arrived at 10:30 and was let in by Ms Morley. The front room was warm and tidy; there was food in the fridge and L. was watching television in her pyjamas, although it was a school day.",
        "Ms Morley said she had kept L. off because of a cough. When I asked about the letters from school she said, \u201cI\u2019ve been trying, I really have. It\u2019s the mornings, she won\u2019t get up and I can\u2019t drag her.\u201d",
        "L. showed me her bedroom. She told me: \u201cMummy cries at night when Darren goes.\u201d When I asked who Darren was she said he was \u201cMummy\u2019s friend\u201d and that he sometimes shouts.",
        "Maternal grandmother (Mrs Morley senior) arrived at 11:05. She said she is willing to do the school run three days a week and that she has \u201cnever liked\u201d Darren.",
        "Note: L. was not seen alone on this occasion, as she asked for her grandmother to stay in the room.",
        "Ms Morley presented as tired but engaged. She acknowledged that school attendance is a concern. The disclosure about Darren shouting needs to be explored further before any view is taken about risk.",
        "Update: following the visit I spoke to the school DSL (Mrs Abbott) at 14:15, who confirmed attendance this term is 71%.",
        "I will complete a check with the police on Darren\u2019s full name once known, and arrange to see L. alone at school within five working days. Grandmother to be added as a support in the plan.",
    ]
    parts = [OH('Case Recording \u2013 Home Visit', 1),
             OPB('Child: ', 'L.M. (DOB 04/09/2016)'),
             OPB('Date/time of visit: ', '21/11/2023 10:30'),
             OPB('Worker: ', 'Priya Nair, Social Worker, Family Support Team East'),
             OPB('Present: ', 'Ms K. Morley (mother), L.M., maternal grandmother (part of visit)'),
             OPB('Type: ', 'Announced visit \u2013 Child in Need plan'),
             OH('Observations', 2)]
    parts += [OP(p) for p in paras[:5]]
    parts.append(OH('Analysis', 2))
    parts.append(OP(paras[5]))
    parts.append(OH('Actions', 2))
    parts += [OP(p) for p in paras[6:]]
    parts += [OP(''), OP('Signed: P. Nair\tDate: 21/11/2023'), OP('Manager oversight: pending')]
    return name, make_odt(parts), [('', p) for p in paras], {
        3: 'colon after "told me" is prose, not a label',
        5: '"Note:" paragraph is case-note body text, not a speaker',
        7: '"Update:" paragraph is body text'}


# 07 ------------------------------------------------------------ Obsidian markdown, heading per speaker
def gen_obsidian():
    name = 'obsidian_heading_per_speaker_rural_gp.md'
    blocks = [
        ('Me', "So first of all, thanks for fitting me in between surgeries. Could you describe the area the practice covers?"),
        ('Dr. Fenwick', "Well, on paper it's about 180 square miles. In practice it's one main surgery in Middleton and two branch clinics we run out of village halls:\n\n- Mondays: Forest-in-Teesdale, 9:00 to 12:00\n- Thursdays: Langdon Beck, afternoons only\n\nAnd home visits, which are the real problem."),
        ('Dr. Fenwick', "Some of those farms are forty minutes each way in winter. If the road over to Alston shuts you're looking at an hour and a half."),
        ('Me', "How do patients get to the hospital for appointments?"),
        ('Moira', "Mostly they don't, unless family drive them. The bus is twice a day. We've got a volunteer driver scheme but it's down to four drivers since Covid."),
        ('Dr. Fenwick', "And they're all over seventy themselves, **bless them**."),
        ('Moira', "[laughs] Don't let Alan hear you say that."),
        ('Me', "Is remote consulting helping?"),
        ('Moira', "For some. Broadband up the dale is patchy. Note: the practice logged 312 video consults last year out of nearly 14,000 appointments."),
        ('Dr. Fenwick', "It works for repeat medication reviews. It doesn't work for a chest you need to listen to."),
    ]
    out = ['---', 'title: "Interview 05 \u2013 Rural GP access"', 'date: 2023-04-11', 'time: 10:30',
           'tags: [rural, health, interview, teesdale]', 'participants: "[[Dr. Fenwick]], [[Moira]]"', '---', '',
           '# Interview 05 \u2013 Upper Teesdale', '',
           '> [!note] Update: audio file is in `attachments/`. Transcribed by hand from 00:00 to 23:40.', '',
           '## Speakers', '- **Me** (interviewer)', '- **Dr. Fenwick** \u2013 GP partner, Middleton surgery',
           '- **Moira** \u2013 practice manager', '', '---', '', '## Transcript', '']
    for spk, text in blocks:
        out += ['### ' + spk, text, '']
    out += ['---', '', '## My notes afterwards', '',
            'Moira much more direct than Dr. F. Follow up: volunteer driver scheme figures. Link: [[Volunteer drivers]].', '']
    data = '\n'.join(out)
    tb = list(blocks)
    return name, data.encode('utf-8'), tb, {
        2: 'bullet list with "Mondays:" inside the turn; a second ### Dr. Fenwick heading follows and merges',
        5: 'bold markers later in the turn only',
        }


# 08 ------------------------------------------------------------ Notta-style TSV, UTF-16 BE
def gen_notta():
    name = 'notta_tsv_tenancy_support_utf16be.txt'
    rows = [
        ('Speaker 1', '00:00:01', '00:00:09', "Hi Tomasz, thanks for coming in. Is it alright if we go through the support plan today?"),
        ('Tomasz Nowak', '00:00:09', '00:00:12', "Yes, okay. No problem."),
        ('Speaker 1', '00:00:12', '00:00:25', "So last time we said the main thing was the rent arrears. Where are we with that now?"),
        ('Tomasz Nowak', '00:00:25', '00:00:41', "I paid £150 on Friday. The landlord, he wants all of it by the end of the month but I told him it's not possible."),
        ('Tomasz Nowak', '00:00:41', '00:00:52', "Also the boiler is still broken. Three weeks now. I have a small electric heater only."),
        ('Speaker 1', '00:00:52', '00:01:10', "Okay. Note: I'll log the boiler as a disrepair issue today, that's separate from the arrears. He can't just ignore it."),
        ('Speaker 3', '00:01:10', '00:01:16', "Sorry to interrupt, Gosia, your 11:30 is here early."),
        ('Speaker 1', '00:01:16', '00:01:30', "Thanks, tell them ten minutes. Tomasz, have you heard back about the Discretionary Housing Payment?"),
        ('Tomasz Nowak', '00:01:30', '00:01:44', "Not yet. They said six weeks. It was four weeks ago, something like that."),
        ('Speaker 1', '00:01:44', '00:01:58', "Right, I'll chase that as well. Let's book the next session for the 14th at 10:00."),
    ]
    out = ['Speaker\tStart\tEnd\tText']
    for r in rows:
        out.append('\t'.join(r))
    out += ['', 'Transcribed by Notta.ai']
    data = '\ufeff' + '\r\n'.join(out) + '\r\n'
    return name, data.encode('utf-16-be'), [(r[0], r[3]) for r in rows], {
        4: 'two consecutive Tomasz Nowak rows merge',
        6: 'Speaker 3 one-off; text contains 11:30'}


# 09 ------------------------------------------------------------ "Speaker","Start","Text" CSV-like .txt
def gen_csvlike():
    name = 'csvlike_speaker_start_text_probation.txt'
    rows = [
        ('Probation Officer', '00:00:03', 'Morning, Lee. Take a seat, the heating\'s finally working in here.'),
        ('Lee', '00:00:09', 'Alright. Yeah, I\'m fine, "as usual", before you ask.'),
        ('Probation Officer', '00:00:14', 'Ha. Okay, so, first thing: how did the appointment at the job centre go on Tuesday?'),
        ('Lee', '00:00:22', 'They\'ve put me on the Restart thing. Twelve months. I have to go in every fortnight, Wednesdays, 10:30.'),
        ('Lee', '00:00:35', 'Which clashes with the accredited programme, so, you know.\nI did tell them.'),
        ('Probation Officer', '00:00:41', 'I\'ll email the work coach, we can move the group to Thursday evening. Any contact with Kelly since we last spoke?'),
        ('Lee', '00:00:52', 'No. Nothing. Not since the order came in, I swear down.'),
        ('Speaker 3', '00:00:58', 'Sorry - is this room booked till twelve?'),
        ('Probation Officer', '00:01:02', 'Till half twelve, yeah, sorry. Lee, last thing, the drug test on Friday, are you going to be okay with that?'),
        ('Lee', '00:01:10', 'Yeah. It\'ll be clean. Put that in your "notes", Steph.'),
    ]
    def q(s):
        return '"' + s.replace('"', '""') + '"'
    lines = [','.join(q(x) for x in ('Speaker', 'Start', 'Text'))]
    for r in rows:
        lines.append(','.join(q(x) for x in r))
    # mixed endings: CRLF mostly, LF for some lines, embedded LF inside a quoted field
    seps = ['\r\n', '\r\n', '\n', '\r\n', '\n', '\r\n', '\r\n', '\n', '\r\n', '\r\n', '\r\n']
    data = ''.join(l + seps[i] for i, l in enumerate(lines))
    return name, data.encode('utf-8'), [(r[0], r[2]) for r in rows], {
        2: 'quoted field with doubled quotes later in the turn',
        4: 'two Lee rows merge; the second has an embedded newline inside quotes',
        7: 'Speaker 3 one-off'}


# 10 ------------------------------------------------------------ WebVTT with <v.class Name> spans
def gen_vtt():
    name = 'riverside_voice_spans_hospital_discharge.vtt'
    cues = [
        ('Nurse Adeyemi', '00:00:00.500', '00:00:04.200', "Right, Mr Hollis, before we get you home,"),
        ('Nurse Adeyemi', '00:00:04.200', '00:00:07.900', "I just want to run through the discharge plan with you and Kath."),
        ('Desmond Hollis', '00:00:08.100', '00:00:10.000', "Go on then, love."),
        ('Nurse Adeyemi', '00:00:10.300', '00:00:15.800', "So the reablement team will come twice a day for the first two weeks,\nmorning and teatime."),
        ('Kath Hollis', '00:00:16.000', '00:00:21.400', "What time in the morning? Because I leave for work at half seven."),
        ('Nurse Adeyemi', '00:00:21.600', '00:00:26.000', "They aim for between 8:00 and 10:30, but I'll put a note on that you're out early."),
        ('Pharmacist', '00:00:27.000', '00:00:33.500', "Hello, sorry, I've got Mr Hollis's tablets here. There's a new one, the bisoprolol."),
        ('Pharmacist', '00:00:33.500', '00:00:37.000', "One in the morning, with food."),
        ('Desmond Hollis', '00:00:37.400', '00:00:41.900', "I'll never remember all these. Kath, you'll have to do the box."),
        ('Kath Hollis', '00:00:42.000', '00:00:44.000', "[laughs] I always do, Dad."),
        ('Nurse Adeyemi', '00:00:44.500', '00:00:50.000', "And if there's any problem at all, the number for the ward is on the front of the letter."),
    ]
    cls = {'Nurse Adeyemi': '.host', 'Desmond Hollis': '', 'Kath Hollis': '.guest', 'Pharmacist': ''}
    out = ['WEBVTT', 'Kind: captions', 'Language: en-GB', '',
           'STYLE', '::cue(v[voice="Nurse Adeyemi"]) {', '  color: #ffd700;', '}', '',
           'NOTE', 'Exported from Riverside.fm \u2014 speaker names taken from track labels.', '']
    for i, (spk, a, b, text) in enumerate(cues, 1):
        if i == 7:
            out += ['NOTE 00:00:26 short crosstalk removed by editor', '']
        settings = ' align:start position:10%' if i in (1, 5) else ''
        lines = text.split('\n')
        lines[0] = '<v%s %s>%s' % (cls[spk], spk, lines[0])
        lines[-1] = lines[-1] + '</v>'
        out += [str(i), '%s --> %s%s' % (a, b, settings)] + lines + ['']
    data = '\n'.join(out)
    return name, data.encode('utf-8'), [(c[0], c[3]) for c in cues], {
        1: 'two cues of Nurse Adeyemi merge',
        6: 'Pharmacist one-off speaker, two cues merge'}


GENS = [gen_transcribeme, gen_express, gen_oral_history, gen_official_report, gen_police,
        gen_casenote, gen_obsidian, gen_notta, gen_csvlike, gen_vtt]

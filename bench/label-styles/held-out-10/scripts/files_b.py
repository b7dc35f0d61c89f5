# -*- coding: utf-8 -*-
"""Files 11-20."""
import csv, io
from lib import Turn as T, truth_rows, wrap


# 11 ----------------------------------------------------------- Oral history, caps names, ISO-8859-15, CR
def oral_history():
    fn = "oral_history_rural_bus_ISO-8859-15_CR.txt"
    turns = [
        T("TOM BRIGHT", "So, Margaret, could you start by telling me where you grew up?"),
        T("MARGARET ELLIS", "Well, I was born at Low Farm, this house actually, in 1941. My father had the tenancy and his father before him. There was no bus at all then -- you walked to Northmoor or you went on the milk lorry."),
        T("TOM BRIGHT", "When did the bus service start?"),
        T("MARGARET ELLIS", "After the war. 1948 or '49. The Red Rose company ran it, twice a day, and on a Saturday there was the late one at 10:30 back from the pictures in Thirsk."),
        T("MARGARET ELLIS", "And the conductor, Arthur, he knew everybody, he'd wait if he saw you running down the lane.", note="continues after the track marker: merged"),
        T("JOHN ELLIS", "He waited for you, love. He never waited for me.", note="husband, label 'JOHN ELLIS (husband)'; one-off"),
        T("MARGRET ELLIS", "[laughs] That's because you were never running, you were strolling.", note="misspelt label kept as written, not unified"),
        T("TOM BRIGHT", "And when did it stop?"),
        T("MARGARET ELLIS", "It went down to Tuesdays and Fridays in the eighties, and then in 2014 it stopped altogether. Now there's the dial-a-ride, you ring the day before. My granddaughter in Lyon laughs, she pays €1.80 and there's a tram every six minutes."),
    ]
    labels = {"JOHN ELLIS": "JOHN ELLIS (husband)"}
    out = ["NORTHMOOR VOICES ORAL HISTORY PROJECT", "",
           "Interview reference: NV/2019/031", "Interviewee: Margaret Ellis (b. 1941)", "Interviewer: Tom Bright",
           "Date: 3 July 2019", "Location: Kitchen, Low Farm, Northmoor", "Duration: 01:12:44",
           "Summary: Childhood on the farm; the Red Rose bus service 1948-2014; dial-a-ride; isolation.", "",
           "Transcribed by: J. Ryder, August 2019. Transcript lightly edited; false starts removed.", "",
           "[START OF TRACK 1]", ""]
    for i, t in enumerate(turns):
        out.append(labels.get(t.speaker, t.speaker))
        out.append(t.text)
        out.append("")
        if i == 3:
            out += ["[END OF TRACK 1]", "", "[START OF TRACK 2]", ""]
            out.append("MARGARET ELLIS")
            continue
    # the track-2 label was written before turn 4's own label: drop the duplicate
    out2 = out[:]
    idx = out2.index("[START OF TRACK 2]")
    # out2[idx+2] == "MARGARET ELLIS" (inserted), out2[idx+3] == "MARGARET ELLIS" (turn 4 label) -> drop one
    assert out2[idx + 2] == "MARGARET ELLIS" and out2[idx + 3] == "MARGARET ELLIS"
    del out2[idx + 3]
    out2 += ["[END OF INTERVIEW]", "", "Copyright Northmoor Voices. Not to be reproduced without permission.", ""]
    return fn, "\r".join(out2).encode("iso-8859-15"), truth_rows(turns)


# 12 ----------------------------------------------------------- Express Scribe typist, UTF-16 BE
def express_scribe():
    fn = "expressscribe_care_leavers_UTF-16BE.txt"
    turns = [
        T("INT", "Okay, that's recording now. So, just to start, how old were you when you left care?", ts=None),
        T("RESP", "Eighteen. Well, the day after my eighteenth, basically.", ts=None),
        T("INT", "And where did you go?", ts=None),
        T("RESP", "Supported lodgings first, with a lady called Bev. That was all right. Then a flat through the council when I was nineteen, a bedsit really.\nThe first winter I didn't know you had to put the heating on the key, so I just... sat there in my coat.", ts=None),
        T("INT", "Did you have a personal adviser at that point?", ts="00:04:58"),
        T("RESP", "Yeah, Jo. She was good but she had like forty of us. You'd text her and she'd reply three days later.", ts=None),
        T("RESP", "Not her fault though.", ts=None, note="continues after [phone rings] note: merged"),
        T("RESP2", "Sorry -- is it all right if I get my charger?", ts=None, note="flatmate, one-off"),
        T("INT", "Yeah, of course. [pause] So, thinking about the flat, what would have helped most?", ts=None),
        T("RESP", "[laughs] Honestly? Someone showing me how the meter works. And a kettle.", ts="00:06:31"),
    ]
    out = ["Project: Care leavers and housing transitions", "Interview: CL-09", "Transcriber: JW (Express Scribe)",
           "Key: INT = interviewer, RESP = respondent, [ ] = transcriber note, ... = pause", "", ""]
    for i, t in enumerate(turns):
        paras = t.text.split("\n")
        first = ("[%s] " % t.ts if t.ts else "") + paras[0]
        lines = wrap(first, 70)
        out.append("%s:\t%s" % (t.speaker, lines[0]))
        for l in lines[1:]:
            out.append("\t" + l)
        for p in paras[1:]:
            out.append("")
            for l in wrap(p, 70):
                out.append("\t" + l)
        out.append("")
        if i == 5:
            out += ["[phone rings]", "", "RESP:\tNot her fault though.", ""]
            continue
    # remove the duplicate 'Not her fault though.' produced by turn 6 itself
    joined = "\r\n".join(out)
    dup = "RESP:\tNot her fault though.\r\n\r\n"
    assert joined.count(dup) == 2
    i1 = joined.find(dup)
    i2 = joined.find(dup, i1 + 1)
    joined = joined[:i2] + joined[i2 + len(dup):]
    joined += "\r\n[END OF RECORDING]\r\n"
    return fn, ("\ufeff" + joined).encode("utf-16-be"), truth_rows(turns)


# 13 ----------------------------------------------------------- Russian cp1251, two Olgas
def russian():
    fn = "russian_family_support_cp1251.txt"
    turns = [
        T("Интервьюер", "Спасибо, что согласились встретиться. Расскажите, пожалуйста, как вы узнали о центре поддержки семьи?"),
        T("Ольга С.", "Мне сказали в поликлинике, когда у младшего начались проблемы с речью. Дали телефон и всё."),
        T("Интервьюер", "И вы сразу позвонили?"),
        T("Ольга С.", "Нет, не сразу. Месяца через два, наверное. Было стыдно, честно говоря."),
        T("Ольга В.", "Это часто так бывает. Многие мамы приходят только когда уже совсем тяжело.", note="social worker, same first name as the mother"),
        T("Интервьюер", "Ольга Викторовна, а сколько семей сейчас у вас на сопровождении?"),
        T("Ольга В.", "Двадцать шесть. По нормативу должно быть пятнадцать. Примечание для вас: с января нас стало на одного специалиста меньше."),
        T("Ольга С.", "[смеётся] Я вообще не знала, что есть какой-то норматив."),
        T("Интервьюер", "Что бы вы изменили в работе центра, если бы могли?"),
        T("Ольга С.", "Чтобы можно было прийти вечером. Я работаю до шести, а приём до 17:00."),
    ]
    out = ["Расшифровка интервью №3", "Проект: Доступность социальных услуг для семей с детьми",
           "Дата: 14.02.2024", "Продолжительность: 00:47:12",
           "Примечание: имена участников изменены.", "", "Участники:",
           "Интервьюер – И. Н. Кузнецова", "Ольга С. – мать двоих детей",
           "Ольга В. – специалист по социальной работе", "", "-----", ""]
    for t in turns:
        out.append("%s: %s" % (t.speaker, t.text))
        out.append("")
    out += ["-----", "Конец записи."]
    return fn, "\r\n".join(out).encode("cp1251"), truth_rows(turns)


# 14 ----------------------------------------------------------- Hebrew youth centre
def hebrew():
    fn = "hebrew_youth_centre_interview.txt"
    RLM = "\u200f"
    turns = [
        T("מראיינת", "שלום נועה, תודה שהסכמת להתראיין. אני רק מזכירה שאפשר לעצור בכל רגע."),
        T("נועה", "בסדר, אין בעיה."),
        T("מראיינת", "ספרי לי איך הגעת למועדון הנוער בשכונה?"),
        T("נועה", "[צוחקת] בגלל חברה שלי, היא אמרה שיש שם פינג פונג ואוכל בחינם. זה היה בכיתה ח'."),
        T("נועה", "ואז התחלתי לבוא כל יום, בעיקר כי בבית היה קשה באותה תקופה.", note="typist started a new labelled line: merged"),
        T("מדריך", "אפשר להוסיף משהו? נועה היום בעצמה מדריכה בקבוצה של הצעירים.", note="youth worker, one-off"),
        T("מראיינת", "מה היה קורה אם המועדון היה נסגר?"),
        T("נועה", "הרבה ילדים היו פשוט ברחוב. המועדון פתוח עד 21:00 ואין שום מקום אחר פתוח בשעה כזאת."),
    ]
    out = [RLM + "ראיון 4 – מועדון הנוער, שכונת התקווה", RLM + "תאריך: 21.01.2024", RLM + "הערה: השמות שונו.", ""]
    for i, t in enumerate(turns):
        pre = RLM if i % 2 == 0 else ""
        out.append("%s%s: %s" % (pre, t.speaker, t.text))
        out.append("")
    out.append(RLM + "[סוף הראיון]")
    return fn, "\n".join(out).encode("utf-8"), truth_rows(turns)


# 15 ----------------------------------------------------------- Notta-style CSV saved as .txt
def notta_csv():
    fn = "notta_csv_export_welfare_rights.txt"
    turns = [
        T("Welfare Rights Adviser", "Hi, Mr Kowalski, thanks for calling back. Have you got the letter from the DWP in front of you?", st="00:00:02", et="00:00:09"),
        T("Speaker 2", "Yes, yes, I have it. It says overpayment, £2,140, and I don't understand why.", st="00:00:10", et="00:00:17"),
        T("Welfare Rights Adviser", "Okay. Can you read me the date at the top, and the bit that says \"decision\"?", st="00:00:18", et="00:00:25"),
        T("Speaker 2", "The date is 2 February. Decision: \"You were paid Universal Credit you were not entitled to\", from June to November.\nThen it says about my wife's earnings.", st="00:00:26", et="00:00:41", note="quoted field with an embedded line break"),
        T("Speaker 2", "But she told them when she started the job, she put it on the journal.", st="00:00:42", et="00:00:47", note="next CSV row, same speaker: merged"),
        T("Speaker 3", "It's me, his wife. I did report it, I have the screenshot.", st="00:00:48", et="00:00:53"),
        T("Welfare Rights Adviser", "That's really important. If it's official error, they may not be able to recover it. Can you email me the screenshot today?", st="00:00:54", et="00:01:03"),
        T("Speaker 3", "Yes, I will send it now.", st="00:01:04", et="00:01:06"),
    ]
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    w.writerow(["Speaker", "Start Time", "End Time", "Content"])
    for t in turns:
        w.writerow([t.speaker, t.st, t.et, t.text])
    return fn, ("\ufeff" + buf.getvalue()).encode("utf-8"), truth_rows(turns)


# 16 ----------------------------------------------------------- Excel tab-delimited, cp1252
def excel_tab():
    fn = "excel_tab_delimited_probation_cp1252.txt"
    turns = [
        T("PO", "Right, so this is your first appointment since release. I'll go through your licence conditions and then we'll talk about housing."),
        T("SU", "Yeah. I've got the list they gave me at the gate."),
        T("PO", "Condition 4 is the curfew at the approved premises – 9pm to 7am. Any problems with that so far?"),
        T("SU", "Not really. It's the café shifts, they finish at 8.45 so I'm running."),
        T("PO", "OK, I'll note that. If it becomes an issue we can ask for a variation."),
        T("SU", "The hostel's only for twelve weeks though, isn't it? Then what?"),
        T("Mgr", "Sorry to barge in – Dave, the duty desk needs you when you're done.", note="manager, one-off"),
        T("PO", "Thanks. So, housing: we refer to the council under the \"duty to refer\" within the first week.", note="field quoted by Excel because it contains quotes"),
        T("PO", "And I'll put you forward for the CAS3 scheme as a back-up.", note="next row same speaker: merged"),
        T("SU", "What's that, like a bedsit?"),
    ]
    rows = [["Line", "Speaker", "Text", "Code"]]
    n = 0
    codes = ["", "", "LICENCE", "EMPLOY", "", "HOUSING", "", "HOUSING;DTR", "HOUSING", ""]
    for i, t in enumerate(turns):
        if i == 2:
            rows.append(["", "", "--- Part 2: licence conditions ---", ""])
        n += 1
        rows.append([str(n), t.speaker, t.text, codes[i]])
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    for r in rows:
        w.writerow(r)
    return fn, buf.getvalue().encode("cp1252"), truth_rows(turns)


# 17 ----------------------------------------------------------- Obsidian markdown
def obsidian():
    fn = "obsidian_multiagency_meeting.md"
    turns = [
        T("Sarah K.", "Thanks all. This is the monthly multi-agency meeting for the Eastfield estate. First item is the anti-social behaviour around the precinct."),
        T("Sgt Harris", "So we've had 14 calls since the last meeting, most between 9 and 11 at night. It's the same group of five or six, mostly 14 and 15 year olds."),
        T("Sgt Harris", "Update: two of them have now had a community resolution, and the dispersal order ran out on Sunday.", note="second '### Sgt Harris' heading after the callout: merged"),
        T("Sarah M.", "From the youth service side, we know four of them. The issue is there's nothing open on a Friday since the hub closed.", note="different person from Sarah K."),
        T("Cllr. Pryce", "I've asked for the hub to be on the agenda at the area committee. I can't promise money."),
        T("Sarah K.", "Can we at least get a detached session on Fridays as a pilot?"),
        T("Sarah M.", "If the police can share the hotspot times, yes, I can move one of the Tuesday sessions."),
        T("Sgt Harris", "Yep, I'll send that over. Not names, just times and locations."),
    ]
    out = ["---", "title: Eastfield MAM 2024-03-05", "tags: [meeting, eastfield, asb]", "created: 2024-03-05 10:02", "---", "",
           "# Eastfield multi-agency meeting – 5 March 2024", "", "## Attendees", "",
           "- Sarah K. (chair, housing)", "- Sarah M. (youth service)", "- Sgt Harris (neighbourhood policing)", "- Cllr. Pryce (ward councillor)", "",
           "## Transcript", "", "> [!note] Recording started 10:02. Auto-transcript, tidied by SK.", ""]
    prev = None
    for i, t in enumerate(turns):
        out.append("### " + t.speaker)
        out.append("")
        for l in wrap(t.text, 100):
            out.append(l)
        out.append("")
        if i == 1:
            out += ["> [!warning] Sgt Harris's radio went off; ~30 s not transcribed.", ""]
    out += ["## Actions", "", "- [ ] Sgt Harris: send hotspot times to Sarah M. by Friday",
            "- [ ] Sarah M.: pilot Friday detached session", "- [ ] Cllr. Pryce: hub on area committee agenda", "",
            "#eastfield #asb"]
    return fn, "\n".join(out).encode("utf-8"), truth_rows(turns)


# 18 ----------------------------------------------------------- Case recording with quoted dialogue
def casenote():
    fn = "casenote_home_visit_mixed_eol.txt"
    turns = [
        T("SW", "\"Jayden, is it OK if you show me your room?\""),
        T("Jayden", "\"It's messy though. Mum said to tidy it.\"", note="label 'Jayden (9)'"),
        T("SW", "\"That's fine, I'm not here to check on tidying. Who sleeps in here?\""),
        T("Jayden", "\"Me and Kai. Kai's got the top bunk 'cause he's older.\""),
        T("Mum", "\"They've had the bunks since Christmas. Before that Kai was on the sofa.\""),
        T("SW", "\"And how are mornings? School said Jayden's been late a few times.\""),
        T("Mum", "\"It's the bus. There's one at 8:05 and if we miss it the next is 8:40. I've asked for a taxi but they said he's under the distance.\""),
        T("Nan", "\"I can take him Tuesdays and Thursdays now I've got the car back.\"", note="arrived during visit, one-off"),
        T("Jayden", "\"Nan plays the radio really loud.\""),
    ]
    out = ["CASE RECORDING", "", "Client ref: 88213-J", "Recorded by: Lena Novak (SW)", "Date of contact: 06/03/2024 16:00-17:05",
           "Type: Statutory home visit (CIN)", "Present: SW, Mum (Kerry), Jayden (9); Nan (Pat) arrived 16:40", "",
           "Purpose of visit: to see Jayden alone and review the CIN plan, in particular school attendance and sleeping arrangements.", "",
           "Observations: home warm and clean. Food in the fridge. Jayden came to the door and was chatty.", "",
           "Direct work - conversation recorded as close to verbatim as possible:", ""]
    labels = {"Jayden": "Jayden (9)"}
    for t in turns:
        out.append("%s: %s" % (labels.get(t.speaker, t.speaker), t.text))
    out += ["", "Analysis: Jayden presented as happy and relaxed. Lateness appears to be practical (transport) rather than neglect. Note: Nan's offer to be added to the plan.", "",
            "Actions:", "1. SW to ask school transport team to review distance decision.", "2. Add Nan (Pat) to CIN plan as support.", "3. Next visit within 4 weeks.", "",
            "Manager oversight: agreed. RB 07/03/2024"]
    # mixed line endings: header CRLF (typed in the case system), dialogue LF (pasted from phone notes)
    s = ""
    for k, line in enumerate(out):
        eol = "\n" if 14 <= k <= 23 else "\r\n"
        s += line + eol
    return fn, s.encode("utf-8"), truth_rows(turns)


# 19 ----------------------------------------------------------- oTranscribe plain export, initials
def otranscribe():
    fn = "otranscribe_plain_export_initials.txt"
    turns = [
        T("R.D.", "Okay, so I've got the consent form, thank you. Can you tell me a bit about the village and how long you've lived here?", ts="00:04"),
        T("M.O'C.", "Thirty-one years. We came for my husband's job at the quarry and never left.", ts="00:15"),
        T("R.D.", "And what changed when the bank closed?", ts="00:24"),
        T("M.O'C.", "Well, there's no cash machine now, the nearest is Keswick. For older people that's huge. My neighbour, she's 90, she won't do the online banking, she doesn't trust it.", ts="00:28"),
        T("M.O'C.", "The post office does some banking, but only three mornings a week.", ts="00:47", note="typist new timestamped paragraph, same speaker: merged"),
        T("K.", "Mum, sorry, the man's here about the boiler.", ts="00:53", note="daughter, one-off"),
        T("M.O'C.", "Oh, can we stop a minute?", ts="00:57"),
        T("R.D.", "Of course. So, picking up where we were, what about the GP?", ts="03:12"),
        T("M.O'C.", "[sighs] That's another story. The branch surgery shut in 2022.", ts="03:18"),
    ]
    out = ["Village services study - interview 12", "Note: R.D. = researcher, M.O'C. = participant, K. = participant's daughter", ""]
    for i, t in enumerate(turns):
        out.append("%s %s: %s" % (t.ts, t.speaker, t.text))
        out.append("")
        if i == 6:
            out += ["[recording paused 00:58 - 03:10]", ""]
    s = ""
    for k, line in enumerate(out):
        s += line + ("\r\n" if k % 3 == 0 else "\n")
    return fn, s.encode("utf-8"), truth_rows(turns)


# 20 ----------------------------------------------------------- Fathom
def fathom():
    fn = "fathom_tenancy_sustainment_call.txt"
    turns = [
        T("Priya Shah", "Hi Daniel, can you hear me okay?", ts="0:00", note="label 'Priya Shah (Northgate Housing)'"),
        T("Daniel Roe", "Yeah, I can hear you. Sorry, I'm on my phone.", ts="0:04"),
        T("Priya Shah", "No worries at all. So this is just the three-month check-in on the tenancy. How are things going in the flat?", ts="0:08"),
        T("Daniel Roe", "Mostly good. The rent's going out fine now the housing element's paid direct. But the electric's a nightmare, the meter's eating like £15 a week.", ts="0:17"),
        T("Priya Shah", "Okay, that's a lot for a one-bed. Is it a prepayment meter?", ts="0:31"),
        T("Priya Shah", "Because we can apply to the Warm Home Discount and the hardship fund.", ts="0:36", note="consecutive Fathom entries, same speaker: merged"),
        T("Daniel Roe", "Yeah, it's a key. I didn't know about any fund.", ts="0:41"),
        T("Tom Greaves", "Hi, sorry I'm late, Tom from the debt advice team. Priya said you might want a look at the arrears too.", ts="0:46", note="joins late"),
        T("Daniel Roe", "Yeah, that'd be good, to be fair.", ts="0:55"),
    ]
    labels = {"Priya Shah": "Priya Shah (Northgate Housing)", "Tom Greaves": "Tom Greaves (Northgate Money Advice)"}
    out = ["Tenancy sustainment check-in - Daniel R - March 12", "VIEW RECORDING - 14 mins (No highlights): https://fathom.video/share/Xq8mRk2vA1",
           "", "---", "", "Meeting Purpose", "", "Three-month tenancy sustainment check-in with Daniel.", "",
           "Key Takeaways", "", "  - Rent paid direct; no arrears increase", "  - Prepayment electricity costing ~£15/week",
           "", "Action Items", "", "  - Priya: send Warm Home Discount and hardship fund forms - WATCH (0:36)",
           "  - Tom: book debt advice appointment - WATCH (0:46)", "", "---", "", "Transcript", ""]
    for t in turns:
        out.append("%s - %s" % (t.ts, labels.get(t.speaker, t.speaker)))
        out.append("  " + t.text)
        out.append("")
    return fn, "\n".join(out).encode("utf-8"), truth_rows(turns)


BUILDERS = [oral_history, express_scribe, russian, hebrew, notta_csv, excel_tab, obsidian, casenote, otranscribe, fathom]

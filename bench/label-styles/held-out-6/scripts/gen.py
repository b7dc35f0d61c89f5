"""Generate the plain-text / caption / markdown files of held-out set 6 and their answer keys."""
from common import F, write_text, write_truth, derive

# ---------------------------------------------------------------- 1 MAXQDA
def maxqda():
    f = F("maxqda_probation_caseload.txt", min4=True)
    f.n("Interview: PO-07",
        "Project: Supervision in Practice (Kestrel Valley PDU)",
        "Date of interview: 14.03.2023",
        "Interviewer: I (H. Brannigan)",
        "Interviewee: PO7 (probation officer, 9 yrs in service)",
        "Duration: 00:41:17",
        "Transcription: simplified rules, time stamp at end of each paragraph",
        "")
    D = [
        ("I", "Thanks for making the time today. Could you start by describing your current caseload and how it has changed over the last year?", "00:00:04-6"),
        ("PO7", "Sure. At the moment I hold about forty-two cases, which is high for us. Note: that figure includes six people who are currently in custody, so the active number is nearer thirty-six.", "00:00:31-2"),
        ("I", "And how does that compare with, say, two years ago?", "00:00:36-0"),
        ("PO7", "It's gone up steadily. When I started in this team we were told the target was thirty. Nobody says thirty anymore.", "00:00:52-8"),
        ("PO7", "What changed, really, was unification. Overnight we picked up cases from the private company and a lot of the records were, let's say, incomplete.", "00:01:20-4"),
        ("I", "Can you give me an example of what incomplete meant in practice?", "00:01:25-9"),
        ("PO7", "One man came to me with a risk assessment that hadn't been reviewed in fourteen months. He'd moved address twice. The file said: \"stable accommodation\". It wasn't.", "00:02:02-1"),
        None,
        ("I", "Sorry about that. We were talking about records. How do you prioritise when everything feels urgent?", "00:02:40-3"),
        ("PO7", "Honestly? I triage on a Monday. I look at who's due, who's high risk, who has an appointment before 10:30: those come first. Everyone else gets slotted in around them.", "00:03:11-7"),
        ("I", "Is there any oversight of that triage, from a senior?", "00:03:15-2"),
        ("PO7", "In theory, yes. We have monthly supervision with the SPO. In practice it's often cancelled, or it turns into a case-by-case checklist rather than reflective space.", "00:03:48-0"),
        ("I", "What would reflective space look like for you?", "00:03:52-6"),
        ("PO7", "Time to think about the person, not the paperwork. Re: the checklist, I don't mind it, it just shouldn't be the whole conversation.", "00:04:20-5"),
    ]
    for d in D:
        if d is None:
            f.n("(Telephone rings, recording paused) #00:02:05-0#", "")
            continue
        spk, txt, ts = d
        f.t(spk, "%s: %s #%s#" % (spk, txt, ts), txt)
        f.n("")
    f.n("[Transcript continues in PO-07_part2.docx]")
    write_text(f, newline="\r\n")


# ---------------------------------------------------------------- 2 f4, ISO-8859-15
def f4_latin9():
    f = F("f4transkript_youth_diversion_latin9.txt", min4=True)
    f.n("f4transkript Export",
        "Audiodatei: YJ_diversion_P12.mp3",
        "Project: Youth Justice Diversion Evaluation (Harrowgate & Lyne YOS)",
        "Interviewers: I1 = M. Okafor, I2 = S. Lindahl; Participant: Zoë (16)",
        "Transcription conventions: (.) short pause; (unv.) unintelligible; (laughs) non-verbal",
        "")
    D = [
        ("I1", "Zoë, thanks for coming in. Just to check, you're happy for us to record this?", "00:00:03-1"),
        ("Zoë", "Yeah, that's fine, go ahead.", "00:00:06-4"),
        ("I2", "And you know you can stop at any point, you don't have to give a reason.", "00:00:11-0"),
        ("Zoë", "I know. Shauna told me all that already (laughs).", "00:00:15-8"),
        ("I1", "So you were referred to the diversion scheme last spring. What do you remember about that first meeting?", "00:00:24-2"),
        ("Zoë", "Honestly I thought it was going to be like school, like detention. But it was in the café at the youth centre and she bought me a hot chocolate, €2.50, I remember because she had to borrow the coins.", "00:00:49-7"),
        ("I2", "(unv.) sorry, who had to borrow?", "00:00:52-0"),
        ("Zoë", "Shauna, my worker. She's alright. (.) She didn't make me feel like a criminal.", "00:01:01-3"),
        ("I1", "Did anything about the scheme feel unfair to you?", "00:01:06-9"),
        ("Zoë", "The curfew bit. Nine o'clock is nothing when your mum works lates. My mate Štefan got the same thing and his was ten, so (.) I don't know.", "00:01:27-5"),
        None,
        ("I2", "Sorry about that. Did the curfew change anything for you?", "00:01:41-0"),
        ("Zoë", "Not really. I stayed in more, yeah, but I was on my phone with the same people.", "00:01:50-6"),
        ("I1", "Last question from me. If you could change one thing about the scheme, what would it be?", "00:01:58-2"),
        ("Zoë", "Let you pick your worker. Or at least meet two and choose.", "00:02:05-0"),
    ]
    for d in D:
        if d is None:
            f.n("(Interruption, knock at the door) #00:01:33-8#", "")
            continue
        spk, txt, ts = d
        f.t(spk, "%s: %s #%s#" % (spk, txt, ts), txt)
        f.n("")
    f.n("END OF TRANSCRIPT")
    write_text(f, encoding="iso8859_15", newline="\r\n")


# ---------------------------------------------------------------- 3 Express Scribe, caps + tab
def express_scribe():
    f = F("express_scribe_unpaid_work_caps_tab.txt")
    f.n("COMMUNITY PAYBACK / UNPAID WORK - PARTICIPANT INTERVIEW 3",
        "Audio: UPW_03.dss     Typed in Express Scribe (foot pedal). Time marks inserted approx. every 2 mins.",
        "Speakers: INTERVIEWER (R. Castellano), DARREN (participant), SUPERVISOR (Paul, brief)",
        "",
        "[00:00:00]")
    D = [
        ("INTERVIEWER", "INTERVIEWER", "Right, that's recording now. Can you tell me how you ended up on unpaid work?"),
        ("DARREN", "DARREN", "Community order, hundred and twenty hours. Drink driving, second time, so I knew it was coming."),
        ("INTERVIEWER", "INTERVIEWER", "And where were you placed first?"),
        ("DARREN", "DARREN", "The allotments up by Fenwick Road. Tuesdays and Thursdays, half eight till half four."),
        "[00:02:00]",
        ("DARREN", "DARREN", "To be fair it wasn't bad. Outdoors. You could see what you'd done at the end of the day, which I didn't expect to care about, but I did."),
        ("INTERVIEWER", "INTERVIEWER", "What about the other people in the group?"),
        ("DARREN", "DARREN", "Mixed. Some lads just sat in the van. Some of the older blokes were proper grafters. One fella, Mick, he said: \"just keep your head down and the hours go\". That stuck with me."),
        ("INTERVIEWER", "INTERVIEWER", "Did you ever feel judged by the public while you were out?"),
        ("DARREN", "DARREN", "The vests. The orange vests with COMMUNITY PAYBACK on the back. People slow their cars down to have a look."),
        "[00:04:00]",
        ("SUPERVISOR", "SUPERVISOR (PAUL)", "Sorry to interrupt, Darren, van's leaving in five minutes."),
        ("DARREN", "DARREN", "Cheers Paul. I'll be quick."),
        ("INTERVIEWER", "INTERVIEWER", "We can wrap up. Is there anything you'd want the probation service to change?"),
        ("DARREN", "DARREN", "Let people do hours closer to home. I was on two buses each way. Note: I did ask, they said the placement list is what it is."),
        ("INTERVIEWER", "INTERVIEWER", "Thanks Darren, that's really helpful."),
    ]
    for d in D:
        if isinstance(d, str):
            f.n(d)
            continue
        spk, lab, txt = d
        note = "label SUPERVISOR (PAUL); appears once" if spk == "SUPERVISOR" else ""
        if spk == "DARREN" and txt.startswith("To be fair"):
            note = "continues across bare [00:02:00] line"
        f.t(spk, lab + "\t" + txt, txt, note)
    f.n("[END OF RECORDING]", "")
    write_text(f, newline="\r\n")


# ---------------------------------------------------------------- SRT helper
def srt(name, cues, start=1.0, note_map=None):
    """cues: list of cue line lists; each line is (label_or_None, text, dash) or a str (non-turn cue text)."""
    lines, turns = [], []
    t = start
    cur = None  # [spk, [cue_bodies]]
    runs = []
    def ts(x):
        h = int(x // 3600); m = int(x % 3600 // 60); s = x % 60
        return "%02d:%02d:%02d,%03d" % (h, m, int(s), round((s - int(s)) * 1000))
    for i, cue in enumerate(cues, 1):
        dur = 2.2 + 0.9 * len(cue)
        lines.append(str(i))
        lines.append("%s --> %s" % (ts(t), ts(t + dur)))
        t += dur + 0.35
        if isinstance(cue, str):
            lines.append(cue)
            lines.append("")
            continue
        for lab, text, dash in cue:
            raw = ("- " if dash else "") + ((lab + ": ") if lab else "") + text
            lines.append(raw)
            if lab is None:
                cur[1].append(text)
            elif cur is not None and cur[0] == lab:
                cur[1].append(text)
            else:
                cur = [lab, [text]]
                runs.append(cur)
        lines.append("")
    return lines, runs


def srt_truth(name, runs, notes=None):
    rows = []
    for i, (spk, bodies) in enumerate(runs, 1):
        # first cue line(s) of the run: check >=4 tokens or whole turn
        whole = " ".join(bodies)
        toks = whole.split()
        rows.append((i, spk, " ".join(toks[:4]), (notes or {}).get(i, "")))
    return rows


def srt_dashes():
    name = "srt_dialogue_dashes_rural_bus.srt"
    C = [
        [("IONA", "So the bus only runs", False), (None, "twice a week now, is that right?", False)],
        [("HAMISH", "Tuesdays and Fridays.", True), ("IONA", "And the surgery in Kilbrannan?", True)],
        [("HAMISH", "Shut in twenty nineteen.", True), ("IONA", "What do people do instead?", True)],
        [("HAMISH", "You get a lift or you don't go.", False)],
        [(None, "Mrs Galbraith next door missed", False), (None, "her eye appointment three times.", False)],
        "[wind noise]",
        [("IONA", "Has anyone from the council", False), (None, "come out to ask about it?", False)],
        [("HAMISH", "There was a consultation.", False), (None, "Online. Which is great if you've got broadband.", False)],
        [("IONA", "And you haven't?", True), ("HAMISH", "We've got the library on a Wednesday.", True)],
        [("HAMISH", "(laughs) Which is shut", False), (None, "if the bus doesn't come.", False)],
        [("IONA", "That's a good place to stop.", False), (None, "Thank you, Hamish.", False)],
    ]
    lines, runs = srt(name, C, start=0.5)
    # caption-rule check: first cue of each run has >=4 tokens or is the whole turn (done by eye + below)
    rows = srt_truth(name, runs, {2: "dash dialogue line, whole turn", 3: "second dash line in same cue",
                                  6: "label-less cue continues HAMISH", 10: "HAMISH dash line then new HAMISH: cue merged"})
    with open("/tmp/held-out-6/" + name, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines))
    write_truth(name, rows)


def srt_veed():
    name = "veed_captions_benefits_sanctions.srt"
    C = [
        "[MUSIC]",
        "BENEFITS AND SANCTIONS - INTERVIEW 2",
        [("Interviewer", "Tomasz, you were sanctioned", False), (None, "in your first year on Universal Credit?", False)],
        [("Tomasz", "Twice. The first time I missed", False), (None, "a phone appointment.", False)],
        [(None, "My phone was cut off, so obviously", False), (None, "I missed the call.", False)],
        [("Interviewer", "How long did that sanction last?", False)],
        [("Tomasz", "Four weeks. About £300,", False), (None, "I think, near enough.", False)],
        [("Interviewer", "What did you do for money?", False)],
        [("Tomasz", "Food bank at St Columba's.", False), (None, "My sister. Payday loan, once.", False)],
        [("Tomasz", "Never again with that.", False)],
        "<i>[music]</i>",
        [("Interviewer", "And the second sanction?", False)],
        [("Tomasz", "That was for the job search hours.", False), (None, "Thirty-five hours a week, logged.", False)],
        [(None, "I was logging them. The system said", False), (None, "I wasn't. We never sorted it out.", False)],
        [("Narrator", "The Department was approached", False), (None, "for comment on this case.", False)],
        [("Interviewer", "Tomasz, thank you.", False)],
        [("Tomasz", "Thanks for having me on.", False)],
    ]
    lines, runs = srt(name, C, start=0.0)
    rows = srt_truth(name, runs, {2: "continues on an unlabelled cue", 6: "label repeated on a new cue, merged", 9: "Narrator appears once"})
    with open("/tmp/held-out-6/" + name, "w", encoding="utf-8", newline="\r\n") as fh:
        fh.write("\ufeff" + "\n".join(lines))
    write_truth(name, rows)


# ---------------------------------------------------------------- Webex clock times
def webex():
    f = F("webex_transcript_recovery_pathways.txt")
    f.n("Cisco Webex Meetings - Transcript",
        "Meeting: Recovery Pathways - staff interview 4",
        "Date: Thu, 9 Nov 2023  Time: 10:30 AM - 11:15 AM (GMT)",
        "Participants: Dana Whitfield (she/her); Kofi Mensah-Boateng; Rhiannon Pryce",
        "")
    DW = "Dana Whitfield (she/her)"
    KM = "Kofi Mensah-Boateng"
    D = [
        ("10:31:04 AM", DW, "Okay, I think the recording has started. Kofi, can you hear me alright?"),
        ("10:31:09 AM", KM, "Loud and clear, yeah."),
        ("10:31:15 AM", DW, "Great. So, as we said in the email, this is about how people move between the detox unit and community services."),
        ("10:31:40 AM", KM, "Sure. So I've been a recovery worker at Harbourside for six years, before that I was at the needle exchange on Quay Street."),
        ("10:32:02 AM", KM, "The biggest gap, honestly, is the first seventy-two hours after someone leaves detox."),
        ("10:32:20 AM", DW, "What happens in those seventy-two hours?"),
        ("10:32:31 AM", KM, "Often nothing. That's the problem. They get a letter with an appointment for ten days later. Ten days: that's a lifetime if you're sleeping in a car."),
        ("10:33:05 AM", "Rhiannon Pryce", "Sorry, can I just check, is that letter sent by the unit or by you?"),
        ("10:33:12 AM", KM, "By the unit. We don't always know the discharge date."),
        ("10:33:30 AM", DW, "How do you find out, then?"),
        ("10:33:38 AM", KM, "Word of mouth, mostly. Someone rings us. Or the person turns up at the drop-in and says \"they let me out Tuesday\"."),
        "Recording stopped by Dana Whitfield.",
        "Recording started by Dana Whitfield.",
        ("10:34:10 AM", DW, "Sorry, I've restarted it. You were saying about the drop-in."),
        ("10:34:18 AM", KM, "Yeah. The drop-in is the safety net. It's Monday, Wednesday, Friday, 10:30 till 2."),
        ("10:34:40 AM", DW, "Thanks Kofi, I think that's everything I need."),
    ]
    for d in D:
        if isinstance(d, str):
            f.n(d)
            continue
        ts, lab, txt = d
        spk = lab.replace(" (she/her)", "")
        note = "appears once" if spk == "Rhiannon Pryce" else ""
        f.t(spk, "[%s] %s: %s" % (ts, lab, txt), txt, note)
    f.n("", "Transcript generated automatically by Webex Assistant. Accuracy may vary.")
    write_text(f)


# ---------------------------------------------------------------- Riverside, (time) LABEL (name):
def riverside():
    f = F("riverside_two_interviewers_stigma.txt")
    f.n("Riverside.fm | Transcript export",
        "Project: Living With a Record (stigma and employment)",
        "Recording: session_07_final.wav  |  Length 00:38:52",
        "")
    I1 = "INTERVIEWER 1 (Dr Khan)"
    I2 = "INTERVIEWER 2 (J. Whitlock)"
    P = "PARTICIPANT (Lewis, 34, he/him)"
    D = [
        ("00:00:02", I1, "Thanks for joining us, Lewis. There are two of us today, I'm Samira and this is Joe."),
        ("00:00:09", I2, "Hi Lewis. I'll mostly be taking notes but I might jump in."),
        ("00:00:14", P, "No worries. Jump in whenever."),
        ("00:00:20", I1, "Can you tell us about the first time your conviction came up with an employer?"),
        ("00:00:27", P, "It was a warehouse job. Agency. They did the basic check and the guy rang me, like, mid-shift, and said: \"we need to talk about your DBS\"."),
        ("00:01:05", P, "I walked out to the car park to take the call. Everyone saw. I never went back in."),
        ("00:01:30", None, "[crosstalk]"),
        ("00:01:33", I2, "Sorry, sorry, go on. Did they actually let you go?"),
        ("00:01:38", P, "Not officially. The shifts just stopped appearing on the app."),
        ("00:01:52", I1, "How did that shape how you approached the next application?"),
        ("00:02:00", P, "I started telling them up front. Cover letter, first paragraph. Some places that works. Most places you never hear back."),
        ("00:02:31", I2, "Did anyone help you with the wording of that disclosure?"),
        ("00:02:36", P, "A charity, Second Shift. A woman there, Bernie, she went through it line by line with me."),
        ("00:03:10", None, "[Recording paused]"),
        ("00:03:12", I1, "We're back. Last thing: what do you wish employers understood?"),
        ("00:03:20", P, "That it was twelve years ago. I'm not that person. The record doesn't get older, but I do."),
    ]
    for ts, lab, txt in D:
        if lab is None:
            f.n("(%s) %s" % (ts, txt))
            continue
        spk = lab.split(" (")[0]
        f.t(spk, "(%s) %s: %s" % (ts, lab, txt), txt)
    f.n("", "Transcribed by Riverside. Edited for readability.")
    write_text(f)


# ---------------------------------------------------------------- Markdown table (Podcastle)
def md_table():
    f = F("podcastle_markdown_table_kinship_benefits.md", min4=False)
    f.n("# Cost of Living Voices - Ep. 4 transcript", "",
        "_Exported from Podcastle, tidied by the production team_", "",
        "## Speakers", "",
        "| Name | Role |", "|------|------|",
        "| Amara | Host |", "| Bev | Guest, kinship carer |", "| Leon | Guest, welfare rights adviser |", "",
        "## Transcript", "",
        "| Speaker | Text |", "|---------|------|")
    D = [
        ("Amara", "Welcome back to Cost of Living Voices. Today we're talking about kinship carers and the benefits system."),
        ("Bev", "Thanks for having me. I've been looking after my two grandkids since 2021."),
        ("Amara", "And Leon, you advise people like Bev every week?"),
        ("Leon", "Most days, yes. Kinship carers fall through a lot of gaps."),
        (None, "*[music sting]*"),
        ("Bev", "When I first took the kids on, nobody told me I could claim anything. I found out from a woman at the school gate."),
        ("Bev", "She said: \"you're entitled to Child Benefit at least, love\". I'd no idea."),
        ("Leon", "That's really common. There's also the carer element, council tax reduction, the list goes on."),
        ("Amara", "What's the hardest part of the claims process?"),
        ("Leon", "The forms assume a parent. Question 14 says: relationship to child, and none of the options fit."),
        ("Bev", "I ticked \"other\" and then had to explain it three times on the phone."),
        ("Amara", "Leon, what would you change first?"),
        ("Leon", "A single kinship carer assessment. One form, one phone number."),
        ("Amara", "Bev and Leon, thank you both."),
    ]
    for spk, txt in D:
        if spk is None:
            f.n("| | %s |" % txt)
            continue
        f.t(spk, "| %s | %s |" % (spk, txt), txt)
    f.n("", "---", "Podcastle transcript - generated 2024-01-18")
    write_text(f)


# ---------------------------------------------------------------- HTML saved as txt
def html_txt():
    f = F("html_export_saved_as_txt_temporary_accommodation.txt", min4=True)
    f.n("<!DOCTYPE html>", "<html>",
        '<head><meta charset="utf-8"><title>Transcript HSG-04 - Westbrook Housing Study</title></head>',
        "<body>", "<h1>Interview HSG-04</h1>",
        '<p class="meta">Recorded: 02/05/2023 &middot; Location: Westbrook Community Hub &middot; Interviewer: T. Mwangi</p>',
        "<hr>")
    MA = "Mrs Adeyemi"
    D = [
        ("Interviewer", "Thanks for meeting me here. Could you tell me a bit about where you're living at the moment?"),
        (MA, "We're in temporary accommodation, a room in a hotel off the ring road. Me and my two boys.<br>We've been there since January."),
        ("Interviewer", "How did you come to be in temporary accommodation?"),
        (MA, "The landlord sold the house. Section 21. He was nice about it, to be fair, but the notice was the notice."),
        (None, "<p><i>[child speaking in background]</i></p>"),
        ("Interviewer", "What is day-to-day life like in the hotel?"),
        (MA, "No kitchen. We have a kettle and a microwave I bought from Argos. The boys do their homework on the bed."),
        (MA, "And the school is forty minutes away now. Two buses."),
        ("Interviewer", "Have you had contact with the council's housing team since you moved in?"),
        (MA, "I phone every Monday. Note: they told me to phone every Monday, so I do. They say there is nothing yet."),
        ("Tunde Adeyemi", "Mum, can I have the charger?"),
        (MA, "(laughs) Sorry. He's eleven. Everything is the charger."),
        ("Interviewer", "No problem at all. What would help most right now?"),
        (MA, "A kitchen. Honestly, just a kitchen. Then we can talk about everything else."),
    ]
    for spk, txt in D:
        if spk is None:
            f.n(txt)
            continue
        note = "appears once" if spk == "Tunde Adeyemi" else ""
        body = txt.split("<br>")[0] if "<br>" in txt else txt
        f.t(spk, "<p><b>%s:</b> %s</p>" % (spk, txt), body, note)
    f.n("<hr>", '<p class="footer">Transcribed by Clearword Transcription Ltd &ndash; Confidential</p>', "</body></html>")
    write_text(f)


# ---------------------------------------------------------------- Welsh
def welsh():
    f = F("welsh_rural_services_cyfweliad.txt")
    f.n("Trawsgrifiad / Transcript",
        "Prosiect: Gwasanaethau Gwledig (Rural Services)",
        "Cyfweliad 5 - Dyffryn Teifi - 21/06/2023",
        "Siaradwyr: Cyfwelydd; GH = Gwenllian Hughes (cyfranogwr)",
        "")
    D = [
        ("Cyfwelydd", "Diolch am gytuno i siarad â fi heddiw. Allwch chi ddweud ychydig am ble chi'n byw?"),
        ("GH", "Wrth gwrs. Dw i'n byw ar fferm tu allan i Landysul, tua saith milltir o'r dre. Mae'r tŷ yn hen iawn."),
        ("Cyfwelydd", "A pha wasanaethau sy'n bwysig i chi a'ch teulu?"),
        ("GH", "Y meddyg teulu, y banc, y bws. Mae'r banc wedi cau nawr. Rhaid i fi fynd i Gaerfyrddin."),
        "[Cyfieithiad: The bank has closed now; I have to go to Carmarthen.]",
        ("GH", "A does dim bws dydd Sul o gwbl. Mae'n anodd i'r henoed, yn enwedig yn y gaeaf pan mae'r ffyrdd yn ddrwg."),
        ("Cyfwelydd", "Ydych chi'n defnyddio gwasanaethau ar-lein?"),
        ("GH", "Weithiau. Mae fy ŵyr yn helpu. Ond mae'r band eang yn ofnadwy yma. Dywedodd y dyn o'r cwmni: \"bydd e'n well flwyddyn nesa\". Dyna beth ddwedon nhw llynedd hefyd."),
        ("Cyfwelydd", "Beth am wasanaethau cymdeithasol i'ch mam?"),
        ("GH", "Mae gofalwraig yn dod bob bore am hanner awr. Mae hi'n wych, ond dim ond hanner awr yw e. Mae Mam yn naw deg dau oed."),
        "[Cyfieithiad: A carer comes every morning for half an hour. She is great, but it is only half an hour. Mum is ninety-two.]",
        ("Cyfwelydd", "Os gallech chi newid un peth, beth fyddai e?"),
        ("GH", "Bws sy'n rhedeg bob dydd. Dyna'r cyfan. Bws bob dydd a byddai popeth arall yn haws."),
        ("Cyfwelydd", "Diolch yn fawr iawn, Gwenllian."),
    ]
    for d in D:
        if isinstance(d, str):
            f.n(d)
            continue
        spk, txt = d
        note = "GH continues after [Cyfieithiad] note line" if txt.startswith("Y meddyg") else ""
        f.t(spk, "%s: %s" % (spk, txt), txt, note)
    f.n("", "DIWEDD Y CYFWELIAD")
    write_text(f)


# ---------------------------------------------------------------- Spanish focus group
def spanish():
    f = F("spanish_focus_group_vivienda.txt")
    f.n("GRUPO FOCAL 2 - Vivienda y desahucios",
        "Fecha: 15/02/2024 · Lugar: Centro Cívico La Alameda",
        "Participantes: P1 (mujer, 34), P2 (hombre, 62), P3 (mujer, 45), P4 (hombre, 27)",
        "Moderadora: Lucía Ferrán · Observadora: Inés Calvo",
        "",
        "[00:00:12]")
    L = {"P1": "P1 (mujer, 34)", "P2": "P2 (hombre, 62)", "P3": "P3 (mujer, 45)", "P4": "P4"}
    D = [
        ("Moderadora", "Buenas tardes a todos y gracias por venir. Vamos a empezar con una ronda rápida: ¿cuánto tiempo lleváis en vuestra vivienda actual?"),
        ("P1", "Yo dos años, en un piso compartido en el barrio de San Blas."),
        ("P2", "Treinta años en el mismo piso. Y ahora el fondo que compró el edificio nos quiere fuera."),
        ("P3", "Seis meses. Antes estuve en casa de mi hermana con mis hijos."),
        ("P4", "Yo vivo con mis padres todavía. Con lo que gano, imposible alquilar."),
        ("Moderadora", "P2, ¿nos puedes contar más sobre el fondo?"),
        ("P2", "Llegó una carta en octubre. Decía: \"no se renovará el contrato\". Así, sin más."),
        ("P2", "Fuimos a la asociación de vecinos y ahí nos explicaron lo de la prórroga."),
        "[00:06:40]",
        ("P3", "A mí me pasó algo parecido. ¡Y con dos niños! La trabajadora social me dijo que no había plazas."),
        ("Observadora", "Perdón, ¿la trabajadora social del ayuntamiento?"),
        ("P3", "Sí, la del centro de servicios sociales."),
        ("P1", "Es que el problema es el precio. Nota: en mi piso pagamos 450 euros por habitación."),
        ("P4", "Y luego dicen que los jóvenes no nos independizamos. ¿Con qué?"),
        ("Moderadora", "Última pregunta: ¿qué le pediríais al ayuntamiento?"),
        ("P2", "Que cumpla la ley de vivienda. Nada más."),
        ("P1", "Más vivienda pública. Y que no tarde diez años."),
        "[00:12:05]",
        "[Fin de la grabación]",
    ]
    for d in D:
        if isinstance(d, str):
            f.n(d)
            continue
        spk, txt = d
        note = "appears once" if spk == "Observadora" else ""
        f.t(spk, "%s: %s" % (L.get(spk, spk), txt), txt, note)
    write_text(f)


# ---------------------------------------------------------------- French with interpreter
def french():
    f = F("french_probation_interpreter_entretien.txt")
    f.n("TRANSCRIPTION - Entretien n° 9",
        "Étude : accompagnement des personnes placées sous main de justice (SPIP de Val-d'Orne)",
        "Date : 03/10/2023",
        "Présents : ENQ (enquêtrice), INT (interprète wolof-français), M. DIALLO (personne suivie)",
        "Conventions : [...] passage inaudible ; (rires) ; // chevauchement",
        "")
    D = [
        ("ENQ", "Bonjour Monsieur Diallo, merci d'avoir accepté cet entretien. Madame va traduire, d'accord ?"),
        ("INT", "Il dit bonjour, et oui, il est d'accord."),
        ("ENQ", "Depuis combien de temps êtes-vous suivi par le SPIP ?"),
        "[L'interprète traduit la question en wolof.]",
        ("M. DIALLO", "Depuis... (en français) depuis un an et demi, à peu près."),
        ("INT", "Il précise : un an et demi, depuis sa sortie de la maison d'arrêt."),
        ("ENQ", "Comment se passent les rendez-vous avec votre conseillère ?"),
        "[Traduction en wolof.]",
        ("INT", "Il dit que la conseillère est gentille mais que les rendez-vous sont très courts. Il dit : « quinze minutes, c'est pour signer, pas pour parler »."),
        ("M. DIALLO", "C'est ça. Quinze minutes."),
        ("ENQ", "Est-ce que la langue a posé problème, avant aujourd'hui ?"),
        ("INT", "Oui. Il dit qu'au début il n'y avait pas d'interprète. Son cousin venait traduire, mais il n'aimait pas parler de sa situation devant lui."),
        ("INT", "Et je précise, moi, que je ne viens pas à chaque rendez-vous, seulement une fois sur deux."),
        ("ENQ", "D'accord. Merci, c'est important. Dernière question : qu'est-ce qui l'aiderait le plus ?"),
        ("M. DIALLO", "Travail. Un vrai travail. Les papiers, et le travail."),
        ("INT", "Il dit : du travail, et régulariser sa situation administrative."),
        ("ENQ", "Merci beaucoup à tous les deux."),
    ]
    for d in D:
        if isinstance(d, str):
            f.n(d)
            continue
        spk, txt = d
        f.t(spk, "%s : %s" % (spk, txt), txt, "space before colon (French typography)" if len(f.turns) == 0 else "")
    f.n("", "FIN DE L'ENTRETIEN")
    write_text(f)


# ---------------------------------------------------------------- Arabic RTL
def arabic():
    f = F("arabic_rtl_addiction_services.txt")
    f.n("نص المقابلة رقم ٦",
        "المشروع: خدمات علاج الإدمان في المجتمع",
        "التاريخ: ١٢/١١/٢٠٢٣",
        "المتحدثون: المُحاوِرة، المشارك (٤١ سنة)",
        "")
    P = "المشارك"
    I = "المُحاوِرة"
    D = [
        (I, "شكراً لموافقتك على هذه المقابلة. هل يمكنك أن تحدثني عن أول مرة طلبت فيها المساعدة؟"),
        (P, "كان ذلك قبل ثلاث سنوات تقريباً. أخي هو الذي أخذني إلى العيادة."),
        (I, "وكيف كانت التجربة في البداية؟"),
        (P, "صعبة جداً. كنت أشعر بالخجل. الناس في الحي يعرفون بعضهم، وكنت أخاف أن يراني أحد عند الباب."),
        (I, "هل تغيّر هذا الشعور مع الوقت؟"),
        (P, "قليلاً. المرشد قال لي: \"المرض ليس عيباً\". هذه الجملة بقيت في رأسي."),
        (P, "لكن عائلة زوجتي ما زالت لا تعرف. هذا سر بيني وبين أخي."),
        "[صمت قصير]",
        (I, "ما الذي كان سيساعدك أكثر في تلك الفترة؟"),
        (P, "مجموعة دعم باللغة العربية. كل المجموعات كانت بالإنجليزية فقط."),
        (I, "شكراً جزيلاً لك على وقتك."),
    ]
    for d in D:
        if isinstance(d, str):
            f.n(d)
            continue
        spk, txt = d
        lab = P + " (٤١ سنة)" if spk == P else spk
        f.t(spk, "%s: %s" % (lab, txt), txt)
    f.n("", "-- نهاية التسجيل --")
    write_text(f)


# ---------------------------------------------------------------- Korean
def korean():
    f = F("korean_cjk_youth_probation.txt")
    f.n("면담 녹취록 - 청소년 보호관찰 연구",
        "일시: 2023년 8월 24일 오후 2:00",
        "참석자: 면담자(김), 참여자 A(17세)",
        "")
    A = "참여자 A"
    D = [
        ("면담자", "오늘 와 줘서 고마워요. 편하게 이야기해도 돼요."),
        (A, "네, 괜찮아요. 조금 긴장되긴 하는데요."),
        ("면담자", "보호관찰을 받은 지 얼마나 됐어요?"),
        (A, "한 일 년쯤 됐어요. 처음에는 매주 만났고 지금은 한 달에 두 번이요."),
        ("면담자", "담당 선생님과의 관계는 어때요?"),
        (A, "처음에는 무서웠어요. 그런데 선생님이 \"너를 혼내려고 온 게 아니야\"라고 말해서 조금 편해졌어요."),
        (A, "지금은 학교 얘기도 하고, 알바 얘기도 해요."),
        ("면담자", "학교에서는 친구들이 알고 있어요?"),
        (A, "아니요. 아무도 몰라요. 알게 되면 소문이 날 거예요."),
        "(잠시 침묵)",
        ("면담자", "앞으로 바라는 게 있다면 뭐예요?"),
        (A, "기록이 빨리 없어졌으면 좋겠어요. 취업할 때 문제가 될까 봐 걱정돼요."),
        ("면담자", "이야기해 줘서 정말 고마워요."),
    ]
    for d in D:
        if isinstance(d, str):
            f.n(d)
            continue
        spk, txt = d
        f.t(spk, "%s: %s" % (spk, txt), txt)
    f.n("", "- 끝 -")
    write_text(f)


# ---------------------------------------------------------------- Italian
def italian():
    f = F("italian_assegno_inclusione_intervista.txt")
    f.n('Trascrizione intervista n. 3 - Progetto "Reddito e dignità"',
        "Data: 7 marzo 2024, ore 10:30",
        "Intervistatrice: G. Marchetti",
        "Legenda: [...] = parola incomprensibile; (ride) = ride",
        "")
    B = "Sig.ra Bellandi"
    I = "Intervistatrice"
    D = [
        (I, "Buongiorno, grazie per la disponibilità. Può raccontarmi come è venuta a conoscenza dell'Assegno di inclusione?"),
        (B, "Me l'ha detto l'assistente sociale del Comune, a dicembre. Prima prendevo il Reddito di cittadinanza."),
        (I, "E il passaggio com'è stato?"),
        (B, "Un disastro, guardi. Per due mesi non ho preso niente. Niente! Con due figli."),
        (I, "Come ha fatto in quei due mesi?"),
        (B, "La Caritas, e mia madre con la pensione. Nota: mia madre prende 700 euro al mese, quindi immagini."),
        (I, "Si è sentita giudicata, in quel periodo?"),
        (B, "(ride) Giudicata? Sempre. Al CAF un signore mi ha detto: \"ma lei lavorare no?\". Io lavoro, faccio le pulizie, ma sono quattro ore."),
        (B, "Le persone pensano che chi prende un sussidio stia sul divano. Non è così."),
        (I, "Cosa cambierebbe?"),
        (B, "Che ci trattassero come persone, non come pratiche. [...] Come persone."),
        (I, "Grazie mille, signora."),
    ]
    for spk, txt in D:
        f.t(spk, "%s: %s" % (spk, txt), txt)
    write_text(f)


# ---------------------------------------------------------------- Oral history Q / A no punctuation
def oral_history():
    f = F("oral_history_QA_no_punctuation_colliery.txt")
    f.n("THORNLEY COLLIERY ORAL HISTORY PROJECT",
        "Interviewee: Jack McAvoy (b. 1941)          Interviewer: Sandra Lowe",
        "Tape 3, Side A                              Date: 17 September 1998",
        "")
    def turn(lab, lines, after=None):
        raw = lab + "   " + lines[0] + "".join("\n    " + l for l in lines[1:])
        body = " ".join(lines)
        f.t(lab, raw, body)
    turn("Q", ["When the pit shut, what happened to the", "village services, the shops and that"])
    turn("A", ["Well it all went didn't it. The Co-op went", "first, then the bank, then the doctor's",
               "went down to two mornings a week. My wife", "used to say: you can tell a village is dying",
               "when the bus timetable gets shorter."])
    turn("Q", ["Did the welfare hall keep going"])
    turn("A", ["For a while. The lads ran it themselves.", "There was a committee, I was on it, treasurer", "for nine year."])
    f.n("", "                                     - 2 -", "\f" + "THORNLEY COLLIERY ORAL HISTORY PROJECT - J. McAVOY - TAPE 3/A", "",
        "    We had bingo Tuesdays, the brass band", "    practised Thursdays. But the money wasn't",
        "    there. Note the Coal Board gave us the", "    building for a pound, but not the roof.")
    turn("Q", ["(laughs) Not the roof"])
    turn("A", ["Not the roof. It leaked for twenty year."])
    turn("Q", ["What about the young ones, where did they go"])
    turn("A", ["Sunderland, Newcastle, the army. Our", "Michael went to Corby for the steel, and", "then that shut an' all."])
    turn("Q", ["Was there any help, any retraining"])
    turn("A", ["There was a scheme. British Coal", "Enterprise. They sent a man with a",
               "briefcase. He said to me: Mr McAvoy, have", "you considered self-employment. I was", "fifty-two."])
    f.n("", "[END OF TAPE 3 SIDE A]")
    write_text(f)
    # note the page-break continuation on turn 4
    rows = f.rows()
    rows[3] = (rows[3][0], rows[3][1], rows[3][2], "answer continues after page number, form feed and running header")
    write_truth(f.name, rows)


# ---------------------------------------------------------------- Mac Roman, CR only, field notes
def field_notes():
    f = F("macroman_cr_fieldnotes_unpaid_work_site.txt", merge=False)
    f.n("FIELD NOTES \u2013 Unpaid work site visit, Brackenridge depot",
        "Observer: K.D.     Date: 28/09/2023", "")
    P = [
        "Arrived 08:40. Group of seven plus supervisor (Gary) in the yard; two new starters still doing the induction paperwork in the portacabin. Weather grim \u2014 drizzle, cold wind off the estuary.",
        "Note: supervisor asked me not to photograph faces, which I had already agreed with the manager. Reassured him.",
        "At 10:30: we drove to the cemetery job. On the way one of the older men said to me: \u201cyou\u2019re the university lady, aren\u2019t you?\u201d and then asked what I was \u201creally\u201d writing down.",
        "Re: the induction \u2014 the new starters were told the rules twice, once by Gary and once by a laminated sheet on the wall. Neither mentioned the complaints procedure.",
        "Lunch in the van. Conversation mostly football and the price of diesel. One man (late 20s) said he was doing his hours on Saturdays so his employer wouldn\u2019t find out. Others nodded; seems common.",
        "Gary (supervisor), twice and unprompted: \u201cthey\u2019re not bad lads, most of them.\u201d Worth following up with him separately.",
        "Left site 14:15. Follow up: ask the manager about weekend placements and whether employer disclosure is discussed at induction.",
    ]
    for p in P:
        note = "quoted remark after a colon, not a speaker" if p.startswith("Gary (") else ""
        f.t("", p, p, note)
        f.n("")
    write_text(f, encoding="mac_roman", newline="\r")


# ---------------------------------------------------------------- Email written answer
def email():
    f = F("email_written_answer_justice_social_work.txt", merge=False)
    f.n("From: Rosalind Okonjo <r.okonjo@cairnmoor-jsw.example.org>",
        "Sent: Monday, 12 June 2023 09:14",
        "To: Justice Social Work Study <jsw.study@example.ac.uk>",
        "Subject: RE: Written questions - justice social work study (participant 14)",
        "")
    body = """Hi Emma,

Apologies for the delay, it has been a heavy few weeks with court reports. My answers are below; please feel free to follow up.

1. How long have you worked in justice social work?
Eleven years, the last four as a senior practitioner in the Cairnmoor team.

2. What has changed most about community sentences in that time?
The volume of unpaid work hours, and the backlog after Covid. Note: we are still clearing orders made in 2021.

3. Is there anything you would like the study to focus on?
Yes: the people who are "stuck" on orders because they can't physically do the work. Nobody talks about them.

Best wishes,
Ros"""
    f.t("", body, body, "written answer; greeting line included; question list and signature inside")
    f.n("", "Rosalind Okonjo (she/her)", "Senior Practitioner, Justice Social Work", "Cairnmoor Council", "",
        "-----Original Message-----",
        "From: Justice Social Work Study <jsw.study@example.ac.uk>",
        "Sent: 30 May 2023 16:02",
        "To: Rosalind Okonjo",
        "Subject: Written questions - justice social work study",
        "",
        "Dear Ros, thank you for agreeing to answer a few questions in writing. There are only three, and short answers are fine.",
        "",
        "Emma Rask, Research Assistant")
    write_text(f, newline="\r\n")


if __name__ == "__main__":
    for fn in [maxqda, f4_latin9, express_scribe, srt_dashes, srt_veed, webex, riverside, md_table,
               html_txt, welsh, spanish, french, arabic, korean, italian, oral_history, field_notes, email]:
        fn()
    print("ok")

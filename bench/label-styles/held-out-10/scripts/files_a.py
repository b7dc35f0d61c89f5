# -*- coding: utf-8 -*-
"""Files 1-10."""
from lib import Turn as T, truth_rows, w_para, w_table, make_docx, o_para, o_heading, make_odt, wrap

B = {"b": True}


# 1 ------------------------------------------------------------ Amberscript
def amberscript():
    fn = "amberscript_housing_disrepair.docx"
    turns = [
        T("Interviewer", "Okay, so we're recording now. Just to say again, you can stop at any point, and nothing you say goes back to the landlord.", ts="00:00:02"),
        T("Tenant", "Yeah, that's fine. I mean, I've told them all of it anyway, so.", ts="00:00:11", note="label 'Tenant (Mr Adeyemi)'"),
        T("Interviewer", "Could you start with when the damp first showed up in the flat?", ts="00:00:16"),
        T("Tenant", "It was the winter after we moved in, so 2021. The back bedroom, the corner by the window, it went black. My daughter's asthma got worse that same month.", ts="00:00:21"),
        T("Tenant", "And I rang the repairs line, I think, four times before anyone came out.", ts="00:00:38", note="second Amberscript segment, same speaker: merged"),
        T("Speaker 2", "Sorry, can I just come in there? The four calls, they're all on the system, I checked before today.", ts="00:00:45", note="support worker left as default 'Speaker 2'"),
        T("Interviewer", "That's helpful, thank you. And when they did come out, what happened?", ts="00:00:52"),
        T("Tenant", "A guy came, he sprayed something on it, painted over it. Two weeks later it was back. Update: they've now said a surveyor is coming on the 14th at 10:30, but I've heard that before.", ts="00:00:58"),
        T("Speaker 2", "We've put in a formal disrepair complaint as well, stage one.", ts="00:01:17"),
        T("Interviewer", "Right. And has anyone talked to you about moving while the work's done?", ts="00:01:23"),
        T("Tenant", "[laughs] No. Nobody's said anything like that.", ts="00:01:29"),
    ]
    labels = {"Tenant": "Tenant (Mr Adeyemi)"}
    body = [w_para([("Housing_disrepair_INT03.mp3", {"b": True, "sz": 28})]),
            w_para("Transcribed on 14-03-2024"), w_para("")]
    for t in turns:
        body.append(w_para([(labels.get(t.speaker, t.speaker), B), " [%s]" % t.ts]))
        body.append(w_para(t.text))
        body.append(w_para(""))
    body.append(w_para([("This transcript was created with Amberscript. Visit www.amberscript.com for more information.", {"i": True, "color": "808080"})]))
    data = make_docx("".join(body), title="Housing_disrepair_INT03", creator="Amberscript",
                     footer_text="Amberscript - Housing_disrepair_INT03.mp3")
    return fn, data, truth_rows(turns)


# 2 ------------------------------------------------------------ TranscribeMe
def transcribeme():
    fn = "transcribeme_benefits_sanction.txt"
    turns = [
        T("S1", "Okay. So I think that's recording. Thank you for coming in today.", ts="00:00:01"),
        T("S2", "That's all right.", ts="00:00:06", note="short whole turn"),
        T("S1", "So could you just tell me in your own words what happened with the sanction?", ts="00:00:08"),
        T("S2", "Yeah. So I missed one appointment at the Jobcentre. I had a letter saying it was on the Tuesday, but the journal said Wednesday, and I went on the Wednesday and they said, \"No, you missed it,\" and that was it, four weeks.", ts="00:00:14"),
        T("S1", "Four weeks without the standard allowance?", ts="00:00:38"),
        T("S2", "[laughter] Well, they said it would be reduced, but it felt like all of it. I was using the food bank at St Mark's by the second week.", ts="00:00:41"),
        T("S2", "And I did ask for a hardship payment, but you have to ring, and I didn't have credit on my phone.", ts="00:02:00", note="TranscribeMe re-labels at the 2-minute timestamp: merged"),
        T("S3", "Sorry to interrupt, I'm just going to grab the other room key.", ts="00:02:19", note="one-off speaker"),
        T("S1", "No problem. So when you asked for the hardship payment--", ts="00:02:24"),
        T("S2", "They said someone would call back. No one did. [inaudible 00:02:31] I gave up, honestly.", ts="00:02:27"),
        T("S1", "Did anyone explain how to ask for a mandatory reconsideration?", ts="00:02:40"),
        T("S2", "Not at the Jobcentre. It was the woman at the food bank who told me.", ts="00:02:45"),
    ]
    lines = ["Benefits_sanctions_P07.m4a", "", ""]
    for i, t in enumerate(turns):
        lines.append("%s: [%s] %s" % (t.speaker, t.ts, t.text))
        lines.append("")
        if i == 7:
            lines.append("[crosstalk]")
            lines.append("")
    lines += ["[silence]", "", "[END OF AUDIO]", ""]
    data = ("\ufeff" + "\r\n".join(lines)).encode("utf-8")
    return fn, data, truth_rows(turns)


# 3 ------------------------------------------------------------ Verbit table
def verbit():
    fn = "verbit_youth_offending_review.docx"
    turns = [
        T("YOT Worker", "So this is the three-month review of your referral order. Your mum's here, and I'm going to ask a few questions about how it's gone.", ts="00:00:04"),
        T("Young Person", "Yeah, okay.", ts="00:00:15"),
        T("YOT Worker", "How have the reparation sessions at the allotment been?", ts="00:00:17"),
        T("Young Person", "Better than I thought. Steve who runs it is all right. I've been going every Saturday.", ts="00:00:21"),
        T("Parent", "He has, he's up before me on a Saturday, which never happens.", ts="00:00:30"),
        T("YOT Worker", "That's really good to hear. And school? Last time we spoke you had a meeting about a reduced timetable.", ts="00:00:36"),
        T("Young Person", "I'm on mornings only till Easter. Then they'll see.", ts="00:00:45"),
        T("Parent", "The head of year's been good. It's the bus that's the problem, there's one at 12:40 and if he misses it he's hanging about in town.", ts="00:00:51"),
        T("Parent", "Which is how the last lot started, to be honest.", ts="00:01:04", note="second row same speaker: merged"),
        T("YOT Worker", "Okay. I'll put that in the report to the panel, and we can look at a bus pass.", ts="00:01:09"),
    ]
    body = [w_para([("Verbit", {"b": True, "color": "5B2D90", "sz": 32})]),
            w_para([("Job Name: ", B), "YOT_review_JR_03"]),
            w_para([("Job ID: ", B), "7731904"]),
            w_para([("Duration: ", B), "00:01:18"]),
            w_para([("Fidelity: ", B), "Professional"]),
            w_para("")]
    rows = [[[("Timecode", B)], [("Speaker", B)], [("Transcript", B)]]]
    for i, t in enumerate(turns):
        rows.append([t.ts, t.speaker, t.text])
        if i == 6:
            rows.append(["00:00:49", "", "[background noise]"])
    body.append(w_table(rows, [1400, 1800, 6200]))
    body.append(w_para(""))
    body.append(w_para([("Transcribed by Verbit. Confidential.", {"i": True})]))
    data = make_docx("".join(body), title="YOT_review_JR_03", creator="Verbit")
    return fn, data, truth_rows(turns)


# 4 ------------------------------------------------------------ Word Transcribe
def word_transcribe():
    fn = "word_transcribe_rural_gp_access.docx"
    turns = [
        T("Dr. Anwen Price", "OK, thanks everyone for staying on after the practice meeting. This is just the patient panel bit.", ts="00:00:00"),
        T("Speaker 2", "No, that's fine.", ts="00:00:07"),
        T("Dr. Anwen Price", "So the main thing we're hearing is about getting through on the phone in the morning.", ts="00:00:09"),
        T("Speaker 3", "Yeah, I mean, the surgery opens at 8:00 and by about 8:10 they're all gone. And if you're out on the farm you can't sit on hold for forty minutes.", ts="00:00:15"),
        T("Speaker 3", "And the online form is only open until 10 as well.", ts="00:00:26", note="Word split the segment: merged"),
        T("Speaker 2", "The bus to Llanfair is twice a day as well, so even if you get an appointment, can you get there?", ts="00:00:31"),
        T("Dr. Anwen Price", "Right. We did try the callback system. Speaker three, I think you used it?", ts="00:00:40"),
        T("Speaker 3", "Once. They called back when I was milking, so, no.", ts="00:00:46"),
        T("Speaker 4", "Can I say something about the pharmacy delivery, because that's gone as well since the summer.", ts="00:00:51"),
        T("Dr. Anwen Price", "Yes, please do.", ts="00:00:58"),
        T("Speaker 4", "They stopped the van on a Thursday. So my neighbour, who's 87, she's relying on me driving her in.", ts="00:01:00"),
    ]
    body = [w_para("Rural GP access panel.m4a", style="Title"),
            w_para("Transcript", style="Heading1")]
    for t in turns:
        body.append(w_para("%s %s" % (t.ts, t.speaker)))
        body.append(w_para(t.text))
    data = make_docx("".join(body), title="Rural GP access panel", creator="Anwen Price")
    return fn, data, truth_rows(turns)


# 5 ------------------------------------------------------------ Greek ODT
def greek_odt():
    fn = "greek_social_services_interview.odt"
    turns = [
        T("Ερευνήτρια", "Καλημέρα σας και ευχαριστώ που δεχτήκατε να μιλήσουμε. Η συνέντευξη ηχογραφείται, όπως συζητήσαμε."),
        T("Κα Παπαδοπούλου", "Καλημέρα. Ναι, δεν υπάρχει πρόβλημα."),
        T("Ερευνήτρια", "Πότε ήρθατε για πρώτη φορά σε επαφή με την κοινωνική υπηρεσία του δήμου;"),
        T("Κα Παπαδοπούλου", "Πριν από δύο χρόνια περίπου, όταν έχασε τη δουλειά του ο άντρας μου. Μας είπαν για το ελάχιστο εγγυημένο εισόδημα, αλλά τα χαρτιά ήταν πάρα πολλά.\nΘυμάμαι ότι πήγα τρεις φορές στο ΚΕΠ."),
        T("Κοινωνικός Λειτουργός", "Να συμπληρώσω ότι τότε δεν είχαμε ακόμη το γραφείο στο κέντρο κοινότητας.", note="one-off speaker"),
        T("Ερευνήτρια", "Και σήμερα; Πώς είναι η εξυπηρέτηση;"),
        T("Κα Παπαδοπούλου", "[γέλια] Καλύτερα, σίγουρα. Έρχεται και η κυρία Ελένη στο σπίτι κάθε μήνα, για τη μητέρα μου που είναι κατάκοιτη."),
        T("Κα Παπαδοπούλου", "Το μόνο που μας δυσκολεύει είναι η μετακίνηση. Το λεωφορείο για το νοσοκομείο περνάει στις 7:15 και μετά στις 13:30.", note="new bold label after the recording pause: merged"),
        T("Ερευνήτρια", "Σας ευχαριστώ πολύ."),
    ]
    body = [o_heading("Συνέντευξη 07 – Κοινωνική Υπηρεσία Δήμου", 1),
            o_para("Ημερομηνία: 12/02/2024"),
            o_para("Διάρκεια: 41:20"),
            o_para("Σημείωση: τα ονόματα έχουν αλλάξει."),
            o_para("")]
    for i, t in enumerate(turns):
        body.append(o_para([(t.speaker + ":", B), " " + t.text]))
        if i == 6:
            body.append(o_para([("[διακοπή ηχογράφησης]", {"i": True})]))
    body.append(o_para(""))
    body.append(o_para("ΤΕΛΟΣ ΣΥΝΕΝΤΕΥΞΗΣ"))
    return fn, make_odt("".join(body), title="Συνέντευξη 07"), truth_rows(turns)


# 6 ------------------------------------------------------------ Riverside.fm
def riverside():
    fn = "riverside_youthwork_podcast.txt"
    turns = [
        T("Maya Okonkwo", "Welcome back to Detached, the podcast about youth work that happens on the street rather than in a building. I'm Maya.", ts="00:00"),
        T("Dev Sharma", "And I'm Dev. And today we're talking about the funding cliff edge in April.", ts="00:09"),
        T("Maya Okonkwo", "Which is grim. Let's not pretend it isn't.", ts="00:14"),
        T("Dev Sharma", "It is grim. So, context: the county grant ends on the 31st of March and we've had no word on what replaces it.", ts="00:17"),
        T("Dev Sharma", "And the thing people don't see is it's not just the sessions. It's the relationships. You can't pause a relationship with a 15 year old for six months and pick it back up.", ts="00:29", note="Riverside split at a pause: merged"),
        T("Maya Okonkwo", "No. We lost two lads last time there was a gap, in 2019. One of them we found again through the skate park. The other one, we didn't.", ts="00:44"),
        T("Jess Li", "Sorry, guys, Jess here, your audio dropped for about five seconds, can you go back to the skate park bit?", ts="00:58", note="producer: one-off"),
        T("Maya Okonkwo", "Yeah, sure. We lost two young people after the last gap.", ts="01:04"),
        T("Dev Sharma", "What we're asking listeners to do is write to their councillor before the budget meeting, which is the 6th.", ts="01:10"),
    ]
    out = []
    for t in turns:
        out.append("%s (%s)" % (t.speaker, t.ts))
        out.append(t.text)
        out.append("")
    return fn, "\n".join(out).encode("utf-8"), truth_rows(turns)


# 7 ------------------------------------------------------------ Council webcast SRT
def webcast_srt():
    fn = "council_housing_committee_webcast.srt"
    # (speaker or None for continuation, label written or None, cue lines)
    cues = [
        ("THE CHAIR", "THE CHAIR:", ["Good evening, everyone, and welcome", "to this meeting of the Housing Committee."]),
        ("THE CHAIR", None, ["Item 5 is the temporary accommodation", "report. Councillor Hayes?"]),
        ("CLLR. HAYES", "CLLR. HAYES:", ["Thank you, Chair. Members will see", "from table 2 that we now have"]),
        ("CLLR. HAYES", None, ["214 households in B&B,", "up from 131 a year ago."]),
        ("CLLR. HAYES", None, ["Of those, 62 have children."]),
        (None, None, ["[GAVEL]"]),
        ("MEMBER OF THE PUBLIC", "MEMBER OF THE PUBLIC:", ["And what are you doing about it?", "My sister's been in one room for a year!"]),
        ("THE CHAIR", "THE CHAIR:", ["I'm sorry, there's no public speaking", "on this item. Please."]),
        ("THE CHAIR", None, ["Councillor Dubois, you had a question."]),
        ("CLLR. DUBOIS", "CLLR. DUBOIS:", ["Yes. On page 14, the average stay", "is shown as 23 weeks."]),
        ("CLLR. DUBOIS", None, ["The legal limit for families in B&B", "is six weeks. So are we unlawful?"]),
        ("MS OYELARAN", "MS OYELARAN:", ["If I can take that, Chair, as", "Head of Housing Options."]),
        ("MS OYELARAN", None, ["In short, in some cases, yes,", "and we've self-reported that."]),
        ("CLLR. HAYES", "CLLR. HAYES:", ["Which is why the acquisitions", "programme matters so much."]),
    ]
    turns, srt, n = [], [], 0
    t0 = 5.0
    run_text = None
    for spk, label, lines in cues:
        n += 1
        a, b = t0, t0 + 2.8
        t0 = b + 0.2
        def ts(x):
            ms = int(round(x * 1000))
            return "%02d:%02d:%02d,%03d" % (ms // 3600000, ms // 60000 % 60, ms // 1000 % 60, ms % 1000)
        text_lines = list(lines)
        if label:
            text_lines[0] = label + " " + text_lines[0]
        srt.append("%d\n%s --> %s\n%s\n" % (n, ts(a), ts(b), "\n".join(text_lines)))
        if spk is None:
            continue
        if label:
            turns.append(T(spk, " ".join(lines)))
    data = "\n".join(srt).encode("utf-8")
    return fn, data, truth_rows(turns)


# 8 ------------------------------------------------------------ VTT with voice classes
def vtt_voices():
    fn = "child_protection_review_conference.vtt"
    cues = [  # (speaker, text) ; speaker None = no voice
        ("Rachel Amos", "Okay, I think everyone's joined now. This is the review child protection conference for Leo.", "v.chair"),
        ("Rachel Amos", "Can we do quick introductions, starting with the family?", "v.chair"),
        ("Kerry Walsh", "I'm Kerry, I'm Leo's mum.", "v"),
        ("Dr. Femi Lawal", "Femi Lawal, community paediatrician. I saw Leo in January.", "v"),
        ("Kwame Boateng", "Kwame Boateng, allocated social worker since November.", "v.sw"),
        (None, "[door closes]", None),
        ("Rachel Amos", "Thank you. Kwame, would you like to summarise?", "v.chair"),
        ("Kwame Boateng", "Yes. So since the initial conference Leo's attendance has gone from 71 percent to 93.", "v.sw"),
        ("Kwame Boateng", "Mum has engaged with every core group and the home conditions have improved a lot.", "v.sw"),
        ("Dr. Femi Lawal", "From a health point of view the weight has caught up, which was the main concern.", "v"),
        ("DUAL", None, None),
        ("Kerry Walsh", "I just want it closed, to be honest. I've done everything they asked.", "v"),
    ]
    turns = []
    out = ["WEBVTT - Review CP conference (Leo W) - RESTRICTED", "",
           "STYLE", "::cue(v[voice=\"Rachel Amos\"]) {", "  color: yellow;", "}", "",
           "NOTE", "Exported from the recording; names checked by minute-taker 05/03/2024.", "", ""]
    t0 = 1.0
    def ts(x):
        ms = int(round(x * 1000))
        return "%02d:%02d:%02d.%03d" % (ms // 3600000, ms // 60000 % 60, ms // 1000 % 60, ms % 1000)
    for i, (spk, text, cls) in enumerate(cues):
        a, b = t0, t0 + 3.5
        t0 = b + 0.1
        out.append("cue-%03d" % (i + 1))
        if spk == "DUAL":
            out.append("%s --> %s align:start position:10%%" % (ts(a), ts(b)))
            out.append("<v.chair Rachel Amos>Thanks, Femi.</v>")
            out.append("<v Kerry Walsh>Can I say something?</v>")
            turns.append(T("Rachel Amos", "Thanks, Femi.", note="two voices in one cue"))
            turns.append(T("Kerry Walsh", "Can I say something?", note="second voice in the same cue; merges with the next cue"))
        else:
            out.append("%s --> %s" % (ts(a), ts(b)))
            if spk is None:
                out.append(text)
            else:
                tag = "<%s %s>" % (cls, spk)
                out.append(tag + text)
                turns.append(T(spk, text))
        out.append("")
    # Kerry's merged run: first block "Can I say something?" has 4 tokens: ok
    return fn, "\n".join(out).encode("utf-8"), truth_rows(turns)


# 9 ------------------------------------------------------------ Police ROTI
def roti():
    fn = "police_roti_record_of_interview.txt"
    turns = [
        T("DC SMITH", "This interview is being recorded. I am Detective Constable 4471 Smith of the Northshire Constabulary. The other officer present is", tm="1432"),
        T("DS OKORO", "Detective Sergeant 2290 Okoro.", tm=""),
        T("DC SMITH", "Can you state your full name and date of birth please.", tm=""),
        T("SHAW", "Daniel Mark Shaw, 14th of the 6th, 1998.", tm="1433"),
        T("DC SMITH", "You are still under caution. Do you understand what that means?", tm=""),
        T("SHAW", "Yeah.", tm=""),
        T("MS CÔTÉ", "For the record, my client has been advised and will be reading a prepared statement.", tm="1434", note="solicitor: one-off"),
        T("DC SMITH", "Where were you on the evening of Friday the 9th, between about 2100 and 2300 hours?", tm="1436"),
        T("SHAW", "No comment.", tm=""),
        T("DS OKORO", "We have CCTV from the Co-op showing a man in a grey hoodie taking £340 from the till. Is that you?", tm="1438"),
        T("SHAW", "No comment.", tm=""),
    ]
    out = ["RESTRICTED (when complete)", "",
           "RECORD OF TAPED INTERVIEW                                   MG15(T)", "",
           "Person interviewed: Daniel Mark SHAW", "Place of interview: Northtown Custody Suite, Interview Room 2",
           "Date: 10/02/2024      Time commenced: 1432      Time concluded: 1441",
           "Interviewing officer(s): DC 4471 SMITH, DS 2290 OKORO",
           "Other persons present: Ms Renée CÔTÉ (solicitor, Côté & Partners)",
           "Tape reference nos: NT/24/0881/A", "",
           "Tape      Person",
           "counter   speaking     Text",
           "times", "-" * 72]
    width = 52
    for i, t in enumerate(turns):
        lines = wrap(t.text, width)
        first = "%-10s%-13s%s" % (t.tm, t.speaker, lines[0])
        out.append(first)
        for l in lines[1:]:
            out.append(" " * 23 + l)
        if i == 5:
            out += ["", "Page 1 of 2        Signature(s): ______________________", "RESTRICTED (when complete)", "",
                    "Tape      Person", "counter   speaking     Text", "times", "-" * 72]
    out += ["1441      DC SMITH     " + "The time is 1441 and this interview is concluded.".strip()]
    turns.append(T("DC SMITH", "The time is 1441 and this interview is concluded."))
    out += ["", "Page 2 of 2        Signature(s): ______________________", "RESTRICTED (when complete)", ""]
    data = "\r\n".join(out).encode("latin-1")
    return fn, data, truth_rows(turns)


# 10 ----------------------------------------------------------- Official Report evidence
def committee():
    fn = "committee_oral_evidence_temporary_accommodation.txt"
    turns = [
        T("Chair", "Good morning and welcome to our first panel. Could you both briefly introduce yourselves for the record?", q="Q1"),
        T("Dr Marsh", "Good morning. I am Helen Marsh, director of research at Homeless Link Research.", q=""),
        T("Councillor Reid", "I am Sam Reid, cabinet member for housing at Northshire County Council.", q=""),
        T("Chair", "Dr Marsh, your written evidence says the number of children in temporary accommodation has doubled in a decade. What is driving that?", q="Q2"),
        T("Dr Marsh", "Essentially the gap between local housing allowance and market rents. When the allowance was frozen, the private rented sector closed to most households on benefits.\n\nNote: the figure in our written submission is for England only; Wales collects the data differently.", q=""),
        T("Bob Blackman", "Councillor Reid, how much is Northshire spending on nightly-paid accommodation?", q="Q3"),
        T("Councillor Reid", "This year it will be about £11 million, against a budget of £4 million. That is the single biggest pressure on the council.", q=""),
        T("Chair", "Briefly, please, we are short of time.", q=""),
        T("Councillor Reid", "Sorry, Chair. In short, we cannot carry on at this rate.", q=""),
        T("Florence Eshalomi", "Dr Marsh, what one change would make the most difference?", q="Q4"),
        T("Dr Marsh", "Unfreezing and restoring local housing allowance to the 30th percentile, permanently.", q=""),
    ]
    head = ["Levelling Up, Housing and Communities Committee", "Oral evidence: Temporary accommodation, HC 412",
            "Monday 4 March 2024", "", "Ordered by the House of Commons to be published on 4 March 2024.", "",
            "Watch the meeting", "",
            "Members present: Clive Betts (Chair); Bob Blackman; Florence Eshalomi; Mr Mohammad Yasin.", "",
            "Questions 1 - 4", "", "Witnesses", "",
            "I: Dr Helen Marsh, Director of Research, Homeless Link Research; and Councillor Sam Reid, Cabinet Member for Housing, Northshire County Council.", "", "",
            "Examination of witnesses", "", "Witnesses: Dr Helen Marsh and Councillor Reid.", ""]
    out = list(head)
    for i, t in enumerate(turns):
        paras = t.text.split("\n\n")
        if t.q:
            out.append("%s               %s: %s" % (t.q, t.speaker, paras[0]))
        else:
            out.append("%s: %s" % (t.speaker, paras[0]))
        for p in paras[1:]:
            out.append("")
            out.append(p)
        out.append("")
        if i == 4:
            out += ["", "", "Oral evidence: Temporary accommodation, HC 412                              2", "", ""]
    out += ["", "Oral evidence: Temporary accommodation, HC 412                              3", ""]
    return fn, "\n".join(out).encode("utf-8"), truth_rows(turns)


BUILDERS = [amberscript, transcribeme, verbit, word_transcribe, greek_odt, riverside, webcast_srt, vtt_voices, roti, committee]

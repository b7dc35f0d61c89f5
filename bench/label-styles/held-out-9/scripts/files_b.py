"""Files 8-14: caption files, Whisper/WhisperX, QDA exports."""
from common import write_text, write_truth, write_docx, p, r, tbl
from files_a import merge_rows


def ts_vtt(sec):
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    return f"{int(h):02d}:{int(m):02d}:{s:06.3f}"


def ts_srt(sec):
    return ts_vtt(sec).replace(".", ",")


# ------------------------------------------------------------------ 8 Zoom VTT
def zoom():
    name = "zoom_child_protection_conference.vtt"
    # (speaker, [cue texts])
    C = [
        ("Priya Natarajan", ["Okay, I think everyone's in now. Welcome to the", "review child protection conference for the Walsh children."]),
        ("Priya Natarajan", ["I'm chairing today. Can I ask everyone to introduce themselves, starting with the social worker?"]),
        ("Tom Barrett", ["Yep, hi, Tom Barrett, allocated social worker", "from the Eastfield locality team."]),
        ("Lorraine Walsh", ["Lorraine, I'm mum."]),
        ("Priya Natarajan", ["Thank you, Lorraine, and thanks for joining on video. Tom, could you give us", "a summary of what's happened since the initial conference?"]),
        ("Tom Barrett", ["Sure. So the plan had three main strands: school attendance, the home conditions,", "and Lorraine's engagement with the drug and alcohol service.",
                          "On attendance, Kayden's up to eighty-eight percent from sixty-one, which is a real improvement.", "Mia's nursery say she's in every day now."]),
        ("Amira Haddad", ["Can I come in there? I'm the school nurse.", "I just wanted to add that Kayden's been coming in with breakfast, which wasn't happening before."]),
        ("Priya Natarajan", ["That's really good to hear. Lorraine, how are things feeling from your side?"]),
        ("Lorraine Walsh", ["Better. Honestly, better. I still have bad days, but I'm going to my group on a Wednesday,", "and Tom's been, he's been alright actually."]),
        ("Tom Barrett", ["[laughs] I'll take that."]),
    ]
    out = ["WEBVTT", ""]
    t = 1.2
    n = 1
    turns = []
    for spk, cues in C:
        for c in cues:
            dur = 1.1 + 0.32 * len(c.split())
            out.append(str(n))
            out.append(f"{ts_vtt(t)} --> {ts_vtt(t + dur)}")
            out.append(f"{spk}: {c}")
            out.append("")
            t += dur + 0.35
            n += 1
        turns.append((spk, " ".join(cues)))
    write_text(name, "\n".join(out))
    write_truth(name, merge_rows(turns))
    return name


# ------------------------------------------------------------------ 9 Teams VTT
def teams_vtt():
    name = "teams_homelessness_panel.vtt"
    C = [
        ("Ada Okonkwo (She/Her)", "Ada Okonkwo", ["Thanks for joining, everyone. This is the monthly", "temporary accommodation panel, and we've got six cases today."]),
        ("Ada Okonkwo (She/Her)", "Ada Okonkwo", ["First one is the Hussain household, family of five in a B&B since January."]),
        ("Rhys Pemberton", "Rhys Pemberton", ["So that's now well over the six-week limit", "for families with children in bed and breakfast."]),
        ("Rhys Pemberton", "Rhys Pemberton", ["We're in breach, basically. We need to move them this week."]),
        ("Joanna Lis (Housing Options)", "Joanna Lis", ["I've got a two-bed in Ashcombe coming back from voids on Friday.", "It's small for five, but it's self-contained with a kitchen."]),
        ("Ada Okonkwo (She/Her)", "Ada Okonkwo", ["Would the family accept that, do we know?"]),
        ("Joanna Lis (Housing Options)", "Joanna Lis", ["The dad's said anything with a cooker.", "The kids are eating from the microwave in the room."]),
        ("Rhys Pemberton", "Rhys Pemberton", ["Okay, let's do it, and flag that they stay on the list for a three-bed."]),
        ("Ada Okonkwo (She/Her)", "Ada Okonkwo", ["Agreed. Next case, then: Mr Daniels,", "single man, in the night shelter since last week."]),
        ("Joanna Lis (Housing Options)", "Joanna Lis", ["His vulnerability assessment is still with the health team."]),
        ("Rhys Pemberton", "Rhys Pemberton", ["Chase it today, please. He's been waiting since the twelfth."]),
    ]
    out = ["WEBVTT", ""]
    t = 3.5
    gid = "5e1b7c2a-9d44-4f0e-b6a1-2c83d9f0a71e"
    k = 14
    turns = []
    for lab, spk, cues in C:
        for j, c in enumerate(cues):
            dur = 1.0 + 0.3 * len(c.split())
            out.append(f"{gid}/{k}-{j}")
            out.append(f"{ts_vtt(t)} --> {ts_vtt(t + dur)}")
            out.append(f"<v {lab}>{c}</v>")
            out.append("")
            t += dur + 0.2
        k += 3
        turns.append((spk, " ".join(cues)))
    write_text(name, "\n".join(out), bom=True, crlf=True)
    write_truth(name, merge_rows(turns))
    return name


# ------------------------------------------------------------------ 10 Google Meet transcript
def meet():
    name = "google_meet_rural_transport_forum.txt"
    L = [
        "Rural transport forum - Upper Dale parishes (2024-02-19 19:02 GMT) - Transcript",
        "",
        "Attendees",
        "",
        "Alan Pritchard, Brenda Cole, Cllr Mark Evans, Daphne Yeo, Gwen Morgan, Upper Dale Village Hall",
        "",
        "Transcript",
        "",
        "00:00:00",
        "",
    ]
    T = [
        ("Alan Pritchard", "Good evening everyone, thanks for logging on. We've got about forty minutes, and the main item is the changes to the 47 bus."),
        ("Alan Pritchard", "Mark, you've got the update from the county, I think?"),
        ("Cllr Mark Evans", "I have, yes. The short version is that the operator has given notice on the Tuesday and Thursday service. The county is looking at whether it can be replaced with a demand-responsive minibus, the sort of thing you book the day before."),
        ("Brenda Cole", "Book the day before how? Half the people who use that bus don't have a smartphone. My neighbour is ninety-one."),
        ("Cllr Mark Evans", "There'd be a phone line as well. That's part of the spec."),
        ("Daphne Yeo", "Can I just say what it actually means for people. The Thursday bus is the only way to get to the surgery in town without a car. If you've got a blood test at nine, you get the 8:10 and you're back on the 12:40. Take that away and people miss appointments. Simple as that."),
        None,
        ("Gwen Morgan", "And the community car scheme is already full. We've got eleven volunteer drivers and we turned down fourteen journeys last month, mostly hospital trips to Hereford."),
        ("Upper Dale Village Hall", "Sorry, it's Jim here on the hall laptop. Is there any money for the car scheme in this?"),
        ("Cllr Mark Evans", "Not in this budget round, Jim, no. I'll be honest with you. But I'll take that back."),
        ("Alan Pritchard", "Okay. I'll minute that the forum strongly objects to losing the Thursday service and asks for a named contact at the county. Is everybody happy with that?"),
        ("Brenda Cole", "Yes. Strongly objects. Put strongly."),
    ]
    for t in T:
        if t is None:
            L.append("")
            L.append("00:05:00")
            L.append("")
            continue
        L.append(f"{t[0]}: {t[1]}")
    L += ["", "Meeting ended after 00:41:37 \U0001F44B", "",
          "This editable transcript was computer generated and might contain errors. People can also change the text after it was created."]
    write_text(name, "\n".join(L) + "\n")
    rows = [t for t in T if t]
    rows = [(a, b, "two consecutive Meet lines by Alan merged" if i == 0 else "") for i, (a, b) in enumerate(rows)]
    write_truth(name, merge_rows(rows))
    return name


# ------------------------------------------------------------------ 11 WhisperX SRT
def whisperx():
    name = "whisperx_youth_offending.srt"
    C = [
        ("SPEAKER_00", ["So this is the second interview with the", "youth offending team, and I'm talking with Callum."]),
        ("SPEAKER_01", ["Yeah, alright."]),
        ("SPEAKER_00", ["Can you tell me how you first got involved with the YOT?"]),
        ("SPEAKER_01", ["It was after the thing with the car. I was fifteen.", "I wasn't driving it, I was in the back, but", "they did us all for it, and I got a referral order."]),
        ("SPEAKER_00", ["And what did you think of the panel meeting?"]),
        ("SPEAKER_01", ["I thought it was gonna be like court, but it wasn't.", "It was in a library, like a room in the library.", "There was a woman from the community and she just asked me, like, what I wanted to do."]),
        ("SPEAKER_01", ["Nobody had asked me that before, to be honest."]),
        ("SPEAKER_00", ["What did you say?"]),
        ("SPEAKER_01", ["Mechanic. I said mechanic. And my worker, Dean, he sorted me a taster day at the college."]),
        ("SPEAKER_02", ["Sorry, is this room booked?"]),
        ("SPEAKER_00", ["Yes, until eleven, sorry."]),
    ]
    out = []
    t = 0.031
    n = 1
    turns = []
    for spk, cues in C:
        for c in cues:
            dur = 0.9 + 0.31 * len(c.split())
            out.append(str(n))
            out.append(f"{ts_srt(t)} --> {ts_srt(t + dur)}")
            out.append(f"[{spk}]: {c}")
            out.append("")
            t += dur + 0.12
            n += 1
        turns.append((spk, " ".join(cues)))
    write_text(name, "\n".join(out))
    write_truth(name, merge_rows(turns))
    return name


# ------------------------------------------------------------------ 12 NVivo docx (table)
def nvivo():
    name = "nvivo_unpaid_carers_07.docx"
    R = [
        ("0:00.0 - 0:14.6", "Interviewer", "Thanks for agreeing to do this, Pauline. To start with, could you tell me who you care for?"),
        ("0:14.6 - 0:58.2", "Pauline", "My husband, Derek. He had a stroke three years ago, a big one, and he's got very limited movement on his left side and his speech is affected. So I do pretty much everything: washing, dressing, his tablets, the meals. We have a carer come in the mornings for half an hour to help me get him up, and that's it."),
        ("0:58.2 - 1:05.9", "Interviewer", "Half an hour. Is that enough?"),
        ("1:05.9 - 1:49.3", "Pauline", "No. [laughs] No, it isn't. Half an hour goes nowhere. And they change the carers all the time. Derek doesn't like strangers doing personal care, and who can blame him, so every time it's someone new he gets upset and it takes twice as long."),
        ("1:49.3 - 2:20.0", "Pauline", "I asked for a carer's assessment. They did one, over the phone. The lady was very nice but at the end she said there wasn't really anything they could offer apart from a leaflet about a support group that meets in town on a Tuesday afternoon. Which is when I'm on my own with Derek."),
        ("2:20.0 - 2:21.5", "", "[recording paused]"),
        ("2:21.5 - 2:33.8", "Interviewer", "Sorry about that. You were saying about the support group. Have you had any respite at all?"),
        ("2:33.8 - 3:10.1", "Pauline", "Once. A week, in a home, when I had my knee done. He hated it and I felt guilty the whole time. My daughter says I should go away for a weekend, but she lives in Leeds, she's got her own family."),
        ("3:10.1 - 3:22.4", "Interviewer", "How is your own health at the moment?"),
        ("3:22.4 - 3:41.0", "Pauline", "I'm tired. I'm seventy-three. I don't sleep, because he's up in the night. But I'm alright. I have to be, don't I?"),
    ]
    body = [p(r("Internals\\Interviews\\Carers\\Carer_07_Pauline", bold=True), style="Heading1"),
            p(r("Media: Carer_07_Pauline.m4a    Duration: 00:41:22")),
            p(r("Transcript")),
            tbl([["Timespan", "Content", "Speaker"]] + [[a, c, b] for a, b, c in R], widths=[1700, 5800, 1500])]
    write_docx(name, body, title="Carer_07_Pauline", creator="NVivo")
    rows = []
    for a, b, c in R:
        if not b:
            continue
        rows.append((b, c, "two consecutive Pauline rows merged" if a.startswith("1:05.9") else ""))
    write_truth(name, merge_rows(rows))
    return name


# ------------------------------------------------------------------ 13 MAXQDA export, UTF-16 LE BOM, CRLF, paragraph numbers
def maxqda():
    name = "maxqda_sheltered_housing.txt"
    # None speaker = continuation paragraph of the previous speaker (no label)
    P = [
        ("I", "Can you tell me how you came to move into Beech Court?"),
        ("R", "It was after my wife passed. The house was too big, the stairs were getting too much, and my son was worried about me on my own. The warden scheme here was recommended by the lady at the council, so I put my name down and waited about eleven months."),
        ("I", "And what was it like in the first few weeks?"),
        ("R", "Lonely, if I'm honest. You'd think with forty flats there'd be company, but people keep themselves to themselves. There's a lounge, but in the first month I never went in it."),
        (None, "What changed it was the Thursday quiz. Doreen from number twelve knocked and said they were one short for a team. I said I'm no good at quizzes and she said neither are we, love. That was two years ago."),
        ("I", "You mentioned a warden scheme. Is there still a warden on site?"),
        ("R", "Not like there was. They took the resident warden away in 2019. Now there's a scheme manager who covers three sites, so she's here Monday and Wednesday mornings. And there's the pull cord, that goes through to a call centre. I pulled it once when I had a fall: they were very good, they rang my son and an ambulance came within the hour."),
        ("I", "How do residents feel about losing the warden?"),
        ("R", "Angry, some of them. There was a petition. But it's money, isn't it: it always comes down to money."),
    ]
    out = ["Document: Interviews\\Beech_Court_R03", "Exported from MAXQDA 2022 (Release 22.7.0)", ""]
    n = 1
    for spk, text in P:
        lab = f"{spk}: " if spk else ""
        out.append(f"{n}\t{lab}{text}")
        n += 1
        out.append(f"{n}\t")
        n += 1
    write_text(name, "\n".join(out) + "\n", encoding="utf-16-le", crlf=True)
    rows = []
    for spk, text in P:
        if spk is None:
            continue
        rows.append((spk, text))
    write_truth(name, merge_rows(rows))
    return name


# ------------------------------------------------------------------ 14 f4transkript German
def f4():
    name = "f4transkript_pflegeheim_de.txt"
    T = [
        ("I", "Ja, dann würde ich sagen, wir fangen an. Erzählen Sie doch mal, wie Sie zur Pflege gekommen sind.", "00:00:06-2"),
        ("B", "(lacht) Das ist eine lange Geschichte. Also, ich habe eigentlich Einzelhandelskauffrau gelernt, und dann ist meine Oma pflegebedürftig geworden. Meine Mutter hat gearbeitet, und irgendwie bin ich dann da reingerutscht. Ich habe sie zwei Jahre lang gepflegt, bis sie gestorben ist, und danach dachte ich: Das kann ich, das will ich machen. Mit 31 habe ich dann die Ausbildung zur Altenpflegerin angefangen.", "00:00:48-7"),
        ("I", "Und wie lange arbeiten Sie jetzt schon hier im Haus?", "00:00:52-1"),
        ("B", "Seit 2016, also acht Jahre. Auf dem Wohnbereich zwei, das ist der beschützte Bereich für Menschen mit Demenz.", "00:01:03-9"),
        ("I", "Was hat sich in den acht Jahren verändert?", "00:01:07-4"),
        ("B", "Die Personaldecke vor allem. Früher waren wir im Frühdienst zu viert auf 24 Bewohner, heute sind wir oft zu zweit plus eine Leasingkraft, die das Haus nicht kennt. (...) Und dann stehen Sie morgens um sechs da und wissen, Sie müssen zwölf Leute waschen, anziehen, Frühstück, Medikamente, und eigentlich möchten Sie sich mal fünf Minuten zu Frau K. setzen, weil sie weint. Aber die Zeit ist nicht da. (unv.) das ist das Schlimmste, ehrlich gesagt.", "00:01:52-0"),
        ("I", "Das klingt sehr belastend. Wie gehen Sie damit um?", "00:01:56-3"),
        ("B", "Ich habe einen guten Mann zu Hause. (lacht) Nein, ernsthaft, wir haben im Team einen guten Zusammenhalt. Und seit letztem Jahr gibt es eine Supervision, einmal im Monat, das hilft schon.", "00:02:17-5"),
        ("I", "Gibt es etwas, das Sie sich von der Politik wünschen würden?", "00:02:21-0"),
        ("B", "Dass mal jemand von denen eine Woche Frühdienst mitmacht. Nicht zum Fotografieren, sondern richtig mitarbeiten. Dann würde sich vielleicht was ändern.", "00:02:34-8"),
    ]
    out = ["Interview B07 – Altenpflege, stationär", "Datum: 12.03.2024   Dauer: 00:46:10",
           "Transkription: f4transkript, Regeln nach Dresing/Pehl (einfaches Transkript)",
           "I = Interviewerin, B = Befragte", ""]
    for spk, text, ts in T:
        out.append(f"{spk}: {text} #{ts}#")
        out.append("")
    write_text(name, "\n".join(out), crlf=True)
    write_truth(name, merge_rows([(s, t) for s, t, _ in T]))
    return name


ALL = [zoom, teams_vtt, meet, whisperx, nvivo, maxqda, f4]

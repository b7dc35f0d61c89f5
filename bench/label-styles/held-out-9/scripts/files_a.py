"""Files 1-7: transcription-service exports."""
from common import write_text, write_truth, write_docx, p, r, tbl, fw


def merge_rows(turns):
    """turns: list of (truth_speaker, text[, note]); speaker None = not a turn.
    Consecutive blocks by the same speaker become one row (first block's words)."""
    rows = []
    for t in turns:
        spk, text = t[0], t[1]
        note = t[2] if len(t) > 2 else ""
        if spk is None:
            continue
        if rows and rows[-1][0] == spk:
            if note:
                rows[-1][2] = (rows[-1][2] + "; " + note).strip("; ")
            continue
        rows.append([spk, text, note])
    return rows


# ------------------------------------------------------------------ 1 Otter
def otter():
    name = "otter_housing_disrepair.txt"
    T = [
        ("Hannah Reid", "0:04", "Okay, I think it's recording now. So just to start, could you tell me a little bit about the flat and how long you've been there?"),
        ("Speaker 2", "0:13", "Yeah, so we moved in, it'll be four years in June. It's a two bed on the third floor, housing association, and when we first got it, honestly, it was fine. It was a bit tired but it was fine. The problems started maybe the second winter, when the black mould came up behind the wardrobe in the kids' room."),
        ("Hannah Reid", "0:41", "And what did you do when you first noticed it?"),
        ("Speaker 2", "0:45", "I rang the repairs line. You ring, you get a reference number, and then nothing happens. And I mean nothing. I'd ring again after two weeks and they'd say, oh, there's no job on the system, and I'd read them the reference, and they'd say that reference was closed. Closed? Nobody's been out. So then you start again."),
        ("Speaker 2", "1:22", "And the thing is, I kept a diary, because my sister said keep a diary. Every call, the date, who I spoke to. I've got three pages of it. I showed it to the surveyor when he eventually came, and he just sort of looked at it and said, well, you need to open the windows more. In January. With a four-month-old."),
        ("Hannah Reid", "1:50", "That sounds incredibly frustrating. When you say the surveyor eventually came, roughly how long was that after the first call?"),
        ("Speaker 2", "1:59", "Seven months. Seven months from the first call to somebody actually standing in the room."),
        ("Speaker 3", "2:06", "Mum, can I have the tablet?"),
        ("Speaker 2", "2:08", "In a minute, love, I'm talking to the lady. Sorry. Where was I? Yeah, seven months."),
        ("Hannah Reid", "2:15", "No, that's fine, don't worry at all. Did anyone suggest you could make a formal complaint, or go to the ombudsman?"),
        ("Speaker 2", "2:23", "Not them, no. It was the health visitor, actually. She came for the baby's check and she saw the wall and she said, right, I'm writing to them. She put it on headed paper, said the baby's chest was bad, and within two weeks there were men here with a dehumidifier. Two weeks. After seven months of me ringing. So what does that tell you? It tells you they listen to professionals and they don't listen to tenants."),
        ("Hannah Reid", "3:01", "Has the work actually fixed the problem, do you think?"),
        ("Speaker 2", "3:05", "For now. They treated it and painted over it with the special paint. But the cause is the gutter outside, and that's a different department, apparently. So I'm back on the phone."),
        ("Hannah Reid", "3:17", "Right. Okay, I'm going to pause there for a second and then we'll move on to the bit about the tenants' group, if that's alright."),
    ]
    out = []
    for spk, ts, text in T:
        out.append(f"{spk}  {ts}  \n{text}\n")
    out.append("\nTranscribed by https://otter.ai\n")
    write_text(name, "\n".join(out))
    write_truth(name, merge_rows([(s, t, "") for s, _, t in T[:4]] +
                                 [(T[4][0], T[4][2], "second Otter block by Speaker 2 merged")] +
                                 [(s, t) for s, _, t in T[5:]]))
    return name


# ------------------------------------------------------------------ 2 Rev
def rev():
    name = "rev_probation_officer.txt"
    T = [
        ("Interviewer", "00:00:02", "Thanks for making time for this. I know the caseloads at the moment are, well, you tell me."),
        ("Dele Adeyemi", "00:00:09", "[laughs] Yeah. I'm on fifty-eight right now. When I started it was closer to thirty-five, and the guidance says something like forty is the ceiling for the tier I'm on. So you can do the maths on that one."),
        ("Interviewer", "00:00:24", "What does that mean in practice for the people you supervise?"),
        ("Dele Adeyemi", "00:00:28", "It means the appointment becomes a check-in rather than a piece of work. Ideally you've got an hour with someone, you're looking at their thinking, their relationships, what's going on with accommodation. In reality you've got twenty minutes and you're asking three questions: are you still at the address, are you using, have you been in contact with the victim. Tick, tick, tick. And they know that. They're not stupid. The good relationship stuff, the stuff that actually changes something, gets squeezed out."),
        ("Interviewer", "00:01:10", "You mentioned accommodation. How big a part of the job is housing?"),
        ("Dele Adeyemi", "00:01:15", "Huge. Honestly, it's the first domino. Someone comes out of custody on a Friday afternoon with a discharge grant and a bag, and the council says they'll assess on Monday. So where do they go on Friday night? [inaudible 00:01:29] sorry, the lorry outside. Where do they go? Back to the same mate's sofa, the same estate, the same people."),
        ("Interviewer", "00:01:40", "Is there a protocol with the local authority for that?"),
        ("Dele Adeyemi", "00:01:43", "There's a protocol on paper. There's a duty to refer, we do the referral, it goes into an inbox. Some councils are brilliant. The one across the river, I can ring a named officer. Here, it's a generic email address and a form that asks for the same information four times."),
        ("Speaker 3", "00:02:01", "Sorry to interrupt, Dele, your two o'clock is in reception."),
        ("Dele Adeyemi", "00:02:04", "Cheers, tell him five minutes. [crosstalk] Sorry, where were we?"),
        ("Interviewer", "00:02:09", "The referral process. I suppose my question is what would make the biggest difference, if you could change one thing?"),
        ("Dele Adeyemi", "00:02:16", "Somewhere to go on day one. Not a hostel with a six-week waiting list. A bed, on the day, with someone there. Everything else I can work with."),
    ]
    out = []
    for spk, ts, text in T:
        out.append(f"{spk} ({ts}):\n{text}\n")
    write_text(name, "\n".join(out), crlf=True)
    write_truth(name, merge_rows([(s, t) for s, _, t in T]))
    return name


# ------------------------------------------------------------------ 3 Trint docx
def trint():
    name = "trint_community_nurse.docx"
    T = [
        ("Speaker 1", "[00:00:00]", "So this is interview number twelve, district nursing, and I'm here with Bronagh. Bronagh, would you like to say what your role is?"),
        ("Bronagh Kelly", "[00:00:08]", "Sure. I'm a band six community staff nurse. I cover a patch that's mostly rural, about forty miles end to end, with two small market towns and then a lot of farms and scattered houses in between."),
        ("Speaker 1", "[00:00:21]", "And what does a typical day look like for you?"),
        ("Bronagh Kelly", "[00:00:24]", "There isn't a typical day, which sounds like a cliché but it's true. I'll get my list at half eight. On a good day it's eight or nine visits: wound care, catheters, end-of-life, insulin for people who can't do their own. On a bad day it's twelve, and two of them are forty minutes apart, and the satnav sends me down a lane that's been flooded since November.\nAnd then there's the paperwork. We're meant to document at the bedside on the tablet, but there's no signal in half the houses, so you're sitting in the car in a lay-by at six o'clock catching up."),
        ("Speaker 1", "[00:01:02]", "How does the distance affect the patients, do you think?"),
        ("Bronagh Kelly", "[00:01:06]", "They wait. They're very patient, these are people who've farmed all their lives and don't like a fuss. But they'll have a dressing that should be changed every two days and it gets changed every three. Or the palliative patients, the family ring at teatime because the driver's alarming and we're an hour away. You do your best. The out-of-hours team is two nurses for the whole county."),
        ("Speaker 1", "[00:01:37]", "That's really striking. Is there anything that's helped?"),
        ("Bronagh Kelly", "[00:01:40]", "The pharmacist in the town has been a godsend, honestly. And the GP practice lets us use a room for a clinic two mornings a week, so the people who can drive come to us."),
        ("Speaker 1", "[00:01:52]", "Great. I think that's everything on my list for that section."),
    ]
    body = [p(r("Community nursing study - Interview 12", bold=True), style="Title"),
            p(r("Trint transcript   |   Duration: 00:02:01   |   Exported 14 March 2024"), style="Subtitle")]
    for spk, ts, text in T:
        body.append(p(r(ts + " ", color="808080"), r(spk, bold=True)))
        for para in text.split("\n"):
            body.append(p(r(para)))
    write_docx(name, body, title="Community nursing study - Interview 12", creator="Trint")
    write_truth(name, merge_rows([(s, t) for s, _, t in T]))
    return name


# ------------------------------------------------------------------ 4 Happy Scribe Dutch (cp1252, CRLF)
def happyscribe():
    name = "happyscribe_jeugdzorg_nl.txt"
    T = [
        ("Interviewer", "00:00:01.20", "Oké, de opname loopt. Fijn dat je tijd wilt maken. Kun je eerst iets vertellen over je werk als jeugdzorgwerker?"),
        ("Sanne de Vries", "00:00:09.05", "Ja, natuurlijk. Ik werk nu zes jaar bij een gecertificeerde instelling in de regio, vooral met gezinnen waar een ondertoezichtstelling is uitgesproken. Dat betekent dat de kinderrechter heeft gezegd: er is een ernstige bedreiging voor de ontwikkeling van het kind, en dan kom ik in beeld als jeugdbeschermer."),
        ("Interviewer", "00:00:31.40", "En hoeveel gezinnen heb je op dit moment?"),
        ("Sanne de Vries", "00:00:34.10", "Zeventien. Dat is eigenlijk te veel. De norm is ongeveer vijftien, maar door het verloop in ons team zitten bijna alle collega's erboven. Er zijn collega's die na een jaar al weer weggaan, en dan moet een gezin opnieuw beginnen met een nieuwe jeugdbeschermer. Voor de ouders is dat heel zwaar, want ze moeten hun hele verhaal weer opnieuw vertellen."),
        ("Interviewer", "00:01:02.75", "Wat merk je daarvan in het contact met de ouders?"),
        ("Sanne de Vries", "00:01:06.30", "Wantrouwen, vooral. Ze zeggen dan: jij bent de derde dit jaar, waarom zou ik jou iets vertellen? En eerlijk gezegd begrijp ik dat heel goed. Vertrouwen opbouwen kost maanden, en als je dan weggaat, ben je het kwijt."),
        ("Interviewer", "00:01:24.00", "Speelt huisvesting ook een rol in de gezinnen die je begeleidt?"),
        ("Sanne de Vries", "00:01:28.55", "Heel vaak. Een moeder die met drie kinderen bij haar eigen moeder op een flatje woont, omdat de wachtlijst voor een sociale huurwoning hier acht jaar is. Dan kun je nog zo'n mooi plan maken, maar als er geen rust in huis is, werkt het niet. Soms is een urgentieverklaring mogelijk, maar de criteria zijn streng."),
        ("Interviewer", "00:01:51.10", "Dank je. Dan gaan we door naar het volgende onderwerp."),
    ]
    out = ["Transcriptie: interview_jeugdbescherming_03.m4a", "Gemaakt met Happy Scribe", ""]
    for spk, ts, text in T:
        out.append(f"[{ts}] - {spk}")
        out.append(text)
        out.append("")
    write_text(name, "\n".join(out), encoding="cp1252", crlf=True)
    write_truth(name, merge_rows([(s, t) for s, _, t in T]))
    return name


# ------------------------------------------------------------------ 5 Sonix
def sonix():
    name = "sonix_reentry_housing.txt"
    T = [
        ("Researcher", "[00:00:00]", "All right, we're on. Thank you for agreeing to talk to me. Can you start by telling me about the day you were released?"),
        ("Marcus Bell", "[00:00:07]", "The day I got out. Yeah. It was a Tuesday, I remember because they don't usually do Tuesdays. I had forty-six quid, a travel warrant and a letter saying I had an appointment at the housing office at ten the next morning. That was it."),
        ("Researcher", "[00:00:22]", "Where did you stay that first night?"),
        ("Marcus Bell", "[00:00:25]", "Night shelter, the church one on Queen Street. They open at eight, you've got to be in the queue by seven or you don't get a bed. It's not bad, to be fair. The volunteers are decent. But you're in a hall with thirty other blokes and half of them are coming down off something, and I'd just done two years clean inside."),
        ("Researcher", "[00:00:48]", "And the appointment the next day, how did that go?"),
        ("Marcus Bell", "[00:00:51]", "They said I wasn't priority need. Single male, no dependants, no medical. I said I've got a conviction, nobody's going to rent to me, and she said, and I'll never forget this: that's not a vulnerability under the code, sir. Very polite about it, she was. Sir."),
        ("Researcher", "[00:01:12]", "What happened after that?"),
        ("Marcus Bell", "[00:01:14]", "My probation officer, fair play to her, she got on the phone to a charity that does supported lodgings. Took three weeks. I was in the shelter three weeks. And in those three weeks I nearly went back to it, to the gear, I won't lie to you. The only thing that stopped me was the bloke in the next bed, an older fella, who just kept talking to me every night."),
        ("Researcher", "[00:01:40]", "Thank you for being so open about that."),
    ]
    out = ["Interview 04 - Marcus (pseudonym)", ""]
    for spk, ts, text in T:
        out.append(f"{spk}: {ts} {text}")
        out.append("")
    out.append("Automatically convert your audio files to text at Sonix.ai. Sonix is the best online, automated transcription service.")
    out.append("")
    out.append("Sonix uses cutting-edge artificial intelligence to convert your mp3 files to text.")
    write_text(name, "\n".join(out) + "\n")
    write_truth(name, merge_rows([(s, t) for s, _, t in T]))
    return name


# ------------------------------------------------------------------ 6 Scribie
def scribie():
    name = "scribie_foodbank_volunteers.txt"
    lines = [
        "Scribie",
        "Audio Transcription, Perfected",
        "",
        "https://scribie.com/files/7c1a0e2f9b4d4e35a3a6c0b1d2e4f608",
        "",
        "foodbank_focus_03.mp3",
        "",
        "Speakers: S1 - Facilitator; S2 - Jean; S3 - Tariq; S4 - Male Speaker",
        "",
    ]
    T = [
        ("00:01", "S1", "Okay, so we've got everyone. Jean, Tariq, thank you for coming in. I wanted to start with how the food bank has changed over the last couple of years."),
        ("00:10", "S2", "Well, the numbers, first of all. When I started, we'd have maybe twenty-five families on a Thursday. Last Thursday we had ninety-one. And it's not the people you'd expect. We've got nurses coming in. We've got a chap who drives for a delivery firm, full-time, and he can't make it to the end of the month."),
        ("00:31", "S3", "And the referrals have changed too. It used to be mostly the Jobcentre and the council. Now it's schools. The schools are referring families because the teachers can see the kids are hungry on a Monday morning."),
        ("00:45", "S1", "What do the referrals look like in practice?"),
        ("00:48", "S3", "It's a voucher, a paper voucher or an e-referral. Three visits in six months, that's the rule, and after that the referrer has to explain why they need more. But nobody gets turned away at the door, we'll always give an emergency parcel. [background noise]"),
        ("01:05", "S2", "Can I just say, the rule isn't about rationing. People think it is. It's about making sure someone's looking at why they keep needing us. Is it a benefits sanction, is it debt, is it the energy bill? We've got a money adviser in on Thursdays now for exactly that reason."),
        ("01:24", "S4", "Sorry, the van's here, where do you want the crates?"),
        ("01:27", "S2", "Round the back, love, by the shutter. Thank you."),
        ("01:31", "S1", "Tariq, you mentioned the energy bills. Is that something you see a lot?"),
        ("01:35", "S3", "All the time. We've started doing what we call kettle packs, for people who've got no gas. Things you can make with just a kettle: noodles, cup soup, porridge pots. Some people turn down tins because they can't afford to cook them. That was a shock to me, the first time someone handed back a bag of pasta."),
    ]
    for ts, spk, text in T:
        lines.append(f"{ts} {spk}: {text}")
        lines.append("")
    lines.append("[pause]")
    lines.append("")
    lines.append("01:58 S1: That's a really powerful example. Let's take a short break there.")
    lines.append("")
    lines.append("Thank you for choosing Scribie.com")
    lines.append("")
    lines.append("Cross-check, review and download the transcript at https://scribie.com/files/7c1a0e2f9b4d4e35a3a6c0b1d2e4f608")
    write_text(name, "\n".join(lines) + "\n", crlf=True)
    rows = [(s, t) for _, s, t in T] + [("S1", "That's a really powerful example. Let's take a short break there.")]
    write_truth(name, merge_rows(rows))
    return name


# ------------------------------------------------------------------ 7 Teams docx
def teams_docx():
    name = "teams_mental_health_review.docx"
    T = [
        ("Okafor, Chidi (Mental Health Trust)", "Okafor, Chidi", "0:03", "OK, I think we're recording. Thanks everyone for joining. This is the review for the crisis pathway pilot, and I've asked Sian and Gareth to talk us through what they've seen in the first quarter."),
        ("Price, Siân (Council)", "Price, Siân", "0:18", "Thanks, Chidi. So, headline: referrals into the crisis café are up about forty percent on what we modelled. Most of that is self-referral, which is what we wanted, but it does mean the Friday and Saturday evenings are really stretched."),
        ("Price, Siân (Council)", "Price, Siân", "0:34", "And I should say the data for March isn't fully cleaned yet, so treat that as provisional."),
        ("Okafor, Chidi (Mental Health Trust)", "Okafor, Chidi", "0:41", "Understood. Gareth, from the police side?"),
        ("Hughes, Gareth (Dyfed-Powys Police)", "Hughes, Gareth", "0:45", "Yeah, from our side the big change is Section 136 detentions. We're down from about eleven a month to six, which is significant. Officers have somewhere to take people that isn't A&E or the custody suite. The feedback from response teams has been really positive: they say it's saving them four or five hours a time."),
        ("Okafor, Chidi (Mental Health Trust)", "Okafor, Chidi", "1:12", "That's fantastic. Any concerns?"),
        ("Hughes, Gareth (Dyfed-Powys Police)", "Hughes, Gareth", "1:15", "The rural end. If you're up past Llandovery, the café might as well be on the moon. It's an hour's drive. So for those areas we're still doing the old thing."),
        ("Price, Siân (Council)", "Price, Siân", "1:29", "We've talked about an outreach model for that, a couple of evenings a week from the community hall, but it's a staffing question really."),
        ("Okafor, Chidi (Mental Health Trust)", "Okafor, Chidi", "1:38", "Let's pick that up as an action. Thanks both."),
    ]
    body = [p(r("Crisis pathway pilot - Q1 review-20240308_140212-Meeting Recording"), style="Title"),
            p(r("March 8, 2024, 2:02PM")),
            p(r("38m 14s")),
            p(r("Okafor, Chidi (Mental Health Trust)   started transcription"))]
    for lab, _, ts, text in T:
        body.append(p(r(lab), r("   " + ts)))
        body.append(p(r(text)))
    body.append(p(r("Okafor, Chidi (Mental Health Trust)   stopped transcription")))
    write_docx(name, body, title="Crisis pathway pilot - Q1 review", creator="Microsoft Teams")
    rows = []
    for i, (_, s, _, t) in enumerate(T):
        rows.append((s, t, "consecutive Teams blocks by Price merged" if i == 1 else ""))
    write_truth(name, merge_rows(rows))
    return name


ALL = [otter, rev, trint, happyscribe, sonix, scribie, teams_docx]

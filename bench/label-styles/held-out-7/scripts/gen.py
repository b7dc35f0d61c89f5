#!/usr/bin/env python3
"""Generate held-out set 7 (plain-text and caption files) plus ground truth.

Every file is rendered from a list of turns (speaker, text[, note]).  The
truth CSV is written from the same list; scripts/check.py re-verifies each
truth row against the bytes actually written.  .docx/.odt files are made by
make_docs.py, which imports the helpers here.
"""
import csv, os, re, textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FILES = os.path.join(ROOT, "files")
TRUTH = os.path.join(ROOT, "truth")
NBSP, ZWSP, ZWJ, RLM, LRM = "\u00a0", "\u200b", "\u200d", "\u200f", "\u200e"


def first_words(text, n=5):
    text = re.sub(r"[\u200b-\u200f\u2060\ufeff]", "", text).replace(NBSP, " ")
    if " " not in text.strip() and len(text) > 0:      # CJK: no spaces
        return text.strip()[:8]
    return " ".join(text.split()[:n])


def write_truth(fname, turns):
    with open(os.path.join(TRUTH, fname + ".csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["turn", "speaker", "first_words", "note"])
        for i, t in enumerate(turns, 1):
            sp, text = t[0], t[1]
            note = t[2] if len(t) > 2 else ""
            w.writerow([i, sp, first_words(text), note])


def save(fname, text, encoding="utf-8", newline="\n", bom=False):
    data = text.replace("\n", newline)
    b = data.encode(encoding)
    if bom and encoding == "utf-8":
        b = b"\xef\xbb\xbf" + b
    with open(os.path.join(FILES, fname), "wb") as f:
        f.write(b)


def chunks(words, size):
    return [words[i:i + size] for i in range(0, len(words), size)]


def ts(sec, sep=".", hours=True, ms=3):
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    frac = f"{sec - int(sec):.3f}"[2:2 + ms]
    core = f"{int(h):02d}:{int(m):02d}:{int(s):02d}" if hours else f"{int(m + 60 * h):02d}:{int(s):02d}"
    return core + (sep + frac if ms else "")


# ---------------------------------------------------------------- 1 whisper
def whisper():
    turns = [
        ("SPEAKER_00", "Okay, we're recording now. Thanks for agreeing to talk about the unpaid work side of your order, Mr Petrie."),
        ("SPEAKER_01", "No bother. I've done about ninety hours of the hundred and fifty so far, mostly at the woodyard out past Gowanbrae and a wee bit of painting at the church hall."),
        ("SPEAKER_00", "And how did the first week feel?"),
        ("SPEAKER_01", "Honestly I was dreading it. You think everybody's going to be looking at you in the hi-vis like you're a criminal, which, fair enough, I suppose I am. But the supervisor, Gail, she just treated us like workers. Gave you a job and let you get on with it."),
        ("SPEAKER_00", "Was there anything that made it harder to keep going?"),
        ("SPEAKER_01", "The bus. The placement starts at half eight and the first bus from Ardlochy gets in at nine ten, so I was late three times before my social worker sorted a lift."),
        ("SPEAKER_02", "Sorry, can I just come in there, that's Fiona from the justice team. We changed the pickup point after that, didn't we?"),
        ("SPEAKER_01", "Aye, you did. That made a big difference."),
        ("SPEAKER_00", "Great. Last question then. If a friend was given an order, what would you tell them?"),
        ("SPEAKER_01", "Turn up, keep your head down, and ask for the other activity hours if you need them. I did a first aid course as part of mine and that actually got me a start on a site."),
    ]
    out, t = [], 0.0
    for sp, text in turns:
        for seg in chunks(text.split(), 13):
            dur = 0.38 * len(seg) + 0.4
            out.append(f"[{ts(t, hours=False)} --> {ts(t + dur, hours=False)}]  {sp}: {' '.join(seg)}")
            t += dur + 0.22
    save("whisper_diarised_unpaid_work.txt", "\n".join(out) + "\n")
    tr = [list(x) for x in turns]
    tr[1].append("long turn split over several segments each repeating SPEAKER_01; merge")
    tr[0].append("Whisper [mm:ss.mmm --> mm:ss.mmm] stamp precedes the label")
    write_truth("whisper_diarised_unpaid_work.txt", tr)


# ---------------------------------------------------------------- 3 zoom vtt
def zoom():
    A, B = "Dr Aoife Brennan-Kerr", "Tomasz Wieczorek"
    turns = [
        (A, "Hi Tomasz, can you hear me okay? I think the recording has started."),
        (B, "Yes, loud and clear. Sorry, my camera is a bit dark, I'm in the back office at the food bank."),
        (A, "No problem at all. So the first thing I wanted to ask: how did you first come into contact with the welfare rights service?"),
        (B, "Through the food bank itself. I came in for a parcel in February and one of the volunteers said there was an adviser in on Tuesdays. The rule was simple: bring every letter you have. So I brought a carrier bag full of brown envelopes."),
        (A, "And what did the adviser find?"),
        (B, "That I had been sanctioned for a missed appointment that was actually sent to my old address. They got it overturned in about five weeks."),
        (A, "Five weeks is a long time with no money."),
        (B, "It is. I borrowed from my cousin. I would not do that again."),
        (A, "Thank you. I'll stop the recording there."),
    ]
    out, t, n = ["WEBVTT", ""], 1.24, 1
    for sp, text in turns:
        for seg in chunks(text.split(), 11):
            dur = 0.4 * len(seg) + 0.5
            out += [str(n), f"{ts(t)} --> {ts(t + dur)}", f"{sp}: {' '.join(seg)}", ""]
            t += dur + 0.1
            n += 1
    save("zoom_cloud_recording.vtt", "\n".join(out))
    tr = [list(x) for x in turns]
    tr[2].append("prose colon 'ask:' inside cue text is not a label")
    tr[3].append("several consecutive cues with same Name: prefix merge into one turn; 'The rule was simple:' is prose")
    write_truth("zoom_cloud_recording.vtt", tr)


# ---------------------------------------------------------------- 4 youtube sbv
def youtube():
    turns = [
        ("", "welcome back to the rural services podcast today i'm joined by a district nurse who covers three glens", "YouTube auto-caption: no names, >> marks each speaker change; speaker left empty"),
        ("", "thanks for having me it's about four hundred square miles in the winter it feels like more"),
        ("", "what's the biggest pressure right now"),
        ("", "honestly it's the travel time i can spend two hours driving to do a twenty minute dressing and then the next visit is back the way i came"),
        ("", "and has the new care hub in the village helped with that", ">> falls mid-cue"),
        ("", "a bit it means folk can come to us on a thursday but a lot of my patients can't drive anymore so the hub doesn't reach them"),
        ("", "okay we'll take a short break there"),
    ]
    toks = []
    for _, text, *_ in turns:
        toks.append(">>")
        toks += text.split()
    cues, cur, since, mk = [], [], 99, -1
    for tok in toks:
        if tok == ">>":
            mk += 1
            if len(cur) >= 4 and mk != 4:
                cues.append(cur); cur = []
            since = 0
            cur.append(tok)
            continue
        if len(cur) >= 9 and since >= 6:
            cues.append(cur); cur = []
        cur.append(tok); since += 1
    if cur:
        cues.append(cur)
    out, t = [], 0.5
    for c in cues:
        dur = 0.35 * len(c) + 0.3
        line = " ".join(c)
        out += [f"{ts(t)[1:]},{ts(t + dur)[1:]}", line, ""]
        t += dur
    save("youtube_autocaptions_podcast.sbv", "\n".join(out))
    write_truth("youtube_autocaptions_podcast.sbv", turns)


# ---------------------------------------------------------------- 5 tribunal
def tribunal():
    turns = [
        ("JUDGE McALLISTER", "Good morning. This is the hearing of the appeal of Mr Desmond Okafor against the decision of the Department dated the 9th of October. Mr Okafor, you are represented today by Ms Rennie of the Linnhe Advice Project. Is that right?"),
        ("THE APPELLANT", "Yes, that's right, Ma'am."),
        ("JUDGE McALLISTER", "Ms Rennie, I have read the submission. The issue, as I understand it, is narrow: whether the appellant can reliably walk more than fifty metres. Do you agree?"),
        ("MS RENNIE", "I do, Ma'am. Our position is that the assessor's report records a good day. The appellant's evidence, which is supported by his GP, is that on most days he cannot walk to the end of his street without stopping."),
        ("JUDGE McALLISTER", "Mr Okafor, tell me about a typical morning."),
        ("THE APPELLANT", "I get up about seven, but it takes me a long time to get dressed because of my hip. If I need the shop I wait for my neighbour to drive me. On a bad day I do not leave the house at all. The assessor came on a Tuesday, and Tuesdays are when my daughter helps me, so I had been resting."),
        ("MS RENNIE", "Ma'am, for the record, the GP letter is at page 41 of the bundle."),
        ("JUDGE McALLISTER", "Thank you. We will take a short adjournment and I will give our decision this afternoon."),
    ]
    lines = []
    for sp, text in turns:
        w = textwrap.wrap(f"{sp}:  {text}", width=64)
        lines += w
        if sp == "THE APPELLANT" and text.startswith("I get"):
            lines += ["", "                    (Short adjournment)", ""]
        elif sp == "MS RENNIE":
            pass
    pages, per = [], 12
    for i in range(0, len(lines), per):
        pages.append(lines[i:i + per])
    out = ["FIRST-TIER TRIBUNAL (SOCIAL SECURITY AND CHILD SUPPORT)",
           "Appeal reference: SC 947/25/01182",
           "Venue: Fort Augustus Community Centre",
           "Before: Judge R. McAllister; Medical Member Dr P. Hussain",
           ""]
    for pi, pg in enumerate(pages, 1):
        out.append(f"                                                  Page {pi + 1}")
        for li, l in enumerate(pg, 1):
            out.append(f"{li:>4}   {l}")
        out.append("")
        out.append("        Norwell Transcription Ltd  -  Official Transcript")
        out.append("\f")
    out.append("                        (Hearing adjourned at 11.42 am)")
    save("tribunal_line_numbers.txt", "\n".join(out) + "\n", newline="\r\n")
    tr = [list(x) for x in turns]
    tr[0].append("every line numbered; metadata 'Appeal reference:'/'Venue:'/'Before:' not turns")
    tr[2].append("'narrow:' prose colon on a numbered continuation line")
    tr[5].append("'(Short adjournment)' stage direction and page footer/header inside/after turn")
    write_truth("tribunal_line_numbers.txt", tr)


# ---------------------------------------------------------------- 6 nvivo
def nvivo():
    rows = [
        ("Interviewer", "Can you start by telling me what your role is in the youth project?"),
        ("Kezia", "I'm the senior youth worker, so I run the Tuesday and Thursday drop-in and I do the detached work on Friday nights."),
        ("Kezia", "Detached means we go out to where the young people already are, the skate park, the chip shop, the bus shelter by the school."),
        ("Interviewer", "What changed after the funding cut?"),
        ("Kezia", "We lost the Friday session for six months. And in that six months the police call-outs to the park went up, which, I'm not saying that's cause and effect, but the community council noticed."),
        ("Interviewer", "Did young people say anything to you about it?"),
        ("Kezia", "One lad said to me, you lot only turn up when there's money. That stuck with me."),
        ("Interviewer", "Thank you, that's really helpful."),
    ]
    out = ["\tTimespan\tContent\tSpeaker"]
    t = 0.0
    for i, (sp, text) in enumerate(rows, 1):
        d = 0.45 * len(text.split())
        out.append(f"{i}\t{int(t//60)}:{t%60:04.1f} - {int((t+d)//60)}:{(t+d)%60:04.1f}\t{text}\t{sp}")
        t += d + 1.3
    save("nvivo_transcript_rows.txt", "\n".join(out) + "\n", newline="\r\n", bom=True)
    turns = []
    for sp, text in rows:
        if turns and turns[-1][0] == sp:
            continue
        turns.append([sp, text])
    turns[0].append("NVivo tab-separated rows: # / Timespan / Content / Speaker - label comes AFTER the text")
    turns[1].append("rows 2 and 3 same speaker: merged")
    write_truth("nvivo_transcript_rows.txt", turns)


# ---------------------------------------------------------------- 7 initials
def initials():
    turns = [
        ("J.M.", "Thanks for meeting me here. Could you start by saying a bit about how people get to services from this end of the peninsula?"),
        ("R.K.", "Well, there's three ways: the community bus, the post bus, or you beg a lift. The community bus runs Monday, Wednesday and Friday.\nThursdays: the mobile bank comes, and that's about it for the week.\nThe GP is forty minutes away on a good road."),
        ("J.M.", "And the post bus?"),
        ("R.K.", "Gone since the spring. They said usage was low. Of course it was low, it left at six in the morning."),
        ("J.M.", "What about people who need to report to the justice social work office?"),
        ("R.K.", "That's a real issue. I know a young man on a supervision order who has to be in the town every fortnight. It's a whole day for him: bus in, wait, fifteen minutes in the office, wait, bus back. He's lost two jobs over it."),
        ("J.M.", "Has anyone suggested video appointments?"),
        ("R.K.", "They did in lockdown. Then it stopped. Nobody could tell me why."),
        ("J.M.", "Okay. I'll stop there."),
    ]
    out = ["Interview ref: RS-07", "Date: 4 June 2025", "Location: Kinlochbervie community hall (fictionalised)",
           "Interviewer: J.M.   Participant: R.K. (community council member)",
           "Note: recording paused twice at participant's request.", "", ""]
    for i, (sp, text) in enumerate(turns):
        lab = sp + ":" if i != 4 else sp + " :"
        out.append(f"{lab} {text}")
        out.append("")
    out.append("END OF TRANSCRIPT")
    save("initials_with_periods.txt", "\n".join(out) + "\n")
    tr = [list(x) for x in turns]
    tr[0].append("header lines Interview ref:/Date:/Location:/Interviewer:/Note: look like labels but are metadata")
    tr[1].append("continuation line starts 'Thursdays:' (not a speaker)")
    tr[4].append("label written 'J.M. :' with space before colon")
    tr[5].append("'a whole day for him:' prose colon")
    write_truth("initials_with_periods.txt", tr)


# ---------------------------------------------------------------- 8 roles md
def roles():
    I1, I2, P = "Interviewer 1 (AM)", "Interviewer 2 (TS)", "Participant 12 (Carer)"
    turns = [
        (I1, "Thanks for joining us. There are two of us today because Tariq is shadowing the project."),
        (I2, "Hi, yes, I'll mostly be listening but I might come in with a question."),
        (P, "That's fine. Do you want me to start with how I became Mum's carer?"),
        (I1, "Please."),
        (P, "It crept up on us. First it was the shopping, then the medication, then one night she was found in the street in her slippers. I gave up my job at the council about three years ago."),
        (I1, "How much support do you get from social work now?"),
        (P, "A care package of four visits a day, but the times move about. Sometimes the tea-time visit is at half three.\n\nAnd respite is the other thing. We were told eight weeks a year. We got two."),
        (I2, "Can I ask, who told you eight weeks?"),
        (P, "The assessment in 2023. It's in the carer support plan. I've got it upstairs."),
        (I1, "We'll pause there and pick up on respite after a break."),
    ]
    out = ["# Carers study - interview transcript", "", "**Participant:** 12  ", "**Relationship:** daughter, lives with mother  ", "**Interviewers:** AM (lead), TS (shadowing)", "", "## Section 1: Background", ""]
    for i, (sp, text) in enumerate(turns):
        if i == 5:
            out += ["## Section 2: Support and respite", ""]
        out.append(f"{sp}: {text}")
        out.append("")
    out += ["---", "*Transcript ends. 00:41:12*"]
    save("participant_roles_two_interviewers.md", "\n".join(out) + "\n")
    tr = [list(x) for x in turns]
    tr[0].append("labels carry numbers and role/initials in brackets; bold metadata lines '**Participant:** 12' are not turns")
    tr[5].append("markdown heading '## Section 2: Support and respite' is not a speaker")
    tr[6].append("turn contains a blank-line paragraph break")
    write_truth("participant_roles_two_interviewers.md", tr)


# ---------------------------------------------------------------- 9 interpreted polish
def interpreted():
    I, T, R = "Interviewer", "Interpreter", "Respondent (PL)"
    turns = [
        (I, "Thank you for coming in. Could you ask her how long she has lived in Scotland?"),
        (T, "Dziękuję, że Pani przyszła. Jak długo mieszka Pani w Szkocji?"),
        (R, "Od dwa tysiące szesnastego roku. Najpierw w Aberdeen, teraz tutaj, w Peterhead."),
        (T, "Since 2016. First in Aberdeen, now here in Peterhead."),
        (I, "And when did she first apply for Universal Credit?"),
        (T, "Kiedy Pani pierwszy raz złożyła wniosek o Universal Credit?"),
        (R, "W pandemii. Fabryka zamknęła zmianę nocną. Wszystko było przez internet, a ja nie rozumiałam słowa „sanction” – myślałam, że to coś z sądem."),
        (T, "During the pandemic. The factory closed the night shift. Everything was online, and she didn't understand the word \"sanction\" - she thought it was something to do with court."),
        (I, "That's really interesting. Did anyone explain it?"),
        (R, "[in English] My daughter. She is twelve. She read the letters for me."),
        (T, "She answered in English there: her daughter, who is twelve, read the letters."),
    ]
    out = ["Interview P-09 | Language: Polish (interpreted) | Interpreter: agency, consecutive",
           "Conventions: Respondent speech transcribed in Polish; interpreter's rendering given as a separate turn.", ""]
    for sp, text in turns:
        out.append(f"{sp}: {text}")
    save("interpreted_polish_benefits.txt", "\n".join(out) + "\n")
    tr = [list(x) for x in turns]
    tr[1].append("interpreter turn in Polish; each interpreter rendering is its own turn")
    tr[9].append("respondent switches to English, marked [in English]; first_words include the bracket tag")
    tr[10].append("'in English there:' prose colon")
    write_truth("interpreted_polish_benefits.txt", tr)


# ---------------------------------------------------------------- 10 german utf16
def german():
    turns = [
        ("I", "Vielen Dank, dass Sie sich Zeit nehmen. Erzählen Sie doch mal, wie Sie zur Bewährungshilfe gekommen sind."),
        ("B", "Also (.) das war nach dem Urteil, 2021. Ich hatte achtzehn Monate auf Bewährung bekommen, und dann kam ein Brief mit einem Termin bei Frau Öztürk."),
        ("I", "Wie war der erste Termin?"),
        ("B", "Ehrlich gesagt, ich war nervös. (lacht) Ich dachte, die will mich nur kontrollieren. Aber sie hat gefragt: Wo wohnen Sie, haben Sie Arbeit, wie geht's Ihrer Mutter. Das hat mich überrascht."),
        ("I", "Mhm. Und was hat Ihnen am meisten geholfen?"),
        ("B", "Die Wohnung. Ohne die Wohnung (..) ich wäre wieder auf der Straße gelandet. Sie hat mit dem Vermieter telefoniert, mit der Schuldnerberatung, mit allen."),
        ("I", "Gab es auch schwierige Momente?"),
        ("B", "Ja, als ich einen Termin verpasst habe. Da gab es eine Anhörung beim Gericht. Aber das ist gut ausgegangen."),
        ("I", "Vielen Dank. Dann machen wir hier Schluss."),
    ]
    out = ["Transkript Interview 04 – Bewährungshilfe (anonymisiert)", "Datum: 17.09.2025", "Dauer: 00:38:51",
           "Transkriptionsregeln: (.) kurze Pause, (..) längere Pause, (lacht) nonverbal", ""]
    for sp, text in turns:
        out.append(f"{sp}:\t{text}")
        out.append("")
    out.append("– Ende des Transkripts –")
    save("german_probation_utf16.txt", "\n".join(out) + "\n", encoding="utf-16", newline="\r\n")
    tr = [list(x) for x in turns]
    tr[0].append("UTF-16LE with BOM, CRLF; one-letter labels I:/B: followed by a tab; header 'Datum:'/'Dauer:' not turns")
    tr[3].append("'gefragt:' prose colon followed by reported speech")
    write_truth("german_probation_utf16.txt", tr)


# ---------------------------------------------------------------- 11 portuguese cp1252
def portuguese():
    E, J = "Entrevistadora", "Sr. Joaquim"
    long_turn = ("Olhe, é uma história comprida. Eu morava num quarto alugado na Rua do Carmo, por cima de uma tasca, e o senhorio "
                 "decidiu vender o prédio todo a uma empresa de alojamento local. Deram-nos noventa dias. Noventa dias – e eu "
                 "com setenta e dois anos, reformado dos correios, com uma pensão que não chega aos seiscentos euros. Fui à junta "
                 "de freguesia, fui à câmara, fui à Segurança Social. Em cada sítio diziam “isso não é connosco, tem de ir ao outro "
                 "balcão”. Passei semanas assim. A assistente social do centro de saúde foi a primeira pessoa que pegou no telefone "
                 "por mim. Ela ligou para a habitação municipal, preencheu o formulário comigo, porque eu não tenho computador nem "
                 "sei mexer nessas coisas, e explicou que eu tinha direito a prioridade por ter mais de sessenta e cinco anos e "
                 "problemas de coração. Mesmo assim, demorou oito meses. Nesses oito meses fiquei em casa da minha irmã, em Almada, "
                 "a dormir no sofá da sala. Ela também é velha, o marido está doente, e eu sentia que estava a pesar. Não é vida. "
                 "Quando finalmente me deram a chave deste T1, aqui no bairro, chorei no elevador. O elevador, diga-se, está avariado "
                 "desde março, mas isso já é outra conversa.")
    turns = [
        (E, "Bom dia, Sr. Joaquim. Obrigada por me receber em sua casa. Pode começar por me contar como chegou a este apartamento?"),
        (J, long_turn),
        (E, "Oito meses é muito tempo. Alguém lhe explicou porquê?"),
        (J, "Disseram que não havia casas. Que a lista de espera tinha mil e tal pessoas. Eu percebo, mas ninguém me dizia em que lugar eu estava."),
        (E, "E hoje, como se sente aqui no bairro?"),
        (J, "Bem. Os vizinhos são simpáticos. A única coisa é o estigma: quando digo no café que moro no bairro social, há quem olhe de lado."),
        (E, "Muito obrigada, Sr. Joaquim. Vamos terminar por aqui."),
    ]
    out = ["Projeto HABITAR – Entrevista n.º 3", "Local: Lisboa (nomes e locais alterados)", ""]
    for sp, text in turns:
        out.append(f"{sp}: {text}")
        out.append("")
    out.append("[Fim da gravação]")
    save("portuguese_housing_cp1252.txt", "\n".join(out) + "\n", encoding="cp1252", newline="\r\n")
    tr = [list(x) for x in turns]
    tr[1].append("very long single-line turn (~210 words) with cp1252 curly quotes and en dash; label contains a period 'Sr.'")
    tr[5].append("'o estigma:' prose colon")
    write_truth("portuguese_housing_cp1252.txt", tr)


# ---------------------------------------------------------------- 12 cjk
def cjk():
    A, B = "访谈员", "受访者A"
    turns = [
        (A, "您好，谢谢您今天接受访谈。能先介绍一下您在社区矫正中心的工作吗？"),
        (B, "好的。我是社区矫正中心的社工，主要负责帮助矫正对象找工作和租房子。"),
        (A, "租房子方面遇到的最大困难是什么？"),
        (B, "最大的困难是房东的顾虑。很多房东一听说是社区矫正人员，就不愿意租了。我们只能一家一家去沟通。"),
        (A, "有没有成功的例子？"),
        (B, "有。去年有一位三十多岁的男士，刑满后找不到住处。我们联系了街道的公租房，他现在已经住了一年多，也找到了工作。"),
        (A, "您觉得社会对他们的偏见有变化吗？"),
        (B, "慢慢在变，但是很慢。宣传很重要，邻居们了解了以后，态度会好很多。"),
    ]
    out = ["访谈编号：CJ-02", "访谈日期：2025年5月14日", "地点：某市社区矫正中心（化名）", ""]
    for i, (sp, text) in enumerate(turns):
        stamp = f"（00:{2*i+1:02d}:{(17*i)%60:02d}）"
        out.append(f"{sp}：{stamp}{text}")
    out += ["", "（访谈结束）"]
    save("community_correction_cjk.txt", "\n".join(out) + "\n")
    tr = [list(x) for x in turns]
    tr[0].append("full-width colon ：, full-width bracketed time （00:01:00） between label and text; first_words = first 8 characters; header 访谈编号：/访谈日期：/地点： not turns")
    write_truth("community_correction_cjk.txt", tr)


# ---------------------------------------------------------------- 13 urdu
def urdu():
    R, P = "محقق", "شریک"
    turns = [
        (R, "السلام علیکم، آپ کا بہت شکریہ کہ آپ نے وقت نکالا۔ کیا آپ اپنے بارے میں کچھ بتائیں گی؟"),
        (P, "وعلیکم السلام۔ میں تین بچوں کی ماں ہوں اور پچھلے دس سال سے اسی محلے میں رہتی ہوں۔"),
        (R, "جب آپ نے پہلی بار سرکاری امداد کے لیے درخواست دی تو کیسا محسوس ہوا؟"),
        (P, "سچ بتاؤں تو بہت شرم آئی۔ ہماری برادری میں لوگ کہتے ہیں کہ امداد لینا عزت کے خلاف ہے۔ میں نے اپنے شوہر کے گھر والوں کو بھی نہیں بتایا۔"),
        (R, "کیا کسی نے آپ کی مدد کی؟"),
        (P, "جی ہاں، مسجد کے ساتھ والے سینٹر میں ایک خاتون ہیں، وہ فارم بھرنے میں مدد کرتی ہیں۔ انہوں نے کہا: یہ آپ کا حق ہے، خیرات نہیں۔"),
        (R, "بہت شکریہ۔ آخری سوال: آپ دوسری خواتین کو کیا مشورہ دیں گی؟"),
        (P, "یہی کہ شرم نہ کریں اور اکیلے فارم نہ بھریں۔ مدد مانگنا کوئی بری بات نہیں۔"),
    ]
    out = ["انٹرویو نمبر: ۷", "تاریخ: ۲۰۲۵ اکتوبر", "موضوع: امداد اور سماجی بدنامی", ""]
    for sp, text in turns:
        out.append(f"{RLM}{sp}:{RLM} {text}")
        out.append("")
    out.append("— اختتام —")
    save("urdu_benefits_stigma.txt", "\n".join(out) + "\n")
    tr = [list(x) for x in turns]
    tr[0].append("Arabic-script Urdu, RTL marks U+200F around each label; header lines انٹرویو نمبر:/تاریخ:/موضوع: are metadata")
    tr[5].append("'انہوں نے کہا:' prose colon mid-turn")
    tr[6].append("'آخری سوال:' prose colon mid-turn")
    write_truth("urdu_benefits_stigma.txt", tr)


# ---------------------------------------------------------------- 14 gaelic
def gaelic():
    N, C = "Neach-agallaimh", "Ciorstaidh NicDhòmhnaill"
    turns = [
        (N, "Tapadh leibh airson bruidhinn rium an-diugh. Am b' urrainn dhuibh innse dhomh mu na seirbheisean slàinte air an eilean?"),
        (C, "Uill, tha an dotair a' tighinn a-null air a' bhàta dà thuras san t-seachdain. Ach ma tha thu tinn air Disathairne, well, you're on your own, mar a chanas iad."),
        (N, "Agus an t-seirbheis cùraim dhachaigh?"),
        (C, "Tha dithis luchd-cùraim ann airson an eilein gu lèir. Dithis! Agus tha aon dhiubh a' falbh as t-earrach. Nuair a dh'fhalbhas i, chan eil fhios agam dè thachras do mhàthair Sheumais."),
        (N, "A bheil daoine òga a' fuireach air an eilean?"),
        (C, "Glè bheag. Chan eil taighean ann. Tha na taighean uile nan taighean-saor-làithean a-nis, holiday lets, agus tha iad falamh sa gheamhradh."),
        (N, "Mòran taing, a Chiorstaidh."),
    ]
    out = ["Agallamh 11 – Seirbheisean dùthchail (Gàidhlig, le beagan Beurla)", ""]
    for i, (sp, text) in enumerate(turns):
        lab = sp.replace(" ", NBSP)
        sep = NBSP + ":" if i % 2 else ":"
        out.append(f"{lab}{sep} {text}")
        out.append("")
    save("gaelic_island_services.txt", "\n".join(out) + "\n")
    tr = [list(x) for x in turns]
    tr[1].append("label with grave accent; NBSP between forename and surname and before the colon; Gaelic/English code-switching")
    write_truth("gaelic_island_services.txt", tr)


# ---------------------------------------------------------------- 16 rev
def rev():
    K, S = "Kirsty Baird", "Speaker 2"
    turns = [
        (K, "Okay, so this is the interview for the criminal justice social work report. I'm going to ask you some questions about your circumstances, and some of this goes to the sheriff. Is that okay?"),
        (S, "Yeah. Aye, that's fine."),
        (K, "Can you tell me where you're staying at the moment?"),
        (S, "At my gran's. In Balgowan. I've been there since I got out of the hostel, about March."),
        (K, "And is that a stable place for you? Could you stay there through an order?"),
        (S, "[inaudible 00:01:48] as long as I'm not bringing trouble to the door, she says. She's eighty-one, so."),
        (K, "What about the drinking? Last time you mentioned that was linked to the offence."),
        (S, "I've been going to the group on a Wednesday. Six weeks now. I'm not saying I've stopped, but it's [crosstalk 00:02:20] way down."),
        ("Speaker 3", "Sorry, sorry, Kirsty, the room's booked at eleven, just so you know."),
        (K, "No bother. We'll be finished by then. Last thing, if the sheriff gave you a community payback order with supervision, do you think you'd manage it?"),
        (S, "Yeah. I'd rather that than the jail. I've got my wee boy at the weekends now."),
    ]
    out, t = [], 4
    for sp, text in turns:
        out.append(f"{sp} ({t//3600:02d}:{(t%3600)//60:02d}:{t%60:02d}):")
        out.append(text)
        out.append("")
        t += 3 + len(text.split()) // 2
    save("rev_style_cjsw_report.txt", "\n".join(out))
    tr = [list(x) for x in turns]
    tr[0].append("Rev style: 'Name (hh:mm:ss):' on its own line, text on the next line")
    tr[5].append("turn opens with [inaudible 00:01:48] tag; first_words include it")
    tr[7].append("[crosstalk 00:02:20] tag mid-turn")
    tr[8].append("third speaker interrupts")
    write_truth("rev_style_cjsw_report.txt", tr)


# ---------------------------------------------------------------- 17 happyscribe
def happyscribe():
    S1, M = "Speaker 1", "Marguerite Obi"
    turns = [
        (S1, "So, Marguerite, you've been running the peer support group for about two years now?"),
        (M, "Two and a half. It started in the back room of the library with four of us and now we've got nearer twenty on a good week."),
        (S1, "What do people say stops them coming along the first time?"),
        (M, "Being seen. That's the main one. In a small town, if your car is parked outside the mental health hub, people talk. So we moved to the library deliberately. Nobody knows if you're there for the group or for a book."),
        (M, "Sorry, can I add something? The other thing is the word 'service user'. People hate it. We say member."),
        (S1, "That's really useful. Has the stigma changed over the two years?"),
        (M, "For the younger ones, a bit. For the older men, not much. We had a farmer come for the first time last month. He sat in his car for forty minutes before he came in."),
        (S1, "Thank you. We'll stop there."),
    ]
    out, t = ["Peer support interview - export", "", ""], 0.0
    for sp, text in turns:
        fr = int((t - int(t)) * 25)
        out.append(f"[{int(t)//3600:02d}:{(int(t)%3600)//60:02d}:{int(t)%60:02d}.{fr:02d}] - {sp}")
        out.append(text)
        out.append("")
        t += 0.5 * len(text.split()) + 1.7
    save("happyscribe_peer_support.txt", "\n".join(out))
    turns2 = []
    for x in turns:
        if turns2 and turns2[-1][0] == x[0]:
            continue
        turns2.append(list(x))
    turns2[0].append("'[hh:mm:ss.ff] - Speaker' header line then text; unrenamed 'Speaker 1' kept as is")
    turns2[1].append("two consecutive blocks for Marguerite Obi (new timestamp, same speaker): merged")
    write_truth("happyscribe_peer_support.txt", turns2)


# ---------------------------------------------------------------- 18 label blank line
def blankline():
    IV, R = "INTERVIEWER", "RESPONDENT"
    turns = [
        (IV, "Can you tell me how you got involved with the youth club?"),
        (R, "My pal dragged me along when I was thirteen. I thought it would be rubbish, like school with table tennis. But the workers were sound. They never asked what you'd done, just what you wanted to do."),
        (IV, "And you're a volunteer now?"),
        (R, "Aye, two nights a week. I'm doing my youth work qualification through the college.\n\nThe funny thing is, half the kids I work with now are from my old street."),
        (IV, "What do you think would happen if the club closed?"),
        (R, "Honestly? More of them would end up where I nearly ended up. There's nowhere else in the scheme that's open after six."),
        (IV, "Thanks. That's everything."),
    ]
    out = ["YOUTH WORK EVALUATION", "Transcript 6", "Site: Craigend (pseudonym)", "", ""]
    stamps = ["00:00:04", "00:00:11", "00:00:58", "00:01:03", "00:02:10", "00:02:16", "00:03:05"]
    for i, (sp, text) in enumerate(turns):
        lab = sp if i != 3 else "RESP" + ZWSP + "ONDENT"
        out.append(stamps[i])
        out.append(lab)
        out.append("")
        paras = text.split("\n\n")
        for j, p in enumerate(paras):
            if i == 1:
                p = p.replace("workers were sound.", "workers were sound." + NBSP + NBSP)
            out.append(p)
            out.append("")
        out.append("")
    out.append("[END OF RECORDING]")
    save("label_own_line_blank_gap.txt", "\n".join(out) + "\n")
    tr = [list(x) for x in turns]
    tr[0].append("timestamp alone on a line, then bare upper-case label (no colon) alone, blank line, then text")
    tr[3].append("label contains a zero-width space (RESP\\u200bONDENT); turn has two paragraphs")
    tr[1].append("NBSPs inside the turn")
    write_truth("label_own_line_blank_gap.txt", tr)


# ---------------------------------------------------------------- 20 srt
def srt():
    P, D = "Pamela Grieve", "Derek"
    # list of cues; each cue is list of (speaker or None, text, dash)
    cues = [
        [(P, "Right, Derek, this is the exit interview for your supervision.")],
        [(None, "You finished the order last Friday, so congratulations.")],
        [(D, "Cheers. Didn't think I'd see the end of it.")],
        [(P, "What would you say was the hardest part?"), (D, "Honestly? Mondays.")],
        [(None, "Getting up for the appointments after the weekend.")],
        [(P, "And what helped the most?")],
        [(D, "You, to be fair. And the housing officer, Mrs Kaur.")],
        [(None, "She got me off the sofa at my brother's and into my own tenancy.")],
        [(P, "That's great to hear. Anything we should do differently?"), (D, "Less paperwork. Seriously.")],
    ]
    out, t = [], 2.0
    for n, cue in enumerate(cues, 1):
        lines = []
        for sp, text in cue:
            pre = "- " if len(cue) > 1 else ""
            lab = f"[{sp}] " if sp else ""
            lines.append(pre + lab + text)
        out += [str(n), f"{ts(t, sep=',')} --> {ts(t + 3.2, sep=',')}"] + lines + [""]
        t += 3.6
    save("srt_dialogue_dashes.srt", "\n".join(out) + "\n", newline="\r\n", bom=True)
    turns = []
    for cue in cues:
        for sp, text in cue:
            if sp is None:
                continue
            if turns and turns[-1][0] == sp:
                continue
            turns.append([sp, text])
    turns[0].append("speaker name in square brackets at cue start; following unlabelled cues continue the same speaker")
    turns[2].append("cue 4 holds two speakers on dialogue-dash lines")
    turns[3].append("second dash line of cue 4")
    write_truth("srt_dialogue_dashes.srt", turns)


ALL = [whisper, zoom, youtube, tribunal, nvivo, initials, roles, interpreted, german, portuguese,
       cjk, urdu, gaelic, rev, happyscribe, blankline, srt]

if __name__ == "__main__":
    os.makedirs(FILES, exist_ok=True); os.makedirs(TRUTH, exist_ok=True)
    for f in ALL:
        f()
    import make_docs
    make_docs.main()
    print("generated", len(os.listdir(FILES)), "files")

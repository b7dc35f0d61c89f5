"""Generate the plain-text and caption files of blind set 8 plus their truth CSVs.
Docx/odt files are made by make_docs.py."""
import textwrap
from common import fw, merge, write_truth, write_bytes

out = {}  # fname -> (bytes, rows)


def enc(text, encoding="utf-8", eol="\n", bom=False):
    text = text.replace("\n", eol)
    data = text.encode(encoding)
    if bom and encoding == "utf-8":
        data = b"\xef\xbb\xbf" + data
    return data


# ---------------------------------------------------------------- 1 WhisperX segments
def f_whisperx_txt():
    segs = [
        (0.0, 4.52, "SPEAKER_00", "Right, so we're recording now. Thanks for coming in this morning."),
        (4.52, 9.88, "SPEAKER_00", "Could you start by telling me how long you've been on the order?"),
        (10.24, 13.1, "SPEAKER_01", "About eight months now, give or take a week."),
        (13.1, 19.44, "SPEAKER_01", "It was a community payback order with supervision, so I see Lorna every fortnight."),
        (19.9, 23.02, "SPEAKER_00", "And how has that been, seeing her that often?"),
        (23.5, 30.76, "SPEAKER_01", "Honestly? Better than I thought. The first month I was raging about it."),
        (30.76, 36.2, "SPEAKER_01", "But she actually listens, you know, she doesn't just tick the boxes."),
        (36.8, 39.0, "SPEAKER_02", "Sorry, sorry, I just need the room at eleven."),
        (39.3, 41.1, "SPEAKER_00", "No problem, we'll be done by then."),
        (41.5, 48.9, "SPEAKER_00", "So you mentioned the first month. What was it that changed for you?"),
        (49.4, 56.02, "SPEAKER_01", "I think it was the unpaid work squad. Getting out to the woodland project at Kilmory."),
        (56.02, 61.7, "SPEAKER_01", "You're outside, you're doing something, folk are decent to you."),
        (62.1, 66.3, "SPEAKER_00", "That's really helpful. Is there anything about the order you'd change?"),
        (66.8, 74.25, "SPEAKER_01", "The travel. Two buses to get to the office, and if you miss one you're late and that's a warning."),
        (74.25, 76.0, "SPEAKER_01", "Which isn't fair."),
    ]

    def ts(x):
        m, s = divmod(x, 60)
        return f"{int(m):02d}:{s:06.3f}"
    lines = ["Detected language: English"]
    blocks = []
    for a, b, spk, txt in segs:
        lines.append(f"[{ts(a)} --> {ts(b)}]  {spk}: {txt}")
        blocks.append((spk, txt, ""))
    rows = merge(blocks)
    return "whisperx_segments_probation.txt", enc("\n".join(lines) + "\n"), rows


# ---------------------------------------------------------------- 2 WhisperX SRT
def f_whisperx_srt():
    cues = [
        ("SPEAKER_00", "So this is the second interview, and it's about the"),
        ("SPEAKER_00", "temporary accommodation. Is that right, Shona?"),
        ("SPEAKER_01", "Yeah. We were in the B&B in Dunoon for eleven weeks."),
        ("SPEAKER_01", "Me and the two wee ones, one room,\nno kitchen."),
        ("SPEAKER_00", "Eleven weeks. What did the council tell you at the start?"),
        ("SPEAKER_01", "That it would be two weeks maximum."),
        ("SPEAKER_01", "Then it was, oh, there's nothing in the pipeline."),
        ("SPEAKER_00", "And did anyone explain your rights around the\nunsuitable accommodation order?"),
        ("SPEAKER_01", "No. It was the Shelter adviser that told me about the seven-day rule."),
        ("SPEAKER_01", "I'd never heard of it."),
        ("SPEAKER_00", "How did the move to the flat in Rothesay come about?"),
        ("SPEAKER_01", "A phone call on a Friday afternoon: take it or leave it."),
        ("SPEAKER_02", "[inaudible] sorry, is this the right room for the drop-in?"),
        ("SPEAKER_00", "It's next door, sorry. Shona, you were saying?"),
        ("SPEAKER_01", "Just that you take it. You're not going to say no with two kids."),
    ]
    t = 0.031
    parts, blocks = [], []
    for i, (spk, txt) in enumerate(cues, 1):
        d = 1.2 + 0.35 * len(txt.split())
        def st(x):
            h, r = divmod(x, 3600); m, s = divmod(r, 60)
            return f"{int(h):02d}:{int(m):02d}:{int(s):02d},{int(round((s - int(s)) * 1000)) % 1000:03d}"
        parts.append(f"{i}\n{st(t)} --> {st(t + d)}\n[{spk}]: {txt}\n")
        blocks.append((spk, txt, "label in square brackets inside cue"))
        t += d + 0.2
    return "whisperx_diarised_housing.srt", enc("\n".join(parts)), merge(blocks)


# ---------------------------------------------------------------- 4 Zoom VTT
def f_zoom_vtt():
    cues = [
        ("Kirsty Bain", "Kirsty Bain", "Okay, I think we're recording now. Can everybody hear me okay?"),
        ("Kirsty Bain", "Kirsty Bain", "Great. So this is the youth work session for the evaluation."),
        ("Jamie O'Donnell", "Jamie O'Donnell", "Yep, loud and clear. Should I start?"),
        ("Kirsty Bain", "Kirsty Bain", "Go for it, Jamie."),
        ("Jamie O'Donnell", "Jamie O'Donnell", "So I run the Thursday drop-in at the Brae Hall. Staffing ratio is 3:1 on a good night."),
        ("Jamie O'Donnell", "Jamie O'Donnell", "On a bad night it's me and a volunteer and twenty-odd young people."),
        ("Rhys Evans", "Rhys Evans (he/him)", "Can I just add, that ratio thing: it's the main reason we lost the detached work."),
        ("Kirsty Bain", "Kirsty Bain", "Say more about the detached work?"),
        ("Rhys Evans", "Rhys Evans (he/him)", "We used to go out Friday nights to the skate park, the bus shelter, wherever folk were."),
        ("Rhys Evans", "Rhys Evans (he/him)", "Funding ended in March. Nobody replaced it."),
        ("Jamie O'Donnell", "Jamie O'Donnell", "And you can see the difference. More police calls, more kids excluded."),
        ("Kirsty Bain", "Kirsty Bain", "Thanks both. Let's take a short break there and come back at 7:45."),
    ]
    t = 2.11
    parts = ["WEBVTT\n"]
    blocks = []
    for i, (spk, lab, txt) in enumerate(cues, 1):
        d = 1.0 + 0.33 * len(txt.split())
        def vt(x):
            h, r = divmod(x, 3600); m, s = divmod(r, 60)
            return f"{int(h):02d}:{int(m):02d}:{s:06.3f}"
        parts.append(f"{i}\n{vt(t)} --> {vt(t + d)}\n{lab}: {txt}\n")
        blocks.append((spk, txt, "pronoun parenthetical in display name" if "(" in lab else ""))
        t += d + 0.4
    return "zoom_cues_youthwork.vtt", enc("\n".join(parts)), merge(blocks)


# ---------------------------------------------------------------- 5 SBV broadcast captions
def f_sbv():
    cues = [
        ("PRESENTER", True, "Welcome back. This afternoon we're talking about"),
        ("PRESENTER", False, "sanctions and the five-week wait for Universal Credit."),
        ("PRESENTER", False, "With me is Angela Murray from the Carse Advice Project."),
        ("ANGELA MURRAY", True, "Thanks for having me, Gordon."),
        ("PRESENTER", True, "Angela, what are you seeing at the moment?"),
        ("ANGELA MURRAY", True, "A lot of people coming in after a sanction"),
        ("ANGELA MURRAY", False, "for missing an appointment they didn't know about."),
        ("ANGELA MURRAY", False, "The letter goes to the online journal\nand if you've no data on your phone..."),
        (None, None, "[Music]"),
        ("PRESENTER", True, "We've got a caller on the line. Go ahead, you're on air."),
        ("CALLER", True, "Hiya. I just wanted to say, it happened to my son."),
        ("CALLER", False, "Four weeks with nothing. The food bank\nin Blairgowrie kept us going."),
        ("PRESENTER", True, "I'm sorry to hear that. Angela?"),
        ("ANGELA MURRAY", True, "That's really common, unfortunately. Ask for a"),
        ("ANGELA MURRAY", False, "mandatory reconsideration. Always ask."),
        ("PRESENTER", True, "Angela Murray, thank you."),
    ]
    t = 0.4
    parts, blocks = [], []
    for spk, lab, txt in cues:
        d = 0.9 + 0.3 * len(txt.split())
        def sb(x):
            h, r = divmod(x, 3600); m, s = divmod(r, 60)
            return f"{int(h)}:{int(m):02d}:{s:06.3f}"
        body = f">> {spk}: {txt}" if lab else txt
        parts.append(f"{sb(t)},{sb(t + d)}\n{body}\n")
        if spk:
            blocks.append((spk, txt, "'>>' change marker; merged runs include unlabelled continuation cues" if lab else ""))
        t += d
    rows = merge(blocks)
    return "youtube_broadcast_captions_benefits.sbv", enc("\n".join(parts)), rows


# ---------------------------------------------------------------- 6 tribunal, line numbers
def f_tribunal():
    turns = [
        ("JUDGE MACRAE", "JUDGE MACRAE:", "Good morning. This is the appeal of Mrs Elspeth Rennie against a decision of the Secretary of State dated 4 November 2025 that she is not entitled to the daily living component of Personal Independence Payment. Mrs Rennie, can you hear me clearly?"),
        ("THE APPELLANT", "THE APPELLANT:", "Yes, I can hear you."),
        ("JUDGE MACRAE", "JUDGE MACRAE:", "Thank you. With me is Dr Aziz, the medical member, and Mr Lowrie, the disability member. Mrs Rennie is represented today by Mr Halliday of Angus Welfare Rights. Mr Halliday, would you like to ask your questions first?"),
        ("MR HALLIDAY", "MR HALLIDAY:", "Thank you, madam. Yes."),
        (None, None, "QUESTIONED BY MR HALLIDAY"),
        ("Q", "Q.", "Mrs Rennie, can you tell the tribunal how far you walk on a typical day?"),
        ("A", "A.", "Not far at all. To the end of the path and back, and that is on a good day. On a bad day I do not go out."),
        ("Q", "Q.", "Did you|manage the stairs at the assessment centre in Dundee?"),
        ("A", "A.", "No. They had to bring me round to the lift at the back, and the assessor wrote that I had managed the stairs. I did not."),
        ("Q", "Q.", "How do you prepare a meal?"),
        ("A", "A.", "My daughter does most of it. I can do toast. I sit on the perching stool she got me."),
        (None, None, "(Short adjournment)"),
        ("JUDGE MACRAE", "JUDGE MACRAE:", "We are back on the record. Mr Halliday, anything further?"),
        ("MR HALLIDAY", "MR HALLIDAY:", "Nothing further, madam."),
        ("JUDGE MACRAE", "JUDGE MACRAE:", "Thank you. The tribunal will now consider the appeal and the decision will be sent out in writing."),
    ]
    content = []  # list of content strings for numbered lines
    blocks = []
    for spk, lab, txt in turns:
        if lab is None:
            content.append("            " + txt)
            continue
        first_w = 44 - len(lab)
        if "|" in txt:  # forced early break: first words straddle a numbered line
            first_w = len(txt.split("|")[0])
            txt = txt.replace("|", " ")
        # re-wrap first line shorter so the label fits
        words = txt.split()
        line, rest = [], []
        for i, w in enumerate(words):
            if len(" ".join(line + [w])) > first_w:
                rest = words[i:]
                break
            line.append(w)
        content.append(f"{lab}  " + " ".join(line))
        for l in textwrap.wrap(" ".join(rest), width=44):
            content.append("      " + l)
        blocks.append((spk, txt, "first words straddle two numbered lines" if first_w < 10 else ""))
    header = ["            FIRST-TIER TRIBUNAL (SOCIAL ENTITLEMENT CHAMBER)",
              "            Appeal SC118/26/00412 -- Rennie v SSWP -- Hearing at Forfar"]
    out_lines = []
    page = 1
    per = 14
    for start in range(0, len(content), per):
        if page > 1:
            out_lines.append("\f")
        out_lines += header + [f"{'Page ' + str(page):>60}", ""]
        for n, c in enumerate(content[start:start + per], 1):
            out_lines.append(f"{n:>2}    {c}")
        out_lines += ["", "      Caledonian Court Reporting Ltd -- Verbatim record", ""]
        page += 1
    rows = merge(blocks)
    rows = [(s, t, "; ".join(x for x in [n, "court Q./A. label loses period" if s in ("Q", "A") else ""] if x)) for s, t, n in rows]
    return "tribunal_linenumbered_benefits.txt", enc("\n".join(out_lines) + "\n", eol="\r\n"), rows


# ---------------------------------------------------------------- 7 ATLAS.ti style export
def f_atlas():
    paras = [
        (None, "Interview with Fiona, 14 May 2026, Aberfeldy community hall"),
        ("Int", "Thanks for meeting me again, Fiona. Last time we talked about the methadone programme. Where are things now?"),
        ("Fiona", "I'm on a lower dose now. Forty mil. I pick up from the chemist on a Thursday."),
        ("Int", "And you said the chemist was a hard place to be. Is that still the case?"),
        ("Fiona", "It's a small town. Everyone knows what the wee room at the back is for."),
        ("", "My neighbour saw me coming out once and she's never looked at me the same. You feel it: in the Co-op, at the school gate, everywhere."),
        ("Int", "Has anything helped with that?"),
        ("Fiona", "The peer group in Pitlochry. Nobody there judges you. And the nurse started doing home deliveries when I had the flu, which was brilliant."),
        ("Int", "If you were speaking to the health board, what would you say?"),
        ("Fiona", "Give us a pharmacy option that's not in the middle of the main street. That's it really."),
        ("Int", "Thanks, Fiona. I'll stop it there."),
    ]
    lines = ["Project: Stigma and Recovery in Small Towns",
             "Report created by Ines Carvalho on 02/12/2026 14:05", "",
             "D 7: Interview_Fiona_Aberfeldy",
             "Document Groups: Wave 2, Women",
             "Comment: Consent on file. All names are pseudonyms.", "",
             "Content:", ""]
    blocks = []
    cur = None
    for n, (spk, txt) in enumerate(paras, 1):
        if spk is None:
            lines.append(f"¶ {n}: {txt}")
        elif spk == "":
            lines.append(f"¶ {n}: {txt}")
            blocks.append((cur, txt, ""))
        else:
            lines.append(f"¶ {n}: {spk}: {txt}")
            blocks.append((spk, txt, "paragraph number '¶ n:' before label"))
            cur = spk
        lines.append("")
    lines += ["Memos:", "M 3: Home delivery pilot - follow up with NHS Tayside", ""]
    return "atlasti_paragraphs_stigma.txt", enc("\n".join(lines)), merge(blocks)


# ---------------------------------------------------------------- 8 interpreted Urdu
def f_urdu():
    turns = [
        ("HB", "HB", "Thank you for coming today. Could you ask her how long she has lived in the flat?"),
        ("SA", "SA (interpreter)", "[to P11, in Urdu] آپ اس فلیٹ میں کتنے عرصے سے رہ رہی ہیں؟"),
        ("P11", "P11", "تقریباً دو سال ہو گئے ہیں۔ پہلے ہم ہوٹل میں تھے۔"),
        ("SA", "SA (interpreter)", "About two years. Before that, they were in a hotel."),
        ("HB", "HB", "And what has been the hardest part of the housing process?"),
        ("SA", "SA (interpreter)", "[in Urdu] رہائش کے معاملے میں سب سے مشکل بات کیا رہی ہے؟"),
        ("P11", "P11", "زبان۔ ہر خط انگریزی میں آتا ہے۔ council والے فون کرتے ہیں اور میں سمجھ نہیں پاتی۔"),
        ("SA", "SA (interpreter)", "The language. Every letter comes in English. The council phone her and she can't understand."),
        ("P11", "P11", "My son read the letters. He is twelve."),
        ("HB", "HB", "That's a lot for a twelve-year-old. Has anyone offered an interpreter for appointments?"),
        ("SA", "SA (interpreter)", "[in Urdu] کیا کسی نے ملاقاتوں کے لیے ترجمان کی پیشکش کی ہے؟"),
        ("P11", "P11", "نہیں، کبھی نہیں۔"),
        ("SA", "SA (interpreter)", "No, never."),
    ]
    lines = ["Interview H11 - Interpreted (Urdu / English)",
             "Interviewer: HB | Interpreter: SA (telephone) | Participant: P11",
             "Note: Urdu speech transcribed in Urdu script; interpreter's English rendering as spoken.", ""]
    blocks = []
    for spk, lab, txt in turns:
        lines.append(f"{lab}: {txt}")
        lines.append("")
        blocks.append((spk, txt, "Urdu (Arabic script)" if any("\u0600" <= c <= "\u06ff" for c in txt) else ""))
    lines.append("[End of interview]")
    return "interpreted_urdu_housing.txt", enc("\n".join(lines) + "\n"), merge(blocks)


# ---------------------------------------------------------------- 10 Chinese
def f_cjk():
    lines = ["访谈记录：青少年社区服务项目（第二轮）",
             "日期：2026年3月4日",
             "地点：某市北区社区中心",
             "访谈者：李老师　　受访者：小周（化名）、小王（化名）",
             ""]
    turns = [
        ("访谈者", "访谈者", "请先介绍一下您在项目里的工作。"),
        ("受访者A", "受访者A（社工，女）", "我在这个项目做了三年，主要负责周末的外展工作。"),
        ("访谈者", "访谈者", "外展工作具体是做什么？"),
        ("受访者A", "受访者A", "就是去网吧、篮球场、车站这些地方，找那些不太来中心的孩子聊天。"),
        ("访谈者", "访谈者", "家长对这个项目怎么看？"),
        ("受访者A", "受访者A", "一开始很多家长觉得来这里的孩子都是“问题少年”，　不愿意让孩子来。后来慢慢好了。"),
        ("访谈者", "访谈者", "您觉得最大的困难是什么？"),
        ("受访者A", "受访者A", "经费。2024 年以后资金减少了一半，我们只剩下两个全职社工。"),
        ("受访者B", "受访者B（志愿者协调员）", "我补充一下，志愿者也越来越少了。"),
        ("访谈者", "访谈者", "好的，谢谢两位。"),
    ]
    blocks = []
    for spk, lab, txt in turns:
        lines.append(f"{lab}：{txt}")
        note = "full-width colon; full-width parenthetical role" if "（" in lab else "full-width colon"
        if "\u3000" in txt:
            note += "; U+3000 ideographic space counted as whitespace"
        blocks.append((spk, txt, note))
    lines += ["", "（访谈结束）"]
    return "cjk_chinese_youthwork.txt", enc("\n".join(lines) + "\n", bom=True), merge(blocks)


# ---------------------------------------------------------------- 11 German UTF-16
def f_german():
    turns = [
        ("I1", "I1", "Vielen Dank, dass Sie sich die Zeit nehmen. Vielleicht erzählen Sie zuerst, wie Ihr Arbeitsalltag aussieht.", "00:00:12"),
        ("B", "B (w, 52)", "Ja, gerne. (lacht) Also, mein Bezirk ist riesig, das ganze Oberland bis zur Grenze. Ich fahre pro Woche bestimmt 600 Kilometer.", "00:01:05"),
        ("I1", "I1", "Und die Klientinnen und Klienten, kommen die zu Ihnen oder Sie zu denen?", "00:01:14"),
        ("B", "B", "Beides. Viele haben kein Auto, und der Bus fährt zweimal am Tag. Wenn der Termin um neun ist, // I1: Mhm. // ist das für manche unmöglich.", "00:01:52"),
        ("I2", "I2", "Darf ich da kurz einhaken? Gibt es Alternativen, also Videotermine oder so?", "00:01:58"),
        ("B", "B", "Seit Corona ja, offiziell. Aber im Funkloch hilft das auch nicht. (unv.) Wir machen viel am Telefon.", "00:02:31"),
        ("B", "B", "Und ehrlich gesagt: Das Vertrauen entsteht nicht am Bildschirm. Das entsteht im Auto, beim Kaffee, beim Hausbesuch.", "00:03:02"),
        ("I1", "I1", "Was würden Sie sich von der Politik wünschen?", "00:03:10"),
        ("B", "B", "Mehr Stellen, ganz klar. Und Fahrzeiten als Arbeitszeit anerkennen.", "00:03:40"),
        ("I2", "I2", "Gibt es noch etwas, das wir nicht gefragt haben?", "00:03:44"),
        ("B", "B", "Nein, ich glaube, das war's. Danke.", "00:03:49"),
    ]
    lines = ["Transkript Interview B07 – Bewährungshilfe im ländlichen Raum",
             "Interviewerinnen: I1 (Dr. Hannah Vogt), I2 (Lena Brandt)",
             "Befragte: B (w, 52), Bewährungshelferin seit 2009",
             "Transkriptionsregeln: vereinfacht nach Dresing/Pehl", ""]
    blocks = []
    for spk, lab, txt, t in turns:
        lines.append(f"{lab}: {txt} [{t}]")
        lines.append("")
        note = "timestamp at paragraph end"
        if "//" in txt:
            note += "; inline '// I1: Mhm. //' backchannel is not a turn"
        if lab != spk:
            note += "; demographic parenthetical"
        blocks.append((spk, txt, note))
    lines.append("Ende des Transkripts")
    data = "\ufeff" + "\r\n".join(lines) + "\r\n"
    return "bewaehrungshilfe_de_utf16.txt", data.encode("utf-16-le"), merge(blocks)


# ---------------------------------------------------------------- 12 Portuguese cp1252
def f_pt():
    turns = [
        ("Entrevistadora", "Entrevistadora", "Bom dia. Pode começar por falar um pouco sobre a sua situação?"),
        ("Sra. Conceição", "Sra. Conceição (beneficiária, 61 anos)", "Bom dia. Então, eu recebo o “RSI” há quase dois anos, desde que a fábrica fechou."),
        ("Entrevistadora", "Entrevistadora", "E como é que foi o processo de pedir o apoio?"),
        ("Sra. Conceição", "Sra. Conceição", "Muito papel. Fui três vezes à Segurança Social… e da terceira vez a senhora disse-me: “falta o atestado”."),
        ("Entrevistadora", "Entrevistadora", "Sentiu-se julgada em algum momento?"),
        ("Sra. Conceição", "Sra. Conceição", "Sim, senti. No café, as pessoas falam: “aquela vive à custa dos outros”. Dói."),
        (None, None, "[Pausa na gravação]"),
        ("Entrevistadora", "Entrevistadora", "Quer continuar?"),
        ("Sra. Conceição", "Sra. Conceição", "Quero, quero. Desculpe. Com 189 € por mês não se vive, sobrevive-se."),
        ("Entrevistadora", "Entrevistadora", "Obrigada pela sua franqueza. Há alguma coisa que gostaria de acrescentar?"),
        ("Sra. Conceição", "Sra. Conceição", "Só que ninguém escolhe estar nesta situação."),
    ]
    lines = ["Entrevista 5 — Prestações sociais e estigma",
             "Local: Braga (fictício)    Data: 12/01/2026    Duração: 37 min", ""]
    blocks = []
    for spk, lab, txt in turns:
        if spk is None:
            lines += [txt, ""]
            continue
        lines += [f"{lab}: {txt}", ""]
        blocks.append((spk, txt, "label contains a period (Sra.)" if spk.startswith("Sra") else ""))
    lines.append("FIM DA ENTREVISTA")
    return "portuguese_cp1252_benefits.txt", enc("\n".join(lines) + "\n", "cp1252", "\r\n"), merge(blocks)


# ---------------------------------------------------------------- 13 Rev style
def f_rev():
    turns = [
        ("Alasdair Munro", "00:05", "Okay, so just to start, how long have you been working in justice social work?"),
        ("Anne-Marie O'Neill", "00:11", "Eleven years this spring. I started in Paisley and moved up to Moray in 2019."),
        ("Alasdair Munro", "00:19", "What does a typical caseload look like for you just now?"),
        ("Anne-Marie O'Neill", "00:24", "About thirty. Mostly community payback orders, a handful of people on licence, and two or three diversion cases."),
        ("Anne-Marie O'Neill", "01:02", "Diversion's the bit I love, to be honest. You catch people before it all snowballs."),
        ("Alasdair Munro", "01:15", "Why do you think diversion works?"),
        ("Anne-Marie O'Neill", "01:18", "Because it's about the person and not the offence. We can get them into the addiction service the same week."),
        ("Speaker 3", "02:15", "Sorry to interrupt, Alasdair, your next one's arrived."),
        ("Alasdair Munro", "02:19", "Thanks, Kerry. Two more minutes."),
        ("Anne-Marie O'Neill", "02:22", "I'll be quick. Just, please put in the report that we need more than one unpaid work supervisor for the whole of Speyside."),
        ("Alasdair Munro", "02:35", "Noted. Thank you, Anne-Marie."),
    ]
    lines = []
    blocks = []
    for spk, t, txt in turns:
        lines += [f"{spk} ({t}):", txt, ""]
        blocks.append((spk, txt, "label line 'Name (mm:ss):' above text"))
    lines.append("This transcript was exported on Dec 02, 2026 - view latest version here.")
    return "rev_style_justice_sw.txt", enc("\n".join(lines) + "\n"), merge(blocks)


# ---------------------------------------------------------------- 14 Sonix style
def f_sonix():
    turns = [
        ("Interviewer", "00:00:02", "Thanks for agreeing to talk to me, Tam. This is for the probation and rural services study.", True),
        ("Tam", "00:00:09", "Aye, nae bother.", True),
        ("Interviewer", "00:00:11", "How did you first come into contact with the service?", True),
        ("Tam", "00:00:16", "Court, basically. Drink driving, second time, so I got the order and the ban.", True),
        ("Tam", "00:00:41", "And the ban's the killer out here. No licence, no job. I was a delivery driver.", False),
        ("Interviewer", "00:01:02", "So how do you get to appointments?", True),
        ("Tam", "00:01:05", "My brother runs me in. Or the community transport, if you book three days ahead.", True),
        ("Interviewer", "00:01:20", "Has your officer been flexible about that?", True),
        ("Tam", "00:01:24", "She's been great. She does a phone check-in instead of me coming in every time.", True),
        ("Interviewer", "00:01:40", "That's good to hear. Anything else you'd like to say?", True),
        ("Tam", "00:01:44", "Just that folk in the city don't get it. There's no bus after six.", True),
    ]
    lines = ["Interview_P04_Tam_final.mp3", ""]
    blocks = []
    for spk, t, txt, lab in turns:
        lines += [f"{spk}: [{t}] {txt}" if lab else f"[{t}] {txt}", ""]
        blocks.append((spk, txt, "timestamp after label" if lab else ""))
    lines.append("Automatically convert your audio files to text with Sonix. Sonix is the best online, automated transcription service.")
    rows = merge(blocks)
    rows = [(s, t, n + ("; continuation paragraph opens with timestamp, no label" if s == "Tam" and t.startswith("Court") else "")) for s, t, n in rows]
    return "sonix_label_then_stamp_probation.txt", enc("\n".join(lines) + "\n"), rows


# ---------------------------------------------------------------- 17 focus group, label + blank line
def f_focus():
    turns = [
        ("Facilitator", "Facilitator (KB)", "Welcome, everyone, and thank you for coming out on such a wet night. We'll go round the table first. Just say who you care for, if you're comfortable.", True),
        ("Participant 12", "Participant 12 (Carer)", "I'll go first. I look after my wife, she has early-onset dementia, diagnosed at fifty-eight.", True),
        ("Participant 14", "Participant 14 (Carer, son)", "Mine's my dad. He's ninety-one and still in the farmhouse, which is half the problem.", True),
        (None, None, "[Several voices at once]", True),
        ("Co-facilitator", "Co-facilitator (DW)", "Sorry, can we take one at a time so the recorder picks it up?", True),
        ("Participant 15", "Participant 15 (Former carer)", "I cared for my mother for nine years until she died last spring.", False),
        ("Participant 15", "Participant 15 (Former carer)", "And what nobody tells you is what happens after. The carer's allowance just stops, and you're expected to be job-ready in a fortnight.", True),
        ("Facilitator", "Facilitator (KB)", "That's a really important point. Does anyone else want to come in on that?", True),
        ("Participant 12", "Participant 12 (Carer)", "Yes. I'm dreading that, honestly. I gave up my job at the bank to do this.", True),
        ("Participant 14", "Participant 14 (Carer, son)", "Same here, near enough. I went part-time.", False),
        ("Facilitator", "Facilitator (KB)", "Let's stop there for a tea break, and pick this up after.", True),
    ]
    lines = ["Focus group 2 — Unpaid carers, Strathmore",
             "Present: Facilitator (KB), Co-facilitator (DW), Participant 12 (Carer), Participant 14 (Carer, son), Participant 15 (Former carer)",
             "Recorded: 18/02/2026, Coupar Angus library", ""]
    blocks = []
    for spk, lab, txt, sep in turns:
        if spk is None:
            lines += [txt, ""]
            continue
        if sep:
            lines += [f"{lab}:", "", txt, ""]
        else:
            lines += [f"{lab}: {txt}", ""]
        blocks.append((spk, txt, "label alone, blank line, then text" if sep else "inline label"))
    return "participant_role_labels_focusgroup.txt", enc("\n".join(lines)), merge(blocks)


# ---------------------------------------------------------------- 18 tabs, NBSP, ZWSP, CR-only
def f_tabs():
    ZW = "\u200b"
    NB = "\u00a0"
    lines = ["Housing options interview – tenant T3 – exported from transcription pedal software",
             "Speaker\tText"]
    items = [
        ("INT", "INT\t", "Okay, we're recording. Can you tell me about the notice you got?", ""),
        ("RES", "RES\t", "It came in the October. Section 11 notice, they called it, from the lender.", ""),
        ("RES", "\t", "I'd no idea what it meant. I phoned the council the next morning.", "cont"),
        ("INT", "INT\t", "And what did the council say?", ""),
        ("RES", ZW + "RES\t", f"They put me through to Mr{NB}Gallacher in housing options. He was good, to be fair.", "zero-width space before label; NBSP in 'Mr Gallacher' counted as whitespace"),
        ("INT", "INT\t", "What was the rent on the new place?", ""),
        ("RES", "RES\t", f"It was £{NB}400 a month, which is more than the mortgage was.", "NBSP between £ and 400 counted as whitespace"),
        ("HO", "HO\t", "Can I just clarify for the recording: that's before housing benefit.", "third speaker, housing officer"),
        ("RES", "RES\t", "Aye, before.", ""),
        ("INT", "INT\t", "How are you managing now?" + ZW, "trailing zero-width space"),
        ("RES", "RES\t", "Day to day. The kids have settled at the school in Tarland, that's the main thing.", ""),
        ("INT", "INT\t", "Thanks, that's us.", ""),
    ]
    blocks = []
    for spk, lab, txt, note in items:
        lines.append(lab + txt)
        if note == "cont":
            blocks.append((spk, txt, ""))
        else:
            blocks.append((spk, txt.replace(ZW, ""), "tab-delimited label, no colon" + ("; " + note if note else "")))
    rows = merge(blocks)
    rows = [(s, t, n + ("; continuation line starts with tab" if t.startswith("It came") else "")) for s, t, n in rows]
    return "tabs_nbsp_zwsp_housing.txt", enc("\n".join(lines) + "\n", eol="\r"), rows


# ---------------------------------------------------------------- 19 oral history, long turns
def f_oral():
    d1 = [
        "Oh, it was a different world. I'd been a joiner with the council for fifteen years and they were looking for folk who could run a squad, so I put my name down, thinking it would be a couple of days a week. It was five days a week from the first month. We'd meet at the depot in Arbroath at eight, and you never knew who'd turn up. Some days you'd have twelve on the list and four would appear, and the other eight would have a story, and some of the stories were true. The sheriff would give them forty hours, a hundred hours, two hundred and forty at the top end, and my job was to see the hours were done and done properly. We did gardens for pensioners, we painted the scout hall in Carnoustie twice because the first colour was wrong, we cleared the burn at Friockheim after the floods. I'll tell you, some of those lads had never held a paintbrush in their lives.",
        "The thing people don't understand is that most of them wanted to do a decent job. Not all. But most. You'd get a laddie of nineteen, in for a breach, fighting outside the chip shop or whatever, and he'd be sullen for the first week, and by the third week he'd be asking could he come back on a Saturday to finish the fence. And you'd think, well, there you go. Nobody had ever asked him to finish anything. I kept a wee notebook, which I probably shouldn't have, with the names of the ones who went on to get work off the back of it. By the time I retired there were sixty-odd names in it. Sixty-odd. I'd like to see a prison do that for the same money. The supervisors were the ones who made it work or didn't, and I'm not being big-headed, that's just the truth of it. If you treated them like dirt they'd behave like it.",
    ]
    d2 = [
        "Mixed. Very mixed. The old folk whose gardens we did, they loved us. Mrs Carnegie in Letham used to make us soup every Wednesday, a big pot of lentil soup, and she'd stand at the door and count the bowls back in. But there were others who'd cross the road. We had the bibs, you see, the orange bibs with Community Service on the back, and I always thought that was wrong, that was shaming folk, and it didn't make the work any better. There was a councillor, I'll not name him, who wanted us to do the verges on the main road so that everyone driving past could see the criminals at work. That was his word. Criminals. I said to him, these are your constituents, son, and he didn't like that one bit.",
    ]
    d3 = [
        "And after the tape, I'll carry on with the bibs, because that came back again later on. When it all became payback, the bibs came back in a different colour and folk thought it was a new idea. It wasn't. It was the same idea with a new name, and it was just as daft the second time around.",
    ]
    d4 = [
        "Well, the name changed and the paperwork tripled, I'll say that. The orders got more flexible, which was good, because you could do some of the hours as education or getting help with the drink, and for a lot of them that was the thing they actually needed. But the squads got bigger and the supervisors got fewer. When I started I had six on a squad. By the end I could have fourteen, and a van that seated nine. You work it out. I'm not bitter, mind. I loved that job. I still get lads, well, men now, grey-haired some of them, stopping me in the Co-op to shake my hand.",
    ]
    turns = [
        ("INTERVIEWER", ["Mr Duncan, you started supervising community service squads in 1987. Can you take me back to what that was like?"]),
        ("MR DUNCAN", d1),
        ("INTERVIEWER", ["And the people on the squads, how did the public see them?"]),
        ("MR DUNCAN", d2),
        ("TAPE", None),
        ("MR DUNCAN", d3),
        ("MRS DUNCAN", ["[from the kitchen] Tell her about the minister's dog!"]),
        ("MR DUNCAN", ["[laughs] Aye, the minister's dog. That's a story for another day."]),
        ("INTERVIEWER", ["What changed when it became community payback in 2011?"]),
        ("MR DUNCAN", d4),
        ("INTERVIEWER", ["Thank you, Mr Duncan. That's a wonderful place to stop."]),
    ]
    body = []
    blocks = []
    stamps = iter(["(00:04:10)", "(00:09:55)", "(00:16:30)", "(00:21:05)"])
    for spk, paras in turns:
        if paras is None:
            body += ["[Tape change]", ""]
            continue
        for i, p in enumerate(paras):
            text = (f"{spk}:  " + p) if i == 0 else p
            body += textwrap.wrap(text, width=70) + [""]
            if len(paras) > 1 and i == 0:
                body += [next(stamps), ""]
        blocks.append((spk, paras[0], "very long turn, hard-wrapped, page break inside" if len(" ".join(paras)) > 800 else ""))
    # insert page footers/headers every 24 lines
    out_lines = ["COMMUNITY PAYBACK ORAL HISTORY PROJECT",
                 "Tape 2, Side A -- Interview with Mr Ewan Duncan, retired community service supervisor",
                 "Interviewer: Catriona Hay    Recorded at the interviewee's home, Letham, 6 October 2026", ""]
    page = 2
    for i, l in enumerate(body, 1):
        out_lines.append(l)
        if i % 24 == 0:
            out_lines += ["", f"                                   -- {page} --", "",
                          "Community Payback Oral History Project   Tape 2A   Draft for checking", ""]
            page += 1
    out_lines += ["", "END OF TAPE 2, SIDE A"]
    rows = merge(blocks)
    return "oral_history_long_turns_payback.txt", enc("\n".join(out_lines) + "\n"), rows


# ---------------------------------------------------------------- 20 metadata header that looks like labels
def f_meta():
    lines = ["Interviewer: Dr Roisin Kerr",
             "Participant: P09 (male, 34)",
             "Date: 03/02/2026",
             "Location: Forfar (pseudonymised)",
             "Duration: 48:12",
             "Transcriber: AB Transcription Services",
             "-" * 50, ""]
    turns = [
        ("RK", "RK", ["Okay. So first of all, could you tell me how you ended up on a structured deferred sentence?"]),
        ("P09", "P09 (male, 34)", ["Aye. So it was a breach of the peace, outside the Rossie bar, and the sheriff said she'd defer it for six months to see how I got on."]),
        ("RK", "RK", ["What were the conditions?"]),
        ("P09", "P09", ["She read them out, like:", "Condition one: you'll be of good behaviour.", "Condition two: you'll engage with the justice social work service.", "Condition three: you'll attend the Tuesday group at 9:30.", "And I'm standing there thinking, the bus doesn't get in till ten."]),
        ("RK", "RK", ["What happened with the Tuesday group?"]),
        ("P09", "P09", ["Thing is: I told them. I said, there's no bus. And the worker, Gail, she sorted it so I could go on the Thursday afternoon instead."]),
        ("RK", "RK", ["Did that make a difference?"]),
        ("P09", "P09", ["Massive. Honestly, if she hadn't, I'd have breached it and been back up in front of the sheriff."]),
        ("RK", "RK", ["And at the end of the six months?"]),
        ("P09", "P09", ["Admonished. Which means no further punishment, though it's still on the record."]),
        ("RK", "RK", ["Last question: what would you tell the sheriff if you could?"]),
        ("P09", "P09", ["Ask about the buses."]),
    ]
    blocks = []
    for spk, lab, ls in turns:
        lines.append(f"{lab}: " + ls[0])
        lines += ls[1:]
        lines.append("")
        note = ""
        if len(ls) > 1:
            note = "'Condition one:' etc. are lines inside P09's turn, not labels"
        elif ":" in ls[0]:
            note = "prose colon in turn text"
        blocks.append((spk, " ".join(ls), note))
    lines.append("[END OF RECORDING]")
    rows = merge(blocks)
    return "metadata_header_labels_justice.txt", enc("\n".join(lines) + "\n"), rows


if __name__ == "__main__":
    for fn in [f_whisperx_txt, f_whisperx_srt, f_zoom_vtt, f_sbv, f_tribunal, f_atlas, f_urdu, f_cjk,
               f_german, f_pt, f_rev, f_sonix, f_focus, f_tabs, f_oral, f_meta]:
        name, data, rows = fn()
        write_bytes(name, data)
        write_truth(name, rows)
        print(f"{name}: {len(rows)} rows, {len(data)} bytes")

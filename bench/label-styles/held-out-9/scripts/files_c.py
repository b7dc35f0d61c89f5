"""Files 15-20: hand-typed research transcripts, focus group, interpreter, court, CJK, ODT."""
import textwrap
from common import write_text, write_truth, write_odt, op, oh, otable
from files_a import merge_rows


# ------------------------------------------------------------------ 15 Polish, initials, cp1250, CRLF
def polish():
    name = "wywiad_pomoc_spoleczna_pl.txt"
    T = [
        ("00:00:04", "AK", "Dzień dobry, dziękuję, że zgodziła się Pani na rozmowę. Na początek proszę powiedzieć, jak długo pracuje Pani w ośrodku pomocy społecznej?"),
        ("00:00:13", "MW", "Dzień dobry. W ośrodku pracuję od 2009 roku, czyli już piętnaście lat. Zaczynałam jako pracownik socjalny w terenie, a od czterech lat jestem kierowniczką działu pomocy środowiskowej."),
        ("00:00:29", "AK", "Jak wygląda praca socjalna w takiej gminie wiejskiej jak Wasza?"),
        ("00:00:34", "MW", "Przede wszystkim to są odległości. Gmina ma dwadzieścia trzy sołectwa, niektóre wsie są oddalone od siedziby ośrodka o trzydzieści kilometrów, a autobus jeździ dwa razy dziennie, i to nie w wakacje. Mamy jeden samochód służbowy na sześć pracownic. Więc planujemy wywiady środowiskowe tak, żeby jednego dnia objechać całą jedną część gminy."),
        ("00:01:02", "MW", "I druga rzecz: tutaj wszyscy się znają. Ludzie wstydzą się przyjść do ośrodka, bo sąsiadka zobaczy i powie całej wsi. Dlatego często to my jedziemy do nich, a nie oni do nas."),
        ("00:01:18", "AK", "Z jakimi problemami najczęściej zgłaszają się mieszkańcy?"),
        ("00:01:22", "MW", "Ubóstwo, niepełnosprawność, długotrwała choroba, coraz częściej samotność osób starszych. Dzieci wyjechały do miasta albo za granicę, do Anglii, do Niemiec, a starsza pani została sama w domu z piecem węglowym. [niezrozumiałe] zimą to jest naprawdę dramat."),
        ("00:01:45", "AK", "Czy ośrodek może zapewnić usługi opiekuńcze?"),
        ("00:01:48", "MW", "Możemy, ale brakuje opiekunek. Płacimy niewiele, a dojazd jest na własny koszt. Mamy teraz cztery opiekunki na czterdzieści osób, które tego potrzebują."),
        ("00:02:03", "AK", "Dziękuję, to bardzo ważne. Przejdźmy teraz do współpracy z innymi instytucjami."),
    ]
    out = ["Projekt „Usługi społeczne na obszarach wiejskich” – transkrypcja wywiadu nr 5",
           "Data: 14.02.2024, miejsce: GOPS (gmina wiejska, woj. lubelskie)",
           "Osoby: AK – badaczka (Anna Kowalczyk); MW – kierowniczka działu, GOPS",
           ""]
    for i, (ts, spk, text) in enumerate(T):
        out.append(f"[{ts}] {spk}: {text}")
        out.append("")
        if i == 3:
            out += ["Strona 1 z 2", ""]
    out += ["Strona 2 z 2", "", "[koniec nagrania]"]
    write_text(name, "\n".join(out) + "\n", encoding="cp1250", crlf=True)
    rows = [(s, t, "two consecutive MW blocks merged" if i == 3 else "") for i, (_, s, t) in enumerate(T)]
    write_truth(name, merge_rows(rows))
    return name


# ------------------------------------------------------------------ 16 Swedish ODT
def swedish():
    name = "intervju_hemtjanst_glesbygd_sv.odt"
    T = [
        ("Intervjuare:", "Intervjuare", "Tack för att du ville ställa upp. Kan du börja med att berätta lite om ditt arbete?"),
        ("Birgitta (undersköterska, 54 år):", "Birgitta", "Ja, jag jobbar i hemtjänsten här i kommunen sedan 1998. Vi är ett team på nio personer som täcker hela västra delen, det är ungefär som ett halvt landskap. Jag har kört över sextusen mil i tjänstebilen, tror jag.\nPå vintern är det värst. Då kan det vara trettio minusgrader och snöstorm, och man ska ändå fram till en dam som bor sju kilometer in på en skogsväg."),
        ("Intervjuare:", "Intervjuare", "Hur många besök gör du en vanlig dag?"),
        ("Birgitta (undersköterska, 54 år):", "Birgitta", "Tio, elva kanske. Men det är inte antalet som är problemet, det är tiden mellan. Enligt planeringen har jag tio minuter restid, men i verkligheten är det tjugofem. Så man springer hela dagen."),
        ("Intervjuare:", "Intervjuare", "Vad betyder det för brukarna?"),
        ("Birgitta (undersköterska, 54 år):", "Birgitta", "Att de får mindre tid med oss. Många av dem träffar ingen annan på hela veckan. Det är vi som är deras sociala liv, om man säger så. Och då vill de prata, bjuda på kaffe, och det är klart att man sätter sig en stund. Det står inte i biståndsbeslutet, men det är kanske det viktigaste vi gör."),
        ("Lena (enhetschef):", "Lena", "Förlåt att jag avbryter, Birgitta, bilen till Kvarnberg behöver flyttas."),
        ("Birgitta (undersköterska, 54 år):", "Birgitta", "Jag kommer strax. Ursäkta, var var vi?"),
        ("Intervjuare:", "Intervjuare", "Om tiden med brukarna. Vi kan fortsätta efter fikat."),
    ]
    body = [oh("Intervju 07 – Hemtjänst i glesbygd"),
            otable([["Intervju-ID", "SV-07"], ["Datum", "2024-01-23"], ["Plats", "Personalrummet, hemtjänsten"],
                    ["Transkriberad av", "E. Lindqvist"]], name="Metadata"),
            op("")]
    for lab, _, text in T:
        body.append(op(("b", lab), "\t" + text))
    body.append(op("[Inspelningen avbryts]"))
    body.append(op("Sida 1"))
    write_odt(name, body, title="Intervju 07")
    write_truth(name, merge_rows([(s, t) for _, s, t in T]))
    return name


# ------------------------------------------------------------------ 17 Focus group, cp1252, CRLF, page breaks
def focus_group():
    name = "focus_group_riverside_tenants.txt"
    T = [
        ("F:", "F", "Right, thank you all for coming. There\u2019s tea and biscuits at the back. As I said on the phone, we\u2019re here to talk about the regeneration plans and what they mean for you. There are no right or wrong answers. Shall we go round and just say first names?"),
        ("P1 (female, 40s):", "P1", "I\u2019m Michelle, I\u2019m in Tay House, been there since my eldest was born."),
        ("P2 (male, 70s):", "P2", "Stan. Orchard House. Forty-one years."),
        ("P3 (female, 30s, Polish):", "P3", "Kasia, Tay House also, fourth floor."),
        ("P4 (male, 50s):", "P4", "Dennis. I\u2019m the chair of the residents\u2019 association, for my sins."),
        ("F:", "F", "Lovely. So the first thing I wanted to ask is: when did you first hear about the plans to demolish the blocks?"),
        ("P2:", "P2", "A leaflet. A glossy leaflet through the door with a drawing of people on bikes and trees everywhere. \u201cA vibrant new neighbourhood.\u201d Nobody had knocked on my door, nobody had asked me anything. I\u2019ve lived there forty-one years and I found out from a leaflet."),
        ("P4:", "P4", "To be fair to the council, there was a consultation event. But it was in the civic centre on a weekday afternoon, and most people here work or they can\u2019t get into town. Fourteen people turned up. Fourteen, out of three hundred and twenty flats."),
        ("P1:", "P1", "And they keep saying right to return. What does that mean, right to return? Return to what rent? My rent now is ninety-eight pound a week. The new flats are \u2018affordable\u2019, which means eighty percent of market, which is what, two hundred and something?"),
        ("P4:", "P4", "They\u2019ve said social rent for returning tenants, that\u2019s in the ballot offer."),
        ("P1:", "P1", "In writing?"),
        ("P4:", "P4", "In the landlord offer document, page eleven."),
        (None, None, "[crosstalk]"),
        ("P3:", "P3", "For me, the worry is the children\u2019s school. If they move us for three years to somewhere else, temporary, my son will have to change school. He has just got settled. He has a support worker for his autism, and it took one year to get her."),
        ("Unidentified male:", "Unidentified male", "That\u2019s the thing, they never think about the kids."),
        ("F:", "F", "That\u2019s a really important point, Kasia. Can I ask everyone, what would a good process have looked like for you?"),
        ("P2:", "P2", "Somebody sitting in my kitchen. That\u2019s all. A cup of tea and somebody sitting in my kitchen telling me the truth. I can take bad news. What I can\u2019t take is being treated like I\u2019m stupid."),
        ("Several:", "Several", "Yeah. Exactly. Mm-hm."),
        ("P5 (female, 60s):", "P5", "Sorry I\u2019m late, the lift\u2019s broken again. What have I missed?"),
        ("F:", "F", "[laughs] Come in, sit down, we\u2019re just talking about the consultation."),
    ]
    W = 74
    head = ["RIVERSIDE ESTATE REGENERATION STUDY", "Focus Group 2 \u2013 Tenants (Tay House & Orchard House)",
            "Date: 07/11/2023     Venue: Riverside Community Centre     Duration: 1:12:40",
            "Facilitator: Dr Ruth Ellery   Note-taker: Sam Khan", "",
            "Key: F = Facilitator; P1\u2013P5 = participants (described at first turn); [ ] = transcriber note; \u2026 = pause",
            "", ""]
    lines = list(head)
    page = 1
    nlines = len(lines)

    def pagebreak():
        nonlocal page, nlines
        lines.append("")
        lines.append(f"Page {page} of 3")
        lines.append("\f" + "Riverside FG2 \u2013 CONFIDENTIAL \u2013 do not circulate")
        lines.append("")
        page += 1
        nlines = 0

    for lab, spk, text in T:
        if spk is None:
            block = [text]
        else:
            block = textwrap.wrap(lab + " " + text, W, break_on_hyphens=False)
        # a turn that does not fit is split across the page break (pdftotext style)
        while nlines + len(block) > 26:
            room = max(26 - nlines, 0)
            if room < 2:
                pagebreak()
                continue
            lines += block[:room]
            block = block[room:]
            pagebreak()
        lines += block
        lines.append("")
        nlines += len(block) + 1
    lines.append("[END OF TRANSCRIPT]")
    lines.append("")
    lines.append(f"Page {page} of 3")
    write_text(name, "\n".join(lines) + "\n", encoding="cp1252", crlf=True)
    write_truth(name, merge_rows([(s, t) for _, s, t in T]))
    return name


# ------------------------------------------------------------------ 18 Interpreter, Turkish/English
def interpreter():
    name = "interpreter_gp_access_tr.txt"
    T = [
        ("INT:", "INT", "Thank you both for coming. Ayşe, could you please tell Mr Yılmaz that everything he says is confidential, and he can stop at any time?"),
        ("INTERPRETER (Ayşe):", "INTERPRETER", "Söylediğiniz her şey gizli kalacak, istediğiniz zaman durdurabilirsiniz. Anlaşıldı mı?"),
        ("P07:", "P07", "Evet, anladım. Sorun yok, sorabilirsiniz."),
        ("INTERPRETER (Ayşe):", "INTERPRETER", "He says yes, he understands, there's no problem, you can ask."),
        ("INT:", "INT", "Could he tell me what happened the first time he tried to see a GP here?"),
        ("INTERPRETER (Ayşe):", "INTERPRETER", "Burada ilk kez doktora gitmeye çalıştığınızda ne oldu, anlatır mısınız?"),
        ("P07:", "P07", "İlk geldiğimde otelde kalıyordum, Home Office'in verdiği otelde. Dişim çok ağrıyordu, ayrıca şeker hastasıyım, ilacım bitmişti. Resepsiyondaki kadına gittim, bana bir kâğıt verdiler, adres kanıtı istediler. Benim adresim otel, kira sözleşmem yok ki. Üç kere gittim, üçünde de aynı şeyi söylediler."),
        ("INTERPRETER (Ayşe):", "INTERPRETER", "When he first arrived he was staying in the hotel, the Home Office hotel. He had very bad tooth pain, and he's also diabetic and his medication had run out. He went to the reception, they gave him a form and asked for proof of address. But his address is the hotel, he has no tenancy agreement. He went three times and three times they told him the same thing."),
        ("INT:", "INT", "That must have been very worrying with the diabetes. How did he eventually get his medication?"),
        ("INTERPRETER (Ayşe):", "INTERPRETER", "Şeker hastalığınız varken bu çok endişe verici olmalı. Sonunda ilacınızı nasıl aldınız?"),
        ("P07:", "P07", "Otelde bir gönüllü vardı, Refugee Council'dan. O benimle birlikte geldi ve kadına kuralları gösterdi, adres kanıtı gerekmiyormuş. O gün kaydımı yaptılar."),
        ("INTERPRETER (Ayşe):", "INTERPRETER", "There was a volunteer at the hotel, from the Refugee Council. She came with him and showed the receptionist the rules: proof of address isn't actually required. They registered him that day."),
        ("INTERPRETER (Ayşe):", "INTERPRETER", "Sorry, I should add, he used the word \"kural\", rules, so I think he means the NHS guidance."),
        ("INT:", "INT", "Yes, that makes sense. Thank you."),
    ]
    out = ["GP ACCESS FOR PEOPLE SEEKING ASYLUM - INTERVIEW TRANSCRIPT",
           "Participant: P07 (male, 40s, Turkish speaker)   Date: 22/05/2024",
           "Interview conducted in person with a professional interpreter.",
           "Present: INT = interviewer (Dr L. Fraser); INTERPRETER = Ayşe K., community interpreter; P07 = participant",
           "", "-" * 60, ""]
    for lab, _, text in T:
        out.append(f"{lab}\t{text}")
        out.append("")
    out.append("END OF INTERVIEW")
    write_text(name, "\n".join(out) + "\n")
    rows = [(s, t, "interpreter's two consecutive turns merged" if i == 11 else "") for i, (_, s, t) in enumerate(T)]
    write_truth(name, merge_rows(rows))
    return name


# ------------------------------------------------------------------ 19 Tribunal/court Q/A with PDF line numbers
def court():
    name = "tribunal_disrepair_hearing_pdf.txt"
    T = [
        (None, None, "(Hearing commenced at 10.04 a.m.)"),
        ("THE CHAIR:", "THE CHAIR", "Good morning. This is the hearing of the application under section 27A. Mr Hollis, you appear for the respondent landlord, and Ms Adebayo is representing herself. Ms Adebayo, you are going to give evidence first."),
        (None, None, "MS FUNMI ADEBAYO (Affirmed)"),
        (None, None, "Cross-examined by MR HOLLIS"),
        ("Q.", "Q", "Ms Adebayo, you have been the tenant of Flat 4, 19 Malvern Road, since March 2018, is that right?"),
        ("A.", "A", "Yes."),
        ("Q.", "Q", "And you first reported the leak in the bathroom ceiling in, according to your statement, October 2021?"),
        ("A.", "A", "It was before that. I told the caretaker in the summer, but he said to put it in writing, so I emailed in October."),
        ("Q.", "Q", "But there is no written record before October 2021, is there?"),
        ("A.", "A", "Not written, no. But he came up and looked at it. He saw the bucket."),
        ("MR HOLLIS:", "MR HOLLIS", "Madam, I wonder if the witness could be shown page 64 of the bundle."),
        ("THE CHAIR:", "THE CHAIR", "Yes. Page 64, Ms Adebayo, it is the tab marked D."),
        ("Q.", "Q", "That is the repairs log. Would you agree that the first entry relating to the bathroom is dated 14 October 2021?"),
        ("A.", "A", "That is what it says. But the log is what they typed in. It is not everything that happened. My neighbour in Flat 6 had the same leak and she reported it by phone in July, and that is not in there either."),
        ("Q.", "Q", "I see. Let us move on to the question of access."),
    ]
    W = 58
    body = []
    for lab, spk, text in T:
        if spk is None:
            body.append("        " + text)
        else:
            wr = textwrap.wrap(text, W, break_on_hyphens=False)
            pad = "    " if lab in ("Q.", "A.") else "        "
            first = f"{pad}{lab}  {wr[0]}" if lab in ("Q.", "A.") else f"{pad}{lab}  {wr[0]}"
            body.append(first)
            body += ["    " + x for x in wr[1:]]
    out = []
    ln = 0
    pg = 14
    for i, line in enumerate(body):
        if ln % 25 == 0:
            if ln:
                out.append("")
                out.append("\f")
            out.append(f"{'':>60}{pg}")
            out.append("  Adebayo v Malvern Road Estates Ltd - Day 1 - 11 March 2024")
            out.append("")
            pg += 1
        ln += 1
        out.append(f"{(ln - 1) % 25 + 1:>2}  {line}")
    out += ["", "   Epiq Europe Ltd, Lower Ground, 20 Furnival Street, London EC4A 1JS", "   Tel No: 020 7404 1400   Email: ukclient@epiqglobal.co.uk"]
    write_text(name, "\n".join(out) + "\n", crlf=True)
    write_truth(name, merge_rows([(s, t) for _, s, t in T]))
    return name


# ------------------------------------------------------------------ 20 Japanese, CJK, no spaces
def japanese():
    name = "kaigo_interview_cjk_ja.txt"
    T = [
        ("聞き手", "本日はお時間をいただきありがとうございます。まず、現在のお仕事について教えていただけますか。"),
        ("Aさん", "はい。町の地域包括支援センターで社会福祉士として働いています。もう十年になります。"),
        ("聞き手", "この地域ならではの課題はありますか。"),
        ("Aさん", "（笑）たくさんありますね。一番大きいのは、やはり移動の問題です。バスが一日に三本しかない集落もあって、高齢者が病院や買い物に行けないんです。免許を返納したら、もう生活が成り立たないという方も多いです。それから、担い手不足ですね。ヘルパーさんも高齢化していて、七十代の方が八十代の方を支えている、というのが現実です。"),
        ("聞き手", "そうした中で、どのような工夫をされていますか。"),
        ("Aさん", "住民の方々と一緒に、サロン活動を始めました。公民館に月二回集まって、お茶を飲んだり体操をしたりするだけなんですが、見守りにもなっています。来ない方がいたら、誰かが様子を見に行くんです。"),
        ("Bさん", "すみません、お茶をお持ちしました。"),
        ("Aさん", "ありがとうございます。"),
        ("聞き手", "ありがとうございます。では、次の質問に移りたいと思います。"),
    ]
    out = ["【インタビュー記録】地方の高齢者支援に関する調査", "2024年2月3日実施　調査番号J-04", "―――――――――――――――", ""]
    for spk, text in T:
        out.append(f"{spk}：{text}")
        out.append("")
    out.append("（以上）")
    write_text(name, "\n".join(out) + "\n")
    rows = [(s, t, "whole turn is one whitespace token" if i == 0 else "") for i, (s, t) in enumerate(T)]
    write_truth(name, merge_rows(rows))
    return name


ALL = [polish, swedish, focus_group, interpreter, court, japanese]

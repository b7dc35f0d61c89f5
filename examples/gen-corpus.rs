//! A synthetic interview corpus for benchmarks, deterministic from a seed:
//!
//!     cargo run --release --example gen-corpus -- --size-mb 200 --seed 1 --out DIR [--ascii] [--scale K] [--waves W]
//!
//! Interviews with front matter (participant, group, area), five groups, rural and
//! urban, interviewer and participant turns, multi-line turns, theme vocabulary in about
//! 5-15% of participant turns per theme, and typographic punctuation (curly quotes,
//! dashes, ellipses) in about a third of the files. Writes `participants.csv` beside them.
//! `--scale K` makes every interview K times longer: the same size in K times fewer files.
//! `--waves W` interviews each participant W times (`P000001-w1.txt`, `-w2`, ...), each
//! file's front matter giving its own `wave`, `interview_type` (initial, follow-up) and
//! `interview_date`: transcript attributes, beside the participant's group and area.
//! Without it (W = 1) the corpus is byte for byte what it was before the option.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

/// splitmix64: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const GROUPS: &[&str] = &[
    "Client",
    "Justice social worker",
    "Senior manager",
    "Paraprofessional",
    "Partner organisation",
];
const AREAS: &[&str] = &["Rural", "Urban"];

const QUESTIONS: &[&str] = &[
    "Can you tell me a bit about your order and how it has been going?",
    "How do you get to your appointments?",
    "What has helped you most so far?",
    "How do the unpaid work placements fit around the rest of your life?",
    "Have you kept the same worker throughout?",
    "How do people around you react to the order?",
    "What do you think of the paperwork and the rules?",
    "Is there anything you would change about how it works?",
    "Could you say a bit more about that?",
    "How did that make you feel?",
    "What happened next?",
    "Is there anything else you'd like to add?",
];

const FILLER: &[&str] = &[
    "I've lived here most of my life, with my mum and my sister nearby.",
    "Some weeks are better than others, to be honest with you.",
    "I started a college course in September and it's going all right.",
    "My kids keep me going, they're the reason I get up in the morning.",
    "The weather has been awful this winter and that doesn't help anybody.",
    "I was working in a warehouse for a while before all this happened.",
    "We talk about my drinking and what sets me off.",
    "There's a group on a Wednesday that I go to now and then.",
    "It took me a long time to trust anybody after what happened.",
    "I'd say I'm in a better place now than I was a year ago.",
    "My gran was poorly last year so I was looking after her a lot.",
    "We did a lot of painting and clearing paths for the community.",
    "She helped me fill in the forms for my benefits when they stopped.",
    "I don't sleep well, I never have, and that makes everything harder.",
    "The food bank has been a big help when money was tight.",
    "I've been off the drugs for four months now, the longest ever.",
    "It was a shock at first but you get used to it.",
    "My partner works shifts so we have to juggle things between us.",
    "To be fair, most of the people I've met have been decent.",
    "I've got a flat now, it's small and it's damp, but it's mine.",
    "We mostly talk about how the week has gone and what's coming up.",
    "I just want to get it finished and get on with my life.",
    "Honestly, I didn't know what to expect when I started.",
    "He showed me how to use the tools properly and said I could put it on my CV.",
    "Some of the other lads on the squad are sound, some less so.",
    "There was a long wait for the mental health appointment.",
    "I keep a diary now, the worker suggested it, and it does help.",
    "We've had our ups and downs but we're getting there.",
    "It's hard to explain to folk who haven't been through it.",
    "I'd rather be busy than sitting in the house all day.",
];

/// Theme vocabulary: each sentence carries words the benchmark codebook looks for.
const THEMES: &[&[&str]] = &[
    // consistency
    &[
        "Honestly it's a postcode lottery, it depends where you live.",
        "I've had three different workers in a year and had to start again each time.",
        "Every sheriff is different, some give you a chance and some don't.",
        "It really depends who you get, some workers are stricter than others.",
        "My worker changed again last month so I'm back to square one.",
        "The service is inconsistent between areas, my pal's order was nothing like mine.",
    ],
    // flexibility
    &[
        "They moved my appointments to the evening so I could keep my job.",
        "I could do some of my hours on the Saturday squad, which helped.",
        "The times are fixed and the system is rigid, there's no give in it.",
        "She was flexible about childcare and let me bring the wee one.",
        "They offered me a phone appointment instead when I was working.",
        "Other activity counted towards my hours, like the first aid course.",
    ],
    // rurality
    &[
        "The bus only comes twice a day out where I live.",
        "The ferry was cancelled again because of the weather.",
        "It's forty miles to the office and the fares cost a fortune.",
        "There's no public transport out here to speak of.",
        "Everything is in the town, there's nothing local for us.",
        "It's a long journey on two buses just for a half hour appointment.",
    ],
    // stigma
    &[
        "Everybody knows everybody here, so there's no hiding it.",
        "Employers won't take you once they hear you've got a record.",
        "I felt ashamed walking down the street in the hi-vis.",
        "The neighbours were talking about me after it was in the local paper.",
        "The landlord said no as soon as he heard about the conviction.",
        "You feel judged everywhere you go, even at the school gates.",
    ],
    // governance
    &[
        "There's so much paperwork now, my worker spends half the time typing.",
        "The targets are all about timescales, not whether you're doing better.",
        "The risk assessment decides everything, she says her hands are tied.",
        "The managers want the forms done on time, that's what gets checked.",
        "The national standards say what has to happen and when.",
        "Everything has to be recorded for the audit, every single contact.",
    ],
];

fn typographic(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut open = true;
    for c in s.chars() {
        match c {
            '\'' => out.push('’'),
            '"' => {
                out.push(if open { '“' } else { '”' });
                open = !open;
            }
            _ => out.push(c),
        }
    }
    out.replace(", to be honest", " – to be honest")
        .replace("So,", "So…")
        .replace(" - ", " – ")
}

fn turn(rng: &mut Rng) -> String {
    let sentences = 2 + rng.below(6);
    let mut out = String::new();
    let theme_rates = [9u64, 8, 10, 7, 9];
    for (t, rate) in THEMES.iter().zip(theme_rates) {
        if rng.chance(rate) {
            out.push_str(rng.pick(t));
            out.push(' ');
        }
    }
    for i in 0..sentences {
        out.push_str(rng.pick(FILLER));
        // Multi-line turns, as typed transcripts wrap.
        out.push(if i + 1 < sentences && rng.chance(20) {
            '\n'
        } else {
            ' '
        });
    }
    out.trim_end().to_owned()
}

fn main() {
    let mut size_mb = 10u64;
    let mut seed = 1u64;
    let mut out = PathBuf::from("corpus");
    let mut ascii = false;
    let mut scale = 1usize;
    let mut waves = 1usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--ascii" {
            // The same corpus with plain ASCII punctuation everywhere (for comparison).
            ascii = true;
            continue;
        }
        let v = args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--size-mb" => size_mb = v.parse().expect("--size-mb N"),
            "--seed" => seed = v.parse().expect("--seed N"),
            "--out" => out = PathBuf::from(v),
            "--scale" => scale = v.parse().expect("--scale K"),
            "--waves" => waves = v.parse::<usize>().expect("--waves W").max(1),
            _ => panic!(
                "usage: gen-corpus --size-mb N --seed N --out DIR [--ascii] [--scale K] [--waves W]"
            ),
        }
    }
    std::fs::create_dir_all(&out).expect("create --out");
    let mut rng = Rng(seed);
    let target = size_mb * 1_000_000;
    let mut total = 0u64;
    let mut sheet = String::from("participant,group,area\n");
    let mut n = 0usize;
    while total < target {
        n += 1;
        let id = format!("P{n:06}");
        let group = rng.pick(GROUPS);
        let area = rng.pick(AREAS);
        for wave in 1..=waves {
            if total >= target && wave > 1 {
                break;
            }
            let typo_draw = rng.chance(33);
            let typo = typo_draw && !ascii;
            let mut text = format!("---\nparticipant: {id}\ngroup: {group}\narea: {area}\n");
            if waves > 1 {
                let kind = if wave == 1 { "initial" } else { "follow-up" };
                let _ = writeln!(
                    text,
                    "wave: {wave}\ninterview_type: {kind}\ninterview_date: 202{}-{:02}-{:02}",
                    3 + wave,
                    1 + rng.below(12),
                    1 + rng.below(28)
                );
            }
            text.push_str("---\n");
            let turns = (20 + rng.below(30)) * scale;
            for _ in 0..turns {
                let _ = writeln!(text, "Interviewer: {}\n", rng.pick(QUESTIONS));
                let _ = writeln!(text, "{id}: {}\n", turn(&mut rng));
            }
            // Sizes count the typographic form, so `--ascii` writes the very same files.
            let typographic_text = typographic(&text);
            total += if typo_draw {
                typographic_text.len()
            } else {
                text.len()
            } as u64;
            let text = if typo { typographic_text } else { text };
            let name = if waves > 1 {
                format!("{id}-w{wave}.txt")
            } else {
                format!("{id}.txt")
            };
            std::fs::File::create(out.join(name))
                .and_then(|mut f| f.write_all(text.as_bytes()))
                .expect("write transcript");
        }
        let _ = writeln!(sheet, "{id},{group},{area}");
    }
    std::fs::write(out.join("participants.csv"), sheet).expect("write participants.csv");
    eprintln!(
        "{n} transcripts, {:.1} MB in {}",
        total as f64 / 1e6,
        out.display()
    );
}

#!/usr/bin/env python3
"""What a researcher would script instead of coda: split each transcript into turns,
test each theme's rules on every participant turn with `re`, count coded segments and
distinct participants per theme and group, write CSV.

    python3 bench/baseline.py CORPUS_DIR CODEBOOK.toml OUT.csv

Its columns and counts are those of `coda matrix --layout long --format csv` (the
benchmark checks that they are equal before it reports a time). It applies the rules
coda applies to the generated corpus: keywords as whole words, any case, phrases across
whitespace, a trailing * for any ending; patterns as regexes, case-insensitive.
"""
import csv
import os
import re
import sys
import tomllib

INTERVIEWER = re.compile(r"(?i)^(?:interviewer|int|i|q|moderator|facilitator|researcher) ?\d*$")
LABEL = re.compile(r"^([^\W_][\w.'’\-]*(?:[ \t]+[^\W_][\w.'’\-]*){0,3})[ \t]?:(?:[ \t]+|$)(.*)$")
WORD = re.compile(r"[^\W_]+")


def keyword_regex(k):
    k = k.strip()
    prefix = k.endswith("*")
    body = k[:-1] if prefix else k
    words = [(m.start(), m.end()) for m in WORD.finditer(body)]
    parts = []
    for i, (s, e) in enumerate(words):
        if i:
            gap = body[words[i - 1][1]:s]
            parts.append(r"\s+" if gap.strip() == "" else re.escape(gap).replace("'", "['’]"))
        parts.append(re.escape(body[s:e]))
    return re.compile(r"(?<![^\W_])" + "".join(parts) + (r"\w*" if prefix else r"(?![^\W_])"), re.IGNORECASE)


def turns(text):
    """(speaker, text) turns of a transcript with front matter; same-speaker turns merge."""
    lines = text.split("\n")
    i = 0
    front = {}
    if lines and lines[0].strip() == "---":
        i = 1
        while lines[i].strip() != "---":
            k, _, v = lines[i].partition(":")
            front[k.strip().lower()] = v.strip()
            i += 1
        i += 1
    out = []
    for line in lines[i:]:
        m = LABEL.match(line.rstrip())
        if m:
            speaker, rest = m.group(1), m.group(2)
            if out and out[-1][0] == speaker:
                out[-1][1].append(rest)
            else:
                out.append((speaker, [rest]))
        elif out:
            out[-1][1].append(line.strip())
    return front, [(s, "\n".join(t)) for s, t in out]


def main():
    corpus, codebook, out_path = sys.argv[1:4]
    with open(codebook, "rb") as f:
        book = tomllib.load(f)
    themes = []
    for t in book["theme"]:
        rules = [keyword_regex(k) for k in t.get("keywords", [])]
        rules += [re.compile(p, re.IGNORECASE) for p in t.get("patterns", [])]
        themes.append((t["id"], rules))
    group_of = {}
    with open(os.path.join(corpus, "participants.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            group_of[row["participant"]] = row["group"]
    segments = {}  # (theme, group) -> count
    people = {}  # (theme, group) -> set of participants
    speaking = {}  # group -> set of participants with turns
    for name in sorted(os.listdir(corpus)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(corpus, name), encoding="utf-8") as f:
            front, ts = turns(f.read())
        for speaker, text in ts:
            if INTERVIEWER.match(speaker):
                continue
            participant = speaker if speaker in group_of else front.get("participant", speaker)
            group = group_of.get(participant, front.get("group", "(none)"))
            speaking.setdefault(group, set()).add(participant)
            for theme, rules in themes:
                if any(r.search(text) for r in rules):
                    segments[(theme, group)] = segments.get((theme, group), 0) + 1
                    people.setdefault((theme, group), set()).add(participant)
    with open(out_path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["theme", "group", "segments", "participants", "participants_in_group"])
        for theme, _ in themes:
            for group in sorted(speaking):
                w.writerow([theme, group, segments.get((theme, group), 0),
                            len(people.get((theme, group), ())), len(speaking[group])])


if __name__ == "__main__":
    main()

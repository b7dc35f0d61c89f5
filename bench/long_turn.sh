#!/usr/bin/env bash
# One long turn: `coda code`, `quotes`, `kwic` and `explain` on a transcript whose
# participant turn is SIZE MB (default 10 and 40), to see that time grows with the
# turn's length, not with its square. Usage: bench/long_turn.sh [CODA] [SIZE_MB...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
coda="${1:-$here/../target/release/coda}"
shift || true
sizes=("${@:-10 40}")
work="$here/work/long-turn"
mkdir -p "$work"
printf 'participant,group\nC1,Client\n' > "$work/sheet.csv"
for mb in ${sizes[@]}; do
  d="$work/d$mb"; p="$work/p$mb"
  mkdir -p "$d"; rm -rf "$p"
  python3 - "$d/long.txt" "$mb" <<'PY'
import random, sys
random.seed(1)
sent = ["The bus was late again and I missed the appointment.",
        "My worker was flexible about it.",
        "In a small town everybody knows your business.",
        "The ferry only runs twice a week.",
        "It felt like the same rules were not applied everywhere.",
        "I was ashamed to be seen going in."]
path, mb = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("Interviewer: Tell me everything.\nC1: ")
    n = 0
    while n < mb * 1_000_000:
        s = random.choice(sent) + " "
        f.write(s)
        n += len(s)
    f.write("\nInterviewer: Thank you.\n")
PY
  export CODA_PROJECT="$p"
  "$coda" ingest "$d" --participants "$work/sheet.csv" >/dev/null 2>&1
  for cmd in "code --codebook $here/../codebooks/justice-social-work.toml" "quotes --theme travel-transport" "kwic bus" "explain long#2"; do
    /usr/bin/time -f "$mb MB  %e s  %M KB  coda $cmd" "$coda" $cmd >/dev/null 2>"$work/err"
    tail -1 "$work/err"
  done
done

#!/usr/bin/env python3
"""Kill test: interrupt `coda ingest`, `coda code` and `coda analyse` at random moments and
check that the project is never corrupt and nothing already in it is lost.

    python3 tests/kill.py [--rounds N] [--size-mb MB] [--seed S] [--signal KILL|INT|both]

Each round picks a command, starts it on a project that holds a complete earlier state,
and sends the signal at a random moment within the command's usual run time. Then:

- `coda sources`, `coda passes`, `coda matrix` and `coda search` must work (exit 0 or 1,
  no panic) on the project;
- the project must show either the state before the command or the state after it,
  never a mix: `coda sources` output equals one of the two, and the pass's stored codings
  (read from project.db) equal the old or the new ones byte for byte;
- `coda analyse` output files are each the old or the new complete file;
- after SIGINT, the exit status is 130 and no temp file is left behind;
- re-running the command completes and gives exactly the new state.

Work files go to target/killtest/. Exit status 0 when every round held, 1 otherwise.
"""
import argparse
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "target", "killtest")
CODA = os.path.join(ROOT, "target", "release", "coda")
BOOK_A = os.path.join(ROOT, "codebooks", "benchmark.toml")
PASS = "p"


def sh(args, check=True, **kw):
    r = subprocess.run(args, capture_output=True, text=True, **kw)
    if check and r.returncode != 0:
        sys.exit(f"setup failed ({r.returncode}): {' '.join(args)}\n{r.stderr}")
    return r


def coda(project, *args, check=True):
    return sh([CODA, "--project", project, *args], check=check)


def pass_of(project):
    """`coda analyse` codes into pass `auto`; the other rounds into `p`."""
    return "auto" if os.path.basename(project) == ".coda" else PASS


def codings(project):
    """A digest of the pass's stored codings, read from project.db read-only (None: no
    pass). Read from the database rather than through `coda codings`, which joins them
    with the segments of the moment: `analyse` stopped between its ingest and its pass
    leaves the new segments with the old pass, a state of its own."""
    path = os.path.join(project, "project.db")
    if not os.path.exists(path):
        return None
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = db.execute(
            "SELECT transcript, number, position, theme, hits, evidence FROM coding WHERE pass = ? "
            "ORDER BY transcript, number, position",
            (pass_of(project),),
        ).fetchall()
        found = db.execute("SELECT count(*) FROM pass WHERE name = ?", (pass_of(project),)).fetchone()[0]
    finally:
        db.close()
    if not found:
        return None
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def files_digest(folder):
    out = {}
    for name in sorted(os.listdir(folder)):
        p = os.path.join(folder, name)
        if os.path.isfile(p):
            with open(p, "rb") as f:
                out[name] = hashlib.sha256(f.read()).hexdigest()
    return out


def leftovers(*folders, pid=None):
    """Temp and scratch files a finished or interrupted run should not leave (of one
    process, when `pid` is given)."""
    found = []
    for folder in folders:
        for dirpath, _, names in os.walk(folder):
            found += [
                os.path.join(dirpath, n)
                for n in names
                if n.startswith(".") and (".tmp-" in n or ".scratch-" in n) and (pid is None or n.endswith(f"-{pid}"))
            ]
    return found


def readers_work(project):
    """The reading commands must work on whatever state a kill left."""
    problems = []
    p = pass_of(project)
    for args in (["sources"], ["passes"], ["matrix", "--pass", p], ["search", "bus"], ["search", "ferry", "--theme", "rurality", "--pass", p]):
        r = coda(project, *args, check=False)
        if r.returncode not in (0, 1) or "panicked" in r.stderr:
            problems.append(f"`coda {' '.join(args)}` exit {r.returncode}: {r.stderr.strip()[:300]}")
    return problems


def state(project):
    return coda(project, "sources", "--format", "csv").stdout, codings(project)


class Scenario:
    """A command that moves a project from one complete state to another, both ways."""

    def __init__(self, name, args_to, project):
        self.name, self.args_to, self.project = name, args_to, project
        self.states = {}
        self.seconds = {}

    def prepare(self):
        # Record each direction's end state and run time, from complete runs.
        for direction in (0, 1, 0):
            start = time.perf_counter()
            coda(self.project, *self.args_to(direction))
            self.seconds[direction] = time.perf_counter() - start
            self.states[direction] = state(self.project)
        self.at = 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=60)
    ap.add_argument("--size-mb", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--signal", choices=["KILL", "INT", "both"], default="both")
    a = ap.parse_args()
    rng = random.Random(a.seed)

    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "coda"], cwd=ROOT, check=True)
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    corpus = os.path.join(WORK, "corpus")
    subprocess.run(["cargo", "run", "--release", "--quiet", "--example", "gen-corpus", "--", "--size-mb", str(a.size_mb), "--seed", str(a.seed), "--out", corpus], cwd=ROOT, check=True)
    sheet = os.path.join(corpus, "participants.csv")
    # Version B of the corpus: one file in twenty edited, one in fifty deleted.
    names = sorted(n for n in os.listdir(corpus) if n.endswith(".txt"))
    versions = {}
    for i, n in enumerate(names):
        p = os.path.join(corpus, n)
        with open(p, "rb") as f:
            text = f.read()
        if i % 20 == 3:
            versions[p] = (text, text + b"\nInterviewer: Anything else about the bus or the ferry?\n")
        elif i % 50 == 7:
            versions[p] = (text, None)

    def set_corpus(direction):
        for p, vs in versions.items():
            v = vs[direction]
            if v is None:
                if os.path.exists(p):
                    os.remove(p)
            else:
                with open(p, "wb") as f:
                    f.write(v)

    # A second codebook: the benchmark's minus its patterns.
    book_b = os.path.join(WORK, "book-b.toml")
    with open(BOOK_A) as f:
        text = f.read()
    with open(book_b, "w") as f:
        f.write("\n".join(l for l in text.splitlines() if not l.startswith("patterns")) + "\n")

    # One project for the ingest rounds and one for the code rounds (each with a pass).
    set_corpus(0)
    projects = {}
    for name in ("ingest", "code"):
        projects[name] = os.path.join(WORK, f"project-{name}")
        coda(projects[name], "ingest", corpus, "--participants", sheet)
        coda(projects[name], "code", "--codebook", BOOK_A, "--pass", PASS)

    def ingest_args(direction):
        set_corpus(direction)
        return ["ingest", corpus]

    def code_args(direction):
        return ["code", "--codebook", [BOOK_A, book_b][direction], "--pass", PASS]

    out = os.path.join(WORK, "analysis")
    out_project = os.path.join(out, ".coda")

    def analyse_args(direction):
        set_corpus(direction)
        return ["analyse", corpus, "--participants", sheet, "--codebook", [BOOK_A, book_b][direction], "--out", out]

    scenarios = [
        Scenario("ingest", ingest_args, projects["ingest"]),
        Scenario("code", code_args, projects["code"]),
        Scenario("analyse", analyse_args, out_project),
    ]
    outputs = {}
    for s in scenarios:
        if s.name == "analyse":
            for direction in (0, 1, 0):
                start = time.perf_counter()
                coda(out_project, *analyse_args(direction))
                s.seconds[direction] = time.perf_counter() - start
                s.states[direction] = state(out_project)
                outputs[direction] = files_digest(out)
            s.at = 0
        else:
            s.prepare()
        # Leave the shared corpus and project at direction 0 for the next scenario.
        set_corpus(0)
        print(f"{s.name}: {s.seconds[0]:.2f} s / {s.seconds[1]:.2f} s for a complete run", file=sys.stderr)

    signals = {"KILL": [signal.SIGKILL], "INT": [signal.SIGINT], "both": [signal.SIGKILL, signal.SIGINT]}[a.signal]
    failures = []
    landed = {}
    for rnd in range(1, a.rounds + 1):
        s = scenarios[rnd % len(scenarios)]
        sig = signals[rnd % len(signals)]
        target = 1 - s.at
        args = s.args_to(target)
        delay = rng.uniform(0, max(s.seconds[target], 0.05))
        before_outputs = files_digest(out) if s.name == "analyse" else None
        p = subprocess.Popen([CODA, "--project", s.project, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        alive = p.poll() is None
        if alive:
            p.send_signal(sig)
        err = p.communicate()[1]
        code = p.returncode
        key = (s.name, signal.Signals(sig).name)  # e.g. ("code", "SIGINT")
        landed.setdefault(key, [0, 0])
        landed[key][1] += 1
        landed[key][0] += int(alive)
        where = f"round {rnd}: {s.name}, {signal.Signals(sig).name} after {delay:.2f} s{'' if alive else ' (had finished)'}"
        problems = []
        if "panicked" in err:
            problems.append(f"panic: {err.strip()[:300]}")
        if alive and sig == signal.SIGINT and code not in (130, 0):
            problems.append(f"SIGINT exit status {code}, expected 130: {err.strip()[:300]}")
        left = leftovers(s.project, out if s.name == "analyse" else s.project, pid=p.pid)
        if alive and sig == signal.SIGINT and left:
            problems.append(f"temp files left after SIGINT: {left}")
        problems += readers_work(s.project)
        now = state(s.project)
        # `analyse` ingests and codes in one transaction: like the others, old or new.
        whole = True
        parts_ok = now[0] in (s.states[s.at][0], s.states[target][0]) and now[1] in (s.states[s.at][1], s.states[target][1])
        if (whole and now not in (s.states[s.at], s.states[target])) or not parts_ok:
            which = []
            if now[0] not in (s.states[s.at][0], s.states[target][0]):
                which.append("sources")
            if now[1] not in (s.states[s.at][1], s.states[target][1]):
                which.append("pass codings")
            problems.append(f"project state is neither the old nor the new one ({', '.join(which) or 'sources of one, pass of the other'})")
        if s.name == "analyse":
            after = files_digest(out)
            for name, digest in after.items():
                if name.startswith("."):
                    continue
                if digest not in (before_outputs.get(name), outputs[target].get(name)):
                    problems.append(f"analysis/{name} is neither the old nor the new file")
        # Re-run to completion: the new state exactly.
        r = coda(s.project, *args, check=False)
        if r.returncode != 0:
            problems.append(f"re-run failed ({r.returncode}): {r.stderr.strip()[:300]}")
        if state(s.project) != s.states[target]:
            problems.append("re-run did not give the new state")
        if s.name == "analyse" and files_digest(out) != outputs[target]:
            now_files = files_digest(out)
            differ = sorted(k for k in set(now_files) | set(outputs[target]) if now_files.get(k) != outputs[target].get(k))
            problems.append(f"re-run analysis files differ from a clean run's: {differ}")
        left = leftovers(s.project, out if s.name == "analyse" else s.project)
        if left:
            problems.append(f"temp files left after a completed run: {left}")
        s.at = target
        status = "ok" if not problems else "FAILED"
        print(f"{where}: {status}", file=sys.stderr)
        for pr in problems:
            print(f"    {pr}", file=sys.stderr)
            failures.append(f"{where}: {pr}")
    print("\nkills that landed while the command was running / rounds:", file=sys.stderr)
    for (name, sig), (hit, total) in sorted(landed.items()):
        print(f"  {name:8} {sig:8} {hit} / {total}", file=sys.stderr)
    if failures:
        print(f"\n{len(failures)} problem(s)", file=sys.stderr)
        return 1
    print(f"\nall {a.rounds} rounds held", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

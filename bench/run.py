#!/usr/bin/env python3
"""The benchmark: generate corpora, time coda beside ripgrep and a Python baseline, check
that the counts agree, and write BENCHMARKS.md.

    bench/run [SIZE_MB ...]              # default: 10 200 1000
    bench/run --scale K SIZE_MB ...      # peak memory only, interviews K times longer

BASELINE_MAX_MB (environment, default no limit) skips the Python baseline above that
size: it runs at about 0.35 MB/s, most of an hour at 1 GB.

Work files (corpora, projects, a ripgrep build if the machine's is older than 14) go to
bench/work/, which git ignores.
"""
import csv
import io
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "bench", "work")
CODA = os.path.join(ROOT, "target", "release", "coda")
CODEBOOK = os.path.join(ROOT, "codebooks", "benchmark.toml")
SEED = 1


TIME = "/usr/bin/time"


def sample_anon(pid, wrapped, peak, done):
    """Sample the anonymous memory (RssAnon: heap and stacks, not the pages of files
    mapped for reading, which the kernel can drop at any time) of `pid`, or of its child
    when `wrapped` (GNU time), every 5 ms until `done`; keep the largest in peak[0] (MB)."""
    target = None
    while not done.is_set():
        try:
            if target is None:
                if wrapped:
                    kids = open(f"/proc/{pid}/task/{pid}/children").read().split()
                    target = int(kids[0]) if kids else None
                else:
                    target = pid
            if target is not None:
                for line in open(f"/proc/{target}/status"):
                    if line.startswith("RssAnon:"):
                        peak[0] = max(peak[0], int(line.split()[1]) / 1024)
        except (OSError, ValueError, IndexError):
            pass
        done.wait(0.005 if target else 0.0005)


def run(cmd, discard=False, anon=False, **kw):
    """Run a command; return (seconds, peak RSS in MB, stdout), and with `anon` the
    sampled peak of anonymous memory in MB as well. Peak RSS comes from GNU time when
    there is one: a child forked from this script starts with the script's own peak
    (tens of MB once it has read large outputs), which would hide small figures.
    `discard`: send stdout to /dev/null (outputs as large as the corpus)."""
    start = time.perf_counter()
    rss_file = os.path.join(WORK, "rss.txt")
    wrapped = [TIME, "-f", "%M", "-o", rss_file] + cmd if os.path.exists(TIME) else cmd
    stdout = subprocess.DEVNULL if discard else subprocess.PIPE
    p = subprocess.Popen(wrapped, stdout=stdout, stderr=subprocess.DEVNULL, **kw)
    peak, done = [0.0], threading.Event()
    sampler = threading.Thread(target=sample_anon, args=(p.pid, wrapped is not cmd, peak, done))
    if anon:
        sampler.start()
    out = p.stdout.read() if not discard else b""
    _, status, usage = os.wait4(p.pid, 0)
    done.set()
    if anon:
        sampler.join()
    secs = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"failed ({code}): {' '.join(cmd)}")
    rss = usage.ru_maxrss / 1024
    if wrapped is not cmd:
        rss = int(open(rss_file).read().split()[-1]) / 1024
    return (secs, rss, out, peak[0]) if anon else (secs, rss, out)


PAIRS = int(os.environ.get("BENCH_PAIRS", "5"))


def paired(a, b, env_a=None, env_b=None, before=None, pairs=None, warmup=1):
    """Wall seconds of commands A and B in alternating runs (A B A B ...), `warmup`
    pairs first and not counted, then `pairs` (BENCH_PAIRS, default 5): the medians,
    the min-max ranges and the median of the pair-by-pair ratios A/B. `before(which)`
    runs untimed before each run (to remove what the last run wrote)."""
    pairs = pairs or PAIRS
    ta, tb = [], []
    for i in range(warmup + pairs):
        for which, cmd, env, out in (("a", a, env_a, ta), ("b", b, env_b, tb)):
            if before:
                before(which)
            t = run(cmd, discard=True, env=env)[0]
            if i >= warmup:
                out.append(t)
    return {
        "a": statistics.median(ta), "b": statistics.median(tb),
        "a_range": [min(ta), max(ta)], "b_range": [min(tb), max(tb)],
        "ratio": statistics.median(x / y for x, y in zip(ta, tb)), "pairs": pairs,
    }


def hyperfine_ms(cmd, env, runs=10, warmup=2):
    """A command's median wall time in ms over `runs` runs after `warmup` (hyperfine,
    without a shell), or over timed runs here when hyperfine is missing."""
    hf = shutil.which("hyperfine")
    if hf is None:
        for _ in range(warmup):
            run(cmd, discard=True, env=env)
        return statistics.median(run(cmd, discard=True, env=env)[0] for _ in range(runs)) * 1000
    out = os.path.join(WORK, "hyperfine.json")
    import shlex
    subprocess.run([hf, "-N", "--runs", str(runs), "--warmup", str(warmup), "--export-json", out,
                    "--output", "null", shlex.join(cmd)], env=env, check=True, capture_output=True)
    import json
    return json.load(open(out))["results"][0]["median"] * 1000


def ripgrep():
    for rg in [shutil.which("rg"), os.path.join(WORK, "tools", "bin", "rg")]:
        if rg and os.path.exists(rg):
            v = subprocess.run([rg, "--version"], capture_output=True, text=True).stdout.split()[1]
            if int(v.split(".")[0]) >= 14:
                return rg, v
    print("installing ripgrep 14+ with cargo into bench/work/tools ...", file=sys.stderr)
    subprocess.run(["cargo", "install", "ripgrep", "--locked", "--quiet", "--root", os.path.join(WORK, "tools")], check=True)
    return ripgrep()


def rules_file(path):
    """The codebook's rules as ripgrep patterns, one per line (the same regexes coda runs)."""
    import tomllib
    with open(CODEBOOK, "rb") as f:
        book = tomllib.load(f)
    lines = []
    for t in book["theme"]:
        for k in t.get("keywords", []):
            prefix = k.endswith("*")
            body = re.escape(k.rstrip("*")).replace(r"\ ", r"\s+")
            lines.append(r"\b" + body + (r"\w*" if prefix else r"\b"))
        lines.extend(t.get("patterns", []))
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return len(lines)


def corpus(size, ascii=False, scale=1, waves=1):
    d = os.path.join(WORK, f"corpus-{size}mb-seed{SEED}" + ("-ascii" if ascii else "") + (f"-x{scale}" if scale > 1 else "") + (f"-w{waves}" if waves > 1 else ""))
    if not os.path.exists(os.path.join(d, "participants.csv")):
        gen = os.path.join(ROOT, "target", "release", "examples", "gen-corpus")
        subprocess.run([gen, "--size-mb", str(size), "--seed", str(SEED), "--out", d, "--scale", str(scale), "--waves", str(waves)] + (["--ascii"] if ascii else []), check=True)
    mb = sum(os.path.getsize(os.path.join(d, n)) for n in os.listdir(d) if n.endswith(".txt")) / 1e6
    files = sum(1 for n in os.listdir(d) if n.endswith(".txt"))
    return d, mb, files


SEARCHES = [
    "bus", "ferry", '"public transport"', "worker*", "paperwork AND worker", "stigma* OR ashamed",
    '"postcode lottery"', "sheriff", "evening OR weekend", "appointment NOT bus", "childcare",
    "risk*", "journey", '"everybody knows"', "neighbours", "managers", "saturday", "audit", "miles", "landlord",
]


MEMORY = [
    ("cooccur", ["cooccur"]),
    ("codings --theme stigma", ["codings", "--theme", "stigma", "--format", "csv"]),
    ("kwic bus", ["kwic", "bus", "--format", "csv"]),
    ("search --theme rurality", ["search", "bus", "--theme", "rurality", "--format", "csv"]),
    ("sources", ["sources", "--format", "csv"]),
    ("participants", ["participants", "--format", "csv"]),
    ("passes", ["passes", "--format", "csv"]),
]


def measure(size, rg, rg_version, earlier):
    d, mb, files = corpus(size)
    project = os.path.join(WORK, f"project-{size}mb")
    shutil.rmtree(project, ignore_errors=True)
    env = dict(os.environ, CODA_PROJECT=project)
    sheet = os.path.join(d, "participants.csv")
    r = {"size": size, "mb": mb, "files": files}
    # Ingest beside the floor: the same turns indexed by a minimal tantivy program with
    # the lean schema (examples/floor-index.rs), in alternating runs, each into a new
    # folder. The project of the last `coda ingest` stays for what follows.
    turns = os.path.join(WORK, f"turns-{size}mb.jsonl")
    with open(turns, "wb") as f:
        subprocess.run([CODA, "segments", d, "--participants", sheet, "--format", "jsonl"], stdout=f, stderr=subprocess.DEVNULL, check=True)
    floor_dir = os.path.join(WORK, f"floor-{size}mb")
    floor = os.path.join(ROOT, "target", "release", "examples", "floor-index")

    def fresh(which):
        shutil.rmtree(project if which == "a" else floor_dir, ignore_errors=True)
    r["ingest_pair"] = paired([CODA, "ingest", d, "--participants", sheet], [floor, turns, floor_dir], env_a=env, before=fresh)
    shutil.rmtree(floor_dir, ignore_errors=True)
    os.remove(turns)
    r["ingest_s"] = r["ingest_pair"]["a"]
    r["floor_s"] = r["ingest_pair"]["b"]
    _, r["ingest_mb"], _, r["ingest_anon"] = run([CODA, "ingest", d, "--participants", sheet], anon=True, env=dict(env, CODA_PROJECT=project + "-mem"))
    shutil.rmtree(project + "-mem", ignore_errors=True)
    # Coding beside ripgrep with ASCII word boundaries (`--no-unicode`), one thread each.
    rules = os.path.join(WORK, "rules.txt")
    r["rules"] = rules_file(rules)
    r["code_pair"] = paired([CODA, "code", "--codebook", CODEBOOK], [rg, "-j1", "-c", "-i", "--no-unicode", "-f", rules, d], env_a=env)
    r["code_s"] = r["code_pair"]["a"]
    r["rg_s"] = r["code_pair"]["b"]
    _, r["code_mb"], _, r["code_anon"] = run([CODA, "code", "--codebook", CODEBOOK], anon=True, env=env)
    # The same corpus with plain ASCII punctuation: typographic text must not be slower.
    da, _, _ = corpus(size, ascii=True)
    pa = project + "-ascii"
    shutil.rmtree(pa, ignore_errors=True)
    env_a = dict(os.environ, CODA_PROJECT=pa)
    run([CODA, "ingest", da, "--participants", os.path.join(da, "participants.csv")], env=env_a)
    r["ascii_pair"] = paired([CODA, "code", "--codebook", CODEBOOK], [CODA, "code", "--codebook", CODEBOOK], env_a=env, env_b=env_a, pairs=3)
    r["code_ascii_s"] = r["ascii_pair"]["b"]
    shutil.rmtree(pa, ignore_errors=True)
    times = [run([CODA, "matrix", "--layout", "long", "--format", "csv"], env=env) for _ in range(5)]
    r["matrix_ms"] = statistics.median(t[0] for t in times) * 1000
    r["matrix_mb"] = max(t[1] for t in times)
    coda_counts = times[0][2].decode()
    times = [run([CODA, "quotes", "--theme", "rurality"], env=env) for _ in range(5)]
    r["quotes_ms"] = statistics.median(t[0] for t in times) * 1000
    r["quotes_mb"] = max(t[1] for t in times)
    # Search latency as a fresh process: per query the median of 10 runs after 2 warm-ups
    # (hyperfine, no shell), then the median and p95 over the queries, which all match.
    for q in SEARCHES:
        hits = run([CODA, "search", q, "--limit", "1", "--format", "csv"], env=env)[2].decode().splitlines()
        if len(hits) < 2:
            sys.exit(f"search {q!r} matches nothing at {size} MB: every benchmark query must match")
    for name, extra in [("plain", []), ("theme", ["--theme", "rurality"]), ("where", ["--where", "group=Client", "--where", "area=Rural"])]:
        lat = sorted(hyperfine_ms([CODA, "search", q, "--limit", "20", "--format", "csv"] + extra, env) for q in SEARCHES)
        r[f"search_{name}_median"] = statistics.median(lat)
        r[f"search_{name}_p95"] = lat[int(0.95 * (len(lat) - 1) + 0.5)]
    # The shell's warm latency: the same queries in one session (bench/shell.sh).
    out = subprocess.run([os.path.join(ROOT, "bench", "shell.sh"), env["CODA_PROJECT"], CODA, "csv"], capture_output=True, text=True, check=True).stdout
    last = out.strip().splitlines()[-1]
    r["shell_median"] = float(last.split("median ")[1].split(" ms")[0])
    r["shell_p95"] = float(last.split("p95 ")[1].split(" ms")[0])
    r["mem"], r["anon"] = peak_memory(r, d, sheet, env)
    r["waves"] = measure_waves(size)
    r["participants"] = len(run([CODA, "participants", "--format", "csv"], env=env)[2].splitlines()) - 1
    _, r["rg_mb"], _ = run([rg, "-j1", "-c", "-i", "--no-unicode", "-f", rules, d])
    limit = float(os.environ.get("BASELINE_MAX_MB", "inf"))
    if size > limit:
        # Keep the baseline of an earlier run at this size, if any, marked as such.
        r["py_s"], r["counts_equal"] = earlier.get("py_s"), earlier.get("counts_equal")
        if r["py_s"] is not None:
            r["py_mb"], r["py_earlier"] = earlier.get("py_mb", 0), True
        return r
    py_out = os.path.join(WORK, f"baseline-{size}mb.csv")
    r["py_s"], r["py_mb"], _ = run([sys.executable, os.path.join(ROOT, "bench", "baseline.py"), d, CODEBOOK, py_out])
    with open(py_out, newline="") as f:
        py_counts = f.read()
    r["counts_equal"] = list(csv.reader(io.StringIO(py_counts))) == list(csv.reader(io.StringIO(coda_counts)))
    if not r["counts_equal"]:
        print(f"COUNTS DIFFER at {size} MB: see {py_out}", file=sys.stderr)
    return r


def measure_waves(size):
    """The same size in two waves: each participant interviewed twice, every file's front
    matter giving its own wave, interview_type and date (transcript attributes). Ingest,
    code, the matrix by wave and the changes between waves."""
    d, mb, files = corpus(size, waves=2)
    project = os.path.join(WORK, f"project-{size}mb-w2")
    shutil.rmtree(project, ignore_errors=True)
    env = dict(os.environ, CODA_PROJECT=project)
    w = {"mb": mb, "files": files}
    w["ingest_s"], w["ingest_mb"], _ = run([CODA, "ingest", d, "--participants", os.path.join(d, "participants.csv")], env=env)
    w["code_s"], w["code_mb"], _ = run([CODA, "code", "--codebook", CODEBOOK], env=env)
    times = [run([CODA, "matrix", "--by", "interview_type", "--format", "csv"], env=env) for _ in range(5)]
    w["matrix_ms"] = statistics.median(t[0] for t in times) * 1000
    # Each participant once in Total, though most have two transcripts.
    n = next(l for l in times[0][2].decode().splitlines() if l.startswith("n,")).split(",")
    w["participants"] = int(n[-1])
    times = [run([CODA, "compare", "--by", "interview_type", "--format", "csv"], env=env) for _ in range(3)]
    w["compare_ms"] = statistics.median(t[0] for t in times) * 1000
    shutil.rmtree(project, ignore_errors=True)
    return w


def peak_memory(r, d, sheet, env):
    """Peak memory of every command that reads the whole project (issue 8: memory bounded
    by the largest file, not by the corpus), the project ingested and coded. `analyse`
    re-reads the corpus (all unchanged), codes it again (the same pass) and writes every
    output."""
    mem = {"ingest": r["ingest_mb"], "code": r["code_mb"]}
    anon = {"ingest": r["ingest_anon"], "code": r["code_anon"]}

    def measure(name, args, **kw):
        _, mem[name], _, anon[name] = run([CODA] + args, anon=True, **kw)

    measure("matrix", ["matrix", "--layout", "long", "--format", "csv"], env=env)
    measure("quotes --theme rurality", ["quotes", "--theme", "rurality"], env=env)
    for name, args in MEMORY:
        measure(name, args, env=env)
    out = os.path.join(WORK, f"analyse-{r['size']}mb")
    shutil.rmtree(out, ignore_errors=True)
    measure("analyse", ["analyse", d, "--participants", sheet, "--codebook", CODEBOOK, "--by", "group", "--out", out], env=env)
    shutil.rmtree(out, ignore_errors=True)
    # Every segment of the corpus folder, without a project: the whole corpus as CSV.
    measure("segments (folder)", ["segments", d, "--participants", sheet, "--format", "csv"], discard=True)
    return mem, anon


def measure_long(size, scale):
    """Peak memory only, on a corpus of the same size in `scale` times fewer, longer files."""
    d, mb, files = corpus(size, scale=scale)
    project = os.path.join(WORK, f"project-{size}mb-x{scale}")
    shutil.rmtree(project, ignore_errors=True)
    env = dict(os.environ, CODA_PROJECT=project)
    sheet = os.path.join(d, "participants.csv")
    largest = max(os.path.getsize(os.path.join(d, n)) for n in os.listdir(d) if n.endswith(".txt"))
    r = {"size": size, "mb": mb, "files": files, "scale": scale, "largest_mb": largest / 1e6}
    r["ingest_s"], r["ingest_mb"], _, r["ingest_anon"] = run([CODA, "ingest", d, "--participants", sheet], anon=True, env=env)
    r["code_s"], r["code_mb"], _, r["code_anon"] = run([CODA, "code", "--codebook", CODEBOOK], anon=True, env=env)
    r["mem"], r["anon"] = peak_memory(r, d, sheet, env)
    shutil.rmtree(project, ignore_errors=True)
    return r


def machine():
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    return f"{os.cpu_count()} cores ({cpu}), {mem} RAM, {platform.system()} {platform.release()}; {rustc}; Python {platform.python_version()}"


def main():
    args = sys.argv[1:]
    scale = 1
    if args[:1] == ["--scale"]:
        scale, args = int(args[1]), args[2:]
    sizes = [int(a) for a in args] or [10, 200, 1000]
    os.makedirs(WORK, exist_ok=True)
    subprocess.run(["cargo", "build", "--release", "--quiet", "--locked", "--bins", "--examples"], check=True, cwd=ROOT)
    rg, rg_version = ripgrep()
    # Results are kept per size in bench/work/results.json, so that `bench/run 1000` adds
    # the 1 GB column to an earlier `bench/run 10 200` (same machine, same build).
    import json
    saved_path = os.path.join(WORK, "results.json")
    saved = json.load(open(saved_path)) if os.path.exists(saved_path) else {}
    # Results from before the paired measurement cannot be reported beside it.
    saved = {k: v for k, v in saved.items() if not k.isdigit() or "ingest_pair" in v}
    for s in sizes:
        print(f"measuring {s} MB" + (f", interviews {scale}x longer" if scale > 1 else "") + " ...", file=sys.stderr)
        if scale > 1:
            saved[f"{s}x{scale}"] = measure_long(s, scale)
        else:
            saved[str(s)] = measure(s, rg, rg_version, saved.get(str(s), {}))
        with open(saved_path, "w") as f:
            json.dump(saved, f, indent=1)
    results = [saved[k] for k in sorted((k for k in saved if k.isdigit()), key=int)]
    long = [saved[k] for k in sorted((k for k in saved if not k.isdigit()), key=lambda k: (int(k.split("x")[1]), int(k.split("x")[0])))]
    write_report(results, rg_version, long)


def anon_mb(r, name):
    """A sampled peak, or '-' for a command too quick to sample."""
    a = r.get("anon", {}).get(name, 0)
    return "-" if a <= 0 else "<1" if a < 1 else f"{a:.0f}"


def write_report(results, rg_version, long):
    L = []
    L.append("# Benchmarks\n")
    L.append("Written by `bench/run " + " ".join(str(r["size"]) for r in results) + "` (see docs/benchmarks.md; sizes measured by separate runs are merged from bench/work/results.json). Machine: " + machine() + f"; ripgrep {rg_version}.\n")
    L.append("Corpora: `cargo run --release --example gen-corpus -- --size-mb N --seed 1` (interviews with front matter, five groups, multi-line turns, typographic punctuation in about a third of the files). Codebook: `codebooks/benchmark.toml`. Each comparison is timed in alternating runs (A B A B: a warm-up pair, then BENCH_PAIRS pairs, default 5): medians with the min-max range, and the median of the pair-by-pair ratios; the floors are ripgrep with ASCII word boundaries for coding and a minimal tantivy program with the lean schema for ingest. matrix, quotes: median of 5; search: per query the median of 10 runs after 2 warm-ups (hyperfine, each a fresh process), then the median and p95 over 20 queries that all match. Memory is peak RSS.\n")
    L.append("| | " + " | ".join(f"{r['size']} MB ({r['mb']:.0f} MB, {r['files']} files)" for r in results) + " |")
    L.append("| --- |" + " ---: |" * len(results))
    def row(name, fmt):
        L.append(f"| {name} | " + " | ".join(fmt(r) for r in results) + " |")
    def rng(p, k):
        lo, hi = p[f"{k}_range"]
        return f"{p[k]:.2f} s ({lo:.2f}-{hi:.2f})"
    row("`coda ingest`", lambda r: f"{rng(r['ingest_pair'], 'a')}, {r['mb'] / r['ingest_s']:.1f} MB/s, {r['ingest_mb']:.0f} MB")
    row("floor: the same turns into tantivy, lean schema (`examples/floor-index.rs`)", lambda r: f"{rng(r['ingest_pair'], 'b')}")
    row("ingest / floor, median of pairs (goal <= 1.15x)", lambda r: f"{r['ingest_pair']['ratio']:.2f}x")
    row("`coda code`", lambda r: f"{rng(r['code_pair'], 'a')}, {r['mb'] / r['code_s']:.1f} MB/s, {r['code_mb']:.0f} MB")
    row(f"floor: `rg -j1 -c -i --no-unicode -f rules.txt` ({results[0]['rules']} rules)", lambda r: f"{rng(r['code_pair'], 'b')}, {r['mb'] / r['rg_s']:.1f} MB/s, {r['rg_mb']:.0f} MB")
    row("code / ripgrep, median of pairs (goal <= 1.5x)", lambda r: f"{r['code_pair']['ratio']:.2f}x")
    row("`coda code`, same corpus in plain ASCII", lambda r: f"{rng(r['ascii_pair'], 'b')}; typographic / ASCII {r['ascii_pair']['ratio']:.2f}x (goal <= 1.2x)")
    row("`python3 bench/baseline.py`", lambda r: "not run (BASELINE_MAX_MB)" if r["py_s"] is None else f"{r['py_s']:.1f} s, {r['mb'] / r['py_s']:.2f} MB/s, {r['py_mb']:.0f} MB" + (" (earlier run)" if r.get("py_earlier") else ""))
    row("counts: baseline = `coda matrix --layout long`", lambda r: "not checked" if r["counts_equal"] is None else ("equal" if r["counts_equal"] else "**differ**"))
    row("`coda matrix`", lambda r: f"{r['matrix_ms']:.0f} ms, {r['matrix_mb']:.0f} MB")
    row("`coda quotes --theme rurality`", lambda r: f"{r['quotes_ms']:.0f} ms, {r['quotes_mb']:.0f} MB")
    for name, label in [("plain", "`coda search`"), ("theme", "`coda search --theme`"), ("where", "`coda search --where x2`")]:
        row(label + " median / p95", lambda r, n=name: f"{r[f'search_{n}_median']:.0f} / {r[f'search_{n}_p95']:.0f} ms")
    if all("shell_median" in r for r in results):
        row("`coda shell`, warm, median / p95 (`bench/shell.sh`)", lambda r: f"{r['shell_median']:.2f} / {r['shell_p95']:.2f} ms")
    if all("waves" in r for r in results):
        row("two waves (`gen-corpus --waves 2`): files / participants", lambda r: f"{r['waves']['files']} / {r['waves']['participants']}")
        row("two waves: `coda ingest`, `coda code`", lambda r: f"{r['waves']['ingest_s']:.1f} s, {r['waves']['code_s']:.1f} s")
        row("two waves: `matrix --by interview_type`, `compare --by interview_type`", lambda r: f"{r['waves']['matrix_ms']:.0f} ms, {r['waves']['compare_ms']:.0f} ms")
    row("baseline / code (goal >= 50x)", lambda r: "-" if r["py_s"] is None else f"{r['py_s'] / r['code_s']:.0f}x")
    L.append("")
    if len(results) > 1:
        a, b = results[-2], results[-1]
        ratio = (b["code_s"] / b["mb"]) / (a["code_s"] / a["mb"])
        L.append(f"Time per MB of `coda code` at {b['size']} MB over {a['size']} MB: {ratio:.2f}x (goal <= 1.2x).\n")
    if all("anon" in r for r in results) and len(results) > 1:
        L.append("## Peak memory\n")
        L.append("Each command's peak memory in MB, with what the project holds: peak RSS / peak anonymous memory. RSS counts the pages of index files tantivy maps for reading, which the kernel drops whenever it needs the room; anonymous memory (heap and stacks, sampled every 5 ms) is what coda itself holds. The last column is the anonymous memory a transcript added between the two largest sizes: memory that grows with the number of transcripts and participants rather than with the text (each transcript is about 13 KB of text).\n")
        a, b = results[-2], results[-1]
        L.append("| command | " + " | ".join(f"{r['size']} MB" for r in results) + f" | per transcript, {a['size']} -> {b['size']} MB |")
        L.append("| --- |" + " ---: |" * (len(results) + 1))
        L.append("| transcripts / participants | " + " | ".join(f"{r['files']} / {r['participants']}" for r in results) + " | |")
        for name in results[-1]["mem"]:
            per = (b["anon"][name] - a["anon"][name]) * 1024 * 1024 / (b["files"] - a["files"])
            L.append(f"| `coda {name}` | " + " | ".join(f"{r['mem'][name]:.0f} / {anon_mb(r, name)}" for r in results) + f" | {max(per, 0):,.0f} bytes |")
        L.append("")
    if long:
        L.append("## Peak memory, long interviews\n")
        L.append("The same measure on corpora of the same sizes in fewer, longer files (`gen-corpus --scale K`: every interview K times longer): what memory does when the corpus grows by its text rather than by its number of transcripts. Peak RSS / peak anonymous memory, in MB.\n")
        L.append("| command | " + " | ".join(f"{r['size']} MB x{r['scale']} ({r['files']} files, largest {r['largest_mb']:.2f} MB)" for r in long) + " |")
        L.append("| --- |" + " ---: |" * len(long))
        for name in long[-1]["mem"]:
            L.append(f"| `coda {name}` | " + " | ".join(f"{r['mem'][name]:.0f} / {anon_mb(r, name)}" for r in long) + " |")
        L.append("")
    L.append("## Goals\n")
    big = results[-1]
    def goal(ok, text):
        L.append(f"- {'met' if ok else '**not met**'}: {text}")
    for r in results:
        goal(r["code_pair"]["ratio"] <= 1.5, f"`coda code` within 1.5x of single-threaded ripgrep with ASCII word boundaries at {r['size']} MB ({r['code_pair']['ratio']:.2f}x)")
    for r in results:
        goal(r["ingest_pair"]["ratio"] <= 1.15, f"`coda ingest` within 1.15x of the floor program at {r['size']} MB ({r['ingest_pair']['ratio']:.2f}x)")
    for r in results:
        if r["py_s"] is not None:
            goal(r["py_s"] >= 50 * r["code_s"], f"at least 50x faster than the Python baseline at {r['size']} MB ({r['py_s'] / r['code_s']:.0f}x)")
    med, p95 = big["search_plain_median"], big["search_plain_p95"]
    goal(med < 5 and p95 < 10, f"`coda search` median under 5 ms and p95 under 10 ms at {big['size']} MB ({med:.1f} / {p95:.1f} ms, each a new process: startup included)")
    if "shell_median" in big:
        goal(big["shell_median"] < 1 and big["shell_p95"] < 3, f"`coda shell` warm median under 1 ms and p95 under 3 ms at {big['size']} MB ({big['shell_median']:.2f} / {big['shell_p95']:.2f} ms)")
    goal(big["matrix_ms"] < 10, f"`coda matrix` under 10 ms at {big['size']} MB ({big['matrix_ms']:.0f} ms)")
    for r in results:
        goal(r["code_mb"] < 100, f"peak memory of `coda code` under 100 MB at {r['size']} MB ({r['code_mb']:.0f} MB)")
    for r in results:
        goal(r["ascii_pair"]["ratio"] <= 1.2, f"typographic corpus within 1.2x of the same corpus in ASCII at {r['size']} MB ({r['ascii_pair']['ratio']:.2f}x)")
    if len(results) > 1:
        a, b = results[-2], results[-1]
        ratio = (b["code_s"] / b["mb"]) / (a["code_s"] / a["mb"])
        goal(ratio <= 1.2, f"time per MB of `coda code` at {b['size']} MB within 1.2x of {a['size']} MB ({ratio:.2f}x)")
    L.append("")
    # Notes written by hand under "## Notes" stay.
    path = os.path.join(ROOT, "BENCHMARKS.md")
    if os.path.exists(path):
        old = open(path).read()
        if "\n## Notes" in old:
            L.append("## Notes" + old.split("\n## Notes", 1)[1].rstrip("\n"))
    with open(os.path.join(ROOT, "BENCHMARKS.md"), "w") as f:
        f.write("\n".join(L) + "\n")
    print("\n".join(L))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Before and after: this build of coda beside another build (the one before a change),
on the benchmark corpora, in alternating runs (A B A B ...), medians and min-max.

    bench/compare BEFORE_CODA [--pairs N] [SIZE_MB ...]      # default: 5 pairs, 200 1000

BEFORE_CODA is the other build's binary, for example one built from an earlier commit:

    git worktree add /tmp/before <commit> && (cd /tmp/before && cargo build --release)
    bench/compare /tmp/before/target/release/coda 200 1000

For each size: `ingest` (a fresh project each run) and `code`, then from fresh processes
`matrix`, `search` (20 queries: plain, with `--theme`, with `--where`), each command's
peak memory (GNU time's maximum RSS, and the sampled peak of anonymous memory), and a
check that both builds print the same bytes for the matrix and the searches. Results go
to bench/work/compare.json and, as Markdown, to stdout.
"""
import json
import os
import shutil
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as bench  # noqa: E402  (the benchmark's corpus, runner and queries)

AFTER = bench.CODA


def spread(xs):
    return {"median": statistics.median(xs), "min": min(xs), "max": max(xs)}


def paired(pairs, a, b):
    """Run a() and b() alternately `pairs` times after one warm-up of each; lists of
    their results."""
    a(), b()
    ra, rb = [], []
    for _ in range(pairs):
        ra.append(a())
        rb.append(b())
    return ra, rb


def measure(size, before, pairs):
    d, mb, files = bench.corpus(size)
    sheet = os.path.join(d, "participants.csv")
    proj = {k: os.path.join(bench.WORK, f"compare-{k}-{size}mb") for k in ("before", "after")}
    env = {k: dict(os.environ, CODA_PROJECT=p) for k, p in proj.items()}
    exe = {"before": before, "after": AFTER}
    out = {"size": size, "mb": mb, "files": files}

    def ingest(k):
        def go():
            shutil.rmtree(proj[k], ignore_errors=True)
            s, rss, _, anon = bench.run([exe[k], "ingest", d, "--participants", sheet], anon=True, env=env[k])
            return s, rss, anon
        return go

    def code(k):
        def go():
            s, rss, _, anon = bench.run([exe[k], "code", "--codebook", bench.CODEBOOK], anon=True, env=env[k])
            return s, rss, anon
        return go

    for name, make in (("ingest", ingest), ("code", code)):
        ra, rb = paired(pairs, make("before"), make("after"))
        out[name] = {
            "before_s": spread([r[0] for r in ra]),
            "after_s": spread([r[0] for r in rb]),
            "ratio": spread([b[0] / a[0] for a, b in zip(ra, rb)]),
            "before_rss": max(r[1] for r in ra),
            "after_rss": max(r[1] for r in rb),
            "before_anon": max(r[2] for r in ra),
            "after_anon": max(r[2] for r in rb),
        }
        print(f"{size} MB {name}: before {out[name]['before_s']['median']:.2f} s, after {out[name]['after_s']['median']:.2f} s", file=sys.stderr)

    def reader(k, args):
        def go():
            s, rss, stdout = bench.run([exe[k]] + args, env=env[k])
            return s * 1000, rss, stdout
        return go

    same = True
    reads = {
        "matrix": [["matrix", "--layout", "long", "--format", "csv"]],
        "search": [["search", q, "--limit", "20", "--format", "csv"] for q in bench.SEARCHES],
        "search --theme": [["search", q, "--limit", "20", "--format", "csv", "--theme", "rurality"] for q in bench.SEARCHES],
        "search --where": [["search", q, "--limit", "20", "--format", "csv", "--where", "group=Client", "--where", "area=Rural"] for q in bench.SEARCHES],
    }
    for name, commands in reads.items():
        lat_a, lat_b, rss_a, rss_b = [], [], [], []
        for args in commands:
            ra, rb = paired(pairs if len(commands) == 1 else max(1, pairs // 2), reader("before", args), reader("after", args))
            lat_a += [r[0] for r in ra]
            lat_b += [r[0] for r in rb]
            rss_a += [r[1] for r in ra]
            rss_b += [r[1] for r in rb]
            if ra[-1][2] != rb[-1][2]:
                same = False
                print(f"OUTPUT DIFFERS: {' '.join(args)}", file=sys.stderr)
        out[name] = {
            "before_ms": spread(lat_a),
            "after_ms": spread(lat_b),
            "before_rss": max(rss_a),
            "after_rss": max(rss_b),
        }
        print(f"{size} MB {name}: before {out[name]['before_ms']['median']:.1f} ms, after {out[name]['after_ms']['median']:.1f} ms", file=sys.stderr)
    out["same_output"] = same

    # Peak memory of the commands that read the whole project, once each.
    mem = {}
    for name, args in [("matrix", ["matrix", "--format", "csv"]), ("quotes --theme rurality", ["quotes", "--theme", "rurality"])] + bench.MEMORY:
        row = {}
        for k in ("before", "after"):
            _, rss, _, anon = bench.run([exe[k]] + args, anon=True, env=env[k])
            row[k] = (rss, anon)
        mem[name] = row
    out["memory"] = mem
    for p in proj.values():
        shutil.rmtree(p, ignore_errors=True)
    return out


def report(results):
    L = ["| size | command | before | after | after / before (pairs) |", "| --- | --- | ---: | ---: | ---: |"]
    for r in results:
        for name in ("ingest", "code"):
            x = r[name]
            L.append(
                f"| {r['size']} MB | `{name}` | {x['before_s']['median']:.2f} s ({x['before_s']['min']:.2f}-{x['before_s']['max']:.2f}), {x['before_rss']:.0f} MB RSS, {x['before_anon']:.0f} MB anon"
                f" | {x['after_s']['median']:.2f} s ({x['after_s']['min']:.2f}-{x['after_s']['max']:.2f}), {x['after_rss']:.0f} MB RSS, {x['after_anon']:.0f} MB anon"
                f" | {x['ratio']['median']:.2f} ({x['ratio']['min']:.2f}-{x['ratio']['max']:.2f}) |"
            )
        for name in ("matrix", "search", "search --theme", "search --where"):
            x = r[name]
            L.append(
                f"| {r['size']} MB | `{name}` | {x['before_ms']['median']:.1f} ms ({x['before_ms']['min']:.1f}-{x['before_ms']['max']:.1f}), {x['before_rss']:.0f} MB"
                f" | {x['after_ms']['median']:.1f} ms ({x['after_ms']['min']:.1f}-{x['after_ms']['max']:.1f}), {x['after_rss']:.0f} MB"
                f" | {x['after_ms']['median'] / x['before_ms']['median']:.2f} |"
            )
    L.append("")
    L.append("Peak memory of the reading commands (maximum RSS / sampled anonymous memory, MB):")
    L.append("")
    L.append("| size | command | before | after |")
    L.append("| --- | --- | ---: | ---: |")
    for r in results:
        for name, row in r["memory"].items():
            L.append(f"| {r['size']} MB | `{name}` | {row['before'][0]:.0f} / {row['before'][1]:.0f} | {row['after'][0]:.0f} / {row['after'][1]:.0f} |")
    L.append("")
    L.append("Same output from both builds (matrix and every search): " + ", ".join(f"{r['size']} MB {'yes' if r['same_output'] else 'NO'}" for r in results) + ".")
    return "\n".join(L)


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    before = os.path.abspath(args.pop(0))
    pairs = 5
    if args[:1] == ["--pairs"]:
        pairs = int(args[1])
        args = args[2:]
    sizes = [int(a) for a in args] or [200, 1000]
    os.makedirs(bench.WORK, exist_ok=True)
    results = [measure(s, before, pairs) for s in sizes]
    with open(os.path.join(bench.WORK, "compare.json"), "w") as f:
        json.dump(results, f, indent=1)
    print(report(results))


if __name__ == "__main__":
    main()

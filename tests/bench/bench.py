#!/usr/bin/env python3
"""make bench: measures conductscan against the floor on the generated exports.

For every data set (tests/bench/data/NAME.zip, made by gen.c):

* hyperfine: the floor `bsdtar -xOf ZIP | sha256sum` (one warm-up), and the
  scan with -j 1 and -j 2, the bundle folder removed before every run
  (--prepare).  Their medians are the table's wall times.
* interleaved pairs: floor, scan -j 1, floor, scan -j 2, ... repeated; the
  ratio scan/floor is the median of the per-pair ratios, so that a noisy
  neighbour slows both halves of a pair alike.  Each scan of a pair runs
  under /usr/bin/time -v: peak RSS and CPU time (user + sys) come from there.

It prints one table and writes it, with the machine and the date, between
the markers of tests/bench/results.md; the rest of that file (the profile,
"where the time goes") is kept as it is.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time
import zipfile

BEGIN = "<!-- bench:begin (written by make bench; edit outside the markers) -->"
END = "<!-- bench:end -->"

TARGET_RATIO_J2 = 1.5
TARGET_RATIO_J1 = 3.0
TARGET_RSS_MIB = 64


def sh(cmd):
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()


def machine():
    model = "?"
    mem = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    mem = "%.1f GiB" % (int(line.split()[1]) / 1048576)
                    break
    except OSError:
        pass
    return {
        "nproc": sh("nproc"),
        "model": model,
        "memory": mem,
        "kernel": platform.release(),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": sh("git rev-parse --short HEAD 2>/dev/null") or "?",
        "dirty": bool(sh("git status --porcelain --untracked-files=no -- scanner formats reports 2>/dev/null")),
        "hyperfine": sh("hyperfine --version 2>/dev/null") or "missing",
    }


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return float(f.read().split()[0])
    except OSError:
        return -1.0


def scan_cmd(binary, jobs, out, zip_path):
    # exit 1 means "findings": a successful scan
    return "%s scan -q -j %d -o %s %s; test $? -le 1" % (
        shlex.quote(binary), jobs, shlex.quote(out), shlex.quote(zip_path))


def floor_cmd(zip_path):
    return "bsdtar -xOf %s | sha256sum >/dev/null" % shlex.quote(zip_path)


def hyperfine(cmds, runs, warmup, prepare, json_path):
    argv = ["hyperfine", "--style", "basic", "--runs", str(runs), "--warmup", str(warmup),
            "--export-json", json_path]
    if prepare:
        argv += ["--prepare", prepare]
    for name, c in cmds:
        argv += ["-n", name, c]
    subprocess.run(argv, check=True, stdout=sys.stderr)
    with open(json_path) as f:
        res = json.load(f)["results"]
    return {r["command"]: statistics.median(r["times"]) for r in res}


def timed(cmd):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       text=True)
    t = time.perf_counter() - t0
    if r.returncode != 0:
        raise SystemExit("bench: failed: %s\n%s" % (cmd, r.stderr))
    return t


def timed_verbose(cmd):
    """A scan under /usr/bin/time -v: wall, user + sys, peak RSS (KiB)."""
    log = "/tmp/conductscan-bench-time.%d" % os.getpid()
    full = "/usr/bin/time -v -o %s sh -c %s" % (log, shlex.quote(cmd))
    t = timed(full)
    with open(log) as f:
        text = f.read()
    os.unlink(log)
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", text).group(1))
    syst = float(re.search(r"System time \(seconds\): ([\d.]+)", text).group(1))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    return t, user + syst, rss


def counts(bundle):
    with open(os.path.join(bundle, "findings.json")) as f:
        d = json.load(f)
    return sum(d["counts"].values()), len(d["findings"])


def unpacked(zip_path):
    with zipfile.ZipFile(zip_path) as z:
        infos = z.infolist()
        js = sum(i.file_size for i in infos if i.filename.endswith((".js", ".json")))
        return sum(i.file_size for i in infos), js, len(infos)


def measure(name, zip_path, binary, runs, pairs, workdir):
    out = os.path.join(workdir, "out-" + name)
    rm = "rm -rf %s" % shlex.quote(out)
    # warm the page cache: every command then reads from memory
    subprocess.run("cat %s >/dev/null" % shlex.quote(zip_path), shell=True, check=True)
    r = {"name": name}
    r["zip"] = os.path.getsize(zip_path)
    r["unpacked"], r["json"], r["entries"] = unpacked(zip_path)
    print("== %s: %.0f MB zip, %.0f MB unpacked (%.0f MB JSON)" % (
        name, r["zip"] / 1e6, r["unpacked"] / 1e6, r["json"] / 1e6), file=sys.stderr)

    # hyperfine: floor, scan -j 1, scan -j 2
    hf = hyperfine([("floor", floor_cmd(zip_path))], max(runs, 3), 1, None,
                   os.path.join(workdir, "hf-%s-floor.json" % name))
    r["floor"] = hf["floor"]
    hf = hyperfine([("j1", scan_cmd(binary, 1, out, zip_path)),
                    ("j2", scan_cmd(binary, 2, out, zip_path))], runs, 0, rm,
                   os.path.join(workdir, "hf-%s-scan.json" % name))
    r["j1"], r["j2"] = hf["j1"], hf["j2"]

    # interleaved pairs
    ratios = {1: [], 2: []}
    cpu = {1: [], 2: []}
    rss = {1: [], 2: []}
    for _ in range(pairs):
        for j in (1, 2):
            f = timed(floor_cmd(zip_path))
            subprocess.run(rm, shell=True, check=True)
            t, c, m = timed_verbose(scan_cmd(binary, j, out, zip_path))
            ratios[j].append(t / f)
            cpu[j].append(c)
            rss[j].append(m)
    if pairs == 0:          # still one run each for RSS and CPU
        for j in (1, 2):
            subprocess.run(rm, shell=True, check=True)
            t, c, m = timed_verbose(scan_cmd(binary, j, out, zip_path))
            ratios[j].append(t / r["floor"])
            cpu[j].append(c)
            rss[j].append(m)
    for j in (1, 2):
        r["ratio%d" % j] = statistics.median(ratios[j])
        r["ratios%d" % j] = ratios[j]
        r["cpu%d" % j] = statistics.median(cpu[j])
        r["rss%d" % j] = max(rss[j]) / 1024.0
    r["items"], r["findings"] = counts(out)
    subprocess.run(rm, shell=True, check=True)
    return r


def table(results):
    head = ("| data set | zip MB | unpacked MB (JSON) | items | floor s | scan -j1 s | scan -j2 s "
            "| scan/floor -j1 | scan/floor -j2 | items/s -j1 | items/s -j2 | CPU s -j1 / -j2 "
            "| peak RSS MiB -j1 / -j2 |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in results:
        lines.append(
            "| %s | %.0f | %.0f (%.0f) | %d | %.2f | %.2f | %.2f | %.1f | %.1f | %.0f | %.0f "
            "| %.1f / %.1f | %.0f / %.0f |" % (
                r["name"], r["zip"] / 1e6, r["unpacked"] / 1e6, r["json"] / 1e6, r["items"],
                r["floor"], r["j1"], r["j2"], r["ratio1"], r["ratio2"],
                r["items"] / r["j1"], r["items"] / r["j2"], r["cpu1"], r["cpu2"],
                r["rss1"], r["rss2"]))
    return "\n".join(lines)


def verdicts(results):
    out = []
    by = {r["name"]: r for r in results}
    tw = by.get("tw200k")
    if tw:
        for j, target in ((2, TARGET_RATIO_J2), (1, TARGET_RATIO_J1)):
            v = tw["ratio%d" % j]
            out.append("- scan/floor with -j %d on tw200k: %.1f (target <= %.1f): %s" % (
                j, v, target, "met" if v <= target else "NOT met, %.1fx over" % (v / target)))
    worst = max(max(r["rss1"], r["rss2"]) for r in results)
    out.append("- peak RSS, worst of all runs: %.0f MiB (target <= %d MiB): %s" % (
        worst, TARGET_RSS_MIB, "met" if worst <= TARGET_RSS_MIB else
        "NOT met, %.1fx over" % (worst / TARGET_RSS_MIB)))
    lin = [by[n] for n in ("tw50k", "tw100k", "tw200k") if n in by]
    if len(lin) >= 2:
        for j in (1, 2):
            per = ["%s %.3f" % (r["name"], 1000.0 * r["j%d" % j] / r["items"]) for r in lin]
            out.append("- linearity, -j %d: wall ms per item: %s (%s)" % (j, ", ".join(per), "linear within 15%" if
                       max(r["j%d" % j] / r["items"] for r in lin) <=
                       1.15 * min(r["j%d" % j] / r["items"] for r in lin) else "NOT linear"))
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="./conductscan")
    ap.add_argument("--data", default="tests/bench/data")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pairs", type=int, default=3)
    ap.add_argument("--out", default="tests/bench/results.md")
    ap.add_argument("--label", help="what the binary is, when not the work tree's build")
    ap.add_argument("sets", nargs="+")
    a = ap.parse_args()
    if not shutil.which("hyperfine"):
        raise SystemExit("bench: hyperfine is missing (scripts/deps hyperfine)")
    m = machine()
    # A private copy: `make` elsewhere rewrites ./conductscan in place,
    # which kills a run that has it mapped (SIGBUS).
    binary = os.path.join(a.data, "conductscan.bench")
    shutil.copyfile(a.bin, binary)
    os.chmod(binary, 0o755)
    os.environ.setdefault("CONDUCTSCAN_DATADIR", os.getcwd())
    m["version"] = sh("%s --version" % shlex.quote(binary))
    if a.label:
        m["commit"], m["dirty"] = a.label, False
    load0 = loadavg()
    results = []
    for s in a.sets:
        # NAME or NAME:PAIRS (fewer pairs for the linearity sets)
        name, _, pairs = s.partition(":")
        results.append(measure(name, os.path.join(a.data, name + ".zip"), binary, a.runs,
                               int(pairs) if pairs else a.pairs, a.data))
    load1 = loadavg()
    text = [
        "Measured %s on %s CPUs (%s), %s RAM, Linux %s; conductscan at %s%s; %s." % (
            m["date"], m["nproc"], m["model"], m["memory"], m["kernel"], m["commit"],
            " (with uncommitted changes)" if m["dirty"] else "", m["hyperfine"]),
        "Load average (1 min) %.1f before, %.1f after: above 0 means other processes shared "
        "the two cores, and the wall times and ratios are that much worse than on an idle "
        "machine; the CPU column is less affected." % (load0, load1),
        "Runs: hyperfine %d per scan (median), interleaved pairs %s per -j (median ratio). "
        "Page cache warm. Scans with the default pack (uk-council), no --org, "
        "`--format html,csv`." % (a.runs, ", ".join(
            "%s %s" % (x.partition(":")[0], x.partition(":")[2] or a.pairs) for x in a.sets)),
        "",
        table(results),
        "",
        verdicts(results),
    ]
    block = "\n".join(text)
    print("\n" + block)
    try:
        with open(a.out) as f:
            old = f.read()
    except OSError:
        old = "# conductscan benchmark\n\n%s\n%s\n" % (BEGIN, END)
    if BEGIN in old and END in old:
        new = old[:old.index(BEGIN) + len(BEGIN)] + "\n" + block + "\n" + old[old.index(END):]
    else:
        new = old.rstrip("\n") + "\n\n" + BEGIN + "\n" + block + "\n" + END + "\n"
    with open(a.out, "w") as f:
        f.write(new)
    with open(os.path.join(a.data, "results.json"), "w") as f:
        json.dump({"machine": m, "results": results}, f, indent=1)
    print("\nbench: written to %s" % a.out)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Print bench.sh's table and ratios.

    report.py RESULTS META MEMORY

RESULTS has one line per run: `key size run wall_us 0 user_s sys_s` (run
0 is the warm-up and is left out); META has `key=value` lines; MEMORY has
`key size rss_kb` per run under GNU time (benches/timer.py).
"""

import statistics
import sys

SIZES = (25, 210, 2100)
FORMATS = (("check", "check (read + layout)"), ("pdf", "PDF"), ("html", "HTML"), ("both", "PDF+HTML"), ("pptx", "PPTX"))

# The targets.
GFMD_VS_TYPST = 0.25
S210_VS_TYPST = 0.5
S2100_MS = 1000
S2100_MB = 200
LINEAR = 12
CODE_MS_PER_LANGUAGE = 5
CODE_SLIDES = 31  # the code decks' size key: 30 code slides and the title
PPTX_VS_PDF = 1.0  # issue 19: GFMD to PPTX in no more than the PDF's time


def load(results_path, meta_path, memory_path):
    peaks = {}  # (key, size) -> the largest peak RSS in KiB
    with open(memory_path) as f:
        for line in f:
            key, size, rss = line.split()
            peaks[(key, int(size))] = max(peaks.get((key, int(size)), 0), int(rss))
    runs = {}  # (key, size) -> list of (wall_ms, peak_rss_kb, cpu_ms), timed runs only
    with open(results_path) as f:
        for line in f:
            key, size, run, wall_us, _, user, sys_ = line.split()
            if int(run) == 0:
                continue
            cpu = (float(user) + float(sys_)) * 1000
            rss = peaks.get((key, int(size)), 0)
            runs.setdefault((key, int(size)), []).append((int(wall_us) / 1000, rss, cpu))
    meta = {}
    with open(meta_path) as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("=")
            meta[k] = v
    return runs, meta


def med(xs):
    return statistics.median(xs)


def fmt_ms(x):
    return f"{x:.1f}" if x < 100 else f"{x:.0f}"


def mb(kb):
    return kb * 1024 / 1e6  # GNU time's %M is in KiB; MB = 10^6 bytes


def verdict(value, limit):
    return "met" if value <= limit else "MISSED"


def main(results_path, meta_path, memory_path):
    runs, meta = load(results_path, meta_path, memory_path)
    mode = meta.get("typst_mode", "none")
    out = []
    p = out.append

    p(
        f"deck benchmark: {meta.get('deck_version', 'deck')}, release build, commit {meta.get('commit', '?')}; "
        f"{meta.get('cpus', '?')} CPUs ({meta.get('cpu_model', '?')})"
    )
    p(f"each case: 1 warm-up, then {meta.get('runs')} timed runs; rounds interleave the cases (A B C ... A B C ...)")
    p(f"load average (1, 5, 15 min) at start {meta.get('loadavg_start')}, at end {meta.get('loadavg_end')}")
    floor = runs.get(("floor", 0))
    if floor:
        p(
            f"times: each process spawned and reaped by one timing process (benches/timer.py); /bin/true takes "
            f"{med([r[0] for r in floor]):.2f} ms that way, the least any process costs"
        )
    p("peak MB: the largest peak RSS of up to 3 more runs per case under /usr/bin/time -f %M")
    p("")

    header = f"{'case':<40} {'slides':>6} {'pages':>6} {'median ms':>10} {'min-max ms':>16} {'spread':>7} {'CPU ms':>7} {'peak MB':>8}"
    p(header)
    p("-" * len(header))

    def row(label, key, size, slides, pages):
        rs = runs.get((key, size))
        if not rs:
            return
        walls = [r[0] for r in rs]
        m = med(walls)
        spread = (max(walls) - min(walls)) / m * 100 if m else 0
        p(
            f"{label:<40} {slides:>6} {pages:>6} {fmt_ms(m):>10} "
            f"{fmt_ms(min(walls)) + '-' + fmt_ms(max(walls)):>16} {spread:>6.0f}% "
            f"{med([r[2] for r in rs]):>7.0f} {mb(max(r[1] for r in rs)):>8.1f}"
        )

    for n in SIZES:
        if not any(size == n for _, size in runs):
            continue  # CODE_ONLY=1
        name = "GFMD" if n == 25 else f"GFMD x {n}"
        slides = meta.get(f"slides_{n}", str(n))
        pages = meta.get(f"pages_{n}", "?")
        for key, label in FORMATS:
            row(f"{name}: deck {label}", f"deck-{key}", n, slides, pages)
        if ("typst", n) in runs:
            row(f"{name}: typst PDF", "typst", n, slides, meta.get(f"typst_pages_{n}", "?"))
        if ("pyimport", n) in runs:
            row(f"{name}: python -c 'import typst'", "pyimport", n, "-", "-")
        p("")

    code_langs = [x for x in meta.get("code_langs", "").split(",") if x]
    if ("code-all", CODE_SLIDES) in runs:
        pages = "31"
        row("30 code blocks, no language: PDF+HTML", "code-plain", CODE_SLIDES, CODE_SLIDES, pages)
        row("30 code blocks, 10 languages: PDF+HTML", "code-all", CODE_SLIDES, CODE_SLIDES, pages)
        for lang in code_langs:
            row(f"30 code blocks, only {lang} named", f"code-{lang}", CODE_SLIDES, CODE_SLIDES, pages)
        p("")

    def walls(key, n):
        return [r[0] for r in runs.get((key, n), [])]

    def mwall(key, n):
        w = walls(key, n)
        return med(w) if w else None

    def code_costs():
        """Per case, the median over rounds of (case - plain deck) in ms,
        taken within each round; None without the code cases."""
        plain = walls("code-plain", CODE_SLIDES)
        if not plain:
            return None
        costs = {}
        for key in ["all"] + code_langs:
            w = walls(f"code-{key}", CODE_SLIDES)
            if len(w) == len(plain):
                costs[key] = med([a - b for a, b in zip(w, plain)])
        return costs if "all" in costs else None

    # ---- targets
    p("Targets (release build, 2 cores)")
    lin = {}
    for key, label in FORMATS:
        a, b = mwall(f"deck-{key}", 2100), mwall(f"deck-{key}", 210)
        if a and b:
            lin[key] = a / b

    startup = None
    if mode == "py":
        imports = [w for (k, _), rs in runs.items() if k == "pyimport" for w in (r[0] for r in rs)]
        if imports:
            startup = med(imports)

    def typst_ratio(n, deck_key):
        """(per-pair median, min, max) of deck / typst, and the same with
        Python's start-up taken off Typst's time."""
        d, t = walls(deck_key, n), walls("typst", n)
        if not d or not t or len(d) != len(t):
            return None
        raw = [a / b for a, b in zip(d, t)]
        res = {"raw": (med(raw), min(raw), max(raw))}
        if startup is not None:
            adj = [a / (b - startup) for a, b in zip(d, t) if b > startup]
            if adj:
                res["adj"] = (med(adj), min(adj), max(adj))
        inproc = meta.get(f"typst_inproc_{n}")
        if inproc:
            ip = [float(x) for x in inproc.split(",") if x]
            if len(ip) == len(d):
                r = [a / b for a, b in zip(d, ip)]
                res["inproc"] = (med(r), min(r), max(r))
        return res

    def show_ratio(label, res, limit):
        if res is None:
            p(f"  {label:<44} (no Typst figures)")
            return
        judged = res.get("adj", res["raw"]) if mode == "py" else res["raw"]
        r = res["raw"]
        line = f"  {label:<44} {r[0]:.3f} (pairs {r[1]:.3f}-{r[2]:.3f})"
        if "adj" in res:
            a = res["adj"]
            line += f"; start-up off: {a[0]:.3f} ({a[1]:.3f}-{a[2]:.3f})"
        line += f"   target <= {limit}: {verdict(judged[0], limit)}"
        p(line)

    if mode == "none":
        p(f"  deck / Typst: skipped: {meta.get('typst_why', 'no typst')}")
    else:
        show_ratio("GFMD, deck PDF+HTML / typst PDF", typst_ratio(25, "deck-both") if ("typst", 25) in runs else None, GFMD_VS_TYPST)
        show_ratio("210 slides, deck PDF+HTML / typst PDF", typst_ratio(210, "deck-both") if ("typst", 210) in runs else None, S210_VS_TYPST)
    both2100 = runs.get(("deck-both", 2100))
    if both2100:
        m = med([r[0] for r in both2100])
        peak = mb(max(r[1] for r in both2100))
        p(f"  {'2,100 slides, deck PDF+HTML, median':<44} {m:.0f} ms   target <= {S2100_MS} ms: {verdict(m, S2100_MS)}")
        p(f"  {'2,100 slides, deck PDF+HTML, peak RSS':<44} {peak:.1f} MB   target <= {S2100_MB} MB: {verdict(peak, S2100_MB)}")
    if "both" in lin:
        p(f"  {'linear: 2,100 / 210 slides, PDF+HTML':<44} {lin['both']:.2f}   target <= {LINEAR}: {verdict(lin['both'], LINEAR)}")
    for n in SIZES:
        pptx, pdf = walls("deck-pptx", n), walls("deck-pdf", n)
        if pptx and pdf:
            ratios = [a / b for a, b in zip(pptx, pdf)]
            label = "GFMD" if n == 25 else f"{n:,} slides"
            p(
                f"  {label + ', deck PPTX / PDF, per round':<44} {med(ratios):.3f} (pairs {min(ratios):.3f}-{max(ratios):.3f})"
                f"   target <= {PPTX_VS_PDF}: {verdict(med(ratios), PPTX_VS_PDF)}"
            )
    code = code_costs()
    if code:
        per_lang = code["all"] / len(code_langs)
        p(
            f"  {'code: (10 languages - plain) / 10, median':<44} {per_lang:.1f} ms per language   "
            f"target <= {CODE_MS_PER_LANGUAGE} ms: {verdict(per_lang, CODE_MS_PER_LANGUAGE)}"
        )
    p("")

    # ---- other figures
    p("More ratios (medians)")
    if lin:
        p("  2,100 / 210 slides: " + ", ".join(f"{lbl} {lin[k]:.2f}" for k, lbl in FORMATS if k in lin)
          + "  (slides x10; the 2,100-slide deck has 2099 [[slide]] tables, the 210 one 209)")
    a, b = mwall("deck-both", 210), mwall("deck-both", 25)
    if a and b:
        p(f"  210 / 25 slides, PDF+HTML: {a / b:.2f}  (slides x8.4; start-up and font work weigh more on 25)")
    if mode != "none":
        for n in SIZES:
            res = typst_ratio(n, "deck-pdf")
            if res:
                line = f"  {n} slides, deck PDF only / typst PDF: {res['raw'][0]:.3f}"
                if "adj" in res:
                    line += f"; start-up off: {res['adj'][0]:.3f}"
                p(line)
            for key in ("deck-both",):
                res = typst_ratio(n, key)
                if res and "inproc" in res:
                    p(f"  {n} slides, deck PDF+HTML process / typst.compile() in-process: {res['inproc'][0]:.3f}")
    p("")

    # ---- code highlighting
    code = code_costs()
    if code:
        plain, every = walls("code-plain", CODE_SLIDES), walls("code-all", CODE_SLIDES)
        ratios = [a / b for a, b in zip(every, plain)]
        p("Code highlighting (30 blocks, PDF+HTML; costs are the medians of each round's difference from the plain deck)")
        p(
            f"  10 languages: {fmt_ms(med(every))} ms against {fmt_ms(med(plain))} ms plain: ratio {med(ratios):.2f} "
            f"(pairs {min(ratios):.2f}-{max(ratios):.2f}), {code['all']:+.1f} ms, {code['all'] / len(code_langs):.1f} ms per language"
        )
        cpu = [a[2] - b[2] for a, b in zip(runs[("code-all", CODE_SLIDES)], runs[("code-plain", CODE_SLIDES)])]
        p(f"  CPU time: {med(cpu):+.1f} ms, {med(cpu) / len(code_langs):.1f} ms per language (steadier than wall time on a busy machine)")
        p("  one language at a time (its 3 blocks named, the others plain), first use included:")
        p("    " + ", ".join(f"{lang} {code[lang]:+.1f}" for lang in code_langs if lang in code) + " ms")
        p("")

    # ---- deck's time split
    p("deck's time split (medians; `check` reads and lays out, the exports run after that one layout)")
    for n in SIZES:
        c, pd, h, bo = (mwall(f"deck-{k}", n) for k in ("check", "pdf", "html", "both"))
        if None in (c, pd, h, bo):
            continue
        p(
            f"  {n:>5} slides: check {fmt_ms(c)} ms; PDF {fmt_ms(pd)} ms ({pd - c:+.1f} over check); "
            f"HTML {fmt_ms(h)} ms ({h - c:+.1f}); both {fmt_ms(bo)} ms "
            f"(PDF + HTML - check = {fmt_ms(pd + h - c)})"
        )
    p("")

    # ---- how Typst was run
    if mode == "none":
        p(f"Typst: comparison skipped: {meta.get('typst_why', '')}")
    else:
        p(f"Typst: {meta.get('typst_version', '?')}, run as {meta.get('typst_how', '?')}")
        if mode == "py" and startup is not None:
            p(
                f"  python -c 'import typst' start-up: median {startup:.1f} ms over all rounds; 'start-up off' ratios "
                f"take it off each Typst run; the targets are judged on those (the closer to a typst CLI)"
            )
            for n in SIZES:
                ip = meta.get(f"typst_inproc_{n}")
                if ip:
                    vals = [float(x) for x in ip.split(",") if x]
                    p(f"  {n} slides: typst.compile() alone, timed in-process: median {med(vals):.1f} ms ({min(vals):.1f}-{max(vals):.1f})")
        p("  the .typ document: benches/decks.py typst (same slides, 960x540pt pages, Inter from fonts/, theme sizes)")
    print("\n".join(out))


if __name__ == "__main__":
    main(*sys.argv[1:4])

#!/usr/bin/env bash
# Benchmark of `deck build`, the whole process, release build.
#
#   bash benches/bench.sh                    # RUNS=7 timed runs per case
#   RUNS=15 bash benches/bench.sh
#   INSTALL_TYPST=1 bash benches/bench.sh    # pip install typst if missing
#   INSTALL_TYPST=cli bash benches/bench.sh  # cargo install typst-cli if missing
#
# Cases: the GFMD deck (decks/gfmd/briefing.toml, 25 slides) and the same
# deck's [[slide]] tables repeated to 210 and 2,100 slides (generated in a
# temporary folder, never in the repo); each as `deck check` (layout only,
# nothing written), PDF only, HTML only, both, and PPTX only.  Then code
# highlighting: a deck of 30 code blocks in 10 languages against the same
# blocks plain (benches/code_decks.py), PDF and HTML.  When Typst is there
# (a `typst` CLI on PATH, or the PyPI `typst` module), an equivalent .typ
# document of the same slides is compiled to PDF in the same rounds,
# interleaved with deck's runs, and the ratios deck / typst are printed.
#
# Each case runs once as a warm-up, then RUNS times, the cases of a size
# interleaved round by round; benches/timer.py spawns and times every run
# itself (wall clock, and CPU from wait4), and takes the peak RSS from
# separate runs under GNU time (`/usr/bin/time -f %M`).
# See benches/README.md for what each figure means and the targets.
#
# Environment:
#   RUNS=N            timed runs per case (default 7)
#   INSTALL_TYPST=1   `pip install typst` when neither a typst CLI nor the
#                     Python module is found (otherwise the comparison is
#                     skipped); INSTALL_TYPST=cli: `cargo install typst-cli`
#                     instead, the CLI the targets were set against
#   NO_TYPST=1        skip the Typst comparison even when Typst is there
#   TYPST_SIZES="..." slide counts compiled with Typst (default "25 210";
#                     add 2100 for the big one too: Typst takes seconds)
#   PYTHON=path       the Python 3.11+ interpreter to use
#   KEEP_TMP=1        keep the temporary folder (generated decks, outputs)
#   CODE_ONLY=1       only the code-highlighting cases (no GFMD sizes,
#                     no Typst, no serve latency)
set -euo pipefail
export LC_ALL=C PYTHONDONTWRITEBYTECODE=1

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
BENCH=$ROOT/benches
GFMD=$ROOT/decks/gfmd/briefing.toml
FONTS=$ROOT/fonts
SIZES=(25 210 2100)
if [ "${CODE_ONLY:-0}" = 1 ]; then
  SIZES=()   # only the code-highlighting cases
fi

RUNS=${RUNS:-7}
if ! [[ $RUNS =~ ^[1-9][0-9]*$ ]]; then
  echo "bench.sh: RUNS must be a positive whole number, not '$RUNS'" >&2
  exit 2
fi
read -r -a TYPST_SIZES <<<"${TYPST_SIZES:-25 210}"
for n in "${TYPST_SIZES[@]}"; do
  case " 25 210 2100 " in
    *" $n "*) ;;
    *) echo "bench.sh: TYPST_SIZES may only name ${SIZES[*]}, not '$n'" >&2; exit 2 ;;
  esac
done

say() { printf '%s\n' "$*"; }

# ---------------------------------------------------------------- tools --

# GNU time, for the peak RSS (%M).  Debian's package is `time`.
if ! /usr/bin/time -f '%M' -o /dev/null true 2>/dev/null; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "GNU time (/usr/bin/time) is missing: installing Debian's 'time' package"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends time >/dev/null
  else
    echo "bench.sh: needs GNU time at /usr/bin/time: install it (Debian: sudo apt-get install time)" >&2
    exit 1
  fi
fi

# Python 3.11+ (tomllib) for the helpers.  Resolve the real interpreter:
# a pyenv shim in front of it costs tens of milliseconds per start, which
# would be counted in the Typst runs.
PY=${PYTHON:-}
if [ -z "$PY" ]; then
  for cand in python3 python; do
    if command -v "$cand" >/dev/null 2>&1; then
      PY=$("$cand" -c 'import sys; print(sys.executable)' 2>/dev/null) && break
    fi
  done
fi
if [ -z "$PY" ] || ! "$PY" -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null; then
  echo "bench.sh: needs Python 3.11 or newer (for tomllib); set PYTHON=/path/to/python3" >&2
  exit 1
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/deck-bench.XXXXXX")
if [ "${KEEP_TMP:-0}" = 1 ]; then
  trap 'echo "kept $WORK"' EXIT
else
  trap 'rm -rf "$WORK"' EXIT
fi
RESULTS=$WORK/results.txt   # key size run wall_us rss_kb user_s sys_s
META=$WORK/meta.txt         # key=value
: >"$RESULTS"
: >"$META"
meta() { printf '%s=%s\n' "$1" "$2" >>"$META"; }

# ---------------------------------------------------------------- build --

say "== .ci/release (the binary deck ships: dist profile, static glibc on Linux)"
DECK=$ROOT/$(bash "$ROOT/.ci/release" | tail -n 1)
[ -x "$DECK" ] || { echo "bench.sh: no binary at $DECK" >&2; exit 1; }

# ---------------------------------------------------------------- typst --

TYPST_MODE=none
TYPST_WHY=""
if [ "${NO_TYPST:-0}" = 1 ] || [ "${CODE_ONLY:-0}" = 1 ]; then
  TYPST_WHY="NO_TYPST=1 or CODE_ONLY=1"
else
  find_typst() {
    if command -v typst >/dev/null 2>&1 && typst --version >/dev/null 2>&1; then
      TYPST_MODE=cli
    elif "$PY" -c 'import typst' >/dev/null 2>&1; then
      TYPST_MODE=py
    fi
  }
  find_typst
  if [ "$TYPST_MODE" != cli ] && [ "${INSTALL_TYPST:-0}" = cli ]; then
    say "== cargo install --locked typst-cli   (INSTALL_TYPST=cli; about 25 minutes on 2 cores)"
    cargo install --locked --quiet typst-cli
    hash -r
    TYPST_MODE=none
    find_typst
  fi
  if [ "$TYPST_MODE" = none ] && [ "${INSTALL_TYPST:-0}" = 1 ]; then
    say "== $PY -m pip install typst   (INSTALL_TYPST=1)"
    "$PY" -m pip install --quiet --disable-pip-version-check typst
    hash -r
    find_typst
  fi
  if [ "$TYPST_MODE" = none ]; then
    TYPST_WHY="neither a typst CLI on PATH nor the Python module 'typst' for $PY; run with INSTALL_TYPST=1 to pip install typst"
  fi
fi
case $TYPST_MODE in
  cli)
    meta typst_mode cli
    meta typst_version "$(typst --version | head -n1)"
    meta typst_how "typst compile --ignore-system-fonts --font-path fonts IN.typ OUT.pdf (the CLI; nothing to subtract)"
    ;;
  py)
    meta typst_mode py
    meta typst_version "$("$PY" "$BENCH/decks.py" version)"
    meta typst_how "$PY -c 'import typst; typst.compile(IN.typ, output=OUT.pdf, font_paths=[fonts], ignore_system_fonts=True)' (no typst CLI: the PyPI module, so each run includes the interpreter's start and 'import typst')"
    ;;
  none)
    meta typst_mode none
    meta typst_why "$TYPST_WHY"
    ;;
esac

# ---------------------------------------------------------------- decks --

say "== generating decks in $WORK"
declare -a DECK_SRC=()
for n in "${SIZES[@]}"; do
  if [ "$n" = 25 ]; then
    cp "$GFMD" "$WORK/deck-$n.toml"   # the GFMD deck itself, read as is
    src=$GFMD
  else
    "$PY" "$BENCH/decks.py" repeat "$GFMD" "$n" "$WORK/deck-$n.toml"
    src=$WORK/deck-$n.toml
  fi
  # Build the 25-slide case from the repo's own manifest path (outputs go
  # to --out-dir in $WORK), the others from their generated copies.
  DECK_SRC[$n]=$src
  if [ "$TYPST_MODE" != none ]; then
    "$PY" "$BENCH/decks.py" typst "$WORK/deck-$n.toml" "$FONTS" "$WORK/deck-$n.typ"
  fi
done

# ---------------------------------------------------------------- timing --

# benches/timer.py runs the cases of a plan: a warm-up each, then RUNS
# interleaved rounds, timed by one long-lived process (posix_spawn +
# wait4, no shell or /usr/bin/time in between), then peak-RSS runs under
# GNU time.  plan_add KEY SIZE CMD... adds a case to $PLAN.
PLAN=$WORK/plan.bin
MEMORY=$WORK/memory.txt   # key size rss_kb
: >"$MEMORY"
plan_add() {
  local key=$1 size=$2
  shift 2
  printf '%s\0' "$key" "$size" "$#" "$@" >>"$PLAN"
}
run_plan() {
  "$PY" "$BENCH/timer.py" "$PLAN" "$RUNS" "$WORK" "$RESULTS" "$MEMORY"
}

deck_cmd() { # FORMAT SIZE -> the command line, in DECK_ARGS
  local fmt=$1 n=$2
  case $fmt in
    check) DECK_ARGS=("$DECK" check "${DECK_SRC[$n]}") ;;
    pdf) DECK_ARGS=("$DECK" build "${DECK_SRC[$n]}" --out-dir "$WORK/out-$n-pdf" --format pdf) ;;
    html) DECK_ARGS=("$DECK" build "${DECK_SRC[$n]}" --out-dir "$WORK/out-$n-html" --format html) ;;
    both) DECK_ARGS=("$DECK" build "${DECK_SRC[$n]}" --out-dir "$WORK/out-$n-both" --format pdf,html) ;;
    pptx) DECK_ARGS=("$DECK" build "${DECK_SRC[$n]}" --out-dir "$WORK/out-$n-pptx" --format pptx) ;;
  esac
}

typst_cmd() { # SIZE INPROC_FILE -> TYPST_ARGS
  local n=$1 tf=$2
  if [ "$TYPST_MODE" = cli ]; then
    TYPST_ARGS=(typst compile --ignore-system-fonts --font-path "$FONTS" "$WORK/deck-$n.typ" "$WORK/typst-$n.pdf")
  else
    TYPST_ARGS=("$PY" -c "$TYPST_PY" "$WORK/deck-$n.typ" "$WORK/typst-$n.pdf" "$FONTS" "$tf")
  fi
}

FORMATS=(check pdf html both pptx)

# The Python-module run: `python3 -c 'import typst; typst.compile(...)'`,
# which also notes the in-process time of the compile call alone.  The
# start-up baseline is the same interpreter with `-c 'import typst'`.
TYPST_PY='import sys, time, typst
t = time.perf_counter()
typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]], ignore_system_fonts=True)
t = time.perf_counter() - t
with open(sys.argv[4], "a") as f: f.write(f"{t * 1000:.3f}\n")'

meta loadavg_start "$(cut -d' ' -f1-3 /proc/loadavg)"
meta runs "$RUNS"
meta deck "$DECK"
meta deck_version "$("$DECK" --version 2>/dev/null || echo '?')"
meta commit "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- src Cargo.toml Cargo.lock .cargo 2>/dev/null || echo ' (with local changes)')"
meta cpus "$(nproc)"
meta cpu_model "$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')"

# The floor: the smallest process there is, spawned and reaped the same way.
: >"$PLAN"
plan_add floor 0 true
run_plan

for n in "${SIZES[@]}"; do
  with_typst=0
  if [ "$TYPST_MODE" != none ]; then
    for t in "${TYPST_SIZES[@]}"; do [ "$t" = "$n" ] && with_typst=1; done
  fi
  say "== $n slides: warm-up, then $RUNS rounds of: deck ${FORMATS[*]}$([ $with_typst = 1 ] && echo ", typst")$([ $with_typst = 1 ] && [ $TYPST_MODE = py ] && echo ", python -c 'import typst'")"

  : >"$PLAN"
  for fmt in "${FORMATS[@]}"; do
    deck_cmd "$fmt" "$n"
    plan_add "deck-$fmt" "$n" "${DECK_ARGS[@]}"
  done
  if [ $with_typst = 1 ]; then
    typst_cmd "$n" "$WORK/inproc-$n.txt"
    plan_add typst "$n" "${TYPST_ARGS[@]}"
    if [ "$TYPST_MODE" = py ]; then
      plan_add pyimport "$n" "$PY" -c 'import typst'
    fi
  fi
  run_plan

  # The warm-up's report line gives the slide and page counts.
  line=$(grep -m1 '^built ' "$WORK/warmup-err-deck-both-$n.txt" || true)
  say "   deck: $line"
  if [[ $line =~ ^built\ ([0-9]+)\ slides,\ ([0-9]+)\ pages ]]; then
    meta "slides_$n" "${BASH_REMATCH[1]}"
    meta "pages_$n" "${BASH_REMATCH[2]}"
  fi
  if grep -q -i 'warning' "$WORK/warmup-err-deck-both-$n.txt"; then
    say "   deck printed warnings:"
    sed 's/^/     /' "$WORK/warmup-err-deck-both-$n.txt"
  fi
  if [ $with_typst = 1 ]; then
    meta "typst_pages_$n" "$("$PY" "$BENCH/decks.py" pages "$WORK/typst-$n.pdf")"
    if [ "$TYPST_MODE" = py ]; then
      # The warm-up's in-process time is the file's first line.
      meta "typst_inproc_$n" "$(tail -n +2 "$WORK/inproc-$n.txt" | head -n "$RUNS" | paste -sd,)"
    fi
  fi
done

# ------------------------------------------------------ code highlighting --

# 30 code blocks in 10 languages (benches/code_decks.py), PDF and HTML,
# against the same deck with no language named (the code set plain), in
# the same rounds; and one deck per language where only that language's
# three blocks name it: what each language costs, its first use included.
CODE=$WORK/code
read -r -a CODE_LANGS <<<"$("$PY" "$BENCH/code_decks.py" "$CODE" | paste -sd' ')"
meta code_langs "$(IFS=,; echo "${CODE_LANGS[*]}")"
say "== code highlighting: warm-up, then $RUNS rounds of: 30 blocks plain, in 10 languages, then one language at a time (${CODE_LANGS[*]})"
: >"$PLAN"
code_case() { # KEY DECK_FILE
  plan_add "$1" 31 "$DECK" build "$CODE/$2" --out-dir "$WORK/out-$1" --format pdf,html
}
code_case code-plain plain.md
code_case code-all code.md
for lang in "${CODE_LANGS[@]}"; do
  code_case "code-$lang" "code-$lang.md"
done
run_plan
say "   deck: $(grep -m1 '^built ' "$WORK/warmup-err-code-all-31.txt" || true)"
for key in code-plain code-all; do
  if grep -q -i 'warning' "$WORK/warmup-err-$key-31.txt"; then
    say "   deck printed warnings for $key:"
    sed 's/^/     /' "$WORK/warmup-err-$key-31.txt"
  fi
done

meta loadavg_end "$(cut -d' ' -f1-3 /proc/loadavg)"

say ""
"$PY" "$BENCH/report.py" "$RESULTS" "$META" "$MEMORY"

# deck serve: from saving the manifest to the reload event, GFMD deck.
if [ "${CODE_ONLY:-0}" != 1 ]; then
  say ""
  "$PY" "$BENCH/serve_latency.py" "$DECK" "$GFMD" "$RUNS"
fi

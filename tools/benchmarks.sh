#!/usr/bin/env bash
# Runs every `asciml bench …` with --json and regenerates the measured table of docs/BENCHMARKS.md from that JSON.
# Every figure comes with the machine and its load (CPU model, threads, load average before/after, process CPU
# time, median and min of the repeats); `bench train` adds the in-process sgemm rate and fraction_of_limit, a
# ratio that stays comparable between machines.
#
#   tools/benchmarks.sh              build (Release), run all, rewrite docs/BENCHMARKS.md and docs/benchmarks/latest.jsonl
#   tools/benchmarks.sh --no-build   use the existing Release build
#   tools/benchmarks.sh --table-only regenerate the table from docs/benchmarks/latest.jsonl without measuring
#   THREADS=2 (default) sets --threads of the model benches.
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
measure=1
for argument in "$@"; do
  case "$argument" in
    --no-build) build=0 ;;
    --table-only) build=0; measure=0 ;;
    *) echo "usage: tools/benchmarks.sh [--no-build|--table-only]" >&2; exit 2 ;;
  esac
done

command -v jq >/dev/null || { echo "tools/benchmarks.sh needs jq" >&2; exit 1; }
threads="${THREADS:-2}"
results=docs/benchmarks/latest.jsonl
doc=docs/BENCHMARKS.md
mkdir -p docs/benchmarks

if [ "$build" = 1 ]; then
  dotnet build src/Asciml.Cli -c Release -v quiet -nologo >&2
fi

if [ "$measure" = 1 ]; then
  asciml=(dotnet src/Asciml.Cli/bin/Release/net10.0/asciml.dll)
  partial="$(mktemp)"
  trap 'rm -f "$partial"' EXIT
  run() {
    echo "asciml $* --json" >&2
    "${asciml[@]}" "$@" --json | jq -c --arg command "asciml $* --json" '. + {command: $command}' >> "$partial"
  }
  # One line per measured command; a new preset or family adds its `bench train|infer --preset …` lines here.
  run bench synth
  run bench features
  run bench import
  run bench train --preset paper --threads "$threads"
  run bench train --preset lite --threads "$threads"
  run bench infer --preset paper --threads "$threads"
  run bench infer --preset lite --threads "$threads"
  run bench train --preset timbre --threads "$threads"
  run bench infer --preset timbre --threads "$threads"
  jq -c --arg date "$(date -u '+%Y-%m-%d %H:%M UTC')" --arg commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    '. + {date: $date, commit: $commit}' "$partial" > "$results"
fi

[ -s "$results" ] || { echo "no results in $results: run without --table-only first" >&2; exit 1; }

table="$(jq -rs '
  def r(x; d): (x * pow(10; d) | round) / pow(10; d);
  def load: "\(.load_before[0] // "?")→\(.load_after[0] // "?")";
  def row(what; target; figure; ratio):
    "| \(what) | `\(.command)` | \(target) | \(figure) | \(ratio) | \(.threads) | \(load) | \(.cpu_per_wall // "?") |";
  (first | "Measured \(.date) at commit \(.commit) on **\(.cpu_model)**, \(.logical_cores) logical cores. " +
     "Load is the 1-minute load average before → after each command; cpu/wall is the process CPU time over wall time " +
     "(below the thread count means other work took the CPU)."),
  "",
  "| what | command | target | median (min) | ratio in the same run | threads | load | cpu/wall |",
  "| --- | --- | --- | --- | --- | --- | --- | --- |",
  (.[] |
    if .bench == "synth" then row("synthesis of \(.sounds) sounds"; "< 2 s for 640";
        "**\(r(.ms_total_median / 1000; 2)) s** (\(r(.ms_total_min / 1000; 2)) s), \(.ms_per_sound) ms per sound"; "—")
    elif .bench == "features" then row("all features of a 1 s clip (\(.clips) clips, parallel)"; "≤ 1 ms per clip (goal 0.6)";
        "**\(.ms_per_clip_median) ms** (\(.ms_per_clip_min) ms) per clip"; "CPU \(.cpu_ms_per_clip // "?") ms per clip over all threads")
    elif .bench == "import" then row("import \(.files) one-second 44.1 kHz WAVs"; "< 10 s";
        "**\(r(.ms_total_median / 1000; 2)) s** (\(r(.ms_total_min / 1000; 2)) s)"; "—")
    elif .bench == "train" then row("\(.family) \(.preset) training step, batch \(.batch_size)"; (if .preset == "paper" then "≥ 0.80 of the limit" else "—" end);
        "**\(.ms_per_sample_median) ms** (\(.ms_per_sample_min) ms) per sample; CPU \(.cpu_ms_per_sample) ms per sample";
        "fraction_of_limit **\(.fraction_of_limit)**, in CPU time \(.cpu_fraction_of_limit) (\(.gflop_per_sample) GFLOP per sample ÷ sgemm \(.sgemm_gflops) GFLOP/s = \(.limit_ms_per_sample) ms)")
    elif .bench == "infer" then row("\(.family) \(.preset) interpolation (encode two, decode one)"; "decode ≥ 100× real time";
        "**\(.interpolate_ms_median) ms** (\(.interpolate_ms_min) ms); encode \(.encode_ms_median), decode \(.decode_ms_median) ms";
        "decode \(.decode_real_time_factor)× real time; \(.decode_fraction_of_limit) of the sgemm limit (\(.sgemm_gflops) GFLOP/s)")
    else empty end)
' "$results")"

begin='<!-- benchmarks.sh: begin -->'
end='<!-- benchmarks.sh: end -->'
grep -q "$begin" "$doc" || { echo "$doc lacks the $begin … $end markers" >&2; exit 1; }
awk -v begin="$begin" -v end="$end" -v table="$table" '
  $0 == begin { print; print table; skipping = 1; next }
  $0 == end { skipping = 0 }
  !skipping { print }
' "$doc" > "$doc.new" && mv "$doc.new" "$doc"
echo "wrote $doc and $results" >&2

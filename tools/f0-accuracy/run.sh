#!/usr/bin/env bash
# F0 accuracy of `asciml features` against Praat's autocorrelation pitch on real instrument notes rendered with
# fluidsynth from the FluidR3 General MIDI sound font. Needs: apt-get install fluidsynth fluid-soundfont-gm praat
# Usage: tools/f0-accuracy/run.sh [WORKDIR]   (prints a summary and writes WORKDIR/results.csv)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${1:-/tmp/asciml-f0-accuracy}"
mkdir -p "$work/midi" "$work/wav"
python3 "$here/make_notes.py" "$work/midi"
for mid in "$work"/midi/*.mid; do
  name="$(basename "$mid" .mid)"
  [ -f "$work/wav/$name.wav" ] || fluidsynth -ni -q -r 16000 -F "$work/wav/$name.wav" /usr/share/sounds/sf2/FluidR3_GM.sf2 "$mid" >/dev/null 2>&1
done
dotnet build "$here/../../src/Asciml.Cli" -c Release -o "$work/bin" >/dev/null
asciml=(dotnet "$work/bin/asciml.dll")
"${asciml[@]}" convert "$work"/wav/*.wav --out "$work/input" --float >/dev/null 2>&1 || true
"${asciml[@]}" features "$work"/input/*.wav > "$work/asciml.csv"
echo "file,midi_hz,praat_hz,asciml_hz" > "$work/results.csv"
tail -n +2 "$work/asciml.csv" | while IFS=, read -r file f0 rest; do
  note="${file##*-}"; note="${note%.wav}"
  midi_hz=$(python3 -c "print(round(440*2**(($note-69)/12),3))")
  praat_hz=$(praat --run "$here/praat_pitch.praat" "$file" 2>/dev/null | tr -d ' ' || echo "")
  echo "$(basename "$file"),$midi_hz,$praat_hz,$f0" >> "$work/results.csv"
done
python3 - "$work/results.csv" <<'PY'
import csv, math, sys
rows = list(csv.DictReader(open(sys.argv[1])))
def cents(a, b): return 1200 * math.log2(a / b)
# "Clearly pitched": Praat finds a pitch within a semitone of the played note.
clear = [r for r in rows if r["praat_hz"] not in ("", "--undefined--") and abs(cents(float(r["praat_hz"]), float(r["midi_hz"]))) < 100]
ok = [r for r in clear if r["asciml_hz"] and abs(cents(float(r["asciml_hz"]), float(r["praat_hz"]))) <= 50]
print(f"notes: {len(rows)}, clearly pitched (Praat within 100 cents of the note): {len(clear)}")
print(f"asciml within 50 cents of Praat: {len(ok)} / {len(clear)} = {100*len(ok)/max(1,len(clear)):.1f} %")
bad = [r for r in clear if r not in ok]
for r in bad[:20]: print("  differs:", r)
PY

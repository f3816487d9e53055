#!/usr/bin/env bash
# Renders a wider set of real-instrument pretraining clips into DIR (one-second model inputs), beside make_data.sh's:
# 5 notes of each of 67 more General MIDI instruments, 20 more drum-kit hits and 12 more espeak-ng vowels.
# The instruments are the melodic programs that are neither in the quality benchmark's evaluation set nor in
# make_data.sh, except sound effects and three presets that play the evaluation set's own samples in FluidR3 GM:
# 84 Charang and 87 Bass & Lead (Saw Wave's five samples), 98 Crystal (Square Lead's five). That was checked by
# reading the sound font's preset → instrument → sample tables; no other program here shares a sample with an
# evaluation instrument. None of the drum notes or voice/vowel pairs is in the evaluation set
# (src/Asciml.Model/Evaluation/QualityEvaluationSet.cs), so the quality benchmark still measures unseen sounds.
# Note lengths vary (300–900 ms) so that releases and reverb tails fall at different places in the second.
# Needs: apt-get install fluidsynth fluid-soundfont-gm espeak-ng
# Usage: tools/pretrain-timbre/make_more_data.sh DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"; raw="$out.raw"
mkdir -p "$out" "$raw/midi"
sf=/usr/share/sounds/sf2/FluidR3_GM.sf2
python3 - "$raw/midi" "$here/../f0-accuracy" <<'PY'
import os, sys
sys.dont_write_bytecode = True  # no __pycache__ beside make_notes.py
sys.path.insert(0, sys.argv[2])
from make_notes import note_file  # the same one-note MIDI file as make_data.sh's notes
LOW = {32, 34, 35, 36, 37, 38, 39, 43, 58, 67}
HIGH = {8, 9, 10, 13, 72, 75, 78, 79, 108, 112}
PROGRAMS = [1, 2, 3, 5, 7, 8, 9, 10, 13, 14, 15, 17, 18, 20, 21, 22, 23, 26, 27, 28, 29, 30, 31, 34, 35, 36, 37,
            38, 39, 43, 44, 45, 47, 48, 49, 50, 51, 53, 54, 55, 58, 59, 62, 63, 64, 67, 69, 72, 75, 76, 77, 78, 79,
            82, 83, 85, 88, 89, 91, 95, 104, 105, 106, 107, 108, 109, 110]
lengths = [600, 1000, 1400, 1800]
for i, program in enumerate(PROGRAMS):
    notes = [28, 35, 40, 45, 52] if program in LOW else [67, 72, 79, 84, 91] if program in HIGH else [43, 50, 57, 64, 71]
    for j, note in enumerate(notes):
        note_file(program, note, os.path.join(sys.argv[1], f"gm{program:03d}-{note}.mid"), ticks=lengths[(i + j) % 4])
for note in [37, 43, 47, 48, 52, 53, 55, 57, 59, 61, 62, 64, 65, 66, 67, 70, 73, 77, 80, 81]:
    note_file(0, note, os.path.join(sys.argv[1], f"drum2-{note}.mid"), channel=9, ticks=1600)
PY
for mid in "$raw"/midi/*.mid; do
  name="$(basename "$mid" .mid)"
  [ -f "$raw/$name.wav" ] || fluidsynth -ni -q -r 16000 -g 0.6 -F "$raw/$name.wav" "$sf" "$mid" >/dev/null 2>&1
done
i=0
for spec in "en+m4:30:140:eh" "en+f1:55:140:er" "en+m5:45:140:or" "en+f4:65:140:oy" \
            "en+m2:15:60:uuuuuuh" "en+f3:75:60:eeeeeeh" "en+m6:40:60:oooooor" "en+f2:90:60:aaaaaaw" \
            "en+m7:25:60:iiiiiii" "en+klatt:50:60:ehhhhhh" "en+f1:35:60:aaaaaay" "en+m3:70:60:oooooo"; do
  IFS=: read -r voice pitch speed text <<< "$spec"; i=$((i+1))
  [ -f "$raw/voice2-$i.wav" ] || espeak-ng -v "$voice" -p "$pitch" -s "$speed" -w "$raw/voice2-$i.wav" "$text"
done
dotnet "${ASCIML_DLL:-$here/../../src/Asciml.Cli/bin/Release/net10.0/asciml.dll}" convert "$raw"/*.wav --out "$out" >/dev/null
ls "$out" | wc -l

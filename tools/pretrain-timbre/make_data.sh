#!/usr/bin/env bash
# Renders the real-instrument part of the timbre model's pretraining data into DIR (one-second model inputs):
# 195 notes of 15 General MIDI instruments (tools/f0-accuracy/make_notes.py; none of them is in the quality
# benchmark's evaluation set), 10 drum-kit hits and 8 espeak-ng vowels other than the evaluation set's.
# Needs: apt-get install fluidsynth fluid-soundfont-gm espeak-ng
# Usage: tools/pretrain-timbre/make_data.sh DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"; raw="$out.raw"
mkdir -p "$out" "$raw/midi"
sf=/usr/share/sounds/sf2/FluidR3_GM.sf2
python3 "$here/../f0-accuracy/make_notes.py" "$raw/midi"
python3 - "$raw/midi" <<'PY'
import struct, sys, os
def var_len(v):
    out=[v & 0x7F]; v >>= 7
    while v: out.insert(0,(v & 0x7F)|0x80); v >>= 7
    return bytes(out)
for note, name in [(36,"bass-drum"),(40,"electric-snare"),(41,"floor-tom"),(44,"pedal-hat"),(51,"ride"),(54,"tambourine"),(60,"hi-bongo"),(63,"conga"),(69,"cabasa"),(76,"wood-block")]:
    ev = bytes([0x00,0x99,note,100]) + var_len(1600) + bytes([0x89,note,0,0x00,0xFF,0x2F,0x00])
    data = b"MThd"+struct.pack(">IHHH",6,0,1,1000)+b"MTrk"+struct.pack(">I",len(ev))+ev
    open(os.path.join(sys.argv[1], f"drum-{name}.mid"),"wb").write(data)
PY
for mid in "$raw"/midi/*.mid; do
  name="$(basename "$mid" .mid)"
  [ -f "$raw/$name.wav" ] || fluidsynth -ni -q -r 16000 -g 0.6 -F "$raw/$name.wav" "$sf" "$mid" >/dev/null 2>&1
done
i=0
for spec in "en:30:140:ay" "en:30:140:aw" "en+f2:60:140:ih" "en+f2:60:140:uh" "en+m2:35:60:ooooooh" "en+f1:70:60:aaaaaay" "en+m1:25:60:eeeeeee" "en+f5:85:60:aaaaaah"; do
  IFS=: read -r voice pitch speed text <<< "$spec"; i=$((i+1))
  [ -f "$raw/voice-$i.wav" ] || espeak-ng -v "$voice" -p "$pitch" -s "$speed" -w "$raw/voice-$i.wav" "$text"
done
dotnet "${ASCIML_DLL:-$here/../../src/Asciml.Cli/bin/Release/net10.0/asciml.dll}" convert "$raw"/*.wav --out "$out" >/dev/null
ls "$out" | wc -l

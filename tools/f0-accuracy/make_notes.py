#!/usr/bin/env python3
"""Writes one-note MIDI files for several General MIDI instruments and pitches (for F0 accuracy checks)."""
import struct, sys, os

INSTRUMENTS = {0: "piano", 24: "nylon-guitar", 40: "violin", 42: "cello", 56: "trumpet", 57: "trombone",
               60: "french-horn", 65: "alto-sax", 68: "oboe", 71: "clarinet", 73: "flute", 19: "church-organ",
               11: "vibraphone", 32: "acoustic-bass", 52: "choir-aahs"}
NOTES = [36, 40, 43, 48, 52, 55, 60, 64, 67, 72, 76, 79, 84]

def var_len(value):
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.insert(0, (value & 0x7F) | 0x80)
        value >>= 7
    return bytes(out)

def note_file(program, note, path, channel=0, ticks=900):
    """One note (velocity 100) held for `ticks` (1 tick = 0.5 ms), after a program change, on `channel` (9: drums)."""
    events = bytes([0x00, 0xC0 | channel, program]) + bytes([0x00, 0x90 | channel, note, 100]) + var_len(ticks) \
        + bytes([0x80 | channel, note, 0]) + bytes([0x00, 0xFF, 0x2F, 0x00])
    track = b"MTrk" + struct.pack(">I", len(events)) + events
    header = b"MThd" + struct.pack(">IHHH", 6, 0, 1, 1000)  # 1000 ticks per quarter at 120 bpm: 1 tick = 0.5 ms
    with open(path, "wb") as f:
        f.write(header + track)

if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for program, name in INSTRUMENTS.items():
        for note in NOTES:
            note_file(program, note, os.path.join(out, f"{name}-{note}.mid"))

#!/usr/bin/env python3
"""Checks that no pretraining instrument plays a sample of a quality-benchmark instrument in FluidR3 GM.

Reads the sound font's preset -> instrument -> sample tables (SF2 'pdta' chunk), the evaluation set's programs from
src/Asciml.Model/Evaluation/QualityEvaluationSet.cs and the pretraining programs from tools/f0-accuracy/make_notes.py
and tools/pretrain-timbre/make_more_data.sh, and prints every evaluation preset that shares a sample with a
pretraining preset. Exit 1 when the evaluation instruments are not held out. Usage: python3 shared_samples.py [SF2]
"""
import os, re, struct, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SF2 = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/sounds/sf2/FluidR3_GM.sf2"


def read(relative):
    with open(os.path.join(ROOT, relative), encoding="utf-8") as f:
        return f.read()


def chunks(data, start, end):
    while start < end:
        size = struct.unpack("<I", data[start + 4:start + 8])[0]
        yield data[start:start + 4], start + 8, size
        start += 8 + size + (size & 1)


def records(blob, fmt):
    step = struct.calcsize(fmt)
    return [struct.unpack(fmt, blob[i:i + step]) for i in range(0, len(blob), step)]


def samples_by_program(path):
    with open(path, "rb") as f:
        data = f.read()
    pdta = {}
    for cid, off, size in chunks(data, 12, len(data)):
        if cid == b"LIST" and data[off:off + 4] == b"pdta":
            for c, o, s in chunks(data, off + 4, off + size):
                pdta[c.decode()] = data[o:o + s]
    phdr, pbag, pgen = records(pdta["phdr"], "<20sHHHIII"), records(pdta["pbag"], "<HH"), records(pdta["pgen"], "<HH")
    inst, ibag, igen = records(pdta["inst"], "<20sH"), records(pdta["ibag"], "<HH"), records(pdta["igen"], "<HH")
    INSTRUMENT, SAMPLE_ID = 41, 53  # SF2 generator operators

    def generators(bags, gens, first, last, operator):
        return {gens[g][1] for b in range(first, last) for g in range(bags[b][0], bags[b + 1][0]) if gens[g][0] == operator}

    result = {}
    for i in range(len(phdr) - 1):
        name, program, bank = phdr[i][0].split(b"\0")[0].decode(), phdr[i][1], phdr[i][2]
        if bank == 0:
            instruments = generators(pbag, pgen, phdr[i][3], phdr[i + 1][3], INSTRUMENT)
            samples = set().union(*[generators(ibag, igen, inst[n][1], inst[n + 1][1], SAMPLE_ID) for n in instruments])
            result[program] = (name, samples)
    return result


evaluation = [int(p) for p in re.findall(r"\((\d+), \"[a-z-]+\", \[", read("src/Asciml.Model/Evaluation/QualityEvaluationSet.cs"))]
first = [int(p) for p in re.findall(r"(\d+): \"", read("tools/f0-accuracy/make_notes.py").split("INSTRUMENTS = {")[1].split("}")[0])]
more = [int(p) for p in re.findall(r"\d+", read("tools/pretrain-timbre/make_more_data.sh").split("PROGRAMS = [")[1].split("]")[0])]
presets = samples_by_program(SF2)
clashes = 0
for e in evaluation:
    name, samples = presets[e]
    for p in first + more:
        shared = samples & presets[p][1]
        if p == e or len(shared) * 2 > len(samples):
            print(f"evaluation {e} {name}: {len(shared)} of its {len(samples)} samples are in pretraining program {p} {presets[p][0]}")
            clashes += 1
        elif shared:
            print(f"note: evaluation {e} {name} shares {len(shared)} of {len(samples)} samples with pretraining program {p} {presets[p][0]}")
print(f"{len(evaluation)} evaluation programs, {len(first) + len(more)} pretraining programs: "
      + ("held out" if clashes == 0 else f"{clashes} clashes"))
sys.exit(1 if clashes else 0)

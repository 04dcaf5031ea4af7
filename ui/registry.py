"""The single list of demo pages. The home gallery and the sidebar are generated from it.

Each demo registers here once: `key` is its string namespace (`<key>.title`, `<key>.card` in
`ui/locales/*/<key>.toml`), `path` its script under `pages/`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class DemoPage:
    key: str
    path: str
    icon: str

    @property
    def url_path(self) -> str:
        """Streamlit's URL for a classic `pages/N_name.py` script: `/name`."""
        stem = Path(self.path).stem
        return stem.split("_", 1)[1] if stem.split("_", 1)[0].isdigit() else stem


PAGES: list[DemoPage] = [
    DemoPage("dog", "pages/1_dog_breeds.py", "🐶"),
    DemoPage("teach", "pages/2_teachable.py", "🧑‍🏫"),
    DemoPage("dream", "pages/3_deep_dream.py", "🌀"),
    DemoPage("style", "pages/4_style_transfer.py", "🎨"),
    DemoPage("music", "pages/5_music.py", "🎵"),
    DemoPage("stocks", "pages/6_stocks.py", "📈"),
    DemoPage("palette", "pages/7_palette.py", "🌈"),
]


def existing_pages() -> list[DemoPage]:
    """Pages whose script exists (all of them once every demo has landed; a test checks that)."""
    return [p for p in PAGES if (ROOT / p.path).is_file()]

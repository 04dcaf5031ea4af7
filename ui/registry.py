"""The single list of demo pages: navigation (`app.py`), the home gallery and the sidebar come from it.

Each demo registers here once: `key` is its string namespace (`<key>.title`, `<key>.card` in
`ui/locales/*/<key>.toml`), `path` its script under `pages/`, whose file name is also its URL
(`pages/dog_breeds.py` → `/dog_breeds`). The order here is the order everywhere.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOME = "pages/home.py"


@dataclass(frozen=True)
class DemoPage:
    key: str
    path: str
    icon: str

    @property
    def url_path(self) -> str:
        """The page's URL: `/name` for `pages/name.py`."""
        return Path(self.path).stem


PAGES: list[DemoPage] = [
    DemoPage("dog", "pages/dog_breeds.py", "🐶"),
    DemoPage("teach", "pages/teachable.py", "🧑‍🏫"),
    DemoPage("dream", "pages/deep_dream.py", "🌀"),
    DemoPage("style", "pages/style_transfer.py", "🎨"),
    DemoPage("music", "pages/music.py", "🎵"),
    DemoPage("stocks", "pages/stocks.py", "📈"),
    DemoPage("palette", "pages/palette.py", "🌈"),
]


def existing_pages() -> list[DemoPage]:
    """Pages whose script exists (all of them once every demo has landed; a test checks that)."""
    return [p for p in PAGES if (ROOT / p.path).is_file()]

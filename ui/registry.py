"""The single list of demo pages: navigation (`app.py`), the home gallery and the sidebar come from it.

Each demo registers here once: `key` is its string namespace (`<key>.title`, `<key>.card` in
`ui/locales/*/<key>.toml`) and names its tests and bench script (`tests/app/test_<key>_page.py`,
`tests/e2e/test_<key>_browser.py`, `bench/bench_<key>.py`); `path` is its script under `pages/`, whose
file name is also its URL (`pages/dog_breeds.py` → `/dog_breeds`); `package` is its `models/` package
with the `python -m models.<package>` CLI. The order here is the order everywhere.
`tests/unit/test_registry.py` fails when a registered demo lacks any of these (CONTRIBUTING.md).
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
    package: str

    @property
    def url_path(self) -> str:
        """The page's URL: `/name` for `pages/name.py`."""
        return Path(self.path).stem


PAGES: list[DemoPage] = [
    DemoPage("dog", "pages/dog_breeds.py", "🐶", "dog_breeds"),
    DemoPage("teach", "pages/teachable.py", "🧑‍🏫", "teachable"),
    DemoPage("dream", "pages/deep_dream.py", "🌀", "dream"),
    DemoPage("style", "pages/style_transfer.py", "🎨", "style"),
    DemoPage("music", "pages/music.py", "🎵", "music"),
    DemoPage("stocks", "pages/stocks.py", "📈", "stocks"),
    DemoPage("palette", "pages/palette.py", "🌈", "palette"),
    DemoPage("digits", "pages/digits.py", "✍️", "digits"),
    DemoPage("cnn", "pages/cnn.py", "🔬", "cnn"),
    DemoPage("neuron", "pages/neuron.py", "🧠", "neurons"),
    DemoPage("playground", "pages/playground.py", "🛝", "neurons"),
    DemoPage("gan", "pages/gan.py", "🎭", "gan"),
    DemoPage("pose", "pages/pose.py", "🧍", "pose"),
    DemoPage("sounds", "pages/sounds.py", "🔊", "sound"),
]


def existing_pages() -> list[DemoPage]:
    """Pages whose script exists (all of them once every demo has landed; a test checks that)."""
    return [p for p in PAGES if (ROOT / p.path).is_file()]

"""Pages draw charts, tables and upload boxes through the shared helpers (CONTRIBUTING.md, issue 14):
`ui.plots.chart`/`ui.plots.table` size them for a projector, `ui.image_input.uploader` states one limit."""
import re

import pytest

from ui.registry import ROOT

DIRECT = {
    r"\.plotly_chart\(": ("ui/plots.py",),
    r"\bst\.dataframe\(": ("ui/plots.py",),
    r"\bst\.file_uploader\(": ("ui/image_input.py",),
}
SCRIPTS = sorted([*ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py")])


@pytest.mark.parametrize("pattern,allowed", DIRECT.items(), ids=list(DIRECT))
def test_pages_use_the_classroom_helpers(pattern, allowed):
    bad = [f"{path.relative_to(ROOT)}:{n}" for path in SCRIPTS if str(path.relative_to(ROOT)) not in allowed
           for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if re.search(pattern, line)]
    assert not bad, f"call ui.plots / ui.image_input.uploader instead: {bad}"

"""The registry is the only list of demos, and every registered demo has what CONTRIBUTING.md asks for."""
import ast
import subprocess
import sys

import pytest

from ui.i18n import LANGS, catalog
from ui.registry import HOME, PAGES, ROOT

PAGE_LINE_LIMIT = 150


def missing_parts(page) -> list[str]:
    """What `page` lacks of the checklist: strings, tests, bench script, CLI, the page script itself."""
    missing = []
    for lang in LANGS:
        strings = catalog(lang, page.key)
        missing += [f"ui/locales/{lang}/{page.key}.toml: {k}" for k in ("title", "card") if k not in strings]
    wanted = [page.path, f"tests/app/test_{page.key}_page.py", f"tests/e2e/test_{page.key}_browser.py",
              f"bench/bench_{page.key}.py", f"models/{page.package}/__main__.py"]
    missing += [path for path in wanted if not (ROOT / path).is_file()]
    return missing


@pytest.mark.parametrize("page", PAGES, ids=[p.key for p in PAGES])
def test_registered_demo_has_strings_tests_bench_and_cli(page):
    assert missing_parts(page) == []


def test_checklist_notices_a_demo_without_its_parts():
    from ui.registry import DemoPage

    ghost = DemoPage("ghost", "pages/ghost.py", "👻", "ghost")
    assert len(missing_parts(ghost)) == 4 + 5


@pytest.mark.parametrize("page", PAGES, ids=[p.key for p in PAGES])
def test_cli_answers_help(page):
    done = subprocess.run([sys.executable, "-m", f"models.{page.package}", "--help"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    assert "--json" in done.stdout or "--json" in _subcommand_help(page)


def _subcommand_help(page) -> str:
    """Tools with subcommands (music generate …) list --json one level down."""
    out = subprocess.run([sys.executable, "-m", f"models.{page.package}", "--help"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120).stdout
    commands = out.split("{", 1)[1].split("}", 1)[0].split(",") if "{" in out else []
    return "".join(subprocess.run([sys.executable, "-m", f"models.{page.package}", c.strip(), "--help"], cwd=ROOT,
                                  capture_output=True, text=True, timeout=120).stdout for c in commands)


def test_every_page_script_is_registered_and_navigation_reads_the_registry():
    scripts = {p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py")}
    assert scripts == {HOME, *(p.path for p in PAGES)}
    app = (ROOT / "app.py").read_text()
    assert "st.navigation" in app and "existing_pages()" in app
    assert not any(name[0].isdigit() for name in scripts), "no numbered page files: the registry orders pages"


def test_urls_stay_as_they_were():
    """The seven demos keep their URLs and order; new demos come after them."""
    assert [p.url_path for p in PAGES][:7] == ["dog_breeds", "teachable", "deep_dream", "style_transfer", "music",
                                              "stocks", "palette"]
    assert len({p.url_path for p in PAGES}) == len(PAGES)


@pytest.mark.parametrize("page", PAGES, ids=[p.key for p in PAGES])
def test_page_is_short_and_keeps_model_logic_out(page):
    source = (ROOT / page.path).read_text()
    lines = len(source.splitlines())
    assert lines <= PAGE_LINE_LIMIT, f"{page.path} has {lines} lines (contract: ≤ {PAGE_LINE_LIMIT})"
    imported = {n.module for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ImportFrom) and n.module}
    imported |= {a.name for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Import) for a in n.names}
    assert not {"tensorflow", "keras", "ui.compute"} & imported, "pages call models/ through ui.jobs.run_job"
    assert "compute_slots" not in source

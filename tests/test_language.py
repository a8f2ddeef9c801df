"""One language at a time: with --lang zh no English word, with --lang en no Chinese
label, in every command that takes --lang; only the plan's own text may break the rule."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongshu_targets.cli import app
from gongshu_targets.core.store import load_plan, load_progress
from gongshu_targets.enums import Lang

runner = CliRunner()
BUNDLED = Path(__file__).resolve().parents[1] / "targets.yaml"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


class _Visible(HTMLParser):
    """The text a reader sees on the page: no tags, scripts or styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._hidden += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return "\n".join(parser.parts)


def github_words(text: str) -> str:
    """What a reader sees of GitHub workflow commands: each annotation's title and message."""
    seen = []
    for line in text.splitlines():
        if line.startswith("::"):
            props, message = line[2:].split(" ", 1)[1].split("::", 1)
            seen += [props.partition("title=")[2], message]
        else:
            seen.append(line)
    return "\n".join(seen)


def junit_words(text: str) -> str:
    """What a CI server shows of a JUnit report: names, messages and texts, not the file,
    line, counts or the machine-read failure type."""
    root = ET.fromstring(text.split("\n", 1)[1])
    skip = {"file", "line", "tests", "failures", "skipped", "type"}
    seen = []
    for element in root.iter():
        seen += [v for k, v in element.attrib.items() if k not in skip]
        seen.append(element.text or "")
    return "\n".join(seen)


READERS = {"report-html": visible, "check-github": github_words, "check-junit": junit_words}


def outputs(plan: Path, lang: Lang) -> dict[str, str]:
    """Every command's output that --lang governs, on ``plan``."""
    f, lg = ("-f", str(plan)), ("--lang", lang.value)
    loaded = load_plan(plan, bundled=False)
    sheet = plan.parent / f"q-{lang}.csv"
    header = "id,as_of,value" if lang is Lang.EN else "编号,日期,数值"
    typed = "20000" if lang is Lang.EN else "2万"  # echoed as the user typed it
    sheet.write_text(f"{header}\ngdp-growth,2025-06-30,5.1\nyoung-graduates,2025-06-30,{typed}\n")
    runs = {
        "import --dry-run": ["import", str(sheet), "--dry-run", *f, *lg],
        "export": ["export", *f, *lg],
        "template": ["template", *f, *lg, "--as-of", "2025-06-30"],
        "status": ["status", *f, *lg],
        "status-md": ["status", *f, *lg, "--format", "markdown"],
        "problems": ["status", *f, *lg, "--problems"],
        "report-md": ["report", *f, *lg, "--format", "md"],
        "report-csv": ["report", *f, *lg, "--format", "csv"],
        "report-html": ["report", *f, *lg, "--format", "html"],
        "diff": ["diff", *f, *lg, "--from", "2025-01-31", "--to", "2025-03-31"],
        **{
            f"check-{fmt}": ["check", *f, *lg, "--format", fmt, "--max-age", "30"]
            for fmt in ("text", "markdown", "github", "junit")
        },
        **{f"show {t.id}": ["show", t.id, *f, *lg] for t in loaded.plan.targets},
    }
    texts = {}
    for name, args in runs.items():
        result = runner.invoke(app, args, env={"COLUMNS": "200", "TARGETS_FILE": None})
        assert result.exit_code == 0, (name, result.output)
        texts[name] = READERS.get(name, str)(result.stdout)
    return texts


def plan_texts(plan: Path, lang: Lang) -> list[str]:
    """What the plan and its figures say that has no form in the other language, longest
    first, without spaces (the table folds text at any of them)."""
    loaded = load_plan(plan, bundled=False)
    p = loaded.plan
    texts = [p.title, p.region, p.title_en or "", p.region_en or "", p.id, p.source, plan.name]
    for t in p.targets:
        texts += [
            t.id,
            t.section,
            t.section_en or "",
            t.quote,
            t.notes or "",
            t.owner or "",
            t.tracks or "",
        ]
        texts.append(t.name if lang is Lang.ZH else t.name_en)
    for o in load_progress(loaded):
        texts += [o.source, o.note]
    return sorted({squeeze(t) for t in texts if t}, key=len, reverse=True)


def squeeze(text: str) -> str:
    """Text without spaces and box lines: what is left however a table folded it."""
    return re.sub(r"[\s│|]", "", text)


@pytest.mark.parametrize("lang", list(Lang))
def test_one_language_at_a_time(lang: Lang, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)  # check names the plan by its path from here: targets.yaml
    plan = tmp_path / "targets.yaml"
    plan.write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "progress.csv").write_bytes((BUNDLED.parent / "progress.csv").read_bytes())
    own = plan_texts(plan, lang)
    wrong = ENGLISH_WORD if lang is Lang.ZH else CJK
    found: dict[str, list[str]] = {}
    for name, text in outputs(plan, lang).items():
        left = squeeze(text)
        for piece in own:
            left = left.replace(piece, " ")
        hits = [left[max(0, m.start() - 20) : m.end() + 20] for m in wrong.finditer(left)]
        if hits:
            found[name] = hits
    assert found == {}


# --- one default language for every command ------------------------------------------

REPORT = "reports/gongshu-2025.txt"
DEFAULT_RUNS = {
    "status": ["status"],
    "show": ["show", "gdp-growth"],
    "check": ["check"],
    "diff": ["diff", "--from", "2025-01-31", "--to", "2025-03-31"],
    "report": ["report", "--format", "md"],
    "template": ["template", "--as-of", "2025Q3"],
    "export": ["export", "--format", "csv"],
    "import": ["import", "sheet.csv", "--dry-run"],
    "validate": ["validate"],
    "coverage": ["coverage"],
    "draft": ["draft", REPORT, "-o", "draft.yaml"],
    "update": ["update", "young-graduates", "3.1万", "--as-of", "2025-06-30"],
    "retract": ["retract", "gdp-growth", "--as-of", "2025-03-31"],
    "init": ["init", "copy"],
    "new": ["new", "mine", "--report", REPORT, "--region", "某区", "--year", "2026"],
    # errors
    "unknown id": ["show", "gdp"],
    "not a choice": ["status", "--status", "late"],
    "file not found": ["validate", "-f", "missing.yaml"],
    "binary without -o": ["report", "--format", "xlsx"],
    "missing option": ["new", "mine", "--region", "某区"],
}


def said(
    args: list[str], folder: Path, env: dict[str, str | None], monkeypatch: pytest.MonkeyPatch
) -> str:
    """What a command says, on stdout and stderr, run in a fresh copy of the bundled plan."""
    folder.mkdir()
    monkeypatch.chdir(folder)
    (folder / "targets.yaml").write_bytes(BUNDLED.read_bytes())
    (folder / "progress.csv").write_bytes((BUNDLED.parent / "progress.csv").read_bytes())
    (folder / "sheet.csv").write_text("id,as_of,value\ngdp-growth,2025-06-30,5.1\n")
    (folder / "reports").mkdir()
    (folder / REPORT).write_bytes((BUNDLED.parent / REPORT).read_bytes())
    result = runner.invoke(app, args, env={"COLUMNS": "120", "TARGETS_FILE": "targets.yaml", **env})
    return result.stdout + result.stderr


@pytest.mark.parametrize("name", DEFAULT_RUNS)
def test_every_command_speaks_chinese_by_default_and_targets_lang_sets_it(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    args, m = DEFAULT_RUNS[name], monkeypatch
    zh = said([*args, "--lang", "zh"], tmp_path / "zh", {}, m)
    en = said([*args, "--lang", "en"], tmp_path / "en", {}, m)
    assert zh != en
    assert said(args, tmp_path / "default", {}, m) == zh
    assert said(args, tmp_path / "env", {"TARGETS_LANG": "en"}, m) == en
    assert said([*args, "--lang", "zh"], tmp_path / "both", {"TARGETS_LANG": "en"}, m) == zh

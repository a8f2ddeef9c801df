"""One language at a time: with --lang zh no English word, with --lang en no Chinese
label, in every command that takes --lang; only the plan's own text may break the rule."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import typer
from typer.testing import CliRunner

from conftest import SMALL_PLAN, SMALL_PROGRESS
from gongshu_targets.cli import app
from gongshu_targets.core.store import load_plan, load_progress
from gongshu_targets.enums import FailOn, GroupBy, Lang, SortKey, Status
from gongshu_targets.outputs import formats
from test_english_plan import ENGLISH_PLAN

if TYPE_CHECKING:
    from collections.abc import Callable

runner = CliRunner()
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
BUNDLED = Path(__file__).resolve().parents[1] / "targets.yaml"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
CJK_RUN = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")
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


def first_line(text: str) -> str:
    """The heading of a list of problems: the problems themselves are the core's words."""
    return text.split("\n", 1)[0]


# Runs that refuse (exit 2 or 3): their stderr is what a reader sees.
REFUSALS = {
    "unknown id": ["show", "gdp"],
    "not a status": ["status", "--status", "late"],
    "not a choice": ["status", "--sort", "size"],
    "no such option": ["show", "gdp-growth", "--fail-on", "x"],
    "file not found": ["validate", "-f", "missing.yaml"],
    "invalid plan": ["validate", "-f", "broken.yaml"],
    "binary without -o": ["report", "--format", "xlsx"],
    "missing option": ["new", "mine", "--region", "某区"],
    # usage errors (exit 2), Click's and our parsers', each kind
    "not a date": ["status", "--as-of", "2025-13-01"],
    "unknown format": ["status", "--format", "foo"],
    "unknown suffix": ["report", "-o", "out.pdf"],
    "number out of range": ["check", "--max-age", "-1"],
    "not a number": ["new", "mine", "--report", "r.txt", "--region", "某区", "--year", "abc"],
    "missing argument": ["show"],
    "extra argument": ["show", "gdp-growth", "extra"],
    "needs a value": ["status", "--as-of"],
    "takes no value": ["status", "--problems=yes"],
    "no such command": ["stauts"],
    "missing command": ["--debug"],
    "a folder for a file": ["validate", "-f", "empty"],
    "a file for a folder": ["init", "targets.yaml"],
    "to before from": ["diff", "--from", "2025-06-30", "--to", "2025-03-31"],
    "-o onto the plan": ["report", "--format", "md", "-o", "targets.yaml"],
    "problems of no status": ["status", "--problems", "--status", "achieved"],
    "no figure": ["update", "gdp-growth"],
    "half a period": [
        "new",
        "mine",
        "--report",
        "r.txt",
        "--region",
        "某区",
        "--start",
        "2026-01-01",
    ],
}


# Every command's --help, and the group's.
HELP_PAGES = {
    f"targets {c} --help".replace("  ", " "): [*c.split(), "--help"] for c in ("", *COMMANDS)
}


def outputs(folder: Path, lang: Lang) -> dict[str, str]:
    """What every command prints, on stdout and stderr, in each of its text formats, run in
    ``folder`` (its targets.yaml, progress.csv and report); the commands that write run
    last, and the files they write are read too."""
    plan = folder / "targets.yaml"
    lg = ("--lang", lang.value)
    loaded = load_plan(plan, bundled=False)
    source = loaded.plan.source
    sheet = folder / "q.csv"
    header = "id,as_of,value" if lang is Lang.EN else "编号,日期,数值"
    typed = "20000" if lang is Lang.EN else "2万"  # echoed as the user typed it
    sheet.write_text(f"{header}\ngdp-growth,2025-06-30,5.1\nyoung-graduates,2025-06-30,{typed}\n")
    (folder / "broken.yaml").write_text("id: x\n")
    (folder / "empty").mkdir()
    runs = {
        "import --dry-run": ["import", "q.csv", "--dry-run"],
        "export": ["export"],
        "export-csv": ["export", "--format", "csv"],
        "template": ["template", "--as-of", "2025-06-30"],
        "status": ["status"],
        "status-md": ["status", "--format", "markdown"],
        "status-by-section": ["status", "--by", "section"],
        "status-by-owner-md": ["status", "--by", "owner", "--format", "md"],
        "problems": ["status", "--problems"],
        "report-md": ["report", "--format", "md"],
        "report-csv": ["report", "--format", "csv"],
        "report-html": ["report", "--format", "html"],
        "diff": ["diff", "--from", "2025-01-31", "--to", "2025-03-31"],
        "diff-md": ["diff", "--from", "2025-01-31", "--to", "2025-03-31", "--format", "md"],
        "after the period": ["status", "--as-of", "2026-03-31"],
        **{
            f"check-{fmt}": ["check", "--format", fmt, "--max-age", "30"]
            for fmt in ("text", "markdown", "github", "junit")
        },
        **{f"show {t.id}": ["show", t.id] for t in loaded.plan.targets},
        "validate": ["validate"],
        "coverage": ["coverage"],
        "update": ["update", "young-graduates", typed, "--as-of", "2025-09-30"],
        "update today": ["update", "gdp-growth", "5.2", "--as-of", "2025-09-30"],
        "retract": ["retract", "young-graduates", "--as-of", "2025-09-30"],
        "init": ["init", "copy"],
        "new": ["new", "mine", "--report", source, "--region", "某区", "--year", "2026"],
        "draft": ["draft", source, "-o", "draft.yaml"],
        "no plan": ["validate", "-f", "empty/targets.yaml"],
        **REFUSALS,
        **HELP_PAGES,
    }
    texts = {}
    for name, args in runs.items():
        typed = [*args[:1], *lg, *args[1:]]  # --lang after the command, before the rest
        result = runner.invoke(app, typed, env={"COLUMNS": "200", "TARGETS_FILE": None})
        refused = name in REFUSALS or name == "no plan"
        assert (result.exit_code in (2, 3)) if refused else result.exit_code in (0, 1), (
            name, result.output,
        )  # fmt: skip
        stderr = first_line(result.stderr) if name == "invalid plan" else result.stderr
        texts[name] = READERS.get(name, str)(result.stdout) + "\n" + stderr
    return texts


# What an output in Chinese may hold in Latin letters: what the user types or the machine
# reads, never a word of prose. Files and folders (copy/targets.yaml), option names
# (--as-of, -o), the command and a subcommand (`targets show -h`), format names (xlsx),
# metavars (PATH, DIR, FILE),
# environment variables (TARGETS_FILE), Excel by name, an option's values where a refusal
# lists them (可用 plan、status 或 gap), what the user typed, quoted back ('gdp'), and a
# YAML key or value of the plan as typed in it, in backticks (`pace: rate`); the plan's ids
# are the plan's own text.
# The values options take (zh, at_risk, gap) and the formats' names (md, table), where a
# sentence offers them: after 可用, 、, 或, （, ： or the option's name, before 、, 或, ）,
# （, ，, ；, ], a space or the line's end; and in --help's list of choices (a | b).
TYPED_VALUES = sorted(
    {m.value for kind in (Status, FailOn, SortKey, GroupBy, Lang) for m in kind}
    | {s for f in formats.FORMATS for s in f.spellings},
    key=len,
    reverse=True,
)
_VALUE = "(?:" + "|".join(TYPED_VALUES) + ")"
OFFERED = (
    rf"(?:(?<=可用 )|(?<=或 )|(?<=[、（：])|(?<=是否指 )){_VALUE}"
    r"(?=[、）（，；？\]\s]|$)"
    rf"|{_VALUE}(?: \| {_VALUE})+"
)
ALLOWED_IN_ZH = re.compile(
    r"[\w./-]*\.(?:yaml|csv|txt|xlsx|json|xml|md|markdown|html|htm)\b"
    r"|--lang (?:zh|en)\b|--[a-z][a-z-]*|(?<![\w-])-[a-z]\b"
    r"|\btargets(?: [a-z]+)?|TARGETS_(?:FILE|LANG)(?:=(?:zh|en))?|\b(?:PATH|DIR|FILE|Excel)\b"
    r"|'[^'\s]*'|`[^`\n]*`"
    r"|\b(?:xlsx|csv|html|htm|markdown|md|json|table|text|txt|github|junit|YAML)\b"
    r"|\breports/"
    r"|(?:(?<=可用 )|(?<=、)|(?<=或 ))[a-z_]+"
    # in --help: date forms, encodings and an id given as an example (如 gdp-growth)
    r"|\bYYYY(?:-MM-DD|/M/D|Qn|-MM)\b|\b(?:UTF-8|GB18030|GBK|BOM|CSV)\b"
    r"|(?<=如 )[a-z]+(?:-[a-z]+)+|" + OFFERED + rf"|(?<=│ )(?:{'|'.join(COMMANDS)})(?= )"
)


TYPED_FIGURE = re.compile(r"\d+(?:\.\d+)?(?:万|亿元)")


def plan_texts(plan: Path, lang: Lang) -> list[str]:
    """What the plan and its figures say that has no form in ``lang``, longest first,
    without spaces (the table folds text at any of them): in English the Chinese title,
    region and headings only where the plan gives no English form."""
    loaded = load_plan(plan, bundled=False)
    p = loaded.plan
    zh = lang is Lang.ZH
    texts = [p.id, p.source, plan.name]
    texts += [p.title if zh or not p.title_en else "", p.region if zh or not p.region_en else ""]
    for t in p.targets:
        texts += [t.id, t.quote, t.notes or "", t.owner or "", t.tracks or ""]
        texts += [
            t.section if zh or not t.section_en else "",
            t.name if zh else t.name_en or t.name,
        ]
    for o in load_progress(loaded):
        texts += [o.source, o.note]
    return sorted({squeeze(t) for t in texts if t}, key=len, reverse=True)


def squeeze(text: str) -> str:
    """Text without spaces and box lines: what is left however a table folded it."""
    return re.sub(r"[\s│|]", "", text)


# English produced from a variable: an article before a vowel (a in_step target, a about
# target), a plural after exactly one (≥ 1 entities, 1 targets), and the tool's internal
# names (at_risk, in_step) outside a YAML field as typed (`comparator: in_step`), a quote
# of what was typed ('at_risk') or a list of an option's values (use achieved, on_track…).
ENGLISH_SLIP = re.compile(
    r"\b[Aa] [aeio]\w*"
    r"|(?<![\d.,])[+-]?1 (?:entities|units|items|people|visits|households|cases|sets|lines"
    r"|points|days|hours|targets|rows|observations|results|names|quotes|figures|warnings)\b"
    r"|\b(?:at_least|more_than|at_most|in_step|on_track|off_track|at_risk|no_data)\b"
)
OFFERED_EN = re.compile(r"\buse (?:\w+(?:, | or ))+\w+")


def english_slips(text: str) -> list[str]:
    """Where ``text`` (English) words a variable wrongly: see ENGLISH_SLIP."""
    left = OFFERED_EN.sub(" ", TYPED_OR_QUOTED.sub(" ", text))
    return [left[max(0, m.start() - 20) : m.end() + 20] for m in ENGLISH_SLIP.finditer(left)]


def test_the_english_check_sees_a_slip():
    for slip in ("a about target", "≥ 1 entities", "-1 points behind", "at_risk since"):
        assert english_slips(f"x: {slip}.") != [], slip
    fine = "`comparator: in_step`, 'at_risk'; use achieved, on_track or at_risk; ≥ 1 entity"
    assert english_slips(fine) == []


SMALL_REPORT = (
    "地区生产总值增长5.5%左右，居民人均可支配收入增长与经济增长基本同步。"
    "新引进35周岁以下大学生4万名以上。力争研发投入突破亿元。\n"
)


def bundled_plan(folder: Path) -> None:
    for name in ("targets.yaml", "progress.csv", "reports/gongshu-2025.txt"):
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_bytes((BUNDLED.parent / name).read_bytes())


def english_forms_plan(folder: Path) -> None:
    """A plan with title_en, region_en and one section_en (the other section has none)."""
    (folder / "targets.yaml").write_text(ENGLISH_PLAN, encoding="utf-8")
    (folder / "progress.csv").write_text(SMALL_PROGRESS, encoding="utf-8")
    (folder / "report.txt").write_text(SMALL_REPORT, encoding="utf-8")


@pytest.mark.parametrize("make", [bundled_plan, english_forms_plan])
@pytest.mark.parametrize("lang", list(Lang))
def test_one_language_at_a_time(
    lang: Lang, make: Callable[[Path], None], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)  # every path is said as given, relative to here
    make(tmp_path)
    own = plan_texts(tmp_path / "targets.yaml", lang)
    report = squeeze((tmp_path / load_plan(tmp_path / "targets.yaml").plan.source).read_text())
    wrong = ENGLISH_WORD if lang is Lang.ZH else CJK
    found: dict[str, list[str]] = {}
    for name, text in outputs(tmp_path, lang).items():
        left = ALLOWED_IN_ZH.sub(" ", text) if lang is Lang.ZH else text
        if name in HELP_PAGES:  # a figure typed in the report's unit (4万), given as an example
            left = TYPED_FIGURE.sub(" ", left)
        left = squeeze(left)
        for piece in own:
            left = left.replace(piece, " ")
        if name == "coverage":  # it quotes the report's own phrases, which have no English
            left = CJK_RUN.sub(lambda m: " " if m.group() in report else m.group(), left)
        hits = [left[max(0, m.start() - 20) : m.end() + 20] for m in wrong.finditer(left)]
        if lang is Lang.EN and name not in HELP_PAGES:  # help lists the values options take
            hits += english_slips(text)
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
    # usage errors (exit 2), Click's and our parsers', each kind
    "not a date": ["status", "--as-of", "2025-13-01"],
    "unknown format": ["status", "--format", "foo"],
    "unknown suffix": ["report", "-o", "out.pdf"],
    "number out of range": ["check", "--max-age", "-1"],
    "not a number": ["new", "mine", "--report", "r.txt", "--region", "某区", "--year", "abc"],
    "missing argument": ["show"],
    "extra argument": ["show", "gdp-growth", "extra"],
    "needs a value": ["status", "--as-of"],
    "takes no value": ["status", "--problems=yes"],
    "no such command": ["stauts"],
    "missing command": ["--debug"],
    "a folder for a file": ["validate", "-f", "empty"],
    "a file for a folder": ["init", "targets.yaml"],
    "to before from": ["diff", "--from", "2025-06-30", "--to", "2025-03-31"],
    "-o onto the plan": ["report", "--format", "md", "-o", "targets.yaml"],
    "problems of no status": ["status", "--problems", "--status", "achieved"],
    "no figure": ["update", "gdp-growth"],
    "half a period": [
        "new",
        "mine",
        "--report",
        "r.txt",
        "--region",
        "某区",
        "--start",
        "2026-01-01",
    ],
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
    zh_args = [*args[:1], "--lang", "zh", *args[1:]]  # --lang after the command
    zh = said(zh_args, tmp_path / "zh", {}, m)
    en = said([*args[:1], "--lang", "en", *args[1:]], tmp_path / "en", {}, m)
    assert zh != en
    assert said(args, tmp_path / "default", {}, m) == zh
    assert said(args, tmp_path / "env", {"TARGETS_LANG": "en"}, m) == en
    assert said(zh_args, tmp_path / "both", {"TARGETS_LANG": "en"}, m) == zh


# --- the plan's refusals ---------------------------------------------------------------


def _edit(*pairs: tuple[str, str]) -> str:
    text = SMALL_PLAN
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


IDS = ("gdp-growth", "income-growth", "young-graduates", "platform-rd")
GDP, INCOME, GRADUATES, RD = (f"  - id: {i}\n" for i in IDS)

# Plans refused, each for one kind of problem (several of it found together): YAML the
# reader refuses, values YAML 1.1 misreads, fields of the wrong type, rules of a target,
# rules of the whole plan.
BROKEN_PLANS = {
    "syntax": "id: x\ntitle: a: b\n",
    "tab": _edit(("    section: 主要预期目标\n", "\tsection: 主要预期目标\n")),
    "empty": "",
    "list": "- a\n- b\n",
    "yaml": _edit(
        (GDP, GDP + "    notes: !!python/object/apply:os.system ['true']\n"),
        (INCOME, INCOME + "    owner: &o 某局\n    notes: *o\n"),
        (GRADUATES, GRADUATES + "    quote: 重复\n"),
        (RD, RD + "    1: x\n"),
    ),
    "misread": _edit(
        ("    target: 5.5\n", "    target: 0x10\n"),
        ("    name_en: Income growth\n", "    name_en: yes\n"),
        ("    target: 4\n", "    target: 1_000\n"),
        ("    target: 1\n", "    target: 030\n"),
    ),
    "fields": _edit(
        ("  end: 2025-12-31\n", "  end: 2024-12-31\n"),
        ("    target: 5.5\n", '    target: "abc"\n'),
        ("    name_en: Income growth\n", ""),
        ("    target: 4\n", "    taget: 4\n"),
        ("    comparator: more_than\n", "    comparator: bigger\n"),
    ),
    "more fields": _edit(
        ("id: test-2025\n", "id: Test_2025\nthresholds:\n  plausible_fraction: 2\n"),
        ("    name: 地区生产总值增长\n", "    name: ''\n"),
        ("    stretch: true\n", "    stretch: 3\n    item: 1.5\n"),
        ("    section: （二）科技\n", '    section: "（二）\\e科技"\n'),
    ),
    "target rules": _edit(
        ("    unit: '%'\n", "    unit: 斤斤\n"),
        ("    tracks: gdp-growth\n", "    tracks: gdp-growth\n    target: 3\n"),
        ("    pace: cumulative\n", "    pace: rate\n"),
        ("    stretch: true\n", "    stretch: true\n    floor: 2\n"),
    ),
    "more target rules": _edit(
        (
            "    comparator: about\n",
            "    comparator: about\n    baseline: {value: 6, as_of: 2024-12-31}\n",
        ),
        ("    comparator: in_step\n", "    comparator: positive\n    tolerance: 1\n"),
        ("    target: 4\n", "    target: -4\n"),
        ("    comparator: more_than\n", "    comparator: task\n"),
    ),
    "plan rules": _edit(
        ("    tracks: gdp-growth\n", "    tracks: gdp\n"),
        ("  - id: young-graduates\n", "  - id: gdp-growth\n"),
        (
            "    stretch: true\n",
            "    stretch: true\n    milestones: [{as_of: 2026-06-30, share: 50}]\n",
        ),
    ),
    "comparators": _edit(
        ("    unit: '%'\n    comparator: about\n    pace: rate\n", "    comparator: about\n"),
        ("    comparator: in_step\n", "    comparator: in_step\n    upper: 3\n"),
        ("    pace: cumulative\n    stretch: true\n", "    pace: level\n    floor: 0.5\n"),
    ),
    "sections": _edit(
        ("    section: 主要预期目标\n", "    section: 主要预期目标\n    section_en: Main\n")
    ),
}


def plan_refusals(folder: Path) -> dict[str, tuple[list[str], int]]:
    """Runs the plan's problems refuse, each with its exit code, in ``folder``, which holds
    a plan to copy and start from (init, new run twice: the second is refused)."""
    for name, text in BROKEN_PLANS.items():
        (folder / f"{name.replace(' ', '-')}.yaml").write_text(text, encoding="utf-8")
    outside = _edit(("source: report.txt", "source: ../report.txt"))
    (folder / "outside.yaml").write_text(outside, encoding="utf-8")
    new = ["new", "mine", "--report", "report.txt", "--region", "某区", "--year", "2026"]
    runs = {
        name: (["validate", "-f", f"{name.replace(' ', '-')}.yaml"], 3) for name in BROKEN_PLANS
    }
    return {
        **runs,
        "source outside": (["coverage", "-f", "outside.yaml"], 3),
        "init": (["init", "copy"], 0),
        "init again": (["init", "copy"], 3),
        "new": (new, 0),
        "new again": (new, 3),
        "new with an empty English title": (["new", "other", *new[2:], "--title-en", ""], 2),
        "a date before the period": (["status", "--as-of", "2024-12-31"], 2),
        "a figure's date outside the period": (
            ["update", "gdp-growth", "5", "--as-of", "2024-12-31"],
            2,
        ),
        "no such section": (["status", "--section", "交通"], 2),
    }


# A problem's location (file:line: [id]) is the same in every language.
LOCATION = re.compile(r"^  \S+?:(?:\d+:)? (?:\[[^\]]*\] )?", re.MULTILINE)
TYPED_OR_QUOTED = re.compile(r"`[^`\n]*`|'[^'\n]*'")


@pytest.mark.parametrize("lang", list(Lang))
def test_the_plans_refusals_in_one_language(
    lang: Lang, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    english_forms_plan(tmp_path)
    own = plan_texts(tmp_path / "targets.yaml", lang)
    found: dict[str, list[str]] = {}
    said: dict[str, str] = {}
    for name, (args, code) in plan_refusals(tmp_path).items():
        result = runner.invoke(app, [*args, "--lang", lang.value], env={"COLUMNS": "200"})
        assert result.exit_code == code, (name, result.output)
        said[name] = text = LOCATION.sub("", result.stderr)
        if lang is Lang.ZH:
            left, wrong = ALLOWED_IN_ZH.sub(" ", text), ENGLISH_WORD
        else:
            left, wrong = TYPED_OR_QUOTED.sub(" ", text), CJK
        for piece in own:
            left = left.replace(piece, " ")
        hits = [left[max(0, m.start() - 20) : m.end() + 20] for m in wrong.finditer(left)]
        hits += english_slips(text) if lang is Lang.EN else []
        if hits:
            found[name] = hits
    assert found == {}
    # every problem of each plan is listed: as many in either language
    counts = {name: text.count("\n") for name, text in said.items() if name in BROKEN_PLANS}
    assert all(n >= 2 for n in counts.values()), counts


# --- the figures' refusals: sheets, progress.csv, update, retract, diff, coverage --------

BAD_ROWS = [
    "gpd-growth,2025-06-30,5.1,,",  # no such target (did you mean gdp-growth?)
    "gdp-growth,2025-13-01,5.1,,",  # no such date
    "gdp-growth,2024-12-31,5.1,,",  # outside the period
    "gdp-growth,June,5.1,,",  # not a date
    "young-graduates,2025-06-30,-3,,",  # a count cannot be negative
    "young-graduates,2025-07-31,2.5,,",  # not whole (2.5万?)
    'young-graduates,2025-08-31,"4,6",,',  # ambiguous comma
    "young-graduates,2025-03-31,,0.5,",  # ambiguous share
    "gdp-growth,2025-06-30,,40%,",  # a growth rate takes no share
    "platform-rd,2025-06-30,abc,,",  # not a number
    "platform-rd,2025-07-31,1e1000000,,",  # too large
    "gdp-growth,2025-09-30,5.0,,",
    "gdp-growth,2025-09-30,5.2,,",  # given again, another value
    "platform-rd,2025-12-31,1,050,,note",  # a comma left unquoted: a number split in two
]
MANY_PROBLEMS = "id,as_of,value,progress,note\n" + "\n".join(BAD_ROWS) + "\n"
BAD_PROGRESS = (
    "id,as_of,value,source,note,recorded_at,kind\n"
    "nope,2025-03-31,1,s,,2025-04-20T00:00:00+00:00,\n"
    "gdp-growth,2025-02-30,1,s,,2025-04-20T00:00:00+00:00,\n"
    "gdp-growth,2026-03-31,x,s,,yesterday,\n"
    "young-graduates,2025-03-31,300,s,,1800-01-01T00:00:00,share\n"
    "young-graduates,2025-03-31,20000.5,s,,2025-04-20T00:00:00+00:00,\n"
    "young-graduates,2025-03-31,1,s,,2025-04-20T00:00:00+00:00,other\n"
    "gdp-growth,2025-03-31\n"
)
CLASHING_PROGRESS = (
    "id,as_of,value,source,note,recorded_at\n"
    "gdp-growth,2025-03-31,4.6,s,,2025-04-20T00:00:00+00:00\n"
    "gdp-growth,2025-03-31,4.7,s,,2025-04-20T00:00:00+00:00\n"
    "income-growth,2025-03-31,retracted,s,,2025-04-20T00:00:00+00:00\n"
)
ONE_DATE = (
    "id,as_of,value,source,note,recorded_at\ngdp-growth,2025-03-31,4.6,s,,2025-04-20T00:00:00\n"
)


def figures_refusals(folder: Path) -> dict[str, tuple[list[str], int]]:
    """Runs that refuse figures (or find a plan's quotes at odds with the report), each with
    its exit code, in ``folder``, which holds the plan with English forms."""
    write = {
        "many.csv": MANY_PROBLEMS.encode(),
        "dated.csv": b"id,as_of,value\ngdp-growth,2025-06-30,5.1\n",
        "stray.csv": ("id,as_of,value,note\n" + "gdp-growth,2025-06-30,5.1,增长很快\n" * 9)
        .encode()
        .replace("快\n".encode(), b"\xff\n", 1),
        "neither.csv": b"id,as_of,value\n\x80\x80\n",
        "broken.xlsx": b"not a zip",
        "notes.txt": b"id,as_of,value\n",
        "header.csv": "foo,编号,id,note\n".encode(),
    }
    for name, data in write.items():
        (folder / name).write_bytes(data)
    (folder / "folder.csv").mkdir()
    plan = (folder / "targets.yaml").read_text(encoding="utf-8")
    for sub, progress in (("bad", BAD_PROGRESS), ("clash", CLASHING_PROGRESS),
                          ("one", ONE_DATE), ("header", "id,date\n")):  # fmt: skip
        (folder / sub).mkdir()
        (folder / sub / "targets.yaml").write_text(plan, encoding="utf-8")
        (folder / sub / "progress.csv").write_text(progress, encoding="utf-8")
    at_odds = (
        plan.replace("    target: 5.5\n", "    target: 6\n")
        .replace("    comparator: more_than\n    pace: cumulative\n    stretch: true\n",
                 "    comparator: at_least\n    pace: cumulative\n")
    )  # fmt: skip
    (folder / "at-odds.yaml").write_text(at_odds, encoding="utf-8")
    update = ["update", "young-graduates"]
    return {
        "a sheet of bad rows": (["import", "many.csv"], 3),
        "--as-of on a dated sheet": (["import", "dated.csv", "--as-of", "2025Q2"], 2),
        "a stray byte": (["import", "stray.csv"], 3),
        "no known encoding": (["import", "neither.csv"], 3),
        "an unknown encoding": (["import", "dated.csv", "--encoding", "nope"], 3),
        "another encoding": (["import", "stray.csv", "--encoding", "ascii"], 3),
        "a broken workbook": (["import", "broken.xlsx"], 3),
        "not a sheet": (["import", "notes.txt"], 3),
        "a folder": (["import", "folder.csv"], 3),
        "already recorded": (["update", "gdp-growth", "4.7", "--as-of", "2025-03-31"], 3),
        "bad typed figures": ([*update, "3.1", "--progress", "0.5", "--as-of", "2025-06-30"], 3),
        "no figure": ([*update, "--progress", "/", "--as-of", "2025-06-30"], 3),
        "a date outside": ([*update, "1万", "--as-of", "2024-12-31"], 2),
        "today outside": ([*update, "1万"], 2),
        "nothing to retract": (["retract", "platform-rd", "--as-of", "2025-03-31"], 3),
        "a bad progress.csv": (["validate", "-f", "bad/targets.yaml"], 3),
        "a clashing progress.csv": (["validate", "-f", "clash/targets.yaml"], 3),
        "a progress.csv's header": (["status", "-f", "header/targets.yaml"], 3),
        "diff with one date": (["diff", "-f", "one/targets.yaml"], 2),
        "no such section": (["status", "--section", "nope"], 2),
        "quotes at odds": (["coverage", "-f", "at-odds.yaml"], 1),
        "-o onto the plan's own file": (["export", "-o", "progress.csv"], 2),
        "a sheet's header": (["import", "header.csv"], 3),
    }


@pytest.mark.parametrize("lang", list(Lang))
def test_the_figures_refusals_in_one_language(
    lang: Lang, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    english_forms_plan(tmp_path)
    own = plan_texts(tmp_path / "targets.yaml", lang)
    report = squeeze((tmp_path / "report.txt").read_text(encoding="utf-8"))
    found: dict[str, list[str]] = {}
    said: dict[str, str] = {}
    for name, (args, code) in figures_refusals(tmp_path).items():
        result = runner.invoke(app, [*args, "--lang", lang.value], env={"COLUMNS": "200"})
        assert result.exit_code == code, (name, result.output)
        said[name] = text = LOCATION.sub("", result.stdout + result.stderr)
        # the report's own phrases (coverage quotes them), then the plan's ids, names, quotes
        text = CJK_RUN.sub(lambda m: " " if m.group() in report else m.group(), text)
        for piece in own:
            text = text.replace(piece, " ")
        if lang is Lang.ZH:
            left, wrong = ALLOWED_IN_ZH.sub(" ", text), ENGLISH_WORD
        else:
            left, wrong = TYPED_OR_QUOTED.sub(" ", text), CJK
        left = squeeze(left)
        for piece in own:
            left = left.replace(piece, " ")
        hits = [left[max(0, m.start() - 20) : m.end() + 20] for m in wrong.finditer(left)]
        hits += english_slips(text) if lang is Lang.EN else []
        if hits:
            found[name] = hits
    assert found == {}
    # every bad row is listed, in either language
    assert said["a sheet of bad rows"].count("\n") == len(BAD_ROWS)  # the head and 13 rows


# --- a TARGETS_LANG that names no language ----------------------------------------------

LANG_ENV_REFUSED = (
    "错误：环境变量 TARGETS_LANG='fr' 不是可用的语言：请设为 zh 或 en（或删去它），"
    "或用 --lang 指定\n"
    "Error: TARGETS_LANG='fr' names no language: set it to zh or en (or unset it), or give "
    "--lang\n"
)
LANG_ENV_RUNS = {
    **{c: [c] for c in COMMANDS},
    "no command": [],
    "help": ["status", "--help"],
    "version": ["--version"],
    "unknown option": ["status", "--bogus"],
    "unknown command": ["stauts"],
    "missing argument": ["show"],
}


@pytest.mark.parametrize("name", LANG_ENV_RUNS)
def test_a_targets_lang_that_names_no_language_is_refused_in_both_languages(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    env = {"TARGETS_LANG": "fr", "COLUMNS": "200"}
    result = runner.invoke(app, LANG_ENV_RUNS[name], env=env)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", LANG_ENV_REFUSED)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [["status", "--lang", "en"], ["--lang=en", "status"]])
def test_a_typed_lang_overrides_a_targets_lang_that_names_none(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    bundled_plan(tmp_path)
    env = {"COLUMNS": "200"}
    result = runner.invoke(app, args, env={**env, "TARGETS_LANG": "fr"})
    assert result.exit_code == 0, result.output
    assert result.stdout == runner.invoke(app, args, env=env).stdout
    assert "Status" in result.stdout

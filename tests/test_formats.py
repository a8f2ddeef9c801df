"""The output-format registry (outputs/formats.py): every command's formats come from it,
every alias is the same format everywhere, -o's suffix picks through it, and a wrong
format is refused in plain words with exit 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from gongshu_targets import cli
from gongshu_targets.enums import Lang
from gongshu_targets.errors import ExitCode
from gongshu_targets.outputs import formats
from gongshu_targets.outputs.formats import FORMATS, MENUS, Menu
from gongshu_targets.outputs.phrases import say

runner = CliRunner()


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the commands' English words: TARGETS_LANG=en, unless --lang says."""
    monkeypatch.setenv("TARGETS_LANG", "en")


# How each menu is reached on the command line.
ARGS = {
    "status": ["status"],
    "status --by": ["status", "--by", "owner"],
    "check": ["check"],
    "diff": ["diff"],
    "coverage": ["coverage"],
    "export": ["export"],
    "template": ["template"],
    "report": ["report"],
}
WITH_FLAG = [m for m in MENUS if m.flag]


@pytest.fixture(autouse=True)
def _report_text(plan_dir: Path) -> None:
    """The report text the plan names, for coverage."""
    (plan_dir / "report.txt").write_text("地区生产总值增长5.5%左右。\n", encoding="utf-8")


def flat(text: str) -> str:
    return re.sub(r"[\s│]+", " ", text)


def run(plan_dir: Path, *args: str):
    return runner.invoke(cli.app, [*args, "-f", str(plan_dir / "targets.yaml")])


def output_of(plan_dir: Path, menu: Menu[object], *args: str) -> bytes:
    """What the command writes for ``args``: -o's file where it takes -o, else stdout."""
    out = plan_dir / "out.bin"
    out.unlink(missing_ok=True)
    extra = ["-o", str(out)] if menu.output else []
    result = run(plan_dir, *ARGS[menu.command], *args, *extra)
    assert result.exit_code in (ExitCode.OK, ExitCode.CHECK_FAILED), result.stderr
    return out.read_bytes() if menu.output else result.stdout_bytes


def test_every_command_with_a_format_option_has_a_menu():
    group = typer.main.get_command(cli.app)
    assert isinstance(group, typer.core.TyperGroup)
    with_format = {
        name
        for name, command in group.commands.items()
        if any("--format" in p.opts for p in command.params)
    }
    assert with_format == {m.command for m in WITH_FLAG if " " not in m.command}


def test_each_format_is_one_object_with_distinct_spellings():
    spellings = [s for f in FORMATS for s in f.spellings]
    suffixes = [s for f in FORMATS for s in f.suffixes]
    assert len(spellings) == len(set(spellings))
    assert len(suffixes) == len(set(suffixes))
    for menu in MENUS:
        assert menu.default in menu.formats
        assert all(f in FORMATS for f in menu.formats)


@pytest.mark.parametrize("menu", MENUS, ids=lambda m: m.command)
def test_every_offer_renders_from_its_renderer(plan_dir: Path, menu: Menu[object]):
    """Each format a command offers, asked for by name, gives output of its kind."""
    for fmt in menu.formats:
        renderer = menu.renderer(fmt)
        assert callable(renderer)
        if not menu.flag:  # only -o's suffix picks: tested below
            continue
        data = output_of(plan_dir, menu, "--format", fmt.name)
        assert data
        assert data.startswith(b"PK") == fmt.binary  # a zip (xlsx) exactly when binary


@pytest.mark.parametrize("menu", WITH_FLAG, ids=lambda m: m.command)
def test_format_choices_are_the_registrys(plan_dir: Path, menu: Menu[object]):
    """--format takes every spelling of the menu's formats, in any case, and no other
    format; --help names each with its aliases."""
    offered = set(menu.formats)
    missing = str(plan_dir / "missing.yaml")  # an accepted format goes on to need the plan
    for fmt in FORMATS:
        for spelling in fmt.spellings:
            args = [*ARGS[menu.command], "--format", spelling.upper(), "-f", missing]
            result = runner.invoke(cli.app, args)
            wanted = ExitCode.INVALID_INPUT if fmt in offered else ExitCode.USAGE
            assert result.exit_code == wanted, (spelling, result.stderr)
    command = ARGS[menu.command][0]
    shown = flat(runner.invoke(cli.app, [command, "--help"]).stdout)
    for fmt in menu.formats:
        assert say(fmt.said, Lang.EN) in shown


# The exact words of an unknown format, per command.
UNKNOWN = {
    "status": "choose one of table, json, csv, markdown (md)",
    "status --by": "choose one of table, json, csv, markdown (md)",
    "check": "choose one of text (txt), json, github, junit, markdown (md)",
    "diff": "choose one of text (txt), json, markdown (md)",
    "coverage": "choose one of text (txt), json",
    "export": "choose one of csv, json, xlsx",
    "report": "choose one of xlsx, markdown (md), csv, html (htm)",
}


@pytest.mark.parametrize("menu", WITH_FLAG, ids=lambda m: m.command)
def test_an_unknown_format_is_refused_in_plain_words(plan_dir: Path, menu: Menu[object]):
    result = run(plan_dir, *ARGS[menu.command], "--format", "mdx", "--lang", "en")
    assert (result.exit_code, result.stdout) == (ExitCode.USAGE, "")
    command = menu.command.split()[0]  # --by is an option of status: status's formats
    expected = f"invalid value for --format: unknown format 'mdx' for {command}: "
    assert expected + UNKNOWN[menu.command] in flat(result.stderr)
    assert "Value error" not in result.stderr
    assert "is not one of" not in result.stderr


def test_status_by_names_the_command_the_user_typed(plan_dir: Path):
    result = run(plan_dir, "status", "--by", "owner", "--format", "xml")
    assert "unknown format 'xml' for status:" in flat(result.stderr)


@pytest.mark.parametrize("menu", WITH_FLAG, ids=lambda m: m.command)
def test_every_alias_gives_the_same_bytes(plan_dir: Path, menu: Menu[object]):
    for fmt in menu.formats:
        outputs = {s: output_of(plan_dir, menu, "--format", s) for s in fmt.spellings}
        if fmt.binary:  # a workbook carries the time it was written: compare its cells
            continue
        assert len(set(outputs.values())) == 1, (menu.command, fmt.name)


@pytest.mark.parametrize("command", ["status", "check", "diff", "report"])
def test_md_and_markdown_are_one_format_wherever_markdown_is_offered(plan_dir: Path, command: str):
    menu = next(m for m in MENUS if m.command == command)
    assert formats.MARKDOWN in menu.formats
    md = output_of(plan_dir, menu, "--format", "md")
    assert md == output_of(plan_dir, menu, "--format", "markdown")
    assert md.startswith((b"|", b"#", b"**")), md[:40]


def test_markdown_is_offered_by_exactly_these_commands():
    offering = {m.command for m in MENUS if formats.MARKDOWN in m.formats}
    assert offering == {"status", "status --by", "check", "diff", "report"}


@pytest.mark.parametrize(
    ("command", "suffix", "fmt"),
    [
        ("check", ".txt", "text"),
        ("check", ".json", "json"),
        ("check", ".xml", "junit"),
        ("check", ".md", "markdown"),
        ("check", ".markdown", "markdown"),
        ("check", ".github", "github"),  # a format's name is its suffix too
        ("report", ".md", "markdown"),
        ("report", ".MD", "markdown"),
        ("report", ".markdown", "markdown"),
        ("report", ".csv", "csv"),
        ("report", ".html", "html"),
        ("report", ".htm", "html"),
        ("export", ".csv", "csv"),
        ("export", ".json", "json"),
    ],
)
def test_the_output_suffix_picks_the_format(plan_dir: Path, command: str, suffix: str, fmt: str):
    out = plan_dir / f"out{suffix}"
    picked = run(plan_dir, command, "-o", str(out))
    assert picked.exit_code in (ExitCode.OK, ExitCode.CHECK_FAILED), picked.stderr
    asked = run(plan_dir, command, "--format", fmt)
    assert out.read_bytes() == asked.stdout_bytes


@pytest.mark.parametrize("command", ["report", "export", "template"])
def test_an_xlsx_suffix_writes_a_workbook(plan_dir: Path, command: str):
    out = plan_dir / "out.xlsx"
    assert run(plan_dir, command, "-o", str(out)).exit_code == ExitCode.OK
    assert out.read_bytes().startswith(b"PK")


def test_format_beats_the_suffix(plan_dir: Path):
    out = plan_dir / "out.md"
    assert run(plan_dir, "report", "-o", str(out), "--format", "csv").exit_code == 0
    assert out.read_bytes() == run(plan_dir, "report", "--format", "csv").stdout_bytes


@pytest.mark.parametrize(
    ("command", "known"),
    [
        ("report", ".xlsx, .md, .markdown, .csv, .html, .htm, or --format"),
        ("export", ".csv, .json, .xlsx, or --format"),
        ("check", ".txt, .json, .xml, .md, .markdown, or --format"),
        ("template", ".csv, .xlsx"),  # template has no --format
    ],
)
def test_an_unknown_suffix_lists_the_known_ones(plan_dir: Path, command: str, known: str):
    out = plan_dir / "out.pdf"
    result = run(plan_dir, command, "-o", str(out), "--lang", "en")
    assert result.exit_code == ExitCode.USAGE
    expected = f"invalid value for --output: cannot tell the format from 'out.pdf': use {known} "
    assert expected in flat(result.stderr) + " "
    assert not out.exists()


def test_a_template_refuses_a_format_it_does_not_write(plan_dir: Path):
    out = plan_dir / "out.json"  # a format export writes, a template does not
    result = run(plan_dir, "template", "-o", str(out))
    assert result.exit_code == ExitCode.USAGE
    assert "cannot tell the format from 'out.json': use .csv, .xlsx" in flat(result.stderr)
    assert not out.exists()


@pytest.mark.parametrize("command", ["report", "export"])
def test_a_workbook_without_o_says_what_to_do(plan_dir: Path, command: str):
    result = run(plan_dir, command, "--format", "xlsx")
    assert (result.exit_code, result.stdout) == (ExitCode.USAGE, "")
    assert result.stderr == "Error: xlsx is an Excel workbook, not text: give -o FILE.xlsx\n"


def test_a_binary_format_is_refused_before_it_is_built(plan_dir: Path, monkeypatch):
    def never(_view: object) -> bytes:
        raise AssertionError("rendered")

    from gongshu_targets.outputs import report

    monkeypatch.setattr(report, "render_xlsx", never)
    result = run(plan_dir, "report", "--format", "xlsx")
    assert result.exit_code == ExitCode.USAGE


def test_the_registry_imports_nothing_heavy():
    import subprocess
    import sys

    code = (
        "import sys, gongshu_targets.outputs.formats; "
        "print(sorted(m for m in ('rich', 'pydantic', 'yaml', 'openpyxl') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"

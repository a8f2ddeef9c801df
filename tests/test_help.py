"""--help of every command at every width from 60 up: each line fits, no text of ours is
cut or dropped, and the command list reads as sentences, not as the docstrings' lines."""

from __future__ import annotations

import inspect
import re

import pytest
import typer
from typer.testing import CliRunner

from gongshu_targets import cli
from gongshu_targets.outputs.terminal import HelpPage, HelpRow, help_lines
from test_options import cell_len

runner = CliRunner()
GROUP = typer.main.get_command(cli.app)
COMMANDS = sorted(GROUP.commands)  # type: ignore[attr-defined]
BOX = re.compile(r"[│╭╮╰╯─\s]")


def page_of(command: str | None, width: int) -> str:
    args = [command, "--help"] if command else ["--help"]
    result = runner.invoke(cli.app, args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.stdout


def our_texts(command: str | None) -> list[str]:
    """Every text we wrote that the page shows: the command's help and each parameter's;
    on the group's page, each command's first paragraph too."""
    shown = GROUP if command is None else GROUP.commands[command]  # type: ignore[attr-defined]
    texts = [shown.help or "", *(getattr(p, "help", None) or "" for p in shown.params)]
    if command is None:
        texts += [inspect.cleandoc(c.help or "").split("\n\n")[0] for c in GROUP.commands.values()]  # type: ignore[attr-defined]
    return [t for t in texts if t.strip()]


def dropped(text: str, page: str) -> list[str]:
    """The words of ``text`` not found, in their order, in ``page`` (read without its
    spaces, line breaks and box lines, so that a word folded over two lines is found)."""
    flat = BOX.sub("", page)
    missing, at = [], 0
    for word in text.split():
        found = flat.find(word, at)
        if found < 0:
            missing.append(word)
        else:
            at = found + len(word)
    return missing


def test_the_checks_see_a_cut_word():
    cut = "│ --title  TITLE  The plan's title (default: REGION + YEAR + 年政府工作报告主要目… │"
    assert dropped("The plan's title (default: REGION + YEAR + 年政府工作报告主要目标任务).", cut)
    folded = "│ --title  TITLE  The plan's title (default: 年政府工作报告主要目 │\n│  标任务). │"
    assert dropped("The plan's title (default: 年政府工作报告主要目标任务).", folded) == []


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_folds_and_never_cuts(command: str | None, width: int):
    page = page_of(command, width)
    wide = [line for line in page.splitlines() if cell_len(line) > width]
    assert wide == [], page
    for text in our_texts(command):
        assert dropped(text, page) == [], page
        assert page.count("…") == sum(t.count("…") for t in our_texts(command)), page


def test_the_command_list_reads_as_paragraphs():
    """Each command's description is its docstring's first paragraph as sentences: its
    lines (at 120 columns) joined are that paragraph, whatever line breaks the docstring
    has, and each line but the last is filled as far as the next word allows."""
    page = page_of(None, 120)
    panel = page[page.index("╭─ Commands") :].splitlines()[1:-1]
    width = max(len(name) for name in GROUP.commands)  # type: ignore[attr-defined]
    described: dict[str, list[str]] = {}
    for line in panel:
        name, text = line[2 : 2 + width].strip(), line[4 + width : -2].rstrip()
        described.setdefault(name, []) if name else None
        described[name or list(described)[-1]].append(text)
    room = 120 - 4 - width - 2
    for name, command in GROUP.commands.items():  # type: ignore[attr-defined]
        first = " ".join(inspect.cleandoc(command.help or "").split("\n\n")[0].split())
        lines = described[name]
        assert " ".join(lines) == first, name
        for line, after in zip(lines, lines[1:], strict=False):
            assert cell_len(line) + 1 + cell_len(after.split()[0]) > room, (name, lines)


def test_a_row_too_wide_for_its_help_puts_the_help_below():
    page = HelpPage("t", [], [("Options", [HelpRow("--" + "x" * 40, "some help words here")])])
    lines = [line.plain for line in help_lines(page, 60)]
    assert lines[-3:] == [
        "│ --" + "x" * 40 + " " * 14 + " │",
        "│     some help words here" + " " * 32 + " │",
        "╰" + "─" * 58 + "╯",
    ]

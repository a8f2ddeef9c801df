"""--help of every command, in each language, at every width from 60 up: each line fits, no
text of ours is cut, dropped or broken inside a word, and the command list reads as
sentences. The language is chosen as every output's is: --lang (before or after --help),
else $TARGETS_LANG, else Chinese."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from gongshu_targets import cli
from gongshu_targets.enums import Lang
from gongshu_targets.outputs import helptext, terminal
from gongshu_targets.outputs.terminal import NO_LINE_START, HelpPage, HelpRow, help_lines
from test_options import cell_len
from test_small_words import NARROW_RUN

runner = CliRunner()
GROUP = typer.main.get_command(cli.app)
COMMANDS = sorted(GROUP.commands)  # type: ignore[attr-defined]
BOX = re.compile(r"[│╭╮╰╯─\s]")
TITLES = {Lang.EN: ("Usage:", "╭─ Options"), Lang.ZH: ("用法：", "╭─ 选项")}


def page_of(command: str | None, width: int, lang: Lang) -> str:
    args = [command, "--help"] if command else ["--help"]
    result = runner.invoke(cli.app, [*args, "--lang", lang.value], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.stdout


def our_texts(command: str | None, lang: Lang) -> list[str]:
    """Every text we wrote that the page shows, in ``lang``: the command's help and each
    parameter's; on the group's page, each command's first paragraph too."""
    name = command or "targets"
    shown = GROUP if command is None else GROUP.commands[command]  # type: ignore[attr-defined]
    params = shown.get_params(typer.Context(shown))
    texts = [helptext.command_help(name, lang)]
    texts += [helptext.param_help(name, cli._help_name(p), lang) for p in params]
    if command is None:
        texts += [helptext.command_help(c, lang).split("\n\n")[0] for c in COMMANDS]
    return texts


def help_column(page: str) -> str:
    """What a page says in prose: the lines outside the panels, and of each panel's line
    its last cell (the help, after the names and the value's word)."""
    cells = []
    for line in page.splitlines():
        inner = line.strip().removeprefix("│").removesuffix("│").strip()
        cells.append(re.split(r"\s{2,}", inner)[-1] if line.startswith("│") else line)
    return "\n".join(cells)


def dropped(text: str, page: str) -> list[str]:
    """The words of ``text`` not found, in their order, in ``page``'s prose (read without
    its spaces, line breaks and box lines, so that a word folded over two lines is found)."""
    flat = BOX.sub("", help_column(page))
    missing, at = [], 0
    for word in text.split():
        found = flat.find(word, at)
        if found < 0:
            missing.append(word)
        else:
            at = found + len(word)
    return missing


def broken(text: str, page: str) -> list[str]:
    """The English words, numbers, options and file names of ``text`` that no line of
    ``page`` shows whole: one broken over two lines."""
    lines = page.splitlines()
    return [w for w in NARROW_RUN.findall(text) if not any(w in line for line in lines)]


def test_the_checks_see_a_cut_or_broken_word():
    cut = "│ --title  TITLE  The plan's title (default: REGION + YEAR + 年政府工作报告主要目… │"
    assert dropped("The plan's title (default: REGION + YEAR + 年政府工作报告主要目标任务).", cut)
    folded = "│ --title  TITLE  The plan's title (default: 年政府工作报告主要目 │\n│    标任务). │"
    assert dropped("The plan's title (default: 年政府工作报告主要目标任务).", folded) == []
    split = "│ 可用 achieved、on_track、at_risk、off_trac │\n│ k、missed │"
    assert broken("可用 achieved、on_track、at_risk、off_track、missed", split) == ["off_track"]


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_folds_and_never_cuts(command: str | None, lang: Lang, width: int):
    page = page_of(command, width, lang)
    wide = [line for line in page.splitlines() if cell_len(line) > width]
    assert wide == [], page
    texts = our_texts(command, lang)
    for text in texts:
        assert dropped(text, page) == [], page
        assert broken(text, page) == [], page
    assert page.count("…") == sum(t.count("…") for t in texts), page
    starts = [line.strip(" │")[:1] for line in page.splitlines()]
    assert [c for c in starts if c in NO_LINE_START and cell_len(c) == 2] == [], page


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_speaks_the_chosen_language(command: str | None):
    """--lang after --help or before it, else $TARGETS_LANG, else Chinese; `targets --lang
    en COMMAND` too."""
    head = [command] if command else []
    zh, en = page_of(command, 80, Lang.ZH), page_of(command, 80, Lang.EN)
    for lang, page in ((Lang.ZH, zh), (Lang.EN, en)):
        usage, options = TITLES[lang]
        assert page.startswith(f" {usage}") and options in page, page
    assert zh != en

    def shown(args: list[str], env: dict[str, str | None]) -> str:
        result = runner.invoke(cli.app, args, env={"COLUMNS": "80", **env})
        assert result.exit_code == 0, result.output
        return result.stdout

    assert shown([*head, "--lang", "en", "--help"], {}) == en
    assert shown([*head, "-h", "--lang=en"], {}) == en
    assert shown([*head, "--help"], {"TARGETS_LANG": None}) == zh
    assert shown([*head, "--help"], {"TARGETS_LANG": "en"}) == en
    assert shown([*head, "--help", "--lang", "zh"], {"TARGETS_LANG": "en"}) == zh
    if command:
        assert shown(["--lang", "en", command, "--help"], {}) == en


def test_the_tables_of_both_languages_have_the_same_keys_and_every_key_is_used():
    assert helptext.EN.keys() == helptext.ZH.keys()
    used = {"targets", *COMMANDS}
    for name in [None, *COMMANDS]:
        shown = GROUP if name is None else GROUP.commands[name]  # type: ignore[attr-defined]
        command = name or "targets"
        for p in shown.get_params(typer.Context(shown)):
            key = cli._help_name(p)
            used.add(f"{command} {key}" if f"{command} {key}" in helptext.EN else key)
    frame = {k for k in helptext.EN if not k.startswith("value ") and k[:1] != "-"}
    frame -= {k for k in frame if k.split(" ")[0] in used}
    values = {k for k in helptext.EN if k.startswith("value ")}
    assert set(helptext.EN) - used - frame - values == set()
    assert sorted(frame) == sorted([
        "usage", "[OPTIONS]", "COMMAND [ARGS]...", "Arguments", "Options", "Commands",
        "default", "env var", "required", "formats", "format default",
        "format sep", "format end",
    ])  # fmt: skip


@pytest.mark.parametrize("lang", list(Lang))
def test_the_command_list_reads_as_paragraphs(lang: Lang):
    """Each command's description is its help's first paragraph as sentences: its lines
    (at 120 columns) joined are that paragraph, and each line but the last is filled as far
    as the next word (or Chinese character) allows."""
    page = page_of(None, 120, lang)
    panel = page[page.index(f"╭─ {helptext.word('Commands', lang)}") :].splitlines()[1:-1]
    width = max(len(name) for name in COMMANDS)
    described: dict[str, list[str]] = {}
    for line in panel:
        name, text = line[2 : 2 + width].strip(), line[4 + width : -2].rstrip()
        described.setdefault(name, []) if name else None
        described[name or list(described)[-1]].append(text)
    room = 120 - 4 - width - 2
    for name in COMMANDS:
        first = helptext.command_help(name, lang).split("\n\n")[0]
        lines = described[name]
        assert "".join(lines).replace(" ", "") == first.replace(" ", ""), name
        for line, after in zip(lines, lines[1:], strict=False):
            word = re.match(r"[\x21-\x7e]+|.", after)
            assert word is not None
            assert cell_len(line) + 1 + cell_len(word.group()) > room, (name, lines)


def test_a_row_too_wide_for_its_help_puts_the_help_below():
    page = HelpPage("t", [], [("Options", [HelpRow("--" + "x" * 40, "some help words here")])])
    lines = [line.plain for line in help_lines(page, 60)]
    assert lines[-3:] == [
        "│ --" + "x" * 40 + " " * 14 + " │",
        "│     some help words here" + " " * 32 + " │",
        "╰" + "─" * 58 + "╯",
    ]


TAG = re.compile(r"\[[^\[\]\n]*\]")


@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_never_breaks_a_bracketed_tag(command: str | None, lang: Lang):
    """A tag ([必填], [环境变量：TARGETS_LANG], [default: zh], the usage line's [选项]) is one
    piece: at every width each tag a wide page shows is whole on one line, and no line
    holds half of one (`[环境变` … `量：TARGETS_LANG]`)."""
    tags = TAG.findall(page_of(command, 1000, lang))
    assert tags
    for width in (40, 60, 80, 100, 120, 160, 200):
        lines = page_of(command, width, lang).splitlines()
        halves = [line for line in lines if line.count("[") != line.count("]")]
        assert halves == [], (width, halves)
        assert sorted(t for line in lines for t in TAG.findall(line)) == sorted(tags), width


def test_a_tag_that_does_not_fit_goes_down_whole():
    assert terminal.fold_tags("即都用英文。 [环境变量：TARGETS_LANG] [默认：zh]", 28) == [
        "即都用英文。",
        "[环境变量：TARGETS_LANG]",
        "[默认：zh]",
    ]
    assert terminal.fold_tags("for English everywhere. [env var: TARGETS_LANG]", 30) == [
        "for English everywhere.",
        "[env var: TARGETS_LANG]",
    ]


@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_the_usage_line_breaks_only_between_its_words(command: str | None, lang: Lang):
    words = page_of(command, 1000, lang).splitlines()[0].split()
    for width in (40, 60, 80):
        lines = page_of(command, width, lang).splitlines()
        usage = lines[: lines.index("")]
        assert " ".join(usage).split() == words, (width, usage)

"""Options that behave alike in every command: --help's placeholders and choice lists,
choices in any case and (for --status) in either language, choice errors in plain words,
and the same "did you mean" wherever an id is taken."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from gongshu_targets import cli
from gongshu_targets.enums import FailOn, Status
from gongshu_targets.errors import ExitCode, close_ids
from gongshu_targets.outputs.wording import STATUS_LABELS

runner = CliRunner()


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the commands' English words: TARGETS_LANG=en, unless --lang says."""
    monkeypatch.setenv("TARGETS_LANG", "en")


COMMANDS = sorted(typer.main.get_command(cli.app).commands)  # type: ignore[attr-defined]


def cell_len(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def run(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(cli.app, list(args), env=env)


def help_of(command: str | None, width: int) -> str:
    result = run(*([command] if command else []), "--help", env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.stdout


def choice_words() -> set[str]:
    """Every word any option of any command offers as a choice."""
    words: set[str] = set()
    for command in typer.main.get_command(cli.app).commands.values():  # type: ignore[attr-defined]
        for param in command.params:
            descriptor = getattr(param, "type_descriptor", None)
            if descriptor is not None and descriptor.is_choice:
                words |= {str(c.value) for c in descriptor.choices}
    return words


def split_words(page: str, words: set[str]) -> list[str]:
    """Choices cut across two lines: a run of text on one line ends with the head of a
    choice (after a non-letter: < | ,), and the run below it, starting in the same display
    column, starts with the rest (before a non-letter)."""
    lines = page.splitlines()
    found = []
    for above, below in zip(lines, lines[1:], strict=False):
        starts = {cell_len(below[: m.start()]): m.group() for m in re.finditer(r"\S+", below)}
        for run in re.finditer(r"\S+", above):
            under = starts.get(cell_len(above[: run.start()]), "")
            for word in words:
                for cut in range(1, len(word)):
                    head = rf"(^|[^A-Za-z_]){re.escape(word[:cut])}$"
                    rest = rf"^{re.escape(word[cut:])}($|[^A-Za-z_])"
                    if re.search(head, run.group()) and re.search(rest, under):
                        found.append(f"{word!r} as {above!r} / {below!r}")
    return found


def test_the_help_checks_see_typers_own_rendering():
    """The two checks below can fail: on Typer's own placeholders they do."""
    assert split_words("│ <off_track|at_ris  │\n│ k|stale>           │", {"at_risk"})
    assert re.search(r"<[a-z]", "│ --help  -h  <bool>  Show this message │")


# Click's words for a value's type, and its range suffix ([x>=0], [1949<=x<=2200]).
CLICK_TYPE_WORDS = re.compile(
    r"\b(INTEGER|INT RANGE|FLOAT RANGE|FLOAT|TEXT|PATH|FILE|BOOLEAN|DIRECTORY|UUID)\b"
    r"|\[[^\]]*x *[<>]=?[^\]]*\]"
)


def placeholders() -> list[str]:
    """What --help shows after each option of every command: its metavar column."""
    group = typer.main.get_command(cli.app)
    context = typer.Context(group)
    shown = []
    for command in [group, *group.commands.values()]:  # type: ignore[attr-defined]
        for param in group.get_params(context) if command is group else command.params:
            cli._plain_help([param])
            if isinstance(param, cli._HelpOption):
                word = param.display_type_rich(context) or ""
                shown.append(word + param._get_number_range_help_str())
    return shown


def test_help_checks_see_clicks_type_words():
    assert CLICK_TYPE_WORDS.search("│ --year  INT RANGE [1949<=x<=2200]  The calendar year")
    assert CLICK_TYPE_WORDS.search("│ --max-age  DAYS [x>=0]  Report a target")
    assert CLICK_TYPE_WORDS.search("│ --region  TEXT  Whose report it is")


def test_no_option_shows_a_click_type_or_range():
    shown = placeholders()
    assert {"YEAR", "DAYS", "REGION", "PLAN", "DATE"} <= set(shown)
    assert [w for w in shown if CLICK_TYPE_WORDS.search(w)] == []


@pytest.mark.parametrize("width", [80, 60])
@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_has_no_type_placeholders_and_never_cuts_a_choice(command: str | None, width: int):
    page = help_of(command, width)
    assert not re.search(r"<[a-z]", page), page  # no <bool>, <str>, <file>, <zh|en>
    assert not CLICK_TYPE_WORDS.search(page), page
    assert split_words(page, choice_words()) == [], page
    assert all(cell_len(line) <= width for line in page.splitlines())


def test_help_shows_a_flag_bare_a_value_by_a_word_and_the_choices_spaced():
    page = help_of("status", 200)
    assert re.search(r"│ --problems +Only the missed", page)
    assert re.search(r"│ --section +SECTION +Only the sections", page)
    assert re.search(r"│ --file +-f +PLAN +The plan", page)
    assert re.search(r"│ --sort +plan \| status \| gap +plan \(the plan's order", page)
    assert re.search(r"│ --status +STATUS +Only targets with this status", page)
    assert re.search(r"│ \* +ID +The target's id, e.g. rd-intensity", help_of("show", 120))


def status_ids(plan: Path, *statuses: str) -> list[str]:
    args = [a for s in statuses for a in ("--status", s)]
    result = run("status", "-f", str(plan), "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return [t["id"] for t in json.loads(result.stdout)["targets"]]


@pytest.mark.parametrize("status", list(Status))
def test_status_takes_the_value_and_both_languages_labels_in_any_case(
    plan_dir: Path, status: Status
):
    plan = plan_dir / "targets.yaml"
    expected = status_ids(plan, status.value)
    en, zh = STATUS_LABELS[status]
    for spelling in (en, en.upper(), zh, status.value.upper(), status.value.replace("_", "-")):
        assert status_ids(plan, spelling) == expected, spelling


def test_status_words_select_what_they_name(plan_dir: Path):
    plan = plan_dir / "targets.yaml"
    assert status_ids(plan, "存在风险", "On Track") == status_ids(plan, "at_risk", "on_track")
    assert status_ids(plan, "no data") == ["platform-rd"]


def test_an_unknown_status_lists_the_statuses_in_plain_words(plan_dir: Path):
    result = run("status", "-f", str(plan_dir / "targets.yaml"), "--status", "late")
    assert result.exit_code == ExitCode.USAGE
    message = " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.stderr).split())
    assert "Value error" not in message
    assert (
        "invalid value for --status: 'late' is not a status: use achieved, on_track, "
        "at_risk, off_track, missed, pending or no_data, or the status as the table labels "
        "it (achieved, on track, at risk, off track, missed, pending or no data)"
    ) in message
    chinese = run(
        "status", "-f", str(plan_dir / "targets.yaml"), "--status", "late", "--lang", "zh"
    )
    assert chinese.exit_code == ExitCode.USAGE
    assert chinese.stderr == (
        "错误：--status 的值无效：'late' 不是状态：可用 achieved、on_track、at_risk、off_track、"
        "missed、pending 或 no_data，或表中的状态名（已完成、符合序时、存在风险、滞后序时、未完成、"
        "待评估 或 暂无数据）（运行 `targets status -h` 查看用法）\n"
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["status", "--sort", "size"], "--sort: 'size' is not a choice: use plan, status or gap"),
        (["status", "--by", "x"], "--by: 'x' is not a choice: use owner or section"),
        (["status", "--lang", "fr"], "--lang: 'fr' is not a choice: use zh or en"),
        (["show", "gdp-growth", "--lang", "de"], "--lang: 'de' is not a choice: use zh or en"),
        (
            ["check", "--fail-on", "late"],
            "--fail-on: 'late' is not a choice: use off_track, at_risk or stale, or the "
            "status as the table labels it (off track or at risk)",
        ),
    ],
)
def test_a_wrong_choice_is_refused_naming_the_choices(
    plan_dir: Path, args: list[str], expected: str
):
    result = run(*args, "-f", str(plan_dir / "targets.yaml"))
    assert result.exit_code == ExitCode.USAGE
    message = " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.stderr).split())
    assert f"invalid value for {expected}" in message
    assert "Value error" not in message


def test_choices_are_taken_in_any_case_with_dash_or_underscore(plan_dir: Path):
    plan = str(plan_dir / "targets.yaml")
    upper = run("status", "-f", plan, "--sort", "GAP", "--lang", "EN", "--format", "json")
    lower = run("status", "-f", plan, "--sort", "gap", "--lang", "en", "--format", "json")
    assert upper.exit_code == 0 and upper.stdout == lower.stdout
    dashed = run("check", "-f", plan, "--fail-on", "At-Risk", "--format", "json")
    plain = run("check", "-f", plan, "--fail-on", "at_risk", "--format", "json")
    assert dashed.exit_code == plain.exit_code and dashed.stdout == plain.stdout


KNOWN = {
    "gdp-growth": ("地区生产总值增长", "GDP growth"),
    "income-growth": ("居民人均可支配收入增长", "Income growth"),
    "young-graduates": ("新引进35周岁以下大学生", "Graduates under 35"),
    "rd-spending": ("研发投入", "R&D spending"),
    "rd-intensity": ("研发投入强度", "R&D intensity"),
    "platform-rd-spending": ("平台研发投入", "Platform R&D spending"),
}


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("gdp", ["gdp-growth"]),  # the first words of an id
        ("GDP-Growth", ["gdp-growth"]),  # another case
        ("young", ["young-graduates"]),
        ("graduates", ["young-graduates"]),  # a later word
        ("rd", ["rd-spending", "rd-intensity", "platform-rd-spending"]),  # at most three
        ("gdp-grwth", ["gdp-growth"]),  # a typo
        ("地区生产总值", ["gdp-growth"]),  # the name instead of the id
        ("income growth", ["income-growth"]),
        ("zzz", []),
        ("", []),
    ],
)
def test_close_ids(typed: str, meant: list[str]):
    assert close_ids(typed, KNOWN) == meant


def lookup_failures(plan_dir: Path) -> dict[str, object]:
    plan = str(plan_dir / "targets.yaml")
    sheet = plan_dir / "q.csv"
    sheet.write_text("id,as_of,value\ngdp,2025-06-30,5\n", encoding="utf-8")
    return {
        "show": run("show", "gdp", "-f", plan),
        "update": run("update", "gdp", "5", "--as-of", "2025-06-30", "-f", plan),
        "retract": run("retract", "gdp", "--as-of", "2025-03-31", "-f", plan),
        "import": run("import", str(sheet), "-f", plan),
        "import --dry-run": run("import", str(sheet), "--dry-run", "-f", plan),
    }


def test_every_id_lookup_suggests_the_same_ids(plan_dir: Path):
    before = (plan_dir / "progress.csv").read_bytes()
    results = lookup_failures(plan_dir)
    for command in ("show", "update", "retract"):
        result = results[command]
        assert result.exit_code == ExitCode.INVALID_INPUT, command  # type: ignore[attr-defined]
        assert result.stderr == (  # type: ignore[attr-defined]
            "Error: no target with id 'gdp' in the plan (did you mean gdp-growth?)\n"
        ), command
    for command in ("import", "import --dry-run"):
        result = results[command]
        assert result.exit_code == ExitCode.INVALID_INPUT, command  # type: ignore[attr-defined]
        assert (
            "row 2, column id = 'gdp': no such target in the plan (did you mean gdp-growth?)"
            in result.stderr  # type: ignore[attr-defined]
        ), command
    assert (plan_dir / "progress.csv").read_bytes() == before


@pytest.mark.parametrize("level", [FailOn.OFF_TRACK, FailOn.AT_RISK])
def test_fail_on_takes_a_status_as_status_does(plan_dir: Path, level: FailOn):
    """--fail-on reads a status through the parser --status uses: the value and the labels
    in both languages, in any case."""
    plan = str(plan_dir / "targets.yaml")
    plain = run("check", "-f", plan, "--fail-on", level.value, "--format", "json")
    en, zh = STATUS_LABELS[Status(level)]
    for spelling in (en, en.upper(), zh, level.value.upper()):
        said = run("check", "-f", plan, "--fail-on", spelling, "--format", "json")
        assert (said.exit_code, said.stdout) == (plain.exit_code, plain.stdout), spelling


def test_fail_on_refuses_a_status_it_cannot_fail_on(plan_dir: Path):
    result = run("check", "-f", str(plan_dir / "targets.yaml"), "--fail-on", "已完成")
    assert result.exit_code == ExitCode.USAGE
    assert "'已完成' is not a choice: use off_track, at_risk or stale" in " ".join(
        re.sub(r"[│╭╮╰╯─]", " ", result.stderr).split()
    )

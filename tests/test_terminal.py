"""The status table at every terminal width: checked line by line by display width.

Widths are counted in terminal cells (a Chinese character is two), never with ``len``.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gongshu_targets.cli import app
from gongshu_targets.core.store import load_plan
from gongshu_targets.enums import Lang
from gongshu_targets.outputs import terminal, wording

runner = CliRunner()


def cell_len(text: str) -> int:
    """Display width in a terminal: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


WIDTHS = (60, 80, 100, 120, 160, 200)
BUNDLED = Path(__file__).resolve().parents[1] / "targets.yaml"  # the bundled plan (test_bundle)

LONG_NAMES_PLAN = """\
id: long-2025
title: 一个名称很长很长的计划，用来检验终端表格在各种宽度下都不会把任何一列挤没
region: 某某市某某区
period: {start: 2025-01-01, end: 2025-12-31}
source: report.txt
targets:
  - id: an-exceedingly-long-identifier-for-a-target-that-tests-the-id-column-x
    section: （一）以一个非常非常长的板块标题为例，检验板块标题在窄终端里折行而不会消失，也不会撑破表格宽度
    name: 一个非常非常长的指标名称，长到在任何常见宽度的终端里都必须折成两行甚至更多行才能显示完整
    name_en: An exceedingly long English name for a target, long enough that it has to fold onto a
      second line in any common terminal width
    quote: q
    target: 123456.78
    unit: 亿元
    comparator: at_least
    pace: cumulative
  - id: short
    section: （一）以一个非常非常长的板块标题为例，检验板块标题在窄终端里折行而不会消失，也不会撑破表格宽度
    name: 短名
    name_en: Short
    quote: q
    target: 5.5
    unit: '%'
    comparator: about
    pace: rate
    stretch: true
  - id: supercalifragilisticexpialidocious-count-of-newly-registered-enterprises
    section: 第二部分
    name: Supercalifragilisticexpialidocious企业
    name_en: Supercalifragilisticexpialidociousnessful enterprises registered
    quote: q
    target: 40
    unit: 万家
    comparator: at_least
    pace: cumulative
"""  # noqa: E501
LONG_NAMES_PROGRESS = """\
id,as_of,value,source,note,recorded_at
an-exceedingly-long-identifier-for-a-target-that-tests-the-id-column-x,2025-06-30,40000.5,s,,2025-07-01T00:00:00+00:00
short,2025-06-30,-1.9,s,,2025-07-01T00:00:00+00:00
supercalifragilisticexpialidocious-count-of-newly-registered-enterprises,2025-06-30,123456,s,,2025-07-01T00:00:00+00:00
"""  # noqa: E501


@pytest.fixture(scope="module")
def long_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("long")
    (folder / "targets.yaml").write_text(LONG_NAMES_PLAN, encoding="utf-8")
    (folder / "progress.csv").write_text(LONG_NAMES_PROGRESS, encoding="utf-8")
    return folder / "targets.yaml"


def status(plan: Path, width: int, lang: Lang, *extra: str) -> str:
    result = runner.invoke(
        app,
        ["status", "-f", str(plan), "--lang", lang.value, *extra],
        env={"COLUMNS": str(width), "TARGETS_FILE": None},
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def cut(line: str, start: int, end: int) -> str:
    """The characters of ``line`` between two display-cell offsets."""
    out, at = [], 0
    for ch in line:
        if start <= at < end:
            out.append(ch)
        at += cell_len(ch)
    return "".join(out)


@dataclass
class Parsed:
    headers: list[str]
    rows: list[dict[str, str]]  # header -> the cell's text, its folded lines joined
    sections: list[str]


def parse(output: str) -> Parsed:
    lines = output.splitlines()
    top = next(i for i, line in enumerate(lines) if line.startswith("┌"))
    bounds = [0]
    at = 0
    for ch in lines[top]:
        at += cell_len(ch)
        if ch in "┬┐":
            bounds.append(at - 1)
    spans = list(zip(bounds, bounds[1:], strict=False))

    def cells(line: str) -> list[str]:
        return [cut(line, a + 2, b - 1).rstrip() for a, b in spans]

    def join(parts: list[str]) -> str:
        """A folded cell's text, its spaces left out (a fold may fall on a space or not)."""
        return "".join(parts).replace(" ", "")

    header_lines, i = [], top + 1
    while lines[i].startswith("│"):
        header_lines.append(cells(lines[i]))
        i += 1
    headers = [join(list(column)) for column in zip(*header_lines, strict=True)]
    status_at = headers.index(pick_header("status"))
    rows: list[list[list[str]]] = []
    sections: list[list[str]] = []
    in_section = False
    for line in lines[i:]:
        if line.startswith("├"):
            in_section = "┴" in line
            if in_section:
                sections.append([])
            continue
        if line.startswith("└"):
            break
        if in_section:
            sections[-1].append(line[2:-2].strip())
            continue
        parts = cells(line)
        if parts[status_at]:
            rows.append([])
        rows[-1].append(parts)
    return Parsed(
        headers=headers,
        rows=[
            {
                h: row[0][n].strip() if n == status_at else join([p[n] for p in row])
                for n, h in enumerate(headers)
            }
            for row in rows
        ],  # fmt: skip
        sections=[join(s) for s in sections],
    )


LANG = Lang.ZH


def pick_header(key: str) -> str:
    return wording.pick(wording.HEADERS[key], LANG).replace(" ", "")


def expected_rows(plan: Path, lang: Lang) -> list[dict[str, object]]:
    result = runner.invoke(app, ["status", "-f", str(plan), "--format", "json"])
    return json.loads(result.stdout)["targets"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("which", ["bundled", "long"])
def test_the_table_fits_and_keeps_what_matters(
    width: int, lang: Lang, which: str, long_plan: Path
) -> None:
    global LANG
    LANG = lang
    plan = BUNDLED if which == "bundled" else long_plan
    output = status(plan, width, lang)
    for line in output.splitlines():
        assert cell_len(line) <= width, (width, line)
    table = [line for line in output.splitlines() if line[:1] in "┌│├└"]
    assert len({cell_len(line) for line in table}) == 1  # every border lines up
    parsed = parse(output)
    shown = [k for k in terminal.COLUMN_ORDER if pick_header(k) in parsed.headers]
    assert len(shown) == len(parsed.headers)
    assert all(parsed.headers)  # no column collapsed to nothing, headers included
    # The drop order holds: a column is shown only if every more important one is.
    dropped = [k for k in terminal.DROP_ORDER if k != "bar" and k not in shown]
    assert dropped == [k for k in terminal.DROP_ORDER if k != "bar"][: len(dropped)]
    assert {"name", "latest", "status"} <= set(shown)
    if width >= 200 and which == "bundled":
        assert "id" in shown
    loaded = load_plan(plan, bundled=False)
    targets = {t.id: t for t in loaded.plan.targets}
    rows = expected_rows(plan, lang)
    assert len(parsed.rows) == len(rows)
    for row, data in zip(parsed.rows, rows, strict=True):
        target = targets[str(data["id"])]
        assert row[pick_header("name")] == wording.display_name(target, lang).replace(" ", "")
        label = wording.STATUS_LABELS[wording.Status(data["status"])]
        assert row[pick_header("status")] == wording.pick(label, lang)  # whole, on one line
        if "id" in shown:
            assert row[pick_header("id")] == target.id
    sections = list(dict.fromkeys(t.section for t in loaded.plan.targets))
    assert parsed.sections == [s.replace(" ", "") for s in sections]


@pytest.mark.parametrize("lang", list(Lang))
def test_a_wide_terminal_shows_the_progress_bar(lang: Lang):
    output = status(BUNDLED, 240, lang)
    assert "███████░ " in output
    assert "███████░ " not in status(BUNDLED, 120, lang)


def test_fold_breaks_at_spaces_and_inside_chinese():
    assert terminal.fold("Retail sales of consumer goods", 12) == [
        "Retail sales",
        "of consumer",
        "goods",
    ]
    assert terminal.fold("社会消费品零售总额增长", 8) == ["社会消费", "品零售总", "额增长"]
    assert terminal.fold("≥ 30 × 100m yuan", 10) == ["≥", "30 × 100m", "yuan"]
    assert terminal.fold("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_a_held_character_given_down_keeps_its_word_space():
    """Opening punctuation that ends a line goes down with the word after it, the space
    between them counted: the line fits."""
    assert terminal.fold("x“ gdp-growth", 11) == ["x“", "gdp-growth"]
    assert terminal.fold("x“ gdp-growth", 12) == ["x", "“ gdp-growth"]


def test_a_run_of_opening_punctuation_wider_than_a_line_is_cut_as_it_must_be():
    """No break can keep ``（`` off a line's end: each line is filled, not one character
    a line."""
    assert terminal.fold("（" * 12, 10) == ["（" * 5, "（" * 5, "（" * 2]


# Pieces of text as the table folds it: English words and ids, numbers, Chinese, closing
# and opening punctuation, the spaces a line breaks at, a unit's " × ".
FOLD_PIECES = st.sampled_from([*"ab1-", " ", " × ", *"中文，。（）“”《》、%", "gdp-growth"])


@settings(max_examples=300, deadline=None)
@example(text="x“ gdp-growth", width=11)
@given(text=st.lists(FOLD_PIECES, min_size=1, max_size=60).map("".join), width=st.integers(2, 30))
def test_every_folded_line_fits_and_the_text_is_kept(text: str, width: int):
    lines = terminal.fold(text, width)
    assert all(cell_len(line) <= width for line in lines), lines
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")

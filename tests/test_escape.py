"""Hostile plan and figure text reaches every reader as text: never a terminal control, a
workflow command, a formula, markup or a byte that breaks XML, JSON or HTML."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from gongshu_targets import cli
from gongshu_targets.core.figures import tables
from gongshu_targets.outputs import escape

runner = CliRunner()

# What the plan's author controls and what they would try: workflow commands, formulas,
# markup, table pipes, bidi overrides; control characters are tried where a field allows
# them (notes) and, elsewhere, where they must be refused.
ATTACKS = [
    "::add-mask::secret", "::error file=x::owned", "  ::warning::w", "##[set-output name=a;]b",
    "=HYPERLINK(\"http://x\")", "+1", "-1+2", "@SUM(A1)", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "a|b|c", "**bold** _em_ `code` [link](http://x)",
    "\u202eevil", "&lt;b&gt;", "]]>", "\\", "'quoted\"", "::",
]  # fmt: skip
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
hostile = st.lists(
    st.one_of(st.sampled_from(ATTACKS), st.text(st.characters(blacklist_categories=["Cs"]))),
    min_size=1,
    max_size=3,
).map("".join)
REFUSED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")  # what a plan cannot hold
one_line = hostile.map(lambda t: REFUSED.sub("", t).replace("\n", " ").replace("\t", " ") or "x")
ours = re.compile(r"::(error|warning) file=[^,\n]*,line=\d+,title=[^:\n]*::")


def command_lines_are_ours(output: str, github: bool = False) -> None:
    assert "##[" not in output
    for line in re.split(r"\r\n|\n|\r", output):
        if line.lstrip().startswith("::"):
            assert github and ours.match(line), line


def no_controls(output: str) -> None:
    found = UNSAFE.search(output)
    assert found is None, repr(output[max(0, found.start() - 40) : found.end() + 40])


# -- each medium's function, on any text -------------------------------------------------


@given(st.text())
def test_terminal_and_text_are_one_line_with_no_control(value: str):
    for escaped in (escape.terminal(value), escape.text(value)):
        assert "\n" not in escaped and "\t" not in escaped
        no_controls(escaped)
        command_lines_are_ours(escaped)


@given(st.text())
def test_block_and_lines_keep_line_feeds_only(value: str):
    for escaped in (escape.block(value), escape.lines(value)):
        no_controls(escaped)
        command_lines_are_ours(escaped)
        assert escaped.count("\n") == value.count("\n")


@given(st.text())
def test_markdown_stays_in_its_cell(value: str):
    row = f"| {escape.markdown(value)} | x |"
    assert "\n" not in row and "<" not in escape.markdown(value)
    assert len(re.findall(r"(?<!\\)\|", row)) == 3
    no_controls(row)


@given(st.text())
def test_csv_and_xlsx_cells_are_inert(value: str):
    for cell in (escape.csv_cell(value), escape.xlsx_cell(value)):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
        no_controls(cell)
    assert len(escape.xlsx_cell(value)) <= escape.XLSX_CELL_LIMIT


@given(st.text())
def test_junit_text_always_parses(value: str):
    root = ET.Element("case", name=escape.junit(value))
    root.text = escape.junit(value)
    parsed = ET.fromstring(ET.tostring(root, encoding="unicode"))
    assert (parsed.text or "") == escape.junit(value)
    assert parsed.get("name") == escape.junit(value)


@given(st.text())
def test_html_has_no_markup(value: str):
    assert not set("<>\"'") & set(escape.html(value))


@given(st.recursive(st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_json_reads_back_the_same(document: object):
    dumped = escape.json_text(document)
    assert json.loads(dumped) == document
    no_controls(dumped)
    command_lines_are_ours(dumped)


@given(st.text())
def test_github_data_and_property_stay_on_the_line(value: str):
    for escaped in (escape.github_data(value), escape.github_property(value)):
        assert "\n" not in escaped and "\r" not in escaped
        no_controls(escaped)
        assert "##[" not in escaped
    assert not set(":,") & set(escape.github_property(value))


def test_the_importer_takes_off_the_apostrophe_before_the_same_characters():
    assert escape.FORMULA_START == tables.FORMULA_START


def test_examples():
    assert escape.terminal("a\x1b[2Jb\nc") == "a\\e[2Jb\\nc"
    assert escape.text("::add-mask::x") == "'::add-mask::x"
    assert escape.lines("ok\n  ::error::x\n##[a]") == "ok\n  '::error::x\n#'#[a]"
    assert escape.markdown("<b>|x*") == "&lt;b>\\|x\\*"
    assert escape.markdown("::x ##[") == "\\::x ##\\["
    assert escape.html("::<x>\n ##[") == "&#58;:&lt;x&gt;\n #&#35;["
    assert escape.csv_cell("=1+1") == "'=1+1"
    assert escape.csv_cell(-1.5) == -1.5
    assert escape.github_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape.json_text("##[") == '"#\\u0023["'


# -- every command and format, on a plan and figures that hold hostile text ----------------

PLAN = """\
id: hostile
title: {title}
region: {region}
period: {{start: 2025-01-01, end: 2025-12-31}}
source: report.txt
targets:
  - id: jobs
    section: {section}
    name: {name}
    name_en: {name_en}
    quote: {quote}
    owner: {owner}
    notes: {notes}
    target: 100
    unit: 家
    comparator: at_least
    pace: cumulative
  - id: growth
    section: {section}
    name: {name_en}
    name_en: {name}
    quote: growth
    target: 5
    unit: '%'
    comparator: about
    pace: rate
"""


def yaml_quoted(value: str) -> str:
    """A double-quoted YAML scalar: JSON's escapes, and C1 controls escaped too (a YAML
    reader refuses them raw)."""
    dumped = json.dumps(value, ensure_ascii=False)
    return re.sub("[\x7f-\x9f\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}", dumped)


def write_folder(folder: Path, texts: dict[str, str], note: str) -> Path:
    fields = {k: yaml_quoted(v) for k, v in texts.items()}
    (folder / "targets.yaml").write_text(PLAN.format(**fields), encoding="utf-8")
    rows = [
        ["id", "as_of", "value", "source", "note", "recorded_at"],
        ["jobs", "2025-03-31", "10", texts["owner"], note, "2025-04-01T00:00:00+00:00"],
        ["jobs", "2025-06-30", "20", "", note, "2025-07-01T00:00:00+00:00"],
        ["growth", "2025-06-30", "4.1", "", note, "2025-07-01T00:00:00+00:00"],
    ]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    (folder / "progress.csv").write_text(buffer.getvalue(), encoding="utf-8")
    (folder / "report.txt").write_text(
        f"{texts['quote']}。新增就业岗位100家以上，{texts['notes']}增长5%。\n", encoding="utf-8"
    )
    return folder / "targets.yaml"


def assert_markdown_tables_keep_shape(output: str) -> None:
    width = None
    for line in output.splitlines():
        if line.startswith("|"):
            cells = len(re.findall(r"(?<!\\)\|", line))
            width = cells if width is None else width
            assert cells == width, line
        else:
            width = None


def assert_csv_inert(output: str) -> None:
    for row in csv.reader(io.StringIO(output.lstrip("\ufeff"))):
        for cell in row:
            if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
                float(cell)  # only a number may start so


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def check_outputs(plan: Path, tmp: Path) -> None:
    f = ["-f", str(plan)]
    text_runs = [
        (["status", *f, "--format", fmt, "--lang", lang, *by], fmt)
        for fmt in ("table", "json", "csv", "markdown")
        for lang in ("zh", "en")
        for by in ([], ["--by", "owner"], ["--by", "section"])
    ]
    text_runs += [
        (["show", "jobs", *f], "table"),
        (["show", "growth", *f, "--lang", "en"], "table"),
        (["validate", *f], "text"),
        (["diff", *f, "--from", "2025-03-31", "--to", "2025-06-30"], "table"),
        (["coverage", *f], "text"),
        (["coverage", *f, "--format", "json"], "json"),
        (["export", *f], "csv"),
        (["export", *f, "--format", "json"], "json"),
        (["template", *f], "csv"),
        (["report", *f, "--format", "md"], "markdown"),
        (["report", *f, "--format", "csv"], "csv"),
        (["report", *f, "--format", "html"], "html"),
    ]
    text_runs += [
        (["check", *f, "--format", fmt, "--fail-on", "at_risk"], fmt)
        for fmt in ("text", "json", "github", "junit", "markdown")
    ]
    summary = tmp / "summary.md"
    for args, kind in text_runs:
        result = runner.invoke(cli.app, args, env={"GITHUB_STEP_SUMMARY": str(summary)})
        assert result.exit_code in (0, 1), (args, result.output)
        out, err = result.stdout, result.stderr
        for stream in (out, err):
            no_controls(stream)
            command_lines_are_ours(stream, github=kind == "github" and stream is out)
        if kind == "json":
            json.loads(out)
        elif kind == "junit":
            ET.fromstring(out)
        elif kind == "csv":
            assert_csv_inert(out)
        elif kind == "markdown":
            assert_markdown_tables_keep_shape(out)
        elif kind == "html":
            parser = _Scripts()
            parser.feed(out)
            assert parser.tags.count("script") == 2 and "img" not in parser.tags
    assert_markdown_tables_keep_shape(summary.read_text(encoding="utf-8"))
    for args in (["export", *f, "-o"], ["template", *f, "-o"], ["report", *f, "-o"]):
        book = tmp / "out.xlsx"
        result = runner.invoke(cli.app, [*args, str(book)])
        assert result.exit_code == 0, result.output
        for sheet in load_workbook(book).worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", cell.value
                    if isinstance(cell.value, str):
                        assert not cell.value.startswith(("=", "+", "-", "@"))


FIELDS = ("title", "region", "section", "name", "name_en", "owner")


# Each example runs some thirty commands: a few, and no shrinking (the failure is shown).
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(
    texts=st.fixed_dictionaries(dict.fromkeys(FIELDS, one_line)),
    block=hostile.map(lambda t: REFUSED.sub("", t)),
)
def test_every_command_and_format_keeps_hostile_text_inert(
    tmp_path_factory: pytest.TempPathFactory, texts: dict[str, str], block: str
):
    folder = tmp_path_factory.mktemp("hostile")
    plan = write_folder(folder, {**texts, "quote": block or "q", "notes": block}, block)
    check_outputs(plan, folder)


def test_the_attacks_themselves_are_inert(tmp_path: Path):
    texts = dict(zip(FIELDS, ATTACKS, strict=False))
    plan = write_folder(tmp_path, {**texts, "quote": "x\n::add-mask::q", "notes": "<b>\n=1"},
                        "note\n::add-mask::n\n=cmd|' /C calc'!A0")  # fmt: skip
    check_outputs(plan, tmp_path)


@pytest.mark.parametrize(
    ("field", "value", "why"),
    [
        ("name", "a\x1b[2Jb", "U+001B (escape) at character 2; it is one line of text"),
        ("section", "a\nb", "U+000A (line feed) at character 2; it is one line of text"),
        ("title", "x\x9by", "U+009B (a control character) at character 2"),
        ("notes", "ok\n\x07", "U+0007 (a control character) at character 4; only tabs and"),
    ],
)
def test_control_characters_in_plan_text_are_refused(
    tmp_path: Path, field: str, value: str, why: str
):
    texts = dict.fromkeys((*FIELDS, "quote", "notes"), "x")
    texts[field] = value
    plan = write_folder(tmp_path, texts, "")
    result = runner.invoke(cli.app, ["validate", "-f", str(plan), "--lang", "en"])
    assert result.exit_code == 3
    assert why in result.stderr
    no_controls(result.stderr)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("column", ["note", "source"])
def test_control_characters_in_figures_are_refused(tmp_path: Path, column: str):
    texts = dict.fromkeys((*FIELDS, "quote", "notes"), "x")
    plan = write_folder(tmp_path, texts, "")
    sheet = tmp_path / "q.csv"
    sheet.write_text(f'id,as_of,value,{column}\njobs,2025-09-30,30,"a\x1b]0;pwned\x07"\n')
    before = (tmp_path / "progress.csv").read_bytes()
    result = runner.invoke(cli.app, ["import", str(sheet), "-f", str(plan)])
    assert result.exit_code == 3
    assert f"column {column} = 'a\\x1b]0;pwned\\x07': holds U+001B (escape)" in result.stderr
    assert (tmp_path / "progress.csv").read_bytes() == before
    no_controls(result.stderr)
    progress = tmp_path / "progress.csv"
    progress.write_text(before.decode() + f'jobs,2025-09-30,1,,"\x1b[2J",{"2025-10-01"}\n')
    result = runner.invoke(cli.app, ["status", "-f", str(plan)])
    assert result.exit_code == 3
    assert "column note = '\\x1b[2J': holds U+001B (escape)" in result.stderr


@pytest.mark.usefixtures("english")
def test_update_refuses_a_control_character_in_its_note(tmp_path: Path):
    texts = dict.fromkeys((*FIELDS, "quote", "notes"), "x")
    plan = write_folder(tmp_path, texts, "")
    result = runner.invoke(
        cli.app, ["update", "jobs", "5", "--as-of", "2025-09-30", "--note", "\x1b[31m", "-f",
                  str(plan)],
    )  # fmt: skip
    assert result.exit_code == 3
    assert "--note holds U+001B (escape) at character 1" in result.stderr


def test_a_huge_cell_is_not_echoed_back(tmp_path: Path):
    texts = dict.fromkeys((*FIELDS, "quote", "notes"), "x")
    plan = write_folder(tmp_path, texts, "")
    sheet = tmp_path / "q.csv"
    sheet.write_text("id,as_of,value\njobs,2025-09-30," + "9" * 100_000 + "x\n")
    result = runner.invoke(cli.app, ["import", str(sheet), "-f", str(plan)])
    assert result.exit_code == 3
    assert "……（共 100,001 个字符）" in result.stderr  # in the reader's language
    assert len(result.stderr) < 1000


# -- input text quoted back in an error message ------------------------------------------

# Where a refusal quotes what the input wrote: a key the plan does not know, a unit, a
# column a sheet should not have, an id progress.csv names, an encoding asked for.
QUOTED = ("plan key", "unit", "sheet header", "figure id", "encoding")
attack_or_huge = st.one_of(hostile, hostile.map(lambda t: t * 20_000)).map(
    lambda t: REFUSED.sub("", t).strip() or "x"
)


def _refused_quoting(tmp: Path, place: str, text: str) -> str:
    texts = dict.fromkeys((*FIELDS, "quote", "notes"), "x")
    plan = write_folder(tmp, texts, "")
    sheet = tmp / "q.csv"
    sheet.write_text("id,as_of,value\njobs,2025-09-30,30\n", encoding="utf-8")
    args = ["validate", "-f", str(plan)]
    if place == "plan key":
        plan.write_text(
            plan.read_text(encoding="utf-8") + f"? {yaml_quoted(text)}\n: 1\n", encoding="utf-8"
        )
    elif place == "unit":
        yaml = plan.read_text(encoding="utf-8").replace(
            "unit: 家", f"unit: {yaml_quoted(f'no-{text}')}"
        )
        plan.write_text(yaml, encoding="utf-8")
    elif place == "sheet header":
        rows = [["id", "as_of", "value", f"x-{text}"], ["jobs", "2025-09-30", "30", "1"]]
        with sheet.open("w", encoding="utf-8", newline="") as out:
            csv.writer(out).writerows(rows)
        args = ["import", str(sheet), "-f", str(plan)]
    elif place == "figure id":
        with (tmp / "progress.csv").open("a", encoding="utf-8", newline="") as out:
            csv.writer(out).writerow([f"no-{text}", "2025-03-31", "1", "", "", "2025-04-01"])
    else:
        args = ["import", str(sheet), "-f", str(plan), "--encoding", f"no-{text}"]
    result = runner.invoke(cli.app, args)
    assert result.exit_code in (2, 3), (place, result.output)
    return result.stderr


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(place=st.sampled_from(QUOTED), text=attack_or_huge)
def test_a_refusal_quotes_input_on_lines_of_its_own_cut_short(
    tmp_path_factory: pytest.TempPathFactory, place: str, text: str
):
    stderr = _refused_quoting(tmp_path_factory.mktemp("quoted"), place, text)
    no_controls(stderr)
    command_lines_are_ours(stderr)
    lines = stderr.splitlines()
    assert len(lines) <= 3, stderr[:2000]  # "Error: 1 problem found:" and the problem
    assert all(len(line) <= escape.MESSAGE_LIMIT + len("Error: ") for line in lines)


@pytest.mark.parametrize("place", QUOTED)
def test_a_line_feed_and_a_huge_text_in_quoted_input(tmp_path: Path, place: str):
    stderr = _refused_quoting(tmp_path, place, "a\n::error::b\x1b[2J" + "z" * 200_000)
    assert "z" * 500 not in stderr  # quoted cut short, or not at all
    assert len(stderr.splitlines()) <= 3 and len(stderr) < 2000
    no_controls(stderr)
    command_lines_are_ours(stderr)


def test_a_message_is_cut_in_its_middle_keeping_where_and_why():
    line = escape.message("f.yaml:3: " + "k" * 10_000 + ": unknown field")
    assert line.startswith("f.yaml:3: kkk") and line.endswith("kk: unknown field")
    assert "characters cut" in line and len(line) < escape.MESSAGE_LIMIT + 40
    assert escape.message("short\nline") == "short\\nline"


def test_a_header_of_thousands_of_unknown_columns_lists_the_first_hundred(tmp_path: Path):
    texts = dict.fromkeys((*FIELDS, "quote", "notes"), "x")
    plan = write_folder(tmp_path, texts, "")
    sheet = tmp_path / "q.csv"
    sheet.write_text("id,as_of,value" + ",x" * 30_000 + "\njobs,2025-09-30,30\n")
    result = runner.invoke(cli.app, ["import", str(sheet), "-f", str(plan), "--lang", "en"])
    assert result.exit_code == 3
    assert "30,000 problems found (the first 100 listed)" in result.stderr
    assert len(result.stderr.splitlines()) == 101
    chinese = runner.invoke(cli.app, ["import", str(sheet), "-f", str(plan)])
    assert chinese.stderr.startswith(
        "错误：发现 30,000 个问题（列出前 100 个）；未写入任何内容：\n"
    )

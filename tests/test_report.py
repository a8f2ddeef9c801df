"""`targets report`: the district's quarterly table as xlsx, Markdown, CSV and HTML."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from conftest import ARTEFACTS
from gongshu_targets import cli
from gongshu_targets.enums import Status
from gongshu_targets.outputs.report.table import HEADERS, STATUS_COLOURS
from gongshu_targets.outputs.text import Lang
from gongshu_targets.outputs.wording import status_label

GOLDEN = Path(__file__).parent / "golden"
runner = CliRunner()


def report(plan_dir: Path, *args: str):
    return runner.invoke(cli.app, ["report", "-f", str(plan_dir / "targets.yaml"), *args])


@pytest.mark.parametrize(("fmt", "golden"), [("md", "report.md"), ("csv", "report.csv")])
def test_markdown_and_csv_match_the_golden_files(plan_dir: Path, fmt: str, golden: str):
    out = plan_dir / f"out.{fmt}"
    result = report(plan_dir, "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == (GOLDEN / golden).read_bytes()


def test_english_headers(plan_dir: Path):
    result = report(plan_dir, "--lang", "en")
    assert "| " + " | ".join(HEADERS[Lang.EN]) + " |" in result.stdout
    assert "0.41 points ahead of the pace" in result.stdout


def test_judgement_in_the_districts_words(plan_dir: Path):
    text = report(plan_dir).stdout
    assert "快于序时进度0.41个百分点" in text  # graduates: 50% done against 49.59%
    # GDP: 4.6 against 5.5左右, as the district words it: against the target, the threshold named
    assert "低于目标（5.5%，门槛5%）0.9个百分点" in text
    assert "暂无数据" in text


def test_csv_report_is_neutralised(plan_dir: Path):
    plan = plan_dir / "targets.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("name: 研发投入", "name: =HYPERLINK(1)"),
        encoding="utf-8",
    )
    out = plan_dir / "r.csv"
    report(plan_dir, "-o", str(out))
    assert ",'=HYPERLINK(1)," in out.read_text(encoding="utf-8-sig")


def test_xlsx_headers_values_types_and_colours(plan_dir: Path):
    out = plan_dir / "r.xlsx"
    result = report(plan_dir, "-o", str(out))
    assert result.exit_code == 0
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[0]
    assert sheet["A1"].value == "测试计划完成情况（数据截至2025-06-30）"
    assert [c.value for c in sheet[2]] == list(HEADERS[Lang.ZH])
    assert sheet.freeze_panes == "A3"
    gdp = [c.value for c in sheet[3]]
    assert gdp[:6] == [
        1,
        "地区生产总值增长",
        "地区生产总值增长5.5%左右",
        "（未列明）",
        "≈ 5.5%",
        4.6,
    ]
    assert isinstance(gdp[5], float) and isinstance(gdp[7], datetime)
    assert gdp[10:] == ["低于目标（5.5%，门槛5%）0.9个百分点", "存在风险"]
    graduates = [c.value for c in sheet[5]]
    assert (graduates[5], graduates[6], graduates[8], graduates[9]) == (2.0, "万名", 50.0, 49.59)
    fills = [sheet.cell(row=r, column=12).fill.start_color.rgb for r in range(3, 7)]
    assert fills == [
        "00" + STATUS_COLOURS[s] for s in ("at_risk", "on_track", "on_track", "no_data")
    ]
    figures = book["观测数据"]
    assert [c.value for c in figures[1]] == ["编号", "日期", "数值", "单位", "来源", "备注",
                                             "录入时间", "完成进度"]  # fmt: skip
    assert figures.max_row == 4


def test_xlsx_is_ready_to_print(plan_dir: Path):
    out = plan_dir / "r.xlsx"
    assert report(plan_dir, "-o", str(out)).exit_code == 0
    book = openpyxl.load_workbook(out)
    sheet, figures = book["完成情况"], book["观测数据"]
    for ws, header_row in ((sheet, 2), (figures, 1)):
        assert ws.page_setup.orientation == "landscape"
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.print_title_rows == f"${header_row}:${header_row}"
        assert ws.auto_filter.ref.startswith(f"A{header_row}:")
    assert sheet.auto_filter.ref == "A2:L6"
    assert sheet.column_dimensions["H"].width >= 11  # 数据日期: yyyy-mm-dd shows whole
    # 累计完成 by unit: GDP (%) and graduates (万名) with decimals
    assert [sheet.cell(r, 6).number_format for r in (3, 5)] == ["#,##0.##", "#,##0"]
    assert sheet.cell(5, 9).number_format == "0.00"
    dates = [c for c in figures[1] if c.value in ("日期", "录入时间")]
    assert [figures.column_dimensions[c.column_letter].width for c in dates] == [12, 20]


def test_a_count_is_printed_without_decimals(tmp_path: Path):
    from conftest import SMALL_PLAN

    plan = (
        SMALL_PLAN
        + """\
  - id: new-firms
    section: （二）科技
    name: 新增企业
    name_en: New firms
    quote: 新增企业100家
    target: 100
    unit: 家
    comparator: at_least
    pace: cumulative
"""
    )
    (tmp_path / "targets.yaml").write_text(plan, encoding="utf-8")
    (tmp_path / "progress.csv").write_text(
        "id,as_of,value,source,note,recorded_at\nnew-firms,2025-06-30,52,,,2025-07-01\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.xlsx"
    assert report(tmp_path, "-o", str(out)).exit_code == 0
    sheet = openpyxl.load_workbook(out)["完成情况"]
    firms = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, 2).value == "新增企业")
    assert (sheet.cell(firms, 6).value, sheet.cell(firms, 6).number_format) == (52, "#,##0")


def test_xlsx_needs_an_output_file(plan_dir: Path):
    result = report(plan_dir, "--format", "xlsx", "--lang", "en")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: xlsx is an Excel workbook, not text: give -o FILE.xlsx\n"
    chinese = report(plan_dir, "--format", "xlsx")
    assert chinese.stderr == "错误：xlsx 是 Excel 工作簿，不是文本：请用 -o FILE.xlsx 写入文件\n"


def test_status_shows_a_completion_bar_with_the_pace_marked(plan_dir: Path):
    result = runner.invoke(cli.app, ["status", "-f", str(plan_dir / "targets.yaml")])
    assert "███┃░░░░ 50%" in result.stdout  # 50% done, pace 49.6% marked at the 4th cell
    assert "███████░ 得分 92" in result.stdout  # a rate shows its score


def test_show_draws_the_trend_as_a_sparkline(plan_dir: Path):
    progress = plan_dir / "progress.csv"
    progress.write_text(
        progress.read_text(encoding="utf-8")
        + "gdp-growth,2025-06-30,5.2,,,2025-07-20T00:00:00+00:00\n"
        + "gdp-growth,2025-09-30,5.0,,,2025-10-20T00:00:00+00:00\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli.app, ["show", "gdp-growth", "-f", str(plan_dir / "targets.yaml")])
    assert "走势 ▁█▆" in result.stdout


# --- the HTML page, in a real browser --------------------------------------------------

BROWSER_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
]  # fmt: skip


def _browser() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have Debian's chromium installed (.ci/run installs it)")
        pytest.skip("no chromium on this machine (apt-get install chromium)")
    return found


def _dom(html: Path, tmp_path: Path) -> str:
    result = subprocess.run(
        [_browser(), *BROWSER_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
         "--virtual-time-budget=5000", "--dump-dom", html.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return result.stdout


def _body_data(dom: str) -> dict[str, str]:
    body = re.search(r"<body([^>]*)>", dom)
    assert body is not None
    return dict(re.findall(r'data-([a-z]+)="([^"]*)"', body.group(1)))


@pytest.fixture
def html_report(tmp_path: Path) -> Path:
    """The bundled plan's report, in an init copy with a second quarter of figures."""
    copy = tmp_path / "copy"
    assert runner.invoke(cli.app, ["init", str(copy)]).exit_code == 0
    sheet = copy / "q2.csv"
    sheet.write_text(
        "id,as_of,value\ngdp-growth,2025-06-30,5.3\nyoung-graduates,2025-06-30,21000\n"
        "fixed-asset-investment,2025-06-30,350\nrd-intensity,2025-06-30,1.1\n",
        encoding="utf-8",
    )
    plan = str(copy / "targets.yaml")
    assert runner.invoke(cli.app, ["import", str(sheet), "-f", plan]).exit_code == 0
    out = tmp_path / "report.html"
    assert runner.invoke(cli.app, ["report", "-f", plan, "-o", str(out)]).exit_code == 0
    return out


def test_html_is_self_contained(html_report: Path):
    text = html_report.read_text(encoding="utf-8")
    assert "default-src 'none'" in text
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)
    assert "url(" not in text and "@import" not in text


# The fixture's figures: the bundled first quarter's six and the four imported above.
WITH_FIGURES = 9  # gdp-growth has both a Q1 and a Q2 figure
NO_FIGURE = 76 - WITH_FIGURES


def test_html_renders_in_a_real_browser_with_no_request(html_report: Path, tmp_path: Path):
    dom = _dom(html_report, tmp_path)
    data = _body_data(dom)
    assert data["ready"] == "1"
    assert data["charts"] == str(WITH_FIGURES)  # a chart per target with a figure
    assert data["resources"] == "0"  # nothing was fetched
    assert data["violations"] == "0"  # nothing tried to be
    # every chart prints its values: one per bar, one per point of each trend (10 figures)
    assert data["values"] == str(WITH_FIGURES + 10)
    shot = Path(os.environ.get("REPORT_SCREENSHOT", tmp_path / "report.png"))
    subprocess.run(
        [_browser(), *BROWSER_FLAGS, f"--user-data-dir={tmp_path / 'profile2'}",
         "--window-size=1280,1600", f"--screenshot={shot}", html_report.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    ARTEFACTS.append(shot)


def test_html_reads_on_a_390_pixel_phone(html_report: Path, tmp_path: Path):
    """At a phone's width nothing runs off the side, and the smallest text in a chart is
    still about 11 CSS pixels: values are read, not hovered."""
    result = subprocess.run(
        [_browser(), *BROWSER_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
         "--window-size=390,2400", "--virtual-time-budget=5000", "--dump-dom",
         html_report.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    data = _body_data(result.stdout)
    assert data["ready"] == "1"
    assert data["overflow"] == "0"
    assert float(data["minfont"]) >= 10.5
    shot = Path(os.environ.get("REPORT_PHONE_SCREENSHOT", tmp_path / "phone.png"))
    subprocess.run(
        [_browser(), *BROWSER_FLAGS, f"--user-data-dir={tmp_path / 'profile2'}",
         "--window-size=390,1600", f"--screenshot={shot}", html_report.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    ARTEFACTS.append(shot)


def _main(text: str) -> str:
    return text.split("<main>", 1)[1]


def test_html_puts_problems_first_and_no_data_in_one_list(html_report: Path):
    text = _main(html_report.read_text(encoding="utf-8"))
    groups = re.findall(r'<section class="group" data-group="([a-z_]+)">', text)
    assert groups == ["at_risk", "on_track"]  # worst first; no data is not a group
    assert text.index('data-group="at_risk"') < text.index('data-group="on_track"')
    assert text.index('data-group="on_track"') < text.index('<section class="nodata">')
    nodata = text.split('<section class="nodata">', 1)[1]
    assert "暂无数据（67）" in nodata
    assert len(re.findall(r'<li data-section="[^"]*" data-status="no_data">', nodata)) == NO_FIGURE
    assert "<svg" not in nodata  # no empty charts for rows with nothing to show
    assert len(re.findall(r'<article class="item"', text)) == WITH_FIGURES


def test_html_has_a_legend_for_every_mark(html_report: Path):
    text = html_report.read_text(encoding="utf-8")
    legend = text.split('<section class="legend">', 1)[1].split("</section>", 1)[0]
    for status in Status:
        assert f">{status_label(status, Lang.ZH)}</span>" in legend
    main = _main(text)
    for mark in ('class="pace"', 'class="target"', 'class="band"', 'class="pace-line"'):
        assert mark in main  # each mark used in the charts ...
    for words in ("序时进度", "年度目标", "风险区间", "目标区间", "序时线", "★", "（未列明）"):
        assert words in legend  # ... is explained


def test_html_names_never_ids_in_reader_facing_text(html_report: Path):
    text = html_report.read_text(encoding="utf-8")
    visible = re.sub(r"<[^>]+>", " ", _main(text))
    for target_id in ("gdp-growth", "young-graduates", "income-growth", "rd-intensity"):
        assert target_id not in visible
        assert f'aria-label="{target_id}' not in text
    assert "与地区生产总值增长同步" in visible  # an in_step target names the tracked one


def test_a_rate_bar_shows_the_value_against_the_target_not_a_fixed_fill(html_report: Path):
    """GDP at 5.3% against 5.5%左右: the bar ends at 5.3 on an axis that holds the target,
    its label says 5.3%, and the at-risk band below the threshold is drawn."""
    text = _main(html_report.read_text(encoding="utf-8"))
    card = text.split("1. 地区生产总值增长", 1)[1]
    bar = card.split('<svg class="bar"', 1)[1].split("</svg>", 1)[0]
    fill = float(re.search(r'class="fill" x="([\d.]+)" y="28" width="([\d.]+)"', bar).group(2))
    target = float(re.search(r'class="target" x1="([\d.]+)"', bar).group(1))
    start = float(re.search(r'class="fill" x="([\d.]+)"', bar).group(1))
    assert 0 < start + fill < target  # 5.3 falls short of 5.5
    assert (start + fill - 14) / (target - 14) == pytest.approx(5.3 / 5.5, abs=0.03)
    assert ">5.3%</text>" in bar and ">目标 5.5%</text>" in bar
    assert 'class="band"' in bar


def test_the_browser_check_catches_a_request(html_report: Path, tmp_path: Path):
    """The page's counters are real: an image from the network is refused and counted."""
    text = html_report.read_text(encoding="utf-8")
    html_report.write_text(
        text.replace("<main>", '<main><img src="http://127.0.0.1:9/x.png">'), encoding="utf-8"
    )
    assert _body_data(_dom(html_report, tmp_path))["violations"] != "0"


def test_html_filters_are_there_for_every_section_and_status(html_report: Path):
    text = html_report.read_text(encoding="utf-8")
    assert text.count('<option value="（') == 4  # the four numbered sections
    assert '<option value="off_track">滞后序时</option>' in text
    rows = re.findall(r'<(?:article class="item"|li) data-section="[^"]+" data-status=', text)
    assert len(rows) == 76  # every row can be filtered, cards and listed ones alike
    assert io.StringIO(text).readline().strip() == "<!doctype html>"

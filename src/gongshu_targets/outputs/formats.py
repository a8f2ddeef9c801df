"""Every output format, and what each command renders in it: the one registry.

A format is the same thing on every command: one canonical name, the aliases ``--format``
also takes (``md`` is markdown wherever markdown is offered), the suffixes that pick it from
``-o FILE``, and whether it is text or bytes. A command offers some of the formats, each
with a renderer of one interface: the command's result in (one of the views below), ``str``
or ``bytes`` out. The command line parses ``--format``, reads ``-o``'s suffix and words
``--help`` from here, and calls the renderer; no command picks a format its own way.

To add a format: a ``Format`` below, then an ``Offer`` in each command's ``Menu`` that
should render it, naming the function that does. This module imports nothing heavy (the
command line builds its options from it before it knows which command runs); a
renderer's module is imported when it renders.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from gongshu_targets.enums import GroupBy, Lang
from gongshu_targets.errors import Message, OptionError, Said, quoted

if TYPE_CHECKING:
    from datetime import date

    from gongshu_targets.core.check import CheckResult
    from gongshu_targets.core.coverage import CoverageReport
    from gongshu_targets.core.diff import Change
    from gongshu_targets.core.items import Group
    from gongshu_targets.core.models import Observation, StatusReport


@dataclass(frozen=True)
class Format:
    """One output format, as every command that offers it spells and writes it."""

    name: str
    aliases: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()  # -o FILE.suffix picks it (its spellings do too)
    binary: bool = False  # bytes no terminal shows: written only to -o FILE
    kind: tuple[str, str] = ("", "")  # what a binary format is, in English and Chinese,
    # for the message when -o is missing
    workflow_commands: bool = False  # its lines are a CI runner's commands on purpose

    def __str__(self) -> str:
        return self.name  # what --help shows as a default

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def said(self) -> Message:
        """The name, with the aliases it also answers to, as a message says it."""
        return (
            Said("format label", name=self.name, aliases=list(self.aliases))
            if self.aliases
            else self.name
        )

    def picked_by(self, suffix: str) -> bool:
        """Whether ``-o FILE.suffix`` means this format (``suffix`` with its dot)."""
        return suffix in self.suffixes or suffix.lstrip(".") in self.spellings


TABLE = Format("table")
TEXT = Format("text", aliases=("txt",), suffixes=(".txt",))
JSON = Format("json", suffixes=(".json",))
CSV = Format("csv", suffixes=(".csv",))
MARKDOWN = Format("markdown", aliases=("md",), suffixes=(".md", ".markdown"))
HTML = Format("html", aliases=("htm",), suffixes=(".html", ".htm"))
XLSX = Format("xlsx", suffixes=(".xlsx",), binary=True, kind=("an Excel workbook", "Excel 工作簿"))
GITHUB = Format("github", workflow_commands=True)
JUNIT = Format("junit", suffixes=(".xml",))

FORMATS = (TABLE, TEXT, JSON, CSV, MARKDOWN, HTML, XLSX, GITHUB, JUNIT)


# The results the commands render: each renderer takes one of these.


@dataclass(frozen=True)
class StatusView:
    """``targets status``: the assessed plan (``everything``: the table lists every row)."""

    report: StatusReport
    lang: Lang
    everything: bool = False


@dataclass(frozen=True)
class RollupView:
    """``targets status --by``: the targets rolled up per owner or section."""

    groups: Sequence[Group]
    by: GroupBy
    lang: Lang


@dataclass(frozen=True)
class CheckView:
    """``targets check``: the gate's result, and the plan's path and lines to point at."""

    result: CheckResult
    plan_path: Path
    lines: dict[str, int]
    lang: Lang = Lang.EN
    summary: bool = False  # a GitHub step summary is written beside the annotations


@dataclass(frozen=True)
class DiffView:
    """``targets diff``: what changed between two dates."""

    changes: Sequence[Change]
    start: date
    end: date
    lang: Lang


@dataclass(frozen=True)
class CoverageView:
    """``targets coverage``: the report text's commitments against the plan."""

    result: CoverageReport
    source: str
    lang: Lang


@dataclass(frozen=True)
class SheetView:
    """``targets export`` and ``targets template``: a header and rows of cells."""

    header: Sequence[str]
    rows: Sequence[Sequence[Any]]
    title: str = "observations"  # an .xlsx sheet's name


@dataclass(frozen=True)
class ReportView:
    """``targets report``: the quarterly table, with every figure behind it."""

    report: StatusReport
    observations: Sequence[Observation]
    lang: Lang


V = TypeVar("V")
Renderer = Callable[[V], "str | bytes"]


@dataclass(frozen=True)
class Offer:
    """A format a command offers, and the function that renders it there
    (``"module:function"``, imported when it renders)."""

    format: Format
    renderer: str


class FormatError(OptionError):
    """A format the command does not offer, asked for by --format or by -o's suffix."""


@dataclass(frozen=True)
class Menu(Generic[V]):
    """The formats one command offers, its default, and how it renders each."""

    command: str
    offers: tuple[Offer, ...]
    default: Format
    flag: bool = True  # the command takes --format (else only -o's suffix picks)
    output: bool = True  # the command takes -o FILE

    @property
    def formats(self) -> tuple[Format, ...]:
        return tuple(offer.format for offer in self.offers)

    def parse(self, text: str) -> Format:
        """The format ``--format TEXT`` names: a canonical name or an alias, in any case."""
        wanted = text.strip().casefold()
        for fmt in self.formats:
            if wanted in fmt.spellings:
                return fmt
        choices = [f.said for f in self.formats]
        raise FormatError(
            Said("unknown format", text=quoted(text), command=self.command, choices=choices)
        )

    def for_output(self, output: Path) -> Format:
        """The format ``-o FILE`` asks for by its suffix."""
        suffix = output.suffix.casefold()
        for fmt in self.formats:
            if suffix and fmt.picked_by(suffix):
                return fmt
        known = [s for f in self.formats for s in f.suffixes]
        key = "format from suffix" if self.flag else "format from suffix only"
        raise FormatError(Said(key, name=quoted(output.name), suffixes=known))

    def choose(self, chosen: Format | None, output: Path | None) -> Format:
        """--format if given; else -o's suffix; else the default."""
        if chosen is not None:
            return chosen
        return self.default if output is None else self.for_output(output)

    def renderer(self, fmt: Format) -> Renderer[V]:
        for offer in self.offers:
            if offer.format == fmt:
                module, _, name = offer.renderer.partition(":")
                return cast("Renderer[V]", getattr(importlib.import_module(module), name))
        raise FormatError(f"{self.command} has no {fmt.name} format")

    def render(self, fmt: Format, view: V) -> str | bytes:
        return self.renderer(fmt)(view)


_TEXT = "gongshu_targets.outputs.text"
_TERMINAL = "gongshu_targets.outputs.terminal"
_CI = "gongshu_targets.outputs.ci"
_SHEETS = "gongshu_targets.outputs.sheets"
_REPORT = "gongshu_targets.outputs.report"

STATUS: Menu[StatusView] = Menu(
    "status",
    (
        Offer(TABLE, f"{_TERMINAL}:render_status_table"),
        Offer(JSON, f"{_TEXT}:render_status_json"),
        Offer(CSV, f"{_TEXT}:render_status_csv"),
        Offer(MARKDOWN, f"{_TEXT}:render_status_markdown"),
    ),
    default=TABLE,
    output=False,
)
ROLLUP: Menu[RollupView] = Menu(
    "status --by",
    (
        Offer(TABLE, f"{_TERMINAL}:render_rollup_table"),
        Offer(JSON, f"{_TEXT}:render_rollup_json"),
        Offer(CSV, f"{_TEXT}:render_rollup_csv"),
        Offer(MARKDOWN, f"{_TEXT}:render_rollup_markdown"),
    ),
    default=TABLE,
    output=False,
)
CHECK: Menu[CheckView] = Menu(
    "check",
    (
        Offer(TEXT, f"{_CI}:render_text"),
        Offer(JSON, f"{_CI}:render_json"),
        Offer(GITHUB, f"{_CI}:render_github"),
        Offer(JUNIT, f"{_CI}:render_junit"),
        Offer(MARKDOWN, f"{_CI}:render_markdown"),
    ),
    default=TEXT,
)
DIFF: Menu[DiffView] = Menu(
    "diff",
    (
        Offer(TEXT, f"{_TERMINAL}:render_diff_text"),
        Offer(JSON, f"{_TEXT}:render_diff_json"),
        Offer(MARKDOWN, f"{_TEXT}:render_diff_markdown"),
    ),
    default=TEXT,
    output=False,
)
COVERAGE: Menu[CoverageView] = Menu(
    "coverage",
    (Offer(TEXT, f"{_TEXT}:render_coverage_text"), Offer(JSON, f"{_TEXT}:render_coverage_json")),
    default=TEXT,
    output=False,
)
EXPORT: Menu[SheetView] = Menu(
    "export",
    (
        Offer(CSV, f"{_SHEETS}:render_csv"),
        Offer(JSON, f"{_SHEETS}:render_json"),
        Offer(XLSX, f"{_SHEETS}:render_xlsx"),
    ),
    default=CSV,
)
TEMPLATE: Menu[SheetView] = Menu(
    "template",
    (Offer(CSV, f"{_SHEETS}:render_csv"), Offer(XLSX, f"{_SHEETS}:render_xlsx")),
    default=CSV,
    flag=False,
)
REPORT: Menu[ReportView] = Menu(
    "report",
    (
        Offer(XLSX, f"{_REPORT}:render_xlsx"),
        Offer(MARKDOWN, f"{_REPORT}:render_markdown"),
        Offer(CSV, f"{_REPORT}:render_csv"),
        Offer(HTML, f"{_REPORT}:render_html"),
    ),
    default=MARKDOWN,
)

MENUS: tuple[Menu[Any], ...] = (STATUS, ROLLUP, CHECK, DIFF, COVERAGE, EXPORT, TEMPLATE, REPORT)

"""The ``targets`` command: parse options, call the core, render, map errors to exit codes."""

from __future__ import annotations

import sys
import traceback
from datetime import date, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from . import render, scoring, store
from .errors import ExitCode, TargetsError
from .models import Status
from .render import Lang, OutputFormat


class TargetsGroup(TyperGroup):
    """Maps every exception to a documented exit code, in this one place."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TargetsError as exc:
            render.error(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except (typer.TyperException, typer.Exit, typer.Abort, BrokenPipeError):
            raise  # usage errors (exit 2), explicit exits, Ctrl-C and closed pipes: Typer's own
        except Exception as exc:
            if (ctx.obj or {}).get("debug"):
                traceback.print_exc()
            render.error(
                f"internal error: {type(exc).__name__}: {exc}. This is a bug; run again with "
                "--debug for the traceback and report it."
            )
            raise typer.Exit(ExitCode.INTERNAL) from None


app = typer.Typer(
    cls=TargetsGroup,
    name="targets",
    help=(
        "Track the quantified commitments of a government work report (政府工作报告) "
        "against the time-proportional pace (序时进度).\n\n"
        "The plan is --file/-f, else $TARGETS_FILE, else ./targets.yaml, else the bundled "
        "Gongshu District 2025 plan. Exit codes: 0 ok, 1 check failed, 2 usage error, "
        "3 invalid input data, 4 internal error."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

PlanFile = Annotated[
    Path | None,
    typer.Option(
        "--file",
        "-f",
        envvar=store.ENV_PLAN,
        show_envvar=True,
        dir_okay=False,
        help="The plan (targets.yaml); its progress.csv sits beside it.",
    ),
]
AsOf = Annotated[
    datetime | None,
    typer.Option(
        "--as-of",
        formats=["%Y-%m-%d"],
        help="Judge with observations up to this date only (default: each target's latest).",
    ),
]
LangOption = Annotated[Lang, typer.Option("--lang", help="Labels in Chinese or English.")]


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"targets {version('gongshu-targets')}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an internal error.")
    ] = False,
    _show_version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    ctx.obj = {"debug": debug}


def _load(plan_file: Path | None) -> store.LoadedPlan:
    path, bundled = store.find_plan(plan_file)
    return store.load_plan(path, bundled=bundled)


@app.command()
def status(
    plan_file: PlanFile = None,
    as_of: AsOf = None,
    section: Annotated[
        str | None,
        typer.Option(
            help="Only the sections whose heading contains this text, e.g. （二） or 科技."
        ),
    ] = None,
    only: Annotated[
        list[Status] | None,
        typer.Option("--status", help="Only targets with this status (repeatable)."),
    ] = None,
    lang: LangOption = Lang.ZH,
    fmt: Annotated[
        OutputFormat,
        typer.Option("--format", help="table for people; json, csv, markdown for tools."),
    ] = OutputFormat.TABLE,
) -> None:
    """Every target with its latest figure, pace (序时进度), gap, status and score."""
    loaded = _load(plan_file)
    observations = store.load_progress(loaded)
    report = scoring.assess_plan(
        loaded.plan, observations, _day(as_of), section=section, statuses=only
    )
    render.write_status(report, fmt, lang, sys.stdout)


@app.command()
def show(
    target_id: Annotated[
        str, typer.Argument(metavar="ID", help="The target's id, e.g. rd-intensity.")
    ],
    plan_file: PlanFile = None,
    as_of: AsOf = None,
    lang: LangOption = Lang.ZH,
) -> None:
    """One target in full: the report's quote, the rule, its history and how it was judged."""
    loaded = _load(plan_file)
    detail = scoring.explain(loaded.plan, store.load_progress(loaded), target_id, _day(as_of))
    render.print_target(detail.assessment, detail.history, detail.counted, lang, sys.stdout)


@app.command()
def validate(plan_file: PlanFile = None) -> None:
    """Load the plan and its progress.csv and report every problem (exit 3 if any)."""
    loaded = _load(plan_file)
    observations = store.load_progress(loaded)
    stretch = sum(t.stretch for t in loaded.plan.targets)
    typer.echo(
        f"OK: {loaded.path}: {len(loaded.plan.targets)} targets ({stretch} stretch), "
        f"{len(observations)} observations in {loaded.progress_path.name}"
    )


@app.command()
def init(
    directory: Annotated[
        Path, typer.Argument(file_okay=False, help="Where to write the copy (default: here).")
    ] = Path("."),
) -> None:
    """Write an editable copy of the bundled Gongshu 2025 plan, its progress.csv and report."""
    for path in store.init_copy(directory):
        render.note(f"wrote {path}")

"""The ``targets`` command: parse options, call the core, render, map errors to exit codes."""

from __future__ import annotations

import difflib
import inspect
import json
import os
import sys
import traceback
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar, overload

import typer
from typer._click.exceptions import (  # Click's, as Typer vendors it
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from gongshu_targets.enums import FailOn, GroupBy, Lang, SortKey, Status
from gongshu_targets.errors import (
    ExitCode,
    InvalidDataError,
    Message,
    OptionError,
    Said,
    TargetsError,
    quoted,
)
from gongshu_targets.outputs import formats
from gongshu_targets.outputs.formats import Format, FormatError, Menu

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from typer._click import Command, HelpFormatter, Parameter
    from typer._click import Context as ClickContext  # what TyperGroup.invoke receives

    from gongshu_targets.core.store import LoadedPlan
    from gongshu_targets.outputs.terminal import HelpRow

# The core is imported inside each command, not here: `targets --help` and `--version`
# stay cheap, and each command loads only what it uses.


V = TypeVar("V")

# What a bug says when even its message cannot be worded.
INTERNAL_ERROR = b"Error: internal error; run again with --debug for the traceback and report it\n"
OUT_OF_MEMORY = b"Error: out of memory: the input is too large for the memory available\n"


F = TypeVar("F", bound=StrEnum)
E = TypeVar("E", bound=TargetsError | UsageError)


class _HelpOption(TyperOption):
    """An option as `--help` shows it: nothing after a flag (not Typer's ``<bool>``), a
    word saying what the value is after a value (its metavar, else the option's name:
    REGION, TITLE; never Click's type, TEXT or INT RANGE), and the choices spaced, so that
    a narrow terminal wraps the list between two choices, never inside one. A number's
    bounds are said in its help, not as Click's ``[x>=0]``."""

    def display_type_rich(self, ctx: ClickContext) -> str | None:
        if self.metavar is not None or self.is_flag or self.count:
            return self.metavar
        choices = self.type_descriptor.choices
        if self.type_descriptor.is_choice and choices is not None:
            return " | ".join(str(getattr(c, "value", c)) for c in choices)
        return max(self.opts, key=len).lstrip("-").upper()

    def _get_number_range_help_str(self) -> str:
        return ""

    def value_from_envvar(self, ctx: ClickContext) -> str | Sequence[str] | None:
        """$TARGETS_LANG only when it names a language: else a --lang typed overrides it,
        and with none typed `TargetsGroup.parse_args` has refused it already."""
        value = super().value_from_envvar(ctx)
        if self.envvar == LANG_ENV and isinstance(value, str) and _language(value) is None:
            return None
        return value


class _HelpArgument(TyperArgument):
    """An argument as `--help` shows it: its name (ID, FILE) says what it takes."""

    def display_type_rich(self, ctx: ClickContext) -> str | None:
        return None


def _plain_help(params: Iterable[Parameter]) -> None:
    """Every command's --help, in this one place, without Typer's type placeholders."""
    for param in params:
        if type(param) is TyperOption:
            param.__class__ = _HelpOption
        elif type(param) is TyperArgument:
            param.__class__ = _HelpArgument


def _paragraphs(text: str | None) -> list[str]:
    """A help text as paragraphs, each one line: its hard line breaks, if any, are not the
    reader's."""
    return [" ".join(p.split()) for p in inspect.cleandoc(text or "").split("\n\n") if p.strip()]


def _default_words(param: Parameter, ctx: ClickContext, lang: Lang) -> str:
    """What --help says of a value's default (an enum's value); nothing for a flag's False,
    an empty text or no default."""
    from gongshu_targets.outputs.helptext import word

    if not getattr(param, "show_default", False):
        return ""
    default = param.get_default(ctx, call=False)
    if default is None or isinstance(default, bool) or callable(default) or default == "":
        return ""
    return word("default", lang).format(getattr(default, "value", default))


def _argument_name(param: Parameter) -> str:
    """An argument as --help names it: its metavar (ID, [VALUE]), else its name (FILE)."""
    return param.metavar or (param.name or "").upper()


def _help_name(param: Parameter) -> str:
    """The name --help's texts know a parameter by: an option's long name (--as-of), an
    argument's word (ID, VALUE)."""
    if isinstance(param, TyperArgument):
        return _argument_name(param).strip("[]")
    return max(param.opts, key=len)


def _help_row(param: Parameter, ctx: ClickContext, lang: Lang) -> HelpRow:
    """An option's or argument's line in --help: its help, then its environment variable,
    default and whether it is required, in ``lang``."""
    from gongshu_targets.outputs.helptext import param_help, value_word, word
    from gongshu_targets.outputs.terminal import HelpRow

    words = [param_help(ctx.command.name or "", _help_name(param), lang)]
    if getattr(param, "show_envvar", False) and param.envvar:
        words.append(word("env var", lang).format(param.envvar))
    words.append(_default_words(param, ctx, lang))
    words.append(word("required", lang) if param.required else "")
    help_text = " ".join(w for w in words if w)
    if isinstance(param, TyperArgument):
        name = value_word(_argument_name(param), lang)
        return HelpRow(name, help_text, required=param.required)
    value = param.display_type_rich(ctx) if isinstance(param, TyperOption) else None
    return HelpRow(
        ", ".join(o for o in param.opts if o.startswith("--")),
        help_text,
        short=", ".join(o for o in param.opts if not o.startswith("--")),
        value=value_word(value or "", lang),
        required=param.required,
    )


def _usage_pieces(command: Command, ctx: ClickContext) -> list[str]:
    """What the usage line shows after the command, in the command's language: [OPTIONS],
    then each argument (ID, [VALUE]: optional in brackets), then a group's COMMAND."""
    from gongshu_targets.outputs.helptext import value_word, word

    lang = _spoken(ctx)
    pieces = [word("[OPTIONS]", lang)]
    for param in command.get_params(ctx):
        if isinstance(param, TyperArgument):
            name = value_word(_argument_name(param), lang)
            pieces.append(name if param.required or name.startswith("[") else f"[{name}]")
    if isinstance(command, TyperGroup):
        pieces.append(word("COMMAND [ARGS]...", lang))
    return pieces


def _help_text(command: Command, ctx: ClickContext) -> str:
    """Every command's --help, in the command's language (``_spoken``: --lang even after
    --help), laid out by the terminal module so that at any width a line folds and nothing
    is cut (Rich's tables cut a long word with …)."""
    from gongshu_targets.outputs.helptext import command_help, word
    from gongshu_targets.outputs.terminal import HelpPage, HelpRow, render_help

    lang = _spoken(ctx)
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    arguments = [p for p in params if isinstance(p, TyperArgument)]
    panels = [
        (word("Arguments", lang), [_help_row(p, ctx, lang) for p in arguments]),
        (word("Options", lang), [_help_row(p, ctx, lang) for p in params if p not in arguments]),
    ]
    if isinstance(command, TyperGroup):
        commands = (command.get_command(ctx, name) for name in command.list_commands(ctx))
        rows = [
            HelpRow(sub.name or "", _paragraphs(command_help(sub.name or "", lang))[0])
            for sub in commands
            if sub is not None and not sub.hidden
        ]
        panels.append((word("Commands", lang), rows))
    usage = word("usage", lang).format(" ".join([ctx.command_path, *_usage_pieces(command, ctx)]))
    paragraphs = _paragraphs(command_help(command.name or "", lang))
    return render_help(HelpPage(usage, paragraphs, panels))


class Refused(BadParameter):
    """A usage error (exit 2) as data: what is wrong (a :class:`Said`), worded in the
    reader's language when it is shown. Raised by our parsers, Click names the option."""

    def __init__(self, said: Message, param_hint: str | None = None) -> None:
        from typer._click.globals import get_current_context

        ctx = get_current_context(silent=True)  # the command's, for its -h in the message
        super().__init__(str(said), ctx=ctx, param_hint=param_hint)
        self.said = said


class _HelpCommand(TyperCommand):
    """A command whose --help, usage line and refusal of extra arguments are ours."""

    def parse_args(self, ctx: ClickContext, args: list[str]) -> list[str]:
        ctx.allow_extra_args = True  # an extra argument is refused here, naming it
        try:
            rest = super().parse_args(ctx, args)
            if rest and not ctx.resilient_parsing:
                extra = [quoted(a) for a in rest]
                raise Refused(Said("extra arguments", extra=extra, count=len(rest)))
        except UsageError as exc:
            exc.ctx = exc.ctx or ctx  # the parser raises some without it: this command's
            raise
        return rest

    def collect_usage_pieces(self, ctx: ClickContext) -> list[str]:
        return _usage_pieces(self, ctx)

    def format_help(self, ctx: ClickContext, formatter: HelpFormatter) -> None:
        formatter.write(_help_text(self, ctx))


class TargetsGroup(TyperGroup):
    """Maps every exception to a documented exit code, in this one place; words --help."""

    def get_params(self, ctx: ClickContext) -> list[Parameter]:
        params = super().get_params(ctx)
        _plain_help(params)
        return params

    def get_command(self, ctx: ClickContext, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _plain_help(command.get_params(ctx))
            if type(command) is TyperCommand:
                command.__class__ = _HelpCommand
        return command

    def collect_usage_pieces(self, ctx: ClickContext) -> list[str]:
        return _usage_pieces(self, ctx)

    def format_help(self, ctx: ClickContext, formatter: HelpFormatter) -> None:
        formatter.write(_help_text(self, ctx))

    def parse_args(self, ctx: ClickContext, args: list[str]) -> list[str]:
        # The words typed, kept for what is said before --lang is parsed: --help before
        # it (`targets status --help --lang en`), an unknown option.
        ctx.meta[TYPED] = list(args)
        _check_lang_env(args)
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            typer.echo(ctx.get_help(), color=ctx.color)  # then exit 2, as Click does
        try:
            return super().parse_args(ctx, args)
        except NoArgsIsHelpError:
            raise
        except UsageError as exc:  # an option before the command: `targets --bogus`
            _refuse(exc, ctx)

    def resolve_command(
        self, ctx: ClickContext, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        name = args[0] if args else ""
        if name and self.get_command(ctx, name) is None and not ctx.resilient_parsing:
            close = difflib.get_close_matches(name, self.list_commands(ctx))
            raise Refused(Said("no such command", command=quoted(name), close=close))
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: ClickContext) -> Any:
        try:
            if not getattr(ctx, "_protected_args", None) and not self.invoke_without_command:
                raise Refused(Said("missing command"))
            result = super().invoke(ctx)
            sys.stdout.flush()  # so that a closed pipe is met here, not at exit
            return result
        except BrokenPipeError:
            # The reader went away (`targets status | head`): that is no failure.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(ExitCode.OK) from None
        except InvalidDataError as exc:
            _worded(ctx, exc, _say_problems)
        except TargetsError as exc:
            _worded(ctx, exc, _say_error)
        except UsageError as exc:
            _refuse(exc, ctx)
        except (typer.TyperException, typer.Exit, typer.Abort):
            raise  # explicit exits and Ctrl-C (130): Typer's own
        except MemoryError:
            # An input too large for the memory there is: invalid input, never "off track"
            # (1). Said without building much, as little memory may be left.
            os.write(2, OUT_OF_MEMORY)
            raise typer.Exit(ExitCode.INVALID_INPUT) from None
        except Exception as exc:
            _bug(ctx, exc)


def _say_problems(exc: InvalidDataError, lang: Lang) -> None:
    from gongshu_targets.outputs import messages, terminal

    problems = (messages.problem_text(p, lang) for p in exc.problems)
    terminal.error(messages.problems_head(exc, lang), lang, problems)


def _say_error(exc: TargetsError, lang: Lang) -> None:
    from gongshu_targets.outputs import messages, terminal

    terminal.error(messages.error_text(exc, lang), lang)


def _worded(ctx: ClickContext, exc: E, say: Callable[[E, Lang], None]) -> NoReturn:
    """Say why ``exc`` refused the command and exit with its code; a failure while
    wording it is a bug like any other (exit 4), never a traceback that escapes."""
    try:
        say(exc, _spoken(ctx))
    except Exception as bug:
        _bug(ctx, bug)
    raise typer.Exit(exc.exit_code) from None


def _bug(ctx: ClickContext, exc: Exception) -> NoReturn:
    """An exception the core did not expect: exit 4 with the internal-error message (the
    traceback only with --debug), however the exception words itself."""
    if (ctx.obj or {}).get("debug"):
        traceback.print_exc()
    from gongshu_targets.outputs import messages, terminal

    lang = _spoken(ctx)
    try:
        terminal.error(messages.internal_error(exc, lang), lang)
    except Exception:
        os.write(2, INTERNAL_ERROR)
    raise typer.Exit(ExitCode.INTERNAL) from None


LANG_ENV = "TARGETS_LANG"


def _refuse(exc: UsageError, ctx: ClickContext) -> NoReturn:
    """A usage error (exit 2), Click's or ours, worded in the command's language: what is
    wrong, naming the option or argument, and where the command's help is."""
    if exc.ctx is None:
        exc.ctx = ctx
    _worded(ctx, exc, _say_usage)


def _say_usage(exc: UsageError, lang: Lang) -> None:
    from gongshu_targets.outputs import terminal
    from gongshu_targets.outputs.phrases import say

    command = exc.ctx.command_path if exc.ctx is not None else "targets"
    terminal.error(say(Said("usage", what=_usage_said(exc, lang), command=command), lang), lang)


def _param_words(param: Parameter, lang: Lang) -> Message:
    """An option by its long name (--as-of), an argument by its word in ``lang`` (ID, 编号)."""
    if isinstance(param, TyperArgument):
        return _argument_words(_argument_name(param), lang)
    return max(param.opts, key=len)


def _argument_words(metavar: str, lang: Lang) -> Said:
    """An argument as a refusal names it: its word in ``lang`` (REPORT: 报告文本)."""
    from gongshu_targets.outputs.helptext import value_word

    return Said("argument", name=value_word(metavar.strip("[]"), lang))


def _takes_no_value(ctx: ClickContext | None, option: str) -> bool:
    params = [] if ctx is None else ctx.command.get_params(ctx)
    return any(option in p.opts and getattr(p, "is_flag", False) for p in params)


def _usage_said(exc: UsageError, lang: Lang) -> Message:
    """What a usage error says, as data: Click's errors by their kind and the option or
    argument they name, ours (``Refused``) as they were raised, each naming its option."""
    param = getattr(exc, "param", None)
    hint = getattr(exc, "param_hint", None)
    named: Message | None = hint if isinstance(hint, str) else None
    named = named if named or param is None else _param_words(param, lang)
    if isinstance(exc, NoSuchOption):
        close = list(exc.possibilities or ())
        return Said("no such option", option=quoted(exc.option_name), close=close)
    if isinstance(exc, BadOptionUsage):
        flag = _takes_no_value(exc.ctx, exc.option_name)
        return Said("takes no value" if flag else "needs a value", option=exc.option_name)
    if isinstance(exc, MissingParameter):
        return Said("missing argument" if isinstance(param, TyperArgument) else "missing option",
                    name=named)  # fmt: skip
    why: Message = exc.said if isinstance(exc, Refused) else exc.message
    return why if named is None else Said("bad value", option=named, why=why)


def _command_lang() -> Lang:
    """The language of the command that runs, from its context: its --lang is parsed before
    its other options (``is_eager``), so even their refusals are worded in it."""
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    return Lang.ZH if ctx is None else _spoken(ctx)


TYPED = "gongshu_targets.typed"


def _spoken(ctx: ClickContext) -> Lang:
    """The language of the command that runs: its --lang as parsed (first of its options,
    so that its other options' refusals are worded in it), else as typed (an unknown
    option is met before any is parsed), else $TARGETS_LANG if it names one, else Chinese."""
    lang = (ctx.obj or {}).get("lang")
    if isinstance(lang, Lang):
        return lang
    typed: list[str] = ctx.meta.get(TYPED, [])
    named = [b for a, b in zip(typed, typed[1:], strict=False) if a == "--lang"]
    named += [w.removeprefix("--lang=") for w in typed if w.startswith("--lang=")]
    named.append(os.environ.get(LANG_ENV, ""))
    return next((lang for lang in map(_language, named) if lang is not None), Lang.ZH)


def _language(text: str) -> Lang | None:
    """The language ``text`` names (zh, EN), or None."""
    return next((m for m in Lang if _choice_key(m.value) == _choice_key(text)), None)


def _check_lang_env(args: Sequence[str]) -> None:
    """Refuse (exit 2) a $TARGETS_LANG that names no language, in every command, unless a
    --lang typed makes it moot: said in both languages, as no language is chosen."""
    value = os.environ.get(LANG_ENV, "")
    typed = any(a == "--lang" or a.startswith("--lang=") for a in args)
    if not value or typed or _language(value) is not None:
        return
    from gongshu_targets.outputs import terminal
    from gongshu_targets.outputs.phrases import say

    choices = [m.value for m in Lang]
    said = Said("lang env unknown", name=LANG_ENV, value=quoted(value), choices=choices)
    for lang in (Lang.ZH, Lang.EN):
        terminal.error(say(said, lang), lang)
    raise typer.Exit(ExitCode.USAGE)


app = typer.Typer(
    cls=TargetsGroup,
    name="targets",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _parse_day(text: str | None) -> date | None:
    from gongshu_targets.core import figures

    if text is None:
        return None
    try:
        return figures.parse_date(text)
    except figures.ValueProblem:
        raise Refused(Said("option not a date", text=quoted(text))) from None


def _whole(low: int, high: int | None = None) -> Callable[[str | int], int]:
    """The parser of an option taking a whole number from ``low`` (to ``high``)."""

    def parse(text: str | int) -> int:
        if isinstance(text, int):
            return text
        number = int(text) if text.strip().isascii() and text.strip().isdecimal() else None
        if number is None or number < low or (high is not None and number > high):
            key = "not a count" if high is None else "option not a whole number"
            raise Refused(Said(key, text=quoted(text), low=low, high=high))
        return number

    return parse


def _path(folder: bool) -> Callable[[str | Path], Path]:
    """The parser of a file's path (``folder``: a folder's) that may not name a folder (a
    file) where there is one; whether it exists is the command's to say."""

    def parse(text: str | Path) -> Path:
        path = Path(text)
        if path.is_dir() and not folder:
            raise Refused(Said("is a folder", path=quoted(str(text))))
        if path.exists() and not path.is_dir() and folder:
            raise Refused(Said("is a file", path=quoted(str(text))))
        return path

    return parse


FILE_PATH = _path(folder=False)
FOLDER_PATH = _path(folder=True)

PlanFile = Annotated[
    Path | None,
    typer.Option(
        "--file",
        "-f",
        envvar="TARGETS_FILE",
        show_envvar=True,
        metavar="PLAN",
        parser=FILE_PATH,
    ),
]


def _day_option(*flags: str) -> Any:
    """An option whose value is a date, read and shown (DATE) as every date option is."""
    return typer.Option(*flags, parser=_parse_day, metavar="DATE")


AsOf = Annotated[
    date | None,
    _day_option("--as-of"),
]


def _choice_key(text: str) -> str:
    return text.strip().casefold().replace("-", "_").replace(" ", "_")


def choice(kind: type[F]) -> Callable[[str | F], F]:
    """The parser of an option taking one of ``kind``'s values, in any case, with - or a
    space for _; anything else is refused naming the choices in plain words."""

    def parse(text: str | F) -> F:
        if isinstance(text, kind):
            return text
        for member in kind:
            if _choice_key(member.value) == _choice_key(text):
                return member
        raise Refused(Said("not a choice", value=quoted(text), choices=[m.value for m in kind]))

    return parse


def _status_named(text: str) -> Status | None:
    """The status ``text`` names as the tool spells it (at_risk) or as it labels it in
    either language (at risk, 存在风险): what every option taking a status reads."""
    from gongshu_targets.outputs.wording import STATUS_LABELS

    for status, labels in STATUS_LABELS.items():
        if _choice_key(text) in {_choice_key(w) for w in (status.value, *labels)}:
            return status
    return None


def _not_a_status(
    text: str, key: str, choices: Iterable[StrEnum], statuses: Iterable[Status]
) -> Refused:
    """The refusal of a status option's value, naming the choices and their labels (the
    labels in the other language are taken too, as --help says)."""
    labels = [Said("status label", status=s.value) for s in statuses]
    values = [c.value for c in choices]
    return Refused(Said(key, text=quoted(text), choices=values, labels=labels))


def _status(text: str | Status) -> Status:
    """--status: a status, spelled any way `_status_named` reads."""
    if isinstance(text, Status):
        return text
    status = _status_named(text)
    if status is not None:
        return status
    raise _not_a_status(text, "not a status", Status, Status)


def _fail_on(text: str | FailOn) -> FailOn:
    """--fail-on: stale, or a status (off_track, at_risk) spelled any way --status takes it."""
    if isinstance(text, FailOn):
        return text
    status = _status_named(text)
    for member in FailOn:
        if _choice_key(text) == member.value or (status is not None and status == member.value):
            return member
    statuses = (Status(m) for m in FailOn if m is not FailOn.STALE)
    raise _not_a_status(text, "not a fail level", FailOn, statuses)


def _remember_lang(ctx: typer.Context, lang: Lang) -> Lang:
    """Keep the command's language where the error handler finds it (``_spoken``). A
    command's own --lang wins; else one given before the command (`targets --lang en
    status`) wins over $TARGETS_LANG and the default."""
    from typer._click.core import ParameterSource

    source = ctx.get_parameter_source("lang")
    if isinstance(ctx.obj, dict):
        if source is not ParameterSource.COMMANDLINE and isinstance(ctx.obj.get("lang"), Lang):
            return ctx.obj["lang"]  # type: ignore[no-any-return]
        if source is not ParameterSource.DEFAULT:  # else as typed, if --lang was (_spoken)
            ctx.obj["lang"] = lang
    return lang


LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang",
        parser=choice(Lang),
        callback=_remember_lang,
        is_eager=True,
        envvar=LANG_ENV,
        show_envvar=True,
    ),
]


def _format_option(menu: Menu[Any]) -> Any:
    """``--format`` for a command: parsed, and worded in --help, from the registry."""

    def parse(text: str | Format) -> Format:
        if isinstance(text, Format):
            return text
        try:
            return menu.parse(text)
        except FormatError as exc:
            raise Refused(exc.message) from None

    return typer.Option("--format", parser=parse, metavar="FORMAT")


def _chosen(menu: Menu[Any], fmt: Format | None, output: Path | None) -> Format:
    """--format if given; else -o's suffix (an unknown one is refused); else the default."""
    try:
        return menu.choose(fmt, output)
    except FormatError as exc:
        raise Refused(exc.message, param_hint="--output") from None


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"targets {version('gongshu-targets')}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug")] = False,
    _show_version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True),
    ] = False,
    lang: LangOption = Lang.ZH,
) -> None:
    from typer._click.core import ParameterSource

    ctx.obj = {"debug": debug}
    if ctx.get_parameter_source("lang") is ParameterSource.COMMANDLINE:
        ctx.obj["lang"] = lang  # the command's own --lang, if any, wins over it


def _load(plan_file: Path | None, *, example_ok: bool = False) -> LoadedPlan:
    """The plan to work on. Only browsing commands (``example_ok``) may fall back to the
    bundled example, and then the first line they print, on stderr, says so."""
    from gongshu_targets.core import store

    path, bundled = store.find_plan(plan_file, example_ok=example_ok)
    if bundled:
        from gongshu_targets.outputs import messages, terminal

        terminal.note(messages.EXAMPLE_NOTE[_command_lang()])
    return store.load_plan(path, bundled=bundled)


@overload
def _judged_on(loaded: LoadedPlan, day: date, option: str = ...) -> date: ...
@overload
def _judged_on(loaded: LoadedPlan, day: None, option: str = ...) -> None: ...
@overload
def _judged_on(loaded: LoadedPlan, day: date | None, option: str = ...) -> date | None: ...


def _judged_on(loaded: LoadedPlan, day: date | None, option: str = "--as-of") -> date | None:
    """The date to judge at: a date after the plan's period is its end (final results), said
    on stderr; one before it is a usage error."""
    from gongshu_targets.core import scoring

    if day is None:
        return None
    judged = scoring.judgement_date(loaded.plan, day, option)
    if judged != day:
        from gongshu_targets.outputs import messages, terminal

        terminal.note(messages.after_period(option, day, loaded.plan.period.end, _command_lang()))
    return judged


@app.command()
def status(
    plan_file: PlanFile = None,
    as_of: AsOf = None,
    section: Annotated[
        str | None,
        typer.Option(),
    ] = None,
    only: Annotated[
        list[Status] | None,
        typer.Option(
            "--status",
            parser=_status,
            metavar="STATUS",
        ),
    ] = None,
    problems: Annotated[
        bool,
        typer.Option("--problems"),
    ] = False,
    sort: Annotated[
        SortKey | None,
        typer.Option(
            "--sort",
            parser=choice(SortKey),
        ),
    ] = None,
    everything: Annotated[
        bool,
        typer.Option("--all"),
    ] = False,
    lang: LangOption = Lang.ZH,
    fmt: Annotated[Format, _format_option(formats.STATUS)] = formats.TABLE,
    by: Annotated[
        GroupBy | None,
        typer.Option(
            "--by",
            parser=choice(GroupBy),
        ),
    ] = None,
) -> None:
    from gongshu_targets.core import order, scoring, store

    loaded = _load(plan_file, example_ok=True)
    as_of = _judged_on(loaded, as_of)
    scoring.require_section(loaded.plan, section)
    observations = store.load_progress(loaded)
    wanted = [s for s in (only or order.SEVERITY) if s in order.PROBLEMS] if problems else only
    if problems and not wanted:
        raise Refused(Said("no problems asked for"))
    report = scoring.assess_plan(loaded.plan, observations, as_of, section=section, statuses=wanted)
    report = order.ordered(report, sort or (SortKey.STATUS if problems else SortKey.PLAN))
    if by is not None:
        from gongshu_targets.core.items import rollup

        _emit(formats.ROLLUP, fmt, formats.RollupView(rollup(report, by), by, lang))
    else:
        _emit(formats.STATUS, fmt, formats.StatusView(report, lang, everything))


@app.command()
def show(
    target_id: Annotated[str, typer.Argument(metavar="ID")],
    plan_file: PlanFile = None,
    as_of: AsOf = None,
    lang: LangOption = Lang.ZH,
) -> None:
    from gongshu_targets.core import scoring, store
    from gongshu_targets.outputs import terminal

    loaded = _load(plan_file, example_ok=True)
    as_of = _judged_on(loaded, as_of)
    detail = scoring.explain(loaded.plan, store.load_progress(loaded), target_id, as_of)
    from gongshu_targets.outputs.wording import target_names

    names = target_names(loaded.plan, lang)
    terminal.print_target(
        detail.assessment, detail.history, detail.counted, lang, sys.stdout, names
    )


@app.command()
def validate(plan_file: PlanFile = None, lang: LangOption = Lang.ZH) -> None:
    from gongshu_targets.core import store
    from gongshu_targets.outputs import escape, messages

    loaded = _load(plan_file)
    observations, conflicts = store.check_progress(loaded)
    if conflicts:
        raise InvalidDataError(conflicts)
    stretch = sum(t.stretch for t in loaded.plan.targets)
    path, progress = escape.text(str(loaded.path)), loaded.progress_path.name
    targets, count = len(loaded.plan.targets), len(observations)
    typer.echo(messages.validated(path, targets, stretch, count, progress, lang))


@app.command()
def init(
    directory: Annotated[
        Path,
        typer.Argument(parser=FOLDER_PATH, metavar="DIR"),
    ] = Path("."),
    lang: LangOption = Lang.ZH,
) -> None:
    from gongshu_targets.core import store
    from gongshu_targets.outputs import messages, terminal

    for path in store.init_copy(directory):
        terminal.note(messages.wrote(path, lang))


@app.command()
def new(
    directory: Annotated[
        Path,
        typer.Argument(parser=FOLDER_PATH, metavar="DIR"),
    ],
    report: Annotated[
        Path,
        typer.Option("--report", parser=FILE_PATH),
    ],
    region: Annotated[str, typer.Option()],
    year: Annotated[
        int | None,
        typer.Option(
            parser=_whole(1949, 2200),
        ),
    ] = None,
    start: Annotated[
        date | None,
        _day_option(),
    ] = None,
    end: Annotated[
        date | None,
        _day_option(),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(),
    ] = None,
    region_en: Annotated[
        str | None,
        typer.Option("--region-en"),
    ] = None,
    title_en: Annotated[
        str | None,
        typer.Option("--title-en"),
    ] = None,
    plan_id: Annotated[
        str | None,
        typer.Option("--id"),
    ] = None,
    lang: LangOption = Lang.ZH,
) -> None:
    from gongshu_targets.core import store
    from gongshu_targets.outputs import messages, terminal

    _name_for_plan(report, "--report")
    if (start is None) != (end is None):
        raise Refused(Said("start and end"))
    if start is not None and year is not None:
        raise Refused(Said("year or period"))
    if start is None or end is None:
        chosen = year if year is not None else date.today().year
        start, end = date(chosen, 1, 1), date(chosen, 12, 31)
    label = str(start.year) if start.year == end.year else f"{start.year}-{end.year}"
    given_en = title_en is not None
    if title_en is None and title is None and region_en is not None:
        title_en = f"{region_en}: main targets of the {label} government work report"
    # each field the plan's header takes from an option, named by it in a refusal
    given = {
        "id": "--id", "title": "--title" if title else "--region",
        "region": "--region", "region_en": "--region-en", "period": "--end",
        "title_en": "--title-en" if given_en else "--region-en", "source": "--report",
    }  # fmt: skip
    written = store.new_plan(
        directory,
        plan_id=plan_id or f"work-report-{label}",
        title=title or f"{region}{label}年政府工作报告主要目标任务",
        region=region, start=start, end=end, report=report, title_en=title_en,
        region_en=region_en, given=given,
    )  # fmt: skip
    for path in written:
        terminal.note(messages.wrote(path, lang))
    plan = directory / store.PLAN_FILENAME
    terminal.note(messages.next_after_new(written[-1], directory / "draft.yaml", plan, lang))


def _name_for_plan(report: Path, named: Message) -> None:
    """Refuse a report whose file name the plan would quote (as its source) when it holds a
    control character, naming the option or argument it was given as, at its place in the
    path as typed: a plan's text is one line."""
    from gongshu_targets.errors import control_problem

    if control_problem(report.name, multiline=False) is not None:
        why = control_problem(str(report), multiline=False)
        raise Refused(Said("bad value", option=named, why=why))


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


Replace = Annotated[
    bool,
    typer.Option("--replace"),
]


AcceptImplausible = Annotated[
    bool,
    typer.Option("--accept-implausible"),
]


@app.command()
def update(
    target_id: Annotated[str, typer.Argument(metavar="ID")],
    value: Annotated[
        str | None,
        typer.Argument(metavar="[VALUE]"),
    ] = None,
    progress: Annotated[
        str | None,
        typer.Option(
            "--progress",
            metavar="PERCENT",
        ),
    ] = None,
    as_of: Annotated[
        date | None,
        _day_option("--as-of"),
    ] = None,
    note: Annotated[str, typer.Option()] = "",
    source: Annotated[str, typer.Option()] = "",
    replace: Replace = False,
    accept_implausible: AcceptImplausible = False,
    plan_file: PlanFile = None,
    lang: LangOption = Lang.ZH,
) -> None:
    from gongshu_targets.core import figures
    from gongshu_targets.outputs import messages, terminal, text

    if value is None and progress is None:
        raise Refused(Said("give the figure"))
    loaded = _load(plan_file)
    day = as_of if as_of is not None else date.today()
    screen = figures.Screen(loaded.plan.thresholds, accept_implausible)
    merge = figures.update_one(
        loaded, target_id, value, day, note=note, source=source, replace=replace,
        recorded_at=_now(), screen=screen, share_text=progress, today=as_of is None,
    )  # fmt: skip
    readings = text.readings(merge, loaded.plan, lang)
    summary = text.merge_summary(merge, dry_run=False, lang=lang)
    terminal.note(messages.recorded(target_id, day, as_of is None, readings, summary, lang))


@app.command()
def retract(
    target_id: Annotated[str, typer.Argument(metavar="ID")],
    as_of: Annotated[
        date,
        _day_option("--as-of"),
    ],
    note: Annotated[str, typer.Option()] = "",
    progress: Annotated[
        bool,
        typer.Option("--progress"),
    ] = False,
    plan_file: PlanFile = None,
    lang: LangOption = Lang.ZH,
) -> None:
    from gongshu_targets.core import figures
    from gongshu_targets.outputs import messages, terminal, text

    loaded = _load(plan_file)
    merge = figures.retract_one(
        loaded, target_id, as_of, note=note, share=progress, recorded_at=_now()
    )
    ((figure, _),) = merge.retracted
    target = loaded.plan.require_target(target_id)
    stored, at = text.stored_text(figure, target, lang), figure.recorded_at.isoformat()
    terminal.note(messages.retracted(target_id, as_of, stored, at, lang))


@app.command(name="import")
def import_(
    file: Annotated[
        Path,
        typer.Argument(metavar="SHEET"),
    ],
    as_of: Annotated[
        date | None,
        _day_option("--as-of"),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run")] = False,
    replace: Replace = False,
    accept_implausible: AcceptImplausible = False,
    encoding: Annotated[
        str | None,
        typer.Option(),
    ] = None,
    lang: LangOption = Lang.ZH,
    plan_file: PlanFile = None,
) -> None:
    from gongshu_targets.core import figures
    from gongshu_targets.outputs import text

    loaded = _load(plan_file)
    screen = figures.Screen(loaded.plan.thresholds, accept_implausible)
    merge = figures.import_file(
        loaded, file, replace=replace, dry_run=dry_run, recorded_at=_now(), screen=screen,
        encoding=encoding, as_of=as_of,
    )  # fmt: skip
    if dry_run:
        from gongshu_targets.outputs import terminal

        terminal.print_dry_run(merge, loaded.plan, sys.stdout, lang)
    else:  # one plain line: no need to load Rich for it
        sys.stdout.write(text.merge_summary(merge, dry_run=False, lang=lang) + "\n")


OutFile = Annotated[
    Path | None,
    typer.Option("--output", "-o", parser=FILE_PATH),
]


def _own_files(loaded: LoadedPlan) -> list[tuple[Path, Said]]:
    """The files a plan keeps, which no -o may replace."""
    return [
        *_folder_files(loaded.path),
        (loaded.path.parent / loaded.plan.source, Said("kept report")),
    ]


def _folder_files(plan: Path) -> list[tuple[Path, Said]]:
    """The files kept beside a plan file, whether or not that plan is the one in use."""
    from gongshu_targets.core import store

    progress = plan.with_name(store.PROGRESS_FILENAME)
    return [
        (plan, Said("kept plan")),
        (plan.with_name(store.SCHEMA_FILENAME), Said("kept schema")),
        (progress, Said("kept progress")),
        (store.lock_file(progress), Said("kept lock")),
    ]


def _emit(
    menu: Menu[V],
    fmt: Format,
    view: V,
    output: Path | None = None,
    keep: Sequence[tuple[Path, Said]] = (),
    done: str = "",
) -> None:
    """Render ``view`` in ``fmt`` with the registry's renderer and deliver it. A binary
    format is refused before it is built when there is no -o to write it to."""
    if output is None and fmt.binary:
        suffix = fmt.suffixes[0] if fmt.suffixes else ""
        from gongshu_targets.outputs import messages

        raise OptionError(messages.needs_output(fmt.name, fmt.kind, suffix, _command_lang()))
    _deliver(menu.render(fmt, view), output, keep, done=done, ours=fmt.workflow_commands)


def _deliver(
    data: str | bytes,
    output: Path | None,
    keep: Sequence[tuple[Path, Said]],
    done: str = "",
    ours: bool = False,
) -> None:
    """The one way a command's output reaches its reader: -o FILE (whole or not at all,
    then a line on stderr), else stdout. An -o that names one of the ``keep`` files (the
    plan's own) is refused, exit 2. On stdout no line is a CI runner's workflow command
    unless ``ours`` (the annotations of --format github)."""
    from gongshu_targets.core import store
    from gongshu_targets.outputs import escape, messages, terminal

    if output is not None:
        beside = output.parent / store.PLAN_FILENAME
        if beside.is_file():  # -o into another plan's folder: its files are kept too
            keep = [*keep, *_folder_files(beside)]
        for path, what in keep:
            if store.same_file(output, path):
                raise OptionError(
                    Said("output is kept", output=str(output), what=what, path=str(path))
                )
        store.write_atomic(output, data.encode("utf-8") if isinstance(data, str) else data)
        terminal.note(done or messages.wrote(output, _command_lang()))
    elif isinstance(data, str):
        sys.stdout.write(data if ours else escape.commands(data))
    else:
        if not ours:
            data = escape.commands(data.decode("utf-8")).encode("utf-8")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


@app.command()
def template(
    as_of: Annotated[
        date | None,
        _day_option("--as-of"),
    ] = None,
    output: OutFile = None,
    lang: LangOption = Lang.ZH,
    plan_file: PlanFile = None,
) -> None:
    from gongshu_targets.core import figures, scoring, store
    from gongshu_targets.outputs import wording

    loaded = _load(plan_file)
    scoring.require_in_period(loaded.plan, as_of)
    day = as_of if as_of is not None else loaded.plan.period.end
    header, rows = figures.template_rows(
        loaded.plan, store.load_progress(loaded), day, lang.value,
        no_owner=wording.NO_OWNER[lang], share_text=lambda v: wording.share_text(v, lang),
        unit_text=lambda unit: wording.unit_words(unit, lang),
    )  # fmt: skip
    fmt = _chosen(formats.TEMPLATE, None, output)
    title = wording.pick(wording.SHEET_NAMES["template"], lang)
    view = formats.SheetView(header, rows, title)
    _emit(formats.TEMPLATE, fmt, view, output, _own_files(loaded))


@app.command()
def export(
    fmt: Annotated[Format | None, _format_option(formats.EXPORT)] = None,
    output: OutFile = None,
    lang: LangOption = Lang.ZH,
    plan_file: PlanFile = None,
) -> None:
    from gongshu_targets.core import figures, store
    from gongshu_targets.outputs import wording

    loaded = _load(plan_file)
    chosen = _chosen(formats.EXPORT, fmt, output)
    data = chosen is formats.JSON  # keys for tools, the stored units: not worded
    units = str if data else (lambda unit: wording.unit_words(unit, lang))
    rows = figures.export_rows(loaded.plan, store.load_progress(loaded), units)
    header = figures.EXPORT_COLUMNS if data else figures.export_header(lang.value)
    title = wording.pick(wording.SHEET_NAMES["export"], lang)
    _emit(
        formats.EXPORT, chosen, formats.SheetView(header, rows, title), output, _own_files(loaded)
    )


@app.command()
def check(
    fail_on: Annotated[
        FailOn,
        typer.Option(
            "--fail-on",
            parser=_fail_on,
        ),
    ] = FailOn.OFF_TRACK,
    as_of: AsOf = None,
    max_age: Annotated[
        int | None,
        typer.Option(
            "--max-age",
            parser=_whole(0),
            metavar="DAYS",
        ),
    ] = None,
    fmt: Annotated[
        Format | None,
        _format_option(formats.CHECK),
    ] = None,
    output: OutFile = None,
    lang: LangOption = Lang.ZH,
    plan_file: PlanFile = None,
) -> None:
    from gongshu_targets.core import check, store
    from gongshu_targets.outputs import ci

    loaded = _load(plan_file)
    chosen = _chosen(formats.CHECK, fmt, output)
    result = check.run_check(
        loaded.plan, store.load_progress(loaded), fail_on=fail_on, as_of=as_of,
        max_age_days=max_age,
    )  # fmt: skip
    # The job's step summary is written beside GitHub annotations only.
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY") if chosen is formats.GITHUB else None
    view = formats.CheckView(result, loaded.path, loaded.lines, lang, bool(summary_file))
    _emit(formats.CHECK, chosen, view, output, _own_files(loaded),
          done=ci.summary_line(result, loaded.path, lang))  # fmt: skip
    if summary_file:
        store.append_text(Path(summary_file), ci.markdown(result, loaded.path, loaded.lines, lang))
    raise typer.Exit(result.exit_code)


@app.command()
def diff(
    start: Annotated[
        date | None,
        _day_option("--from"),
    ] = None,
    end: Annotated[
        date | None,
        _day_option("--to"),
    ] = None,
    fmt: Annotated[Format, _format_option(formats.DIFF)] = formats.TEXT,
    lang: LangOption = Lang.ZH,
    plan_file: PlanFile = None,
) -> None:
    from gongshu_targets.core import diff as changes_between
    from gongshu_targets.core import store

    loaded = _load(plan_file)
    observations = store.load_progress(loaded)
    if start is None or end is None:
        usable = [o for o in observations if end is None or o.as_of <= end]
        last, latest = changes_between.last_two_dates(usable)
        start, end = start or last, end or latest
    if end < start:
        raise Refused(Said("to before from", start=start, end=end))
    start, end = _judged_on(loaded, start, "--from"), _judged_on(loaded, end, "--to")
    changes = changes_between.diff(loaded.plan, observations, start, end)
    _emit(formats.DIFF, fmt, formats.DiffView(changes, start, end, lang))


@app.command()
def coverage(
    report: Annotated[
        Path | None,
        typer.Argument(
            parser=FILE_PATH,
            metavar="REPORT",
        ),
    ] = None,
    fmt: Annotated[Format, _format_option(formats.COVERAGE)] = formats.TEXT,
    plan_file: PlanFile = None,
    lang: LangOption = Lang.ZH,
) -> None:
    from gongshu_targets.core import store
    from gongshu_targets.core.coverage import check_coverage as coverage_check

    loaded = _load(plan_file)
    source = report if report is not None else loaded.source_path
    result = coverage_check(loaded.plan, store.read_report(source))
    _emit(formats.COVERAGE, fmt, formats.CoverageView(result, str(source), lang))
    raise typer.Exit(ExitCode.OK if result.ok else ExitCode.CHECK_FAILED)


@app.command()
def draft(
    report: Annotated[Path, typer.Argument(parser=FILE_PATH, metavar="REPORT")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            parser=FILE_PATH,
        ),
    ] = None,
    plan_file: PlanFile = None,
    lang: LangOption = Lang.ZH,
) -> None:
    from gongshu_targets.core import store
    from gongshu_targets.core.draft import draft_plan
    from gongshu_targets.outputs import terminal, text
    from gongshu_targets.outputs.draft import draft_yaml

    _name_for_plan(report, _argument_words("REPORT", lang))
    text_of_report = store.read_report(report)
    where = (output.parent if output is not None else Path.cwd()).resolve()
    source = os.path.relpath(report.resolve(), where).replace(os.sep, "/")
    path, bundled = store.find_plan(plan_file, example_ok=True)
    plan = None if bundled else store.load_plan(path).plan
    given = {"source": _argument_words("REPORT", lang)}  # the draft's source is its name
    drafted = draft_plan(text_of_report, plan, source, date.today().year, given)
    data = draft_yaml(drafted, source, lang).encode("utf-8")
    keep = [(report, Said("kept report")), *([] if bundled else _folder_files(path))]
    _deliver(data, output, keep, done=text.draft_summary(drafted, output, lang))
    if output is None:
        terminal.note(text.draft_summary(drafted, output, lang))


@app.command()
def schema(lang: LangOption = Lang.ZH) -> None:
    from gongshu_targets.core.models import plan_json_schema

    sys.stdout.write(json.dumps(plan_json_schema(), ensure_ascii=False, indent=2) + "\n")


@app.command()
def report(
    as_of: AsOf = None,
    fmt: Annotated[Format | None, _format_option(formats.REPORT)] = None,
    output: OutFile = None,
    lang: LangOption = Lang.ZH,
    plan_file: PlanFile = None,
) -> None:
    from gongshu_targets.core import scoring, store

    loaded = _load(plan_file)
    as_of = _judged_on(loaded, as_of)
    observations = store.load_progress(loaded)
    status_report = scoring.assess_plan(loaded.plan, observations, as_of)
    chosen = _chosen(formats.REPORT, fmt, output)
    view = formats.ReportView(status_report, observations, lang)
    _emit(formats.REPORT, chosen, view, output, _own_files(loaded))

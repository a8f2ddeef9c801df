"""The project's exceptions and its exit codes.

The core raises only these exceptions; ``cli.py`` turns them into an exit code and a
one-line message in a single place.
"""

from __future__ import annotations

import difflib
import errno
import re
from dataclasses import dataclass
from datetime import date, time
from enum import IntEnum
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping


class ExitCode(IntEnum):
    """Every exit code ``targets`` can return (documented in the README)."""

    OK = 0
    CHECK_FAILED = 1  # a target at or past the fail level (``targets check``)
    USAGE = 2  # a bad option or argument (Click's own code)
    INVALID_INPUT = 3  # unreadable or invalid plan, progress file or input
    INTERNAL = 4  # a bug: an exception the core did not expect
    INTERRUPTED = 130  # Ctrl-C (SIGINT): Click's own code, 128 + the signal's number


class Said:
    """A message as data: a key of the outputs' catalog (``outputs/phrases.py``), which
    words it in each language, and the values it names (ids, cells, paths as quoted,
    numbers, other messages, lists of them). The core raises these, never sentences."""

    __slots__ = ("key", "params")
    key: str
    params: Mapping[str, object]

    def __init__(self, key: str, /, **params: object) -> None:
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "params", MappingProxyType(params))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Said):
            return NotImplemented
        return self.key == other.key and dict(self.params) == dict(other.params)

    def __hash__(self) -> int:
        return hash((self.key, tuple(self.params)))

    def __repr__(self) -> str:
        params = "".join(f", {k}={v!r}" for k, v in self.params.items())
        return f"Said({self.key!r}{params})"

    def __str__(self) -> str:
        """In English: what a log, a traceback or ``str(exc)`` shows, where no reader
        chose a language."""
        from gongshu_targets.enums import Lang
        from gongshu_targets.outputs.phrases import say

        return say(self, Lang.EN)


# A message the core gives: a Said, or text that is the same in every language (a path).
Message = str | Said


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    file: Path | None
    message: Message
    line: int | None = None
    target_id: str | None = None

    def where(self) -> list[Message]:
        """``file:line: [id] ``: the location, a path and an id as they are (an id cut, its
        length said in the reader's language), each part followed by a space."""
        parts: list[Message] = []
        if self.file is not None:
            parts.append(f"{self.file}:" if self.line is None else f"{self.file}:{self.line}:")
        if self.target_id:
            parts.append(Said("target at", id=trimmed(self.target_id)))
        return parts

    def __str__(self) -> str:
        return "".join(f"{p} " for p in self.where()) + str(self.message)


# Problems listed for one input; the rest are counted ("250 problems found (the first 100
# listed)"): a sheet of 100,000 bad rows, or a header of 30,000 unknown columns, is not
# echoed row by row.
MAX_PROBLEMS = 100


class TargetsError(Exception):
    """Base of every error the core raises on purpose; the CLI exits 3 for it. Its one
    argument is its message (a :class:`Said`, worded by the outputs in the reader's
    language; ``str(exc)`` is the English)."""

    exit_code = ExitCode.INVALID_INPUT

    def __init__(self, message: Message = "", *args: Any) -> None:
        super().__init__(message, *args)

    @property
    def message(self) -> Message:
        return self.args[0] if self.args else ""

    def __str__(self) -> str:
        return str(self.message)


class InvalidDataError(TargetsError):
    """An input file (plan or progress) has one or more problems; all are listed, or the
    first of them and how many more were found (``more``)."""

    def __init__(
        self, problems: list[Problem], outcome: Message | None = None, more: int = 0
    ) -> None:
        self.problems = problems[:MAX_PROBLEMS]
        self.outcome = outcome
        self.more = more + len(problems) - len(self.problems)
        super().__init__(Said("problems", count=len(problems) + more, listed=self.listed))

    @property
    def listed(self) -> int | None:
        """How many of the problems are listed, where not all are."""
        return len(self.problems) if self.more else None

    def __str__(self) -> str:
        outcome = "" if self.outcome is None else f"; {self.outcome}"
        head = f"{self.message}{outcome}:\n"
        return head + "\n".join(f"  {p}" for p in self.problems)


class UnknownTargetError(TargetsError):
    """A target id that the plan does not define: the id, and the ids it probably meant
    (``known`` maps each id to its names), for the catalog to word."""

    def __init__(self, target_id: str, known: Mapping[str, Iterable[str]]) -> None:
        self.target_id = target_id
        close = tuple(close_ids(target_id, known))
        super().__init__(Said("no target with id", id=quoted(target_id), close=close))


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[-_\s]+", text.casefold()) if w]


def close_ids(typed: str, known: Mapping[str, Iterable[str]], n: int = 3) -> list[str]:
    """The ids a mistyped one probably meant: those whose words begin with the typed words
    (gdp → gdp-growth), else those whose name contains the text (地区生产总值 →
    gdp-growth), else those spelled alike (gdp-grwth → gdp-growth). ``known`` maps each
    id to its names."""
    words = _words(typed)
    text = typed.strip().casefold()
    if not text:
        return []

    def has_words(target_id: str) -> bool:
        parts = _words(target_id)
        return all(any(p.startswith(w) for p in parts) for w in words)

    by_words = sorted(
        (i for i in known if words and has_words(i)),
        key=lambda i: (not i.casefold().startswith(text), len(i)),
    )
    by_name = [i for i, names in known.items() if any(text in n.casefold() for n in names)]
    return (by_words or by_name or difflib.get_close_matches(text, list(known), n=n))[:n]


class OptionError(TargetsError):
    """An option's value does not fit the plan (a date outside its period, a section it
    does not have): a usage error, exit 2."""

    exit_code = ExitCode.USAGE


class NoPlanError(OptionError):
    """No --file, no $TARGETS_FILE and no targets.yaml in the working directory: a usage
    error (exit 2), never a silent fall-back to the bundled example."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        super().__init__(Said("no plan", folder=str(folder)))


def in_turn(parts: Iterable[Message]) -> Message:
    """Messages (or texts) said one after another: ``a; b; c`` / ``a；b；c``. One flat
    list, never one message nested in the next: a thousand parts are worded as easily
    as two."""
    said = list(parts)
    if len(said) == 1:
        return said[0]
    return Said("in turn", parts=tuple(said)) if said else ""


def os_error(exc: OSError) -> Said:
    """Why the system refused to read or write a file: its error's name (``EACCES``), which
    the outputs word, and the system's own words, for an error they do not know."""
    return Said("os error", name=errno.errorcode.get(exc.errno or 0, ""), text=exc.strerror or "")


class FileExistsRefusal(TargetsError):
    """A command would overwrite a file the user already has."""


# Control characters refused in plan and figure text: C0, DEL, C1 and the line and
# paragraph separators. Where a field may span lines, tab and line feed are allowed.
# Lone surrogates too: no text holds one (a wrong --encoding or an undecodable argument
# makes them), and no file can be written with one.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_CONTROL_IN_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


_CONTROL_NAMES = {
    "\t": "char tab",
    "\n": "char line feed",
    "\r": "char carriage return",
    "\x1b": "char escape",
    "\x00": "char null",
    "\u2028": "char line separator",
    "\u2029": "char paragraph separator",
}


def control_problem(text: str, multiline: bool) -> Said | None:
    """Why ``text`` cannot be plan or figure text, or None: the first control character
    in it, by code point and position."""
    found = (_CONTROL_IN_LINES if multiline else _CONTROL).search(text)
    if found is None:
        return None
    char = found.group()
    surrogate = "\ud800" <= char <= "\udfff"
    name = _CONTROL_NAMES.get(char, "char surrogate" if surrogate else "char control")
    return Said(
        "control character in lines" if multiline else "control character in a line",
        code=f"U+{ord(char):04X}",
        name=Said(name),
        at=found.start() + 1,
    )


SHOWN_LIMIT = 60


def trimmed(text: str, limit: int = SHOWN_LIMIT) -> Message:
    """Text from an input quoted as it is (an id, a key), cut to about ``limit`` characters
    with its length said (in the reader's language: a message)."""
    return text if len(text) <= limit else Said("cut", text=text[:limit], size=len(text))


def _as_typed(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (date, time)):  # a datetime is a date
        return str(value)
    return repr(value)


def quoted(value: object, limit: int = SHOWN_LIMIT) -> Message:
    """A value quoted in a message: text in quotes (controls escaped), other values as a
    plan writes them (2025-06-30, true, null: never Python's ``datetime.date(2025, 6,
    30)``), cut to about ``limit`` characters with its length said, so a 10 MB cell is
    never echoed back."""
    text = _as_typed(value)
    if len(text) <= limit:
        return text
    size = len(value) if isinstance(value, str) else len(text)
    return Said("cut", text=text[:limit], size=size)

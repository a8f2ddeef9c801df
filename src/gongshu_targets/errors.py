"""The project's exceptions and its exit codes.

The core raises only these exceptions; ``cli.py`` turns them into an exit code and a
one-line message in a single place.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Every exit code ``targets`` can return (documented in the README)."""

    OK = 0
    CHECK_FAILED = 1  # a target at or past the fail level (``targets check``)
    USAGE = 2  # a bad option or argument (Click's own code)
    INVALID_INPUT = 3  # unreadable or invalid plan, progress file or input
    INTERNAL = 4  # a bug: an exception the core did not expect
    INTERRUPTED = 130  # Ctrl-C (SIGINT): Click's own code, 128 + the signal's number


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    file: Path | None
    message: str
    line: int | None = None
    target_id: str | None = None

    def __str__(self) -> str:
        parts = []
        if self.file is not None:
            parts.append(f"{self.file}:" if self.line is None else f"{self.file}:{self.line}:")
        if self.target_id:
            parts.append(f"[{self.target_id}]")
        parts.append(self.message)
        return " ".join(parts)


class TargetsError(Exception):
    """Base of every error the core raises on purpose; the CLI exits 3 for it."""

    exit_code = ExitCode.INVALID_INPUT


class InvalidDataError(TargetsError):
    """An input file (plan or progress) has one or more problems; all are listed."""

    def __init__(self, problems: list[Problem], outcome: str | None = None) -> None:
        self.problems = problems
        count = len(problems)
        head = f"{count} problem{'s' if count != 1 else ''} found"
        if outcome:
            head += f"; {outcome}"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in problems))


class UnknownTargetError(TargetsError):
    """A target id that the plan does not define."""

    def __init__(self, target_id: str, known: list[str]) -> None:
        self.target_id = target_id
        super().__init__(
            f"no target with id {target_id!r} in the plan{suggestion(target_id, known)}"
        )


def suggestion(target_id: str, known: list[str]) -> str:
    """`` (did you mean a, b?)`` for a mistyped id, or nothing."""
    close = difflib.get_close_matches(target_id, known, n=3)
    return f" (did you mean {', '.join(close)}?)" if close else ""


class OptionError(TargetsError):
    """An option's value does not fit the plan (a date outside its period, a section it
    does not have): a usage error, exit 2."""

    exit_code = ExitCode.USAGE


class NoPlanError(OptionError):
    """No --file, no $TARGETS_FILE and no targets.yaml in the working directory: a usage
    error (exit 2), never a silent fall-back to the bundled example."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        super().__init__(
            f"no plan to read: no --file, no TARGETS_FILE and no targets.yaml in {folder}. "
            "Name one with --file PATH (or TARGETS_FILE=PATH), run the command where "
            "targets.yaml is, or start a plan with `targets new DIR` (or copy the example "
            "with `targets init DIR`)."
        )


class FileExistsRefusal(TargetsError):
    """A command would overwrite a file the user already has."""

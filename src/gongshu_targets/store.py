"""Finding and reading the plan (YAML) and its observations (progress.csv).

The YAML reader is deliberately strict: it refuses anchors and aliases (an alias bomb
expands to millions of nodes once validated), explicit tags (``!!python/object``),
duplicate keys and oversized files, and every problem it reports names the file, the
line and, where it can, the target id.
"""

from __future__ import annotations

import csv
import io
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import FileExistsRefusal, InvalidDataError, Problem, TargetsError
from .models import Observation, Plan, Target, cross_check

PLAN_FILENAME = "targets.yaml"
PROGRESS_FILENAME = "progress.csv"
PROGRESS_COLUMNS = ("id", "as_of", "value", "source", "note", "recorded_at")
MAX_PLAN_BYTES = 16 * 1024 * 1024
ENV_PLAN = "TARGETS_FILE"

# Tags a plain YAML document resolves to on its own; anything else was written explicitly.
_PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class LoadedPlan:
    """A validated plan and where it came from."""

    plan: Plan
    path: Path
    bundled: bool
    lines: dict[str, int]  # target id -> line of its entry in the YAML file

    @property
    def progress_path(self) -> Path:
        return self.path.with_name(PROGRESS_FILENAME)

    @property
    def source_path(self) -> Path:
        return self.path.parent / self.plan.source


def bundled_dir() -> Path:
    """The folder of the bundled Gongshu 2025 plan.

    A built wheel carries a copy of the repository's plan in the package's ``data``
    folder; an editable install of a source checkout reads the repository's own files.
    """
    packaged = Path(__file__).with_name("data")
    if (packaged / PLAN_FILENAME).is_file():
        return packaged
    return Path(__file__).resolve().parents[2]


def find_plan(explicit: Path | None) -> tuple[Path, bool]:
    """The given plan (``--file`` or ``$TARGETS_FILE``), else ``./targets.yaml``, else the
    bundled plan."""
    if explicit is not None:
        return explicit, False
    local = Path.cwd() / PLAN_FILENAME
    if local.is_file():
        return local, False
    return bundled_dir() / PLAN_FILENAME, True


class _Builder:
    """Turns a composed YAML node tree into Python data, refusing what we do not allow."""

    def __init__(self, loader: Any, file: Path) -> None:
        self.loader = loader
        self.file = file
        self.seen: set[int] = set()
        self.lines: dict[Path_, int] = {}
        self.problems: list[Problem] = []

    def _problem(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(self.file, message, node.start_mark.line + 1))

    def build(self, node: yaml.Node, path: Path_ | None = ()) -> Any:
        """Build ``node``; ``path`` is where it sits in the document (None for a key)."""
        if id(node) in self.seen:
            self._problem(node, "anchors and aliases (&name / *name) are not allowed")
            return None
        self.seen.add(id(node))
        if path is not None:
            self.lines[path] = node.start_mark.line + 1
        if node.tag not in _PLAIN_TAGS:
            self._problem(node, f"explicit YAML tag {node.tag!r} is not allowed")
            return None
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.build(key_node, None)
                if not isinstance(key, str):
                    self._problem(key_node, f"mapping keys must be text, not {key!r}")
                    continue
                if key in result:
                    self._problem(key_node, f"duplicate key {key!r}")
                    continue
                result[key] = self.build(value_node, (*(path or ()), key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*(path or ()), i)) for i, item in enumerate(node.value)]
        return self.loader.construct_object(node)


def _yaml_error(file: Path, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None)
    reason = str(getattr(exc, "problem", None) or exc)
    line = mark.line + 1 if mark is not None else None
    if "tab" in reason:
        reason += " (indent with spaces, not tabs)"
    return Problem(file, f"YAML syntax error: {reason}", line)


def parse_yaml(text: str, file: Path) -> tuple[Any, dict[Path_, int]]:
    """Parse one YAML document strictly; returns the data and the line of every path."""
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            raise InvalidDataError([_yaml_error(file, exc)]) from None
        if node is None:
            raise InvalidDataError([Problem(file, "the file is empty")])
        builder = _Builder(loader, file)
        data = builder.build(node)
        if builder.problems:
            raise InvalidDataError(builder.problems)
        return data, builder.lines
    finally:
        loader.dispose()


def _read_text(path: Path, limit: int) -> str:
    try:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        raise InvalidDataError([Problem(path, "file not found")]) from None
    except OSError as exc:
        raise InvalidDataError([Problem(path, f"cannot read: {exc.strerror}")]) from None
    if len(raw) > limit:
        raise InvalidDataError([Problem(path, f"file is larger than {limit // 2**20} MiB")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidDataError([Problem(path, "file is not valid UTF-8", line)]) from None


def _locate(lines: dict[Path_, int], loc: tuple[str | int, ...]) -> int | None:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def _target_id(data: Any, loc: tuple[str | int, ...]) -> str | None:
    if len(loc) >= 2 and loc[0] == "targets" and isinstance(loc[1], int):
        try:
            entry = data["targets"][loc[1]]
        except (KeyError, IndexError, TypeError):
            return None
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            return entry["id"]
    return None


def _validation_problems(
    file: Path, data: Any, lines: dict[Path_, int], exc: ValidationError
) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(part for part in error["loc"] if not isinstance(part, str) or "[" not in part)
        field = ".".join(str(p) for p in loc) or "(top level)"
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = "unknown field (check its spelling)"
        problems.append(
            Problem(file, f"{field}: {message}", _locate(lines, loc), _target_id(data, loc))
        )
    return problems


def load_plan(path: Path, bundled: bool = False) -> LoadedPlan:
    """Read, parse and validate a plan; raises InvalidDataError listing every problem."""
    text = _read_text(path, MAX_PLAN_BYTES)
    data, lines = parse_yaml(text, path)
    if not isinstance(data, dict):
        raise InvalidDataError(
            [Problem(path, "the plan must be a mapping with a 'targets' list", 1)]
        )
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        raise InvalidDataError(_validation_problems(path, data, lines, exc)) from None
    problems = [
        Problem(
            path,
            f"targets.{i}.{field}: {msg}",
            _locate(lines, ("targets", i, field)),
            plan.targets[i].id,
        )
        for i, field, msg in cross_check(plan)
    ]
    if problems:
        raise InvalidDataError(problems)
    target_lines = {t.id: lines.get(("targets", i), 0) for i, t in enumerate(plan.targets)}
    return LoadedPlan(plan=plan, path=path, bundled=bundled, lines=target_lines)


def _row_problem(
    path: Path, row: int, column: str, value: str, why: str, target_id: str | None = None
) -> Problem:
    return Problem(path, f"row {row}, column {column} = {value!r}: {why}", row, target_id)


def parse_progress(text: str, path: Path, plan: Plan) -> list[Observation]:
    """Parse progress.csv text; values are converted from the recording unit to the target's."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        return []
    if tuple(h.strip() for h in header) != PROGRESS_COLUMNS:
        raise InvalidDataError(
            [Problem(path, f"the header must be {','.join(PROGRESS_COLUMNS)}", 1)]
        )
    targets: dict[str, Target] = {t.id: t for t in plan.targets}
    observations: list[Observation] = []
    problems: list[Problem] = []
    for row_number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(PROGRESS_COLUMNS):
            problems.append(
                Problem(
                    path,
                    f"row {row_number}: expected {len(PROGRESS_COLUMNS)} columns, found {len(row)}",
                    row_number,
                )
            )
            continue
        target_id, as_of_text, value_text, source, note, recorded_text = row
        target = targets.get(target_id)
        before = len(problems)
        if target is None:
            problems.append(
                _row_problem(path, row_number, "id", target_id, "no such target in the plan")
            )
        try:
            as_of = date.fromisoformat(as_of_text)
        except ValueError:
            problems.append(
                _row_problem(
                    path, row_number, "as_of", as_of_text, "not a YYYY-MM-DD date", target_id
                )
            )
        else:
            if not plan.period.start <= as_of <= plan.period.end:
                problems.append(
                    _row_problem(
                        path,
                        row_number,
                        "as_of",
                        as_of_text,
                        "outside the plan's period",
                        target_id,
                    )
                )
        try:
            value = float(value_text)
            if value != value or value in (float("inf"), float("-inf")):
                raise ValueError
        except ValueError:
            problems.append(
                _row_problem(
                    path, row_number, "value", value_text, "not a finite number", target_id
                )
            )
        try:
            recorded_at = datetime.fromisoformat(recorded_text)
        except ValueError:
            problems.append(
                _row_problem(
                    path,
                    row_number,
                    "recorded_at",
                    recorded_text,
                    "not an ISO timestamp",
                    target_id,
                )
            )
        if len(problems) > before or target is None:
            continue
        observations.append(
            Observation(
                id=target_id,
                as_of=as_of,
                value=value / target.scale,
                source=source,
                note=note,
                recorded_at=recorded_at,
            )
        )
    if problems:
        raise InvalidDataError(problems)
    return observations


def load_progress(loaded: LoadedPlan) -> list[Observation]:
    """The plan's observations; a missing progress.csv simply means none yet."""
    path = loaded.progress_path
    if not path.exists():
        return []
    return parse_progress(_read_text(path, 1 << 30), path, loaded.plan)


def init_copy(destination: Path) -> list[Path]:
    """Write an editable copy of the bundled plan, its progress file and its report."""
    source = bundled_dir()
    files = [PLAN_FILENAME, PROGRESS_FILENAME]
    loaded = load_plan(source / PLAN_FILENAME, bundled=True)
    files.append(loaded.plan.source)
    existing = [destination / name for name in files if (destination / name).exists()]
    if existing:
        raise FileExistsRefusal(
            f"{', '.join(map(str, existing))} already exist(s); "
            "choose an empty folder or remove them first"
        )
    written = []
    for name in files:
        target = destination / name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / name, target)
        except OSError as exc:
            raise TargetsError(f"cannot write {target}: {exc.strerror}") from None
        written.append(target)
    return written

"""Finding and reading the plan (YAML).

The YAML reader is deliberately strict: it refuses aliases (an alias bomb expands to
millions of nodes once validated), explicit tags (``!!python/object``), duplicate keys,
deep nesting and oversized files, and every problem it reports names the file, the
line and, where it can, the target id.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from gongshu_targets.core.models import Plan, cross_check
from gongshu_targets.core.store.files import read_text
from gongshu_targets.errors import (
    FileExistsRefusal,
    InvalidDataError,
    NoPlanError,
    Problem,
    TargetsError,
)

PLAN_FILENAME = "targets.yaml"

PROGRESS_FILENAME = "progress.csv"

SCHEMA_FILENAME = "targets.schema.json"

MAX_PLAN_BYTES = 32 * 1024 * 1024  # 100,000 targets fit; a 50 MB file is refused

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
    """The folder of the bundled example plan.

    A built wheel carries a copy of the repository's plan in the package's ``data``
    folder; an editable install of a source checkout reads the repository's own files.
    """
    package = Path(__file__).resolve().parents[2]  # gongshu_targets/core/store/plan.py
    packaged = package / "data"
    if (packaged / PLAN_FILENAME).is_file():
        return packaged
    return package.parents[1]  # src/gongshu_targets -> the checkout


def find_plan(explicit: Path | None, *, example_ok: bool = False) -> tuple[Path, bool]:
    """The given plan (``--file`` or ``$TARGETS_FILE``), else ``./targets.yaml``; else, where
    ``example_ok`` (browsing commands only), the bundled example plan.

    Without a plan a command that judges or writes refuses (:class:`NoPlanError`): a CI job
    pointed at the wrong folder must not go green on the example's data.
    """
    if explicit is not None:
        return explicit, False
    local = Path.cwd() / PLAN_FILENAME
    if local.is_file():
        return local, False
    if not example_ok:
        raise NoPlanError(Path.cwd())
    return bundled_dir() / PLAN_FILENAME, True


_STR_TAG = "tag:yaml.org,2002:str"

_VALUE_TAG = "tag:yaml.org,2002:value"  # what PyYAML makes of a plain "=": just text here

MAX_DEPTH = 32

ALIAS_MESSAGE = "aliases (*name) are not allowed: write the value out"


class _Builder:
    """Turns a composed YAML node tree into Python data, refusing what we do not allow.

    The C composer shares one node between an anchor and its aliases, so an alias shows up
    as a node seen twice; it is refused before it is expanded.
    """

    def __init__(self, loader: Any, file: Path) -> None:
        self.loader = loader
        self.file = file
        self.seen: set[int] = set()
        self.lines: dict[Path_, int] = {}
        self.found: list[tuple[Path_, int, str]] = []  # (where, line, message)

    def _problem(self, node: yaml.Node, path: Path_, message: str) -> None:
        self.found.append((path, node.start_mark.line + 1, message))

    def problems(self, data: Any) -> list[Problem]:
        return [
            Problem(self.file, msg, line, _target_id(data, where))
            for where, line, msg in self.found
        ]

    def build(self, node: yaml.Node, path: Path_ = (), is_key: bool = False) -> Any:
        """Build ``node``, which sits at ``path`` in the document."""
        if id(node) in self.seen:
            self._problem(node, path, ALIAS_MESSAGE)
            return None
        self.seen.add(id(node))
        if len(path) > MAX_DEPTH:
            self._problem(node, path, f"nested more than {MAX_DEPTH} levels deep")
            return None
        if not is_key:
            self.lines[path] = node.start_mark.line + 1
        if node.tag == _STR_TAG or node.tag == _VALUE_TAG:
            return node.value  # most scalars are text: skip the constructor
        if node.tag not in _PLAIN_TAGS:
            self._problem(node, path, f"explicit YAML tag {node.tag!r} is not allowed")
            return None
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.build(key_node, path, is_key=True)
                if not isinstance(key, str):
                    self._problem(key_node, path, f"mapping keys must be text, not {key!r}")
                elif key in result:
                    self._problem(key_node, path, f"duplicate key {key!r}")
                else:
                    result[key] = self.build(value_node, (*path, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        try:
            return self.loader.construct_object(node)
        except (ValueError, yaml.YAMLError) as exc:  # 2025-13-01 is a date with no day
            self._problem(node, path, f"{node.value!r} cannot be read: {exc}")
            return None


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
        if builder.found:
            raise InvalidDataError(builder.problems(data))
        return data, builder.lines
    finally:
        loader.dispose()


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
        target_id = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(target_id, str):
            return target_id
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
    text = read_text(path, MAX_PLAN_BYTES)
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


def read_report(path: Path) -> str:
    """The report text a plan is built from (UTF-8)."""
    return read_text(path, MAX_PLAN_BYTES)


def refuse_existing(paths: list[Path]) -> None:
    existing = [path for path in paths if path.exists()]
    if existing:
        raise FileExistsRefusal(
            f"{', '.join(map(str, existing))} {'exists' if len(existing) == 1 else 'exist'} "
            "already; choose an empty folder or remove them first"
        )


def write_new(target: Path, data: bytes) -> Path:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("xb") as handle:
            handle.write(data)
    except OSError as exc:
        raise TargetsError(f"cannot write {target}: {exc.strerror}") from None
    return target


SCHEMA_COMMENT = "# yaml-language-server: $schema=./targets.schema.json\n"


def plan_yaml(header: dict[str, Any], targets: list[dict[str, Any]], comment: str = "") -> str:
    """A plan as targets.yaml text: the schema line, an optional comment, the header, the
    targets (an empty list for a blank plan)."""
    lines = "".join(f"# {line}\n" if line else "#\n" for line in comment.splitlines())
    body = yaml.safe_dump(
        {**header, "targets": targets}, allow_unicode=True, sort_keys=False, width=100
    )
    return SCHEMA_COMMENT + lines + body


def init_copy(destination: Path) -> list[Path]:
    """Write an editable copy of the bundled plan, its schema, progress file and report."""
    source = bundled_dir()
    files = [PLAN_FILENAME, SCHEMA_FILENAME, PROGRESS_FILENAME]
    loaded = load_plan(source / PLAN_FILENAME, bundled=True)
    files.append(loaded.plan.source)
    refuse_existing([destination / name for name in files])
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


def refuse_bundled(loaded: LoadedPlan) -> None:
    """Figures are never written into the installed package."""
    if loaded.bundled:
        raise TargetsError(
            f"the bundled plan ({loaded.plan.title}) is read-only: run `targets init DIR` for "
            "an editable copy, or `targets new DIR` for a plan of your own, then pass "
            "-f DIR/targets.yaml (or cd DIR)"
        )

"""Finding and reading the plan (YAML).

The YAML reader is deliberately strict: it refuses aliases (an alias bomb expands to
millions of nodes once validated), explicit tags (``!!python/object``), duplicate keys,
deep nesting and oversized files, and every problem it reports names the file, the
line and, where it can, the target id.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from gongshu_targets.core.models import Plan, Target, cross_check
from gongshu_targets.core.store.files import read_text
from gongshu_targets.errors import (
    SHOWN_LIMIT,
    FileExistsRefusal,
    InvalidDataError,
    Message,
    NoPlanError,
    Problem,
    Said,
    TargetsError,
    os_error,
    quoted,
    trimmed,
)

PLAN_FILENAME = "targets.yaml"

PROGRESS_FILENAME = "progress.csv"

SCHEMA_FILENAME = "targets.schema.json"

MAX_PLAN_BYTES = 32 * 1024 * 1024  # 100,000 targets fit; a 50 MB file is refused

# Values (YAML nodes: scalars, lists, mappings) in one plan: 100,000 targets of the bundled
# plan's shape hold about 2,000,000 (20 each). A document is refused past it before any
# node is built: libyaml builds 14 million of them from a 28 MiB list of numbers, 8 GB.
MAX_PLAN_NODES = 2_500_000

# Tags a plain YAML document resolves to on its own; anything else was written explicitly.
_PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's: 20 times faster

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
        """The report text the plan names. It must lie inside the plan's folder (links
        followed): a plan from elsewhere cannot make ``coverage`` print another file."""
        folder = self.path.parent
        path = folder / self.plan.source
        if not path.resolve().is_relative_to(folder.resolve()):
            raise InvalidDataError(
                [
                    Problem(self.path, Said("source outside", source=quoted(self.plan.source)))
                ]  # fmt: skip
            )
        return path


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
    if os.path.lexists(local):  # a folder, a pipe or a link to nothing is refused when read
        return local, False
    if not example_ok:
        raise NoPlanError(Path.cwd())
    return bundled_dir() / PLAN_FILENAME, True


_STR_TAG = "tag:yaml.org,2002:str"

_VALUE_TAG = "tag:yaml.org,2002:value"  # what PyYAML makes of a plain "=": just text here

MAX_DEPTH = 32

ALIAS_MESSAGE = Said("yaml alias")

_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NUMBER_TAGS = (_INT_TAG, _FLOAT_TAG)
# No number within ±10^15 is written with more characters than this; a longer one is
# refused before it is converted (an int of 5,000 digits cannot even be printed).
MAX_NUMBER_CHARS = 100

# Numbers as a reader writes and expects them; YAML 1.1 reads other forms surprisingly.
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_OCTAL_1_2 = re.compile(r"[-+]?0o[0-7_]+")  # text to YAML 1.1, octal to YAML 1.2


def _surprising_number(text: str, tag: str, value: Any) -> Said | None:
    """Why a plain scalar is not read as the number it looks like, or None if it is."""
    written = trimmed(text)
    if tag == _INT_TAG and not _PLAIN_INT.fullmatch(text):
        form = (
            "underscores" if "_" in text
            else "sexagesimal" if ":" in text
            else "hexadecimal" if "x" in text.lower()
            else "binary" if "b" in text.lower()
            else "octal"
        )  # fmt: skip
        return Said("yaml 1.1 number", written=written, form=Said(form), value=value)
    if tag == _FLOAT_TAG and not _PLAIN_FLOAT.fullmatch(text):
        if value != value or value in (float("inf"), float("-inf")):
            return Said("not finite", value=written)
        form = "sexagesimal" if ":" in text else "underscores"
        return Said("yaml 1.1 number", written=written, form=Said(form), value=value)
    if tag == _STR_TAG and _OCTAL_1_2.fullmatch(text):
        return Said("yaml 1.2 octal", written=written)
    return None


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
        self.found: list[tuple[Path_, int, Said]] = []  # (where, line, message)
        self.booleans: list[tuple[Path_, int, str]] = []  # (where, line, as written)
        self.misread: list[tuple[Path_, int, Said]] = []  # values YAML 1.1 reads surprisingly

    def _problem(self, node: yaml.Node, path: Path_, message: Said) -> None:
        self.found.append((path, node.start_mark.line + 1, message))

    def _surprise(self, node: yaml.Node, path: Path_, why: Said) -> None:
        self.misread.append((path, node.start_mark.line + 1, at_field(path, why)))

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
            self._problem(node, path, Said("yaml too deep", depth=MAX_DEPTH))
            return None
        if not is_key:
            self.lines[path] = node.start_mark.line + 1
        plain = isinstance(node, yaml.ScalarNode) and not node.style  # '' (C) or None
        if node.tag == _STR_TAG or node.tag == _VALUE_TAG:
            if plain and node.value.startswith(("0o", "+0o", "-0o")):
                surprise = _surprising_number(node.value, node.tag, None)
                if surprise is not None:
                    self._surprise(node, path, surprise)
            return node.value  # most scalars are text: skip the constructor
        if node.tag not in _PLAIN_TAGS:
            self._problem(node, path, Said("yaml tag", tag=quoted(node.tag)))
            return None
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.build(key_node, path, is_key=True)
                if not isinstance(key, str):
                    self._problem(key_node, path, Said("yaml key not text", key=quoted(key)))
                elif key in result:
                    self._problem(key_node, path, Said("yaml duplicate key", key=quoted(key)))
                else:
                    result[key] = self.build(value_node, (*path, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if node.tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_CHARS:
            self._problem(node, path, Said("yaml number too long", value=quoted(node.value)))
            return None
        if node.tag != self.loader.resolve(yaml.ScalarNode, node.value, (plain, not plain)):
            # `!!int "0x10"`: a tag written out, which the checks of plain numbers would miss
            self._problem(node, path, Said("yaml tag", tag=quoted(node.tag)))
            return None
        try:
            value = self.loader.construct_object(node)
        except (ValueError, yaml.YAMLError) as exc:  # 2025-13-01 is a date with no day
            why = Said("yaml unreadable", value=quoted(node.value), reason=str(exc))
            self._problem(node, path, why)
            return None
        surprise = _surprising_number(node.value, node.tag, value) if plain else None
        if surprise is not None:
            self._surprise(node, path, surprise)
        if node.tag == _BOOL_TAG and not is_key:
            self.booleans.append((path, node.start_mark.line + 1, node.value))
        return value


def _yaml_error(file: Path, exc: yaml.YAMLError) -> Problem:
    """The parser's reason as it gave it (the outputs word the ones they know), and
    whether it is about a tab (not the "tab" in "unacceptable character")."""
    mark = getattr(exc, "problem_mark", None)
    reason = str(getattr(exc, "problem", None) or exc)
    line = mark.line + 1 if mark is not None else None
    tab = re.search(r"\btab\b", reason) is not None
    return Problem(file, Said("yaml syntax", reason=reason, tab=tab), line)


# Every value but the document's first stands after one of these (an item's "-" or ",",
# a key's ":" or "?", a collection's "[" or "{"), and each starts at most two values.
_VALUE_MARKS = ",-:?[{"
_NODE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent,
                yaml.AliasEvent)  # fmt: skip


def refuse_too_many_nodes(text: str, file: Path) -> None:
    """Refuse a document of more than MAX_PLAN_NODES values before any is built.

    A text with few value marks cannot hold that many and is let through at once (one
    count per mark, in C); any other is parsed event by event, no node kept, to the limit.
    """
    if 1 + 2 * sum(map(text.count, _VALUE_MARKS)) <= MAX_PLAN_NODES:
        return
    nodes = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, _NODE_EVENTS):
                nodes += 1
                if nodes > MAX_PLAN_NODES:
                    why = Said("yaml too many values", limit=MAX_PLAN_NODES)
                    mark = event.start_mark
                    line = None if mark is None else mark.line + 1
                    raise InvalidDataError([Problem(file, why, line)])
    except yaml.YAMLError as exc:
        raise InvalidDataError([_yaml_error(file, exc)]) from None


def parse_yaml(
    text: str, file: Path, booleans: Collection[str] = ()
) -> tuple[Any, dict[Path_, int], dict[Path_, Problem]]:
    """Parse one YAML document strictly; returns the data, the line of every path and the
    values YAML 1.1 reads otherwise than they look, each a problem by its path.

    Those values are kept in the data, so that validation can go on to find the rest: a
    number such as 030 (octal 24) or 5:30 (330), and a boolean under a key other than
    ``booleans``, the keys that take true/false (YAML 1.1 reads yes, no, on and off as
    booleans, so ``name_en: yes`` is no text).
    """
    refuse_too_many_nodes(text, file)
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            raise InvalidDataError([_yaml_error(file, exc)]) from None
        if node is None:
            raise InvalidDataError([Problem(file, Said("file empty"))])
        builder = _Builder(loader, file)
        data = builder.build(node)
        if builder.found:
            raise InvalidDataError(builder.problems(data))
        for where, line, written in builder.booleans:
            if not where or where[-1] not in booleans:
                why = at_field(where, Said("yaml boolean", written=written))
                builder.misread.append((where, line, why))
        misread = {
            where: Problem(file, why, line, _target_id(data, where))
            for where, line, why in builder.misread
        }
        return data, builder.lines, misread
    finally:
        loader.dispose()


# The plan's fields that take true or false; YAML booleans anywhere else are mistakes.
BOOLEAN_FIELDS = frozenset(
    name
    for model in (Plan, Target)
    for name, info in model.model_fields.items()
    if info.annotation is bool
)


def at_field(loc: tuple[str | int, ...], why: Message) -> Said:
    """A problem with one field of the plan, named by its path (``targets.0.unit``)."""
    if not loc:
        return Said("at top", why=why)
    # a key of 30,000 characters is cut (the path says where, not what)
    parts = (str(p) if len(str(p)) <= SHOWN_LIMIT else f"{str(p)[:SHOWN_LIMIT]}…" for p in loc)
    return Said("at field", field=".".join(parts), why=why)


# Pydantic's error types, each as our message key: its context and the value given become
# the message's values, so that no sentence of pydantic's reaches a reader.
PYDANTIC_KEYS = {
    "missing": "field missing",
    "extra_forbidden": "field unknown",
    "float_parsing": "not a number",
    "float_type": "not a number",
    "finite_number": "not finite",
    "int_parsing": "not a whole number",
    "int_type": "not a whole number",
    "int_from_float": "not a whole number",
    "string_type": "not text",
    "string_unicode": "not text",  # a lone surrogate: a byte of the command line not UTF-8
    "string_too_short": "text too short",
    "string_too_long": "text too long",
    "string_pattern_mismatch": "not an id",
    "bool_type": "not a boolean",
    "bool_parsing": "not a boolean",
    "date_type": "not a date",
    "date_parsing": "not a date",
    "date_from_datetime_parsing": "not a date",
    "date_from_datetime_inexact": "not a date",
    "datetime_type": "not a time",
    "datetime_parsing": "not a time",
    "datetime_from_date_parsing": "not a time",
    "greater_than": "not greater than",
    "greater_than_equal": "less than",
    "less_than": "not less than",
    "less_than_equal": "more than",
    "enum": "not a choice",
    "literal_error": "not a choice",
    "model_type": "not a mapping",
    "model_attributes_type": "not a mapping",
    "dict_type": "not a mapping",
    "tuple_type": "not a list",
    "list_type": "not a list",
}
_CHOICE = re.compile(r"'([^']*)'")


def field_problem(error: Mapping[str, Any]) -> Message:
    """One of pydantic's errors as our message: a validator's own (a Said it raised), or
    its type's key with the value given and the limit or choices it broke."""
    kind = error["type"]
    context = error.get("ctx") or {}
    raised = context.get("error")
    if kind == "value_error" and isinstance(raised, ValueError) and raised.args:
        first = raised.args[0]
        return first if isinstance(first, Said) else str(first)
    key = PYDANTIC_KEYS.get(kind)
    if key is None:
        return Said("field invalid", value=quoted(error.get("input")), reason=error["msg"])
    params: dict[str, object] = {"value": quoted(error.get("input"))}
    for name in ("gt", "ge", "lt", "le", "min_length", "max_length"):
        if name in context:
            params["limit"] = context[name]
    if "expected" in context:
        params["choices"] = tuple(_CHOICE.findall(str(context["expected"])))
    return Said(key, **params)


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
    file: Path, data: Any, lines: dict[Path_, int], exc: ValidationError, told: Collection[Path_]
) -> list[Problem]:
    """Each validation error as a problem, but for the paths in ``told``, already reported."""
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        if loc in told:
            continue
        why = at_field(loc, field_problem(error))
        problems.append(Problem(file, why, _locate(lines, loc), _target_id(data, loc)))
    return problems


def load_plan(path: Path, bundled: bool = False) -> LoadedPlan:
    """Read, parse and validate a plan; raises InvalidDataError listing every problem."""
    text = read_text(path, MAX_PLAN_BYTES)
    data, lines, misread = parse_yaml(text, path, BOOLEAN_FIELDS)
    if not isinstance(data, dict):
        raise InvalidDataError([Problem(path, Said("plan not a mapping"), 1)])
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        found = [*misread.values(), *_validation_problems(path, data, lines, exc, misread)]
        found.sort(key=lambda p: p.line or 0)
        raise InvalidDataError(found) from None
    if misread:
        raise InvalidDataError(list(misread.values()))
    problems = [
        Problem(
            path,
            at_field(("targets", i, field), msg),
            _locate(lines, ("targets", i, field)),
            plan.targets[i].id,
        )
        for i, field, msg in cross_check(plan)
    ]
    if problems:
        raise InvalidDataError(problems)
    target_lines = {t.id: lines[("targets", i)] for i, t in enumerate(plan.targets)}
    return LoadedPlan(plan=plan, path=path, bundled=bundled, lines=target_lines)


def read_report(path: Path) -> str:
    """The report text a plan is built from (UTF-8)."""
    return read_text(path, MAX_PLAN_BYTES)


def refuse_existing(paths: list[Path]) -> None:
    existing = [path for path in paths if path.exists()]
    if existing:
        named = tuple(map(str, existing))
        raise FileExistsRefusal(Said("files exist", paths=named, count=len(named)))


def write_new(target: Path, data: bytes) -> Path:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("xb") as handle:
            handle.write(data)
    except OSError as exc:
        raise TargetsError(Said("cannot write", path=str(target), why=os_error(exc))) from None
    return target


SCHEMA_COMMENT = "# yaml-language-server: $schema=./targets.schema.json\n"


# What a YAML comment cannot hold: the line breaks YAML knows (\r, U+0085, U+2028,
# U+2029; \n ends the comment's line) and the characters it refuses anywhere.
_NOT_IN_COMMENT = re.compile(
    "[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


def yaml_comment(text: str) -> str:
    """``text`` as YAML comment lines, one per line of it (``\\n``): every other break or
    character a YAML file cannot hold is written as its code point (``\\u2028``), so the
    file still loads and the comment still shows what was there."""
    shown = _NOT_IN_COMMENT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return "".join(f"# {line}\n" if line else "#\n" for line in shown.split("\n"))


def plan_yaml(header: dict[str, Any], targets: list[dict[str, Any]], comment: str = "") -> str:
    """A plan as targets.yaml text: the schema line, an optional comment, the header, the
    targets (an empty list for a blank plan)."""
    lines = yaml_comment(comment) if comment else ""
    body = yaml.dump(
        {**header, "targets": targets},
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    return SCHEMA_COMMENT + lines + body


def init_copy(destination: Path) -> list[Path]:
    """Write an editable copy of the bundled plan, its schema, progress file and report."""
    source = bundled_dir()
    files = [PLAN_FILENAME, SCHEMA_FILENAME, PROGRESS_FILENAME]
    loaded = load_plan(source / PLAN_FILENAME)
    files.append(loaded.plan.source)
    refuse_existing([destination / name for name in files])
    written: list[Path] = []
    made = [d for d in _folders_to_make(destination, files) if not d.exists()]
    try:
        for name in files:
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with (source / name).open("rb") as original, target.open("xb") as copy:
                written.append(target)
                shutil.copyfileobj(original, copy)
    except OSError as exc:
        _undo(written, made)
        failed = destination / files[len(written) - 1] if written else destination
        path = str(exc.filename or failed)
        raise TargetsError(
            Said("cannot write, nothing written", path=path, why=os_error(exc))
        ) from None
    return written


def _folders_to_make(destination: Path, files: list[str]) -> list[Path]:
    """Every folder the files need, outermost first (a folder sorts before what it holds)."""
    return sorted({p for name in files for p in (destination / name).parents})


def _undo(written: list[Path], made: list[Path]) -> None:
    """All or nothing: remove exactly the files and folders this command made."""
    for path in reversed(written):
        path.unlink(missing_ok=True)
    for folder in reversed(made):
        try:
            folder.rmdir()
        except OSError:
            pass


def refuse_bundled(loaded: LoadedPlan) -> None:
    """Figures are never written into the installed package."""
    if loaded.bundled:
        plan = loaded.plan
        title_en = plan.title_en or plan.title
        raise TargetsError(Said("bundled read-only", title=plan.title, title_en=title_en))

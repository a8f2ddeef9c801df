"""Finding and reading the plan (YAML) and its observations (progress.csv).

The YAML reader is deliberately strict: it refuses aliases (an alias bomb expands to
millions of nodes once validated), explicit tags (``!!python/object``), duplicate keys,
deep nesting and oversized files, and every problem it reports names the file, the
line and, where it can, the target id.
"""

from __future__ import annotations

import csv
import gc
import io
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from operator import attrgetter
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import FileExistsRefusal, InvalidDataError, Problem, TargetsError
from .models import LARGEST, PERCENT, Observation, Plan, cross_check

PLAN_FILENAME = "targets.yaml"
PROGRESS_FILENAME = "progress.csv"
SCHEMA_FILENAME = "targets.schema.json"
PROGRESS_COLUMNS = ("id", "as_of", "value", "source", "note", "recorded_at")
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


def _read_text(path: Path, limit: int) -> str:
    try:
        with path.open("rb") as handle:
            # Ask for no more than the file holds: read(n) reserves n bytes up front.
            size = os.fstat(handle.fileno()).st_size
            raw = handle.read(min(size, limit) + 1)
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


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


class _ProgressReader:
    """Reads progress.csv rows. Dates, timestamps and repeated texts are parsed once and
    shared, which matters at 200,000 rows; every field is checked here, so observations are
    built without a second validation."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.period = plan.period
        self.dates: dict[str, date | str] = {}  # text -> date, or why it is not one
        self.stamps: dict[str, datetime | None] = {}
        self.texts: dict[str, str] = {}

    def _date(self, text: str) -> date | str:
        if text not in self.dates:
            if not _ISO_DATE.fullmatch(text):
                self.dates[text] = "not a YYYY-MM-DD date"
            else:
                try:
                    day = date.fromisoformat(text)
                except ValueError:
                    self.dates[text] = "not a YYYY-MM-DD date"
                else:
                    inside = self.period.start <= day <= self.period.end
                    self.dates[text] = day if inside else "outside the plan's period"
        return self.dates[text]

    def _stamp(self, text: str) -> datetime | None:
        if text not in self.stamps:
            try:
                stamp = datetime.fromisoformat(text)
            except ValueError:
                self.stamps[text] = None
            else:  # a time written without its zone is UTC, as the tool writes it
                self.stamps[text] = stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
        return self.stamps[text]

    def row(self, row: list[str]) -> Observation | list[tuple[str, str, str]]:
        """One record: an observation, or its problems as (column, value, why)."""
        target_id, as_of_text, value_text, source, note, recorded_text = row
        bad: list[tuple[str, str, str]] = []
        target = self.plan.target(target_id)
        if target is None:
            bad.append(("id", target_id, "no such target in the plan"))
        as_of = self._date(as_of_text)
        if isinstance(as_of, str):
            bad.append(("as_of", as_of_text, as_of))
        value = float(value_text) if _PLAIN_NUMBER.fullmatch(value_text) else None
        if value is None or not -LARGEST <= value <= LARGEST:
            bad.append(("value", value_text, f"not a number within ±{LARGEST:.0e}"))
        elif value < 0 and target is not None and target.unit != PERCENT:
            bad.append(("value", value_text, "a count or amount cannot be negative"))
        recorded_at = self._stamp(recorded_text)
        if recorded_at is None:
            bad.append(("recorded_at", recorded_text, "not an ISO timestamp"))
        if bad:
            return bad
        assert isinstance(as_of, date) and value is not None and recorded_at is not None
        texts = self.texts
        return Observation.lean(
            id=texts.setdefault(target_id, target_id),
            as_of=as_of,
            value=value,
            source=texts.setdefault(source, source),
            note=texts.setdefault(note, note),
            recorded_at=recorded_at,
        )


@contextmanager
def bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while many small objects are built.

    Observations hold no reference cycles, so reference counting frees them all the same;
    left on, the collector rescans the growing heap every few hundred objects, which at
    100,000 rows is a third of an import's time.
    """
    enabled = gc.isenabled()
    try:
        gc.disable()
        yield
    finally:
        if enabled:
            gc.enable()


def csv_records(text: str, path: Path) -> Iterator[tuple[int, list[str]]]:
    """The records of a CSV text, one at a time, each with the line it starts on (as an
    editor shows it)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    quoted = '"' in text
    start = 1
    try:
        if quoted:  # a quoted cell may span lines
            for row in reader:
                yield start, row
                start = reader.line_num + 1
        else:  # no record spans lines: record n is on line n
            yield from enumerate(reader, 1)
    except csv.Error as exc:
        line = start if quoted else reader.line_num
        raise InvalidDataError(
            [Problem(path, f"row {line}: not valid CSV ({exc})", line)]
        ) from None


def parse_progress(text: str, path: Path, plan: Plan) -> list[Observation]:
    """Parse progress.csv text into observations, listing every bad row.

    A row is numbered by the line it starts on, as an editor shows it.
    """
    records = csv_records(text, path)
    header = next(records, None)
    if header is None:
        return []
    if tuple(h.strip() for h in header[1]) != PROGRESS_COLUMNS:
        raise InvalidDataError(
            [Problem(path, f"the header must be {','.join(PROGRESS_COLUMNS)}", 1)]
        )
    reader = _ProgressReader(plan)
    observations: list[Observation] = []
    problems: list[Problem] = []
    width = len(PROGRESS_COLUMNS)
    for line, row in records:
        if len(row) != width:
            if "".join(row).strip():
                why = f"expected {width} columns, found {len(row)}"
                problems.append(Problem(path, f"row {line}: {why}", line))
            continue
        parsed = reader.row(row)
        if isinstance(parsed, Observation):
            observations.append(parsed)
            continue
        if not "".join(row).strip():
            continue
        target_id = row[0] if reader.plan.target(row[0]) else None
        problems.extend(
            Problem(path, f"row {line}, column {column} = {value!r}: {why}", line, target_id)
            for column, value, why in parsed
        )
    if problems:
        raise InvalidDataError(problems)
    return observations


def read_report(path: Path) -> str:
    """The report text a plan is built from (UTF-8)."""
    return _read_text(path, MAX_PLAN_BYTES)


def load_progress(loaded: LoadedPlan) -> list[Observation]:
    """The plan's observations; a missing progress.csv simply means none yet."""
    path = loaded.progress_path
    if not path.exists():
        return []
    text = _read_text(path, 1 << 30)
    with bulk():
        return parse_progress(text, path, loaded.plan)


def init_copy(destination: Path) -> list[Path]:
    """Write an editable copy of the bundled plan, its schema, progress file and report."""
    source = bundled_dir()
    files = [PLAN_FILENAME, SCHEMA_FILENAME, PROGRESS_FILENAME]
    loaded = load_plan(source / PLAN_FILENAME, bundled=True)
    files.append(loaded.plan.source)
    existing = [destination / name for name in files if (destination / name).exists()]
    if existing:
        raise FileExistsRefusal(
            f"{', '.join(map(str, existing))} {'exists' if len(existing) == 1 else 'exist'} "
            "already; "
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


LOCK_TIMEOUT_SECONDS = 60
_TEMP_GLOB = ".{name}.*.tmp"


def refuse_bundled(loaded: LoadedPlan) -> None:
    """Figures are never written into the installed package."""
    if loaded.bundled:
        raise TargetsError(
            "the bundled Gongshu 2025 plan is read-only: run `targets init DIR` for an "
            "editable copy, then pass -f DIR/targets.yaml (or cd DIR)"
        )


@contextmanager
def progress_lock(loaded: LoadedPlan) -> Iterator[None]:
    """Serialise writers of one progress.csv (a lock file beside it)."""
    from filelock import FileLock, Timeout  # imported here: only writers pay for it

    path = loaded.progress_path
    lock = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_SECONDS)
    try:
        with lock:
            yield
    except Timeout:
        raise TargetsError(
            f"{path} is locked by another writer for over {LOCK_TIMEOUT_SECONDS} s"
        ) from None


def format_value(value: float) -> str:
    """The shortest text that reads back as the same float: 20000, 4.6, 226.1."""
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


class _IsoTexts(dict[date | datetime, str]):
    """Each date or time's ISO text, made once: a file holds few distinct ones."""

    def __missing__(self, key: date | datetime) -> str:
        text = self[key] = key.isoformat()
        return text


def progress_text(observations: Iterable[Observation]) -> str:
    """progress.csv's content: sorted by id, date and time recorded, so diffs stay exact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(PROGRESS_COLUMNS)
    iso = _IsoTexts()
    writer.writerows(
        (o.id, iso[o.as_of], format_value(o.value), o.source, o.note, iso[o.recorded_at])
        for o in sorted(observations, key=attrgetter("id", "as_of", "recorded_at"))
    )
    return buffer.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` whole or not at all: temp file, fsync, rename; keeps its mode."""
    if path.is_symlink():
        path = path.resolve()  # write the file the link points to; keep the link
    if path.exists() and not path.is_file():
        raise TargetsError(f"cannot write {path}: not a regular file")
    for stale in path.parent.glob(_TEMP_GLOB.format(name=path.name)):
        stale.unlink(missing_ok=True)  # left by a writer that was killed; we hold the lock
    try:
        mode = path.stat().st_mode & 0o7777 if path.exists() else _new_file_mode()
        handle = tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
        )
    except OSError as exc:
        raise TargetsError(f"cannot write {path}: {exc.strerror}") from None
    temp = Path(handle.name)
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise TargetsError(f"cannot write {path}: {exc.strerror}; it was left as it was") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def append_text(path: Path, text: str) -> None:
    """Add to a file another program keeps (a CI job summary); a failure is our error."""
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise TargetsError(f"cannot append to {path}: {exc.strerror}") from None


def _new_file_mode() -> int:
    """What open() would give a new file: 0o666 less the umask (a temp file gets 0o600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not every platform can open a folder; the rename is done either way
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_progress(loaded: LoadedPlan, observations: Iterable[Observation]) -> None:
    refuse_bundled(loaded)
    with bulk():
        text = progress_text(observations)
    write_atomic(loaded.progress_path, text.encode("utf-8"))

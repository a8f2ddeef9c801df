"""Hostile and broken input: refused with our own errors (exit 3), in bounded memory;
writes that fail (disk full, no permission, Ctrl-C) leave the old file whole."""

from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SMALL_PLAN, SMALL_PROGRESS, interruptible, kept
from gongshu_targets.core import figures, scoring, store
from gongshu_targets.core.models import LARGEST
from gongshu_targets.errors import ExitCode, InvalidDataError, TargetsError

MEMORY_LIMIT = 1 << 30  # 1 GiB of address space for the whole `targets` process


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def validate(plan: Path) -> subprocess.CompletedProcess[str]:
    """`targets validate` in its own process with 1 GiB of memory: a blow-up cannot pass."""
    return subprocess.run(
        [sys.executable, "-m", "gongshu_targets", "validate", "-f", str(plan), "--lang", "en"],
        capture_output=True, text=True, timeout=120, preexec_fn=_limit_memory,
    )  # fmt: skip


def billion_laughs(levels: int = 12) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    names = [chr(ord("a") + i) for i in range(levels)]
    for prev, name in zip(names, names[1:], strict=False):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def with_target_field(old: str, new: str) -> str:
    assert old in SMALL_PLAN
    return SMALL_PLAN.replace(old, new, 1)


HOSTILE = {
    "alias bomb": (billion_laughs(), "aliases (*name) are not allowed"),
    "deep nesting": ("targets: " + "[" * 100 + "]" * 100 + "\n", "nested more than 32 levels"),
    "deeper nesting": ("targets: " + "[" * 5000 + "]" * 5000 + "\n", "maximum nesting depth"),
    "python tag": (
        with_target_field("    name_en: GDP growth\n",
                          "    name_en: !!python/object/apply:os.system ['touch pwned']\n"),
        "explicit YAML tag",
    ),
    "duplicate key": (
        with_target_field("    target: 5.5\n", "    target: 5.5\n    target: 9\n"),
        "duplicate key 'target'",
    ),
    "nan": (with_target_field("    target: 5.5\n", "    target: .nan\n"), "targets.0.target"),
    "inf": (with_target_field("    target: 5.5\n", "    target: .inf\n"), "targets.0.target"),
    "1e308": (with_target_field("    target: 5.5\n", "    target: 1e308\n"), "targets.0.target"),
    "negative count": (
        with_target_field("    target: 4\n", "    target: -4\n"), "cannot be negative"
    ),
    # A tag written out on a quoted scalar: the checks of plain numbers never see it.
    "tagged hex": (with_target_field("    target: 4\n", '    target: !!int "0x10"\n'),
                   "explicit YAML tag 'tag:yaml.org,2002:int' is not allowed"),
    "tagged float": (with_target_field("    target: 4\n", '    target: !!float "1_0"\n'),
                     "explicit YAML tag 'tag:yaml.org,2002:float' is not allowed"),
    # 5,000 hex digits make an int that Python will not print (it was exit 4).
    "huge hex": (with_target_field("    target: 4\n", "    target: 0x" + "f" * 5000 + "\n"),
                 "… (5,002 characters) is too long for a number"),
    "huge octal text": (
        with_target_field("    target: 4\n", "    target: 0o" + "7" * 5000 + "\n"),
        "7… (5,002 characters) as an octal number",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_hostile_yaml_is_refused_with_exit_3(tmp_path: Path, case: str):
    text, message = HOSTILE[case]
    plan = tmp_path / "targets.yaml"
    plan.write_text(text, encoding="utf-8")
    result = validate(plan)
    assert result.returncode == 3, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "pwned").exists()


def test_a_50_mb_plan_is_refused_before_it_is_parsed(tmp_path: Path):
    plan = tmp_path / "targets.yaml"
    with plan.open("w", encoding="utf-8") as handle:
        handle.write("notes: |\n")
        line = "  " + "x" * 1022 + "\n"
        for _ in range(50 * 1024):
            handle.write(line)
    result = validate(plan)
    assert result.returncode == 3
    assert "larger than 32 MiB" in result.stderr


def test_a_terabyte_plan_is_refused_from_its_size_without_reading_it(tmp_path: Path):
    plan = tmp_path / "targets.yaml"
    with plan.open("wb") as handle:
        handle.truncate(1 << 40)  # sparse: reading it would take hours
    started = time.monotonic()
    result = validate(plan)
    assert (result.returncode, result.stderr.count("\n")) == (3, 2), result.stderr
    assert "file is larger than 32 MiB" in result.stderr
    assert time.monotonic() - started < 60  # a hang guard, not a timing measure


def test_a_flow_list_of_too_many_values_is_refused_before_it_is_built(tmp_path: Path):
    """The 28 MiB list of numbers that took libyaml 8 GB to build: one value over the
    limit is refused, in a process with 1 GiB, naming the line where it was crossed."""
    plan = tmp_path / "targets.yaml"
    over = store.plan.MAX_PLAN_NODES - 2  # with the root mapping, its key and the list
    plan.write_text("id: x\ntargets: [" + "1," * over + "]\n", encoding="utf-8")
    result = validate(plan)
    assert result.returncode == 3, result.stderr
    assert f"targets.yaml:2: more than {store.plan.MAX_PLAN_NODES:,} values" in result.stderr
    assert "Traceback" not in result.stderr


def _nodes(node: object) -> int:
    """The nodes of a composed YAML tree, counted by walking it."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        return 1 + sum(_nodes(k) + _nodes(v) for k, v in node.value)
    if isinstance(node, yaml.SequenceNode):
        return 1 + sum(_nodes(item) for item in node.value)
    return 1


def test_the_node_limit_counts_every_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import yaml

    text = SMALL_PLAN
    nodes = _nodes(yaml.compose(text, Loader=yaml.SafeLoader))
    plan = tmp_path / "targets.yaml"
    plan.write_text(text, encoding="utf-8")
    monkeypatch.setattr(store.plan, "MAX_PLAN_NODES", nodes)
    assert store.load_plan(plan).plan.targets  # exactly at the limit: read
    monkeypatch.setattr(store.plan, "MAX_PLAN_NODES", nodes - 1)
    with pytest.raises(InvalidDataError) as caught:
        store.load_plan(plan)
    (problem,) = caught.value.problems
    assert str(problem.message).startswith(f"more than {nodes - 1:,} values (YAML nodes)")


def _target_entry(i: int) -> str:
    return (f"  - id: t-{i}\n    section: （{i % 7 + 1}）第{i % 7 + 1}部分\n    name: 目标{i}\n"
            f"    name_en: Target {i}\n    quote: 目标{i}达到120家以上\n    target: 120\n"
            "    unit: '家'\n    comparator: at_least\n    pace: cumulative\n")  # fmt: skip


def test_a_plan_of_100000_targets_is_under_the_node_limit_at_a_glance():
    text = "id: big\ntargets:\n" + "".join(_target_entry(i) for i in range(100_000))
    assert len(text.encode()) < store.plan.MAX_PLAN_BYTES
    marks = sum(map(text.count, store.plan._VALUE_MARKS))
    assert 1 + 2 * marks <= store.plan.MAX_PLAN_NODES  # let through without a parse
    store.plan.refuse_too_many_nodes(text, Path("targets.yaml"))


YAML_DATA = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=3), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(data=YAML_DATA, flow=st.sampled_from([True, False, None]))
def test_value_marks_bound_the_nodes_of_any_document(data: object, flow: bool | None):
    """The glance that lets a text through without parsing it must never undercount: every
    value but the first follows a mark that starts at most two."""
    import yaml

    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    nodes = _nodes(yaml.compose(text, Loader=yaml.SafeLoader))
    assert nodes <= 1 + 2 * sum(map(text.count, store.plan._VALUE_MARKS))


def test_non_utf8_bytes_are_refused(tmp_path: Path):
    plan = tmp_path / "targets.yaml"
    plan.write_bytes(SMALL_PLAN.encode("gb18030"))
    result = validate(plan)
    assert result.returncode == 3
    assert "not valid UTF-8" in result.stderr


# --- fuzzing: any text reaches only our own errors -------------------------------------

yaml_like = st.lists(
    st.sampled_from(
        [
            *"abc:-[]{}&*!|>'\"#%@`\n\t ,.0123456789é中",
            "id",
            "targets",
            "  - ",
            "2025-13-01",
            "2025-02-30",
            "2025-01-01 25:00:00",
            "1e400",
            "!!str",
        ]
    ),
    max_size=120,
).map("".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(yaml_like, st.text(max_size=200)))
def test_any_yaml_text_gives_a_plan_or_our_error(tmp_path_factory, text: str):
    plan = tmp_path_factory.mktemp("fuzz") / "targets.yaml"
    plan.write_text(text, encoding="utf-8")
    try:
        store.load_plan(plan)
    except InvalidDataError as exc:
        assert exc.problems and all(p.file == plan for p in exc.problems)


def _plan(tmp_path: Path) -> store.LoadedPlan:
    (tmp_path / "targets.yaml").write_text(SMALL_PLAN, encoding="utf-8")
    return store.load_plan(tmp_path / "targets.yaml")


csv_like = st.lists(
    st.sampled_from([*',"\n\r\t;-.0123456789Q/年月日万亿%x ', "gdp-growth", "2025-06-30",
                     "young-graduates"]),
    max_size=150,
).map("".join)  # fmt: skip


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(csv_like, st.text(max_size=300)))
def test_any_csv_text_gives_figures_or_our_error(tmp_path_factory, text: str):
    folder = tmp_path_factory.mktemp("fuzz")
    loaded = _plan(folder)
    path = folder / "progress.csv"
    plan, period = loaded.plan, loaded.plan.period
    try:
        read = store.parse_progress("id,as_of,value,source,note,recorded_at\n" + text, path, plan)
    except InvalidDataError as exc:
        assert exc.problems and all(p.file == path for p in exc.problems)
    else:  # whatever was read is a figure of a target of the plan, in its period
        for o in read:
            assert plan.target(o.id) is not None and period.start <= o.as_of <= period.end
            assert abs(o.value) <= LARGEST
    table_path = folder / "sheet.csv"
    try:
        table = figures.read_csv_text("id,as_of,value,note\n" + text, table_path)
        rows = figures.validate_rows(table, plan, store_time())
    except InvalidDataError as exc:
        assert exc.problems and all(p.file == table_path for p in exc.problems)
    except TargetsError as exc:
        assert str(exc).startswith(f"{table_path}")
    else:  # each figure comes from a row of the sheet that held it
        numbers = {number for number, _ in table.rows}
        for number, o in kept(rows):
            assert number in numbers and plan.target(o.id) is not None
            assert period.start <= o.as_of <= period.end and abs(o.value) <= LARGEST


def store_time():
    from datetime import UTC, datetime

    return datetime(2025, 7, 1, tzinfo=UTC)


# --- failing writes -------------------------------------------------------------------


@pytest.fixture
def plan_folder(tmp_path: Path) -> Path:
    (tmp_path / "targets.yaml").write_text(SMALL_PLAN, encoding="utf-8")
    (tmp_path / "progress.csv").write_text(SMALL_PROGRESS, encoding="utf-8")
    (tmp_path / "q.csv").write_text("id,as_of,value\ngdp-growth,2025-06-30,5.1\n", "utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("err", "words"),
    [(errno.ENOSPC, "No space left on device"), (errno.EROFS, "Read-only file system"),
     (errno.EACCES, "Permission denied")],
)  # fmt: skip
@pytest.mark.usefixtures("english")
def test_a_failing_write_leaves_the_old_file_whole(
    plan_folder: Path, monkeypatch: pytest.MonkeyPatch, err: int, words: str
):
    from typer.testing import CliRunner

    from gongshu_targets import cli

    progress = plan_folder / "progress.csv"
    before = progress.read_bytes()
    real_write = os.write

    def failing_fsync(fd: int) -> None:
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(os, "fsync", failing_fsync)
    result = CliRunner().invoke(
        cli.app, ["import", str(plan_folder / "q.csv"), "-f", str(plan_folder / "targets.yaml")]
    )
    assert result.exit_code == 3
    assert f"cannot write {progress}: {words}; it was left as it was" in result.stderr
    assert progress.read_bytes() == before
    assert not list(plan_folder.glob(".progress.csv.*.tmp"))
    assert real_write is os.write


def test_ctrl_c_during_an_import_exits_130_and_writes_nothing_partial(tmp_path: Path):
    subprocess.run([sys.executable, "-m", "gongshu_targets", "init", str(tmp_path)],
                   check=True, capture_output=True)  # fmt: skip
    plan = tmp_path / "targets.yaml"
    ids = [t.id for t in store.load_plan(plan).plan.targets if t.pace == "cumulative"]
    sheet = tmp_path / "big.csv"
    rows = [
        f"{i},2025-{m:02d}-{d:02d},{d}" for i in ids for m in range(1, 13) for d in range(1, 29)
    ]
    # Each row five times (identical repeats are allowed): a few seconds of checking.
    sheet.write_text("id,as_of,value\n" + "\n".join(rows * 5) + "\n", encoding="utf-8")
    progress = tmp_path / "progress.csv"
    before = progress.read_bytes()
    command = [sys.executable, "-m", "gongshu_targets", "import", str(sheet), "-f", str(plan),
               "--accept-implausible"]  # fmt: skip
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)  # how long a whole import takes
    duration = time.perf_counter() - started
    progress.write_bytes(before)
    # The command as `python -m gongshu_targets` runs it, saying when start-up is over, so
    # that the signal is sure to reach the command's own handler, not Python's start-up.
    ready = (
        "import sys; from gongshu_targets.cli import app; "
        "print('ready', file=sys.stderr, flush=True); app(prog_name='targets')"
    )
    # On a loaded machine an import may finish before the signal lands: that try proves
    # nothing, so its write is undone and the next try signals earlier.
    for fraction in (0.3, 0.2, 0.1, 0.05, 0.02, 0.01):
        proc = subprocess.Popen(
            [sys.executable, "-c", ready, *command[3:]],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            preexec_fn=interruptible,
        )
        assert proc.stderr is not None and proc.stderr.readline() == b"ready\n"
        time.sleep(duration * fraction)  # inside the import's checking of rows
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        if proc.returncode != 0:
            break
        progress.write_bytes(before)
    assert proc.returncode == ExitCode.INTERRUPTED, err.decode()  # the handler's 130
    assert "Traceback" not in err.decode()
    assert progress.read_bytes() == before
    assert not list(tmp_path.glob(".progress.csv.*.tmp"))


# --- inputs an independent review found ending in exit 4 ------------------------------


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("  start: 2025-01-01\n", "  start: 2025-13-01\n", "'2025-13-01' cannot be read"),
        ("    name_en: GDP growth\n", "    name_en: GDP growth\n    notes: 2025-01-01 25:00:00\n",
         "cannot be read"),
    ],
)  # fmt: skip
def test_an_impossible_date_in_the_plan_is_invalid_data(tmp_path: Path, old, new, words):
    plan = tmp_path / "targets.yaml"
    plan.write_text(SMALL_PLAN.replace(old, new, 1), encoding="utf-8")
    result = validate(plan)
    assert result.returncode == 3, result.stderr
    assert words in result.stderr


def test_times_with_and_without_a_zone_mix(plan_folder: Path):
    progress = plan_folder / "progress.csv"
    progress.write_text(
        SMALL_PROGRESS
        + "gdp-growth,2025-06-30,5.0,,,2025-07-01T00:00:00\n"
        + "gdp-growth,2025-06-30,5.2,,,2025-08-01T00:00:00+08:00\n",
        encoding="utf-8",
    )
    result = validate(plan_folder / "targets.yaml")
    assert result.returncode == 0, result.stderr
    # Midnight of 1 August in +08:00 (16:00 UTC on 31 July) is after midnight UTC on 1 July,
    # the time without a zone: the 5.2 revision counts.
    loaded = store.load_plan(plan_folder / "targets.yaml")
    june = [o for o in scoring.resolve_revisions(store.load_progress(loaded)) if o.id ==
            "gdp-growth" and str(o.as_of) == "2025-06-30"]  # fmt: skip
    assert [o.value for o in june] == [5.2]


def _import(plan_folder: Path, sheet: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gongshu_targets", "import", str(sheet),
         "-f", str(plan_folder / "targets.yaml")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.mark.usefixtures("english")
def test_a_damaged_or_renamed_workbook_is_refused(plan_folder: Path):
    renamed = plan_folder / "old.xlsx"
    renamed.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8)  # an .xls
    result = _import(plan_folder, renamed)
    assert result.returncode == 3, result.stderr
    assert "not a readable .xlsx workbook" in result.stderr


@pytest.mark.usefixtures("english")
def test_a_folder_named_like_a_csv_is_refused(plan_folder: Path):
    (plan_folder / "d.csv").mkdir()
    result = _import(plan_folder, plan_folder / "d.csv")
    assert result.returncode == 3
    assert "d.csv: is a folder, not a regular file" in result.stderr


@pytest.mark.usefixtures("english")
def test_an_unwritable_job_summary_is_our_error(plan_folder: Path):
    result = subprocess.run(
        [sys.executable, "-m", "gongshu_targets", "check", "--format", "github",
         "-f", str(plan_folder / "targets.yaml")],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "GITHUB_STEP_SUMMARY": str(plan_folder / "no" / "such" / "file")},
    )  # fmt: skip
    assert result.returncode == 3
    assert "cannot append to" in result.stderr


def test_a_write_through_a_symlink_keeps_the_link(plan_folder: Path):
    real = plan_folder / "real.csv"
    real.write_text("old", encoding="utf-8")
    link = plan_folder / "link.csv"
    link.symlink_to(real)
    subprocess.run(
        [sys.executable, "-m", "gongshu_targets", "export", "--lang", "en", "-o", str(link),
         "-f", str(plan_folder / "targets.yaml")],
        check=True, capture_output=True,
    )  # fmt: skip
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8-sig").startswith("id,as_of,value")


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("update", "gdp-growth", "5", "--as-of", "2024-12-31"), 2, "不在计划期"),
        (("update", "young-graduates", "--as-of", "2025-06-30", "--", "-5"), 3,
         "不能为负数"),
        (("update", "gdp-growth", "1e400", "--as-of", "2025-06-30"), 3, "数值过大"),
        (("check", "-o", "out.pdf"), 2, "无法从 'out.pdf' 判断格式"),
    ],
)  # fmt: skip
def test_option_mistakes(plan_folder: Path, monkeypatch, args, code, words):
    monkeypatch.chdir(plan_folder)
    result = subprocess.run(
        [sys.executable, "-m", "gongshu_targets", *args, "-f", "targets.yaml"]
        if "--" not in args
        else [sys.executable, "-m", "gongshu_targets", *args[:-2], "-f", "targets.yaml",
              *args[-2:]],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == code, result.stderr
    assert words in " ".join(result.stderr.split()).replace("│", "")


def test_stale_gate_with_no_figures_at_all_fails(plan_folder: Path):
    (plan_folder / "progress.csv").write_text("id,as_of,value,source,note,recorded_at\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "gongshu_targets", "check", "--lang", "en", "--fail-on", "stale",
         "--max-age", "30", "-f", str(plan_folder / "targets.yaml")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stdout.startswith(
        "FAIL 4 targets have no figure yet: gdp-growth, income-growth, young-graduates, "
        "platform-rd\n"
    )

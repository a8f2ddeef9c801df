"""Writes that never lose data: concurrent writers all land, a killed import leaves old or new."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import interruptible
from gongshu_targets.core import store
from gongshu_targets.errors import ExitCode

TARGETS = [
    "first-stores", "rd-spending", "top-talents", "young-graduates", "golden-seed-firms",
    "parking-spaces", "underground-space", "key-projects-started",
]  # fmt: skip


def targets_cmd(*args: str) -> list[str]:
    """A command; figures may be of any size, since these tests are about the lock and
    the writes, not about whether a figure is plausible for its target."""
    accept = ["--accept-implausible"] if args[0] in ("update", "import") else []
    return [sys.executable, "-m", "gongshu_targets", *args, *accept]


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    subprocess.run(targets_cmd("init", str(tmp_path)), check=True, capture_output=True)
    return tmp_path / "targets.yaml"


def test_eight_concurrent_updates_all_land(copy: Path):
    procs = [
        subprocess.Popen(
            targets_cmd("update", target, str(10 + i), "--as-of", "2025-06-30", "-f", str(copy)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i, target in enumerate(TARGETS)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    landed = {
        o.id: o.value
        for o in store.load_progress(store.load_plan(copy))
        if o.as_of == date(2025, 6, 30)
    }
    assert landed == {target: 10 + i for i, target in enumerate(TARGETS)}


def test_two_imports_at_once_both_land(copy: Path, tmp_path: Path):
    sheets = []
    for n, day in enumerate(("2025-06-30", "2025-09-30")):
        sheet = tmp_path / f"q{n}.csv"
        sheet.write_text(
            "id,as_of,value\n" + "".join(f"{t},{day},{10 * (n + 1)}\n" for t in TARGETS),
            encoding="utf-8",
        )
        sheets.append(sheet)
    procs = [
        subprocess.Popen(targets_cmd("import", str(s), "-f", str(copy)), stderr=subprocess.PIPE)
        for s in sheets
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    figures = {(o.id, str(o.as_of)): o.value for o in store.load_progress(store.load_plan(copy))}
    for target in TARGETS:
        assert figures[(target, "2025-06-30")] == 10
        assert figures[(target, "2025-09-30")] == 20


def _big_import(folder: Path, plan: Path) -> Path:
    """Every cumulative target on many days: thousands of rows to import."""
    loaded = store.load_plan(plan)
    ids = [t.id for t in loaded.plan.targets if t.pace == "cumulative"]
    lines = ["id,as_of,value"]
    for day in range(0, 360, 3):
        as_of = date(2025, 1, 1) + timedelta(days=day)
        lines.extend(f"{target},{as_of},{day + 1}" for target in ids)
    path = folder / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _figures(data: bytes) -> list[str]:
    """progress.csv without the recorded_at column, which differs between runs."""
    return [line.rsplit(",", 1)[0] for line in data.decode("utf-8").splitlines()]


def test_an_import_killed_at_any_point_leaves_old_or_new_data(copy: Path, tmp_path: Path):
    """kill -9 at random points across 50 imports: the file is always old or new."""
    sheet = _big_import(tmp_path, copy)
    progress = copy.with_name("progress.csv")
    old = progress.read_bytes()
    started = time.perf_counter()
    subprocess.run(targets_cmd("import", str(sheet), "-f", str(copy)), check=True,
                   capture_output=True)  # fmt: skip
    duration = time.perf_counter() - started
    new = _figures(progress.read_bytes())
    assert new != _figures(old)
    rng = random.Random(2025)
    for _ in range(50):
        progress.write_bytes(old)
        proc = subprocess.Popen(
            targets_cmd("import", str(sheet), "-f", str(copy)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.0, duration * 1.1))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        after = progress.read_bytes()
        assert after == old or _figures(after) == new
        store.load_progress(store.load_plan(copy))  # always loads
    # Whatever the kills left behind, the next write tidies it and succeeds.
    progress.write_bytes(old)
    subprocess.run(targets_cmd("import", str(sheet), "-f", str(copy)), check=True,
                   capture_output=True)  # fmt: skip
    assert _figures(progress.read_bytes()) == new
    assert not list(copy.parent.glob(".progress.csv.*.tmp"))


def stop_mid_write(proc: subprocess.Popen[bytes], folder: Path) -> bool:
    """Watch ``proc`` until it writes progress.csv's temporary copy, and stop it there
    (SIGSTOP). True if it is stopped with the copy still unrenamed: mid-write, for sure;
    False if it finished first."""
    while proc.poll() is None:
        if list(folder.glob(TEMP)):
            os.kill(proc.pid, signal.SIGSTOP)
            if list(folder.glob(TEMP)):
                return True
            os.kill(proc.pid, signal.SIGCONT)
    return False


TEMP = ".progress.csv.*.tmp"
TRIES = 30  # a write takes milliseconds: a few tries catch one


def test_an_import_killed_mid_write_leaves_the_old_file(copy: Path, tmp_path: Path):
    sheet = _big_import(tmp_path, copy)
    progress = copy.with_name("progress.csv")
    old = progress.read_bytes()
    for _ in range(TRIES):
        proc = subprocess.Popen(
            targets_cmd("import", str(sheet), "-f", str(copy)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        caught = stop_mid_write(proc, copy.parent)
        proc.kill()  # a no-op if the import finished first (poll reaped it)
        proc.wait()
        if caught:
            break
        progress.write_bytes(old)
    assert caught, f"no kill landed mid-write in {TRIES} imports"
    assert proc.returncode == -signal.SIGKILL
    assert progress.read_bytes() == old  # the rename never came
    assert len(list(copy.parent.glob(TEMP))) == 1  # the half-written copy, left behind
    subprocess.run(targets_cmd("import", str(sheet), "-f", str(copy)), check=True,
                   capture_output=True)  # fmt: skip
    assert progress.read_bytes() != old
    assert not list(copy.parent.glob(TEMP))  # the next writer tidied it


def test_ctrl_c_mid_write_exits_130_and_leaves_the_old_file(copy: Path, tmp_path: Path):
    sheet = _big_import(tmp_path, copy)
    progress = copy.with_name("progress.csv")
    old = progress.read_bytes()
    for _ in range(TRIES):
        proc = subprocess.Popen(
            targets_cmd("import", str(sheet), "-f", str(copy)),
            stderr=subprocess.PIPE,
            preexec_fn=interruptible,
        )
        caught = stop_mid_write(proc, copy.parent)
        if caught:
            os.kill(proc.pid, signal.SIGINT)
            os.kill(proc.pid, signal.SIGCONT)
        _, err = proc.communicate(timeout=60)
        if caught:
            break
        progress.write_bytes(old)
    assert caught, f"no Ctrl-C landed mid-write in {TRIES} imports"
    assert proc.returncode == ExitCode.INTERRUPTED, err.decode()
    assert "Traceback" not in err.decode()
    assert progress.read_bytes() == old
    # The copy is removed on the way out, unless Ctrl-C lands inside the standard library's
    # own creation of it (a few microseconds): then the next writer tidies it.
    subprocess.run(targets_cmd("import", str(sheet), "-f", str(copy)), check=True,
                   capture_output=True)  # fmt: skip
    assert progress.read_bytes() != old
    assert not list(copy.parent.glob(TEMP))

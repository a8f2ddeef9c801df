"""Our own files are never collateral, and only regular files are read: -o never replaces
the plan's files, temp files are ours by exact name, init is all or nothing, a missing or
odd file is exit 3 with its path, and `source` stays in the plan's folder."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SMALL_PLAN
from gongshu_targets import cli
from gongshu_targets.core import store

runner = CliRunner()


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the commands' English words: TARGETS_LANG=en, unless --lang says."""
    monkeypatch.setenv("TARGETS_LANG", "en")


def run(*args: str):
    return runner.invoke(cli.app, list(args))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize(
    ("command", "target", "what"),
    [
        (["report", "--format", "csv"], "progress.csv", "progress file"),
        (["check", "--format", "text"], "targets.yaml", "plan"),
        (["export", "--format", "csv"], "progress.csv", "progress file"),
        (["template"], "progress.csv", "progress file"),
        (["report", "--format", "md"], "report.txt", "report text"),
        (["export", "--format", "json"], "progress.csv.lock", "progress file's lock"),
        (["export"], "targets.schema.json", "plan's schema"),
    ],
)
def test_an_output_onto_the_plans_own_files_is_refused(
    plan_dir: Path, command: list[str], target: str, what: str
):
    (plan_dir / "report.txt").write_text("报告\n", encoding="utf-8")
    (plan_dir / "progress.csv.lock").write_bytes(b"")
    (plan_dir / "targets.schema.json").write_text("{}\n", encoding="utf-8")
    before = snapshot(plan_dir)
    result = run(*command, "-f", str(plan_dir / "targets.yaml"), "-o", str(plan_dir / target))
    assert result.exit_code == 2, result.output
    assert f"is the {what} (" in result.stderr
    assert "nothing was written" in result.stderr
    assert snapshot(plan_dir) == before


@pytest.mark.parametrize(
    ("target", "what"),
    [
        ("progress.csv", "progress file"),
        ("progress.csv.lock", "progress file's lock"),
        ("targets.yaml", "plan"),
        ("targets.schema.json", "plan's schema"),
    ],
)
def test_a_draft_never_replaces_the_plans_files(plan_dir: Path, target: str, what: str):
    (plan_dir / "report.txt").write_text("今年新增就业2万人。\n", encoding="utf-8")
    (plan_dir / "progress.csv.lock").write_bytes(b"")
    (plan_dir / "targets.schema.json").write_text("{}\n", encoding="utf-8")
    before = snapshot(plan_dir)
    result = run("draft", str(plan_dir / "report.txt"), "-f", str(plan_dir / "targets.yaml"),
                 "-o", str(plan_dir / target))  # fmt: skip
    assert result.exit_code == 2, result.output
    assert f"is the {what} (" in result.stderr
    assert snapshot(plan_dir) == before


@pytest.mark.parametrize("target", ["targets.yaml", "progress.csv", "progress.csv.lock"])
def test_an_output_into_another_plans_folder_spares_its_files(
    plan_dir: Path, tmp_path: Path, target: str
):
    other = tmp_path / "other"
    other.mkdir()
    (other / "targets.yaml").write_text("not loaded: only its name counts\n", encoding="utf-8")
    (other / "progress.csv").write_text("id,date,value\n", encoding="utf-8")
    (other / "progress.csv.lock").write_bytes(b"")
    before = snapshot(other)
    for command in (["export", "--format", "csv"], ["report", "--format", "md"]):
        result = run(*command, "-f", str(plan_dir / "targets.yaml"), "-o", str(other / target))
        assert result.exit_code == 2, result.output
        assert "nothing was written" in result.stderr
    result = run("draft", str(plan_dir / "targets.yaml"), "-o", str(other / target))
    assert result.exit_code == 2, result.output
    assert snapshot(other) == before


def test_an_output_beside_no_plan_is_written(plan_dir: Path, tmp_path: Path):
    out = tmp_path / "elsewhere" / "progress.csv"  # a name like ours, in no plan's folder
    out.parent.mkdir()
    result = run("export", "--lang", "en", "-f", str(plan_dir / "targets.yaml"), "--format", "csv",
                 "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbfid,")


def test_an_alias_of_the_plans_file_is_refused_too(plan_dir: Path):
    (plan_dir / "sub").mkdir()
    (plan_dir / "link.csv").symlink_to(plan_dir / "progress.csv")
    os.link(plan_dir / "progress.csv", plan_dir / "hard.csv")
    before = snapshot(plan_dir)
    plan = str(plan_dir / "targets.yaml")
    for alias in ("sub/../progress.csv", "link.csv", "hard.csv"):
        result = run("export", "-f", plan, "--format", "csv", "-o", str(plan_dir / alias))
        assert result.exit_code == 2, (alias, result.output)
    assert snapshot(plan_dir) == before


def test_another_writers_temp_file_is_left_alone(tmp_path: Path):
    out = tmp_path / "out.csv"
    theirs = tmp_path / ".out.csv.k3j2h1g0.tmp"  # another process mid-write
    theirs.write_bytes(b"half")
    unrelated = tmp_path / ".notes.txt.abc.tmp"
    unrelated.write_bytes(b"keep")
    store.write_atomic(out, b"new")
    assert out.read_bytes() == b"new"
    assert theirs.read_bytes() == b"half" and unrelated.read_bytes() == b"keep"


def test_a_glob_in_the_output_name_matches_nothing(plan_dir: Path):
    bystander = plan_dir / ".other.csv.x1.tmp"
    bystander.write_bytes(b"someone else's")
    result = run("export", "--lang", "en", "-f", str(plan_dir / "targets.yaml"), "--format", "csv",
                 "-o", str(plan_dir / "*"))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert bystander.read_bytes() == b"someone else's"
    assert (plan_dir / "*").read_bytes().startswith(b"\xef\xbb\xbfid,")


def test_two_writers_of_one_output_both_succeed(plan_dir: Path):
    out = plan_dir / "figures.csv"
    command = [sys.executable, "-m", "gongshu_targets", "export", "--lang", "en", "-f",
               str(plan_dir / "targets.yaml"), "-o", str(out)]  # fmt: skip
    for _ in range(4):
        procs = [subprocess.Popen(command, stderr=subprocess.PIPE) for _ in range(3)]
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err.decode()
    assert out.read_bytes().startswith(b"\xef\xbb\xbfid,")
    assert not [p for p in plan_dir.iterdir() if p.name.endswith(".tmp")]


def test_init_into_a_blocked_folder_writes_nothing(tmp_path: Path):
    (tmp_path / "reports").write_text("a file where the folder should go")
    result = run("init", str(tmp_path))
    assert result.exit_code == 3
    assert "nothing was written" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]


def test_init_into_a_new_folder_that_fails_leaves_no_folder(tmp_path: Path):
    target = tmp_path / "new"
    (tmp_path / "new").mkdir()
    (target / "reports").mkdir()
    (target / "reports" / "gongshu-2025.txt").mkdir()  # the report's name is taken
    result = run("init", str(target))
    assert result.exit_code == 3
    assert sorted(p.name for p in target.iterdir()) == ["reports"]


# -- only regular files; missing means missing --------------------------------------------


def test_a_dangling_progress_link_is_an_error_not_no_figures(plan_dir: Path):
    progress = plan_dir / "progress.csv"
    progress.unlink()
    progress.symlink_to("/mnt/unmounted/progress.csv")
    for command in (["validate"], ["check"], ["status", "--format", "json"]):
        result = run(*command, "-f", str(plan_dir / "targets.yaml"))
        assert result.exit_code == 3, (command, result.output)
        assert f"{progress}: is a link to /mnt/unmounted/progress.csv, which does not exist" in (
            result.stderr
        )


def test_a_self_looping_link_is_an_error(plan_dir: Path):
    progress = plan_dir / "progress.csv"
    progress.unlink()
    progress.symlink_to(progress)
    result = run("validate", "-f", str(plan_dir / "targets.yaml"))
    assert result.exit_code == 3
    assert "Too many levels of symbolic links" in result.stderr


@pytest.mark.parametrize("kind", ["link to nothing", "folder", "pipe"])
def test_a_plan_here_that_is_no_file_is_an_error_not_the_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
):
    plan = tmp_path / "targets.yaml"
    if kind == "link to nothing":
        plan.symlink_to("/mnt/unmounted/targets.yaml")
    elif kind == "folder":
        plan.mkdir()
    else:
        os.mkfifo(plan)
    monkeypatch.chdir(tmp_path)
    for command in (["status"], ["show", "gdp-growth"], ["check"]):
        result = run(*command)
        assert result.exit_code == 3, (command, result.output)
        assert f"{plan}: is a" in result.stderr and "bundled example" not in result.stderr


def test_no_progress_file_at_all_means_no_figures_yet(plan_dir: Path):
    (plan_dir / "progress.csv").unlink()
    result = run("validate", "-f", str(plan_dir / "targets.yaml"))
    assert result.exit_code == 0
    assert "0 observations" in result.stdout


def targets(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gongshu_targets", *args],
                          capture_output=True, text=True, timeout=60)  # fmt: skip


@pytest.mark.parametrize("which", ["plan", "progress", "sheet"])
def test_a_fifo_is_refused_at_once(plan_dir: Path, which: str):
    fifo = {"plan": plan_dir / "fifo.yaml", "progress": plan_dir / "progress.csv",
            "sheet": plan_dir / "fifo.csv"}[which]  # fmt: skip
    fifo.unlink(missing_ok=True)
    os.mkfifo(fifo)
    plan = fifo if which == "plan" else plan_dir / "targets.yaml"
    command = ["import", str(fifo)] if which == "sheet" else ["validate"]
    result = targets(*command, "-f", str(plan))
    assert result.returncode == 3, result.stderr
    assert f"{fifo}: is a pipe (FIFO), not a regular file" in result.stderr


def test_a_device_is_refused(plan_dir: Path):
    zero = plan_dir / "zero.csv"
    zero.symlink_to("/dev/zero")
    result = targets("import", str(zero), "-f", str(plan_dir / "targets.yaml"))
    assert result.returncode == 3
    assert "is a character device, not a regular file" in result.stderr


def test_a_plan_from_a_process_substitution_is_refused_with_a_reason(plan_dir: Path):
    result = subprocess.run(
        ["bash", "-c", f'{sys.executable} -m gongshu_targets validate -f <(cat "$1")', "_",
         str(plan_dir / "targets.yaml")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 3
    assert "is a pipe (FIFO), not a regular file" in result.stderr


def test_source_must_stay_in_the_plans_folder(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN=hunter2\n")
    folder = tmp_path / "plan"
    folder.mkdir()
    plan = folder / "targets.yaml"
    for source in ("../secret.txt", str(secret), "link.txt"):
        (folder / "link.txt").unlink(missing_ok=True)
        (folder / "link.txt").symlink_to(secret)
        plan.write_text(SMALL_PLAN.replace("source: report.txt", f"source: {source}"))
        result = run("coverage", "-f", str(plan))
        assert result.exit_code == 3, (source, result.output)
        assert "is outside the plan's folder" in result.stderr
        assert "hunter2" not in result.output


def test_a_lock_file_that_is_a_folder_or_a_link_is_refused(plan_dir: Path):
    lock = plan_dir / "progress.csv.lock"
    plan = str(plan_dir / "targets.yaml")
    for make in (lock.mkdir, lambda: lock.symlink_to(plan_dir / "targets.yaml")):
        make()
        before = snapshot(plan_dir)
        result = run("update", "gdp-growth", "5", "--as-of", "2025-09-30", "-f", plan)
        assert result.exit_code == 3, result.output
        assert "progress.csv.lock is not a plain file; remove it" in result.stderr
        assert snapshot(plan_dir) == before
        lock.rmdir() if lock.is_dir() and not lock.is_symlink() else lock.unlink()


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.EROFS, "Read-only file system"), (errno.EACCES, "Permission denied")],
)
def test_a_lock_that_cannot_be_made_is_exit_3_and_writes_nothing(
    plan_dir: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
):
    """A read-only folder or an unwritable lock file, which root (the tests' user) never
    meets: the OS call that makes the lock file is refused in-process instead."""
    real_open = os.open

    def refuse(path, flags, *args, **kwargs):
        if os.fspath(path).endswith(".lock"):
            raise OSError(code, os.strerror(code), os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    before = snapshot(plan_dir)
    result = run("update", "gdp-growth", "5", "--as-of", "2025-09-30",
                 "-f", str(plan_dir / "targets.yaml"))  # fmt: skip
    assert result.exit_code == 3, result.output
    assert f"cannot lock {plan_dir / 'progress.csv'} with " in result.stderr
    assert result.stderr.rstrip().endswith(f"progress.csv.lock: {words}")
    assert snapshot(plan_dir) == before

"""The store's file handling, in this process: what a user is told about a file that
cannot be read or written, that a pipe is refused without waiting for a writer, the mode a
new file gets, and that a failed or interrupted write leaves the old bytes and no temp file.
(test_files.py and test_safety.py drive the same code through the command line.)"""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest

from gongshu_targets.core import store
from gongshu_targets.core.store import files
from gongshu_targets.errors import InvalidDataError, TargetsError


def refusal(path: Path) -> str:
    with pytest.raises(InvalidDataError) as exc:
        store.load_plan(path)
    return "\n".join(str(p) for p in exc.value.problems)


def test_a_pipe_with_no_writer_is_refused_at_once(tmp_path: Path):
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    said: list[str] = []
    reader = threading.Thread(target=lambda: said.append(refusal(fifo)), daemon=True)
    reader.start()
    reader.join(20)
    if reader.is_alive():  # blocked waiting for a writer: give it one so the thread ends
        with open(fifo, "wb"):
            pass
        reader.join(20)
        pytest.fail("reading a pipe waited for a writer")
    assert said == [
        f"{fifo}: is a pipe (FIFO), not a regular file: only files are read (save it first)"
    ]


def test_a_folder_is_refused_by_kind(tmp_path: Path):
    assert refusal(tmp_path) == (
        f"{tmp_path}: is a folder, not a regular file: only files are read (save it first)"
    )
    with pytest.raises(InvalidDataError) as exc:
        store.require_regular(tmp_path)
    assert str(exc.value.problems[0]) == (
        f"{tmp_path}: is a folder, not a regular file: only files are read (save it first)"
    )


def test_a_file_that_cannot_be_looked_at_says_why(tmp_path: Path):
    long = tmp_path / ("x" * 300)
    for check in (store.require_regular, store.load_plan):
        with pytest.raises(InvalidDataError) as exc:
            check(long)
        assert [str(p) for p in exc.value.problems] == [f"{long}: cannot read: File name too long"]


def test_a_missing_file_and_a_link_to_nothing_are_told_apart(tmp_path: Path):
    missing = tmp_path / "gone.csv"
    with pytest.raises(InvalidDataError) as exc:
        store.require_regular(missing)
    assert str(exc.value.problems[0]) == f"{missing}: file not found"
    link = tmp_path / "link.csv"
    link.symlink_to(missing)
    with pytest.raises(InvalidDataError) as exc:
        store.require_regular(link)
    assert str(exc.value.problems[0]) == f"{link}: is a link to {missing}, which does not exist"


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux's /proc")
def test_a_read_that_fails_says_why():
    mem = Path("/proc/self/mem")  # a regular file whose first bytes cannot be read
    with pytest.raises(InvalidDataError) as exc:
        files.read_text(mem, 100)
    assert [str(p) for p in exc.value.problems] == [f"{mem}: cannot read: Input/output error"]


def test_a_file_over_the_limit_names_the_limit_in_mib(tmp_path: Path):
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * (3 * 2**20 + 1))
    with pytest.raises(InvalidDataError) as exc:
        files.read_text(big, 3 * 2**20)
    assert [str(p) for p in exc.value.problems] == [f"{big}: file is larger than 3 MiB"]
    big.write_bytes(b"x" * 3 * 2**20)
    assert files.read_text(big, 3 * 2**20) == "x" * 3 * 2**20


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_a_new_file_gets_the_mode_the_umask_allows(tmp_path: Path, umask_022: None):
    out = tmp_path / "out.csv"
    store.write_atomic(out, b"new")
    assert (out.read_bytes(), out.stat().st_mode & 0o7777) == (b"new", 0o644)
    assert os.umask(0o022) == 0o022  # the umask is left as it was


def test_a_replaced_file_keeps_its_mode_and_a_link_stays_a_link(tmp_path: Path):
    real = tmp_path / "real.csv"
    real.write_bytes(b"old")
    real.chmod(0o604)
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    store.write_atomic(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"
    assert real.stat().st_mode & 0o7777 == 0o604


def test_a_folder_in_the_way_is_not_written(tmp_path: Path):
    folder = tmp_path / "out.csv"
    folder.mkdir()
    with pytest.raises(TargetsError) as exc:
        store.write_atomic(folder, b"new")
    assert str(exc.value) == f"cannot write {folder}: not a regular file"


def test_a_file_in_a_missing_folder_is_not_written(tmp_path: Path):
    out = tmp_path / "no-such-folder" / "out.csv"
    with pytest.raises(TargetsError) as exc:
        store.write_atomic(out, b"new")
    assert str(exc.value) == f"cannot write {out}: No such file or directory"


def test_the_copy_is_written_beside_the_file_under_a_hidden_name(tmp_path: Path, monkeypatch):
    """So that the rename is atomic (one file system) and a killed writer's leftover is
    found and tidied by name."""
    out = tmp_path / "out.csv"
    out.write_bytes(b"old")
    seen: list[list[str]] = []
    fsync = os.fsync

    def look(fd: int) -> None:
        seen.append(sorted(p.name for p in tmp_path.iterdir()))
        fsync(fd)

    monkeypatch.setattr(os, "fsync", look)
    store.write_atomic(out, b"new")
    (during, *_) = seen
    assert len(during) == 2 and during[1] == "out.csv"
    assert during[0].startswith(".out.csv.") and during[0].endswith(".tmp")
    assert len(during[0]) > len(".out.csv..tmp")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


@pytest.mark.parametrize(
    ("failure", "raised"),
    [
        (OSError(errno.EIO, "Input/output error"), TargetsError),
        (KeyboardInterrupt(), KeyboardInterrupt),
    ],
)
def test_a_write_that_fails_or_is_interrupted_leaves_the_old_file_and_no_copy(
    tmp_path: Path, monkeypatch, failure: BaseException, raised: type[BaseException]
):
    out = tmp_path / "out.csv"
    out.write_bytes(b"old")

    def fail(fd: int) -> None:
        raise failure

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(raised) as exc:
        store.write_atomic(out, b"new")
    if raised is TargetsError:
        assert str(exc.value) == (f"cannot write {out}: Input/output error; it was left as it was")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]
    assert out.read_bytes() == b"old"


def test_append_text_adds_utf8_to_what_is_there(tmp_path: Path):
    summary = tmp_path / "summary.md"
    summary.write_bytes(b"# before\n")
    store.append_text(summary, "目标 ✅\n")
    assert summary.read_bytes() == "# before\n目标 ✅\n".encode()


def test_append_text_to_a_folder_says_why(tmp_path: Path):
    with pytest.raises(TargetsError) as exc:
        store.append_text(tmp_path, "x")
    assert str(exc.value) == f"cannot append to {tmp_path}: Is a directory"


def test_same_file_sees_hard_links_and_paths_not_yet_made(tmp_path: Path):
    a = tmp_path / "a.csv"
    a.write_bytes(b"x")
    (tmp_path / "b.csv").hardlink_to(a)
    assert store.same_file(a, tmp_path / "b.csv")
    assert not store.same_file(a, tmp_path / "c.csv")
    assert store.same_file(tmp_path / "c.csv", tmp_path / "sub" / ".." / "c.csv")

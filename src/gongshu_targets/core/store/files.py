"""Reading and writing files safely: size limits, atomic replacement, appends."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from gongshu_targets.errors import InvalidDataError, Problem, TargetsError

_TEMP_GLOB = ".{name}.*.tmp"


def read_text(path: Path, limit: int) -> str:
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

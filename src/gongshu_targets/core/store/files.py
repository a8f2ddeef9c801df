"""Reading and writing files safely: regular files only, size limits, atomic
replacement, appends."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, BinaryIO

from gongshu_targets.errors import InvalidDataError, Message, Problem, Said, TargetsError, os_error

_KINDS = {
    stat.S_IFDIR: "folder",
    stat.S_IFIFO: "fifo",
    stat.S_IFCHR: "character device",
    stat.S_IFBLK: "block device",
    stat.S_IFSOCK: "socket",
}


def _refused(path: Path, why: Message) -> InvalidDataError:
    return InvalidDataError([Problem(path, why)])


def _missing(path: Path) -> InvalidDataError:
    """Not found: a link whose target is gone (an unmounted share) is said to be one."""
    if path.is_symlink():
        return _refused(path, Said("link to nothing", target=os.readlink(path)))
    return _refused(path, Said("file not found"))


def _not_regular(path: Path, mode: int) -> InvalidDataError:
    return _refused(path, Said("not a regular file", kind=_KINDS.get(stat.S_IFMT(mode), "other")))


def require_regular(path: Path) -> None:
    """Refuse at once anything but a regular file (a pipe would hang, a device never ends),
    and say so for a missing file or a link to nothing."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise _missing(path) from None
    except OSError as exc:
        raise _refused(path, Said("cannot read", why=os_error(exc))) from None
    if not stat.S_ISREG(mode):
        raise _not_regular(path, mode)


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading if it is a regular file. Opened without waiting (a pipe
    with no writer would block an ordinary open), then checked on the open file, so it
    cannot be swapped in between."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # not inherited (PEP 446)
    except FileNotFoundError:
        raise _missing(path) from None
    except OSError as exc:
        raise _refused(path, Said("cannot read", why=os_error(exc))) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise _not_regular(path, mode)
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def read_text(path: Path, limit: int) -> str:
    try:
        with open_regular(path) as handle:
            # Refused from its size before a byte is read; read(n) reserves n bytes up
            # front, so no more than the file holds is asked for.
            size = os.fstat(handle.fileno()).st_size
            raw = b"" if size > limit else handle.read(size + 1)
    except OSError as exc:
        raise _refused(path, Said("cannot read", why=os_error(exc))) from None
    if size > limit or len(raw) > limit:
        raise _refused(path, Said("too big", mib=limit // 2**20))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidDataError([Problem(path, Said("not utf-8"), line)]) from None


def write_atomic(path: Path, data: bytes | Callable[[IO[bytes]], None], tidy: bool = False) -> None:
    """Replace ``path`` whole or not at all: temp file, fsync, rename; keeps its mode.
    ``data`` is the bytes, or a function that writes them to the open temp file (so a
    large file need not be held whole).

    The temp file is made and removed by its exact name, so two writers of one file both
    succeed (the last one wins). ``tidy``: the caller holds the file's lock, so temp files
    of this name left by a writer that was killed are removed first.
    """
    if path.is_symlink():
        path = path.resolve()  # write the file the link points to; keep the link
    if path.exists() and not path.is_file():
        raise TargetsError(Said("cannot write", path=str(path), why=Said("not a file to write")))
    if tidy:
        _remove_stale_temps(path)
    try:
        mode = path.stat().st_mode & 0o7777 if path.exists() else _new_file_mode()
        prefix, suffix = _temp_names(path)
        handle = tempfile.NamedTemporaryFile(
            mode="wb", dir=path.parent, prefix=prefix, suffix=suffix, delete=False
        )
    except OSError as exc:
        raise TargetsError(Said("cannot write", path=str(path), why=os_error(exc))) from None
    # No call between the temporary file's creation and the try below: Ctrl-C is raised at
    # a call, and there it would leave the file behind.
    temp = handle.name
    try:
        with handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                data(handle.file)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        why = os_error(exc)
        raise TargetsError(Said("cannot write, kept", path=str(path), why=why)) from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: the same inode if both exist (hard links too),
    else the same place once links are followed."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _temp_names(path: Path) -> tuple[str, str]:
    return f".{path.name}.", ".tmp"


def _remove_stale_temps(path: Path) -> None:
    """Temp files of ``path``'s writers, matched by plain comparison of names (no glob
    pattern holds any part of the name)."""
    prefix, suffix = _temp_names(path)
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        if name.startswith(prefix) and name.endswith(suffix) and len(name) > len(prefix + suffix):
            (path.parent / name).unlink(missing_ok=True)


def append_text(path: Path, text: str) -> None:
    """Add to a file another program keeps (a CI job summary); a failure is our error."""
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise TargetsError(Said("cannot append", path=str(path), why=os_error(exc))) from None


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

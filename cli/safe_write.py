"""Writing a result to a path a user named (`-o FILE`), without ever replacing what is there.

- A regular file (new, existing, or the target of a symlink) is written atomically: a temporary
  file in the same folder is written in full, flushed to disk and renamed over it. It appears
  whole or not at all; an existing file keeps its permissions (and, for root, its owner); a new
  one gets the usual ones (0666 less the umask, so 0644 under umask 022), never 0600.
- A symlink is followed: its target is written, the link stays a link.
- A named pipe or a character device (a terminal, /dev/null) is written through, never replaced.
  A pipe that no process reads is refused rather than waited on.
- Anything else (a folder, a block device, a socket) is refused with one line.

Two steps, so that a caller can order other work between them (`perfdx diagnose` commits its
decision record only once the output is written): `stage_output` does everything that can
fail (check, write the temporary file, open the pipe), `Staged.publish` makes it visible. Every
failure is an InputError naming the path.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from types import TracebackType

from engine.errors import InputError

WRITTEN_THROUGH = "a named pipe or a character device"


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it: put it straight back
    os.umask(mask)
    return mask


def _fail(path: str, err: OSError | str) -> InputError:
    reason = err if isinstance(err, str) else (err.strerror or str(err))
    return InputError(f"cannot write: {reason}", file=path)


def _no_folder(path: str, real_folder: str) -> InputError:
    # name the folder as the user wrote it, unless a symlink led elsewhere
    folder = real_folder if os.path.islink(path) else (os.path.dirname(path) or ".")
    return InputError(f"cannot write: the folder {folder} does not exist", file=path)


def _refused(path: str, mode: int) -> InputError:
    return InputError(f"is {_kind(mode)}, not a file (perfdx writes a file, or through to "
                      f"{WRITTEN_THROUGH})", file=path)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


class Staged:
    """Output made ready by `stage_output`: `publish()` shows it, leaving (with) discards it."""

    def __init__(self, path: str, text: str | Iterable[str]) -> None:
        self.path = path
        self._chunks: Iterable[str] = [text] if isinstance(text, str) else text
        self._tmp: str | None = None  # a regular file: the temporary file ...
        self._real: str | None = None  # ... and what it replaces
        self._fd: int | None = None  # a pipe or device: open for writing
        self.published = False

    # -- preparing ----------------------------------------------------------------------------

    def _prepare(self) -> None:
        real = os.path.realpath(self.path)  # a symlink's target is what gets written
        try:
            info: os.stat_result | None = os.stat(real)
        except FileNotFoundError:
            info = None
        except OSError as err:
            raise _fail(self.path, err) from None
        if info is None or stat.S_ISREG(info.st_mode):
            self._prepare_file(real, info)
        elif stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
            self._prepare_through(real)
        else:
            raise _refused(self.path, info.st_mode)

    def _prepare_file(self, real: str, info: os.stat_result | None) -> None:
        folder = os.path.dirname(real) or "."
        if not os.path.isdir(folder):
            raise _no_folder(self.path, folder)
        if info is not None and not os.access(real, os.W_OK):
            raise _fail(self.path, "permission denied (the file is read-only)")
        name = os.path.basename(real)
        try:
            # a short prefix: the name itself may be as long as a name can be
            fd, tmp = tempfile.mkstemp(prefix=f".{name[:40]}.", suffix=".tmp", dir=folder)
        except OSError as err:
            raise _fail(self.path, err) from None
        self._tmp, self._real = tmp, real
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.writelines(self._chunks)
                fh.flush()
                mode = stat.S_IMODE(info.st_mode) if info else 0o666 & ~_umask()
                os.fchmod(fh.fileno(), mode & 0o777)
                if info is not None and hasattr(os, "fchown") and os.geteuid() == 0:
                    with contextlib.suppress(OSError):  # root keeps the owner of what it replaces
                        os.fchown(fh.fileno(), info.st_uid, info.st_gid)
                os.fsync(fh.fileno())
        except OSError as err:
            self.discard()
            raise _fail(self.path, err) from None

    def _prepare_through(self, real: str) -> None:
        try:
            # O_NONBLOCK: opening a pipe nobody reads fails (ENXIO) instead of waiting forever
            fd = os.open(real, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)
                         | getattr(os, "O_CLOEXEC", 0))
        except OSError as err:
            if err.errno == errno.ENXIO:
                raise _fail(self.path, "no process is reading this named pipe") from None
            raise _fail(self.path, err) from None
        self._fd = fd
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):  # swapped since it was looked at
            self.discard()
            raise _fail(self.path, "it changed while perfdx was writing it")
        os.set_blocking(fd, True)

    # -- publishing ---------------------------------------------------------------------------

    def publish(self) -> None:
        """Make the output visible: rename the temporary file, or write through."""
        try:
            if self._tmp is not None and self._real is not None:
                os.replace(self._tmp, self._real)
                self._tmp = None
                _sync_folder(os.path.dirname(self._real) or ".")
            elif self._fd is not None:
                for chunk in self._chunks:
                    view = memoryview(chunk.encode("utf-8"))
                    while view:
                        view = view[os.write(self._fd, view):]
        except OSError as err:
            self.discard()
            raise _fail(self.path, err) from None
        self.published = True
        self.discard()

    def discard(self) -> None:
        """Remove the temporary file (if not renamed) and close the pipe; idempotent."""
        if self._tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self._tmp)
            self._tmp = None
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    def __enter__(self) -> Staged:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.discard()


def _sync_folder(folder: str) -> None:
    """Flush the rename to disk, where the system allows opening a folder."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def check_output_path(path: str) -> None:
    """Refuse a path that can never be written, before any work is done (and recorded)."""
    real = os.path.realpath(path)
    try:
        info = os.stat(real)
    except FileNotFoundError:
        folder = os.path.dirname(real) or "."
        if not os.path.isdir(folder):
            raise _no_folder(path, folder) from None
        if not os.access(folder, os.W_OK):
            raise _fail(path, "permission denied") from None
        return
    except OSError as err:
        raise _fail(path, err) from None
    if stat.S_ISREG(info.st_mode):
        if not os.access(real, os.W_OK) or not os.access(os.path.dirname(real) or ".", os.W_OK):
            raise _fail(path, "permission denied")
    elif not (stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode)):
        raise _refused(path, info.st_mode)


def stage_output(path: str, text: str | Iterable[str]) -> Staged:
    """Do all of writing `text` (or its pieces, streamed) to `path` that can fail;
    `publish()` then shows it."""
    staged = Staged(path, text)
    staged._prepare()
    return staged


def write_output(path: str, text: str | Iterable[str]) -> None:
    """Write `text` to `path`: whole or not at all for a file, through for a pipe or device."""
    with stage_output(path, text) as staged:
        staged.publish()

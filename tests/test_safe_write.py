"""cli/safe_write.py, the writer behind every `-o FILE`: a regular file whole or not at all,
with the mode a user expects; symlinks followed; pipes written through, never replaced.

Only FIFOs, symlinks and files in tmp_path: no test points perfdx at a real device (CI is root).
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli.safe_write import check_output_path, stage_output, write_output
from engine.errors import InputError


@pytest.fixture()
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _read_fifo(fifo: Path, into: list[bytes]) -> threading.Thread:
    def reader() -> None:
        with open(fifo, "rb") as fh:
            into.append(fh.read())
    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread


def _open_reader(fifo: Path) -> int:
    return os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, without waiting for a writer


def test_output_file_replaced_by_a_0600_file_new_file_gets_the_umask_mode(tmp_path: Path,
                                                                          umask_022: None) -> None:
    target = tmp_path / "out.txt"
    write_output(str(target), "hello\n")
    assert target.read_text() == "hello\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_new_output_file_follows_another_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_output(str(tmp_path / "out.txt"), "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.txt").stat().st_mode) == 0o640


def test_existing_output_file_keeps_its_mode(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(0o664)
    write_output(str(target), "new")
    assert (target.read_text(), stat.S_IMODE(target.stat().st_mode)) == ("new", 0o664)


def test_output_to_a_symlink_writes_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    write_output(str(link), "new")
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert real.read_text() == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]


def test_output_to_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to("made.txt")
    write_output(str(link), "new")
    assert link.is_symlink() and (tmp_path / "made.txt").read_text() == "new"


def test_output_to_a_device_or_fifo_replaces_it_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    thread = _read_fifo(fifo, got)
    while True:  # wait for the reader to be there (opening a FIFO blocks until both ends are)
        try:
            write_output(str(fifo), "through\n")
            break
        except InputError:
            continue
    thread.join(10)
    assert got == [b"through\n"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)  # still a pipe, not a regular file
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_symlink_to_a_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "link").symlink_to("pipe")
    reader = _open_reader(fifo)
    try:
        write_output(str(tmp_path / "link"), "via link")
        assert os.read(reader, 100) == b"via link"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and (tmp_path / "link").is_symlink()


def test_fifo_without_a_reader_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as err:
        write_output(str(fifo), "x")
    assert str(err.value) == f"{fifo}: cannot write: no process is reading this named pipe"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_output_to_a_folder_is_refused(tmp_path: Path) -> None:
    for check in (check_output_path, lambda p: write_output(p, "x")):
        with pytest.raises(InputError) as err:
            check(str(tmp_path))
        assert str(err.value) == (f"{tmp_path}: is a folder, not a file (perfdx writes a file, "
                                  "or through to a named pipe or a character device)")


def test_output_in_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        check_output_path(str(tmp_path / "nope" / "out.txt"))
    assert str(err.value) == (f"{tmp_path}/nope/out.txt: cannot write: the folder "
                              f"{tmp_path}/nope does not exist")


def test_over_long_output_name_gives_one_line(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    name = "x" * 256
    with pytest.raises(InputError) as err:
        check_output_path(name)
    assert str(err.value) == f"{name}: cannot write: File name too long"
    long_path = str(tmp_path / ("y" * 200) / ("z" * 250) / "out")  # over 300: shown cut
    with pytest.raises(InputError) as err:
        write_output(long_path, "x")
    assert str(err.value) == (f"{long_path[:300]}\u2026 ({len(long_path)} characters): cannot "
                              f"write: the folder {os.path.dirname(long_path)} does not exist")


def test_an_output_name_of_the_longest_allowed_length_can_be_written(tmp_path: Path) -> None:
    target = tmp_path / ("n" * 255)  # the temporary file's name must not be longer
    write_output(str(target), "x")
    assert target.read_text() == "x"


def test_staged_output_is_invisible_until_published(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    with stage_output(str(target), "new") as staged:
        assert target.read_text() == "old"
        staged.publish()
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_staged_output_discarded_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    with stage_output(str(target), "new"):
        pass  # never published: the caller failed in between
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_write_that_fails_halfway_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")

    def lines() -> Iterator[str]:
        yield "first\n"
        raise OSError(28, "No space left on device")

    with pytest.raises(InputError) as err:
        write_output(str(target), lines())
    assert str(err.value) == f"{target}: cannot write: No space left on device"
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_read_only_existing_file_is_refused(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root may write a read-only file")
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(0o444)
    with pytest.raises(InputError) as err:
        check_output_path(str(target))
    assert str(err.value) == f"{target}: cannot write: permission denied"

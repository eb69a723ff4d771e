"""One JSON file shared by several processes: locked, atomic writes and a cheap change check.

Writers take a thread lock and an ``fcntl`` lock on ``<file>.lock`` (the data file itself is
replaced on each write, so it cannot carry the lock), read the current version, and write the
next one to a temporary file in the same folder, fsync it and rename it over the old one.
Readers need no lock: they see the old file or the new one, never half of one. The file is
made mode 0600; it may hold nothing secret, but it is nobody else's business either.

Errors::

    AssistantError
    └── SharedFileError   the file cannot be read, parsed or written
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError

logger = logging.getLogger(__name__)

Stamp = tuple[int, int, int]


class SharedFileError(AssistantError):
    """The shared file cannot be read, parsed or written; the message names it."""


class SharedJsonFile:
    """A JSON document in one file; see the module docstring."""

    def __init__(self, path: Path) -> None:
        """Name the file; nothing is touched until it is read or written."""
        self.path = Path(path)
        self._lock = threading.RLock()

    def stamp(self) -> Stamp | None:
        """Inode, size and modification time, or None when there is no file: one ``stat``.

        A rename gives a new inode, so a rewrite shows even within the clock's resolution.
        """
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise SharedFileError(f"cannot read {self.path}: {exc.strerror}") from exc
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def read(self) -> tuple[Any, Stamp | None]:
        """The parsed document (None when there is no file) and the stamp of what was read."""
        try:
            with self.path.open("rb") as f:
                st = os.fstat(f.fileno())
                raw = f.read()
        except FileNotFoundError:
            return None, None
        except OSError as exc:
            raise SharedFileError(f"cannot read {self.path}: {exc.strerror}") from exc
        if st.st_mode & 0o077:
            logger.warning("%s can be read by other users: chmod 600 it", self.path)
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise SharedFileError(f"{self.path} is not valid JSON ({exc})") from exc
        return data, (st.st_ino, st.st_size, st.st_mtime_ns)

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the file's lock, against other threads and other processes, for a change."""
        with self._lock:
            lock_path = self.path.with_name(self.path.name + ".lock")
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError as exc:
                raise SharedFileError(f"cannot lock {self.path}: {exc}") from exc
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                yield
            finally:
                os.close(fd)  # closing releases the flock

    def write(self, data: Any) -> Stamp | None:
        """Replace the document atomically (call it inside :meth:`locked`); returns the stamp."""
        body = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        try:
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        except OSError as exc:
            raise SharedFileError(f"cannot write {self.path}: {exc}") from exc
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                os.fchmod(f.fileno(), 0o600)
                f.write(body)
                f.flush()
                os.fsync(f.fileno())
            Path(tmp).replace(self.path)
            dir_fd = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)  # so the rename itself survives a crash
            finally:
                os.close(dir_fd)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise SharedFileError(f"cannot write {self.path}: {exc}") from exc
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return self.stamp()

"""Work files named after the process writing them, and their removal once it is gone.

A build writes into ``.tmp-<pid>-*`` folders and an upload into ``catalog-<pid>-*`` files.
A process killed mid-way (``kill -9``, a full disk, a power cut) leaves them behind;
:func:`remove_stale` deletes those whose process no longer runs, and those without a process
id (older versions) once they are an hour old. It is called when a build or a server starts.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from pathlib import Path

logger = logging.getLogger(__name__)

UNNAMED_STALE_SECONDS = 3600


def owned_prefix(kind: str) -> str:
    """The prefix of a work file of this process: ``.tmp-1234-``."""
    return f"{kind}{os.getpid()}-"


def remove_stale(folder: Path, kind: str) -> list[str]:
    """Delete the work files ``kind*`` of ``folder`` no running process owns; their names."""
    removed: list[str] = []
    if not folder.is_dir():
        return removed
    for path in folder.glob(f"{kind}*"):
        if _owner_alive(path.name[len(kind) :], path):
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path.name)
    if removed:
        logger.info("removed %d stale work file(s) in %s", len(removed), folder)
    return removed


def _owner_alive(rest: str, path: Path) -> bool:
    pid_text = rest.split("-", 1)[0]
    if not pid_text.isdigit():
        try:
            return time.time() - path.stat().st_mtime < UNNAMED_STALE_SECONDS
        except OSError:
            return True
    pid = int(pid_text)
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True

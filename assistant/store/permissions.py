"""The data directory is private: the directory and everything below it owner-only (0700 / 0600).

Chats, contacts and drafts are personal; any other local user could read a 0755 directory holding 0644
SQLite and Chroma files. `make_private` creates the directory 0700 and tightens what is already there
(returns how many paths it changed, so the CLI can say so once); `is_private` checks without changing.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def _walk(home: Path):
    yield home
    for root, dirs, files in os.walk(home):
        for name in dirs + files:
            yield Path(root) / name


def make_private(home: Path | str) -> int:
    """Create `home` 0700 if missing; chmod every directory below it to 0700 and every file to 0600 when
    group or others have any access. Symlinks are left alone. Returns the number of paths changed."""
    home = Path(home)
    home.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    changed = 0
    for p in _walk(home):
        try:
            st = os.lstat(p)
        except FileNotFoundError:  # removed meanwhile (a WAL checkpoint, Chroma compaction)
            continue
        if stat.S_ISLNK(st.st_mode) or not (st.st_mode & 0o077):
            continue
        if stat.S_ISDIR(st.st_mode):
            os.chmod(p, DIR_MODE)
        elif stat.S_ISREG(st.st_mode):
            os.chmod(p, FILE_MODE)
        else:
            continue
        changed += 1
    return changed


def is_private(home: Path | str) -> bool:
    """True when nothing under `home` is readable, writable or listable by group or others."""
    home = Path(home)
    if not home.exists():
        return True
    for p in _walk(home):
        try:
            st = os.lstat(p)
        except FileNotFoundError:
            continue
        if not stat.S_ISLNK(st.st_mode) and st.st_mode & 0o077:
            return False
    return True

"""Logging set up once: a size-capped rotating file in the user log directory, private."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from wizard import APP_ID

MAX_LOG_BYTES = 1024 * 1024
LOG_BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating handler whose files are created readable only by the user."""

    def _open(self):  # type: ignore[override]
        previous = os.umask(0o077)
        try:
            return super()._open()
        finally:
            os.umask(previous)


def log_file(directory: Path) -> Path:
    return directory / f"{APP_ID}.log"


def setup_logging(directory: Path) -> Path | None:
    """Send the program's log records to a rotating file; return its path, or None on failure.

    A log folder that cannot be created leaves logging on stderr only: the program must
    still start.
    """
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    for handler in list(root.handlers):
        if isinstance(handler, _PrivateRotatingFileHandler):
            root.removeHandler(handler)
            handler.close()
    path = log_file(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = _PrivateRotatingFileHandler(
            path, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8", delay=False
        )
    except OSError as error:
        logging.getLogger(__name__).warning("Log file %s could not be opened: %s", path, error)
        return None
    formatter = logging.Formatter(_FORMAT)
    formatter.converter = __import__("time").gmtime
    handler.setFormatter(formatter)
    root.addHandler(handler)
    return path

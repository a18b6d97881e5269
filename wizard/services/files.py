"""Writing files the user asks for (the .eml draft), atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class FileWriteError(OSError):
    """A file could not be written; the message names the path and what to do."""


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder. Raises FileWriteError."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
        raise FileWriteError(
            f"Could not write {path}: {error.strerror or error}. Choose another folder or check its permissions."
        ) from None

"""The settings file: one JSON document with the setup, written atomically and privately."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from wizard.domain.model import ModelError, SetupState

log = logging.getLogger(__name__)

# A settings file is a few kilobytes; anything this large was not written by the program.
MAX_SETTINGS_BYTES = 5 * 1024 * 1024


class SettingsError(OSError):
    """The settings file could not be written. The message names the path and the fix."""


@dataclass
class LoadResult:
    """The loaded state, and a message for the user when the file had to be moved aside."""

    state: SetupState
    problem: str = ""
    moved_to: Path | None = None


class SettingsStore:
    """Reads and writes the setup in one JSON file, readable only by the user."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> LoadResult:
        """Load the saved setup; a damaged file is moved aside and reported, never overwritten."""
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return LoadResult(SetupState())
        except OSError as error:
            log.error("Cannot read settings file %s: %s", self.path, error)
            return LoadResult(SetupState(), problem=f"The settings file {self.path} could not be read ({error.strerror}). Starting with an empty setup; the file was left as it is.")
        try:
            if size > MAX_SETTINGS_BYTES:
                raise ModelError(f"it is {size} bytes long, far more than a settings file")
            with open(self.path, "rb") as stream:
                data = json.loads(stream.read().decode("utf-8"))
            return LoadResult(SetupState.from_dict(data))
        except (ValueError, RecursionError) as error:
            reason = _reason(error)
        except OSError as error:
            log.error("Cannot read settings file %s: %s", self.path, error)
            return LoadResult(SetupState(), problem=f"The settings file {self.path} could not be read ({error.strerror}). Starting with an empty setup; the file was left as it is.")
        moved_to = self._move_aside()
        log.error("Settings file %s is damaged (%s); moved to %s", self.path, reason, moved_to)
        problem = (
            f"The saved setup could not be read because {reason}. "
            f"It was moved to {moved_to} so nothing is lost, and the program starts with an empty setup. "
            "Send that file to support if you need its values back."
        )
        return LoadResult(SetupState(), problem=problem, moved_to=moved_to)

    def _move_aside(self) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.damaged-{stamp}{self.path.suffix}")
        counter = 1
        while target.exists():
            counter += 1
            target = self.path.with_name(f"{self.path.stem}.damaged-{stamp}-{counter}{self.path.suffix}")
        os.replace(self.path, target)
        return target

    def save(self, state: SetupState) -> None:
        """Write the state: temporary file, flush, fsync, rename. Raises SettingsError."""
        text = json.dumps(state.to_dict(), indent=2, ensure_ascii=False) + "\n"
        directory = self.path.parent
        try:
            directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            descriptor, temporary = tempfile.mkstemp(prefix=".setup-", suffix=".tmp", dir=directory)
        except OSError as error:
            raise SettingsError(
                f"Could not save the setup in {directory}: {error.strerror}. "
                "Check that the folder exists and that you may write to it."
            ) from error
        try:
            # mkstemp creates the file with mode 0600 already; chmod guards odd umasks.
            os.chmod(temporary, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, self.path)
            _fsync_directory(directory)
        except OSError as error:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise SettingsError(
                f"Could not save the setup to {self.path}: {error.strerror}. "
                "Free some disk space or check the folder's permissions; your values are kept in the window."
            ) from error


def _fsync_directory(directory: Path) -> None:
    if os.name != "posix":
        return
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _reason(error: Exception) -> str:
    if isinstance(error, ModelError):
        return str(error)
    if isinstance(error, RecursionError):
        return "it is nested too deeply"
    if isinstance(error, UnicodeDecodeError):
        return "it is not UTF-8 text"
    if isinstance(error, json.JSONDecodeError):
        return f"it is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
    return str(error)

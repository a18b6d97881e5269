"""The settings file: one JSON document with the setup, written atomically and privately."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

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
        # Why the file at `path` must be kept: set when `load` could not read it, or could
        # not move a damaged one aside. `save` moves that file aside first, or raises.
        self._kept_file_problem = ""

    def load(self) -> LoadResult:
        """Load the saved setup; a damaged file is moved aside and reported, never overwritten."""
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return LoadResult(SetupState())
        except OSError as error:
            return self._keep_unreadable(error)
        try:
            if size > MAX_SETTINGS_BYTES:
                raise ModelError(f"it is {size} bytes long, far more than a settings file")
            with open(self.path, "rb") as stream:
                data = json.loads(stream.read().decode("utf-8"))
            return LoadResult(SetupState.from_dict(data))
        except (ValueError, RecursionError) as error:
            reason = _reason(error)
        except OSError as error:
            return self._keep_unreadable(error)
        try:
            moved_to = self._move_aside()
        except OSError as error:
            log.error("Settings file %s is damaged (%s) and could not be moved aside: %s", self.path, reason, error)
            self._kept_file_problem = f"the damaged settings file could not be moved aside ({error.strerror})"
            problem = (
                f"The saved setup could not be read because {reason}, and it could not be moved aside "
                f"({error.strerror}). The program starts with an empty setup and will not save over {self.path}. "
                "Move that file elsewhere, or send it to support if you need its values back."
            )
            return LoadResult(SetupState(), problem=problem)
        log.error("Settings file %s is damaged (%s); moved to %s", self.path, reason, moved_to)
        problem = (
            f"The saved setup could not be read because {reason}. "
            f"It was moved to {moved_to} so nothing is lost, and the program starts with an empty setup. "
            "Send that file to support if you need its values back."
        )
        return LoadResult(SetupState(), problem=problem, moved_to=moved_to)

    def _keep_unreadable(self, error: OSError) -> LoadResult:
        log.error("Cannot read settings file %s: %s", self.path, error)
        self._kept_file_problem = f"the settings file could not be read ({error.strerror})"
        problem = (
            f"The settings file {self.path} could not be read ({error.strerror}). Starting with an empty "
            "setup; the file is moved aside, not overwritten, when the setup is next saved."
        )
        return LoadResult(SetupState(), problem=problem)

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
        """Write the state: temporary file, flush, fsync, rename. Raises SettingsError.

        A file that `load` could not read is first moved aside, so it is never overwritten.
        """
        text = json.dumps(state.to_dict(), indent=2, ensure_ascii=False) + "\n"
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError as error:
            # Only text that did not come from a keyboard can hold a lone surrogate.
            raise SettingsError(
                f"Could not save the setup to {self.path}: a value contains a character that cannot be "
                f"written (at position {error.start} of the file). Retype the value that was pasted last."
            ) from None
        if self._kept_file_problem:
            self._move_kept_file_aside()
        directory = self.path.parent
        try:
            directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            descriptor, temporary = tempfile.mkstemp(prefix=".setup-", suffix=".tmp", dir=directory)
        except OSError as error:
            blocker = _file_in_the_way(directory)
            if blocker is not None:
                cause = f"{blocker} is a file, not a folder. Move that file or choose another settings folder"
            else:
                cause = f"{error.strerror}. Check that the folder {directory} can be created and that you may write to it"
            raise SettingsError(f"Could not save the setup to {self.path}: {cause}.") from error
        try:
            # mkstemp creates the file with mode 0600 already; chmod guards odd umasks.
            os.chmod(temporary, 0o600)
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            with _exclusive_lock(self.path.with_name(self.path.name + ".lock")):
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

    def _move_kept_file_aside(self) -> None:
        try:
            moved_to = self._move_aside()
        except FileNotFoundError:
            moved_to = None
        except OSError as error:
            raise SettingsError(
                f"Could not save the setup to {self.path}: {self._kept_file_problem}, and moving it aside "
                f"before saving failed ({error.strerror}). Move that file elsewhere so it is not lost, then try again."
            ) from error
        if moved_to is not None:
            log.warning("Moved the settings file %s that could not be used to %s before saving", self.path, moved_to)
        self._kept_file_problem = ""


def _file_in_the_way(directory: Path) -> Path | None:
    """Return the nearest existing ancestor of `directory` (or itself) when it is not a folder."""
    for candidate in (directory, *directory.parents):
        if candidate.exists():
            return None if candidate.is_dir() else candidate
    return None


@contextlib.contextmanager
def _exclusive_lock(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `lock_path`, so two processes never replace the file at once.

    POSIX advisory locks (flock) only: on other systems the single-instance guard of the
    window is the only protection.
    """
    try:
        import fcntl
    except ImportError:
        yield
        return
    descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
        os.close(descriptor)


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
    # Such as Python's limit on the digits of a number it converts.
    return f"it could not be parsed ({error})"

"""Support report files (a size-checked read, an atomic private write) and the facts
about this computer that the checklist and the report record."""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from wizard.domain.checklist import Facts
from wizard.domain.report import MAX_REPORT_BYTES, ReportError
from wizard.domain.secret import Secret
from wizard.services.profile import Profile
from wizard.services.secret_store import SecretStore, SecretStoreError

log = logging.getLogger(__name__)


class ReportWriteError(OSError):
    """A report file could not be written. The message names the path and the fix."""


def read_report_file(path: Path) -> bytes:
    """Return a report file's bytes. Raises ReportError when it is missing, unreadable or too large.

    The size is checked before reading, and the read stops one byte past the limit, so
    a file that grows meanwhile is not read whole either.
    """
    try:
        size = path.stat().st_size
        if size > MAX_REPORT_BYTES:
            raise ReportError(_too_large(path, size))
        with open(path, "rb") as stream:
            data = stream.read(MAX_REPORT_BYTES + 1)
    except FileNotFoundError:
        raise ReportError(f"The report {path} was not found. Check the file name.") from None
    except IsADirectoryError:
        raise ReportError(f"{path} is a folder, not a report file.") from None
    except OSError as error:
        log.error("Cannot read report %s: %s", path, error)
        raise ReportError(f"The report {path} could not be read: {error.strerror}.") from None
    if len(data) > MAX_REPORT_BYTES:
        raise ReportError(_too_large(path, len(data)))
    return data


def _too_large(path: Path, size: int) -> str:
    return (
        f"The file {path} is {size:,} bytes long; a support report is at most "
        f"{MAX_REPORT_BYTES // (1024 * 1024)} MB, so it was not opened."
    )


def write_report_file(path: Path, data: bytes) -> None:
    """Write a report: temporary file in the same folder, flush, fsync, rename.

    The file is created readable only by the user, because the report contains seat
    emails. Raises ReportWriteError.
    """
    directory = path.parent
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=".report-", suffix=".tmp", dir=directory)
    except OSError as error:
        raise ReportWriteError(
            f"Could not write the report in {directory}: {error.strerror}. Choose a folder you may write to."
        ) from error
    try:
        os.chmod(temporary, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise ReportWriteError(
            f"Could not write the report {path}: {error.strerror}. Free some disk space or choose another folder."
        ) from error
    log.info("Support report written to %s", path)


# --- facts about this computer for the checklist and the report --------------------------


@dataclass(frozen=True)
class KeychainProbe:
    """The keychain's state: its backend, whether it works, and the stored secret's fingerprint.

    `fingerprint` is None when the secret was not read and "" when none is stored.
    `error` is the message of a failed read.
    """

    backend: str
    usable: bool | None
    fingerprint: str | None = None
    error: str = ""


def probe_keychain(store: SecretStore, read_secret: bool) -> KeychainProbe:
    """Ask the keychain for its backend and usability, and with read_secret for the secret's fingerprint.

    Resolving the backend may start D-Bus, and reading may show an unlock prompt, so UI
    code calls this off the UI thread. The secret itself never leaves this function.
    """
    if not read_secret:
        return _probe_backend(store)
    probe, _secret = read_keychain(store)
    return probe


def read_keychain(store: SecretStore) -> tuple[KeychainProbe, Secret | None]:
    """Read the secret for the credential test, with the probe that describes the keychain.

    The secret is None when the keychain has none or cannot be read, and the probe's
    `fingerprint` and `error` tell the two cases apart.
    """
    probe = _probe_backend(store)
    if probe.error:
        return probe, None
    try:
        secret = store.load()
    except SecretStoreError as error:
        return KeychainProbe(probe.backend, probe.usable, error=str(error)), None
    if not secret:
        return KeychainProbe(probe.backend, probe.usable, ""), None
    return KeychainProbe(probe.backend, probe.usable, secret.fingerprint()), secret


def _probe_backend(store: SecretStore) -> KeychainProbe:
    try:
        return KeychainProbe(store.backend_name(), store.usable())
    except Exception as error:  # keyring raises many types while loading a backend.
        log.error("No keychain backend could be loaded: %s", type(error).__name__)
        return KeychainProbe(
            backend=f"none ({type(error).__name__})",
            usable=False,
            error=f"no keychain could be opened ({type(error).__name__})",
        )


def checklist_facts(profile: Profile, probe: KeychainProbe | None = None) -> Facts:
    """Combine the profile's values and an optional keychain probe into the checklist's facts."""
    if probe is None:
        return Facts(ats_name=profile.ats_name, sdk_domain=profile.sdk_domain)
    return Facts(
        ats_name=profile.ats_name,
        sdk_domain=profile.sdk_domain,
        keychain_usable=probe.usable,
        keychain_fingerprint=probe.fingerprint,
        keychain_error=probe.error,
    )

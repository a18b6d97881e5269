"""The client secret in the operating system's keychain, through `keyring`.

The keychain is resolved on first use, never at start-up. When no backend works, or
the keychain rejects the secret, the caller gets a SecretStoreError with a plain
message and may keep the secret in memory for this run with `hold_in_memory`. There is
no file fallback.
"""

from __future__ import annotations

import logging
from typing import Any

from wizard import APP_ID
from wizard.domain.secret import MAX_SECRET_LENGTH, Secret

log = logging.getLogger(__name__)

# The one service name under which the program stores secrets.
SERVICE_NAME = APP_ID


def account_name(profile_id: str) -> str:
    """Return the keychain account name for a profile's client secret."""
    return f"{profile_id}:client-secret"


class SecretStoreError(Exception):
    """The keychain could not be used. The message is for the user and contains no secret."""

    def __init__(self, message: str, backend: str = "") -> None:
        super().__init__(message)
        self.backend = backend


class SecretStore:
    """Saves, reads and deletes the client secret for one profile."""

    def __init__(self, profile_id: str, backend: Any = None) -> None:
        """`backend` is a keyring backend object; None means keyring's own choice."""
        self._account = account_name(profile_id)
        self._backend = backend
        self._memory: Secret | None = None

    # --- backend --------------------------------------------------------------------

    def _resolve(self) -> Any:
        if self._backend is None:
            import keyring

            self._backend = keyring.get_keyring()
            log.info("Keychain backend: %s", backend_label(self._backend))
        return self._backend

    def backend_name(self) -> str:
        """Return a readable name of the backend; resolves it, which may start D-Bus."""
        return backend_label(self._resolve())

    def usable(self) -> bool:
        return _is_usable(self._resolve())

    # --- memory-only mode -------------------------------------------------------------

    @property
    def in_memory(self) -> bool:
        return self._memory is not None

    def hold_in_memory(self, secret: Secret) -> None:
        """Keep the secret for this run only, when the keychain cannot take it."""
        self._memory = secret
        log.warning("Client secret is held in memory for this run only")

    # --- operations -------------------------------------------------------------------

    def save(self, secret: Secret) -> str:
        """Store the secret and return the backend's name. Raises SecretStoreError."""
        if len(secret) > MAX_SECRET_LENGTH:
            raise SecretStoreError(
                f"The Client Secret is {len(secret)} characters long, too long to be a LinkedIn secret. "
                "Paste only the secret and try again."
            )
        backend = self._usable_backend("save the Client Secret")
        name = backend_label(backend)
        try:
            backend.set_password(SERVICE_NAME, self._account, secret.reveal())
        except Exception as error:  # Backends raise many types; every one becomes a message.
            log.error("Keychain %s failed to store the secret: %s", name, type(error).__name__)
            raise SecretStoreError(_failure_message("save the Client Secret in", name, error), name) from None
        self._memory = None
        log.info("Client secret stored in keychain %s", name)
        return name

    def load(self) -> Secret | None:
        """Return the secret from memory or the keychain, or None when none is stored."""
        if self._memory is not None:
            return self._memory
        backend = self._usable_backend("read the Client Secret")
        name = backend_label(backend)
        try:
            value = backend.get_password(SERVICE_NAME, self._account)
        except Exception as error:
            log.error("Keychain %s failed to read the secret: %s", name, type(error).__name__)
            raise SecretStoreError(_failure_message("read the Client Secret from", name, error), name) from None
        return Secret(value) if value else None

    def missing_secret_message(self, saved_backend: str) -> str:
        """Explain why `load` found no secret, naming where it was saved and what to do.

        `saved_backend` is the backend name the settings recorded when the secret was saved.
        """
        if not saved_backend:
            return "No Client Secret is stored in the keychain. Enter it on the Client ID and Secret step."
        try:
            current = self.backend_name()
        except Exception:  # Resolving can fail in as many ways as the backends; only the name matters here.
            current = "no keychain"
        if current != saved_backend:
            return (
                f"The Client Secret was saved in the keychain {saved_backend}, but this run uses {current}. "
                "Start CSA Setup as the same user in the same kind of desktop session as then, "
                "or enter the secret again on the Client ID and Secret step."
            )
        return (
            f"The keychain {current} no longer holds the Client Secret saved for this setup; it may have been "
            "removed. Enter the secret again on the Client ID and Secret step."
        )

    def delete(self) -> None:
        self._memory = None
        backend = self._usable_backend("remove the Client Secret")
        try:
            backend.delete_password(SERVICE_NAME, self._account)
        except Exception as error:
            import keyring.errors

            if isinstance(error, keyring.errors.PasswordDeleteError):
                return
            name = backend_label(backend)
            raise SecretStoreError(_failure_message("remove the Client Secret from", name, error), name) from None

    def _usable_backend(self, action: str) -> Any:
        try:
            backend = self._resolve()
        except Exception as error:
            log.error("No keychain backend could be loaded: %s", type(error).__name__)
            raise SecretStoreError(
                f"Could not {action}: no keychain could be opened on this computer ({type(error).__name__}). "
                "You can keep the secret in memory for this session and enter it again next time."
            ) from None
        if not _is_usable(backend):
            name = backend_label(backend)
            raise SecretStoreError(
                f"Could not {action}: no usable keychain was found on this computer (keyring backend: {name}). "
                "On Linux, install and unlock GNOME Keyring or KWallet. Until then you can keep the secret "
                "in memory for this session and enter it again next time.",
                name,
            )
        return backend


def backend_label(backend: Any) -> str:
    """Return `module.Class` of a keyring backend, the way keyring itself names them.

    keyring wraps several usable backends in a ChainerBackend; its label names the
    backends it contains, first the one it tries first.
    """
    kind = type(backend)
    chained = getattr(backend, "backends", None)
    if kind.__module__ == "keyring.backends.chainer" and chained:
        return ", ".join(backend_label(item) for item in chained)
    module = kind.__module__.removeprefix("keyring.backends.")
    return f"{module}.{kind.__name__}"


def _is_usable(backend: Any) -> bool:
    kind = type(backend)
    if kind.__module__ == "keyring.backends.fail":
        return False
    if kind.__module__ == "keyring.backends.chainer" and not getattr(backend, "backends", None):
        return False
    return True


def _failure_message(action: str, backend: str, error: Exception) -> str:
    """Explain a keychain error without repeating the backend's text, which may be long or odd."""
    kind = type(error).__name__
    if "Locked" in kind or "Dismissed" in kind:
        cause = "the keychain is locked or the unlock request was cancelled. Unlock it and try again"
    elif "Init" in kind:
        cause = "the keychain service did not respond. Make sure you are logged in to your desktop session and try again"
    elif "Denied" in kind or isinstance(error, PermissionError):
        cause = "access was denied. Allow CSA Setup to use the keychain and try again"
    else:
        cause = f"the keychain reported {kind}. Try again, or keep the secret in memory for this session"
    return f"Could not {action} the keychain ({backend}): {cause}."

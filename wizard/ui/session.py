"""The running setup: the model, its store, the secret store and a debounced save."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from wizard.domain.model import SetupState, timestamp
from wizard.domain.secret import Secret
from wizard.services.profile import Profile
from wizard.services.secret_store import SecretStore
from wizard.services.settings_store import SettingsError, SettingsStore

log = logging.getLogger(__name__)

SAVE_DELAY_MS = 400


class Session(QObject):
    """Holds the setup being edited and saves it shortly after every change.

    Signals:
        state_changed(): any value of the setup changed.
        save_failed(str): the settings file could not be written; the message is for the user.
        secret_changed(): the secret typed in this run changed or was saved.
    """

    state_changed = Signal()
    save_failed = Signal(str)
    secret_changed = Signal()

    def __init__(
        self,
        state: SetupState,
        store: SettingsStore,
        secrets: SecretStore,
        profile: Profile,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.store = store
        self.secrets = secrets
        self.profile = profile
        # The secret typed in this run, before and after it is stored.
        self.typed_secret: Secret | None = None
        self.read_only = False
        self._last_save_error = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    def changed(self) -> None:
        """Record that the state changed: notify views and save soon."""
        self.state_changed.emit()
        if not self.read_only:
            self._timer.start()

    def mark_step_completed(self, step_value: str) -> None:
        if step_value not in self.state.step_completed_at:
            self.state.step_completed_at[step_value] = timestamp()

    def set_typed_secret(self, secret: Secret | None) -> None:
        self.typed_secret = secret
        self.secret_changed.emit()

    @Slot()
    def _on_timer_timeout(self) -> None:
        self.save_now()

    def save_now(self) -> bool:
        """Write the state at once; return False (and emit save_failed) on failure."""
        self._timer.stop()
        if self.read_only:
            return True
        try:
            self.store.save(self.state)
        except SettingsError as error:
            message = str(error)
            log.error("Saving the setup failed: %s", message)
            if message != self._last_save_error:
                self._last_save_error = message
                self.save_failed.emit(message)
            return False
        self._last_save_error = ""
        return True

    @property
    def save_pending(self) -> bool:
        return self._timer.isActive()

"""The "Test credentials" button with its result, for the approval and JazzHR steps.

The request runs on a QThreadPool thread. While it runs the button reads "Cancel" and a
busy bar shows. The result's message and next step appear below the button, and the
outcome is saved in the setup as `last_test`, tied to the Client ID and the secret's
fingerprint, so that a later edit of either marks it stale.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from wizard.domain.credential_test import (
    CredentialTestResult,
    Outcome,
    describe_record,
    explain,
    is_stale,
    make_record,
    paste_findings,
)
from wizard.domain.model import timestamp
from wizard.domain.secret import Secret
from wizard.services.linkedin import LinkedInClient
from wizard.services.secret_store import SecretStore, SecretStoreError
from wizard.ui.desktop import Desktop
from wizard.ui.session import Session

log = logging.getLogger(__name__)

ClientFactory = Callable[[str], LinkedInClient]


@dataclass(frozen=True)
class _RunReport:
    """What a finished run hands back to the UI thread; never the secret itself."""

    run_id: int
    result: CredentialTestResult | None = None
    secret_fingerprint: str = ""
    paste_findings: tuple[str, ...] = ()
    problem: str = ""


class _RunSignals(QObject):
    """Carries a run's report from the pool thread to the UI thread.

    Signals:
        finished(object): the run ended; the argument is a `_RunReport`.
    """

    finished = Signal(object)


class _TestRun(QRunnable):
    """Reads the secret (when none was typed) and runs the test, off the UI thread."""

    def __init__(
        self,
        run_id: int,
        client: LinkedInClient,
        client_id: str,
        typed_secret: Secret | None,
        secrets: SecretStore,
        signals: _RunSignals,
        saved_backend: str = "",
    ) -> None:
        super().__init__()
        self._saved_backend = saved_backend
        self._run_id = run_id
        self._client = client
        self._client_id = client_id
        self._typed_secret = typed_secret
        self._secrets = secrets
        self._signals = signals

    def run(self) -> None:
        try:
            report = self._test()
        except Exception:
            # A crash here would end the pool thread silently; the user gets a message instead.
            log.exception("Credential test failed unexpectedly")
            report = _RunReport(
                self._run_id,
                problem="The test failed unexpectedly. The details are in the log file; send it to support.",
            )
        try:
            self._signals.finished.emit(report)
        except RuntimeError:
            # The application is shutting down and the signal object is already gone.
            pass

    def _test(self) -> _RunReport:
        secret = self._typed_secret
        if not secret:
            try:
                secret = self._secrets.load()
            except SecretStoreError as error:
                return _RunReport(self._run_id, problem=str(error))
        if not secret:
            return _RunReport(self._run_id, problem=self._secrets.missing_secret_message(self._saved_backend))
        result = self._client.test(self._client_id, secret)
        return _RunReport(
            self._run_id,
            result=result,
            secret_fingerprint=secret.fingerprint(),
            paste_findings=paste_findings(self._client_id, secret),
        )


class CredentialTestWidget(QWidget):
    """A "Test credentials" button that tests against LinkedIn and shows the outcome.

    Signals:
        test_finished(str): a test ended, including by cancel; the argument is the
            `Outcome` value. Not emitted when the test could not start (no Client ID, no
            secret, keychain error), which the widget shows as a message instead.
    """

    test_finished = Signal(str)

    def __init__(
        self,
        session: Session,
        desktop: Desktop,
        parent: QWidget | None = None,
        *,
        client_factory: ClientFactory = LinkedInClient,
    ) -> None:
        """`client_factory` builds a LinkedInClient from the token endpoint address."""
        super().__init__(parent)
        self.setObjectName("credentialTestWidget")
        self._session = session
        self._desktop = desktop
        self._client_factory = client_factory
        self._client: LinkedInClient | None = None
        self._run_id = 0

        self._test_button = QPushButton(self.tr("&Test credentials"), self)
        self._test_button.setObjectName("testCredentialsButton")
        self._test_button.setAccessibleName(self.tr("Test credentials"))
        self._test_button.setAccessibleDescription(
            self.tr("Asks LinkedIn whether it accepts the Client ID and Client Secret; the result appears below.")
        )
        self._test_button.setToolTip(self.tr("Ask LinkedIn whether it accepts the Client ID and Client Secret"))

        self._busy_bar = QProgressBar(self)
        self._busy_bar.setObjectName("credentialTestBusyBar")
        self._busy_bar.setAccessibleName(self.tr("Test in progress"))
        # A range of 0 to 0 makes the bar show activity without a percentage.
        self._busy_bar.setRange(0, 0)
        self._busy_bar.setTextVisible(False)
        self._busy_bar.setVisible(False)

        self._copy_button = QPushButton(self.tr("&Copy result"), self)
        self._copy_button.setObjectName("copyCredentialTestResultButton")
        self._copy_button.setAccessibleName(self.tr("Copy the test result"))
        self._copy_button.setAccessibleDescription(
            self.tr("Copies the test result and the next step to the clipboard, for example for support.")
        )
        self._copy_button.setEnabled(False)

        self._message_label = self._plain_label("credentialTestMessageLabel", self.tr("Test result"))
        self._next_step_label = self._plain_label("credentialTestNextStepLabel", self.tr("What to do next"))
        self._stale_label = self._plain_label("credentialTestStaleLabel", self.tr("Test result is stale"))

        button_row = QHBoxLayout()
        button_row.setObjectName("credentialTestButtonRow")
        button_row.addWidget(self._test_button)
        button_row.addWidget(self._busy_bar, 1)
        button_row.addWidget(self._copy_button)
        button_row.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setObjectName("credentialTestLayout")
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(button_row)
        layout.addWidget(self._message_label)
        layout.addWidget(self._next_step_label)
        layout.addWidget(self._stale_label)
        layout.addStretch(1)

        self._test_button.clicked.connect(self._on_test_button_clicked)
        self._copy_button.clicked.connect(self._on_copy_button_clicked)
        session.state_changed.connect(self._on_session_state_changed)
        session.secret_changed.connect(self._on_session_secret_changed)

        self._show_saved_record()

    def _plain_label(self, name: str, accessible_name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setAccessibleName(accessible_name)
        # Server text can appear here: never interpret it as markup.
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setWordWrap(True)
        label.setVisible(False)
        return label

    # --- public -----------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._client is not None

    def start_test(self) -> bool:
        """Start a test; return False (after showing why) when it cannot start or one runs."""
        if self.running:
            return False
        client_id = self._session.state.client_id
        if not client_id:
            self._show_problem(self.tr("Enter the Client ID on the Client ID and Secret step first, then test."))
            return False
        endpoint = self._session.profile.token_endpoint
        if not endpoint:
            self._show_problem(
                self.tr("The profile has no token endpoint address, so the credentials cannot be tested.")
            )
            return False

        self._run_id += 1
        self._client = self._client_factory(endpoint)
        # A widget closed mid-test stops its request instead of leaving it to time out.
        self.destroyed.connect(self._client.cancel)
        signals = _RunSignals()
        # Parented to the application, so it outlives this widget while the run finishes,
        # and deleted on the UI thread once it delivered the report.
        signals.setParent(QCoreApplication.instance())
        signals.finished.connect(self._on_run_finished)
        signals.finished.connect(signals.deleteLater)
        run = _TestRun(
            self._run_id,
            self._client,
            client_id,
            self._session.typed_secret,
            self._session.secrets,
            signals,
            self._session.state.secret_backend,
        )
        self._set_busy(True)
        self._show_text(self.tr("Testing the credentials with LinkedIn\u2026"), "")
        log.info("Credential test started against %s", self._client.host)
        # NOTE: the global pool has one thread per core, and a cancelled run that is still
        # connecting keeps its thread until the connect timeout.
        QThreadPool.globalInstance().start(run)
        return True

    def cancel(self) -> None:
        """Cancel the running test at once; its late report is ignored."""
        if self._client is None:
            return
        self._client.cancel()
        self._release_client()
        self._run_id += 1
        self._set_busy(False)
        log.info("Credential test cancelled")
        cancelled = CredentialTestResult(Outcome.CANCELLED)
        explanation = explain(cancelled)
        self._show_text(explanation.message, explanation.next_step)
        self.test_finished.emit(Outcome.CANCELLED.value)

    # --- slots ------------------------------------------------------------------------

    @Slot()
    def _on_test_button_clicked(self) -> None:
        if self.running:
            self.cancel()
        else:
            self.start_test()

    @Slot()
    def _on_copy_button_clicked(self) -> None:
        text = "\n".join(part for part in (self._message_label.text(), self._next_step_label.text()) if part)
        self._desktop.copy_text(text)

    @Slot(object)
    def _on_run_finished(self, report: _RunReport) -> None:
        if report.run_id != self._run_id:
            return
        self._release_client()
        self._set_busy(False)
        if report.result is None:
            self._show_problem(report.problem)
            return
        result = report.result
        explanation = explain(result, report.paste_findings)
        self._show_text(explanation.message, explanation.next_step)
        if result.outcome is not Outcome.CANCELLED:
            state = self._session.state
            state.last_test = make_record(result, state.client_id, report.secret_fingerprint, timestamp())
            self._session.changed()
        self._update_stale()
        self.test_finished.emit(result.outcome.value)

    @Slot()
    def _on_session_state_changed(self) -> None:
        self._update_stale()

    @Slot()
    def _on_session_secret_changed(self) -> None:
        self._update_stale()

    def _release_client(self) -> None:
        if self._client is not None:
            self.destroyed.disconnect(self._client.cancel)
        self._client = None

    # --- display ----------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self._busy_bar.setVisible(busy)
        if busy:
            self._test_button.setText(self.tr("&Cancel"))
            self._test_button.setAccessibleName(self.tr("Cancel the test"))
        else:
            self._test_button.setText(self.tr("&Test credentials"))
            self._test_button.setAccessibleName(self.tr("Test credentials"))
        self._test_button.setEnabled(busy or not self._session.read_only)

    def _show_text(self, message: str, next_step: str) -> None:
        self._message_label.setText(message)
        self._message_label.setAccessibleDescription(message)
        self._message_label.setVisible(bool(message))
        self._next_step_label.setText(next_step)
        self._next_step_label.setVisible(bool(next_step))
        self._copy_button.setEnabled(bool(message))

    def _show_problem(self, message: str) -> None:
        self._show_text(message, "")

    def _show_saved_record(self) -> None:
        record = self._session.state.last_test
        if record.outcome:
            self._show_text(describe_record(record, stale=False), "")
        self._set_busy(False)
        self._update_stale()

    def _update_stale(self) -> None:
        stale = is_stale(self._session.state)
        self._stale_label.setText(
            self.tr("This result is stale: the Client ID or Client Secret changed after the test. Test again.")
            if stale
            else ""
        )
        self._stale_label.setVisible(stale)

    @property
    def stale_shown(self) -> bool:
        """Return True while the widget marks the last result as stale."""
        return not self._stale_label.isHidden()

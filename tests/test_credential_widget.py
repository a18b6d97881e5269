"""The "Test credentials" widget with the real stand-in, keychain and settings file."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from urllib.parse import quote_plus

import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QWidget

from tests.conftest import write_profile
from tests.standin import ISSUED_TOKEN, SLOW_SECONDS, Mode
from wizard.cli import build_parser
from wizard.commands import test_credentials
from wizard.domain.credential_test import (
    Outcome,
    credentials_verified,
    explain,
    is_stale,
    paste_findings,
)
from wizard.domain.model import CredentialTestRecord, SetupState
from wizard.domain.secret import Secret
from wizard.services import paths
from wizard.services.linkedin import LinkedInClient
from wizard.services.profile import load_profile
from wizard.services.secret_store import SecretStore
from wizard.services.settings_store import SettingsStore
from wizard.ui.credential_test_widget import CredentialTestWidget
from wizard.ui.desktop import Desktop
from wizard.ui.session import Session

pytestmark = pytest.mark.usefixtures("no_proxy_environment")

CLIENT_ID = "93r29maplxr58u"
SECRET_TEXT = "WPL_AP1.Wd9/Gt+Kq7=Zx/Mn+Rb=="
SECRET = Secret(SECRET_TEXT)
# The same secret with one letter's case changed.
CHANGED_SECRET = Secret(SECRET_TEXT.replace("Kq7", "kq7"))
LEAK_FORMS = (SECRET_TEXT, quote_plus(SECRET_TEXT), ISSUED_TOKEN)
CANCELLED_MESSAGE = "The test was cancelled before LinkedIn responded."


def fast_client(endpoint: str) -> LinkedInClient:
    return LinkedInClient(endpoint, connect_timeout=2, read_timeout=10, backoff=0.01, retry_after_cap=2)


class Harness:
    """Builds sessions and widgets aimed at the stand-in."""

    def __init__(self, qtbot, tmp_path: Path, standin) -> None:
        self.qtbot = qtbot
        self.tmp_path = tmp_path
        self.standin = standin
        self.desktop = Desktop()
        self.profile_id = f"test-{uuid.uuid4().hex[:12]}"

    def profile_file(self, mode: Mode) -> Path:
        folder = self.tmp_path / mode.value
        folder.mkdir(exist_ok=True)
        return write_profile(folder, id=self.profile_id, token_endpoint=self.standin.url(mode))

    def session(
        self,
        mode: Mode,
        *,
        client_id: str = CLIENT_ID,
        typed: Secret | None = SECRET,
        secrets: SecretStore | None = None,
        state: SetupState | None = None,
    ) -> Session:
        profile = load_profile(self.profile_file(mode))
        if state is None:
            state = SetupState(client_id=client_id, secret_fingerprint=SECRET.fingerprint())
        session = Session(state, SettingsStore(paths.settings_file()), secrets or SecretStore(profile.id), profile)
        if typed is not None:
            session.set_typed_secret(typed)
        return session

    def widget(self, session: Session) -> CredentialTestWidget:
        widget = CredentialTestWidget(session, self.desktop, client_factory=fast_client)
        self.qtbot.addWidget(widget)
        widget.show()
        return widget

    def run(self, widget: CredentialTestWidget, timeout_ms: int = 10_000) -> str:
        with self.qtbot.waitSignal(widget.test_finished, timeout=timeout_ms) as blocker:
            button(widget).click()
        return blocker.args[0]


@pytest.fixture
def harness(qtbot, tmp_path, standin) -> Harness:
    return Harness(qtbot, tmp_path, standin)


@pytest.fixture
def stored_secret(harness: Harness) -> SecretStore:
    store = SecretStore(harness.profile_id)
    if not store.usable():
        pytest.fail("No usable keychain. Run the tests with scripts/install-and-test, which starts GNOME Keyring.")
    store.save(SECRET)
    yield store
    store.delete()


def button(widget: CredentialTestWidget) -> QPushButton:
    return widget.findChild(QPushButton, "testCredentialsButton")


def label(widget: CredentialTestWidget, name: str) -> QLabel:
    return widget.findChild(QLabel, name)


def message_text(widget: CredentialTestWidget) -> str:
    return label(widget, "credentialTestMessageLabel").text()


def next_step_text(widget: CredentialTestWidget) -> str:
    return label(widget, "credentialTestNextStepLabel").text()


def busy_bar(widget: CredentialTestWidget) -> QProgressBar:
    return widget.findChild(QProgressBar, "credentialTestBusyBar")


def wait_for_idle_pool(qtbot) -> None:
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=2000)


# --- results ----------------------------------------------------------------------------------


def test_accepted_shown_and_saved(harness):
    session = harness.session(Mode.ACCEPTED)
    widget = harness.widget(session)

    outcome = harness.run(widget)

    expected = explain(fast_client(harness.standin.url(Mode.ACCEPTED)).test(CLIENT_ID, SECRET))
    assert outcome == Outcome.ACCEPTED.value
    assert message_text(widget) == expected.message
    assert next_step_text(widget) == expected.next_step
    record = session.state.last_test
    assert record.outcome == "accepted"
    assert record.client_id == CLIENT_ID
    assert record.secret_fingerprint == SECRET.fingerprint()
    assert record.tested_at
    assert not widget.stale_shown
    assert credentials_verified(session.state)


def test_saved_settings_hold_no_secret(harness, caplog):
    session = harness.session(Mode.ACCEPTED)
    widget = harness.widget(session)

    harness.run(widget)
    assert session.save_now()

    saved = paths.settings_file().read_text(encoding="utf-8")
    assert '"outcome": "accepted"' in saved
    for form in LEAK_FORMS:
        assert form not in saved
        assert form not in caplog.text
        assert form not in message_text(widget) + next_step_text(widget)


def test_not_enabled_saved(harness):
    session = harness.session(Mode.DENIED_401)
    widget = harness.widget(session)

    outcome = harness.run(widget)

    assert outcome == Outcome.NOT_ENABLED.value
    assert message_text(widget) == "LinkedIn recognized the app but does not let it create tokens yet (access_denied)."
    assert session.state.last_test.outcome == "not_enabled"
    assert not credentials_verified(session.state)


def test_paste_findings_repeated(harness):
    typed = Secret(SECRET_TEXT + " ")
    session = harness.session(Mode.INVALID_CLIENT, typed=typed)
    widget = harness.widget(session)

    outcome = harness.run(widget)

    assert outcome == Outcome.INVALID_CREDENTIALS.value
    assert next_step_text(widget) == explain(
        fast_client(harness.standin.url(Mode.INVALID_CLIENT)).test(CLIENT_ID, typed), paste_findings(CLIENT_ID, typed)
    ).next_step
    assert "case sensitive" in next_step_text(widget)
    assert "Client Secret contains a space at the end" in next_step_text(widget)


def test_secret_from_keychain(harness, stored_secret):
    session = harness.session(Mode.ACCEPTED, typed=None, secrets=stored_secret)
    widget = harness.widget(session)

    outcome = harness.run(widget)

    assert outcome == Outcome.ACCEPTED.value
    assert harness.standin.requests[0].form["client_secret"] == [SECRET_TEXT]


def test_keychain_unusable_shows_message(harness, qtbot):
    secrets = SecretStore(harness.profile_id, backend=keyring.backends.fail.Keyring())
    session = harness.session(Mode.ACCEPTED, typed=None, secrets=secrets)
    widget = harness.widget(session)

    with qtbot.assertNotEmitted(widget.test_finished, wait=100):
        button(widget).click()
        qtbot.waitUntil(lambda: not widget.running)

    assert message_text(widget).startswith("Could not read the Client Secret: no usable keychain was found")
    assert harness.standin.requests == []
    assert session.state.last_test.outcome == ""


def test_no_client_id(harness, qtbot):
    session = harness.session(Mode.ACCEPTED, client_id="")
    widget = harness.widget(session)

    button(widget).click()

    assert not widget.running
    assert message_text(widget) == "Enter the Client ID on the Client ID and Secret step first, then test."
    assert harness.standin.requests == []


def test_same_messages_as_command_line(harness, stored_secret, capsys):
    SettingsStore(paths.settings_file()).save(SetupState(client_id=CLIENT_ID))
    args = build_parser().parse_args(["test-credentials", "--profile", str(harness.profile_file(Mode.INVALID_CLIENT))])
    assert test_credentials.run(args, make_client=fast_client) == 1
    printed = capsys.readouterr().out.splitlines()
    session = harness.session(Mode.INVALID_CLIENT, typed=None, secrets=stored_secret)
    widget = harness.widget(session)

    harness.run(widget)

    assert printed == [message_text(widget), next_step_text(widget)]


# --- staleness --------------------------------------------------------------------------------


def test_secret_case_change_marks_stale(harness):
    session = harness.session(Mode.ACCEPTED)
    widget = harness.widget(session)
    harness.run(widget)
    assert credentials_verified(session.state)

    # What the credentials step does when the user edits and saves the secret.
    session.state.secret_fingerprint = CHANGED_SECRET.fingerprint()
    session.set_typed_secret(CHANGED_SECRET)
    session.changed()

    assert is_stale(session.state)
    assert not credentials_verified(session.state)
    assert widget.stale_shown
    assert "stale" in label(widget, "credentialTestStaleLabel").text()


def test_retest_clears_stale(harness):
    session = harness.session(Mode.ACCEPTED)
    widget = harness.widget(session)
    harness.run(widget)
    session.state.secret_fingerprint = CHANGED_SECRET.fingerprint()
    session.set_typed_secret(CHANGED_SECRET)
    session.changed()

    harness.run(widget)

    assert not widget.stale_shown
    assert credentials_verified(session.state)


def test_saved_stale_record_shown(harness):
    state = SetupState(client_id=CLIENT_ID, secret_fingerprint=CHANGED_SECRET.fingerprint())
    state.last_test = CredentialTestRecord(
        outcome="accepted", tested_at="2026-05-09T14:03:00+00:00", client_id=CLIENT_ID, secret_fingerprint=SECRET.fingerprint()
    )
    session = harness.session(Mode.ACCEPTED, state=state)

    widget = harness.widget(session)

    assert message_text(widget) == "Last test 2026-05-09 14:03 UTC: credentials accepted."
    assert widget.stale_shown


# --- responsiveness and cancel ----------------------------------------------------------------


def test_window_responsive_during_slow_answer(harness, qtbot):
    session = harness.session(Mode.SLOW)
    widget = harness.widget(session)
    ticks: list[float] = []
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    started = time.monotonic()

    outcome = harness.run(widget)

    timer.stop()
    gaps = [later - earlier for earlier, later in zip(ticks, ticks[1:])]
    assert outcome == Outcome.ACCEPTED.value
    assert time.monotonic() - started >= SLOW_SECONDS
    assert len(ticks) >= SLOW_SECONDS / 0.020 / 2
    # Never more than 100 ms late on a 20 ms timer.
    assert max(gaps) <= 0.020 + 0.100


def test_cancel_during_slow_answer(harness, qtbot):
    session = harness.session(Mode.SLOW)
    widget = harness.widget(session)
    button(widget).click()
    qtbot.waitUntil(lambda: len(harness.standin.requests) == 1)
    assert button(widget).text() == "&Cancel"
    assert not busy_bar(widget).isHidden()
    started = time.monotonic()

    with qtbot.waitSignal(widget.test_finished, timeout=1000) as blocker:
        button(widget).click()

    assert blocker.args == [Outcome.CANCELLED.value]
    assert button(widget).text() == "&Test credentials"
    assert busy_bar(widget).isHidden()
    assert message_text(widget) == CANCELLED_MESSAGE
    assert session.state.last_test.outcome == ""
    # The request itself stops, well before the stand-in would respond.
    wait_for_idle_pool(qtbot)
    assert time.monotonic() - started < SLOW_SECONDS / 2


def test_late_report_after_cancel_ignored(harness, qtbot):
    session = harness.session(Mode.SLOW)
    widget = harness.widget(session)
    button(widget).click()
    qtbot.waitUntil(lambda: len(harness.standin.requests) == 1)

    widget.cancel()
    wait_for_idle_pool(qtbot)
    qtbot.wait(50)

    assert message_text(widget) == CANCELLED_MESSAGE
    assert session.state.last_test.outcome == ""


def test_closing_widget_stops_request(harness, qtbot):
    session = harness.session(Mode.SLOW)
    widget = CredentialTestWidget(session, harness.desktop, client_factory=fast_client)
    button(widget).click()
    qtbot.waitUntil(lambda: len(harness.standin.requests) == 1)
    started = time.monotonic()

    widget.deleteLater()
    wait_for_idle_pool(qtbot)

    assert time.monotonic() - started < SLOW_SECONDS / 2


# --- form ---------------------------------------------------------------------------------------


def test_read_only_session_disables_button(harness):
    session = harness.session(Mode.ACCEPTED)
    session.read_only = True

    widget = harness.widget(session)

    assert not button(widget).isEnabled()


def test_widgets_named_and_plain(harness):
    widget = harness.widget(harness.session(Mode.ACCEPTED))

    children = widget.findChildren(QWidget)
    assert children
    for child in children:
        assert child.objectName(), type(child).__name__
        assert child.accessibleName(), child.objectName()
    for child in widget.findChildren(QLabel):
        assert child.textFormat() is Qt.TextFormat.PlainText, child.objectName()

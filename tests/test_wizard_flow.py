"""The whole wizard, driven through its widgets against the real keychain."""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import keyring.backend
import keyring.errors
import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWizard

from tests.conftest import write_profile
from tests.desktop_double import RecordingDesktop
from wizard.domain.model import StepId
from wizard.domain.steps import index_of
from wizard.services import paths
from wizard.services.profile import load_profile
from wizard.services.secret_store import SecretStore
from wizard.ui.app import create_window

SECRET = "Wq7/Zr+Lm=Xy3KpQ"
CLIENT_ID = "86abcde1fgh2ij"


def make_logo(path: Path, size=(200, 120)) -> Path:
    image = Image.new("RGBA", size, (200, 30, 30, 255))
    for x in range(size[0] // 2):
        for y in range(size[1]):
            image.putpixel((x, y), (0, 0, 0, 0))
    image.save(path)
    return path


@pytest.fixture
def desktop() -> RecordingDesktop:
    return RecordingDesktop()


@pytest.fixture
def open_window(qtbot, desktop):
    """Return a function that builds and shows the main window for a profile."""

    def build(profile, secret_backend=None):
        window = create_window(profile, desktop, secret_backend)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return build


def click(qtbot, widget) -> None:
    # Near the left edge: radio buttons and check boxes stretch across the page, and
    # only their indicator and text take clicks.
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))


def type_into(qtbot, field, text: str) -> None:
    field = getattr(field, "edit", field)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    field.editingFinished.emit()


def next_button(window):
    return window.wizard.button(QWizard.WizardButton.NextButton)


def go_next(qtbot, window, expected: StepId) -> None:
    button = next_button(window)
    assert button.isEnabled(), f"Next is disabled on {window.wizard.currentPage().title()}"
    click(qtbot, button)
    assert window.wizard.currentId() == index_of(expected)


def current(window):
    return window.wizard.currentPage()


def fill_first_steps(qtbot, window, tmp_path: Path) -> None:
    """Walk steps 1 to 4 with realistic values."""
    page = current(window)
    assert not next_button(window).isEnabled()
    click(qtbot, page.corporate)
    go_next(qtbot, window, StepId.CONTRACT)

    page = current(window)
    type_into(qtbot, page.input, "urn:li:contract:123456")
    click(qtbot, page.add_button)
    assert "Kept only the number" in page.note.text()
    assert page.list.item(0).text() == "123456"
    go_next(qtbot, window, StepId.APPLICATION)

    page = current(window)
    type_into(qtbot, page.company_name, "Acme Staffing")
    type_into(qtbot, page.website, "www.acme-staffing.com")
    assert page.website.edit.text() == "https://www.acme-staffing.com"
    type_into(qtbot, page.business_email, "hr@acme-staffing.com")
    type_into(qtbot, page.business_phone, "(415) 555-2671")
    window.desktop.open_paths.append(make_logo(tmp_path / "logo.png"))
    click(qtbot, page.choose_logo)
    assert "200\u00d7120" in page.logo_note.text()
    assert not next_button(window).isEnabled()
    window.desktop.save_paths.append(tmp_path / "logo-small.png")
    click(qtbot, page.fit_logo)
    assert "80\u00d748" in page.logo_note.text()
    go_next(qtbot, window, StepId.CREDENTIALS)

    page = current(window)
    type_into(qtbot, page.client_id, CLIENT_ID)
    type_into(qtbot, page.secret, SECRET)


def test_wizard_walks_all_steps(qtbot, open_window, desktop, profile_file, keychain, config_dir, tmp_path):
    window = open_window(load_profile(profile_file))
    fill_first_steps(qtbot, window, tmp_path)
    go_next(qtbot, window, StepId.ACTIVATION_EMAIL)
    assert keychain.load().reveal() == SECRET

    page = current(window)
    type_into(qtbot, page.contact_name, "Dana Reyes")
    type_into(qtbot, page.contact_email, "Dana.Reyes@acme-staffing.com")
    type_into(qtbot, page.recipient, "activation@linkedin.example")
    preview = page.preview.toPlainText()
    assert "Subject: JazzHR LinkedIn Integration Activation" in preview
    assert SECRET not in preview

    click(qtbot, page.open_mail)
    mailto = desktop.opened[-1]
    parts = urlsplit(mailto)
    query = parse_qs(parts.query)
    assert unquote(parts.path) == "activation@linkedin.example"
    assert query["subject"] == ["JazzHR LinkedIn Integration Activation"]
    assert query["body"][0] == page.draft().body

    desktop.save_paths.append(tmp_path / "draft.eml")
    click(qtbot, page.save_eml)
    message = email.message_from_bytes((tmp_path / "draft.eml").read_bytes(), policy=email.policy.default)
    assert message["Subject"] == "JazzHR LinkedIn Integration Activation"
    body = message.get_content()
    for fact in ("Acme Staffing", "Dana Reyes", "Dana.Reyes@acme-staffing.com", "123456", CLIENT_ID):
        assert fact in body
    assert SECRET not in (tmp_path / "draft.eml").read_text()

    click(qtbot, page.sent_button)
    go_next(qtbot, window, StepId.APPROVAL)

    page = current(window)
    assert "today" in page.sent_status.text()
    click(qtbot, page.approved)
    go_next(qtbot, window, StepId.SDK_DOMAIN)

    page = current(window)
    assert page.domain.value() == window.session.profile.sdk_domain
    assert not page.updated.isEnabled()
    click(qtbot, page.added)
    click(qtbot, page.updated)
    go_next(qtbot, window, StepId.JAZZHR)

    page = current(window)
    assert page.client_id.value() == CLIENT_ID
    assert SECRET not in page.secret.value()
    click(qtbot, page.secret.button)
    assert QApplication.clipboard().text() == SECRET
    assert desktop.secret_clear_pending
    click(qtbot, page.saved)
    go_next(qtbot, window, StepId.DONE)

    summary = current(window).summary.text()
    assert "Left:" not in summary
    assert "Company: Acme Staffing" in summary
    QApplication.clipboard().clear()

    assert window.session.save_now()
    saved_text = paths.settings_file().read_text(encoding="utf-8")
    assert SECRET not in saved_text
    saved = json.loads(saved_text)
    assert saved["contract_ids"] == ["123456"]
    assert saved["company"]["name"] == "Acme Staffing"
    assert saved["company"]["website"] == "https://www.acme-staffing.com"
    assert saved["company"]["business_email"] == "hr@acme-staffing.com"
    assert saved["company"]["business_phone"] == "+1 415-555-2671"
    assert saved["company"]["logo_path"] == str(tmp_path / "logo-small.png")
    assert saved["client_id"] == CLIENT_ID
    assert saved["contact_email"] == "Dana.Reyes@acme-staffing.com"
    assert saved["email_recipient"] == "activation@linkedin.example"
    assert saved["email_sent_on"]
    assert saved["approved_on"]
    assert saved["sdk_domain_added"] and saved["sdk_domain_updated"]
    assert saved["jazzhr_saved_on"]
    assert saved["secret_backend"] == "SecretService.Keyring"
    assert saved["current_step"] == "done"
    for path in config_dir.rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text(encoding="utf-8", errors="replace"), path


def test_restart_in_step_five_restores_values(qtbot, open_window, profile_file, keychain, tmp_path):
    profile = load_profile(profile_file)
    window = open_window(profile)
    fill_first_steps(qtbot, window, tmp_path)
    go_next(qtbot, window, StepId.ACTIVATION_EMAIL)
    page = current(window)
    type_into(qtbot, page.contact_name, "Dana Reyes")
    qtbot.keyClicks(page.contact_email.edit, "dana@acme")
    window.close()

    again = open_window(profile)
    assert again.wizard.currentId() == index_of(StepId.ACTIVATION_EMAIL)
    page = current(again)
    assert page.contact_name.text() == "Dana Reyes"
    assert page.contact_email.text() == "dana@acme"
    state = again.session.state
    assert state.contract_ids == ["123456"]
    assert state.company.name == "Acme Staffing"
    assert state.client_id == CLIENT_ID
    assert state.secret_backend == "SecretService.Keyring"
    click(qtbot, again.wizard.button(QWizard.WizardButton.BackButton))
    assert again.wizard.currentId() == index_of(StepId.CREDENTIALS)
    assert current(again).client_id.text() == CLIENT_ID
    assert "saved in the keychain" in current(again).saved_status.text()


class RaisingKeyring(keyring.backend.KeyringBackend):
    """A keychain that is present but rejects every secret, as a locked one does.

    Priority 0 keeps keyring's own backend discovery, which finds every subclass, from
    choosing or chaining it in other tests.
    """

    priority = 0

    def set_password(self, service, username, password):
        raise keyring.errors.KeyringLocked("the collection is locked")

    def get_password(self, service, username):
        return None

    def delete_password(self, service, username):
        raise keyring.errors.PasswordDeleteError("nothing stored")


@pytest.mark.parametrize(
    ("backend", "expected"),
    [
        (pytest.param("fail", "no usable keychain", id="no-backend")),
        (pytest.param("raising", "locked", id="store-raises")),
    ],
)
def test_keychain_failure_keeps_values(qtbot, open_window, desktop, profile_file, config_dir, tmp_path, backend, expected):
    from keyring.backends import fail

    chosen = fail.Keyring() if backend == "fail" else RaisingKeyring()
    window = open_window(load_profile(profile_file), chosen)
    fill_first_steps(qtbot, window, tmp_path)

    desktop.choices.append(2)  # "Stay on this page"
    click(qtbot, next_button(window))
    title, text, buttons = desktop.questions[-1]
    assert expected in text
    assert SECRET not in text
    assert window.wizard.currentId() == index_of(StepId.CREDENTIALS)
    page = current(window)
    assert page.client_id.text() == CLIENT_ID
    assert page.secret.text() == SECRET

    desktop.choices.append(1)  # "Keep it for this session only"
    click(qtbot, next_button(window))
    assert window.wizard.currentId() == index_of(StepId.ACTIVATION_EMAIL)
    assert window.session.secrets.load().reveal() == SECRET
    assert window.session.save_now()
    for path in config_dir.rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text(encoding="utf-8", errors="replace"), path


def test_company_markup_shown_literally(qtbot, open_window, profile_file, tmp_path):
    window = open_window(load_profile(profile_file))
    window.session.state.company.name = "<b>Acme</b> & Co"
    window.session.state.contact_name = "<i>Dana</i>"
    window.wizard.go_to(index_of(StepId.CREDENTIALS))
    email_page = window.pages[StepId.ACTIVATION_EMAIL]
    email_page.initializePage()
    assert "Customer Account Name: <b>Acme</b> & Co" in email_page.preview.toPlainText()
    done_page = window.pages[StepId.DONE]
    done_page.initializePage()
    assert done_page.summary.textFormat() == Qt.TextFormat.PlainText
    assert "Company: <b>Acme</b> & Co" in done_page.summary.text()


def test_lite_plan_stops_the_flow(qtbot, open_window, profile_file):
    window = open_window(load_profile(profile_file))
    page = current(window)
    click(qtbot, page.lite)
    assert not next_button(window).isEnabled()
    assert "Recruiter Lite cannot be connected" in page.explanation.text()
    click(qtbot, page.corporate)
    assert next_button(window).isEnabled()


def test_open_url_failure_offers_address(qtbot, profile_file):
    desktop = RecordingDesktop(open_succeeds=False)
    window = create_window(load_profile(profile_file), desktop)
    qtbot.addWidget(window)
    window.show()
    page = window.pages[StepId.BEFORE_START]
    click(qtbot, page.corporate)
    click(qtbot, next_button(window))
    click(qtbot, current(window).open_recruiter)
    title, text = desktop.messages[-1]
    assert window.session.profile.recruiter_url in text
    assert QApplication.clipboard().text() == window.session.profile.recruiter_url


def test_profile_recipient_is_used(qtbot, tmp_path):
    profile = load_profile(write_profile(tmp_path, recipient="csa-activation@linkedin.example"))
    window = create_window(profile, RecordingDesktop())
    qtbot.addWidget(window)
    page = window.pages[StepId.ACTIVATION_EMAIL]
    page.initializePage()
    assert page.recipient.text() == "csa-activation@linkedin.example"


def test_secret_case_change_makes_test_stale(qtbot, open_window, desktop, standin, tmp_path):
    from tests.standin import Mode
    from wizard.domain.checklist import Facts, Status, evaluate

    profile = load_profile(write_profile(tmp_path, token_endpoint=standin.url(Mode.ACCEPTED)))
    window = open_window(profile)
    fill_first_steps(qtbot, window, tmp_path)
    go_next(qtbot, window, StepId.ACTIVATION_EMAIL)
    page = current(window)
    type_into(qtbot, page.contact_name, "Dana Reyes")
    type_into(qtbot, page.contact_email, "dana@acme-staffing.com")
    type_into(qtbot, page.recipient, "activation@linkedin.example")
    click(qtbot, page.sent_button)
    go_next(qtbot, window, StepId.APPROVAL)

    tester = current(window).test_widget
    with qtbot.waitSignal(tester.test_finished, timeout=10_000) as finished:
        click(qtbot, tester.findChild(QPushButton, "testCredentialsButton"))
    assert finished.args == ["accepted"]
    summary_page = window.pages[StepId.DONE]
    summary_page.ensure_built()
    summary_page.refresh()
    assert "accepted by LinkedIn" in summary_page.summary.text()

    window.go_to_step(StepId.CREDENTIALS)
    page = current(window)
    changed = SECRET[:-1] + SECRET[-1].swapcase()
    type_into(qtbot, page.secret, changed)
    go_next(qtbot, window, StepId.ACTIVATION_EMAIL)
    stored = SecretStore(profile.id)
    try:
        assert stored.load().reveal() == changed
    finally:
        stored.delete()

    window.go_to_step(StepId.APPROVAL)
    assert current(window).test_widget.stale_shown
    summary_page.refresh()
    assert "accepted by LinkedIn" not in summary_page.summary.text()
    assert "test again" in summary_page.summary.text()
    facts = Facts(ats_name=profile.ats_name, sdk_domain=profile.sdk_domain)
    checks = {result.id: result for result in evaluate(window.session.state, facts)}
    assert checks["credential_test"].status is Status.WARNING
    assert "run it again" in checks["credential_test"].detail


def test_step_list_jumps_back(qtbot, open_window, profile_file, keychain, tmp_path):
    window = open_window(load_profile(profile_file))
    fill_first_steps(qtbot, window, tmp_path)
    assert window.wizard.currentId() == index_of(StepId.CREDENTIALS)

    item = window.step_list.item(index_of(StepId.CONTRACT))
    qtbot.mouseClick(window.step_list.viewport(), Qt.MouseButton.LeftButton, pos=window.step_list.visualItemRect(item).center())
    assert window.wizard.currentId() == index_of(StepId.CONTRACT)
    assert current(window).list.item(0).text() == "123456"

    later = window.step_list.item(index_of(StepId.JAZZHR))
    qtbot.mouseClick(window.step_list.viewport(), Qt.MouseButton.LeftButton, pos=window.step_list.visualItemRect(later).center())
    # Forward passes the complete steps, saving the secret on the way, and stops at the
    # first step that is not complete yet.
    assert window.wizard.currentId() == index_of(StepId.ACTIVATION_EMAIL)
    assert keychain.load().reveal() == SECRET
    assert "first" in window.statusBar().currentMessage()


def test_same_secret_restored_to_keychain(qtbot, open_window, profile_file, keychain, tmp_path):
    profile = load_profile(profile_file)
    window = open_window(profile)
    fill_first_steps(qtbot, window, tmp_path)
    go_next(qtbot, window, StepId.ACTIVATION_EMAIL)
    window.close()
    keychain.delete()
    assert keychain.load() is None

    again = open_window(profile)
    again.go_to_step(StepId.CREDENTIALS)
    type_into(qtbot, current(again).secret, SECRET)
    go_next(qtbot, again, StepId.ACTIVATION_EMAIL)
    assert keychain.load().reveal() == SECRET


def test_checklist_fix_opens_step(qtbot, open_window, profile_file, keychain, tmp_path):
    window = open_window(load_profile(profile_file))
    fill_first_steps(qtbot, window, tmp_path)
    state = window.session.state
    state.contact_name = "Dana Reyes"
    state.contact_email = "dana@acme-staffing.com"
    state.email_recipient = "activation@linkedin.example"
    state.email_sent_on = "2026-12-01"
    state.approved_on = "2026-12-03"
    state.sdk_domain_added = True
    window.session.changed()

    click(qtbot, window.wizard.button(QWizard.WizardButton.NextButton))
    window.show_checklist()
    fix = window.checklist_view.findChild(QPushButton, "fix_button_sdk_domain")
    assert fix is not None and fix.isVisible()
    qtbot.mouseClick(fix, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.setup_view
    assert window.wizard.currentId() == index_of(StepId.SDK_DOMAIN)
    assert current(window).added.isChecked()
    assert not current(window).updated.isChecked()


def test_edge_of_calendar_test_time_starts(qtbot, profile_file, config_dir):
    """A saved test time that overflows in UTC conversion must not stop the window from opening."""
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "setup.json").write_text(
        json.dumps(
            {
                "schema_version": 1,
                "current_step": "approval",
                "plan": "corporate",
                "contract_ids": ["123456"],
                "last_test": {"outcome": "accepted", "tested_at": "9999-12-31T23:00:00-05:00"},
            }
        ),
        encoding="utf-8",
    )
    window = create_window(load_profile(profile_file), RecordingDesktop())
    qtbot.addWidget(window)
    window.pages[StepId.APPROVAL].ensure_built()
    assert "9999-12-31" in window.pages[StepId.APPROVAL].test_widget.findChild(QLabel, "credentialTestMessageLabel").text()


def test_copied_secret_cleared(qtbot):
    desktop = RecordingDesktop()
    desktop.copy_secret(SECRET)
    clipboard = QApplication.clipboard()
    assert clipboard.text() == SECRET
    assert clipboard.mimeData().hasFormat("x-kde-passwordManagerHint")
    assert desktop.secret_clear_pending
    # What the timer, or quitting, does; another text copied meanwhile is left alone.
    desktop._clear_secret_from_clipboard()
    assert clipboard.text() == ""
    desktop.copy_secret(SECRET)
    clipboard.setText("something else")
    desktop._clear_secret_from_clipboard()
    assert clipboard.text() == "something else"


class SlowKeyring(keyring.backend.KeyringBackend):
    """A keychain that takes a second to store, as one waiting on an unlock prompt does."""

    priority = 0

    def __init__(self) -> None:
        super().__init__()
        self.stored: dict[tuple[str, str], str] = {}

    def set_password(self, service, username, password):
        import time

        time.sleep(1.0)
        self.stored[(service, username)] = password

    def get_password(self, service, username):
        return self.stored.get((service, username))

    def delete_password(self, service, username):
        self.stored.pop((service, username), None)


def test_slow_keychain_keeps_window_responsive(qtbot, open_window, profile_file, tmp_path):
    from PySide6.QtCore import QTimer

    backend = SlowKeyring()
    window = open_window(load_profile(profile_file), backend)
    fill_first_steps(qtbot, window, tmp_path)
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    click(qtbot, next_button(window))
    timer.stop()
    assert window.wizard.currentId() == index_of(StepId.ACTIVATION_EMAIL)
    assert list(backend.stored.values()) == [SECRET]
    # About 50 ticks in one second; a frozen window would give none.
    assert len(ticks) >= 25
    assert window.isEnabled()


def test_close_asks_about_unsaved_secret(qtbot, open_window, desktop, profile_file, tmp_path):
    window = open_window(load_profile(profile_file))
    fill_first_steps(qtbot, window, tmp_path)
    desktop.choices.append(0)  # "Keep the window open"
    window.close()
    assert window.isVisible()
    title, text, buttons = desktop.questions[-1]
    assert "Client Secret you pasted" in text
    assert SECRET not in text

    desktop.choices.append(1)  # "Close and lose them"
    window.close()
    assert not window.isVisible()

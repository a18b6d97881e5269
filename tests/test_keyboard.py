"""The whole wizard, a seat binding and a checklist fix, with key presses only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.desktop_double import RecordingDesktop
from wizard.domain.model import StepId
from wizard.domain.steps import index_of
from wizard.services import paths
from wizard.services.profile import load_profile
from wizard.ui.app import create_window

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifier)


def type_text(qtbot, window, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget() or window, text)


def alt(qtbot, window, letter: str) -> None:
    """Press Alt and a mnemonic letter; a button's click follows about 100 ms later."""
    press(qtbot, window, getattr(Qt.Key, f"Key_{letter.upper()}"), ALT)
    qtbot.wait(300)


def fill(qtbot, window, letter: str, text: str) -> None:
    """Jump to a field by its label's mnemonic and type into it."""
    alt(qtbot, window, letter)
    type_text(qtbot, window, text)


def next_step(qtbot, window, expected: StepId) -> None:
    alt(qtbot, window, "n")
    qtbot.waitUntil(lambda: window.wizard.currentId() == index_of(expected), timeout=3000)


def test_keyboard_only_walk(qtbot, profile_file, keychain, tmp_path):
    desktop = RecordingDesktop()
    window = create_window(load_profile(profile_file), desktop)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)

    alt(qtbot, window, "c")
    assert window.session.state.plan.value == "corporate"
    next_step(qtbot, window, StepId.CONTRACT)

    fill(qtbot, window, "i", "123456")
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.session.state.contract_ids == ["123456"]
    next_step(qtbot, window, StepId.APPLICATION)

    fill(qtbot, window, "c", "Acme Staffing")
    fill(qtbot, window, "w", "https://www.acme-staffing.com")
    fill(qtbot, window, "e", "hr@acme-staffing.com")
    fill(qtbot, window, "p", "415 555 2671")
    desktop.open_paths.append(paths.resources_dir() / "icons" / "csa-setup-64.png")
    alt(qtbot, window, "s")
    qtbot.waitUntil(lambda: window.session.state.company.logo_width == 64, timeout=3000)
    next_step(qtbot, window, StepId.CREDENTIALS)

    fill(qtbot, window, "i", "86abcde1fgh2ij")
    fill(qtbot, window, "s", "Wq7/Zr+Lm=Xy3KpQ")
    next_step(qtbot, window, StepId.ACTIVATION_EMAIL)
    assert keychain.load().reveal() == "Wq7/Zr+Lm=Xy3KpQ"

    fill(qtbot, window, "a", "Dana Reyes")
    fill(qtbot, window, "m", "dana@acme-staffing.com")
    fill(qtbot, window, "t", "activation@linkedin.example")
    alt(qtbot, window, "i")
    qtbot.waitUntil(lambda: bool(window.session.state.email_sent_on), timeout=3000)
    next_step(qtbot, window, StepId.APPROVAL)

    alt(qtbot, window, "a")
    next_step(qtbot, window, StepId.SDK_DOMAIN)

    alt(qtbot, window, "a")
    alt(qtbot, window, "u")
    next_step(qtbot, window, StepId.JAZZHR)

    alt(qtbot, window, "k")
    next_step(qtbot, window, StepId.DONE)
    assert "Left:" not in window.pages[StepId.DONE].summary.text()

    alt(qtbot, window, "i")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.checklist_view, timeout=3000)

    press(qtbot, window, Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(lambda: window.seat_pane.isAncestorOf(QApplication.focusWidget()), timeout=3000)
    fill(qtbot, window, "r", "Dana Reyes")
    fill(qtbot, window, "l", "Dana.Reyes@acme-staffing.com")
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.session.state.seats) == 1, timeout=3000)
    assert window.session.state.seats[0].email == "Dana.Reyes@acme-staffing.com"

    # A checklist fix: forget the SDK domain's Update click, then fix it from the checklist.
    window.session.state.sdk_domain_updated = False
    window.session.changed()
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    window.checklist_view.focus_check("sdk_domain")
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.wizard.currentId() == index_of(StepId.SDK_DOMAIN), timeout=3000)
    assert window.stack.currentWidget() is window.setup_view


def test_typing_keeps_focus_in_field(qtbot, profile_file):
    """Each key goes to the focused widget, as a real keyboard's would, while the page changes state."""
    window = create_window(load_profile(profile_file), RecordingDesktop())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    state = window.session.state
    state.plan = state.plan.CORPORATE
    state.contract_ids = ["123456"]
    state.company.name = "Acme Staffing"
    state.company.website = "https://www.acme-staffing.com"
    state.company.business_email = "hr@acme-staffing.com"
    state.company.logo_path = str(paths.resources_dir() / "icons" / "csa-setup-64.png")
    state.company.logo_width = state.company.logo_height = 64
    window.go_to_step(StepId.APPLICATION)
    page = window.pages[StepId.APPLICATION]
    next_button = window.wizard.button(window.wizard.WizardButton.NextButton)
    assert not next_button.isEnabled()

    page.business_phone.edit.setFocus()
    for character in "(415) 555-2671":
        qtbot.keyClick(QApplication.focusWidget(), character)
        assert QApplication.focusWidget() is page.business_phone.edit
    # The page became complete on the last digit without the field losing focus or
    # being reformatted half-way.
    assert page.business_phone.text() == "(415) 555-2671"
    assert next_button.isEnabled()
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backspace)
        assert QApplication.focusWidget() is page.business_phone.edit
    assert not next_button.isEnabled()


def test_next_focuses_first_field(qtbot, profile_file):
    window = create_window(load_profile(profile_file), RecordingDesktop())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)

    alt(qtbot, window, "c")
    next_step(qtbot, window, StepId.CONTRACT)
    page = window.pages[StepId.CONTRACT]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.input, timeout=3000)
    type_text(qtbot, window, "123456")
    assert page.input.text() == "123456"


def test_back_records_current_step(qtbot, profile_file, config_dir):
    window = create_window(load_profile(profile_file), RecordingDesktop())
    qtbot.addWidget(window)
    window.show()
    window.session.state.plan = window.session.state.plan.CORPORATE
    window.session.state.contract_ids = ["123456"]
    window.go_to_step(StepId.APPLICATION)
    assert window.session.state.current_step is StepId.APPLICATION
    qtbot.mouseClick(window.wizard.button(window.wizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)
    assert window.session.state.current_step is StepId.CONTRACT
    assert window.session.save_now()
    assert '"current_step": "contract"' in paths.settings_file().read_text(encoding="utf-8")

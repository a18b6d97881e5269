"""The seat side pane, driven as a recruiter would: mouse clicks, typed text and keys."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QWidget,
)

from wizard.domain.model import SeatBinding, SetupState
from wizard.services import paths
from wizard.services.profile import Profile
from wizard.services.secret_store import SecretStore
from wizard.services.settings_store import SettingsStore
from wizard.ui.desktop import Desktop
from wizard.ui.seat_pane import SeatPane
from wizard.ui.session import Session
from wizard.ui.widgets import FieldNote, NoteKind


class RecordingDesktop(Desktop):
    """A desktop that records what would open and returns from every dialog without showing it."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []
        self.messages: list[tuple[str, str]] = []

    def _open(self, url: QUrl) -> bool:
        self.opened.append(url.toString())
        return True

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        self.messages.append((title, text))

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        self.messages.append((title, text))

    def choose(self, parent: QWidget | None, title: str, text: str, buttons: list[str]) -> int:
        self.messages.append((title, text))
        return -1


def make_session(profile: Profile, state: SetupState | None = None) -> Session:
    return Session(state or SetupState(), SettingsStore(paths.settings_file()), SecretStore(profile.id), profile)


@pytest.fixture
def desktop() -> RecordingDesktop:
    return RecordingDesktop()


@pytest.fixture
def session(profile: Profile) -> Session:
    return make_session(profile)


@pytest.fixture
def pane(qtbot, session: Session, desktop: RecordingDesktop) -> SeatPane:
    widget = SeatPane(session, desktop)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def add_binding(pane: SeatPane, name: str, email: str) -> None:
    if pane.add_button.isEnabled():
        pane.add_button.click()
    pane.name_edit.setText(name)
    pane.email_edit.setText(email)
    pane.save_button.click()


def list_texts(pane: SeatPane) -> list[str]:
    return [pane.seat_list.item(row).text() for row in range(pane.seat_list.count())]


def stored(session: Session) -> list[tuple[str, str]]:
    return [(binding.name, binding.email) for binding in session.state.seats]


# --- adding, editing, removing ----------------------------------------------------------


def test_empty_pane_opens_form(pane: SeatPane) -> None:
    assert pane.form_box.isVisible()
    assert pane.empty_label.isVisible()
    assert not pane.seat_list.isVisible()
    assert not pane.detail_box.isVisible()


def test_add_edit_remove_undo(qtbot, pane: SeatPane, session: Session) -> None:
    with qtbot.waitSignal(pane.binding_added) as added:
        add_binding(pane, "Jo", "jo@example.com")
    assert added.args == [0]
    add_binding(pane, "Ann Lee", "Ann.Lee@Example.com")

    assert stored(session) == [("Jo", "jo@example.com"), ("Ann Lee", "Ann.Lee@Example.com")]
    assert list_texts(pane) == ["Jo\njo@example.com", "Ann Lee\nAnn.Lee@Example.com"]
    assert not pane.form_box.isVisible()
    assert pane.seat_list.currentRow() == 1

    pane.seat_list.setCurrentRow(0)
    pane.edit_button.click()
    assert pane.form_box.title() == "Edit binding"
    assert pane.email_edit.text() == "jo@example.com"
    pane.name_edit.setText("Jo Smith")
    pane.email_edit.setText("Jo.Smith@example.com")
    with qtbot.waitSignal(pane.binding_edited) as edited:
        pane.save_button.click()
    assert edited.args == [0]
    assert stored(session)[0] == ("Jo Smith", "Jo.Smith@example.com")
    assert pane.seat_list.item(0).text() == "Jo Smith\nJo.Smith@example.com"

    pane.seat_list.setCurrentRow(1)
    with qtbot.waitSignal(pane.binding_removed) as removed:
        pane.remove_button.click()
    assert removed.args == [1]
    assert stored(session) == [("Jo Smith", "Jo.Smith@example.com")]
    assert pane.undo_bar.isVisible()
    assert pane.undo_label.text() == "Removed Ann Lee (Ann.Lee@Example.com)."

    with qtbot.waitSignal(pane.removal_undone) as undone:
        pane.undo_button.click()
    assert undone.args == [1]
    assert stored(session) == [("Jo Smith", "Jo.Smith@example.com"), ("Ann Lee", "Ann.Lee@Example.com")]
    assert not pane.undo_bar.isVisible()
    assert pane.seat_list.currentRow() == 1


def test_removing_last_binding_reopens_form(pane: SeatPane, session: Session) -> None:
    add_binding(pane, "Jo", "jo@example.com")

    pane.remove_button.click()

    assert session.state.seats == []
    assert pane.form_box.isVisible()
    assert pane.undo_bar.isVisible()

    pane.undo_button.click()

    assert stored(session) == [("Jo", "jo@example.com")]
    assert not pane.form_box.isVisible()


def test_undo_rejected_when_email_rebound(pane: SeatPane, session: Session) -> None:
    add_binding(pane, "Jo", "jo@example.com")
    pane.remove_button.click()
    add_binding(pane, "Jo again", "jo@example.com")

    pane.undo_button.click()

    assert stored(session) == [("Jo again", "jo@example.com")]
    assert pane.undo_bar.isVisible()
    assert pane.undo_label.text().startswith("Cannot restore the binding: ")
    assert "already bound to Jo again" in pane.undo_label.text()


def test_cancel_keeps_state(pane: SeatPane, session: Session) -> None:
    add_binding(pane, "Jo", "jo@example.com")
    pane.edit_button.click()
    pane.name_edit.setText("Someone else")

    pane.cancel_button.click()

    assert stored(session) == [("Jo", "jo@example.com")]
    assert not pane.form_box.isVisible()
    assert pane.detail_box.isVisible()


def test_name_spaces_collapsed_with_note(pane: SeatPane) -> None:
    pane.name_edit.setText("  Jo   Smith ")
    pane.name_edit.editingFinished.emit()

    assert pane.name_edit.text() == "Jo Smith"
    assert pane.name_note.kind is NoteKind.INFO
    assert "Removed extra spaces" in pane.name_note.text()


def test_missing_values_shown_after_save(pane: SeatPane, session: Session) -> None:
    pane.email_edit.setText("jo@localhost")
    assert pane.email_note.kind is NoteKind.NONE

    pane.save_button.click()

    assert session.state.seats == []
    assert pane.name_note.kind is NoteKind.ERROR
    assert "Name is missing" in pane.name_note.text()
    assert pane.email_note.kind is NoteKind.ERROR
    assert "is not a valid email address" in pane.email_note.text()


# --- persistence ------------------------------------------------------------------------


def test_bindings_survive_restart(qtbot, pane: SeatPane, session: Session, profile: Profile, desktop: RecordingDesktop) -> None:
    add_binding(pane, "Jo Smith", "Jo.Smith@Example.com")
    add_binding(pane, "Ann Lee", "ann@example.com")
    pane.seat_list.setCurrentRow(0)
    pane.done_button.click()
    qtbot.waitUntil(lambda: not session.save_pending)

    saved = json.loads(paths.settings_file().read_text(encoding="utf-8"))
    assert saved["seats"][0]["email"] == "Jo.Smith@Example.com"

    loaded = SettingsStore(paths.settings_file()).load()
    assert loaded.problem == ""
    restarted = SeatPane(make_session(profile, loaded.state), desktop)
    qtbot.addWidget(restarted)
    restarted.show()

    today = dt.date.today().isoformat()
    assert list_texts(restarted) == [
        f"Jo Smith\nJo.Smith@Example.com\nDone in JazzHR on {today}",
        "Ann Lee\nann@example.com",
    ]
    assert not restarted.form_box.isVisible()


# --- email checks -----------------------------------------------------------------------


def test_case_only_duplicate_warns(pane: SeatPane, session: Session) -> None:
    add_binding(pane, "Jo Smith", "Jo.Smith@Example.com")
    pane.add_button.click()
    pane.name_edit.setText("Jo")
    pane.email_edit.setText("jo.smith@example.com")

    assert pane.form_warning.kind is NoteKind.WARNING
    assert "Jo (jo.smith@example.com)" in pane.form_warning.text()
    assert "Jo Smith (Jo.Smith@Example.com)" in pane.form_warning.text()

    pane.save_button.click()

    assert stored(session) == [("Jo Smith", "Jo.Smith@Example.com"), ("Jo", "jo.smith@example.com")]
    assert pane.warnings_note.kind is NoteKind.WARNING
    assert "Jo Smith (Jo.Smith@Example.com)" in pane.warnings_note.text()
    assert "Jo (jo.smith@example.com)" in pane.warnings_note.text()
    assert "case sensitive" in pane.warnings_note.text()


def test_exact_duplicate_refused(pane: SeatPane, session: Session) -> None:
    add_binding(pane, "Jo Smith", "jo@example.com")

    add_binding(pane, "Someone", "jo@example.com")

    assert stored(session) == [("Jo Smith", "jo@example.com")]
    assert pane.form_box.isVisible()
    assert pane.email_note.kind is NoteKind.ERROR
    assert "already bound to Jo Smith" in pane.email_note.text()


def test_trailing_nbsp_reported_and_cleaned(pane: SeatPane, session: Session) -> None:
    pane.name_edit.setText("Jo")
    pane.email_edit.setText("Jo@Example.com\u00a0")

    assert pane.email_note.kind is NoteKind.ERROR
    assert "a non-breaking space at the end" in pane.email_note.text()
    assert pane.clean_button.isVisible()

    pane.save_button.click()
    assert session.state.seats == []

    pane.clean_button.click()
    assert pane.email_edit.text() == "Jo@Example.com"
    assert pane.email_note.kind is NoteKind.INFO
    assert pane.email_note.text() == "Note: Removed a non-breaking space at the end."
    assert not pane.clean_button.isVisible()

    pane.save_button.click()
    assert stored(session) == [("Jo", "Jo@Example.com")]


# --- plain text -------------------------------------------------------------------------


def test_markup_name_shown_literally(pane: SeatPane) -> None:
    add_binding(pane, "<i>Jo</i>", "jo@example.com")
    pane.remove_button.click()
    pane.undo_button.click()

    assert pane.seat_list.item(0).text() == "<i>Jo</i>\njo@example.com"
    assert pane.detail_name_label.text() == "<i>Jo</i>"
    assert pane.detail_name_label.textFormat() is Qt.TextFormat.PlainText
    assert "as <i>Jo</i> and open My Profile" in pane.steps_label.text()
    assert pane.steps_label.textFormat() is Qt.TextFormat.PlainText
    assert pane.undo_label.textFormat() is Qt.TextFormat.PlainText
    # Any label that can show typed text must not interpret it.
    for label in pane.findChildren(QLabel):
        if "<i>" in label.text():
            assert label.textFormat() is Qt.TextFormat.PlainText, label.objectName()


# --- the JazzHR steps -------------------------------------------------------------------


def test_copy_email_exactly(pane: SeatPane) -> None:
    add_binding(pane, "Jo", "Jo.Smith@Example.com")

    pane.copy_button.click()

    assert QGuiApplication.clipboard().text() == "Jo.Smith@Example.com"
    assert pane.copy_note.text() == "Note: Copied Jo.Smith@Example.com to the clipboard."
    assert pane.copy_button.accessibleDescription()


def test_open_jazzhr(pane: SeatPane, desktop: RecordingDesktop, profile: Profile) -> None:
    add_binding(pane, "Jo", "jo@example.com")

    pane.open_button.click()

    assert desktop.opened == [QUrl(profile.ats_app_url).toString()]
    assert desktop.messages == []


def test_mark_done_records_date(qtbot, pane: SeatPane, session: Session) -> None:
    add_binding(pane, "Jo", "jo@example.com")
    today = dt.date.today().isoformat()

    with qtbot.waitSignal(pane.completion_recorded):
        pane.done_button.click()

    assert session.state.seats[0].completed_on == today
    assert pane.status_label.text() == f"Marked as done in JazzHR on {today}."
    assert pane.seat_list.item(0).text().endswith(f"Done in JazzHR on {today}")

    pane.done_button.click()

    assert session.state.seats[0].completed_on == ""
    assert pane.status_label.text() == "Not marked as done yet."


# --- the session ------------------------------------------------------------------------


def test_refreshes_on_state_changed(pane: SeatPane, session: Session) -> None:
    add_binding(pane, "Jo", "jo@example.com")

    session.state.seats.append(SeatBinding("Ann", "ann@example.com"))
    session.changed()

    assert list_texts(pane) == ["Jo\njo@example.com", "Ann\nann@example.com"]
    assert pane.seat_list.currentRow() == 0


def test_read_only_disables_editing(qtbot, profile: Profile, desktop: RecordingDesktop) -> None:
    session = make_session(profile, SetupState(seats=[SeatBinding("Jo", "jo@example.com")]))
    session.read_only = True
    pane = SeatPane(session, desktop)
    qtbot.addWidget(pane)
    pane.show()

    assert not pane.add_button.isEnabled()
    assert not pane.edit_button.isEnabled()
    assert not pane.remove_button.isEnabled()
    assert not pane.done_button.isEnabled()
    assert not pane.form_box.isVisible()
    assert pane.copy_button.isEnabled()
    assert pane.read_only_note.kind is NoteKind.INFO

    pane.seat_list.setCurrentRow(0)
    pane.seat_list.itemActivated.emit(pane.seat_list.item(0))
    assert not pane.form_box.isVisible()


def test_empty_read_only_shows_no_form(qtbot, profile: Profile, desktop: RecordingDesktop) -> None:
    session = make_session(profile)
    session.read_only = True
    pane = SeatPane(session, desktop)
    qtbot.addWidget(pane)
    pane.show()

    assert not pane.form_box.isVisible()
    assert pane.empty_label.isVisible()


# --- names for tests and assistive technology -------------------------------------------


def test_widgets_have_names(pane: SeatPane) -> None:
    add_binding(pane, "Jo", "jo@example.com")
    kinds = (QLabel, QAbstractButton, QLineEdit, QListWidget, QGroupBox)

    for widget in pane.findChildren(QWidget):
        if not isinstance(widget, kinds) or isinstance(widget.parent(), FieldNote):
            continue
        if widget.objectName().startswith("qt_"):
            continue  # the dock's own title bar buttons
        assert widget.objectName(), repr(widget)
        assert widget.accessibleName() or not widget.isVisible(), widget.objectName()


# --- keyboard only ----------------------------------------------------------------------


@pytest.fixture
def window(qtbot, pane: SeatPane) -> QMainWindow:
    """A main window with the pane docked and its Ctrl+3 action, as the program sets them up."""
    main = QMainWindow()
    qtbot.addWidget(main)
    central = QLineEdit(main)
    central.setObjectName("central_edit")
    main.setCentralWidget(central)
    main.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, pane)
    action = QAction("Seat pane", main)
    action.setShortcut(QKeySequence("Ctrl+3"))
    action.triggered.connect(pane.focus_pane)
    main.addAction(action)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    central.setFocus()
    return main


def type_into_focus(qtbot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_keyboard_adds_first_binding(qtbot, window: QMainWindow, pane: SeatPane, session: Session) -> None:
    press(qtbot, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is pane.name_edit

    type_into_focus(qtbot, "Jo Smith")
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is pane.email_edit
    type_into_focus(qtbot, "Jo.Smith@Example.com")
    press(qtbot, Qt.Key.Key_Return)

    assert stored(session) == [("Jo Smith", "Jo.Smith@Example.com")]
    assert QApplication.focusWidget() is pane.seat_list


def test_keyboard_adds_second_binding(qtbot, window: QMainWindow, pane: SeatPane, session: Session) -> None:
    add_binding(pane, "Jo", "jo@example.com")
    window.centralWidget().setFocus()

    press(qtbot, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is pane.seat_list
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is pane.add_button
    press(qtbot, Qt.Key.Key_Space)
    assert QApplication.focusWidget() is pane.name_edit

    type_into_focus(qtbot, "Ann")
    press(qtbot, Qt.Key.Key_Tab)
    type_into_focus(qtbot, "ann@example.com")
    press(qtbot, Qt.Key.Key_Return)

    assert stored(session) == [("Jo", "jo@example.com"), ("Ann", "ann@example.com")]


def test_keyboard_escape_delete_undo(qtbot, window: QMainWindow, pane: SeatPane, session: Session) -> None:
    add_binding(pane, "Jo", "jo@example.com")
    add_binding(pane, "Ann", "ann@example.com")
    pane.focus_pane()
    pane.seat_list.setCurrentRow(0)

    press(qtbot, Qt.Key.Key_Return)
    assert pane.form_box.isVisible()
    assert QApplication.focusWidget() is pane.name_edit
    press(qtbot, Qt.Key.Key_Escape)
    assert not pane.form_box.isVisible()
    assert QApplication.focusWidget() is pane.seat_list

    press(qtbot, Qt.Key.Key_Delete)
    assert stored(session) == [("Ann", "ann@example.com")]
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(session.state.seats) == 2)
    assert stored(session) == [("Jo", "jo@example.com"), ("Ann", "ann@example.com")]


def test_shortcut_shows_closed_pane(qtbot, window: QMainWindow, pane: SeatPane) -> None:
    pane.close()
    assert not pane.isVisible()

    press(qtbot, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)

    assert pane.isVisible()
    assert QApplication.focusWidget() is pane.name_edit


def test_undo_offer_lapses(qtbot, window: QMainWindow, pane: SeatPane) -> None:
    from wizard.domain.model import SeatBinding

    session = pane._session
    session.state.seats = []
    pane._undo_timer.setInterval(50)
    session.state.seats.append(SeatBinding("Jo", "jo@example.com"))
    session.changed()
    pane.seat_list.setCurrentRow(0)
    qtbot.mouseClick(pane.remove_button, Qt.MouseButton.LeftButton)
    assert pane.undo_bar.isVisible()
    qtbot.waitUntil(lambda: not pane.undo_bar.isVisible(), timeout=2000)
    assert session.state.seats == []

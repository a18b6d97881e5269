"""Every page, the seat pane and the checklist: names for assistive technology, buddies, keyboard."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
    QWizard,
)

from tests.desktop_double import RecordingDesktop
from wizard.domain.model import StepId
from wizard.services.profile import load_profile
from wizard.ui.app import create_window

INTERACTIVE = (QAbstractButton, QLineEdit, QAbstractItemView, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox)


def accessible_text(widget: QWidget) -> str:
    """Return what a screen reader announces as the widget's name."""
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "")
    return ""


def has_buddy(widget: QWidget, root: QWidget) -> bool:
    return any(label.buddy() is widget for label in root.findChildren(QLabel))


@pytest.fixture
def window(qtbot, profile_file):
    window = create_window(load_profile(profile_file), RecordingDesktop())
    qtbot.addWidget(window)
    window.show()
    for page in window.pages.values():
        page.ensure_built()
    return window


def roots(window) -> list[tuple[str, QWidget]]:
    found = [(step_id.value, page) for step_id, page in window.pages.items()]
    found.append(("seat pane", window.seat_pane))
    found.append(("checklist", window.checklist_view))
    found.append(("step list", window.step_list))
    return found


def test_every_focusable_widget_named(window):
    unnamed = []
    for where, root in roots(window):
        for widget in [root, *root.findChildren(QWidget)]:
            if not isinstance(widget, INTERACTIVE):
                continue
            if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
                continue
            if isinstance(widget.parent(), QAbstractItemView) or type(widget).__name__.startswith("QScroll"):
                continue
            if not accessible_text(widget).strip():
                unnamed.append(f"{where}: {type(widget).__name__} {widget.objectName()!r}")
    assert unnamed == []


def test_every_line_edit_has_buddy(window):
    missing = []
    for where, root in roots(window):
        for edit in root.findChildren(QLineEdit):
            if not has_buddy(edit, root) and not has_buddy(edit.parentWidget(), root):
                missing.append(f"{where}: {edit.objectName()!r}")
    assert missing == []


def test_widgets_have_object_names(window):
    nameless = []
    for where, root in roots(window):
        for widget in root.findChildren(QWidget):
            if isinstance(widget, INTERACTIVE) and not widget.objectName() and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                if isinstance(widget.parent(), QAbstractItemView):
                    continue
                nameless.append(f"{where}: {type(widget).__name__} {accessible_text(widget)!r}")
    assert nameless == []


def test_copy_buttons_described(window):
    undescribed = []
    for where, root in roots(window):
        for button in root.findChildren(QAbstractButton):
            if button.text().replace("&", "").startswith("Copy") and not button.accessibleDescription():
                undescribed.append(f"{where}: {button.objectName()!r}")
    assert undescribed == []


def mnemonic(text: str) -> str | None:
    match = re.search(r"&([^&])", text.replace("&&", ""))
    return match.group(1).lower() if match else None


def test_mnemonics_unique_on_each_step(window):
    """Menus, wizard buttons, the page and the seat pane are on screen together."""
    clashes = {}
    for step_id, page in window.pages.items():
        owners: dict[str, list[str]] = {}
        for action in window.menuBar().actions():
            owners.setdefault(mnemonic(action.text()), []).append(f"menu {action.text()}")
        last = step_id is StepId.DONE
        shown = [QWizard.WizardButton.BackButton, QWizard.WizardButton.FinishButton if last else QWizard.WizardButton.NextButton]
        for which in shown:
            button = window.wizard.button(which)
            owners.setdefault(mnemonic(button.text()), []).append(button.text())
        for root in (page, window.seat_pane):
            for widget in root.findChildren(QWidget):
                if isinstance(widget, (QAbstractButton, QLabel)) and mnemonic(widget.text()):
                    owners.setdefault(mnemonic(widget.text()), []).append(widget.objectName())
        owners.pop(None, None)
        repeated = {key: names for key, names in owners.items() if len(names) > 1}
        if repeated:
            clashes[step_id.value] = repeated
    assert clashes == {}


def test_mnemonics_unique_beside_checklist(window):
    owners: dict[str, list[str]] = {}
    for action in window.menuBar().actions():
        owners.setdefault(mnemonic(action.text()), []).append(f"menu {action.text()}")
    for root in (window.checklist_view, window.seat_pane):
        for widget in root.findChildren(QWidget):
            if isinstance(widget, (QAbstractButton, QLabel)) and mnemonic(widget.text()):
                owners.setdefault(mnemonic(widget.text()), []).append(widget.objectName())
    owners.pop(None, None)
    assert {key: names for key, names in owners.items() if len(names) > 1} == {}


def test_step_items_announce_state(window):
    item = window.step_list.item(0)
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) == "1. Before you start, current step"
    item = window.step_list.item(3)
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) == "4. Client ID and Secret, not started"


def test_validation_message_announced(qtbot, window):
    window.session.state.plan = window.session.state.plan.CORPORATE
    window.go_to_step(StepId.CONTRACT)
    page = window.pages[StepId.CONTRACT]
    page.input.setText("abc")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.note.accessibleName() == "Problem"
    assert "must contain digits only" in page.note.accessibleDescription()
    assert page.input.accessibleDescription().startswith("Problem: Contract ID 'abc' must contain digits only")

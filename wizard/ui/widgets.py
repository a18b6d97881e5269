"""Small widgets the pages share: plain-text labels, field notes and copyable values."""

from __future__ import annotations

from enum import Enum
from typing import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from wizard.domain.validation import Checked


def plain_label(text: str = "", object_name: str = "", parent: QWidget | None = None, wrap: bool = True) -> QLabel:
    """Return a label that never interprets its text as markup."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setText(text)
    if object_name:
        label.setObjectName(object_name)
    return label


def heading_label(text: str, object_name: str, parent: QWidget | None = None) -> QLabel:
    label = plain_label(text, object_name, parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class NoteKind(Enum):
    NONE = ""
    INFO = "Note"
    WARNING = "Warning"
    ERROR = "Problem"


class FieldNote(QWidget):
    """A one-line message under a field: an icon and a word give its kind, not colour alone."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._icon = QLabel(self)
        self._icon.setObjectName(f"{object_name}_icon")
        self._icon.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._text = plain_label("", f"{object_name}_text", self)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self._text, 1)
        self.kind = NoteKind.NONE
        self._field: QWidget | None = None
        self.hide()

    def attach_to(self, field: QWidget) -> None:
        """Give the note's text to `field` as its accessible description, so screen readers
        announce it with the field."""
        self._field = field

    def show_note(self, kind: NoteKind, text: str) -> None:
        self.kind = kind if text else NoteKind.NONE
        if not text or kind is NoteKind.NONE:
            self._text.setText("")
            self.setAccessibleDescription("")
            if self._field is not None:
                self._field.setAccessibleDescription("")
            self.hide()
            return
        icons = {
            NoteKind.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
            NoteKind.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
            NoteKind.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
        }
        size = self.fontMetrics().height()
        self._icon.setPixmap(self.style().standardIcon(icons[kind]).pixmap(size, size))
        word = {NoteKind.INFO: self.tr("Note"), NoteKind.WARNING: self.tr("Warning"), NoteKind.ERROR: self.tr("Problem")}[kind]
        self._text.setText(f"{word}: {text}")
        self.setAccessibleName(word)
        self.setAccessibleDescription(text)
        if self._field is not None:
            self._field.setAccessibleDescription(f"{word}: {text}")
        self.show()

    def clear(self) -> None:
        self.show_note(NoteKind.NONE, "")

    def text(self) -> str:
        return self._text.text()


class CopyRow(QWidget):
    """A read-only value with a Copy button.

    Signals:
        copied(): the Copy button was pressed.
    """

    copied = Signal()

    def __init__(self, object_name: str, what: str, parent: QWidget | None = None, secret: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.field = QLineEdit(self)
        self.field.setObjectName(f"{object_name}_value")
        self.field.setReadOnly(True)
        self.field.setAccessibleName(what)
        if secret:
            self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.button = QPushButton(self.tr("Copy"), self)
        self.button.setObjectName(f"{object_name}_copy")
        self.button.setAccessibleName(self.tr("Copy {what}").format(what=what))
        self.button.setAccessibleDescription(self.tr("Copies the {what} to the clipboard").format(what=what))
        self.button.setToolTip(self.tr("Copy the {what} to the clipboard").format(what=what))
        self.button.clicked.connect(self._on_button_clicked)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.button)

    def set_value(self, value: str) -> None:
        self.field.setText(value)
        self.field.setCursorPosition(0)

    def value(self) -> str:
        return self.field.text()

    @Slot()
    def _on_button_clicked(self) -> None:
        self.copied.emit()


class CheckedField(QWidget):
    """A line edit with its label and a note underneath, checked as the user types.

    While typing, an error note disappears as soon as the value is valid; when editing
    finishes, the cleaned value replaces the text and the note shows what changed or
    what is wrong.

    Signals:
        value_changed(): the value was written to the model through `store`.
    """

    value_changed = Signal()

    def __init__(
        self,
        object_name: str,
        label_text: str,
        check: Callable[[str], Checked],
        store: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{object_name}_column")
        self._check = check
        self._store = store
        self.edit = QLineEdit(self)
        self.edit.setObjectName(object_name)
        self.edit.setAccessibleName(label_text.replace("&", "").rstrip(":"))
        self.label = QLabel(label_text, parent)
        self.label.setObjectName(f"{object_name}_label")
        self.label.setBuddy(self.edit)
        self.note = FieldNote(f"{object_name}_note", self)
        self.note.attach_to(self.edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.note)
        self.edit.textEdited.connect(self._on_edit_text_edited)
        self.edit.editingFinished.connect(self._on_edit_editing_finished)

    def add_to(self, form: QFormLayout) -> None:
        form.addRow(self.label, self)

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str) -> None:
        """Show a value from the model; this neither checks nor stores it."""
        self.edit.setText(text)

    @Slot(str)
    def _on_edit_text_edited(self, text: str) -> None:
        checked = self._check(text)
        self._store(text)
        if self.note.kind is NoteKind.ERROR and checked.ok:
            self.note.clear()
        self.value_changed.emit()

    @Slot()
    def _on_edit_editing_finished(self) -> None:
        text = self.edit.text()
        checked = self._check(text)
        if checked.ok and checked.value != text:
            self.edit.setText(checked.value)
        self._store(checked.value if checked.ok else text)
        if checked.error:
            self.note.show_note(NoteKind.ERROR, checked.error)
        elif checked.notes:
            self.note.show_note(NoteKind.INFO, " ".join(checked.notes))
        elif checked.warning:
            self.note.show_note(NoteKind.WARNING, checked.warning)
        else:
            self.note.clear()
        self.value_changed.emit()

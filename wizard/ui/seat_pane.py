"""The seat side pane: each recruiter binds the email they log in to LinkedIn with.

Recruiters are not administrators and do not run the wizard. This dock lists the seat
bindings kept on this computer, adds, edits and removes them (a removal can be undone),
and shows for the selected binding the steps to finish in JazzHR. The rules live in
`wizard.domain.seats`; this module only shows them and writes through the session.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wizard.domain import seats
from wizard.domain.model import SeatBinding
from wizard.ui.desktop import Desktop
from wizard.ui.session import Session
from wizard.ui.widgets import FieldNote, NoteKind, heading_label, plain_label

_EMAIL_ROLE = Qt.ItemDataRole.UserRole
# How long the "Removed … Undo" banner stays after a binding is removed.
UNDO_OFFER_MS = 30_000


class SeatPane(QDockWidget):
    """A dock with the seat bindings, a form to add or edit one, and the JazzHR steps.

    Signals:
        binding_added(int): a binding was added at this index.
        binding_edited(int): the binding at this index got a new name or email.
        binding_removed(int): the binding at this index was removed; Undo can restore it.
        removal_undone(int): the removed binding was restored at this index.
        completion_recorded(int): the binding at this index was marked as done in JazzHR,
            or that mark was cleared.
    """

    binding_added = Signal(int)
    binding_edited = Signal(int)
    binding_removed = Signal(int)
    removal_undone = Signal(int)
    completion_recorded = Signal(int)

    def __init__(self, session: Session, desktop: Desktop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._desktop = desktop
        self._ats = session.profile.ats_name
        # Exact email of the binding being edited, or None while the form adds a new one.
        self._editing_email: str | None = None
        self._form_open = False
        # Errors other than stray characters appear only after the first Save.
        self._show_form_errors = False
        self._removed: tuple[int, SeatBinding] | None = None
        # What the list shows, so a state change elsewhere rebuilds it only when needed.
        self._shown_bindings: tuple[tuple[str, str, str], ...] | None = None
        self._filling_list = False

        self.setObjectName("seat_pane")
        self.setWindowTitle(self.tr("Connect your LinkedIn Recruiter seat"))
        self.setAccessibleName(self.windowTitle())
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)

        scroll = QScrollArea(self)
        scroll.setObjectName("seat_scroll")
        scroll.setAccessibleName(self.windowTitle())
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(scroll)
        body.setObjectName("seat_body")
        body.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(body)
        scroll.setWidget(body)
        self.setWidget(scroll)

        self._build_intro(layout)
        self._build_list(layout)
        self._build_undo_bar(layout)
        self._build_form(layout)
        self._build_detail(layout)
        self.warnings_note = FieldNote("seat_warnings_note", body)
        layout.addWidget(self.warnings_note)
        layout.addStretch(1)
        # The horizontal scroll bar is off, so the dock must not get narrower than its content.
        scroll.setMinimumWidth(body.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width())

        session.state_changed.connect(self._on_session_state_changed)
        self._refresh()

    # --- building ---------------------------------------------------------------------

    def _label(self, text: str, object_name: str, accessible_name: str = "") -> QLabel:
        label = plain_label(text, object_name, self)
        label.setAccessibleName(accessible_name or text)
        return label

    def _button(self, text: str, object_name: str, accessible_name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(object_name)
        button.setAccessibleName(accessible_name)
        button.setAutoDefault(False)
        return button

    def _build_intro(self, layout: QVBoxLayout) -> None:
        self.intro_label = self._label(
            self.tr(
                "Each recruiter with a LinkedIn Recruiter seat connects their own %1 user to it "
                "with the email they log in to LinkedIn with. Add a binding here to get the steps."
            ).replace("%1", self._ats),
            "seat_intro_label",
        )
        layout.addWidget(self.intro_label)
        self.read_only_note = FieldNote("seat_read_only_note", self)
        layout.addWidget(self.read_only_note)

    def _build_list(self, layout: QVBoxLayout) -> None:
        list_label = QLabel(self.tr("Bindings on this computer:"), self)
        list_label.setObjectName("seat_list_label")
        list_label.setAccessibleName(self.tr("Bindings on this computer"))
        self.seat_list = QListWidget(self)
        self.seat_list.setObjectName("seat_list")
        self.seat_list.setAccessibleName(self.tr("Seat bindings"))
        self.seat_list.setAccessibleDescription(self.tr("Each item shows a recruiter's name and LinkedIn login email"))
        self.seat_list.setMaximumHeight(self.fontMetrics().height() * 10)
        self.seat_list.setAlternatingRowColors(True)
        self.seat_list.setSpacing(self.fontMetrics().height() // 4)
        list_label.setBuddy(self.seat_list)
        self.seat_list.currentRowChanged.connect(self._on_seat_list_current_row_changed)
        self.seat_list.itemActivated.connect(self._on_seat_list_item_activated)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.seat_list)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._on_remove_button_clicked)
        self.empty_label = self._label(self.tr("No binding yet."), "seat_empty_label")
        layout.addWidget(list_label)
        layout.addWidget(self.seat_list)
        layout.addWidget(self.empty_label)

        row = QHBoxLayout()
        self.add_button = self._button(self.tr("Add\u2026"), "seat_add_button", self.tr("Add a binding"))
        self.edit_button = self._button(self.tr("Edit\u2026"), "seat_edit_button", self.tr("Edit the selected binding"))
        self.remove_button = self._button(self.tr("Remove"), "seat_remove_button", self.tr("Remove the selected binding"))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        for button in (self.add_button, self.edit_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)

    @Slot()
    def _on_undo_timer_timeout(self) -> None:
        self._removed = None
        self.undo_bar.hide()

    @Slot()
    def _on_undo_shortcut_activated(self) -> None:
        if self.undo_bar.isVisible() and self.undo_button.isEnabled():
            self.undo_button.click()

    def _build_undo_bar(self, layout: QVBoxLayout) -> None:
        self.undo_bar = QFrame(self)
        self.undo_bar.setObjectName("seat_undo_bar")
        self.undo_bar.setAccessibleName(self.tr("Removed binding"))
        self.undo_bar.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self.undo_bar)
        self.undo_label = self._label("", "seat_undo_label")
        self.undo_button = self._button(self.tr("Undo"), "seat_undo_button", self.tr("Undo the removal"))
        self.undo_button.clicked.connect(self._on_undo_button_clicked)
        # Ctrl+Z inside the pane, because the pane's buttons carry no mnemonics: letters
        # are scarce next to the wizard's pages, and the pane is reached with Ctrl+3.
        self.undo_shortcut = QShortcut(QKeySequence.StandardKey.Undo, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_shortcut.activated.connect(self._on_undo_shortcut_activated)
        self.undo_button.setToolTip(self.tr("Undo the removal (%1)").replace("%1", QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText)))
        row.addWidget(self.undo_label, 1)
        row.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignTop)
        self.undo_bar.hide()
        layout.addWidget(self.undo_bar)
        # The offer to undo lapses after a while, so the banner does not stay for good.
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_OFFER_MS)
        self._undo_timer.timeout.connect(self._on_undo_timer_timeout)

    def _build_form(self, layout: QVBoxLayout) -> None:
        self.form_box = QGroupBox(self)
        self.form_box.setObjectName("seat_form_box")
        form = QVBoxLayout(self.form_box)

        name_label = QLabel(self.tr("&Recruiter's name:"), self.form_box)
        name_label.setObjectName("seat_name_label")
        name_label.setAccessibleName(self.tr("Recruiter's name"))
        self.name_edit = QLineEdit(self.form_box)
        self.name_edit.setObjectName("seat_name_edit")
        self.name_edit.setAccessibleName(self.tr("Recruiter's name"))
        name_label.setBuddy(self.name_edit)
        self.name_hint = self._label(
            self.tr("Whose seat this is, so bindings on a shared computer can be told apart."),
            "seat_name_hint",
        )
        self.name_note = FieldNote("seat_name_note", self.form_box)
        for widget in (name_label, self.name_edit, self.name_hint, self.name_note):
            form.addWidget(widget)

        email_label = QLabel(self.tr("&LinkedIn login email:"), self.form_box)
        email_label.setObjectName("seat_email_label")
        email_label.setAccessibleName(self.tr("LinkedIn login email"))
        self.email_edit = QLineEdit(self.form_box)
        self.email_edit.setObjectName("seat_email_edit")
        self.email_edit.setAccessibleName(self.tr("LinkedIn login email"))
        email_label.setBuddy(self.email_edit)
        self.email_hint = self._label(
            self.tr(
                "Type it exactly as you do when you log in to LinkedIn, capital letters included. "
                "The integration treats this email as case sensitive, so it is kept as you type it."
            ),
            "seat_email_hint",
        )
        self.email_note = FieldNote("seat_email_note", self.form_box)
        self.clean_button = self._button(
            self.tr("Remove these characters"),
            "seat_clean_button",
            self.tr("Remove spaces and invisible characters from the email"),
        )
        self.clean_button.hide()
        self.clean_button.clicked.connect(self._on_clean_button_clicked)
        self.form_warning = FieldNote("seat_form_warning", self.form_box)
        for widget in (email_label, self.email_edit, self.email_hint, self.email_note):
            form.addWidget(widget)
        form.addWidget(self.clean_button, 0, Qt.AlignmentFlag.AlignLeft)
        form.addWidget(self.form_warning)

        row = QHBoxLayout()
        self.save_button = self._button(self.tr("Save binding"), "seat_save_button", self.tr("Save the binding"))
        self.cancel_button = self._button(self.tr("Cancel"), "seat_cancel_button", self.tr("Cancel editing"))
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        row.addWidget(self.save_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        form.addLayout(row)

        self.name_edit.textChanged.connect(self._on_name_edit_text_changed)
        self.name_edit.editingFinished.connect(self._on_name_edit_editing_finished)
        self.email_edit.textChanged.connect(self._on_email_edit_text_changed)
        self.name_edit.returnPressed.connect(self._on_save_button_clicked)
        self.email_edit.returnPressed.connect(self._on_save_button_clicked)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.form_box)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self._on_cancel_button_clicked)
        self.form_box.hide()
        layout.addWidget(self.form_box)

    def _build_detail(self, layout: QVBoxLayout) -> None:
        self.detail_box = QGroupBox(self.tr("Finish in %1").replace("%1", self._ats), self)
        self.detail_box.setObjectName("seat_detail_box")
        self.detail_box.setAccessibleName(self.detail_box.title())
        detail = QVBoxLayout(self.detail_box)

        self.detail_name_label = heading_label("", "seat_detail_name_label", self.detail_box)
        self.detail_email_label = self._label("", "seat_detail_email_label")
        self.detail_email_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.steps_label = self._label("", "seat_steps_label")
        self.steps_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for widget in (self.detail_name_label, self.detail_email_label, self.steps_label):
            detail.addWidget(widget)

        row = QHBoxLayout()
        self.copy_button = self._button(self.tr("Copy email"), "seat_copy_button", self.tr("Copy email"))
        self.copy_button.setAccessibleDescription(
            self.tr("Copies the selected binding's LinkedIn login email to the clipboard, exactly as typed")
        )
        self.open_button = self._button(
            self.tr("Open %1").replace("%1", self._ats),
            "seat_open_button",
            self.tr("Open %1 in the browser").replace("%1", self._ats),
        )
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        row.addWidget(self.copy_button)
        row.addWidget(self.open_button)
        row.addStretch(1)
        detail.addLayout(row)
        self.copy_note = FieldNote("seat_copy_note", self.detail_box)
        self.status_label = self._label("", "seat_status_label")
        initial = self.tr("Mark as done in %1").replace("%1", self._ats)
        self.done_button = self._button(initial, "seat_done_button", initial.replace("&", ""))
        self.done_button.clicked.connect(self._on_done_button_clicked)
        for widget in (self.copy_note, self.status_label):
            detail.addWidget(widget)
        detail.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.detail_box)

    # --- public -----------------------------------------------------------------------

    def focus_pane(self) -> None:
        """Show and raise the dock and put keyboard focus on its first useful widget."""
        self.show()
        self.raise_()
        if self.isFloating():
            self.activateWindow()
        if self._form_open and self.name_edit.isEnabled():
            target: QWidget = self.name_edit
        else:
            target = self.seat_list
            if self.seat_list.count() and self.seat_list.currentRow() < 0:
                self.seat_list.setCurrentRow(0)
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- showing the state ------------------------------------------------------------

    @property
    def _editable(self) -> bool:
        return not self._session.read_only

    def _refresh(self, select_email: str | None = None) -> None:
        """Show the session's bindings; keep the selection unless `select_email` is given."""
        state = self._session.state
        if select_email is None:
            select_email = self._selected_email()
        snapshot = tuple((b.name, b.email, b.completed_on) for b in state.seats)
        if snapshot != self._shown_bindings:
            self._shown_bindings = snapshot
            self._filling_list = True
            self.seat_list.clear()
            for binding in state.seats:
                item = QListWidgetItem(self._item_text(binding))
                item.setData(_EMAIL_ROLE, binding.email)
                self.seat_list.addItem(item)
            self._filling_list = False
        row = seats.find_seat(state, select_email) if select_email is not None else None
        if row is None and self.seat_list.count():
            row = min(max(self.seat_list.currentRow(), 0), self.seat_list.count() - 1)
        self.seat_list.setCurrentRow(-1 if row is None else row)

        empty = not state.seats
        self.seat_list.setVisible(not empty)
        self.empty_label.setVisible(empty)
        if empty and self._editable and not self._form_open:
            self._open_form(None)
        if not self._editable and self._form_open:
            self._close_form()
        if self._editing_email is not None and seats.find_seat(state, self._editing_email) is None:
            # Removed elsewhere while being edited: what is typed is kept and saved as a new binding.
            self._editing_email = None
            self._update_form_title()

        if self._editable:
            self.read_only_note.clear()
        else:
            self.read_only_note.show_note(
                NoteKind.INFO,
                self.tr("This is a support report. Its bindings are shown as reported and cannot be changed here."),
            )
        warnings = seats.seat_warnings(state)
        self.warnings_note.show_note(NoteKind.WARNING, "\n\n".join(warnings))
        self._show_detail()
        self._update_buttons()

    def _item_text(self, binding: SeatBinding) -> str:
        text = f"{binding.name}\n{binding.email}"
        if binding.completed_on:
            text += "\n" + self.tr("Done in %1 on %2").replace("%1", self._ats).replace("%2", binding.completed_on)
        return text

    def _selected_email(self) -> str | None:
        item = self.seat_list.currentItem()
        return None if item is None else item.data(_EMAIL_ROLE)

    def _selected_index(self) -> int | None:
        email = self._selected_email()
        return None if email is None else seats.find_seat(self._session.state, email)

    def _show_detail(self) -> None:
        index = self._selected_index()
        if index is None or self._form_open:
            self.detail_box.hide()
            return
        binding = self._session.state.seats[index]
        self.detail_box.show()
        self._set_text(self.detail_name_label, binding.name)
        self._set_text(self.detail_email_label, binding.email)
        self._set_text(
            self.steps_label,
            self.tr(
                "1. Sign in to %1 as %2 and open My Profile.\n"
                "2. Under Personal Integrations, choose to connect to LinkedIn Recruiter.\n"
                "3. Enter the email exactly as shown above, capital letters included. "
                "The integration compares it letter for letter with the LinkedIn login.\n"
                "4. Come back here and mark the binding as done."
            ).replace("%1", self._ats).replace("%2", binding.name),
        )
        if binding.completed_on:
            status = self.tr("Marked as done in %1 on %2.").replace("%1", self._ats).replace("%2", binding.completed_on)
            done_text = self.tr("Mark as not done")
        else:
            status = self.tr("Not marked as done yet.")
            done_text = self.tr("Mark as done in %1").replace("%1", self._ats)
        self._set_text(self.status_label, status)
        self.done_button.setText(done_text)
        self.done_button.setAccessibleName(done_text.replace("&", ""))

    def _set_text(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.setAccessibleName(text)

    def _update_buttons(self) -> None:
        selected = self._selected_index() is not None
        editable = self._editable
        self.add_button.setEnabled(editable and not (self._form_open and self._editing_email is None))
        self.edit_button.setEnabled(editable and selected)
        self.remove_button.setEnabled(editable and selected)
        self.undo_button.setEnabled(editable)
        self.done_button.setEnabled(editable)
        self.form_box.setEnabled(editable)
        self.open_button.setEnabled(bool(self._session.profile.ats_app_url))
        self.cancel_button.setVisible(bool(self._session.state.seats) or self._editing_email is not None)

    # --- the form ---------------------------------------------------------------------

    def _open_form(self, binding: SeatBinding | None) -> None:
        self._form_open = True
        self._editing_email = None if binding is None else binding.email
        self._show_form_errors = False
        self.name_edit.setText("" if binding is None else binding.name)
        self.email_edit.setText("" if binding is None else binding.email)
        self.name_note.clear()
        self._update_form_title()
        self._update_form_feedback()
        self.form_box.show()

    def has_unsaved_input(self) -> bool:
        """Return True when the form contains a name or email that Save binding has not stored."""
        if not self._form_open:
            return False
        name, email = self.name_edit.text().strip(), self.email_edit.text().strip()
        if self._editing_email is None:
            return bool(name or email)
        stored = next((seat for seat in self._session.state.seats if seat.email == self._editing_email), None)
        return stored is None or (name, email) != (stored.name, stored.email)

    def _close_form(self) -> None:
        self._form_open = False
        self._editing_email = None
        self.name_edit.clear()
        self.email_edit.clear()
        self.name_note.clear()
        self.form_box.hide()

    def _update_form_title(self) -> None:
        if self._editing_email is None:
            title = self.tr("New binding")
        else:
            title = self.tr("Edit binding")
        self.form_box.setTitle(title)
        self.form_box.setAccessibleName(title)

    def _form_check(self) -> seats.SeatCheck:
        state = self._session.state
        editing = None if self._editing_email is None else seats.find_seat(state, self._editing_email)
        return seats.check_seat(state, self.name_edit.text(), self.email_edit.text(), editing)

    def _update_form_feedback(self) -> seats.SeatCheck:
        """Show the form's problems: stray characters and warnings at once, the rest after Save."""
        check = self._form_check()
        if self._show_form_errors and check.name_error:
            self.name_note.show_note(NoteKind.ERROR, check.name_error)
        elif self.name_note.kind is NoteKind.ERROR:
            self.name_note.clear()
        if check.email_error and (self._show_form_errors or check.cleanable):
            self.email_note.show_note(NoteKind.ERROR, check.email_error)
        elif self.email_note.kind is NoteKind.ERROR:
            self.email_note.clear()
        self.clean_button.setVisible(check.cleanable)
        self.form_warning.show_note(NoteKind.WARNING, "\n\n".join(check.warnings))
        return check

    @Slot(str)
    def _on_name_edit_text_changed(self, _text: str) -> None:
        if self.name_note.kind is NoteKind.INFO:
            self.name_note.clear()
        self._update_form_feedback()

    @Slot()
    def _on_name_edit_editing_finished(self) -> None:
        # Collapse runs of spaces while the user watches, with a note of the change.
        check = self._form_check()
        if check.name_notes and check.name != self.name_edit.text():
            self.name_edit.setText(check.name)
            self.name_note.show_note(NoteKind.INFO, " ".join(check.name_notes))

    @Slot(str)
    def _on_email_edit_text_changed(self, _text: str) -> None:
        if self.email_note.kind is NoteKind.INFO:
            self.email_note.clear()
        self._update_form_feedback()

    @Slot()
    def _on_clean_button_clicked(self) -> None:
        typed = self.email_edit.text()
        problems = seats.describe_stray_characters(typed)
        self.email_edit.setText(seats.clean_email(typed))
        self.email_note.show_note(NoteKind.INFO, self.tr("Removed %1.").replace("%1", problems))
        self.email_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _on_save_button_clicked(self) -> None:
        if not self._form_open or not self._editable:
            return
        self._show_form_errors = True
        check = self._update_form_feedback()
        if not check.ok:
            target = self.name_edit if check.name_error else self.email_edit
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        state = self._session.state
        editing = None if self._editing_email is None else seats.find_seat(state, self._editing_email)
        if editing is None:
            seats.add_seat(state, self.name_edit.text(), self.email_edit.text())
            index = len(state.seats) - 1
            signal = self.binding_added
        else:
            seats.edit_seat(state, editing, self.name_edit.text(), self.email_edit.text())
            index = editing
            signal = self.binding_edited
        self._close_form()
        self._commit(state.seats[index].email)
        signal.emit(index)
        self.seat_list.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _on_cancel_button_clicked(self) -> None:
        if not self._form_open:
            return
        self._close_form()
        self._refresh()
        if self._form_open:
            # The list is empty, so the form stays open for the first binding.
            self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.seat_list.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- list actions -----------------------------------------------------------------

    def _commit(self, select_email: str | None = None) -> None:
        """Save the changed state through the session and show it."""
        self._session.changed()
        self._refresh(select_email)

    @Slot()
    def _on_session_state_changed(self) -> None:
        self._refresh()

    @Slot(int)
    def _on_seat_list_current_row_changed(self, _row: int) -> None:
        if self._filling_list:
            return
        self.copy_note.clear()
        self._show_detail()
        self._update_buttons()

    @Slot(QListWidgetItem)
    def _on_seat_list_item_activated(self, _item: QListWidgetItem) -> None:
        self._on_edit_button_clicked()

    @Slot()
    def _on_add_button_clicked(self) -> None:
        if not self._editable:
            return
        self._open_form(None)
        self._show_detail()
        self._update_buttons()
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _on_edit_button_clicked(self) -> None:
        index = self._selected_index()
        if index is None or not self._editable:
            return
        self._open_form(self._session.state.seats[index])
        self._show_detail()
        self._update_buttons()
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        index = self._selected_index()
        if index is None or not self._editable:
            return
        state = self._session.state
        removed = seats.remove_seat(state, index)
        self._removed = (index, removed)
        if self._editing_email == removed.email:
            self._close_form()
        self._set_text(
            self.undo_label,
            self.tr("Removed %1 (%2).").replace("%1", removed.name).replace("%2", removed.email),
        )
        self.undo_bar.show()
        self._undo_timer.start()
        next_email = state.seats[min(index, len(state.seats) - 1)].email if state.seats else None
        self._commit(next_email)
        self.binding_removed.emit(index)
        if state.seats:
            self.seat_list.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.undo_button.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _on_undo_button_clicked(self) -> None:
        if self._removed is None or not self._editable:
            return
        index, binding = self._removed
        state = self._session.state
        try:
            position = seats.restore_seat(state, index, binding)
        except seats.SeatError as error:
            self._set_text(self.undo_label, self.tr("Cannot restore the binding: %1").replace("%1", str(error)))
            return
        self._removed = None
        self.undo_bar.hide()
        self._undo_timer.stop()
        if self._form_open and self._editing_email is None and not self.name_edit.text() and not self.email_edit.text():
            # The form was only open because the list had become empty.
            self._close_form()
        self._commit(binding.email)
        self.removal_undone.emit(position)
        self.seat_list.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- detail actions ---------------------------------------------------------------

    @Slot()
    def _on_copy_button_clicked(self) -> None:
        index = self._selected_index()
        if index is None:
            return
        email = self._session.state.seats[index].email
        self._desktop.copy_text(email)
        self.copy_note.show_note(NoteKind.INFO, self.tr("Copied %1 to the clipboard.").replace("%1", email))

    @Slot()
    def _on_open_button_clicked(self) -> None:
        self._desktop.open_url(self, self._session.profile.ats_app_url, self._ats)

    @Slot()
    def _on_done_button_clicked(self) -> None:
        index = self._selected_index()
        if index is None or not self._editable:
            return
        state = self._session.state
        if state.seats[index].completed_on:
            seats.clear_completed(state, index)
        else:
            seats.mark_completed(state, index)
        self._commit(state.seats[index].email)
        self.completion_recorded.emit(index)
        self.done_button.setFocus(Qt.FocusReason.OtherFocusReason)

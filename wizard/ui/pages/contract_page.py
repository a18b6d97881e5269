"""Step 2: the Recruiter Contract ID(s)."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QListWidget, QPushButton

from wizard.domain import validation
from wizard.domain.model import StepId
from wizard.ui.pages.base import StepPage
from wizard.ui.widgets import FieldNote, NoteKind


class ContractPage(StepPage):
    step_id = StepId.CONTRACT

    def build(self) -> None:
        self.add_text(
            self.tr(
                "Find the Contract ID in LinkedIn Recruiter: open the More menu, choose Admin Settings, "
                "and read the Contract ID under your company name. Only contract administrators see Admin "
                "Settings. If your company has several Recruiter contracts, add each ID."
            ),
            "contract_help",
        )
        self.open_recruiter = QPushButton(self.tr("&Open LinkedIn Recruiter"), self)
        self.open_recruiter.setObjectName("contract_open_recruiter")
        self.open_recruiter.clicked.connect(self._on_open_recruiter_clicked)
        self.body.addWidget(self.open_recruiter)

        row = QHBoxLayout()
        label = QLabel(self.tr("Contract &ID:"), self)
        label.setObjectName("contract_input_label")
        self.input = QLineEdit(self)
        self.input.setObjectName("contract_input")
        self.input.setPlaceholderText(self.tr("for example 123456789"))
        self.input.setAccessibleName(self.tr("Contract ID"))
        label.setBuddy(self.input)
        self.add_button = QPushButton(self.tr("&Add"), self)
        self.add_button.setObjectName("contract_add")
        self.add_button.setAccessibleName(self.tr("Add contract ID"))
        self.add_button.setAutoDefault(False)
        row.addWidget(label)
        row.addWidget(self.input, 1)
        row.addWidget(self.add_button)
        self.body.addLayout(row)
        self.note = FieldNote("contract_note", self)
        self.note.attach_to(self.input)
        self.body.addWidget(self.note)

        list_label = QLabel(self.tr("Contract IDs to &send to LinkedIn:"), self)
        list_label.setObjectName("contract_list_label")
        self.list = QListWidget(self)
        self.list.setObjectName("contract_list")
        self.list.setAccessibleName(self.tr("Contract IDs"))
        self.list.setMaximumHeight(self.fontMetrics().height() * 6)
        list_label.setBuddy(self.list)
        self.remove_button = QPushButton(self.tr("Re&move selected"), self)
        self.remove_button.setObjectName("contract_remove")
        self.remove_button.setAccessibleName(self.tr("Remove selected contract ID"))
        self.body.addWidget(list_label)
        self.body.addWidget(self.list)
        self.body.addWidget(self.remove_button)
        self.body.addStretch(1)

        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.input.returnPressed.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.list.currentRowChanged.connect(self._update_buttons)

    def load(self) -> None:
        self.list.clear()
        self.list.addItems(self.session.state.contract_ids)
        self._update_buttons()

    @Slot()
    def _on_open_recruiter_clicked(self) -> None:
        self.desktop.open_url(self, self.session.profile.recruiter_url, self.tr("LinkedIn Recruiter"))

    @Slot()
    def _on_add_button_clicked(self) -> None:
        text = self.input.text()
        checked = validation.check_contract_id(text)
        if checked.error:
            self.note.show_note(NoteKind.ERROR, checked.error)
            return
        if checked.value in self.session.state.contract_ids:
            self.note.show_note(NoteKind.ERROR, self.tr("Contract ID {id} is already in the list.").format(id=checked.value))
            return
        self.session.state.contract_ids.append(checked.value)
        self.list.addItem(checked.value)
        self.input.clear()
        if checked.notes:
            self.note.show_note(NoteKind.INFO, self.tr("Added {id}. {notes}").format(id=checked.value, notes=" ".join(checked.notes)))
        else:
            self.note.show_note(NoteKind.INFO, self.tr("Added {id}.").format(id=checked.value))
        self._update_buttons()
        self.changed()

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        removed = self.session.state.contract_ids.pop(row)
        self.list.takeItem(row)
        self.note.show_note(NoteKind.INFO, self.tr("Removed {id}.").format(id=removed))
        self._update_buttons()
        self.changed()

    @Slot()
    def _update_buttons(self, *_: object) -> None:
        self.remove_button.setEnabled(self.list.currentRow() >= 0)

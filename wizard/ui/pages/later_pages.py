"""Steps 6 to 9: waiting for LinkedIn, the SDK domain, saving in JazzHR, and the summary."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QPushButton

from wizard.domain import summary
from wizard.domain.model import StepId, today
from wizard.ui.background import call_off_ui_thread
from wizard.ui.pages.base import StepPage
from wizard.ui.widgets import CopyRow, FieldNote, NoteKind, heading_label, plain_label


def _credential_test_widget(page: StepPage):
    from wizard.ui.credential_test_widget import CredentialTestWidget

    widget = CredentialTestWidget(page.session, page.desktop, page)
    widget.setObjectName(f"{page.objectName()}_credential_test")
    return widget


def _load_or_explain(secrets, saved_backend: str):
    """Return (secret, "") from the keychain, or (None, why none was found); runs off the UI thread."""
    secret = secrets.load()
    if secret:
        return secret, ""
    return None, secrets.missing_secret_message(saved_backend)


class ApprovalPage(StepPage):
    step_id = StepId.APPROVAL

    def build(self) -> None:
        self.sent_status = plain_label("", "approval_sent_status", self)
        self.body.addWidget(self.sent_status)
        self.add_text(
            self.tr(
                "LinkedIn usually answers within a few business days. You can close this program meanwhile; "
                "it opens on this step next time.\n\n"
                "Testing the credentials tells you more: \u201cnot enabled yet\u201d means the Client ID and "
                "Secret are right and LinkedIn has not switched the app on yet."
            ),
            "approval_help",
        )
        self.test_widget = _credential_test_widget(self)
        self.body.addWidget(self.test_widget)
        self.approved = QCheckBox(self.tr("LinkedIn has &approved the integration"), self)
        self.approved.setObjectName("approval_approved")
        self.approved.setAccessibleName(self.approved.text().replace("&", ""))
        self.approved_status = plain_label("", "approval_approved_status", self)
        self.body.addWidget(self.approved)
        self.body.addWidget(self.approved_status)
        self.body.addStretch(1)
        self.approved.toggled.connect(self._on_approved_toggled)

    def load(self) -> None:
        state = self.session.state
        self.approved.setChecked(bool(state.approved_on))
        self.refresh()

    def refresh(self) -> None:
        state = self.session.state
        if state.email_sent_on:
            try:
                days = (dt.date.today() - dt.date.fromisoformat(state.email_sent_on)).days
            except ValueError:
                days = -1
            if days == 0:
                ago = self.tr("today")
            elif days == 1:
                ago = self.tr("yesterday")
            elif days > 1:
                ago = self.tr("{days} days ago").format(days=days)
            else:
                ago = ""
            self.sent_status.setText(self.tr("The activation request was sent on {date} ({ago}).").format(date=state.email_sent_on, ago=ago))
        else:
            self.sent_status.setText(self.tr("The activation email is not marked as sent yet."))
        self.approved_status.setText(
            self.tr("Approval recorded on {date}.").format(date=state.approved_on) if state.approved_on else ""
        )

    @Slot(bool)
    def _on_approved_toggled(self, checked: bool) -> None:
        if self._loading:
            return
        self.session.state.approved_on = (self.session.state.approved_on or today()) if checked else ""
        self.refresh()
        self.changed()


class SdkDomainPage(StepPage):
    step_id = StepId.SDK_DOMAIN

    def build(self) -> None:
        self.add_text(
            self.tr(
                "1. Open the developer portal and sign in (you must be an administrator on the Recruiter contract).\n"
                "2. Under My Apps, open the \u201cCross System Awareness\u201d app.\n"
                "3. Open the JavaScript tab on the left.\n"
                "4. Under \u201cValid SDK Domains\u201d, paste the domain below exactly and click Add.\n"
                "5. Then click the blue Update button. Without Update, LinkedIn forgets the domain."
            ),
            "sdk_steps",
        )
        self.open_portal = QPushButton(self.tr("Open &My Apps on the developer portal"), self)
        self.open_portal.setObjectName("sdk_open_portal")
        self.open_portal.clicked.connect(self._on_open_portal_clicked)
        self.body.addWidget(self.open_portal)
        form = QFormLayout()
        self.domain = CopyRow("sdk_domain", self.tr("SDK domain"), self)
        self.domain.copied.connect(self._on_domain_copied)
        label = QLabel(self.tr("SDK &domain:"), self)
        label.setObjectName("sdk_domain_label")
        label.setBuddy(self.domain.field)
        form.addRow(label, self.domain)
        self.body.addLayout(form)
        self.added = QCheckBox(self.tr("I pasted the domain and clicked &Add"), self)
        self.added.setObjectName("sdk_added")
        self.updated = QCheckBox(self.tr("I then clicked the blue &Update button"), self)
        self.updated.setObjectName("sdk_updated")
        for box in (self.added, self.updated):
            box.setAccessibleName(box.text().replace("&", ""))
            self.body.addWidget(box)
        self.updated_hint = plain_label(self.tr("Tick the first box once you clicked Add; then this one."), "sdk_updated_hint", self)
        self.body.addWidget(self.updated_hint)
        self.note = FieldNote("sdk_note", self)
        self.body.addWidget(self.note)
        self.body.addStretch(1)
        self.added.toggled.connect(self._on_added_toggled)
        self.updated.toggled.connect(self._on_updated_toggled)

    def load(self) -> None:
        state = self.session.state
        self.domain.set_value(self.session.profile.sdk_domain)
        self.added.setChecked(state.sdk_domain_added)
        self.updated.setChecked(state.sdk_domain_updated)
        self.updated.setEnabled(state.sdk_domain_added)
        self.updated_hint.setVisible(not state.sdk_domain_added)

    @Slot()
    def _on_open_portal_clicked(self) -> None:
        self.desktop.open_url(self, self.session.profile.developer_apps_url, self.tr("the LinkedIn developer portal"))

    @Slot()
    def _on_domain_copied(self) -> None:
        self.desktop.copy_text(self.domain.value())
        self.note.show_note(NoteKind.INFO, self.tr("Copied {domain}. Paste it under Valid SDK Domains.").format(domain=self.domain.value()))

    @Slot(bool)
    def _on_added_toggled(self, checked: bool) -> None:
        if self._loading:
            return
        state = self.session.state
        state.sdk_domain_added = checked
        if not checked:
            state.sdk_domain_updated = False
            self.updated.setChecked(False)
        self.updated.setEnabled(checked)
        self.updated_hint.setVisible(not checked)
        self.changed()

    @Slot(bool)
    def _on_updated_toggled(self, checked: bool) -> None:
        if self._loading:
            return
        self.session.state.sdk_domain_updated = checked and self.session.state.sdk_domain_added
        self.changed()


class JazzhrPage(StepPage):
    step_id = StepId.JAZZHR

    def build(self) -> None:
        ats = self.session.profile.ats_name
        self.add_text(
            self.tr(
                "In {ats}, open Settings, then Integrations, find the LinkedIn section and click "
                "\u201cConnect to LinkedIn Recruiter\u201d. Paste the three values below; they are case "
                "sensitive. Then click \u201cSave Credentials\u201d there."
            ).format(ats=ats),
            "jazzhr_help",
        )
        self.open_ats = QPushButton(self.tr("&Open {ats} integrations").format(ats=ats), self)
        self.open_ats.setObjectName("jazzhr_open")
        self.open_ats.clicked.connect(self._on_open_ats_clicked)
        self.body.addWidget(self.open_ats)
        form = QFormLayout()
        self.contract = self._copy_row(form, "jazzhr_contract", self.tr("Contract I&D:"), self.tr("Contract ID"))
        self.client_id = self._copy_row(form, "jazzhr_client_id", self.tr("Client &ID:"), self.tr("Client ID"))
        self.secret = self._copy_row(form, "jazzhr_secret", self.tr("Client &Secret:"), self.tr("Client Secret"), secret=True)
        self.body.addLayout(form)
        self.note = FieldNote("jazzhr_note", self)
        self.body.addWidget(self.note)
        self.test_widget = _credential_test_widget(self)
        self.body.addWidget(self.test_widget)
        self.saved = QCheckBox(self.tr("I clic&ked \u201cSave Credentials\u201d in {ats}").format(ats=ats), self)
        self.saved.setObjectName("jazzhr_saved")
        self.saved.setAccessibleName(self.saved.text().replace("&", ""))
        self.body.addWidget(self.saved)
        self.body.addStretch(1)
        self.contract.copied.connect(lambda: self._copy_plain(self.contract, self.tr("Contract ID")))
        self.client_id.copied.connect(lambda: self._copy_plain(self.client_id, self.tr("Client ID")))
        self.secret.copied.connect(self._on_secret_copied)
        self.saved.toggled.connect(self._on_saved_toggled)

    def _copy_row(self, form: QFormLayout, name: str, label_text: str, what: str, secret: bool = False) -> CopyRow:
        row = CopyRow(name, what, self, secret=secret)
        label = QLabel(label_text, self)
        label.setObjectName(f"{name}_label")
        label.setBuddy(row.field)
        form.addRow(label, row)
        return row

    def load(self) -> None:
        state = self.session.state
        self.contract.set_value(", ".join(state.contract_ids))
        self.client_id.set_value(state.client_id)
        # Eight dots stand for the secret; its real length is not shown.
        self.secret.set_value("\u2022" * 8 if state.secret_fingerprint else "")
        self.saved.setChecked(bool(state.jazzhr_saved_on))
        if len(state.contract_ids) > 1:
            self.note.show_note(NoteKind.INFO, self.tr("You have several contract IDs; enter the one this {ats} account uses.").format(ats=self.session.profile.ats_name))

    @Slot()
    def _on_open_ats_clicked(self) -> None:
        self.desktop.open_url(self, self.session.profile.integrations_page_url, self.session.profile.ats_name)

    def _copy_plain(self, row: CopyRow, what: str) -> None:
        self.desktop.copy_text(row.value())
        self.note.show_note(NoteKind.INFO, self.tr("Copied the {what}.").format(what=what))

    @Slot()
    def _on_secret_copied(self) -> None:
        from wizard.services.secret_store import SecretStoreError

        secrets = self.session.secrets
        saved_backend = self.session.state.secret_backend
        secret = self.session.typed_secret
        if secret is None:
            try:
                secret, problem = call_off_ui_thread(lambda: _load_or_explain(secrets, saved_backend), self.window())
            except SecretStoreError as error:
                self.note.show_note(NoteKind.ERROR, str(error))
                return
            if secret is None:
                self.note.show_note(NoteKind.ERROR, problem)
                return
        self.desktop.copy_secret(secret.reveal())
        self.note.show_note(NoteKind.INFO, self.tr("Copied the Client Secret. The clipboard is cleared in 30 seconds."))

    @Slot(bool)
    def _on_saved_toggled(self, checked: bool) -> None:
        if self._loading:
            return
        self.session.state.jazzhr_saved_on = (self.session.state.jazzhr_saved_on or today()) if checked else ""
        self.changed()


class DonePage(StepPage):
    """The summary.

    Signals:
        checklist_requested(): the user asked for the checklist view.
        seat_pane_requested(): the user asked for the seat pane.
    """

    step_id = StepId.DONE
    checklist_requested = Signal()
    seat_pane_requested = Signal()

    def build(self) -> None:
        self.body.addWidget(heading_label(self.tr("Where the setup stands"), "done_heading"))
        self.summary = plain_label("", "done_summary", self)
        self.summary.setAccessibleName(self.tr("Setup summary"))
        self.body.addWidget(self.summary)
        self.body.addWidget(heading_label(self.tr("What comes next"), "done_next_heading"))
        self.add_text(
            self.tr(
                "Every recruiter with a LinkedIn Recruiter seat connects their own {ats} user: they open the seat "
                "pane on the right, enter the email they sign in to LinkedIn with, and follow the steps shown there.\n\n"
                "The checklist (View menu) shows what is configured and what is missing. From there you can export "
                "a support report to send to {ats} support or your IT team."
            ).format(ats=self.session.profile.ats_name),
            "done_next",
        )
        self.open_checklist = QPushButton(self.tr("Open the &checklist"), self)
        self.open_checklist.setObjectName("done_open_checklist")
        self.open_seats = QPushButton(self.tr("Connect a recruiter &seat"), self)
        self.open_seats.setObjectName("done_open_seats")
        self.body.addWidget(self.open_checklist)
        self.body.addWidget(self.open_seats)
        self.body.addStretch(1)
        self.open_checklist.clicked.connect(self.checklist_requested)
        self.open_seats.clicked.connect(self.seat_pane_requested)

    def load(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.summary.setText(summary.summary_text(self.session.state, self.session.profile.ats_name))

    def isComplete(self) -> bool:
        return True




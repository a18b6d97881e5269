"""Step 1: what the integration does, and the Recruiter plan it needs."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QAbstractButton, QButtonGroup, QRadioButton

from wizard.domain.model import Plan, StepId
from wizard.ui.pages.base import StepPage
from wizard.ui.widgets import FieldNote, NoteKind, heading_label


class PlanPage(StepPage):
    step_id = StepId.BEFORE_START

    def build(self) -> None:
        ats = self.session.profile.ats_name
        self.add_text(
            self.tr(
                "This integration lets your recruiters see LinkedIn profiles and send InMail from {ats}, "
                "and shows in LinkedIn Recruiter which people are already candidates in {ats}.\n\n"
                "Setting it up takes about 20 minutes of your time, plus a wait of a few days while "
                "LinkedIn approves the request. You can close this program at any step; it keeps what "
                "you entered and reopens where you stopped."
            ).format(ats=ats),
            "plan_intro",
        )
        self.body.addWidget(heading_label(self.tr("Which LinkedIn Recruiter plan does your company have?"), "plan_question"))

        self.corporate = QRadioButton(self.tr("Recruiter &Corporate"), self)
        self.corporate.setObjectName("plan_corporate")
        self.lite = QRadioButton(self.tr("Recruiter Li&te"), self)
        self.lite.setObjectName("plan_lite")
        self.unsure = QRadioButton(self.tr("I am not s&ure"), self)
        self.unsure.setObjectName("plan_unsure")
        self.group = QButtonGroup(self)
        for button, plan in ((self.corporate, Plan.CORPORATE), (self.lite, Plan.LITE), (self.unsure, Plan.UNSURE)):
            button.setAccessibleName(button.text().replace("&", ""))
            self.group.addButton(button)
            button.setProperty("plan", plan.value)
            self.body.addWidget(button)
        self.group.buttonClicked.connect(self._on_group_button_clicked)

        self.explanation = FieldNote("plan_explanation", self)
        self.body.addWidget(self.explanation)
        self.add_text(
            self.tr(
                "Paid job postings on LinkedIn are a separate product: they work without any Recruiter "
                "account, and a Recruiter account does not include them."
            ),
            "plan_jobs_note",
        )
        self.body.addStretch(1)

    def load(self) -> None:
        plan = self.session.state.plan
        for button in self.group.buttons():
            button.setChecked(button.property("plan") == plan.value)
        self._explain(plan)

    @Slot(QAbstractButton)
    def _on_group_button_clicked(self, button: QAbstractButton) -> None:
        self.session.state.plan = Plan(button.property("plan"))
        self._explain(self.session.state.plan)
        self.changed()

    def _explain(self, plan: Plan) -> None:
        if plan is Plan.LITE:
            self.explanation.show_note(
                NoteKind.ERROR,
                self.tr(
                    "Recruiter Lite cannot be connected: LinkedIn offers this integration only on the "
                    "Recruiter Corporate plan. Setup stops here. Ask your LinkedIn account manager about "
                    "Recruiter Corporate, then come back and choose it."
                ),
            )
        elif plan is Plan.UNSURE:
            self.explanation.show_note(
                NoteKind.INFO,
                self.tr(
                    "How to tell: open LinkedIn Recruiter and look for Admin Settings in the More menu. "
                    "Recruiter Corporate has it, with a Contract ID under the company name; Recruiter Lite, "
                    "which a person buys for themselves, has no Admin Settings. When you know, choose the plan above."
                ),
            )
        elif plan is Plan.CORPORATE:
            self.explanation.show_note(NoteKind.INFO, self.tr("Recruiter Corporate supports the integration. Continue with Next."))
        else:
            self.explanation.clear()

"""Step 3: create the "Cross System Awareness" app on LinkedIn's developer portal."""

from __future__ import annotations

import os
from pathlib import Path
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from wizard.domain import validation
from wizard.domain.logo import MAX_LOGO_SIDE, logo_problem
from wizard.domain.model import StepId
from wizard.ui.pages.base import StepPage
from wizard.ui.widgets import CheckedField, CopyRow, FieldNote, NoteKind, heading_label

APP_NAME_VALUE = "Cross System Awareness"
APP_USE_VALUE = "Jobs and Recruiting"


class ApplicationPage(StepPage):
    step_id = StepId.APPLICATION
    # The logo preview, and the file facts it was made from.
    _preview_key: tuple[str, int, int] | None = None
    _preview_pixmap: QPixmap | None = None

    def build(self) -> None:
        self.add_text(
            self.tr(
                "Open LinkedIn's developer portal, sign in with your LinkedIn account, and create a new app. "
                "Type the values below into its form; the copy buttons put each one on the clipboard."
            ),
            "application_help",
        )
        self.open_portal = QPushButton(self.tr("&Open LinkedIn's \u201cCreate app\u201d page"), self)
        self.open_portal.setObjectName("application_open_portal")
        self.open_portal.clicked.connect(self._on_open_portal_clicked)
        self.body.addWidget(self.open_portal)

        self.body.addWidget(heading_label(self.tr("Fixed values"), "application_fixed_heading"))
        fixed = QFormLayout()
        self.name_copy = self._copy_row(fixed, "application_name_copy", self.tr("App na&me:"), self.tr("app name"), APP_NAME_VALUE)
        self.description_copy = self._copy_row(
            fixed, "application_description_copy", self.tr("&Description:"), self.tr("app description"), APP_NAME_VALUE
        )
        self.use_copy = self._copy_row(fixed, "application_use_copy", self.tr("App &use:"), self.tr("app use"), APP_USE_VALUE)
        self.body.addLayout(fixed)

        self.body.addWidget(heading_label(self.tr("Your company's values"), "application_company_heading"))
        self.add_text(self.tr("These are checked here once and reused in the activation email."), "application_company_help")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.company_name = CheckedField(
            "application_company_name", self.tr("&Company name:"), validation.check_company_name,
            lambda value: setattr(self.session.state.company, "name", value), self,
        )
        self.website = CheckedField(
            "application_website", self.tr("&Website URL:"), validation.check_website,
            lambda value: setattr(self.session.state.company, "website", value.strip()), self,
        )
        self.website.edit.setPlaceholderText("https://www.example.com")
        self.business_email = CheckedField(
            "application_business_email", self.tr("Business &email:"),
            lambda text: validation.check_email(text, self.tr("Business email")),
            lambda value: setattr(self.session.state.company, "business_email", value), self,
        )
        self.business_phone = CheckedField(
            "application_business_phone", self.tr("Business &phone:"), validation.check_phone,
            lambda value: setattr(self.session.state.company, "business_phone", value), self,
        )
        self.business_phone.edit.setPlaceholderText("(415) 555-0132")
        for field in (self.company_name, self.website, self.business_email, self.business_phone):
            field.add_to(form)
            field.value_changed.connect(self.changed)
        self.body.addLayout(form)

        self.body.addWidget(heading_label(self.tr("App logo"), "application_logo_heading"))
        self.add_text(
            self.tr("LinkedIn takes a logo of at most {side}\u00d7{side} pixels. Choose the file here to check it.").format(side=MAX_LOGO_SIDE),
            "application_logo_help",
        )
        logo_row = QHBoxLayout()
        self.logo_preview = QLabel(self)
        self.logo_preview.setObjectName("application_logo_preview")
        self.logo_preview.setFixedSize(MAX_LOGO_SIDE + 4, MAX_LOGO_SIDE + 4)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setAccessibleName(self.tr("Logo preview"))
        logo_column = QVBoxLayout()
        logo_label = QLabel(self.tr("Lo&go file:"), self)
        logo_label.setObjectName("application_logo_label")
        self.logo_path = QLineEdit(self)
        self.logo_path.setObjectName("application_logo_path")
        self.logo_path.setReadOnly(True)
        self.logo_path.setPlaceholderText(self.tr("Use \u201cChoose logo\u2026\u201d to pick the file"))
        self.logo_path.setAccessibleName(self.tr("Logo file"))
        logo_label.setBuddy(self.logo_path)
        # Stacked rather than side by side, so the page still fits a narrow window.
        buttons = QVBoxLayout()
        self.choose_logo = QPushButton(self.tr("Choo&se logo\u2026"), self)
        self.choose_logo.setObjectName("application_choose_logo")
        self.fit_logo = QPushButton(self.tr("Save a cop&y that fits\u2026"), self)
        self.fit_logo.setObjectName("application_fit_logo")
        self.fit_logo.setAccessibleDescription(
            self.tr("Writes a PNG copy of the logo scaled down to {side} by {side} pixels at most").format(side=MAX_LOGO_SIDE)
        )
        buttons.addWidget(self.choose_logo, 0, Qt.AlignmentFlag.AlignLeft)
        buttons.addWidget(self.fit_logo, 0, Qt.AlignmentFlag.AlignLeft)
        logo_column.addWidget(logo_label)
        logo_column.addWidget(self.logo_path)
        logo_column.addLayout(buttons)
        logo_row.addWidget(self.logo_preview)
        logo_row.addLayout(logo_column, 1)
        self.body.addLayout(logo_row)
        self.logo_note = FieldNote("application_logo_note", self)
        self.body.addWidget(self.logo_note)
        self.add_text(
            self.tr(
                "When you submit the form, LinkedIn shows the app's Auth page with the Client ID and "
                "Client Secret. Leave the permissions as they are and continue with Next."
            ),
            "application_after",
        )
        self.body.addStretch(1)

        self.choose_logo.clicked.connect(self._on_choose_logo_clicked)
        self.fit_logo.clicked.connect(self._on_fit_logo_clicked)

    # --- building ---------------------------------------------------------------------

    def _copy_row(self, form: QFormLayout, name: str, label_text: str, what: str, value: str) -> CopyRow:
        row = CopyRow(name, what, self)
        row.set_value(value)
        row.copied.connect(lambda: self.desktop.copy_text(row.value()))
        label = QLabel(label_text, self)
        label.setObjectName(f"{name}_label")
        label.setBuddy(row.field)
        form.addRow(label, row)
        return row

    # --- loading ----------------------------------------------------------------------

    def load(self) -> None:
        company = self.session.state.company
        self.company_name.set_text(company.name)
        self.website.set_text(company.website)
        self.business_email.set_text(company.business_email)
        self.business_phone.set_text(company.business_phone)
        self._show_logo()

    def refresh(self) -> None:
        self._show_logo()

    # --- logo -------------------------------------------------------------------------

    @Slot()
    def _on_open_portal_clicked(self) -> None:
        profile = self.session.profile
        self.desktop.open_url(self, profile.create_app_url or profile.developer_apps_url, self.tr("the LinkedIn developer portal"))

    @Slot()
    def _on_choose_logo_clicked(self) -> None:
        path = self.desktop.open_file_name(
            self, self.tr("Choose the app logo"), self.tr("Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp);;All files (*)")
        )
        if path:
            self.set_logo(Path(path))

    def set_logo(self, path: Path) -> None:
        """Check the image at `path` and record it as the logo."""
        from wizard.services.images import ImageError, image_size

        company = self.session.state.company
        company.logo_path = str(path)
        try:
            company.logo_width, company.logo_height = image_size(path)
            failure = ""
        except ImageError as error:
            company.logo_width = company.logo_height = 0
            failure = str(error)
        self._show_logo(failure)
        self.changed()

    @Slot()
    def _on_fit_logo_clicked(self) -> None:
        from wizard.services.images import ImageError, write_fitted_copy

        source = Path(self.session.state.company.logo_path)
        suggested = str(source.with_name(f"{source.stem}-{MAX_LOGO_SIDE}px.png"))
        target = self.desktop.save_file_name(self, self.tr("Save a logo that fits"), suggested, self.tr("PNG images (*.png)"))
        if not target:
            return
        target_path = Path(target)
        if target_path.suffix.lower() != ".png":
            target_path = target_path.with_name(target_path.name + ".png")
        try:
            write_fitted_copy(source, target_path)
        except ImageError as error:
            self.logo_note.show_note(NoteKind.ERROR, str(error))
            return
        self.set_logo(target_path)
        company = self.session.state.company
        self.logo_note.show_note(
            NoteKind.INFO,
            self.tr("Saved a copy of {w}\u00d7{h} pixels to {path}. Upload this file to LinkedIn.").format(
                w=company.logo_width, h=company.logo_height, path=target_path
            ),
        )

    def _preview(self, path: str) -> QPixmap | None:
        """Return the scaled preview of the logo, decoding the file only when it changed.

        The page refreshes after every edit, and decoding a large image each time would
        make typing lag.
        """
        try:
            status = os.stat(path)
        except OSError:
            return None
        key = (path, status.st_mtime_ns, status.st_size)
        if self._preview_key != key:
            pixmap = QPixmap(path)
            self._preview_key = key
            self._preview_pixmap = None if pixmap.isNull() else pixmap.scaled(
                MAX_LOGO_SIDE, MAX_LOGO_SIDE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        return self._preview_pixmap

    def _show_logo(self, failure: str = "") -> None:
        company = self.session.state.company
        self.logo_path.setText(company.logo_path)
        self.logo_path.setCursorPosition(len(company.logo_path))
        self.logo_preview.clear()
        self.fit_logo.setEnabled(False)
        if not company.logo_path:
            self.logo_note.clear()
            self.logo_preview.setText(self.tr("No logo"))
            return
        if failure or company.logo_width <= 0:
            self.logo_note.show_note(NoteKind.ERROR, failure or logo_problem(company))
            self.logo_preview.setText(self.tr("Not an image"))
            return
        preview = self._preview(company.logo_path)
        if preview is not None:
            self.logo_preview.setPixmap(preview)
        problem = logo_problem(company)
        if problem:
            self.fit_logo.setEnabled(True)
            self.logo_note.show_note(NoteKind.ERROR, problem)
        else:
            self.logo_note.show_note(
                NoteKind.INFO,
                self.tr("The logo is {w}\u00d7{h} pixels and fits.").format(w=company.logo_width, h=company.logo_height),
            )


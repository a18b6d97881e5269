"""The page contract every wizard step follows.

A page loads its widgets from the setup model in `load()`, writes edits back through
`changed()`, and takes its completeness and its next page from the flow table in
`wizard.domain.steps`, so the UI never decides the order itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFrame, QLineEdit, QScrollArea, QVBoxLayout, QWidget, QWizardPage

from wizard.domain import steps
from wizard.domain.model import StepId
from wizard.ui.desktop import Desktop
from wizard.ui.session import Session
from wizard.ui.widgets import plain_label


class StepPage(QWizardPage):
    """Base of the nine step pages. Subclasses set `step_id` and fill `self.body` in `build`.

    A page's widgets are built when it is first shown (or `ensure_built` is called), so
    the window appears without waiting for the pages behind the current one.
    Completeness and the next step come from the model alone and work before that.
    """

    step_id: StepId = StepId.BEFORE_START

    def __init__(self, session: Session, desktop: Desktop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.desktop = desktop
        self.setObjectName(f"{type(self).__name__}")
        self.setTitle(steps.title(self.step_id, session.profile.ats_name))
        self._loading = False
        self._built = False
        # Completeness last reported to QWizard; None until the page is shown.
        self._last_complete: bool | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setObjectName(f"{self.objectName()}_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        content = QWidget(scroll)
        content.setObjectName(f"{self.objectName()}_content")
        self.body = QVBoxLayout(content)
        scroll.setWidget(content)
        outer.addWidget(scroll)

    def ensure_built(self) -> None:
        """Create the page's widgets if that has not happened yet."""
        if not self._built:
            self._built = True
            self.build()

    @property
    def built(self) -> bool:
        return self._built

    def focus_first_field(self) -> None:
        """Put keyboard focus on the page's first editable field, or else its first control."""
        if not self.isVisible():
            return
        candidates = []
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self and len(candidates) < 200:
            if (
                self.isAncestorOf(widget)
                and widget.isVisible()
                and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                candidates.append(widget)
            widget = widget.nextInFocusChain()
        editable = [item for item in candidates if isinstance(item, QLineEdit) and not item.isReadOnly()]
        chosen = (editable or candidates or [None])[0]
        if chosen is not None:
            chosen.setFocus(Qt.FocusReason.TabFocusReason)

    def refresh_if_built(self) -> None:
        if self._built:
            self.refresh()

    # --- helpers for subclasses -----------------------------------------------------

    def add_text(self, text: str, object_name: str) -> None:
        label = plain_label(text, object_name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(label)

    def changed(self) -> None:
        """Call after writing a widget's value into the model."""
        if self._loading:
            return
        self.session.changed()
        self.update_completeness()

    def update_completeness(self) -> None:
        """Emit completeChanged when the page became complete or incomplete, keeping focus.

        NOTE: QWizard (seen in Qt 6.9 and 6.11) hides and shows its whole contents while
        it updates the buttons after completeChanged, so the field being typed in loses
        keyboard focus. Like Qt's own mandatory fields, the signal is only sent when the
        state changes, and the focused field gets its focus back without reporting
        editingFinished for the moment it was hidden.
        """
        complete = self.isComplete()
        if complete == self._last_complete:
            return
        self._last_complete = complete
        focused = QApplication.focusWidget()
        blocked = focused.blockSignals(True) if focused is not None else False
        try:
            self.completeChanged.emit()
        finally:
            if focused is not None:
                focused.blockSignals(blocked)
                if QApplication.focusWidget() is not focused and focused.isVisible() and focused.isEnabled():
                    focused.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- QWizardPage ----------------------------------------------------------------

    def initializePage(self) -> None:
        self.ensure_built()
        self._loading = True
        try:
            self.load()
        finally:
            self._loading = False
        self._last_complete = self.isComplete()

    def cleanupPage(self) -> None:
        # QWizard resets fields on Back by default; every value lives in the model instead.
        pass

    def isComplete(self) -> bool:
        return steps.is_complete(self.session.state, self.step_id)

    def validatePage(self) -> bool:
        if not self.isComplete():
            return False
        if not self.apply_on_leave():
            return False
        self.session.mark_step_completed(self.step_id.value)
        self.session.changed()
        return True

    def nextId(self) -> int:
        following = steps.next_step(self.session.state, self.step_id)
        return -1 if following is None else steps.index_of(following)

    # --- to override ------------------------------------------------------------------

    def build(self) -> None:
        """Create the page's widgets in `self.body`; called once, before the first `load`."""

    def load(self) -> None:
        """Fill the widgets from the model."""

    def apply_on_leave(self) -> bool:
        """Run what must happen when the user moves on; return False to stay."""
        return True

    def refresh(self) -> None:
        """Update derived text after another view changed the model."""

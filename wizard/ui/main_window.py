"""The main window: the step list beside the wizard, the checklist view and the seat pane."""

from __future__ import annotations

import logging

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFontMetrics,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QHBoxLayout,
    QMainWindow,
    QStackedWidget,
    QStyle,
    QToolBar,
    QWidget,
    QWizard,
)

from wizard import APP_NAME
from wizard.domain import steps
from wizard.domain.model import StepId
from wizard.domain.steps import StepState
from wizard.ui.desktop import Desktop
from wizard.ui.pages.application_page import ApplicationPage
from wizard.ui.pages.base import StepPage
from wizard.ui.pages.contract_page import ContractPage
from wizard.ui.pages.credentials_page import CredentialsPage
from wizard.ui.pages.email_page import ActivationEmailPage
from wizard.ui.pages.later_pages import ApprovalPage, DonePage, JazzhrPage, SdkDomainPage
from wizard.ui.pages.plan_page import PlanPage
from wizard.ui.session import Session

log = logging.getLogger(__name__)

PAGE_CLASSES: tuple[type[StepPage], ...] = (
    PlanPage,
    ContractPage,
    ApplicationPage,
    CredentialsPage,
    ActivationEmailPage,
    ApprovalPage,
    SdkDomainPage,
    JazzhrPage,
    DonePage,
)


class SetupWizard(QWizard):
    """A QWizard embedded in the main window; Finish never closes it.

    Signals:
        finish_requested(): the user clicked Finish on the last step.
    """

    finish_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setup_wizard")
        self.setWindowFlags(Qt.WindowType.Widget)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoCancelButton, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoDefaultButton, True)
        # Alt+F belongs to the File menu.
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("F&inish"))

    def done(self, result: int) -> None:  # noqa: ARG002  (QDialog would hide the embedded widget)
        self.finish_requested.emit()

    def go_to(self, target: int) -> None:
        """Walk back or forward to page `target`; forward stops at a page that is not complete."""
        while self.currentId() > target:
            before = self.currentId()
            self.back()
            if self.currentId() == before:
                break
        while self.currentId() < target:
            before = self.currentId()
            page = self.currentPage()
            if page is None or not page.isComplete():
                break
            self.next()
            if self.currentId() == before:
                break

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # A dialog presses its default button on Enter; on an embedded wizard Enter in a
        # field must not move on to the next step.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)


class MainWindow(QMainWindow):
    """The program's window."""

    def __init__(self, session: Session, desktop: Desktop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.desktop = desktop
        self.setObjectName("main_window")
        self.setWindowTitle(APP_NAME)
        self._troubleshooting = None
        self._about = None

        self.wizard = SetupWizard(self)
        self.pages: dict[StepId, StepPage] = {}
        for page_class in PAGE_CLASSES:
            page = page_class(session, desktop)
            self.pages[page.step_id] = page
            self.wizard.setPage(steps.index_of(page.step_id), page)
        self.wizard.setStartId(0)

        self.step_list = QListWidget(self)
        self.step_list.setObjectName("step_list")
        self.step_list.setAccessibleName(self.tr("Setup steps"))
        self.step_list.setIconSize(QSize(16, 16))
        self.step_list.setSpacing(2)
        for step in steps.STEPS:
            item = QListWidgetItem(steps.title(step.id, session.profile.ats_name))
            item.setData(Qt.ItemDataRole.UserRole, step.id.value)
            self.step_list.addItem(item)
        bold = self.step_list.font()
        bold.setBold(True)
        ats = session.profile.ats_name
        longest = max(QFontMetrics(bold).horizontalAdvance(f"9. {steps.title(step.id, ats)}") for step in steps.STEPS)
        # Wide enough for the longest title in bold with its icon, and no wider: the pages need the room.
        self.step_list.setFixedWidth(longest + self.step_list.iconSize().width() + 4 * self.step_list.spacing() + 24)

        setup_view = QWidget(self)
        setup_view.setObjectName("setup_view")
        setup_layout = QHBoxLayout(setup_view)
        setup_layout.setContentsMargins(0, 0, 0, 0)
        setup_layout.addWidget(self.step_list)
        setup_layout.addWidget(self.wizard, 1)

        self.stack = QStackedWidget(self)
        self.stack.setObjectName("central_stack")
        self.stack.addWidget(setup_view)
        self.setup_view = setup_view
        # Built when first needed: the checklist evaluates every check, which the first
        # paint need not wait for.
        self._checklist_view: QWidget | None = None
        self.setCentralWidget(self.stack)

        self.seat_pane = self._create_seat_pane()
        self.resizeDocks([self.seat_pane], [self.fontMetrics().averageCharWidth() * 36], Qt.Orientation.Horizontal)
        self._create_actions()
        self.statusBar().setObjectName("status_bar")

        self.wizard.currentIdChanged.connect(self._on_wizard_current_id_changed)
        self.wizard.finish_requested.connect(self._on_wizard_finish_requested)
        self.step_list.itemActivated.connect(self._on_step_list_item_activated)
        self.step_list.itemClicked.connect(self._on_step_list_item_activated)
        session.state_changed.connect(self._on_session_state_changed)
        session.save_failed.connect(self._on_session_save_failed)
        done_page = self.pages[StepId.DONE]
        assert isinstance(done_page, DonePage)
        done_page.checklist_requested.connect(self.show_checklist)
        done_page.seat_pane_requested.connect(self.focus_seat_pane)

        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """Start at a comfortable size that never exceeds the screen's free area."""
        screen = self.screen()
        available = screen.availableGeometry() if screen is not None else None
        width, height = 1100, 720
        if available is not None:
            width = min(width, available.width() - 40)
            height = min(height, available.height() - 40)
        self.resize(width, height)

    # --- construction -------------------------------------------------------------------

    @property
    def checklist_view(self):
        """The checklist view, created on first use."""
        if self._checklist_view is None:
            self._checklist_view = self._create_checklist_view()
            self.stack.addWidget(self._checklist_view)
        return self._checklist_view

    def _create_checklist_view(self) -> QWidget:
        from wizard.ui.checklist_view import ChecklistView

        view = ChecklistView(self.session, self.desktop, self)
        view.setObjectName("checklist_view")
        view.fix_requested.connect(self._on_checklist_fix_requested)
        view.report_exported.connect(self._on_checklist_report_exported)
        return view

    def _create_seat_pane(self):
        from wizard.ui.seat_pane import SeatPane

        pane = SeatPane(self.session, self.desktop, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, pane)
        return pane

    def _create_actions(self) -> None:
        style = self.style()
        self.setup_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView), self.tr("&Setup steps"), self)
        self.setup_action.setObjectName("action_setup")
        self.setup_action.setShortcut(QKeySequence("Ctrl+1"))
        self.setup_action.triggered.connect(self.show_setup)
        self.checklist_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton), self.tr("&Checklist"), self)
        self.checklist_action.setObjectName("action_checklist")
        self.checklist_action.setShortcut(QKeySequence("Ctrl+2"))
        self.checklist_action.triggered.connect(self.show_checklist)
        self.seat_focus_action = QAction(self.tr("Go to the seat pa&ne"), self)
        self.seat_focus_action.setObjectName("action_seat_focus")
        self.seat_focus_action.setShortcut(QKeySequence("Ctrl+3"))
        self.seat_focus_action.triggered.connect(self.focus_seat_pane)
        self.step_list_action = QAction(self.tr("Go to the step &list"), self)
        self.step_list_action.setObjectName("action_step_list")
        self.step_list_action.setShortcut(QKeySequence("Ctrl+L"))
        self.step_list_action.triggered.connect(self._on_step_list_action_triggered)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setObjectName("action_quit")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.setObjectName("menu_file")
        self.export_report_action = QAction(self.tr("&Export support report\u2026"), self)
        self.export_report_action.setObjectName("menu_export_report")
        self.export_report_action.triggered.connect(lambda: self._trigger_checklist_action(0))
        self.open_report_action = QAction(self.tr("&Open support report\u2026"), self)
        self.open_report_action.setObjectName("menu_open_report")
        self.open_report_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_report_action.triggered.connect(lambda: self._trigger_checklist_action(1))
        file_menu.addAction(self.export_report_action)
        file_menu.addAction(self.open_report_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.setObjectName("menu_view")
        view_menu.addAction(self.setup_action)
        view_menu.addAction(self.checklist_action)
        view_menu.addSeparator()
        view_menu.addAction(self.step_list_action)
        view_menu.addAction(self.seat_focus_action)
        pane_toggle = self.seat_pane.toggleViewAction()
        pane_toggle.setObjectName("action_seat_pane_toggle")
        pane_toggle.setText(self.tr("Show seat &pane"))
        view_menu.addAction(pane_toggle)
        self.view_menu = view_menu

        self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_menu.setObjectName("menu_help")
        self.troubleshooting_action = QAction(self.tr("&Troubleshooting"), self)
        self.troubleshooting_action.setObjectName("action_troubleshooting")
        self.troubleshooting_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.troubleshooting_action.triggered.connect(self.show_troubleshooting)
        self.log_folder_action = QAction(self.tr("Open &log folder"), self)
        self.log_folder_action.setObjectName("action_log_folder")
        self.log_folder_action.triggered.connect(self._on_log_folder_action_triggered)
        self.about_action = QAction(self.tr("&About {app}").format(app=APP_NAME), self)
        self.about_action.setObjectName("action_about")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.troubleshooting_action)
        self.help_menu.addAction(self.log_folder_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)

        toolbar = QToolBar(self.tr("Views"), self)
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        toolbar.addAction(self.setup_action)
        toolbar.addAction(self.checklist_action)
        self.addToolBar(toolbar)

    # --- start-up ---------------------------------------------------------------------

    def start(self) -> None:
        """Open the wizard on the step where the user stopped."""
        # Computed first: restarting the wizard records the first step as the current one.
        target = steps.index_of(steps.resume_step(self.session.state))
        self.wizard.restart()
        self.wizard.go_to(target)
        self._update_step_list()

    def _trigger_checklist_action(self, index: int) -> None:
        """Run the checklist view's export (0) or open (1) action, showing the view."""
        self.show_checklist()
        self.checklist_view.file_actions()[index].trigger()

    # --- help ---------------------------------------------------------------------------

    @Slot()
    def show_troubleshooting(self) -> None:
        from wizard.ui.help import TroubleshootingDialog

        if self._troubleshooting is None:
            self._troubleshooting = TroubleshootingDialog(self.session.profile.ats_name, self)
        self._troubleshooting.show()
        self._troubleshooting.raise_()
        self._troubleshooting.activateWindow()

    @Slot()
    def show_about(self) -> None:
        from wizard.ui.help import AboutDialog

        dialog = AboutDialog(self.session, self.desktop, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._about = dialog
        dialog.show()

    @Slot()
    def _on_log_folder_action_triggered(self) -> None:
        from wizard.ui.help import open_log_folder

        open_log_folder(self.desktop, self)

    @Slot()
    def bring_to_front(self) -> None:
        """Show the window on top, as when the user starts the program a second time."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # --- views --------------------------------------------------------------------------

    @Slot()
    def show_setup(self) -> None:
        self.stack.setCurrentWidget(self.setup_view)
        page = self.wizard.currentPage()
        if page is not None:
            page.setFocus()

    @Slot()
    def show_checklist(self) -> None:
        self.stack.setCurrentWidget(self.checklist_view)
        self.checklist_view.focus_list()

    @Slot()
    def focus_seat_pane(self) -> None:
        self.seat_pane.focus_pane()

    @Slot()
    def _on_step_list_action_triggered(self) -> None:
        self.show_setup()
        self.step_list.setFocus()

    def go_to_step(self, step_id: StepId) -> None:
        self.show_setup()
        self.wizard.go_to(steps.index_of(step_id))
        if self.wizard.currentId() != steps.index_of(step_id):
            current = self.wizard.currentPage()
            title = current.title() if current is not None else ""
            self.statusBar().showMessage(
                self.tr("Finish \u201c{title}\u201d first; the steps after it build on it.").format(title=title), 8000
            )

    @Slot(str)
    def _on_checklist_report_exported(self, path: str) -> None:
        self.statusBar().showMessage(
            self.tr("Support report saved to {path}. It contains no secret; send it to support.").format(path=path)
        )

    @Slot(str)
    def _on_checklist_fix_requested(self, target: str) -> None:
        if target == "seats":
            self.focus_seat_pane()
            return
        try:
            step_id = StepId(target)
        except ValueError:
            log.error("Checklist asked to open an unknown step %r", target)
            return
        self.go_to_step(step_id)

    # --- step list ----------------------------------------------------------------------

    @Slot(QListWidgetItem)
    def _on_step_list_item_activated(self, item: QListWidgetItem) -> None:
        step_id = StepId(item.data(Qt.ItemDataRole.UserRole))
        if step_id is self._current_step():
            return
        self.go_to_step(step_id)

    def _current_step(self) -> StepId:
        page = self.wizard.currentPage()
        return page.step_id if isinstance(page, StepPage) else StepId.BEFORE_START

    def _update_step_list(self) -> None:
        current = self._current_step()
        style = self.style()
        icons = {
            StepState.DONE: style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton),
            StepState.CURRENT: style.standardIcon(QStyle.StandardPixmap.SP_ArrowRight),
            StepState.ATTENTION: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            StepState.NOT_STARTED: self._open_circle_icon(),
        }
        words = {
            StepState.DONE: self.tr("done"),
            StepState.CURRENT: self.tr("current step"),
            StepState.ATTENTION: self.tr("needs attention"),
            StepState.NOT_STARTED: self.tr("not started"),
        }
        for row, step in enumerate(steps.STEPS):
            item = self.step_list.item(row)
            state = steps.step_state(self.session.state, step.id, current)
            item.setIcon(icons[state])
            step_title = steps.title(step.id, self.session.profile.ats_name)
            item.setText(f"{row + 1}. {step_title}")
            item.setToolTip(f"{step_title}: {words[state]}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{row + 1}. {step_title}, {words[state]}")
            item.setData(Qt.ItemDataRole.StatusTipRole, words[state])
            font = item.font()
            font.setBold(state is StepState.CURRENT)
            item.setFont(font)
        self.step_list.blockSignals(True)
        self.step_list.setCurrentRow(steps.index_of(current))
        self.step_list.blockSignals(False)

    def _open_circle_icon(self) -> QIcon:
        """Draw an empty circle in the text colour, the usual sign for a step not begun."""
        size = self.step_list.iconSize().width()
        pixmap = QPixmap(size * 2, size * 2)
        pixmap.setDevicePixelRatio(2.0)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.palette().color(QPalette.ColorRole.WindowText))
        pen.setWidthF(1.5)
        painter.setPen(pen)
        painter.drawEllipse(QRectF(3, 3, size - 6, size - 6))
        painter.end()
        return QIcon(pixmap)

    # --- signals ------------------------------------------------------------------------

    @Slot(int)
    def _on_wizard_current_id_changed(self, page_id: int) -> None:
        page = self.wizard.currentPage()
        if isinstance(page, StepPage):
            # Back does not call initializePage, so the step is recorded here as well.
            if self.session.state.current_step is not page.step_id and not self.session.read_only:
                self.session.state.current_step = page.step_id
                self.session.changed()
            # After QWizard has settled, so that typing goes on in the new page.
            QTimer.singleShot(0, page.focus_first_field)
        self._update_step_list()

    @Slot()
    def _on_wizard_finish_requested(self) -> None:
        self.session.mark_step_completed(StepId.DONE.value)
        self.session.changed()
        self.show_checklist()

    @Slot()
    def _on_session_state_changed(self) -> None:
        self._update_step_list()
        page = self.wizard.currentPage()
        if isinstance(page, StepPage):
            page.refresh_if_built()

    @Slot(str)
    def _on_session_save_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("Not saved: {message}").format(message=message))
        self.desktop.warn(self, self.tr("Setup not saved"), message)

    def _unsaved_entries(self) -> list[str]:
        """Describe what the user typed that closing now would lose."""
        unsaved = []
        typed = self.session.typed_secret
        state = self.session.state
        stored = state.secret_backend or self.session.secrets.in_memory
        if typed and (typed.fingerprint() != state.secret_fingerprint or not stored):
            unsaved.append(self.tr("the Client Secret you pasted (it is saved when you click Next on its step)"))
        if self.seat_pane.has_unsaved_input():
            unsaved.append(self.tr("the seat binding in the seat pane's form (click Save binding)"))
        return unsaved

    def closeEvent(self, event: QCloseEvent) -> None:
        unsaved = self._unsaved_entries()
        if unsaved:
            choice = self.desktop.choose(
                self,
                self.tr("Not saved yet"),
                self.tr("These entries are not saved yet and would be lost:\n\n{items}\n\nClose anyway?").format(
                    items="\n".join(f"\u2022 {item}" for item in unsaved)
                ),
                [self.tr("Keep the window open"), self.tr("Close and lose them")],
            )
            if choice != 1:
                event.ignore()
                return
        if not self.session.save_now():
            choice = self.desktop.choose(
                self,
                self.tr("Setup not saved"),
                self.tr("The latest changes could not be saved. Close anyway and lose them?"),
                [self.tr("Keep the window open"), self.tr("Close without saving")],
            )
            if choice != 1:
                event.ignore()
                return
        event.accept()

"""The checklist view: every check grouped, with its status, detail and a Fix button.

The view also runs the live checks, copies a plain-text summary, exports a support
report and opens one. An opened report is shown read-only under a banner and never
touches the session's setup. Keychain access and file reads and writes run on a thread
pool, so the window stays responsive while a keychain prompt or a slow disk waits.
"""

from __future__ import annotations

import copy
import html
import logging
import platform
import re
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QModelIndex, QObject, QPointF, QRect, QRectF, QRunnable, QSize, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wizard import APP_NAME, __version__
from wizard.domain import checklist
from wizard.domain.checklist import CheckResult, Facts, Status
from wizard.domain.model import SetupState, timestamp, today
from wizard.domain.report import Report, ReportError, build_report, encode_report, parse_report
from wizard.services.report_files import (
    KeychainProbe,
    ReportWriteError,
    checklist_facts,
    probe_keychain,
    read_report_file,
    write_report_file,
)
from wizard.ui.credential_test_widget import CredentialTestWidget
from wizard.ui.desktop import Desktop
from wizard.ui.session import Session

log = logging.getLogger(__name__)

_PLAIN = Qt.TextFormat.PlainText
_ICON_SIZE = 16
# Extra height of each row, in pixels, so wrapped details and Fix buttons do not touch.
_ROW_PADDING = 8
_MAX_BANNER_VALUE = 120
_STATUS_COLUMN, _TITLE_COLUMN, _DETAIL_COLUMN, _FIX_COLUMN = range(4)
_CHECK_ID_ROLE = Qt.ItemDataRole.UserRole
_STATUS_ROLE = Qt.ItemDataRole.UserRole + 1


# --- status icons -------------------------------------------------------------------------

# Colours only add to the status word and the shape, which carry the meaning on their own.
_STATUS_COLOURS = {
    Status.PASSED: "#2e7d32",
    Status.WARNING: "#b26a00",
    Status.FAILED: "#c62828",
    Status.NOT_DONE: "#6b6b6b",
    Status.INFO: "#1565c0",
}
_icon_cache: dict[Status, QIcon] = {}


def status_icon(status: Status) -> QIcon:
    """Return a drawn icon whose shape differs per status: tick, triangle, cross, ring, "i"."""
    icon = _icon_cache.get(status)
    if icon is None:
        icon = QIcon()
        for side in (_ICON_SIZE, _ICON_SIZE * 2):
            icon.addPixmap(_draw_status(status, side))
        _icon_cache[status] = icon
    return icon


def _draw_status(status: Status, side: int) -> QPixmap:
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(_STATUS_COLOURS[status])
    unit = side / 16.0
    box = QRectF(unit, unit, side - 2 * unit, side - 2 * unit)
    mark = QPen(QColor("white"), 2 * unit, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    if status is Status.WARNING:
        triangle = QPolygonF([QPointF(side / 2, unit), QPointF(side - unit, side - unit), QPointF(unit, side - unit)])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(colour))
        painter.drawPolygon(triangle)
        painter.setPen(mark)
        painter.drawLine(QPointF(side / 2, 6 * unit), QPointF(side / 2, 10 * unit))
        painter.drawPoint(QPointF(side / 2, 12.5 * unit))
    elif status is Status.NOT_DONE:
        painter.setPen(QPen(colour, 2 * unit))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(box.adjusted(unit, unit, -unit, -unit))
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(colour))
        painter.drawEllipse(box)
        painter.setPen(mark)
        if status is Status.PASSED:
            tick = QPainterPath(QPointF(4.5 * unit, 8.5 * unit))
            tick.lineTo(7 * unit, 11 * unit)
            tick.lineTo(11.5 * unit, 5.5 * unit)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(tick)
        elif status is Status.FAILED:
            painter.drawLine(QPointF(5.5 * unit, 5.5 * unit), QPointF(10.5 * unit, 10.5 * unit))
            painter.drawLine(QPointF(10.5 * unit, 5.5 * unit), QPointF(5.5 * unit, 10.5 * unit))
        else:
            painter.drawPoint(QPointF(side / 2, 4.8 * unit))
            painter.drawLine(QPointF(side / 2, 7.5 * unit), QPointF(side / 2, 11.5 * unit))
    painter.end()
    return pixmap


def _plain_tooltip(text: str) -> str:
    """Return a tooltip that shows text literally; Qt would otherwise guess whether it is HTML."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def _shorten(text: str) -> str:
    """Cut a value from a report to _MAX_BANNER_VALUE characters, so a hostile report cannot flood the banner."""
    return text if len(text) <= _MAX_BANNER_VALUE else text[: _MAX_BANNER_VALUE - 1] + "\u2026"


def _fill(template: str, *values: str) -> str:
    """Replace %1, %2, … in one pass, so a value that contains "%2" stays as it is."""
    return re.sub(r"%(\d)", lambda match: values[int(match.group(1)) - 1], template)


class _WrappingDelegate(QStyledItemDelegate):
    """Measures the detail column at its current width, so a long detail wraps onto more lines.

    QTreeView requests a row's height from the delegate without passing the column's
    width, so the default delegate measures the text as one line.
    """

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        if index.column() != _DETAIL_COLUMN:
            size = super().sizeHint(option, index)
        else:
            measured = QStyleOptionViewItem(option)
            self.initStyleOption(measured, index)
            measured.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
            measured.rect = QRect(0, 0, self._tree.header().sectionSize(_DETAIL_COLUMN), 1)
            size = self._tree.style().sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, measured, QSize(), self._tree)
        return size + QSize(0, _ROW_PADDING)


# --- background work ----------------------------------------------------------------------


class _JobSignals(QObject):
    """Signals of one background job; the object lives in the UI thread.

    Signals:
        succeeded(object): the job finished; the argument is the job, with its `result` set.
        failed(object, str): the job failed; the arguments are the job and a message for the user.
    """

    succeeded = Signal(object)
    failed = Signal(object, str)


class _Job(QRunnable):
    """Runs one function on a thread pool and reports through `signals`.

    `on_success` is called with the result in the UI thread, `error_title` heads the
    warning shown on failure. ReportError and ReportWriteError carry messages for the
    user; any other exception is a bug, logged with its traceback and reported by type.
    """

    def __init__(self, work: Callable[[], object], on_success: Callable[[object], None], error_title: str) -> None:
        super().__init__()
        # The pool must not delete the runnable: the view keeps it until its signal arrives.
        self.setAutoDelete(False)
        self.signals = _JobSignals()
        self.result: object = None
        self.on_success = on_success
        self.error_title = error_title
        self._work = work

    def run(self) -> None:
        try:
            self.result = self._work()
        except (ReportError, ReportWriteError) as error:
            self.signals.failed.emit(self, str(error))
            return
        except Exception as error:
            log.exception("Checklist background job failed")
            self.signals.failed.emit(
                self, f"An unexpected error stopped the operation ({type(error).__name__}). Details are in the log file."
            )
            return
        self.signals.succeeded.emit(self)


# --- the view -----------------------------------------------------------------------------


class ChecklistView(QWidget):
    """The checklist of the session's setup, or of an opened support report.

    Signals:
        fix_requested(str): the user clicked Fix; the target is a StepId value or "seats".
        live_check_requested(): the user clicked "Run live checks". The view reads the
            keychain and starts the credential test itself.
        live_check_finished(): the keychain was read and the list shows the result. The
            credential test reports later, through its own widget and the session.
        report_exported(str): a support report was written to this path.
        report_opened(str): the report at this path is shown, read-only.
        report_closed(): the view went back from a report to the user's own setup.
    """

    fix_requested = Signal(str)
    live_check_requested = Signal()
    live_check_finished = Signal()
    report_exported = Signal(str)
    report_opened = Signal(str)
    report_closed = Signal()

    def __init__(self, session: Session, desktop: Desktop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklist_view")
        self._session = session
        self._desktop = desktop
        self._report: Report | None = None
        self._results: list[CheckResult] = []
        self._items: dict[str, QTreeWidgetItem] = {}

        # Set when the setup changed while the view was hidden; the next show evaluates again.
        self._stale = False
        # The last live keychain probe and the saved fingerprint it was compared with.
        self._probe: KeychainProbe | None = None
        self._probe_fingerprint = ""
        self._jobs: set[_Job] = set()
        # Created on the first live check, so the window shows a second "Test credentials"
        # button (besides the wizard's) only after the user asked for live checks.
        self._credential_test: CredentialTestWidget | None = None
        self._credential_test_box: QGroupBox | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

        self._status_words = {
            Status.PASSED: self.tr("Passed"),
            Status.WARNING: self.tr("Warning"),
            Status.FAILED: self.tr("Failed"),
            Status.NOT_DONE: self.tr("Not done"),
            Status.INFO: self.tr("Info"),
        }
        self._build()
        session.state_changed.connect(self._on_session_state_changed)
        session.secret_changed.connect(self._on_session_secret_changed)
        self.refresh()

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)

        self._banner = QFrame(self)
        self._banner.setObjectName("report_banner")
        self._banner.setFrameShape(QFrame.Shape.StyledPanel)
        self._banner.setAccessibleName(self.tr("Support report banner"))
        self._banner.setStyleSheet("#report_banner { background: palette(alternate-base); }")
        banner_layout = QHBoxLayout(self._banner)
        self._banner_label = QLabel(self._banner)
        self._banner_label.setObjectName("report_banner_label")
        self._banner_label.setTextFormat(_PLAIN)
        self._banner_label.setWordWrap(True)
        self._banner_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._banner_label.setAccessibleName(self.tr("Report origin"))
        self._back_button = QPushButton(self.tr("&Back to my setup"), self._banner)
        self._back_button.setObjectName("back_to_setup_button")
        self._back_button.setAccessibleName(self.tr("Back to my setup"))
        self._back_button.clicked.connect(self._on_back_button_clicked)
        banner_layout.addWidget(self._banner_label, 1)
        banner_layout.addWidget(self._back_button, 0, Qt.AlignmentFlag.AlignTop)
        self._banner.hide()
        layout.addWidget(self._banner)

        actions = QHBoxLayout()
        self._counts_label = QLabel(self)
        self._counts_label.setObjectName("counts_label")
        self._counts_label.setTextFormat(_PLAIN)
        self._counts_label.setAccessibleName(self.tr("Checklist totals"))
        self._problems_only = QCheckBox(self.tr("&Problems only"), self)
        self._problems_only.setObjectName("problems_only_check")
        self._problems_only.setAccessibleName(self.tr("Show problems only"))
        self._problems_only.toggled.connect(self._on_problems_only_toggled)
        actions.addWidget(self._counts_label, 1)
        actions.addWidget(self._problems_only)
        layout.addLayout(actions)

        self._tree = QTreeWidget(self)
        self._tree.setObjectName("checklist_tree")
        self._tree.setAccessibleName(self.tr("Checklist"))
        self._tree.setColumnCount(4)
        self._tree.setHeaderLabels([self.tr("Status"), self.tr("Check"), self.tr("Detail"), self.tr("Fix")])
        self._tree.setIconSize(QSize(_ICON_SIZE, _ICON_SIZE))
        self._tree.setWordWrap(True)
        self._tree.setItemDelegate(_WrappingDelegate(self._tree))
        self._tree.setRootIsDecorated(False)
        self._tree.setIndentation(_ICON_SIZE)
        self._tree.setAlternatingRowColors(True)
        self._tree.setSelectionMode(QTreeWidget.SelectionMode.SingleSelection)
        self._tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self._tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(_STATUS_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_TITLE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_DETAIL_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(_FIX_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.sectionResized.connect(self._on_header_section_resized)
        self._tree.itemActivated.connect(self._on_tree_item_activated)
        layout.addWidget(self._tree, 1)

        buttons = QHBoxLayout()
        self._live_button = self._button("live_checks_button", self.tr("R&un live checks"), self._on_live_button_clicked)
        self._describe(
            self._live_button,
            self.tr("Reads the Client Secret from the keychain, compares it with the saved one, and tests the credentials with LinkedIn."),
        )
        self._copy_button = self._button("copy_summary_button", self.tr("Copy su&mmary"), self._on_copy_button_clicked)
        self._describe(self._copy_button, self.tr("Copies the checks shown as plain text, for a support ticket."))
        # The main window puts these two actions in its File menu; the buttons trigger them.
        self._export_action = QAction(self.tr("&Export support report\u2026"), self)
        self._export_action.setObjectName("action_export_report")
        self._export_action.triggered.connect(self._on_export_action_triggered)
        self._open_action = QAction(self.tr("&Open support report\u2026"), self)
        self._open_action.setObjectName("action_open_report")
        self._open_action.triggered.connect(self._on_open_action_triggered)
        self._export_button = self._button("export_report_button", self._export_action.text(), self._export_action.trigger)
        self._open_button = self._button("open_report_button", self._open_action.text(), self._open_action.trigger)
        self._describe(
            self._export_button,
            self.tr("Saves a support report of this setup as a JSON file. It contains the secret's fingerprint, never the secret."),
        )
        self._describe(self._open_button, self.tr("Shows the checklist of a report that a customer sent, read-only."))
        for button in (self._live_button, self._copy_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self._export_button, self._open_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)

    @staticmethod
    def _describe(button: QPushButton, description: str) -> None:
        button.setToolTip(description)
        button.setAccessibleDescription(description)

    def _button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", "").rstrip("\u2026"))
        button.clicked.connect(slot)
        return button

    # --- public ---------------------------------------------------------------------------

    @property
    def showing_report(self) -> bool:
        return self._report is not None

    def file_actions(self) -> list[QAction]:
        """Return the actions "Export support report…" and "Open support report…" for a File menu."""
        return [self._export_action, self._open_action]

    def results(self) -> list[CheckResult]:
        """Return the current results, of the setup or of the opened report."""
        if self._stale:
            self.refresh()
        return list(self._results)

    def refresh(self) -> None:
        """Evaluate the checklist again and rebuild the list."""
        self._stale = False
        if self._report is not None:
            self._results = self._report.evaluate()
        else:
            self._results = checklist.evaluate(self._session.state, self._facts())
        self._fill_tree()
        self._update_controls()

    def focus_list(self) -> None:
        """Put keyboard focus on the list of checks, on its current or first row."""
        if self._tree.currentItem() is None and self._tree.topLevelItemCount():
            self._tree.setCurrentItem(self._tree.topLevelItem(0))
        self._tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_check(self, check_id: str) -> bool:
        """Select a check's row and focus the list, so Return opens its fix.

        Returns False when no row of that id is shown, for example under "Problems only".
        """
        if self._stale:
            self.refresh()
        item = self._items.get(check_id)
        if item is None or item.isHidden():
            return False
        self._tree.setCurrentItem(item)
        self._tree.scrollToItem(item)
        self._tree.setFocus()
        return True

    def open_report(self, path: str) -> None:
        """Read and show a support report; errors are shown with the desktop's warning dialog."""
        self._start(
            _Job(
                lambda: parse_report(read_report_file(Path(path))),
                lambda report: self._show_report(path, report),
                self.tr("Could not open the support report"),
            )
        )

    def close_report(self) -> None:
        """Leave the opened report and show the user's own setup again."""
        if self._report is None:
            return
        self._report = None
        self.refresh()
        self.report_closed.emit()

    # --- evaluation -----------------------------------------------------------------------

    def _facts(self) -> Facts:
        probe = self._probe
        if probe is not None and self._probe_fingerprint != self._session.state.secret_fingerprint:
            # The saved secret changed after the probe, so the probed fingerprint is no longer comparable.
            probe = KeychainProbe(probe.backend, probe.usable)
        return checklist_facts(self._session.profile, probe)

    def _heading(self) -> str:
        if self._report is not None:
            return self._banner_text(self._report)
        company = self._session.state.company.name
        return f"{APP_NAME} {__version__}" + (f" \u2014 {company}" if company else "")

    def _banner_text(self, report: Report) -> str:
        return _fill(
            self.tr("Support report from \u201c%1\u201d, exported %2 by %3 %4 on %5. Shown read-only: your own setup is unchanged."),
            _shorten(report.company_name) or self.tr("an unnamed company"),
            _shorten(checklist.readable_time(report.exported_at)),
            APP_NAME,
            _shorten(report.program_version),
            _shorten(report.platform),
        )

    # --- the list -------------------------------------------------------------------------

    def _fill_tree(self) -> None:
        self._tree.clear()
        self._items.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        bold = QFont(self._tree.font())
        bold.setBold(True)
        for result in self._results:
            group_item = groups.get(result.group)
            if group_item is None:
                group_item = QTreeWidgetItem(self._tree, [result.group_title])
                group_item.setFont(_STATUS_COLUMN, bold)
                group_item.setFirstColumnSpanned(True)
                group_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[result.group] = group_item
            self._add_result(group_item, result)
        self._tree.expandAll()
        self._apply_filter()

    def _add_result(self, group_item: QTreeWidgetItem, result: CheckResult) -> None:
        word = self._status_words[result.status]
        item = QTreeWidgetItem(group_item, [word, result.title, result.detail, ""])
        item.setIcon(_STATUS_COLUMN, status_icon(result.status))
        item.setData(_STATUS_COLUMN, _CHECK_ID_ROLE, result.id)
        item.setData(_STATUS_COLUMN, _STATUS_ROLE, result.status.value)
        self._items[result.id] = item
        item.setToolTip(_DETAIL_COLUMN, _plain_tooltip(result.detail))
        item.setData(_STATUS_COLUMN, Qt.ItemDataRole.AccessibleTextRole, f"{word}: {result.title}. {result.detail}")
        if self._report is None and result.is_problem and result.fix:
            button = QPushButton(self.tr("Fix"))
            button.setObjectName(f"fix_button_{result.id}")
            button.setAccessibleName(_fill(self.tr("Fix: %1"), result.title))
            button.setToolTip(_fill(self.tr("Opens the %1"), checklist.fix_label(result.fix)))
            button.setProperty("fix_target", result.fix)
            button.clicked.connect(self._on_fix_button_clicked)
            # A cell widget fills the whole cell; the holder keeps the button at its own height.
            holder = QWidget()
            holder.setObjectName(f"fix_holder_{result.id}")
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(2, 0, 2, 0)
            holder_layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            self._tree.setItemWidget(item, _FIX_COLUMN, holder)

    def _apply_filter(self) -> None:
        problems_only = self._problems_only.isChecked()
        for group_index in range(self._tree.topLevelItemCount()):
            group_item = self._tree.topLevelItem(group_index)
            visible = 0
            for child_index in range(group_item.childCount()):
                child = group_item.child(child_index)
                status = Status(child.data(_STATUS_COLUMN, _STATUS_ROLE))
                hidden = problems_only and status not in checklist.PROBLEM_STATUSES
                child.setHidden(hidden)
                visible += not hidden
            group_item.setHidden(visible == 0)

    def _update_controls(self) -> None:
        in_report = self._report is not None
        busy = bool(self._jobs)
        self._banner.setVisible(in_report)
        if in_report:
            self._banner_label.setText(self._banner_text(self._report))
        self._counts_label.setText(checklist.counts_line(self._results))
        self._tree.setColumnHidden(_FIX_COLUMN, in_report)
        if self._credential_test_box is not None:
            self._credential_test_box.setVisible(not in_report)
        self._live_button.setEnabled(not in_report and not busy)
        for action, button, enabled in (
            (self._export_action, self._export_button, not in_report and not busy),
            (self._open_action, self._open_button, not busy),
        ):
            action.setEnabled(enabled)
            button.setEnabled(enabled)

    # --- background jobs ------------------------------------------------------------------

    def _start(self, job: _Job) -> None:
        self._jobs.add(job)
        job.signals.succeeded.connect(self._on_job_succeeded)
        job.signals.failed.connect(self._on_job_failed)
        self._update_controls()
        self._pool.start(job)

    @Slot(object)
    def _on_job_succeeded(self, job: _Job) -> None:
        self._jobs.discard(job)
        self._update_controls()
        job.on_success(job.result)

    @Slot(object, str)
    def _on_job_failed(self, job: _Job, message: str) -> None:
        self._jobs.discard(job)
        self._update_controls()
        self._desktop.warn(self, job.error_title, message)

    def _show_report(self, path: str, report: Report) -> None:
        self._report = report
        log.info("Showing support report %s", path)
        self.refresh()
        self.report_opened.emit(path)

    # --- slots ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    @Slot()
    def _on_session_state_changed(self) -> None:
        # The wizard changes the setup on every keystroke; a hidden view waits until it is shown.
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    @Slot()
    def _on_session_secret_changed(self) -> None:
        self._probe = None
        self._on_session_state_changed()

    @Slot(int, int, int)
    def _on_header_section_resized(self, index: int, old_size: int, new_size: int) -> None:
        # Row heights are cached; wrapped details need them measured at the new width.
        if index == _DETAIL_COLUMN:
            self._tree.doItemsLayout()

    @Slot(bool)
    def _on_problems_only_toggled(self, checked: bool) -> None:
        self._apply_filter()

    @Slot()
    def _on_fix_button_clicked(self) -> None:
        button = self.sender()
        target = button.property("fix_target") if button is not None else None
        if target:
            self.fix_requested.emit(str(target))

    @Slot(QTreeWidgetItem, int)
    def _on_tree_item_activated(self, item: QTreeWidgetItem, column: int) -> None:
        # Return or a double click on a problem opens its fix, as its Fix button does.
        check_id = item.data(_STATUS_COLUMN, _CHECK_ID_ROLE)
        if self._report is not None or check_id is None:
            return
        for result in self._results:
            if result.id == check_id and result.is_problem and result.fix:
                self.fix_requested.emit(result.fix)
                return

    @Slot()
    def _on_back_button_clicked(self) -> None:
        self.close_report()

    @Slot()
    def _on_live_button_clicked(self) -> None:
        self.live_check_requested.emit()
        store = self._session.secrets
        fingerprint = self._session.state.secret_fingerprint
        self._start(
            _Job(
                lambda: probe_keychain(store, read_secret=True),
                lambda probe: self._show_probe(probe, fingerprint),
                self.tr("Live checks failed"),
            )
        )
        self._credential_test_widget().start_test()

    def _credential_test_widget(self) -> CredentialTestWidget:
        if self._credential_test is None:
            box = QGroupBox(self.tr("Credential test with LinkedIn"), self)
            box.setObjectName("credential_test_box")
            box.setAccessibleName(self.tr("Credential test with LinkedIn"))
            self._credential_test = CredentialTestWidget(self._session, self._desktop, box)
            self._credential_test.setObjectName("checklist_credential_test")
            self._credential_test.setAccessibleName(self.tr("Live credential test"))
            QVBoxLayout(box).addWidget(self._credential_test)
            # Below the list, above the row of buttons.
            layout = self.layout()
            layout.insertWidget(layout.count() - 1, box)
            self._credential_test_box = box
        self._credential_test_box.show()
        return self._credential_test

    def _show_probe(self, probe: KeychainProbe, fingerprint: str) -> None:
        self._probe = probe
        self._probe_fingerprint = fingerprint
        self.refresh()
        self.live_check_finished.emit()

    @Slot()
    def _on_copy_button_clicked(self) -> None:
        text = checklist.summary_text(self._results, self._heading(), problems_only=self._problems_only.isChecked())
        self._desktop.copy_text(text)

    @Slot()
    def _on_export_action_triggered(self) -> None:
        path = self._desktop.save_file_name(
            self,
            self.tr("Export support report"),
            f"csa-setup-report-{today()}.json",
            self.tr("Support reports (*.json)"),
        )
        if not path:
            return
        # The job works on a copy, so edits made while it runs cannot tear the report.
        state: SetupState = copy.deepcopy(self._session.state)
        profile = self._session.profile
        store = self._session.secrets
        live_probe = self._probe if self._probe_fingerprint == state.secret_fingerprint else None

        def export() -> str:
            probe = live_probe or probe_keychain(store, read_secret=False)
            report = build_report(
                state,
                checklist_facts(profile, probe),
                profile_id=profile.id,
                platform=platform.platform(),
                exported_at=timestamp(),
                keychain_backend=probe.backend,
            )
            write_report_file(Path(path), encode_report(report))
            return path

        self._start(_Job(export, self.report_exported.emit, self.tr("Could not export the support report")))

    @Slot()
    def _on_open_action_triggered(self) -> None:
        path = self._desktop.open_file_name(
            self, self.tr("Open support report"), self.tr("Support reports (*.json);;All files (*)")
        )
        if path:
            self.open_report(path)

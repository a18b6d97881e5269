"""Start-up of the window: logging, profile, saved setup, and the optional self-test."""

from __future__ import annotations

import argparse
import logging
import platform
import sys
from pathlib import Path
from typing import Any

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, qVersion
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from wizard import APP_ID, APP_NAME, __version__
from wizard.services import paths
from wizard.services.logging_setup import setup_logging
from wizard.services.profile import Profile, ProfileError, load_profile
from wizard.services.secret_store import SecretStore
from wizard.services.settings_store import LoadResult, SettingsStore
from wizard.ui.crash import CrashHandler
from wizard.ui.desktop import Desktop
from wizard.ui.main_thread_gc import MainThreadCollector
from wizard.ui.main_window import MainWindow
from wizard.ui.session import Session

log = logging.getLogger(__name__)


def create_session(profile: Profile, secret_backend: Any = None) -> tuple[Session, LoadResult]:
    """Load the saved setup for `profile` from the config folder and wrap it in a Session."""
    store = SettingsStore(paths.settings_file())
    result = store.load()
    session = Session(result.state, store, SecretStore(profile.id, secret_backend), profile)
    return session, result


def create_window(profile: Profile, desktop: Desktop | None = None, secret_backend: Any = None) -> MainWindow:
    """Build the main window on the saved setup, opened at the step where the user stopped."""
    session, result = create_session(profile, secret_backend)
    window = MainWindow(session, desktop or Desktop())
    window.load_problem = result.problem
    window.start()
    return window


class _FirstPaint(QObject):
    """Calls back once, after the watched window painted for the first time."""

    def __init__(self, callback) -> None:
        super().__init__()
        self._callback = callback
        self._fired = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._fired:
            self._fired = True
            QTimer.singleShot(0, self._callback)
        return False


def _typed_secrets(window: MainWindow | None) -> list[str]:
    if window is None or window.session.typed_secret is None:
        return []
    return [window.session.typed_secret.reveal()]


def route_qt_messages() -> None:
    """Send Qt's own warnings and errors to the program's log instead of stderr only."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handle(kind, context, message: str) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handle)


def run(args: argparse.Namespace) -> int:
    from wizard.cli import profile_path

    log_path = setup_logging(paths.log_dir())
    route_qt_messages()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_ID)
    app.setDesktopFileName(APP_ID)
    icon_path = paths.resources_dir() / "icons" / "csa-setup.svg"
    if icon_path.exists():
        app.setWindowIcon(QIcon(str(icon_path)))

    path = profile_path(args)
    try:
        profile = load_profile(path)
    except ProfileError as error:
        log.error("%s", error)
        print(f"csa-setup: {error}", file=sys.stderr)
        if not args.self_test:
            box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, str(error), QMessageBox.StandardButton.Ok)
            # The message repeats values from the file, which must not be read as markup.
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
        return 2
    log.info(
        "%s %s starting: Python %s, Qt %s (PySide6 %s), %s, profile %s, config %s",
        APP_NAME, __version__, platform.python_version(), qVersion(), pyside_version, platform.platform(), profile.path, paths.config_dir(),
    )

    from wizard.ui.single_instance import SingleInstance

    guard = SingleInstance(app)
    if not args.self_test and guard.wake_running_copy():
        print(f"{APP_NAME} is already running; its window was brought to the front.")
        return 0

    collector = MainThreadCollector(app)
    collector.start()

    # Installed before the window is built, so a failure while building it is shown too.
    holder: dict[str, MainWindow] = {}
    crash_handler = CrashHandler(
        secrets=lambda: _typed_secrets(holder.get("window")),
        copy=lambda text: QGuiApplication.clipboard().setText(text),
        parent=lambda: holder.get("window"),
        save=lambda: holder["window"].session.save_now() if "window" in holder else None,
    )
    crash_handler.install()
    window = create_window(profile)
    holder["window"] = window
    desktop = window.desktop
    if not args.self_test:
        guard.listen()
        guard.activation_requested.connect(window.bring_to_front)
    window.show()
    if getattr(window, "load_problem", ""):
        QTimer.singleShot(0, lambda: desktop.warn(window, window.tr("Saved setup could not be read"), window.load_problem))

    if args.self_test:
        return _self_test(app, window, profile, log_path)
    _quit_on_termination_signals(app, window)
    code = app.exec()
    window.session.save_now()
    guard.close()
    crash_handler.uninstall()
    log.info("%s closed", APP_NAME)
    return code


def _quit_on_termination_signals(app: QApplication, window: MainWindow) -> None:
    """Close the window normally on SIGTERM (logout, shutdown) and SIGINT, so edits are saved.

    Python runs signal handlers only between bytecodes, so a timer wakes the interpreter
    while Qt's event loop waits.
    """
    import signal

    def request_quit(number: int, frame: object) -> None:
        log.info("Received signal %d; closing", number)
        window.session.save_now()
        app.quit()

    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, request_quit)
    waker = QTimer(app)
    waker.setInterval(300)
    waker.timeout.connect(lambda: None)
    waker.start()


def _self_test(app: QApplication, window: MainWindow, profile: Profile, log_path: Path | None) -> int:
    """Print one line per start-up check after the first paint; exit 0 when all passed."""
    results: list[tuple[bool, str]] = []

    def finish() -> None:
        resources = paths.resources_dir()
        results.append((resources.is_dir(), f"resources: {resources}"))
        results.append((True, f"profile: {profile.ats_name} ({profile.path})"))
        results.append((True, f"settings: {paths.settings_file()}"))
        results.append((log_path is not None, f"log file: {log_path}"))
        try:
            backend = window.session.secrets.backend_name()
            usable = window.session.secrets.usable()
            results.append((True, f"keychain: {backend}" + ("" if usable else " (not usable: the secret would be kept in memory only)")))
        except Exception as error:  # The self-test reports every failure as a line.
            results.append((False, f"keychain: {type(error).__name__}"))
        results.append((window.isVisible(), "window: shown and painted"))
        app.quit()

    watcher = _FirstPaint(finish)
    window.installEventFilter(watcher)
    window.update()
    QTimer.singleShot(10_000, app.quit)
    app.exec()
    window.removeEventFilter(watcher)
    if not results:
        print("FAILED window: no paint within 10 seconds")
        return 1
    for passed, line in results:
        print(("ok     " if passed else "FAILED ") + line)
    return 0 if all(passed for passed, _ in results) else 1

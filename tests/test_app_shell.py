"""The program around the wizard: self-test, logging, crash handler, single instance."""

from __future__ import annotations

import json
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton

from tests.desktop_double import RecordingDesktop
from wizard.domain.model import StepId
from wizard.services import paths
from wizard.services.logging_setup import log_file, setup_logging
from wizard.services.profile import load_profile
from wizard.ui.app import create_window
from wizard.ui.crash import CrashHandler
from wizard.ui.single_instance import SingleInstance

SECRET = "Zx9/Recognizable+Secret=Q7"


def run_program(*args: str, config_dir: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "wizard", "--config-dir", str(config_dir), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment,
    )


def test_self_test_exits_zero(tmp_path):
    result = run_program("--self-test", config_dir=tmp_path / "config")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok     window: shown and painted" in result.stdout
    assert "ok     keychain: SecretService.Keyring" in result.stdout
    assert "ok     profile: JazzHR" in result.stdout


def test_self_test_creates_private_log(tmp_path):
    config = tmp_path / "config"
    run_program("--self-test", config_dir=config)
    path = log_file(config / "logs")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert "CSA Setup 0.1.0 starting" in text
    assert "Python" in text
    assert "Qt" in text
    assert "profile" in text
    assert "Keychain backend: SecretService.Keyring" in text


def test_bad_profile_exits_two(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    result = run_program("--self-test", "--profile", str(broken), config_dir=tmp_path / "config")
    assert result.returncode == 2
    assert "is not valid JSON" in result.stderr


def test_version_needs_no_display(tmp_path):
    environment = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    result = subprocess.run([sys.executable, "-m", "wizard", "--version"], capture_output=True, text=True, env=environment, timeout=30)
    assert result.returncode == 0
    assert result.stdout.strip() == "CSA Setup 0.1.0"


def test_missing_display_named(tmp_path):
    environment = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    result = subprocess.run(
        [sys.executable, "-m", "wizard", "--config-dir", str(tmp_path)], capture_output=True, text=True, env=environment, timeout=30
    )
    assert result.returncode == 3
    assert "DISPLAY is not set" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_log_never_holds_secret(qtbot, profile_file, keychain, config_dir, tmp_path):
    """Type and store a recognizable secret, then search the log file and the records."""
    log_path = setup_logging(paths.log_dir())
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(handler.format(record))
    logging.getLogger().addHandler(handler)
    try:
        window = create_window(load_profile(profile_file), RecordingDesktop())
        qtbot.addWidget(window)
        window.show()
        page = window.pages[StepId.CREDENTIALS]
        page.ensure_built()
        page.client_id.setText("86abcde1fgh2ij")
        page.secret.setText(SECRET)
        page.apply_on_leave()
        logging.getLogger("test").error("an error with %s", window.session.typed_secret)
    finally:
        logging.getLogger().removeHandler(handler)
    assert keychain.load().reveal() == SECRET
    assert any("Client secret stored in keychain" in line for line in records)
    for line in records:
        assert SECRET not in line
    text = log_path.read_text(encoding="utf-8")
    assert "****" in text
    assert SECRET not in text


@pytest.mark.qt_no_exception_capture
def test_crash_handler_shows_details(qtbot, profile_file, config_dir, caplog):
    window = create_window(load_profile(profile_file), RecordingDesktop())
    qtbot.addWidget(window)
    window.show()
    window.session.state.company.name = "Saved Before Crash"
    assert window.session.save_now()
    from wizard.domain.secret import Secret

    window.session.set_typed_secret(Secret(SECRET))
    # An edit still waiting for the debounced save when the exception happens.
    window.session.state.contact_name = "Pending Edit"
    window.session.changed()
    assert window.session.save_pending
    copied: list[str] = []
    handler = CrashHandler(
        secrets=lambda: [window.session.typed_secret.reveal()],
        copy=copied.append,
        parent=lambda: window,
        save=window.session.save_now,
    )
    button = QPushButton("boom", window)

    def explode() -> None:
        raise RuntimeError(f"slot failed while holding {SECRET}")

    button.clicked.connect(explode)
    handler.install()
    try:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    finally:
        handler.uninstall()
    assert len(handler.dialogs) == 1
    details = handler.dialogs[0].details.toPlainText()
    assert "RuntimeError: slot failed while holding ****" in details
    assert "CSA Setup 0.1.0" in details
    assert SECRET not in details
    qtbot.mouseClick(handler.dialogs[0].copy_button, Qt.MouseButton.LeftButton)
    assert copied == [details]
    assert any("Uncaught exception" in record.getMessage() for record in caplog.records)
    assert all(SECRET not in record.getMessage() for record in caplog.records)
    saved = json.loads(paths.settings_file().read_text(encoding="utf-8"))
    assert saved["company"]["name"] == "Saved Before Crash"
    assert saved["contact_name"] == "Pending Edit"
    assert SECRET not in paths.settings_file().read_text(encoding="utf-8")


def test_second_start_wakes_first(qtbot, config_dir):
    first = SingleInstance()
    assert first.listen()
    try:
        second = SingleInstance()
        with qtbot.waitSignal(first.activation_requested, timeout=3000):
            assert second.wake_running_copy()
    finally:
        first.close()
    assert not SingleInstance().wake_running_copy()


def test_window_comes_forward(qtbot, profile_file):
    window = create_window(load_profile(profile_file), RecordingDesktop())
    qtbot.addWidget(window)
    window.showMinimized()
    window.bring_to_front()
    assert window.isVisible()
    assert not window.isMinimized()


def test_sigterm_closes_cleanly(tmp_path):
    import signal
    import time

    config = tmp_path / "config"
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    process = subprocess.Popen(
        [sys.executable, "-m", "wizard", "--config-dir", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
    )
    log_path = log_file(config / "logs")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (log_path.exists() and "starting" in log_path.read_text(encoding="utf-8")):
        time.sleep(0.1)
    time.sleep(0.5)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    process.stdout.close()
    process.stderr.close()
    text = log_path.read_text(encoding="utf-8")
    assert "Received signal 15; closing" in text
    assert "CSA Setup closed" in text

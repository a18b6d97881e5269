"""The command line, run as a separate process the way a user or a package script runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wizard import APP_NAME, __version__

# Variables through which a process could reach a display.
DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def run_wizard(*arguments: str, cwd: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m wizard` with no display, from a folder outside the source tree."""
    environment = {name: value for name, value in os.environ.items() if name not in DISPLAY_VARIABLES}
    environment.update(variables)
    return subprocess.run(
        [sys.executable, "-m", "wizard", *arguments],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_version_without_display(tmp_path: Path) -> None:
    finished = run_wizard("--version", cwd=tmp_path)

    assert finished.returncode == 0, finished.stderr
    assert finished.stdout == f"{APP_NAME} {__version__}\n"
    assert finished.stderr == ""


def test_version_does_not_load_qt(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from wizard.cli import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit as stop:\n"
        "    print('exit', stop.code)\n"
        "print('qt loaded' if any(name.startswith('PySide6') for name in sys.modules) else 'qt not loaded')\n"
    )

    finished = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)

    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.splitlines()[-2:] == ["exit 0", "qt not loaded"]


def test_help_lists_common_options(tmp_path: Path) -> None:
    finished = run_wizard("--help", cwd=tmp_path)

    assert finished.returncode == 0, finished.stderr
    for option in ("--config-dir", "--profile", "--version", "--self-test"):
        assert option in finished.stdout
    for command in ("checklist", "export-report", "test-credentials"):
        assert command in finished.stdout


@pytest.mark.parametrize("command", ["checklist", "export-report", "test-credentials"])
def test_subcommands_take_common_options(tmp_path: Path, command: str) -> None:
    finished = run_wizard(command, "--help", cwd=tmp_path)

    assert finished.returncode == 0, finished.stderr
    assert "--config-dir" in finished.stdout
    assert "--profile" in finished.stdout


def test_no_display_explained(tmp_path: Path) -> None:
    config = tmp_path / "config"

    finished = run_wizard("--config-dir", str(config), cwd=tmp_path)

    assert finished.returncode == 3
    assert finished.stdout == ""
    assert len(finished.stderr.splitlines()) == 1
    assert "No display was found" in finished.stderr
    assert "QT_QPA_PLATFORM=offscreen" in finished.stderr
    assert not config.exists()


def test_unknown_option_rejected(tmp_path: Path) -> None:
    finished = run_wizard("--no-such-option", cwd=tmp_path)

    assert finished.returncode == 2
    assert "unrecognized arguments: --no-such-option" in finished.stderr


def test_missing_xcb_cursor_named():
    from wizard.services.platform_check import _XCB_LIBRARIES, missing_libraries_message

    present = {f"lib{library}.so" for library, _ in _XCB_LIBRARIES if library != "xcb-cursor"}
    message = missing_libraries_message(present)
    assert message.endswith("sudo apt-get install libxcb-cursor0")
    assert "\n" not in message
    assert missing_libraries_message(present | {"libxcb-cursor.so"}) == ""

"""Show which heavy modules `python -m wizard --self-test` imports before its first paint.

Run it like the self-test, from the repository root, with a private config folder:

    QT_QPA_PLATFORM=offscreen python bench/import_trace.py --config-dir "$(mktemp -d)"

For each watched module it prints when the first import happened (before or after the
main window's first paint), the time since start, and the lines of our own code that
led to it, innermost first. `python -X importtime` gives the cost of each module; this script gives
the place and the moment, which importtime does not.
"""

from __future__ import annotations

import sys
import time
import traceback
from importlib.abc import MetaPathFinder
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WATCHED = (
    "httpx",
    "keyring",
    "PIL",
    "email_validator",
    "phonenumbers",
    "truststore",
    "secretstorage",
    "jeepney",
    "cryptography",
    # Standard and Qt modules that cost memory: OpenSSL comes with ssl and hashlib.
    "ssl",
    "hashlib",
    "urllib.request",
    "email.message",
    "PySide6.QtNetwork",
)

# How many of our own frames to print per import, innermost first.
CHAIN = 6

started = time.perf_counter()
first_paint: float | None = None
seen: dict[str, tuple[float, bool, list[str]]] = {}


def _our_callers() -> list[str]:
    """Return the frames in the wizard package that led to the import, innermost first."""
    lines = []
    for frame in reversed(traceback.extract_stack()):
        path = Path(frame.filename)
        if ROOT / "wizard" in path.parents:
            lines.append(f"{path.relative_to(ROOT)}:{frame.lineno}: {(frame.line or '').strip()}")
    return lines or ["(not from the wizard package)"]


class _Watcher(MetaPathFinder):
    """Records the first import of each watched module or its submodules; finds nothing itself."""

    def find_spec(self, fullname, path=None, target=None):
        for name in WATCHED:
            if name not in seen and (fullname == name or fullname.startswith(name + ".")):
                seen[name] = (time.perf_counter() - started, first_paint is not None, _our_callers())
        return None


def _watch_first_paint() -> None:
    # The self-test's own first-paint watcher is the reference point: wrap its filter.
    from PySide6.QtCore import QEvent

    from wizard.ui import app

    original = app._FirstPaint.eventFilter

    def event_filter(self, watched, event):
        global first_paint
        if first_paint is None and event.type() == QEvent.Type.Paint:
            first_paint = time.perf_counter() - started
        return original(self, watched, event)

    app._FirstPaint.eventFilter = event_filter


def main() -> int:
    sys.meta_path.insert(0, _Watcher())
    _watch_first_paint()
    # Importing wizard.ui.app above loads the modules the window needs anyway; the
    # watched modules are imported only inside functions, so their moment is unchanged.
    from wizard.cli import main as wizard_main

    code = wizard_main(["--self-test", *sys.argv[1:]])
    paint = f"{first_paint:.3f} s" if first_paint is not None else "never"
    print(f"\nfirst paint at {paint}")
    for name in WATCHED:
        if name not in seen:
            print(f"{name:18} not imported")
            continue
        moment, after_paint, callers = seen[name]
        when = "after first paint " if after_paint else "BEFORE first paint"
        print(f"{name:18} {when} at {moment:.3f} s, from")
        for caller in callers[:CHAIN]:
            print(f"    {caller}")
    return code


if __name__ == "__main__":
    sys.exit(main())

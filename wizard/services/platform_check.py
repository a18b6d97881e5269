"""A check, before Qt starts, for the system libraries Qt's Linux platform plugin needs.

When Qt cannot load its platform plugin it aborts the process with a long message that
does not name the missing package. This check names it first.
"""

from __future__ import annotations

import ctypes.util
import os
import sys

# Libraries the xcb platform plugin of Qt 6 loads, with the Debian/Ubuntu package for each.
_XCB_LIBRARIES = (
    ("xcb-cursor", "libxcb-cursor0"),
    ("xkbcommon-x11", "libxkbcommon-x11-0"),
    ("xcb-icccm", "libxcb-icccm4"),
    ("xcb-keysyms", "libxcb-keysyms1"),
    ("xcb-shape", "libxcb-shape0"),
    ("EGL", "libegl1"),
    ("fontconfig", "libfontconfig1"),
)


def platform_problem() -> str:
    """Return one line naming the likely missing system piece, or "" when none is seen."""
    if not sys.platform.startswith("linux"):
        return ""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return ""
    if not platform and os.environ.get("WAYLAND_DISPLAY"):
        return ""
    if not os.environ.get("DISPLAY"):
        return (
            "No display was found (DISPLAY is not set). Start CSA Setup from your desktop session, "
            "or set QT_QPA_PLATFORM=offscreen for a run without a window."
        )
    missing = [package for library, package in _XCB_LIBRARIES if ctypes.util.find_library(library) is None]
    if missing:
        return (
            "Qt cannot open a window because system libraries are missing. "
            f"Install them with: sudo apt-get install {' '.join(missing)}"
        )
    return ""

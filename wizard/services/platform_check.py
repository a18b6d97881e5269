"""A check, before Qt starts, for the system libraries Qt's Linux platform plugin needs.

When Qt cannot load its platform plugin it aborts the process with a long message that
does not name the missing package. This check names it first.
"""

from __future__ import annotations

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
    return missing_libraries_message(_linker_cache_names())


def missing_libraries_message(known: set[str]) -> str:
    """Name the Debian packages of the xcb plugin's libraries that are not in `known`.

    `known` contains names such as "libEGL.so". When it is empty, each library is looked
    up with ctypes instead.
    """
    import ctypes.util  # Only here: the import costs start-up time on every other path.

    missing = [
        package
        for library, package in _XCB_LIBRARIES
        if not (f"lib{library}.so" in known if known else ctypes.util.find_library(library))
    ]
    if missing:
        return (
            "Qt cannot open a window because system libraries are missing. "
            f"Install them with: sudo apt-get install {' '.join(missing)}"
        )
    return ""


def _linker_cache_names() -> set[str]:
    """Return the library names (such as "libEGL.so") in the dynamic linker's cache.

    One `ldconfig -p` call replaces a `find_library` call per library, each of which
    would run ldconfig again. An empty set means the cache could not be read.
    """
    import subprocess

    for command in ("ldconfig", "/sbin/ldconfig"):
        try:
            listing = subprocess.run([command, "-p"], capture_output=True, text=True, timeout=5, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        names = set()
        for line in listing.splitlines():
            name = line.strip().split(" ", 1)[0]
            if ".so" in name:
                names.add(name[: name.index(".so") + 3])
        return names
    return set()

"""Every directory the program uses, from platformdirs, with one override.

`CSA_SETUP_CONFIG_DIR` (or `--config-dir`, which sets it) moves the settings and the
logs under one directory, so support and tests can run the program in isolation.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from wizard import APP_ID

CONFIG_DIR_VARIABLE = "CSA_SETUP_CONFIG_DIR"


def config_dir() -> Path:
    override = os.environ.get(CONFIG_DIR_VARIABLE)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_ID, appauthor=False))


def log_dir() -> Path:
    override = os.environ.get(CONFIG_DIR_VARIABLE)
    if override:
        return Path(override) / "logs"
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_ID, appauthor=False))


def settings_file() -> Path:
    return config_dir() / "setup.json"


def resources_dir() -> Path:
    """Return the resources folder, beside the package or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent.parent / "resources"


def default_profile_file() -> Path:
    return resources_dir() / "profiles" / "jazzhr.json"

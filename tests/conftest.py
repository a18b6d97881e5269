"""Shared fixtures: an isolated config folder, test profiles and the real keychain.

The suite expects to run under `scripts/install-and-test`, which starts a private D-Bus
session with an unlocked GNOME Keyring; keychain tests fail with a pointer to it
otherwise.
"""

from __future__ import annotations

import gc
import json
import os
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from wizard.services import paths  # noqa: E402
from wizard.ui.main_thread_gc import MainThreadCollector  # noqa: E402
from wizard.services.profile import Profile, load_profile  # noqa: E402

pytest_plugins = ["tests.standin"]


@pytest.fixture(autouse=True, scope="session")
def collect_garbage_on_main_thread():
    """Run Python's cyclic collector only here, as the program does with MainThreadCollector.

    A collection that starts in a worker thread (the credential test, the stand-in
    server) could destroy Qt objects left over from earlier tests in that thread.
    """
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def collect_after_test():
    yield
    MainThreadCollector.collect_if_due()


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every test at its own settings and log folder (created on first save)."""
    directory = tmp_path / "config"
    monkeypatch.setenv(paths.CONFIG_DIR_VARIABLE, str(directory))
    return directory


def write_profile(directory: Path, **overrides: object) -> Path:
    """Write a copy of the JazzHR profile with a unique id and the given top-level or nested values."""
    data = json.loads(paths.default_profile_file().read_text(encoding="utf-8"))
    data["id"] = f"test-{uuid.uuid4().hex[:12]}"
    for key, value in overrides.items():
        if key in ("token_endpoint", "recruiter_url", "developer_apps_url", "create_app_url"):
            data["linkedin"][key] = value
        elif key in ("recipient", "subject"):
            data["activation_email"][key] = value
        else:
            data[key] = value
    path = directory / f"{data['id']}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def profile_file(tmp_path: Path) -> Path:
    """A JazzHR profile with a unique id, so keychain entries of tests never collide."""
    return write_profile(tmp_path)


@pytest.fixture
def profile(profile_file: Path) -> Profile:
    return load_profile(profile_file)


@pytest.fixture
def keychain(profile: Profile):
    """The real OS keychain for this test's profile; the entry is removed afterwards."""
    import keyring

    from wizard.services.secret_store import SecretStore

    backend = keyring.get_keyring()
    store = SecretStore(profile.id)
    if not store.usable():
        pytest.fail(
            f"No usable keychain (keyring backend {type(backend).__name__}). "
            "Run the tests with scripts/install-and-test, which starts GNOME Keyring."
        )
    yield store
    store.delete()

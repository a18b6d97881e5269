"""The settings file: round trip, privacy, first save, damaged files and write failures."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from wizard.domain.model import (
    SCHEMA_VERSION,
    Company,
    CredentialTestRecord,
    Plan,
    SeatBinding,
    SetupState,
    StepId,
)
from wizard.services import paths
from wizard.services.settings_store import MAX_SETTINGS_BYTES, SettingsError, SettingsStore


def full_state() -> SetupState:
    """A state with every field set to a value other than its default."""
    return SetupState(
        current_step=StepId.APPROVAL,
        plan=Plan.CORPORATE,
        contract_ids=["123456", "654321"],
        company=Company(
            name="Zo\u00eb & Co <Staffing>",
            website="https://www.example.com",
            business_email="Hiring@Example.com",
            business_phone="+1 415-555-0132",
            logo_path="/home/zo\u00eb/Logos/logo 80.png",
            logo_width=80,
            logo_height=48,
        ),
        contact_name="Jo Smith",
        contact_email="Jo.Smith@Example.com",
        client_id="77xYz0AbCdEfGh",
        secret_backend="SecretService.Keyring",
        secret_fingerprint="16:0123456789ab",
        secret_saved_at="2024-05-01T09:30:00+00:00",
        email_recipient="Jo.Smith+csa@LinkedIn.example",
        email_sent_on="2024-05-01",
        approved_on="2024-05-06",
        sdk_domain_added=True,
        sdk_domain_updated=True,
        jazzhr_saved_on="2024-05-07",
        step_completed_at={"before_start": "2024-05-01T09:00:00+00:00", "contract": "2024-05-01T09:05:00+00:00"},
        last_test=CredentialTestRecord(
            outcome="accepted",
            tested_at="2024-05-07T10:00:00+00:00",
            client_id="77xYz0AbCdEfGh",
            secret_fingerprint="16:0123456789ab",
            detail="A token was issued.",
            proxy_host="proxy.example.com",
        ),
        seats=[SeatBinding("Jo Smith", "Jo.Smith@Example.com", "2024-05-08"), SeatBinding("Max", "max@example.com", "")],
    )


def write_previous(path: Path) -> bytes:
    """Save a valid setup at `path` and return its bytes."""
    SettingsStore(path).save(full_state())
    return path.read_bytes()


# --- round trip and privacy -------------------------------------------------------------


def test_round_trip_full_state(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "setup.json")
    state = full_state()

    store.save(state)
    result = store.load()

    assert result.problem == ""
    assert result.moved_to is None
    assert result.state == state


def test_missing_file_gives_empty_state(tmp_path: Path) -> None:
    result = SettingsStore(tmp_path / "setup.json").load()

    assert result.state == SetupState()
    assert result.problem == ""


def test_file_holds_schema_version_and_text(tmp_path: Path) -> None:
    path = tmp_path / "setup.json"

    SettingsStore(path).save(full_state())
    data = json.loads(path.read_text(encoding="utf-8"))

    assert data["schema_version"] == SCHEMA_VERSION
    assert data["current_step"] == "approval"
    assert data["company"]["name"] == "Zo\u00eb & Co <Staffing>"


def test_minimal_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "setup.json"
    path.write_text('{"schema_version": 1, "client_id": "77xYz0AbCdEfGh"}', encoding="utf-8")

    result = SettingsStore(path).load()

    assert result.problem == ""
    assert result.state.client_id == "77xYz0AbCdEfGh"
    assert result.state.current_step is StepId.BEFORE_START
    assert path.exists()


def test_file_mode_0600(tmp_path: Path) -> None:
    path = tmp_path / "setup.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0o644)

    SettingsStore(path).save(full_state())

    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_no_temporary_files_left(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "setup.json")

    store.save(full_state())
    store.save(SetupState())

    assert sorted(path.name for path in tmp_path.iterdir()) == ["setup.json", "setup.json.lock"]


def test_first_save_creates_folders(config_dir: Path) -> None:
    path = paths.settings_file()
    assert path.parent == config_dir
    assert not config_dir.exists()
    deeper = SettingsStore(config_dir / "a" / "b" / "setup.json")

    SettingsStore(path).save(full_state())
    deeper.save(full_state())

    assert SettingsStore(path).load().state == full_state()
    assert deeper.load().state == full_state()
    assert stat.S_IMODE(config_dir.stat().st_mode) == 0o700


def test_first_save_non_ascii_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "Zo\u00eb" / "Configura\u00e7\u00e3o"
    monkeypatch.setenv(paths.CONFIG_DIR_VARIABLE, str(directory))
    store = SettingsStore(paths.settings_file())

    store.save(full_state())

    assert (directory / "setup.json").is_file()
    assert store.load().state == full_state()


# --- damaged files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "it is not valid JSON (line 1, column 2"),
        (b"", "it is not valid JSON (line 1, column 1"),
        (b"\xff\xfe\x00garbage", "it is not UTF-8 text"),
        (b"null", "the file does not contain a JSON object"),
        (b"[1, 2]", "the file does not contain a JSON object"),
        (b'{"client_id": "x"}', "the schema_version field is missing"),
        (b'{"schema_version": "1"}', "the schema_version field is missing or not a number"),
        (b'{"schema_version": true}', "the schema_version field is missing or not a number"),
        (b'{"schema_version": 999}', "schema 999, this version reads up to 1"),
        (b'{"schema_version": 1, "contract_ids": "123456"}', "field contract_ids should be a list, not text"),
        (b'{"schema_version": 1, "contract_ids": [123456]}', "item 1 of field contract_ids should be text"),
        (b'{"schema_version": 1, "client_id": 5}', "field client_id should be text, not a whole number"),
        (b'{"schema_version": 1, "sdk_domain_added": "yes"}', "field sdk_domain_added should be true or false"),
        (b'{"schema_version": 1, "company": []}', "field company should be an object, not a list"),
        (b'{"schema_version": 1, "company": {"logo_width": 1.5}}', "field company.logo_width should be a whole number"),
        (b'{"schema_version": 1, "company": {"logo_width": NaN}}', "field company.logo_width should be a whole number"),
        (b'{"schema_version": 1, "current_step": "nowhere"}', "field current_step has the unknown value 'nowhere'"),
        (b'{"schema_version": 1, "plan": "premium"}', "field plan has the unknown value 'premium'"),
        (b'{"schema_version": 1, "seats": [1]}', "item 1 of field seats should be an object"),
        (b'{"schema_version": 1, "seats": [{"email": 1}]}', "field seats[1].email should be text"),
        (b'{"schema_version": 1, "step_completed_at": {"contract": 1}}', "field step_completed_at.contract should be text"),
        (b"[" * 10_000 + b"]" * 10_000, "it is nested too deeply"),
        (b'{"a": ' * 10_000 + b"1" + b"}" * 10_000, "it is nested too deeply"),
        (b'{"schema_version": 1' + b"0" * 5000 + b"}", "it could not be parsed"),
    ],
)
def test_damaged_file_moved_aside(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "setup.json"
    path.write_bytes(content)
    store = SettingsStore(path)

    result = store.load()

    assert result.state == SetupState()
    assert reason in result.problem
    assert result.moved_to is not None
    assert result.moved_to.read_bytes() == content
    assert result.moved_to.parent == tmp_path
    assert result.moved_to.name.startswith("setup.damaged-")
    assert str(result.moved_to) in result.problem
    assert not path.exists()


def test_oversized_file_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "setup.json"
    content = b'{"schema_version": 1, "client_id": "' + b"x" * (6 * 1024 * 1024) + b'"}'
    path.write_bytes(content)

    result = SettingsStore(path).load()

    assert len(content) > MAX_SETTINGS_BYTES
    assert "far more than a settings file" in result.problem
    assert result.moved_to is not None
    assert result.moved_to.stat().st_size == len(content)


def test_damaged_file_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "setup.json"
    path.write_bytes(b"{damaged")
    store = SettingsStore(path)

    result = store.load()
    store.save(full_state())

    assert result.moved_to is not None
    assert result.moved_to.read_bytes() == b"{damaged"
    assert store.load().state == full_state()


def test_second_damaged_file_gets_own_name(tmp_path: Path) -> None:
    path = tmp_path / "setup.json"
    path.write_bytes(b"first")
    first = SettingsStore(path).load().moved_to
    path.write_bytes(b"second")

    second = SettingsStore(path).load().moved_to

    assert first is not None and second is not None
    assert first != second
    assert first.read_bytes() == b"first"
    assert second.read_bytes() == b"second"


def test_unreadable_file_moved_before_save(tmp_path: Path) -> None:
    # A folder where the file should be cannot be read; it must survive the next save.
    path = tmp_path / "setup.json"
    path.mkdir()
    (path / "notes.txt").write_text("keep me", encoding="utf-8")
    store = SettingsStore(path)

    result = store.load()
    store.save(full_state())

    assert result.state == SetupState()
    assert "could not be read" in result.problem
    assert str(path) in result.problem
    moved = [entry for entry in tmp_path.iterdir() if entry.name.startswith("setup.damaged-")]
    assert len(moved) == 1
    assert (moved[0] / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert store.load().state == full_state()


# --- write failures ---------------------------------------------------------------------


def test_save_under_a_file_fails(tmp_path: Path) -> None:
    # Tests run as root, which may write anywhere; a file where a folder should be still fails.
    blocker = tmp_path / "somefile"
    blocker.write_text("not a folder", encoding="utf-8")
    path = blocker / "setup.json"

    with pytest.raises(SettingsError) as caught:
        SettingsStore(path).save(full_state())

    assert str(path) in str(caught.value)
    assert f"{blocker} is a file, not a folder" in str(caught.value)
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_save_deep_under_a_file_fails(tmp_path: Path) -> None:
    blocker = tmp_path / "somefile"
    blocker.write_text("not a folder", encoding="utf-8")

    with pytest.raises(SettingsError, match="somefile is a file, not a folder"):
        SettingsStore(blocker / "a" / "b" / "setup.json").save(full_state())


def test_failed_write_keeps_old_file(tmp_path: Path) -> None:
    # A child process with a small file-size limit gets EFBIG while writing, as on a full
    # disk. The limit applies to that process only.
    path = tmp_path / "setup.json"
    previous = write_previous(path)
    script = textwrap.dedent(
        """
        import resource, signal, sys
        from pathlib import Path
        from wizard.domain.model import Company, SetupState
        from wizard.services.settings_store import SettingsError, SettingsStore

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        try:
            SettingsStore(Path(sys.argv[1])).save(SetupState(company=Company(name="x" * 20000)))
        except SettingsError as error:
            print(error)
            sys.exit(0)
        sys.exit("the save did not fail")
        """
    )

    finished = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=60, env=dict(os.environ)
    )

    assert finished.returncode == 0, finished.stderr
    assert f"Could not save the setup to {path}" in finished.stdout
    assert path.read_bytes() == previous
    assert [entry.name for entry in tmp_path.iterdir() if entry.suffix != ".lock"] == ["setup.json"]


def test_concurrent_saves_stay_valid(tmp_path):
    """Two processes saving in a loop: every read in between finds complete JSON."""
    import json as json_module
    import subprocess
    import sys

    target = tmp_path / "setup.json"
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from wizard.domain.model import SetupState\n"
        "from wizard.services.settings_store import SettingsStore\n"
        "store = SettingsStore(Path(sys.argv[1]))\n"
        "for number in range(150):\n"
        "    state = SetupState()\n"
        "    state.company.name = sys.argv[2] * (number % 50 + 1)\n"
        "    store.save(state)\n"
    )
    writers = [subprocess.Popen([sys.executable, "-c", script, str(target), letter]) for letter in "AB"]
    reads = 0
    while any(writer.poll() is None for writer in writers):
        if target.exists():
            json_module.loads(target.read_text(encoding="utf-8"))
            reads += 1
    assert [writer.returncode for writer in writers] == [0, 0]
    assert reads > 0
    assert (tmp_path / "setup.json.lock").exists()
    assert not list(tmp_path.glob(".setup-*.tmp"))


def test_lone_surrogate_file_moved_aside(tmp_path):
    path = tmp_path / "setup.json"
    path.write_text('{"schema_version": 1, "client_id": "\\ud800abc"}', encoding="utf-8")
    store = SettingsStore(path)
    loaded = store.load()
    assert "invalid character" in loaded.problem
    assert loaded.moved_to is not None and loaded.moved_to.exists()
    store.save(loaded.state)
    assert path.exists()

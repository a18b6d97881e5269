"""`csa-setup test-credentials` against the stand-in, with the real keychain and settings file."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote_plus

import pytest

from tests.conftest import write_profile
from tests.standin import ISSUED_TOKEN, Mode
from wizard.cli import apply_common_options, build_parser, main
from wizard.commands import test_credentials
from wizard.domain.credential_test import Outcome, explain, paste_findings
from wizard.domain.model import SetupState
from wizard.domain.secret import Secret
from wizard.services import paths
from wizard.services.linkedin import LinkedInClient
from wizard.services.secret_store import SecretStore
from wizard.services.settings_store import SettingsStore

pytestmark = pytest.mark.usefixtures("no_proxy_environment")

CLIENT_ID = "93r29maplxr58u"
SECRET_TEXT = "WPL_AP1.Cl1/Se+cr3t=Vq8/Yb+Ht=="
SECRET = Secret(SECRET_TEXT)
LEAK_FORMS = (SECRET_TEXT, quote_plus(SECRET_TEXT), ISSUED_TOKEN)


def fast_client(endpoint: str) -> LinkedInClient:
    return LinkedInClient(endpoint, connect_timeout=2, read_timeout=0.5, backoff=0.01, retry_after_cap=2)


class CliSetup:
    """A saved setup, a profile per stand-in mode sharing one profile id, and its keychain entry."""

    def __init__(self, directory: Path, standin) -> None:
        self.directory = directory
        self.standin = standin
        self.profile_id = f"test-{uuid.uuid4().hex[:12]}"
        self.secrets = SecretStore(self.profile_id)

    def profile(self, mode: Mode) -> Path:
        folder = self.directory / mode.value
        folder.mkdir(exist_ok=True)
        return write_profile(folder, id=self.profile_id, token_endpoint=self.standin.url(mode))

    def save_state(self, client_id: str = CLIENT_ID) -> SetupState:
        state = SetupState(client_id=client_id, secret_fingerprint=SECRET.fingerprint())
        SettingsStore(paths.settings_file()).save(state)
        return state

    def saved_text(self) -> str:
        return paths.settings_file().read_text(encoding="utf-8")

    def run(self, mode: Mode, make_client=fast_client) -> int:
        args = build_parser().parse_args(["test-credentials", "--profile", str(self.profile(mode))])
        apply_common_options(args)
        return test_credentials.run(args, make_client=make_client)

    def run_process(self, mode: Mode, stdin: str, **environment: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "wizard", "test-credentials", "--profile", str(self.profile(mode))]
        return subprocess.run(
            command,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, **environment},
            cwd=Path(__file__).resolve().parent.parent,
        )


@pytest.fixture
def cli(tmp_path, standin) -> CliSetup:
    setup = CliSetup(tmp_path, standin)
    yield setup
    if setup.secrets.usable():
        setup.secrets.delete()


@pytest.fixture
def stored_secret(cli: CliSetup) -> Secret:
    if not cli.secrets.usable():
        pytest.fail("No usable keychain. Run the tests with scripts/install-and-test, which starts GNOME Keyring.")
    cli.secrets.save(SECRET)
    return SECRET


def expected_output(outcome: Outcome, standin, mode: Mode) -> str:
    result = fast_client(standin.url(mode)).test(CLIENT_ID, SECRET)
    assert result.outcome is outcome
    explanation = explain(result, paste_findings(CLIENT_ID, SECRET))
    return f"{explanation.message}\n{explanation.next_step}\n"


def test_accepted_exits_zero(cli, stored_secret, capsys):
    cli.save_state()

    code = cli.run(Mode.ACCEPTED)

    output = capsys.readouterr().out
    assert code == 0
    assert output == expected_output(Outcome.ACCEPTED, cli.standin, Mode.ACCEPTED)


def test_main_runs_command(cli, stored_secret, capsys):
    cli.save_state()

    code = main(["test-credentials", "--profile", str(cli.profile(Mode.ACCEPTED))])

    assert code == 0
    assert capsys.readouterr().out.startswith("LinkedIn accepted the Client ID and Client Secret.")


def test_request_uses_saved_values(cli, stored_secret):
    cli.save_state()

    cli.run(Mode.ACCEPTED)

    [request] = cli.standin.requests
    assert request.form["client_id"] == [CLIENT_ID]
    assert request.form["client_secret"] == [SECRET_TEXT]


FAILURE_MODES = [
    (Mode.DENIED_400, Outcome.NOT_ENABLED),
    (Mode.DENIED_401, Outcome.NOT_ENABLED),
    (Mode.INVALID_CLIENT, Outcome.INVALID_CREDENTIALS),
    (Mode.INVALID_CLIENT_ID, Outcome.INVALID_CREDENTIALS),
    (Mode.INVALID_REQUEST, Outcome.REJECTED),
    (Mode.RATE_LIMITED, Outcome.RATE_LIMITED),
    (Mode.SERVER_ERROR_HTML, Outcome.UNAVAILABLE),
    (Mode.UNAVAILABLE, Outcome.UNAVAILABLE),
    (Mode.SLOW, Outcome.TIMEOUT),
    (Mode.NOT_JSON, Outcome.UNAVAILABLE),
    (Mode.CLOSED, Outcome.NETWORK),
    (Mode.REDIRECT, Outcome.REDIRECTED),
]


@pytest.mark.parametrize("mode, outcome", FAILURE_MODES, ids=[mode.value for mode, _ in FAILURE_MODES])
def test_failure_exits_nonzero(cli, stored_secret, other_standin, capsys, mode, outcome):
    cli.standin.redirect_location = other_standin.url(Mode.ACCEPTED)
    cli.save_state()

    code = cli.run(mode)

    output = capsys.readouterr().out
    assert code == 1
    assert output == expected_output(outcome, cli.standin, mode)
    assert json.loads(cli.saved_text())["last_test"]["outcome"] == outcome.value


def test_result_saved_without_secret(cli, stored_secret, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    cli.save_state()

    cli.run(Mode.ACCEPTED)

    saved = json.loads(cli.saved_text())["last_test"]
    assert saved["outcome"] == "accepted"
    assert saved["client_id"] == CLIENT_ID
    assert saved["secret_fingerprint"] == SECRET.fingerprint()
    assert saved["tested_at"]
    captured = capsys.readouterr()
    for text in (cli.saved_text(), caplog.text, captured.out, captured.err):
        for form in LEAK_FORMS:
            assert form not in text


def test_no_client_id_exits_two(cli, stored_secret, capsys):
    cli.save_state(client_id="")

    code = cli.run(Mode.ACCEPTED)

    assert code == 2
    assert "No Client ID is saved" in capsys.readouterr().err
    assert cli.standin.requests == []


def test_profile_without_endpoint(cli, tmp_path, capsys):
    cli.save_state()
    profile = write_profile(tmp_path, token_endpoint="")
    args = build_parser().parse_args(["test-credentials", "--profile", str(profile)])

    code = test_credentials.run(args)

    assert code == 2
    assert "has no token endpoint address" in capsys.readouterr().err


def test_missing_profile(tmp_path, capsys):
    args = build_parser().parse_args(["test-credentials", "--profile", str(tmp_path / "nowhere.json")])

    code = test_credentials.run(args)

    assert code == 2
    assert "was not found" in capsys.readouterr().err


def test_secret_read_from_stdin(cli):
    cli.save_state()

    finished = cli.run_process(Mode.ACCEPTED, stdin=SECRET_TEXT + "\n")

    assert finished.returncode == 0, finished.stderr
    assert "No Client Secret is stored in the keychain" in finished.stderr
    assert finished.stdout.startswith("LinkedIn accepted the Client ID and Client Secret.")
    assert cli.standin.requests[0].form["client_secret"] == [SECRET_TEXT]
    for form in LEAK_FORMS:
        assert form not in finished.stdout + finished.stderr


def test_unusable_keychain_asks(cli):
    cli.save_state()

    finished = cli.run_process(
        Mode.INVALID_CLIENT, stdin=SECRET_TEXT + " \n", PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring"
    )

    assert finished.returncode == 1
    assert "Could not read the Client Secret: no usable keychain" in finished.stderr
    # The trailing space typed with the secret is sent as typed and reported by the paste check.
    assert cli.standin.requests[0].form["client_secret"] == [SECRET_TEXT + " "]
    assert "The paste check found: Client Secret contains a space at the end." in finished.stdout
    for form in LEAK_FORMS:
        assert form not in finished.stdout + finished.stderr


def test_no_secret_entered(cli):
    cli.save_state()

    finished = cli.run_process(Mode.ACCEPTED, stdin="")

    assert finished.returncode == 2
    assert "No Client Secret was entered" in finished.stderr
    assert cli.standin.requests == []

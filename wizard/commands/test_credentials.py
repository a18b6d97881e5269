"""`csa-setup test-credentials`: the credential test without a window.

Reads the Client ID from the saved setup and the Client Secret from the keychain. When
no secret is stored or the keychain cannot be used, it prompts for the secret without
echo, or reads one line from standard input when that is not a terminal. Prints the same message and next
step as the window, saves the outcome in the setup, and exits 0 only when LinkedIn
accepted the credentials: 1 for any other outcome, 2 when the test could not run.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Callable

from wizard.cli import profile_path
from wizard.domain.credential_test import CredentialTestResult, Outcome, explain, make_record, paste_findings
from wizard.domain.model import timestamp
from wizard.domain.secret import Secret
from wizard.services import paths
from wizard.services.linkedin import LinkedInClient
from wizard.services.profile import ProfileError, load_profile
from wizard.services.secret_store import SecretStore, SecretStoreError
from wizard.services.settings_store import SettingsError, SettingsStore

EXIT_ACCEPTED = 0
EXIT_NOT_ACCEPTED = 1
EXIT_NOT_RUN = 2
EXIT_INTERRUPTED = 130


def run(args: argparse.Namespace, make_client: Callable[[str], LinkedInClient] = LinkedInClient) -> int:
    """Run the test for the saved setup and return the exit code.

    `make_client` builds the client from the token endpoint address.
    """
    try:
        profile = load_profile(profile_path(args))
    except ProfileError as error:
        _error(str(error))
        return EXIT_NOT_RUN
    if not profile.token_endpoint:
        _error(f"The profile {profile.path} has no token endpoint address (linkedin.token_endpoint), so the test cannot run.")
        return EXIT_NOT_RUN

    store = SettingsStore(paths.settings_file())
    loaded = store.load()
    if loaded.problem:
        _error(loaded.problem)
    state = loaded.state
    if not state.client_id:
        _error(
            f"No Client ID is saved in {store.path}. Enter it on the wizard's Client ID and Secret step, "
            "then run this command again."
        )
        return EXIT_NOT_RUN

    secret = _read_secret(SecretStore(profile.id), state.client_id, state.secret_backend)
    if secret is None:
        return EXIT_NOT_RUN

    print(f"Testing Client ID {state.client_id} against {profile.token_endpoint} \u2026", file=sys.stderr)
    client = make_client(profile.token_endpoint)
    try:
        result = client.test(state.client_id, secret)
    except KeyboardInterrupt:
        print(explain(CredentialTestResult(Outcome.CANCELLED)).message, file=sys.stderr)
        return EXIT_INTERRUPTED

    explanation = explain(result, paste_findings(state.client_id, secret))
    print(explanation.message)
    print(explanation.next_step)

    record = make_record(result, state.client_id, secret.fingerprint(), timestamp())
    # Read the setup again: the window may have saved edits while the test ran, and only
    # the test result is this command's to change.
    latest = store.load()
    if latest.problem:
        _error(f"The result was not saved: {latest.problem}")
    else:
        latest.state.last_test = record
        try:
            store.save(latest.state)
        except SettingsError as error:
            _error(f"The result was not saved: {error}")
    return EXIT_ACCEPTED if result.outcome is Outcome.ACCEPTED else EXIT_NOT_ACCEPTED


def _read_secret(secrets: SecretStore, client_id: str, saved_backend: str = "") -> Secret | None:
    """Return the stored secret, or the one the user enters; None (after a message) when there is none."""
    try:
        stored = secrets.load()
    except SecretStoreError as error:
        _error(str(error))
        stored = None
    else:
        if stored is None:
            print(secrets.missing_secret_message(saved_backend), file=sys.stderr)
    if stored:
        return stored

    entered = _ask_secret(f"Client Secret for Client ID {client_id} (input is hidden): ")
    if not entered:
        _error("No Client Secret was entered, so the test did not run.")
        return None
    return Secret(entered)


def _ask_secret(prompt: str) -> str:
    """Ask for the secret without echo; from a pipe or file, read one line instead."""
    if sys.stdin is None:
        return ""
    if not sys.stdin.isatty():
        # getpass would open the terminal behind a redirected stdin, or warn and echo.
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)
        return ""


def _error(message: str) -> None:
    print(f"csa-setup: {message}", file=sys.stderr)

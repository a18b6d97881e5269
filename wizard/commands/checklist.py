"""`csa-setup checklist` and `csa-setup export-report`: the checklist and the support report without a window.

Exit status of `checklist`: 0 when no check failed, 1 when a check failed, 2 when the
profile, the saved setup or the report could not be read. `export-report` exits 0 when
the report was written and 2 when the setup could not be read or the file not written.

Both commands only read the saved setup: a damaged settings file is reported, not moved
aside, so support can run them on a customer's machine without changing anything. With
`--live`, `checklist` reads the Client Secret from the keychain, compares its fingerprint
with the saved one and runs the credential test against the profile's token endpoint.
The test's result is shown but not saved; `csa-setup test-credentials` saves it.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path
from typing import Any

from wizard import APP_NAME, __version__
from wizard.cli import profile_path
from wizard.domain import checklist
from wizard.domain.checklist import CheckResult, readable_time
from wizard.domain.credential_test import explain, make_record, paste_findings
from wizard.domain.model import ModelError, SetupState, timestamp
from wizard.domain.report import ReportError, build_report, encode_report, parse_report
from wizard.domain.secret import Secret
from wizard.services import paths
from wizard.services.linkedin import LinkedInClient
from wizard.services.profile import Profile, ProfileError, load_profile
from wizard.services.report_files import (
    ReportWriteError,
    checklist_facts,
    probe_keychain,
    read_keychain,
    read_report_file,
    write_report_file,
)
from wizard.services.secret_store import SecretStore
from wizard.services.settings_store import MAX_SETTINGS_BYTES

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_UNREADABLE = 2


class _InputError(Exception):
    """An input that could not be read; the message is printed as it is."""


def run(args: argparse.Namespace) -> int:
    """Print the checklist for this computer's setup or for a report file."""
    try:
        if args.report is not None:
            if args.live:
                raise _InputError(
                    "--live cannot be combined with --report: live checks need the keychain of the "
                    "computer the report came from."
                )
            results, source, heading = _report_checklist(args.report)
        else:
            results, source, heading = _setup_checklist(args, live=args.live)
    except _InputError as error:
        _print_error(str(error))
        return EXIT_UNREADABLE

    if args.json:
        document = {
            "program_version": __version__,
            "source": source,
            "counts": {status.value: count for status, count in checklist.count_statuses(results).items()},
            "failed": checklist.has_failures(results),
            "checks": [result.to_dict() for result in results],
        }
        _print_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    else:
        _print_text(checklist.summary_text(results, heading))
    return EXIT_FAILED if checklist.has_failures(results) else EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """Write a support report for this computer's setup to args.file."""
    try:
        profile = _load_profile(args)
        state = _read_setup(paths.settings_file())
    except _InputError as error:
        _print_error(str(error))
        return EXIT_UNREADABLE
    probe = probe_keychain(SecretStore(profile.id), read_secret=False)
    report = build_report(
        state,
        checklist_facts(profile, probe),
        profile_id=profile.id,
        platform=platform.platform(),
        exported_at=timestamp(),
        keychain_backend=probe.backend,
    )
    target: Path = args.file.expanduser()
    try:
        write_report_file(target, encode_report(report))
    except ReportWriteError as error:
        _print_error(str(error))
        return EXIT_UNREADABLE
    _print_text(
        f"Support report written to {target}.\n"
        "It lists the recruiters' seat emails, which are personal data: send it only to support.\n"
    )
    return EXIT_OK


# --- sources ------------------------------------------------------------------------------


def _report_checklist(path: Path) -> tuple[list[CheckResult], dict[str, Any], str]:
    try:
        report = parse_report(read_report_file(path.expanduser()))
    except ReportError as error:
        raise _InputError(f"Cannot open the report {path}: {error}") from None
    source = {
        "kind": "report",
        "path": str(path),
        "company_name": report.company_name,
        "exported_at": report.exported_at,
        "program_version": report.program_version,
        "platform": report.platform,
        "keychain_backend": report.keychain_backend,
    }
    heading = (
        f"Support report from {report.company_name or 'an unnamed company'}, exported "
        f"{readable_time(report.exported_at)} by {APP_NAME} {report.program_version} on {report.platform}"
    )
    return report.evaluate(), source, heading


def _setup_checklist(args: argparse.Namespace, live: bool) -> tuple[list[CheckResult], dict[str, Any], str]:
    profile = _load_profile(args)
    path = paths.settings_file()
    state = _read_setup(path)
    store = SecretStore(profile.id)
    live_test: dict[str, str] | None = None
    if live:
        probe, secret = read_keychain(store)
        live_test = _run_live_test(profile, state, secret)
    else:
        probe = probe_keychain(store, read_secret=False)
    results = checklist.evaluate(state, checklist_facts(profile, probe))
    source: dict[str, Any] = {
        "kind": "setup",
        "path": str(path),
        "profile": profile.id,
        "keychain_backend": probe.backend,
        "live": live,
    }
    if live:
        source["live_test"] = live_test
    heading = f"{APP_NAME} {__version__}: setup in {path} (profile {profile.id}, keychain {probe.backend})"
    if live_test is not None:
        heading += f"\nLive credential test: {live_test['message']} {live_test['next_step']}".rstrip()
    return results, source, heading


def _run_live_test(profile: Profile, state: SetupState, secret: Secret | None) -> dict[str, str] | None:
    """Run the credential test and put its record into `state`, in memory only.

    Returns the outcome, message and next step, or None (after a note on stderr) when the
    test cannot run. `csa-setup test-credentials` is the command that saves a result.
    """
    if not state.client_id:
        _print_error("Live credential test skipped: no Client ID is saved.")
        return None
    if secret is None:
        _print_error("Live credential test skipped: the keychain has no readable Client Secret for this profile.")
        return None
    if not profile.token_endpoint:
        _print_error(f"Live credential test skipped: the profile {profile.path} has no token endpoint address.")
        return None
    result = LinkedInClient(profile.token_endpoint).test(state.client_id, secret)
    state.last_test = make_record(result, state.client_id, secret.fingerprint(), timestamp())
    explanation = explain(result, paste_findings(state.client_id, secret))
    return {"outcome": result.outcome.value, "message": explanation.message, "next_step": explanation.next_step}


def _load_profile(args: argparse.Namespace) -> Profile:
    try:
        return load_profile(profile_path(args))
    except ProfileError as error:
        raise _InputError(str(error)) from None


def _read_setup(path: Path) -> SetupState:
    """Read the saved setup without changing the file; a missing file is an empty setup."""
    try:
        size = path.stat().st_size
        if size > MAX_SETTINGS_BYTES:
            raise _InputError(f"The settings file {path} is {size:,} bytes long, far more than a saved setup.")
        data = path.read_bytes()
    except FileNotFoundError:
        _print_error(f"No saved setup at {path}; checking an empty setup.")
        return SetupState()
    except OSError as error:
        raise _InputError(f"The settings file {path} could not be read: {error.strerror}.") from None
    try:
        return SetupState.from_dict(json.loads(data.decode("utf-8")))
    except UnicodeDecodeError:
        raise _InputError(f"The settings file {path} is not UTF-8 text.") from None
    except json.JSONDecodeError as error:
        raise _InputError(f"The settings file {path} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}).") from None
    except RecursionError:
        raise _InputError(f"The settings file {path} nests lists or objects too deeply.") from None
    except (ModelError, ValueError) as error:
        raise _InputError(f"The settings file {path} could not be read: {error}.") from None


# --- output -------------------------------------------------------------------------------


def _print_text(text: str) -> None:
    _write(sys.stdout, text)


def _print_error(message: str) -> None:
    _write(sys.stderr, f"csa-setup: {message}\n")


def _write(stream: Any, text: str) -> None:
    # A console with a legacy code page cannot show every character of a company name;
    # replace those instead of failing the whole command.
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.write(text.encode(encoding, errors="replace").decode(encoding))
    stream.flush()

"""The support report: what it contains, that it never contains the secret, and hostile input."""

from __future__ import annotations

import dataclasses
import json
import stat
from pathlib import Path

import pytest

from tests.test_checklist import FACTS, finished_state
from wizard import __version__
from wizard.cli import main
from wizard.domain import checklist, report
from wizard.domain.model import Company, CredentialTestRecord, Plan, SeatBinding, SetupState
from wizard.domain.report import MAX_REPORT_BYTES, ReportError, build_report, encode_report, nesting_depth, parse_report
from wizard.domain.secret import Secret
from wizard.services import paths
from wizard.services.report_files import ReportWriteError, read_report_file, write_report_file
from wizard.services.settings_store import SettingsStore

# Recognisable, mixed case, with the signs LinkedIn secrets may contain.
SECRET_TEXT = "WPL_AP1.Zx9Recognisable/Secret+Value=="


def sample_report(state: SetupState | None = None, **overrides) -> dict:
    document = build_report(
        state or finished_state(),
        dataclasses.replace(FACTS, keychain_usable=True),
        profile_id="jazzhr",
        platform="Linux-6.1-x86_64",
        exported_at="2024-05-07T10:05:00+00:00",
        keychain_backend="SecretService.Keyring",
    )
    document.update(overrides)
    return document


def as_bytes(document: object) -> bytes:
    return json.dumps(document).encode("utf-8")


# --- contents ---------------------------------------------------------------------------------


def test_allow_lists_cover_every_model_field():
    model_fields = {field.name for field in dataclasses.fields(SetupState)}
    assert model_fields == set(report.STATE_FIELDS) | set(report.NESTED_STATE_FIELDS)
    assert {field.name for field in dataclasses.fields(Company)} == set(report.COMPANY_FIELDS)
    assert {field.name for field in dataclasses.fields(CredentialTestRecord)} == set(report.TEST_FIELDS)
    assert {field.name for field in dataclasses.fields(SeatBinding)} == set(report.SEAT_FIELDS)


def test_report_contains_what_support_needs():
    document = sample_report()
    assert document["schema_version"] == report.REPORT_SCHEMA_VERSION
    assert document["kind"] == report.REPORT_KIND
    assert document["program"]["version"] == __version__
    assert document["platform"] == "Linux-6.1-x86_64"
    assert document["keychain"]["backend"] == "SecretService.Keyring"
    assert document["exported_at"] == "2024-05-07T10:05:00+00:00"
    assert document["company_name"] == "Acme Staffing"
    assert "personal data" in document["personal_data_note"]
    setup = document["setup"]
    assert setup["seats"] == [{"name": "Ann Admin", "email": "Ann@acme-staffing.com", "completed_on": "2024-05-07"}]
    assert setup["step_completed_at"] == {"application": "2024-05-01T09:00:00+00:00"}
    assert setup["last_test"]["outcome"] == "accepted"
    assert setup["last_test"]["tested_at"] == "2024-05-07T10:00:00+00:00"
    assert setup["secret_fingerprint"] == finished_state().secret_fingerprint
    assert [item["id"] for item in document["checks"]] == list(checklist.CHECK_IDS)


def test_round_trip_keeps_state_and_statuses():
    state = finished_state()
    state.plan = Plan.LITE
    parsed = parse_report(encode_report(sample_report(state)))
    assert parsed.state == state
    assert parsed.company_name == "Acme Staffing"
    assert parsed.program_version == __version__
    assert parsed.keychain_backend == "SecretService.Keyring"
    assert parsed.facts.keychain_usable is True
    assert [item.status for item in parsed.evaluate()] == [item.status for item in parsed.checks]
    assert checklist.has_failures(parsed.evaluate())


def test_export_reopens_same_without_secret(keychain, profile_file, tmp_path, capsys):
    secret = Secret(SECRET_TEXT)
    backend = keychain.save(secret)
    state = finished_state()
    state.secret_backend = backend
    state.secret_fingerprint = secret.fingerprint()
    state.last_test.secret_fingerprint = secret.fingerprint()
    SettingsStore(paths.settings_file()).save(state)
    target = tmp_path / "report.json"

    assert main(["export-report", str(target), "--profile", str(profile_file)]) == 0

    output = capsys.readouterr()
    assert str(target) in output.out
    text = target.read_text(encoding="utf-8")
    assert SECRET_TEXT not in text
    assert SECRET_TEXT.casefold() not in text.casefold()
    assert SECRET_TEXT not in output.out + output.err

    parsed = parse_report(target.read_bytes())
    stored = keychain.load()
    assert stored is not None
    assert parsed.state.secret_fingerprint == stored.fingerprint()
    assert parsed.keychain_backend == backend
    assert parsed.facts.keychain_usable is True
    exported = [(item.id, item.status) for item in parsed.checks]
    reopened = [(item.id, item.status) for item in parsed.evaluate()]
    assert reopened == exported
    assert all(status in (checklist.Status.PASSED, checklist.Status.INFO) for _, status in reopened)


def test_report_file_is_private_and_atomic(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    write_report_file(target, b"{}\n")
    assert target.read_bytes() == b"{}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [path.name for path in tmp_path.iterdir()] == ["report.json"]


def test_report_write_to_missing_folder_fails(tmp_path):
    with pytest.raises(ReportWriteError, match="missing-folder"):
        write_report_file(tmp_path / "missing-folder" / "report.json", b"{}")


# --- hostile reports ----------------------------------------------------------------------------


def test_not_json_rejected():
    with pytest.raises(ReportError, match=r"not valid JSON \(line 1, column 1"):
        parse_report(b"this is not a report")


def test_not_utf8_rejected():
    with pytest.raises(ReportError, match="not UTF-8"):
        parse_report(b'{"kind": "\xff"}')


def test_json_array_rejected():
    with pytest.raises(ReportError, match="a list, not a JSON object"):
        parse_report(b"[1, 2]")


def test_fifty_megabytes_rejected_unread(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as stream:
        stream.truncate(50 * 1024 * 1024)
    with pytest.raises(ReportError, match=r"52,428,800 bytes long; a support report is at most 5 MB"):
        read_report_file(path)


def test_oversized_bytes_rejected():
    with pytest.raises(ReportError, match="at most 5 MB"):
        parse_report(b" " * (MAX_REPORT_BYTES + 1))


def test_deep_nesting_rejected():
    with pytest.raises(ReportError, match="more than 32 levels deep"):
        parse_report(b"[" * 10_000 + b"]" * 10_000)


def test_brackets_in_strings_not_nesting():
    document = sample_report()
    document["company_name"] = "[" * 100 + '{"' * 50
    document["setup"]["company"]["name"] = document["company_name"]
    assert parse_report(as_bytes(document)).company_name == document["company_name"]


def test_huge_number_rejected():
    document = sample_report()
    text = json.dumps(document).replace('"schema_version": 1,', '"schema_version": ' + "9" * 5000 + ",", 1)
    with pytest.raises(ReportError, match="could not be read as JSON"):
        parse_report(text.encode("utf-8"))


def test_string_where_list_belongs_rejected():
    document = sample_report()
    document["setup"]["contract_ids"] = "123456789"
    with pytest.raises(ReportError, match="field contract_ids should be a list, not text"):
        parse_report(as_bytes(document))


def test_seat_that_is_not_an_object_rejected():
    document = sample_report()
    document["setup"]["seats"] = ["ann@acme.com"]
    with pytest.raises(ReportError, match="item 1 of field seats should be an object"):
        parse_report(as_bytes(document))


def test_schema_version_999_rejected():
    with pytest.raises(ReportError, match="schema version 999.*reads up to 1"):
        parse_report(as_bytes(sample_report(schema_version=999)))


def test_setup_schema_version_999_rejected():
    document = sample_report()
    document["setup"]["schema_version"] = 999
    with pytest.raises(ReportError, match="setup uses schema version 999"):
        parse_report(as_bytes(document))


@pytest.mark.parametrize(
    ("value", "message"),
    [(0, "not valid"), ("1", "should be a whole number, not text"), (True, "not true or false")],
)
def test_bad_schema_version_rejected(value, message):
    with pytest.raises(ReportError, match=message):
        parse_report(as_bytes(sample_report(schema_version=value)))


@pytest.mark.parametrize("field", ["schema_version", "program", "exported_at", "platform", "setup", "checks", "keychain"])
def test_missing_top_level_field_rejected(field):
    document = sample_report()
    del document[field]
    with pytest.raises(ReportError, match=f"Field {field} is missing"):
        parse_report(as_bytes(document))


def test_missing_nested_field_named_with_path():
    document = sample_report()
    del document["program"]["version"]
    with pytest.raises(ReportError, match=r"Field program\.version is missing"):
        parse_report(as_bytes(document))


def test_missing_setup_field_rejected():
    document = sample_report()
    del document["setup"]["client_id"]
    del document["setup"]["seats"]
    with pytest.raises(ReportError, match="lacks the fields client_id, seats"):
        parse_report(as_bytes(document))


def test_wrong_type_named_with_path():
    document = sample_report()
    document["keychain"]["usable"] = "yes"
    with pytest.raises(ReportError, match=r"Field keychain\.usable should be true, false or null, not text"):
        parse_report(as_bytes(document))


def test_settings_file_is_not_a_report():
    document = SetupState().to_dict()
    with pytest.raises(ReportError, match="not a CSA Setup support report"):
        parse_report(as_bytes(document))


def test_bad_export_time_rejected():
    with pytest.raises(ReportError, match="exported_at is 'last Tuesday'"):
        parse_report(as_bytes(sample_report(exported_at="last Tuesday")))


def test_unknown_check_status_rejected():
    document = sample_report()
    document["checks"][0]["status"] = "great"
    with pytest.raises(ReportError, match=r"checks\[1\]\.status has the unknown value 'great'"):
        parse_report(as_bytes(document))


def test_text_in_fingerprint_field_rejected():
    document = sample_report()
    document["setup"]["secret_fingerprint"] = SECRET_TEXT
    with pytest.raises(ReportError, match="secret_fingerprint is not a fingerprint"):
        parse_report(as_bytes(document))
    document = sample_report()
    document["keychain"]["secret_fingerprint"] = SECRET_TEXT
    with pytest.raises(ReportError, match="secret_fingerprint is not a fingerprint"):
        parse_report(as_bytes(document))


def test_markup_in_company_name_kept_literally():
    name = "<b>Evil</b> <script>alert(1)</script> & Co"
    state = finished_state()
    state.company.name = name
    parsed = parse_report(encode_report(sample_report(state)))
    assert parsed.company_name == name
    assert parsed.state.company.name == name
    company = [item for item in parsed.evaluate() if item.id == "company_name"][0]
    assert company.detail == name


def test_missing_report_file_named(tmp_path):
    with pytest.raises(ReportError, match="was not found"):
        read_report_file(tmp_path / "absent.json")


def test_folder_as_report_rejected(tmp_path):
    with pytest.raises(ReportError, match="is a folder"):
        read_report_file(tmp_path)


def test_unreadable_report_file_named(tmp_path):
    # A link that points at itself fails to open for every user, root included.
    path = tmp_path / "loop.json"
    path.symlink_to(path)
    with pytest.raises(ReportError, match="could not be read"):
        read_report_file(path)


def test_report_bytes_written_are_parsed_from_disk(tmp_path: Path):
    target = tmp_path / "report.json"
    write_report_file(target, encode_report(sample_report()))
    assert parse_report(read_report_file(target)).company_name == "Acme Staffing"


def test_missing_kind_rejected():
    document = sample_report()
    del document["kind"]
    with pytest.raises(ReportError, match="not a CSA Setup support report: it has no kind field"):
        parse_report(as_bytes(document))


def test_escaped_quotes_scanned_quickly():
    import time

    started = time.monotonic()
    assert nesting_depth('"' + '\\"' * 500_000, 100) == 0
    assert time.monotonic() - started < 5
    assert nesting_depth('{"a": "]\\"[", "b": [[1]]}', 100) == 3

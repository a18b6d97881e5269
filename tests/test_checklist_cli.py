"""`csa-setup checklist` and `csa-setup export-report`: exit codes and both output formats."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import write_profile
from tests.standin import Mode
from tests.test_checklist import finished_state
from tests.test_report import SECRET_TEXT, as_bytes, sample_report
from wizard.cli import main
from wizard.domain.model import Plan, SetupState
from wizard.domain.report import encode_report
from wizard.domain.secret import Secret
from wizard.services import paths
from wizard.services.settings_store import SettingsStore


def save_setup(state: SetupState) -> Path:
    path = paths.settings_file()
    SettingsStore(path).save(state)
    return path


def run_checklist(capsys, *arguments: str) -> tuple[int, str, str]:
    code = main(["checklist", *arguments])
    output = capsys.readouterr()
    return code, output.out, output.err


# --- this computer's setup --------------------------------------------------------------------


def test_no_saved_setup_exits_zero(capsys, profile_file):
    code, out, err = run_checklist(capsys, "--profile", str(profile_file))
    assert code == 0
    assert "No saved setup" in err
    assert "Checklist: 0 failed, 0 warnings, 17 not done, 0 passed, 3 info" in out
    assert "  not done  Recruiter plan" in out


def test_finished_setup_exits_zero(capsys, profile_file):
    save_setup(finished_state())
    code, out, err = run_checklist(capsys, "--profile", str(profile_file))
    assert code == 0
    assert err == ""
    assert "0 failed" in out
    assert "  passed    Recruiter plan" in out


def test_failed_check_exits_one_in_text(capsys, profile_file):
    state = finished_state()
    state.plan = Plan.LITE
    save_setup(state)
    code, out, _ = run_checklist(capsys, "--profile", str(profile_file))
    assert code == 1
    assert "  failed    Recruiter plan" in out
    assert "(fix: step \u201cBefore you start\u201d)" in out


def test_failed_check_exits_one_in_json(capsys, profile_file):
    state = finished_state()
    state.company.logo_width = 400
    path = save_setup(state)
    code, out, _ = run_checklist(capsys, "--json", "--profile", str(profile_file))
    assert code == 1
    document = json.loads(out)
    assert document["failed"] is True
    assert document["counts"]["failed"] == 1
    assert document["source"]["kind"] == "setup"
    assert document["source"]["path"] == str(path)
    logo = [item for item in document["checks"] if item["id"] == "logo"][0]
    assert logo["status"] == "failed"
    assert logo["fix"] == "application"
    assert "400\u00d764" in logo["detail"]


def test_damaged_settings_exit_two_untouched(capsys, profile_file):
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text('{"schema_version": 1, "contract_ids": "12345"', encoding="utf-8")
    code, out, err = run_checklist(capsys, "--profile", str(profile_file))
    assert code == 2
    assert out == ""
    assert "not valid JSON" in err
    assert path.read_text(encoding="utf-8") == '{"schema_version": 1, "contract_ids": "12345"'
    assert sorted(item.name for item in path.parent.iterdir()) == ["setup.json"]


def test_settings_with_wrong_type_exit_two(capsys, profile_file):
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"schema_version": 1, "contract_ids": "12345"}), encoding="utf-8")
    code, _, err = run_checklist(capsys, "--profile", str(profile_file))
    assert code == 2
    assert "contract_ids should be a list" in err


def test_bad_profile_exits_two(capsys, tmp_path):
    code, _, err = run_checklist(capsys, "--profile", str(tmp_path / "absent.json"))
    assert code == 2
    assert "was not found" in err


def test_config_dir_option_reads_that_setup(capsys, profile_file, tmp_path, monkeypatch):
    other = tmp_path / "other-config"
    SettingsStore(other / "setup.json").save(finished_state())
    monkeypatch.delenv(paths.CONFIG_DIR_VARIABLE)
    code, out, _ = run_checklist(capsys, "--config-dir", str(other), "--profile", str(profile_file))
    assert code == 0
    assert str(other / "setup.json") in out


# --- live checks against the real keychain and a local token endpoint -------------------------


@pytest.fixture
def token_mode() -> Mode:
    return Mode.ACCEPTED


class TestLive:
    @pytest.fixture
    def profile_file(self, tmp_path, standin, token_mode, no_proxy_environment) -> Path:
        return write_profile(tmp_path, token_endpoint=standin.url(token_mode))

    @staticmethod
    def save_with_secret(keychain) -> Secret:
        secret = Secret(SECRET_TEXT)
        state = finished_state()
        state.secret_backend = keychain.save(secret)
        state.secret_fingerprint = secret.fingerprint()
        state.last_test.secret_fingerprint = secret.fingerprint()
        save_setup(state)
        return secret

    def test_live_accepted(self, capsys, keychain, profile_file, standin):
        secret = self.save_with_secret(keychain)
        saved = paths.settings_file().read_bytes()
        code, out, err = run_checklist(capsys, "--live", "--json", "--profile", str(profile_file))
        assert code == 0
        assert SECRET_TEXT not in out + err
        document = json.loads(out)
        assert document["source"]["live"] is True
        assert document["source"]["live_test"]["outcome"] == "accepted"
        checks = {check["id"]: check for check in document["checks"]}
        assert checks["secret_keychain"]["status"] == "passed"
        assert f"fingerprint {secret.fingerprint()}" in checks["secret_keychain"]["detail"]
        assert checks["credential_test"]["status"] == "passed"
        assert len(standin.requests) == 1
        assert paths.settings_file().read_bytes() == saved

    @pytest.mark.parametrize("token_mode", [Mode.INVALID_CLIENT])
    def test_live_rejected_exits_one(self, capsys, keychain, profile_file, standin):
        self.save_with_secret(keychain)
        code, out, err = run_checklist(capsys, "--live", "--profile", str(profile_file))
        assert code == 1
        assert "Live credential test: LinkedIn rejected the Client ID or the Client Secret" in out
        assert "  failed    Last credential test" in out
        assert SECRET_TEXT not in out + err

    def test_live_without_secret_skips_test(self, capsys, keychain, profile_file, standin):
        save_setup(finished_state())
        code, out, err = run_checklist(capsys, "--live", "--profile", str(profile_file))
        assert code == 1
        assert "has no Client Secret for this profile" in out
        assert "Live credential test skipped" in err
        assert standin.requests == []


# --- reports ---------------------------------------------------------------------------------


def test_report_checklist_text(capsys, tmp_path):
    path = tmp_path / "report.json"
    path.write_bytes(encode_report(sample_report()))
    code, out, _ = run_checklist(capsys, "--report", str(path))
    assert code == 0
    first_line = out.splitlines()[0]
    assert first_line.startswith("Support report from Acme Staffing, exported 2024-05-07 10:05 UTC by CSA Setup")
    assert "  passed    Seat bindings" in out


def test_report_with_failure_json(capsys, tmp_path):
    state = finished_state()
    state.contract_ids = ["12a"]
    path = tmp_path / "report.json"
    path.write_bytes(encode_report(sample_report(state)))
    code, out, _ = run_checklist(capsys, "--report", str(path), "--json")
    assert code == 1
    document = json.loads(out)
    assert document["source"]["kind"] == "report"
    assert document["source"]["company_name"] == "Acme Staffing"
    assert document["source"]["exported_at"] == "2024-05-07T10:05:00+00:00"
    contract = [item for item in document["checks"] if item["id"] == "contract_ids"][0]
    assert contract["status"] == "failed"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", "not valid JSON"),
        (b"[" * 10_000 + b"]" * 10_000, "levels deep"),
        (as_bytes(sample_report(schema_version=999)), "schema version 999"),
    ],
    ids=["not-json", "deep", "newer-schema"],
)
def test_unreadable_report_exits_two(capsys, tmp_path, content, message):
    path = tmp_path / "report.json"
    path.write_bytes(content)
    code, out, err = run_checklist(capsys, "--report", str(path))
    assert code == 2
    assert out == ""
    assert str(path) in err
    assert message in err


def test_missing_report_exits_two(capsys, tmp_path):
    code, _, err = run_checklist(capsys, "--report", str(tmp_path / "absent.json"))
    assert code == 2
    assert "was not found" in err


def test_live_with_report_exits_two(capsys, tmp_path):
    path = tmp_path / "report.json"
    path.write_bytes(encode_report(sample_report()))
    code, _, err = run_checklist(capsys, "--report", str(path), "--live")
    assert code == 2
    assert "--live cannot be combined with --report" in err


def test_report_markup_printed_literally(capsys, tmp_path):
    state = finished_state()
    state.company.name = "<b>Evil</b> <script>x</script>"
    path = tmp_path / "report.json"
    path.write_bytes(encode_report(sample_report(state)))
    code, out, _ = run_checklist(capsys, "--report", str(path))
    assert code == 0
    assert "Support report from <b>Evil</b> <script>x</script>," in out


# --- export-report ---------------------------------------------------------------------------


def test_export_then_check_report(capsys, keychain, profile_file, tmp_path):
    state = finished_state()
    state.plan = Plan.UNSURE
    save_setup(state)
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()
    assert main(["export-report", str(target), "--profile", str(profile_file)]) == 0
    capsys.readouterr()
    code, out, _ = run_checklist(capsys, "--report", str(target), "--json")
    assert code == 0
    plan = [item for item in json.loads(out)["checks"] if item["id"] == "plan"][0]
    assert plan["status"] == "warning"


def test_export_to_missing_folder_exits_two(capsys, keychain, profile_file, tmp_path):
    code = main(["export-report", str(tmp_path / "absent" / "report.json"), "--profile", str(profile_file)])
    assert code == 2
    assert "Could not write the report" in capsys.readouterr().err


def test_export_with_damaged_settings_exits_two(capsys, profile_file, tmp_path):
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xfe")
    code = main(["export-report", str(tmp_path / "report.json"), "--profile", str(profile_file)])
    assert code == 2
    assert "not UTF-8" in capsys.readouterr().err
    assert not (tmp_path / "report.json").exists()


# --- the installed entry point ---------------------------------------------------------------


def test_module_entry_point_json(profile_file, config_dir):
    state = finished_state()
    state.plan = Plan.LITE
    save_setup(state)
    completed = subprocess.run(
        [sys.executable, "-m", "wizard", "checklist", "--json", "--profile", str(profile_file)],
        capture_output=True,
        text=True,
        env={**os.environ, paths.CONFIG_DIR_VARIABLE: str(config_dir)},
        timeout=60,
        check=False,
    )
    assert completed.returncode == 1, completed.stderr
    assert json.loads(completed.stdout)["failed"] is True

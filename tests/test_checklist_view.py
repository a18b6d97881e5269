"""The checklist view: Fix buttons, the problems filter, live checks and support reports."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QLabel, QPushButton, QTreeWidget, QWidget

from tests.conftest import write_profile
from tests.desktop_double import RecordingDesktop
from tests.standin import Mode
from tests.test_checklist import finished_state
from tests.test_report import SECRET_TEXT, sample_report
from wizard.domain.checklist import Status
from wizard.domain.model import CredentialTestRecord, Plan, SeatBinding, SetupState
from wizard.domain.report import encode_report, parse_report
from wizard.domain.secret import Secret
from wizard.services import paths
from wizard.services.profile import Profile
from wizard.services.secret_store import SecretStore
from wizard.services.settings_store import SettingsStore
from wizard.ui.checklist_view import ChecklistView
from wizard.ui.credential_test_widget import CredentialTestWidget
from wizard.ui.session import Session

JOB_TIMEOUT_MS = 10_000


@pytest.fixture
def desktop(qtbot) -> RecordingDesktop:
    return RecordingDesktop()


def make_view(qtbot, desktop: RecordingDesktop, profile: Profile, state: SetupState) -> ChecklistView:
    session = Session(state, SettingsStore(paths.settings_file()), SecretStore(profile.id), profile)
    view = ChecklistView(session, desktop)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    return view


def check_rows(view: ChecklistView) -> dict[str, object]:
    tree = view.findChild(QTreeWidget, "checklist_tree")
    rows = {}
    for group_index in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(group_index)
        for child_index in range(group.childCount()):
            item = group.child(child_index)
            rows[item.data(0, Qt.ItemDataRole.UserRole)] = item
    return rows


def fix_button(view: ChecklistView, check_id: str) -> QPushButton | None:
    return view.findChild(QPushButton, f"fix_button_{check_id}")


# --- Fix and filter ---------------------------------------------------------------------------


def test_fix_on_failed_check_emits_its_step(qtbot, desktop, profile):
    state = finished_state()
    state.plan = Plan.LITE
    view = make_view(qtbot, desktop, profile, state)
    button = fix_button(view, "plan")
    assert button is not None
    with qtbot.waitSignal(view.fix_requested) as signal:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert signal.args == ["before_start"]


def test_fix_on_seats_emits_seat_pane(qtbot, desktop, profile):
    state = finished_state()
    state.seats = [SeatBinding("Ann", "Ann@acme.com"), SeatBinding("Ann", "ann@acme.com")]
    view = make_view(qtbot, desktop, profile, state)
    with qtbot.waitSignal(view.fix_requested) as signal:
        qtbot.mouseClick(fix_button(view, "seats"), Qt.MouseButton.LeftButton)
    assert signal.args == ["seats"]


def test_return_on_focused_check_emits_fix(qtbot, desktop, profile):
    state = finished_state()
    state.sdk_domain_updated = False
    view = make_view(qtbot, desktop, profile, state)
    view.show()
    qtbot.waitExposed(view)
    assert view.focus_check("sdk_domain")
    tree = view.findChild(QTreeWidget, "checklist_tree")
    with qtbot.waitSignal(view.fix_requested) as signal:
        qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert signal.args == ["sdk_domain"]


def test_return_on_passed_check_does_nothing(qtbot, desktop, profile):
    view = make_view(qtbot, desktop, profile, finished_state())
    view.show()
    qtbot.waitExposed(view)
    assert view.focus_check("plan")
    with qtbot.assertNotEmitted(view.fix_requested):
        qtbot.keyClick(view.findChild(QTreeWidget, "checklist_tree"), Qt.Key.Key_Return)


def test_focus_check_hidden_row_returns_false(qtbot, desktop, profile):
    view = make_view(qtbot, desktop, profile, finished_state())
    view.findChild(QAbstractButton, "problems_only_check").click()
    assert not view.focus_check("plan")
    assert not view.focus_check("no_such_check")


def test_passed_and_info_rows_have_no_fix(qtbot, desktop, profile):
    view = make_view(qtbot, desktop, profile, finished_state())
    assert [button.objectName() for button in view.findChildren(QPushButton) if button.objectName().startswith("fix_button_")] == []


def test_rows_show_status_word_and_detail(qtbot, desktop, profile):
    state = finished_state()
    state.plan = Plan.UNSURE
    view = make_view(qtbot, desktop, profile, state)
    rows = check_rows(view)
    words = {"Passed", "Warning", "Failed", "Not done", "Info"}
    for check_id, item in rows.items():
        assert item.text(0) in words, check_id
        assert not item.icon(0).isNull(), check_id
        assert item.text(2), check_id
    assert rows["plan"].text(0) == "Warning"
    assert "Plan not confirmed" in rows["plan"].text(2)


def test_problems_only_filter(qtbot, desktop, profile):
    state = finished_state()
    state.plan = Plan.LITE
    state.jazzhr_saved_on = ""
    view = make_view(qtbot, desktop, profile, state)
    rows = check_rows(view)
    assert not any(item.isHidden() for item in rows.values())

    view.findChild(QAbstractButton, "problems_only_check").click()

    visible = {check_id for check_id, item in rows.items() if not item.isHidden()}
    assert visible == {"plan", "ats_saved"}
    tree = view.findChild(QTreeWidget, "checklist_tree")
    visible_groups = {tree.topLevelItem(index).text(0) for index in range(tree.topLevelItemCount()) if not tree.topLevelItem(index).isHidden()}
    assert visible_groups == {"LinkedIn Recruiter", "SDK domain and JazzHR"}

    view.findChild(QAbstractButton, "problems_only_check").click()
    assert not any(item.isHidden() for item in rows.values())


def test_view_follows_session_changes(qtbot, desktop, profile):
    state = finished_state()
    view = make_view(qtbot, desktop, profile, state)
    view.show()
    qtbot.waitExposed(view)
    assert fix_button(view, "plan") is None
    state.plan = Plan.LITE
    view._session.changed()
    assert fix_button(view, "plan") is not None
    assert view.findChild(QLabel, "counts_label").text().startswith("1 failed")
    assert [item.status for item in view.results() if item.id == "plan"] == [Status.FAILED]


def test_hidden_view_refreshes_when_shown(qtbot, desktop, profile):
    state = finished_state()
    view = make_view(qtbot, desktop, profile, state)
    state.plan = Plan.LITE
    view._session.changed()
    assert fix_button(view, "plan") is None
    view.show()
    qtbot.waitExposed(view)
    assert fix_button(view, "plan") is not None


def test_widgets_have_names(qtbot, desktop, profile):
    state = finished_state()
    state.plan = Plan.LITE
    view = make_view(qtbot, desktop, profile, state)
    for widget in view.findChildren(QWidget):
        if isinstance(widget, (QAbstractButton, QLabel, QTreeWidget)):
            assert widget.objectName(), widget
            assert widget.accessibleName(), widget.objectName()


def test_copy_summary_copies_plain_text(qtbot, desktop, profile):
    state = finished_state()
    state.company.name = "Acme <b>Staffing</b>"
    state.plan = Plan.LITE
    view = make_view(qtbot, desktop, profile, state)
    view.findChild(QPushButton, "copy_summary_button").click()
    text = QGuiApplication.clipboard().text()
    assert text.startswith("CSA Setup 0.1.0 \u2014 Acme <b>Staffing</b>\nChecklist: 1 failed")
    assert "  failed    Recruiter plan" in text


# --- live checks and export, with the real keychain -------------------------------------------


class TestLiveChecks:
    @pytest.fixture
    def profile_file(self, tmp_path, standin, no_proxy_environment) -> Path:
        return write_profile(tmp_path, token_endpoint=standin.url(Mode.ACCEPTED))

    def test_live_check_reads_keychain_and_tests(self, qtbot, desktop, profile, keychain, standin):
        secret = Secret(SECRET_TEXT)
        state = finished_state()
        state.secret_backend = keychain.save(secret)
        state.secret_fingerprint = secret.fingerprint()
        state.last_test = CredentialTestRecord()
        view = make_view(qtbot, desktop, profile, state)
        view.show()
        qtbot.waitExposed(view)
        with qtbot.waitSignals([view.live_check_requested, view.live_check_finished], timeout=JOB_TIMEOUT_MS):
            view.findChild(QPushButton, "live_checks_button").click()
        tester = view.findChild(CredentialTestWidget, "checklist_credential_test")
        assert tester is not None
        qtbot.waitUntil(lambda: not tester.running, timeout=JOB_TIMEOUT_MS)

        results = {result.id: result for result in view.results()}
        assert results["secret_keychain"].status is Status.PASSED
        assert f"found in keychain {state.secret_backend}" in results["secret_keychain"].detail
        assert results["credential_test"].status is Status.PASSED
        assert state.last_test.outcome == "accepted"
        assert len(standin.requests) == 1
        assert desktop.messages == []

    def test_live_check_without_secret_fails_check(self, qtbot, desktop, profile, keychain, standin):
        view = make_view(qtbot, desktop, profile, finished_state())
        with qtbot.waitSignal(view.live_check_finished, timeout=JOB_TIMEOUT_MS):
            view.findChild(QPushButton, "live_checks_button").click()
        tester = view.findChild(CredentialTestWidget, "checklist_credential_test")
        qtbot.waitUntil(lambda: not tester.running, timeout=JOB_TIMEOUT_MS)
        item = [result for result in view.results() if result.id == "secret_keychain"][0]
        assert item.status is Status.FAILED
        assert fix_button(view, "secret_keychain") is not None
        assert standin.requests == []

    def test_credential_test_hidden_for_report(self, qtbot, desktop, profile, keychain, tmp_path):
        view = make_view(qtbot, desktop, profile, finished_state())
        view.show()
        qtbot.waitExposed(view)
        with qtbot.waitSignal(view.live_check_finished, timeout=JOB_TIMEOUT_MS):
            view.findChild(QPushButton, "live_checks_button").click()
        box = view.findChild(QWidget, "credential_test_box")
        tester = view.findChild(CredentialTestWidget, "checklist_credential_test")
        qtbot.waitUntil(lambda: not tester.running, timeout=JOB_TIMEOUT_MS)
        assert box.isVisible()
        open_report(qtbot, view, desktop, write_report(tmp_path, finished_state()))
        assert not box.isVisible()
        view.findChild(QPushButton, "back_to_setup_button").click()
        assert box.isVisible()


def test_export_writes_report_without_secret(qtbot, desktop, profile, keychain, tmp_path):
    secret = Secret(SECRET_TEXT)
    state = finished_state()
    state.secret_backend = keychain.save(secret)
    state.secret_fingerprint = secret.fingerprint()
    state.last_test.secret_fingerprint = secret.fingerprint()
    view = make_view(qtbot, desktop, profile, state)
    target = tmp_path / "report.json"
    desktop.save_paths.append(target)
    with qtbot.waitSignal(view.report_exported, timeout=JOB_TIMEOUT_MS) as signal:
        view.findChild(QPushButton, "export_report_button").click()
    assert signal.args == [str(target)]
    text = target.read_text(encoding="utf-8")
    assert SECRET_TEXT.casefold() not in text.casefold()
    parsed = parse_report(target.read_bytes())
    assert parsed.state == state
    assert [item.status for item in parsed.checks] == [item.status for item in view.results()]


def test_export_cancelled_writes_nothing(qtbot, desktop, profile):
    view = make_view(qtbot, desktop, profile, finished_state())
    with qtbot.assertNotEmitted(view.report_exported, wait=100):
        view.findChild(QPushButton, "export_report_button").click()
    assert desktop.messages == []
    assert view.findChild(QPushButton, "export_report_button").isEnabled()


def test_export_failure_is_shown(qtbot, desktop, profile, keychain, tmp_path):
    view = make_view(qtbot, desktop, profile, finished_state())
    desktop.save_paths.append(tmp_path / "absent" / "report.json")
    view.findChild(QPushButton, "export_report_button").click()
    qtbot.waitUntil(lambda: bool(desktop.messages), timeout=JOB_TIMEOUT_MS)
    title, message = desktop.messages[0]
    assert title == "Could not export the support report"
    assert "absent" in message


# --- opened reports ---------------------------------------------------------------------------


def write_report(tmp_path: Path, state: SetupState) -> Path:
    path = tmp_path / "customer-report.json"
    path.write_bytes(encode_report(sample_report(state)))
    return path


def open_report(qtbot, view: ChecklistView, desktop: RecordingDesktop, path: Path) -> None:
    desktop.open_paths.append(path)
    with qtbot.waitSignal(view.report_opened, timeout=JOB_TIMEOUT_MS):
        view.findChild(QPushButton, "open_report_button").click()


def test_opened_report_read_only_literal(qtbot, desktop, profile, tmp_path):
    own_state = finished_state()
    own_state.company.name = "My Own Company"
    view = make_view(qtbot, desktop, profile, own_state)
    before = copy.deepcopy(own_state)
    report_state = finished_state()
    report_state.company.name = "<b>Evil</b> <script>alert(1)</script>"
    report_state.plan = Plan.LITE
    path = write_report(tmp_path, report_state)

    open_report(qtbot, view, desktop, path)

    assert view.showing_report
    banner = view.findChild(QWidget, "report_banner")
    assert banner.isVisibleTo(view)
    label = view.findChild(QLabel, "report_banner_label")
    assert label.textFormat() is Qt.TextFormat.PlainText
    assert "\u201c<b>Evil</b> <script>alert(1)</script>\u201d" in label.text()
    assert "exported 2024-05-07 10:05 UTC by CSA Setup 0.1.0" in label.text()
    assert "read-only" in label.text()
    company_row = check_rows(view)["company_name"]
    assert company_row.text(2) == "<b>Evil</b> <script>alert(1)</script>"
    assert [item.status for item in view.results() if item.id == "plan"] == [Status.FAILED]
    assert fix_button(view, "plan") is None
    assert not view.findChild(QPushButton, "export_report_button").isEnabled()
    assert not view.findChild(QPushButton, "live_checks_button").isEnabled()
    assert view._session.state == before
    assert not paths.settings_file().exists()


def test_back_to_setup_restores_own_checklist(qtbot, desktop, profile, tmp_path):
    own_state = finished_state()
    own_state.plan = Plan.UNSURE
    view = make_view(qtbot, desktop, profile, own_state)
    report_state = finished_state()
    report_state.plan = Plan.LITE
    open_report(qtbot, view, desktop, write_report(tmp_path, report_state))

    with qtbot.waitSignal(view.report_closed):
        view.findChild(QPushButton, "back_to_setup_button").click()

    assert not view.showing_report
    assert not view.findChild(QWidget, "report_banner").isVisibleTo(view)
    assert [item.status for item in view.results() if item.id == "plan"] == [Status.WARNING]
    assert fix_button(view, "plan") is not None
    assert view.findChild(QPushButton, "export_report_button").isEnabled()


def test_session_change_keeps_open_report(qtbot, desktop, profile, tmp_path):
    view = make_view(qtbot, desktop, profile, finished_state())
    open_report(qtbot, view, desktop, write_report(tmp_path, finished_state()))
    view._session.state.plan = Plan.LITE
    view._session.changed()
    assert view.showing_report
    assert [item.status for item in view.results() if item.id == "plan"] == [Status.PASSED]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html>not a report</html>", "not valid JSON"),
        (b"[" * 10_000 + b"]" * 10_000, "levels deep"),
        (b'{"schema_version": 999, "kind": "csa-setup-support-report"}', "schema version 999"),
    ],
    ids=["not-json", "deep", "newer-schema"],
)
def test_hostile_report_shows_warning(qtbot, desktop, profile, tmp_path, content, message):
    view = make_view(qtbot, desktop, profile, finished_state())
    path = tmp_path / "hostile.json"
    path.write_bytes(content)
    desktop.open_paths.append(path)
    view.findChild(QPushButton, "open_report_button").click()
    qtbot.waitUntil(lambda: bool(desktop.messages), timeout=JOB_TIMEOUT_MS)
    title, text = desktop.messages[0]
    assert title == "Could not open the support report"
    assert message in text
    assert not view.showing_report
    assert view.findChild(QPushButton, "open_report_button").isEnabled()


def test_file_actions_for_main_window(qtbot, desktop, profile):
    view = make_view(qtbot, desktop, profile, finished_state())
    names = [action.objectName() for action in view.file_actions()]
    assert names == ["action_export_report", "action_open_report"]


def test_huge_company_name_shortened_in_banner(qtbot, desktop, profile, tmp_path):
    view = make_view(qtbot, desktop, profile, finished_state())
    state = finished_state()
    state.company.name = "Acme " * 200_000
    open_report(qtbot, view, desktop, write_report(tmp_path, state))
    banner = view.findChild(QLabel, "report_banner_label").text()
    assert len(banner) < 600
    assert "Acme Acme" in banner
    company_row = check_rows(view)["company_name"]
    assert company_row.text(0) == "Failed"
    assert len(company_row.text(2)) < 500

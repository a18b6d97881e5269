"""The checklist's checks, each in every status it can reach, and its plain-text summary."""

from __future__ import annotations

import dataclasses

import pytest

from wizard.domain import checklist
from wizard.domain.checklist import FIX_SEATS, Facts, Status
from wizard.domain.credential_test import Outcome
from wizard.domain.model import Company, CredentialTestRecord, Plan, SeatBinding, SetupState, StepId
from wizard.domain.secret import fingerprint

FACTS = Facts(ats_name="JazzHR", sdk_domain="https://app.jazz.co")
SECRET_FINGERPRINT = fingerprint("Q7mUE2vdyHDRxqn5WPL")


def finished_state() -> SetupState:
    """A setup in which every check passes."""
    return SetupState(
        current_step=StepId.DONE,
        plan=Plan.CORPORATE,
        contract_ids=["123456789"],
        company=Company(
            name="Acme Staffing",
            website="https://www.acme-staffing.com",
            business_email="it@acme-staffing.com",
            business_phone="+1 415-555-0132",
            logo_path="/home/ann/acme-logo.png",
            logo_width=80,
            logo_height=64,
        ),
        contact_name="Ann Admin",
        contact_email="ann@acme-staffing.com",
        client_id="86x1ab2cd3ef4g",
        secret_backend="SecretService.Keyring",
        secret_fingerprint=SECRET_FINGERPRINT,
        secret_saved_at="2024-05-01T09:10:00+00:00",
        email_recipient="partners@linkedin.example",
        email_sent_on="2024-05-01",
        approved_on="2024-05-06",
        sdk_domain_added=True,
        sdk_domain_updated=True,
        jazzhr_saved_on="2024-05-07",
        step_completed_at={StepId.APPLICATION.value: "2024-05-01T09:00:00+00:00"},
        last_test=CredentialTestRecord(
            outcome=Outcome.ACCEPTED.value,
            tested_at="2024-05-07T10:00:00+00:00",
            client_id="86x1ab2cd3ef4g",
            secret_fingerprint=SECRET_FINGERPRINT,
            detail="HTTP 200",
        ),
        seats=[SeatBinding("Ann Admin", "Ann@acme-staffing.com", "2024-05-07")],
    )


def result(state: SetupState, check_id: str, facts: Facts = FACTS) -> checklist.CheckResult:
    matches = [item for item in checklist.evaluate(state, facts) if item.id == check_id]
    assert len(matches) == 1, check_id
    return matches[0]


# --- the list as a whole --------------------------------------------------------------------


def test_finished_setup_passes_every_check():
    results = checklist.evaluate(finished_state(), FACTS)
    problems = [(item.id, item.status, item.detail) for item in results if item.status is not Status.INFO and item.status is not Status.PASSED]
    assert problems == []
    assert not checklist.has_failures(results)


def test_empty_setup_is_not_done_without_failures():
    results = checklist.evaluate(SetupState(), FACTS)
    statuses = {item.status for item in results}
    assert statuses == {Status.NOT_DONE, Status.INFO}
    assert not checklist.has_failures(results)


def test_check_ids_unique_and_stable():
    assert len(set(checklist.CHECK_IDS)) == len(checklist.CHECK_IDS)
    for required in (
        "plan",
        "contract_ids",
        "application_name_use",
        "company_name",
        "website",
        "business_email",
        "business_phone",
        "logo",
        "client_id",
        "secret_keychain",
        "secret_clean",
        "activation_email",
        "approval",
        "sdk_domain",
        "ats_saved",
        "credential_test",
        "seats",
        "info_same_window",
        "info_inmail_interval",
        "info_profile_match",
    ):
        assert required in checklist.CHECK_IDS


@pytest.mark.parametrize("state", [SetupState(), finished_state()], ids=["empty", "finished"])
def test_details_one_line_fixes_valid(state):
    valid_targets = {step.value for step in StepId} | {FIX_SEATS}
    for item in checklist.evaluate(state, FACTS):
        assert item.detail, item.id
        assert "\n" not in item.detail, item.id
        assert item.title and "{" not in item.title, item.id
        assert item.group_title and "{" not in item.group_title, item.id
        if item.status is Status.INFO:
            assert item.fix == "", item.id
        else:
            assert item.fix in valid_targets, item.id


def test_groups_keep_display_order():
    groups = [item.group for item in checklist.evaluate(SetupState(), FACTS)]
    order = [group.value for group in checklist.Group]
    assert groups == sorted(groups, key=order.index)


def test_titles_use_profile_ats_name():
    other = Facts(ats_name="OtherATS", sdk_domain="https://ats.example.com")
    item = result(SetupState(), "ats_saved", other)
    assert item.title == "Credentials saved in OtherATS"
    assert result(SetupState(), "sdk_domain", other).group_title == "SDK domain and OtherATS"


# --- plan and contract -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("plan", "status"),
    [
        (Plan.CORPORATE, Status.PASSED),
        (Plan.LITE, Status.FAILED),
        (Plan.UNSURE, Status.WARNING),
        (Plan.UNKNOWN, Status.NOT_DONE),
    ],
)
def test_plan_states(plan, status):
    item = result(dataclasses.replace(finished_state(), plan=plan), "plan")
    assert item.status is status
    assert item.fix == StepId.BEFORE_START.value


def test_plan_lite_detail_names_corporate():
    item = result(dataclasses.replace(finished_state(), plan=Plan.LITE), "plan")
    assert "Recruiter Lite" in item.detail
    assert "Recruiter Corporate" in item.detail


@pytest.mark.parametrize(
    ("contract_ids", "status", "named"),
    [
        ([], Status.NOT_DONE, ""),
        ([""], Status.NOT_DONE, ""),
        (["123456789"], Status.PASSED, "123456789"),
        (["123", "456"], Status.PASSED, "123, 456"),
        (["12a"], Status.FAILED, "12a"),
        (["123", "123"], Status.FAILED, "123"),
        ([" 123"], Status.FAILED, "123"),
        (["urn:li:contract:123"], Status.FAILED, "urn:li:contract:123"),
        (["1" * 21], Status.FAILED, "1" * 21),
    ],
)
def test_contract_id_states(contract_ids, status, named):
    item = result(dataclasses.replace(finished_state(), contract_ids=contract_ids), "contract_ids")
    assert item.status is status
    assert named in item.detail
    assert item.fix == StepId.CONTRACT.value


# --- LinkedIn app ------------------------------------------------------------------------------


def test_application_name_use_states():
    done = result(finished_state(), "application_name_use")
    assert done.status is Status.PASSED
    assert "Cross System Awareness" in done.detail
    assert "Jobs and Recruiting" in done.detail
    not_done = result(dataclasses.replace(finished_state(), step_completed_at={}), "application_name_use")
    assert not_done.status is Status.NOT_DONE
    assert "Cross System Awareness" in not_done.detail


def _with_company(**changes) -> SetupState:
    state = finished_state()
    state.company = dataclasses.replace(state.company, **changes)
    return state


@pytest.mark.parametrize(
    ("check_id", "field", "value", "status", "named"),
    [
        ("company_name", "name", "", Status.NOT_DONE, "Company name"),
        ("company_name", "name", "   ", Status.NOT_DONE, "Company name"),
        ("company_name", "name", "A" * 101, Status.FAILED, "101"),
        ("company_name", "name", "Acme <b>Staffing</b>", Status.PASSED, "Acme <b>Staffing</b>"),
        ("website", "website", "", Status.NOT_DONE, "Website URL"),
        ("website", "website", "ftp://acme.com", Status.FAILED, "ftp"),
        ("website", "website", "https://intranet", Status.FAILED, "intranet"),
        ("website", "website", "https://www.acme.com", Status.PASSED, "https://www.acme.com"),
        ("business_email", "business_email", "", Status.NOT_DONE, "Business email"),
        ("business_email", "business_email", "it-at-acme.com", Status.FAILED, "it-at-acme.com"),
        ("business_email", "business_email", "it@acme.com", Status.PASSED, "it@acme.com"),
        ("business_phone", "business_phone", "", Status.NOT_DONE, "Business phone"),
        ("business_phone", "business_phone", "12", Status.FAILED, "12"),
        ("business_phone", "business_phone", "(415) 555-0132", Status.PASSED, "+1 415-555-0132"),
    ],
)
def test_application_value_states(check_id, field, value, status, named):
    item = result(_with_company(**{field: value}), check_id)
    assert item.status is status
    assert named in item.detail
    assert item.fix == StepId.APPLICATION.value


@pytest.mark.parametrize(
    ("path", "width", "height", "status", "named"),
    [
        ("", 0, 0, Status.NOT_DONE, "logo"),
        ("/tmp/logo.svg", 0, 0, Status.FAILED, "/tmp/logo.svg"),
        ("/tmp/logo.png", 120, 90, Status.FAILED, "120\u00d790"),
        ("/tmp/logo.png", 80, 81, Status.FAILED, "80\u00d781"),
        ("/tmp/logo.png", 80, 80, Status.PASSED, "80\u00d780"),
    ],
)
def test_logo_states(path, width, height, status, named):
    item = result(_with_company(logo_path=path, logo_width=width, logo_height=height), "logo")
    assert item.status is status
    assert named in item.detail
    assert item.fix == StepId.APPLICATION.value


# --- Client ID and Client Secret ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("client_id", "status", "named"),
    [
        ("", Status.NOT_DONE, "Client ID"),
        ("86x1ab2cd3ef4g ", Status.FAILED, "a space at the end"),
        ("86x1ab\u200b2cd3ef4g", Status.FAILED, "zero-width space"),
        ("abc", Status.WARNING, "abc"),
        ("86x1ab2cd3ef4g", Status.PASSED, "86x1ab2cd3ef4g"),
    ],
)
def test_client_id_states(client_id, status, named):
    item = result(dataclasses.replace(finished_state(), client_id=client_id), "client_id")
    assert item.status is status
    assert named in item.detail
    assert item.fix == StepId.CREDENTIALS.value


@pytest.mark.parametrize(
    ("backend", "saved_fingerprint", "facts", "status", "named"),
    [
        ("", "", FACTS, Status.NOT_DONE, "keychain"),
        ("", SECRET_FINGERPRINT, FACTS, Status.WARNING, "memory"),
        ("SecretService.Keyring", SECRET_FINGERPRINT, FACTS, Status.PASSED, "SecretService.Keyring"),
        (
            "SecretService.Keyring",
            SECRET_FINGERPRINT,
            dataclasses.replace(FACTS, keychain_usable=True),
            Status.PASSED,
            "SecretService.Keyring",
        ),
        (
            "SecretService.Keyring",
            SECRET_FINGERPRINT,
            dataclasses.replace(FACTS, keychain_usable=False),
            Status.WARNING,
            "no usable keychain",
        ),
        (
            "SecretService.Keyring",
            SECRET_FINGERPRINT,
            dataclasses.replace(FACTS, keychain_usable=True, keychain_error="the keychain is locked"),
            Status.FAILED,
            "locked",
        ),
        (
            "SecretService.Keyring",
            SECRET_FINGERPRINT,
            dataclasses.replace(FACTS, keychain_usable=True, keychain_fingerprint=""),
            Status.FAILED,
            "has no Client Secret",
        ),
        (
            "SecretService.Keyring",
            SECRET_FINGERPRINT,
            dataclasses.replace(FACTS, keychain_usable=True, keychain_fingerprint=fingerprint("another secret value")),
            Status.FAILED,
            fingerprint("another secret value"),
        ),
        (
            "SecretService.Keyring",
            SECRET_FINGERPRINT,
            dataclasses.replace(FACTS, keychain_usable=True, keychain_fingerprint=SECRET_FINGERPRINT),
            Status.PASSED,
            f"found in keychain SecretService.Keyring, fingerprint {SECRET_FINGERPRINT}",
        ),
    ],
    ids=["none", "memory-only", "saved", "usable", "unusable-now", "read-error", "missing", "different", "found"],
)
def test_secret_keychain_states(backend, saved_fingerprint, facts, status, named):
    state = dataclasses.replace(finished_state(), secret_backend=backend, secret_fingerprint=saved_fingerprint)
    item = result(state, "secret_keychain", facts)
    assert item.status is status
    assert named in item.detail
    assert item.fix == StepId.CREDENTIALS.value


@pytest.mark.parametrize(
    ("saved_fingerprint", "status", "named"),
    [
        ("", Status.NOT_DONE, "No Client Secret"),
        ("not a fingerprint", Status.FAILED, "not a fingerprint"),
        ("19:ABCDEF123456", Status.FAILED, "19:ABCDEF123456"),
        (fingerprint("short"), Status.WARNING, "only 5 characters"),
        (SECRET_FINGERPRINT, Status.PASSED, SECRET_FINGERPRINT),
    ],
)
def test_secret_clean_states(saved_fingerprint, status, named):
    item = result(dataclasses.replace(finished_state(), secret_fingerprint=saved_fingerprint), "secret_clean")
    assert item.status is status
    assert named in item.detail
    assert item.fix == StepId.CREDENTIALS.value


# --- activation -------------------------------------------------------------------------------


def test_activation_email_states():
    sent = result(finished_state(), "activation_email")
    assert sent.status is Status.PASSED
    assert "2024-05-01" in sent.detail
    assert "partners@linkedin.example" in sent.detail
    not_sent = result(dataclasses.replace(finished_state(), email_sent_on=""), "activation_email")
    assert not_sent.status is Status.NOT_DONE
    assert not_sent.fix == StepId.ACTIVATION_EMAIL.value


def test_approval_states():
    approved = result(finished_state(), "approval")
    assert approved.status is Status.PASSED
    assert "2024-05-06" in approved.detail
    assert approved.fix == StepId.APPROVAL.value

    accepted_unrecorded = result(dataclasses.replace(finished_state(), approved_on=""), "approval")
    assert accepted_unrecorded.status is Status.WARNING
    assert "record the approval" in accepted_unrecorded.detail

    waiting_state = dataclasses.replace(finished_state(), approved_on="", last_test=CredentialTestRecord())
    waiting = result(waiting_state, "approval")
    assert waiting.status is Status.NOT_DONE
    assert "since 2024-05-01" in waiting.detail
    assert waiting.fix == StepId.APPROVAL.value

    unsent = result(dataclasses.replace(waiting_state, email_sent_on=""), "approval")
    assert unsent.status is Status.NOT_DONE
    assert unsent.fix == StepId.ACTIVATION_EMAIL.value


# --- SDK domain and the ATS -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("added", "updated", "status", "named"),
    [
        (True, True, Status.PASSED, "saved with Update"),
        (True, False, Status.WARNING, "Update"),
        (False, True, Status.WARNING, "Add"),
        (False, False, Status.NOT_DONE, "Valid SDK Domains"),
    ],
)
def test_sdk_domain_states(added, updated, status, named):
    state = dataclasses.replace(finished_state(), sdk_domain_added=added, sdk_domain_updated=updated)
    item = result(state, "sdk_domain")
    assert item.status is status
    assert "https://app.jazz.co" in item.detail
    assert named in item.detail
    assert item.fix == StepId.SDK_DOMAIN.value


def test_ats_saved_states():
    saved = result(finished_state(), "ats_saved")
    assert saved.status is Status.PASSED
    assert "2024-05-07" in saved.detail
    unsaved = result(dataclasses.replace(finished_state(), jazzhr_saved_on=""), "ats_saved")
    assert unsaved.status is Status.NOT_DONE
    assert "JazzHR" in unsaved.detail
    assert unsaved.fix == StepId.JAZZHR.value


# --- the last credential test -------------------------------------------------------------------


def _with_test(outcome: str, **changes) -> SetupState:
    state = finished_state()
    state.last_test = dataclasses.replace(state.last_test, outcome=outcome, **changes)
    return state


_EXPECTED_TEST_STATUS = {
    Outcome.ACCEPTED: Status.PASSED,
    Outcome.NOT_ENABLED: Status.WARNING,
    Outcome.INVALID_CREDENTIALS: Status.FAILED,
    Outcome.REJECTED: Status.FAILED,
    Outcome.RATE_LIMITED: Status.WARNING,
    Outcome.UNAVAILABLE: Status.WARNING,
    Outcome.REDIRECTED: Status.WARNING,
    Outcome.NAME_RESOLUTION: Status.WARNING,
    Outcome.CONNECTION_REFUSED: Status.WARNING,
    Outcome.TIMEOUT: Status.WARNING,
    Outcome.TLS: Status.WARNING,
    Outcome.PROXY: Status.WARNING,
    Outcome.NETWORK: Status.WARNING,
    Outcome.CANCELLED: Status.NOT_DONE,
}


@pytest.mark.parametrize("outcome", list(Outcome), ids=[outcome.value for outcome in Outcome])
def test_credential_test_outcomes(outcome):
    item = result(_with_test(outcome.value), "credential_test")
    assert item.status is _EXPECTED_TEST_STATUS[outcome]
    assert "2024-05-07 10:00 UTC" in item.detail
    expected_fix = StepId.CREDENTIALS if item.status is Status.FAILED else StepId.JAZZHR
    assert item.fix == expected_fix.value


def test_credential_test_not_run():
    item = result(dataclasses.replace(finished_state(), last_test=CredentialTestRecord()), "credential_test")
    assert item.status is Status.NOT_DONE
    assert item.fix == StepId.JAZZHR.value


def test_credential_test_detail_names_response_and_proxy():
    state = _with_test(Outcome.TIMEOUT.value, detail="no answer within 20 seconds", proxy_host="proxy.acme.com:3128")
    item = result(state, "credential_test")
    assert "no answer within 20 seconds" in item.detail
    assert "proxy.acme.com:3128" in item.detail


def test_credential_test_not_enabled_explains_approval():
    item = result(_with_test(Outcome.NOT_ENABLED.value), "credential_test")
    assert "enables the integration" in item.detail


def test_credential_test_unknown_outcome_warns():
    item = result(_with_test("teleported"), "credential_test")
    assert item.status is Status.WARNING
    assert "'teleported'" in item.detail


@pytest.mark.parametrize("changed", ["client_id", "secret_fingerprint"])
def test_credential_test_stale_warns(changed):
    state = finished_state()
    if changed == "client_id":
        state.client_id = "99z9zz9zz9zz9z"
    else:
        state.secret_fingerprint = fingerprint("a newer secret value")
    item = result(state, "credential_test")
    assert item.status is Status.WARNING
    assert "run it again" in item.detail
    assert "credentials accepted" in item.detail


# --- seats ------------------------------------------------------------------------------------


def test_seats_none_not_done():
    item = result(dataclasses.replace(finished_state(), seats=[]), "seats")
    assert item.status is Status.NOT_DONE
    assert item.fix == FIX_SEATS


def test_seats_passed_keeps_case():
    state = dataclasses.replace(
        finished_state(),
        seats=[SeatBinding("Ann", "Ann@acme.com", "2026-12-01"), SeatBinding("Bo", "bo@acme.com", "2026-12-02")],
    )
    item = result(state, "seats")
    assert item.status is Status.PASSED
    assert item.detail == "2 seats, all marked as done in JazzHR: Ann@acme.com, bo@acme.com"


def test_seats_not_done_in_jazzhr_warn():
    state = dataclasses.replace(
        finished_state(), seats=[SeatBinding("Ann", "Ann@acme.com", "2026-12-01"), SeatBinding("Bo", "bo@acme.com")]
    )
    item = result(state, "seats")
    assert item.status is Status.WARNING
    assert "Not yet marked as done in JazzHR: Bo;" in item.detail
    assert item.fix == "seats"


def test_seats_differing_only_in_case_warn():
    state = dataclasses.replace(
        finished_state(), seats=[SeatBinding("Ann", "Ann@acme.com"), SeatBinding("Ann (laptop)", "ann@acme.com")]
    )
    item = result(state, "seats")
    assert item.status is Status.WARNING
    assert "Ann@acme.com" in item.detail
    assert "ann@acme.com" in item.detail
    assert "case" in item.detail
    assert item.fix == FIX_SEATS


@pytest.mark.parametrize(
    ("email", "named"),
    [("", "missing"), ("ann-at-acme.com", "ann-at-acme.com"), (" ann@acme.com", "ann@acme.com")],
    ids=["empty", "invalid", "surrounding-space"],
)
def test_seats_bad_email_fails(email, named):
    state = dataclasses.replace(finished_state(), seats=[SeatBinding("Ann", email)])
    item = result(state, "seats")
    assert item.status is Status.FAILED
    assert named in item.detail
    assert "Ann" in item.detail


# --- information items ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("check_id", "fact"),
    [
        ("info_same_window", "same browser window"),
        ("info_inmail_interval", "once every 15 minutes"),
        ("info_profile_match", "not by the public profile URL"),
    ],
)
def test_information_items(check_id, fact):
    for state in (SetupState(), finished_state()):
        item = result(state, check_id)
        assert item.status is Status.INFO
        assert fact in item.detail
        assert item.fix == ""
        assert not item.is_problem


# --- summary ----------------------------------------------------------------------------------


def test_counts_line():
    state = dataclasses.replace(finished_state(), plan=Plan.LITE, sdk_domain_updated=False, jazzhr_saved_on="")
    line = checklist.counts_line(checklist.evaluate(state, FACTS))
    assert line == "1 failed, 1 warning, 1 not done, 14 passed, 3 info"


def test_summary_text_lists_every_check_aligned():
    state = dataclasses.replace(finished_state(), plan=Plan.LITE)
    results = checklist.evaluate(state, FACTS)
    text = checklist.summary_text(results, "CSA Setup 0.1.0 \u2014 Acme Staffing")
    lines = text.splitlines()
    assert lines[0] == "CSA Setup 0.1.0 \u2014 Acme Staffing"
    assert lines[1].startswith("Checklist: 1 failed")
    check_lines = [line for line in lines if line.startswith("  ")]
    assert len(check_lines) == len(results)
    detail_columns = {line.index(item.detail) for line, item in zip(check_lines, results)}
    assert len(detail_columns) == 1
    assert "failed    Recruiter plan" in text
    assert "(fix: step \u201cBefore you start\u201d)" in text
    for group in checklist.Group:
        assert any(item.group == group.value and item.group_title in lines for item in results)


def test_summary_text_problems_only():
    state = dataclasses.replace(finished_state(), seats=[])
    text = checklist.summary_text(checklist.evaluate(state, FACTS), problems_only=True)
    assert "Seat bindings" in text
    assert "(fix: seat pane)" in text
    assert "Recruiter plan" not in text
    assert "InMail" not in text


def test_summary_text_problems_only_without_problems():
    text = checklist.summary_text(checklist.evaluate(finished_state(), FACTS), problems_only=True)
    assert text.endswith("No problems found.\n")


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("2024-05-01", "2024-05-01"),
        ("2024-05-07T10:00:00+00:00", "2024-05-07 10:00 UTC"),
        ("2024-05-07T10:00:00", "2024-05-07 10:00"),
        ("yesterday", "yesterday"),
    ],
)
def test_readable_time(stored, shown):
    assert checklist.readable_time(stored) == shown


def test_details_capped_for_huge_values():
    state = finished_state()
    state.seats = [
        SeatBinding(f"Recruiter {index}", f"recruiter{index}@acme.com", "2026-12-01") for index in range(200)
    ]
    item = result(state, "seats")
    assert item.status is Status.PASSED
    assert item.detail.startswith("200 seats, all marked as done in JazzHR: recruiter0@acme.com, recruiter1@acme.com")
    assert len(item.detail) == checklist.MAX_DETAIL_LENGTH
    assert item.detail.endswith("\u2026")

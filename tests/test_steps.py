"""The wizard's flow without Qt: every path, where it ends, and where it resumes."""

from __future__ import annotations

from typing import Callable

import pytest

from wizard.domain import steps
from wizard.domain.model import Company, Plan, SetupState, StepId
from wizard.domain.secret import fingerprint
from wizard.domain.steps import StepState

SECRET = "Wq7/Zr+e=Hk2LmNp"


def fill_plan(state: SetupState) -> None:
    state.plan = Plan.CORPORATE


def fill_contract(state: SetupState) -> None:
    state.contract_ids = ["123456", "654321"]


def fill_application(state: SetupState) -> None:
    state.company = Company(
        name="Acme Staffing",
        website="https://www.example.com",
        business_email="Hiring@Example.com",
        business_phone="+1 415-555-0132",
        logo_path="/home/jo/logo.png",
        logo_width=80,
        logo_height=48,
    )


def fill_credentials(state: SetupState) -> None:
    state.client_id = "77xYz0AbCdEfGh"
    state.secret_backend = "SecretService.Keyring"
    state.secret_fingerprint = fingerprint(SECRET)


def fill_email(state: SetupState) -> None:
    state.contact_name = "Jo Smith"
    state.contact_email = "Jo.Smith@Example.com"
    state.email_recipient = "Jo.Smith+csa@LinkedIn.example"
    state.email_sent_on = "2024-05-01"


def fill_approval(state: SetupState) -> None:
    state.approved_on = "2024-05-06"


def fill_sdk_domain(state: SetupState) -> None:
    state.sdk_domain_added = True
    state.sdk_domain_updated = True


def fill_jazzhr(state: SetupState) -> None:
    state.jazzhr_saved_on = "2024-05-07"


def fill_nothing(state: SetupState) -> None:
    pass


# What a user enters on each step, in the flow's order.
FILLERS: dict[StepId, Callable[[SetupState], None]] = {
    StepId.BEFORE_START: fill_plan,
    StepId.CONTRACT: fill_contract,
    StepId.APPLICATION: fill_application,
    StepId.CREDENTIALS: fill_credentials,
    StepId.ACTIVATION_EMAIL: fill_email,
    StepId.APPROVAL: fill_approval,
    StepId.SDK_DOMAIN: fill_sdk_domain,
    StepId.JAZZHR: fill_jazzhr,
    StepId.DONE: fill_nothing,
}


def completed_before(step_id: StepId, current: StepId | None = None) -> SetupState:
    """Return a state with every step before `step_id` filled in, saved on `current`."""
    state = SetupState()
    for earlier in steps.ORDER[: steps.index_of(step_id)]:
        FILLERS[earlier](state)
    state.current_step = current or step_id
    return state


def completed_state() -> SetupState:
    state = SetupState()
    for step_id in steps.ORDER:
        FILLERS[step_id](state)
    return state


# --- the table ---------------------------------------------------------------------------


def test_order_is_the_nine_steps() -> None:
    assert steps.ORDER == (
        StepId.BEFORE_START,
        StepId.CONTRACT,
        StepId.APPLICATION,
        StepId.CREDENTIALS,
        StepId.ACTIVATION_EMAIL,
        StepId.APPROVAL,
        StepId.SDK_DOMAIN,
        StepId.JAZZHR,
        StepId.DONE,
    )
    assert list(FILLERS) == list(steps.ORDER)


def test_titles_unique_and_set() -> None:
    titles = [steps.step(step_id).title for step_id in steps.ORDER]

    assert all(titles)
    assert len(set(titles)) == len(titles)


@pytest.mark.parametrize("step_id", [step_id for step_id in steps.ORDER if step_id is not StepId.DONE])
def test_empty_state_incomplete(step_id: StepId) -> None:
    problems = steps.missing(SetupState(), step_id)

    assert problems
    assert all(problem.endswith(".") for problem in problems)
    assert not steps.is_complete(SetupState(), step_id)


# --- walking the flow -------------------------------------------------------------------


def test_corporate_walk_reaches_done() -> None:
    state = SetupState()
    step_id: StepId | None = StepId.BEFORE_START
    visited = []

    while step_id is not None:
        visited.append(step_id)
        state.current_step = step_id
        if step_id is not StepId.DONE:
            assert not steps.is_complete(state, step_id), step_id
        FILLERS[step_id](state)
        assert steps.missing(state, step_id) == [], step_id
        step_id = steps.next_step(state, step_id)

    assert visited == list(steps.ORDER)
    assert steps.ends_flow(state, StepId.DONE)
    assert steps.furthest_reachable(state) is StepId.DONE
    assert steps.resume_step(state) is StepId.DONE


@pytest.mark.parametrize("step_id", steps.ORDER[:-1])
def test_next_step_follows_order(step_id: StepId) -> None:
    state = completed_state()

    following = steps.next_step(state, step_id)

    assert following is steps.ORDER[steps.index_of(step_id) + 1]
    assert not steps.ends_flow(state, step_id)


def test_lite_ends_flow() -> None:
    state = SetupState(plan=Plan.LITE)

    problems = steps.missing(state, StepId.BEFORE_START)

    assert steps.next_step(state, StepId.BEFORE_START) is None
    assert steps.ends_flow(state, StepId.BEFORE_START)
    assert problems == ["Recruiter Lite does not support the integration; the company needs Recruiter Corporate."]
    assert steps.furthest_reachable(state) is StepId.BEFORE_START


def test_lite_after_progress_resumes_at_plan() -> None:
    state = completed_state()
    state.plan = Plan.LITE
    state.current_step = StepId.JAZZHR

    assert steps.resume_step(state) is StepId.BEFORE_START
    assert steps.ends_flow(state, StepId.BEFORE_START)


def test_unsure_plan_blocks_next() -> None:
    state = SetupState(plan=Plan.UNSURE)

    problems = steps.missing(state, StepId.BEFORE_START)

    assert problems == ["Find out which Recruiter plan the company has, then choose Recruiter Corporate."]
    assert not steps.ends_flow(state, StepId.BEFORE_START)
    assert steps.resume_step(SetupState(plan=Plan.UNSURE, current_step=StepId.CONTRACT)) is StepId.BEFORE_START


def test_no_plan_chosen() -> None:
    assert steps.missing(SetupState(), StepId.BEFORE_START) == ["Choose the company's LinkedIn Recruiter plan."]


# --- what makes single steps complete ----------------------------------------------------


def test_contract_step_checks_values() -> None:
    state = completed_before(StepId.CONTRACT)
    state.contract_ids = ["123456", "12a456", "123456"]

    problems = steps.missing(state, StepId.CONTRACT)

    assert len(problems) == 2
    assert "'12a456' must contain digits only" in problems[0]
    assert "listed twice" in problems[1]


def test_application_step_lists_each_problem() -> None:
    state = completed_before(StepId.APPLICATION)
    fill_application(state)
    state.company.website = "http://intranet"
    state.company.business_phone = "555-0132"
    state.company.logo_width, state.company.logo_height = 200, 120

    problems = steps.missing(state, StepId.APPLICATION)

    assert len(problems) == 3
    assert problems[0].startswith("Website URL")
    assert problems[1].startswith("Business phone")
    assert "200\u00d7120" in problems[2]


def test_credentials_need_clean_client_id() -> None:
    state = completed_before(StepId.CREDENTIALS)
    fill_credentials(state)
    state.client_id = "77xYz0AbCdEfGh\n"

    problems = steps.missing(state, StepId.CREDENTIALS)

    assert len(problems) == 1
    assert "a line break at the end" in problems[0]


def test_credentials_need_saved_secret() -> None:
    state = completed_before(StepId.CREDENTIALS)
    state.client_id = "77xYz0AbCdEfGh"

    problems = steps.missing(state, StepId.CREDENTIALS)

    assert problems == ["Client Secret is missing. Paste it from the Auth tab of your LinkedIn app."]


def test_credentials_typed_secret_counts() -> None:
    state = completed_before(StepId.CREDENTIALS)
    state.client_id = "77xYz0AbCdEfGh"

    assert steps.missing_credentials(state, typed_secret=SECRET) == []


def test_credentials_typed_secret_checked() -> None:
    state = completed_before(StepId.CREDENTIALS)
    fill_credentials(state)

    problems = steps.missing_credentials(state, typed_secret=f" {SECRET}\r\n")

    assert len(problems) == 1
    assert "a space at the start and a Windows line break at the end" in problems[0]
    assert SECRET not in problems[0]


def test_email_step_needs_sent_date() -> None:
    state = completed_before(StepId.ACTIVATION_EMAIL)
    fill_email(state)
    state.email_sent_on = ""

    problems = steps.missing(state, StepId.ACTIVATION_EMAIL)

    assert problems == ["Send the activation email, then confirm that you sent it."]


def test_email_step_checks_addresses() -> None:
    state = completed_before(StepId.ACTIVATION_EMAIL)
    fill_email(state)
    state.email_recipient = ""
    state.contact_email = "jo@example"

    problems = steps.missing(state, StepId.ACTIVATION_EMAIL)

    assert len(problems) == 2
    assert problems[0].startswith("Contact email 'jo@example' is not a valid email address")
    assert problems[1] == "Recipient address is missing."


def test_sdk_domain_needs_both_confirmations() -> None:
    state = completed_before(StepId.SDK_DOMAIN)
    state.sdk_domain_added = True

    problems = steps.missing(state, StepId.SDK_DOMAIN)

    assert problems == ["Confirm that you clicked the blue Update button."]


# --- resuming ----------------------------------------------------------------------------


@pytest.mark.parametrize("step_id", steps.ORDER)
def test_resume_at_saved_incomplete_step(step_id: StepId) -> None:
    state = completed_before(step_id)

    assert steps.furthest_reachable(state) is step_id
    assert steps.resume_step(state) is step_id


@pytest.mark.parametrize("step_id", steps.ORDER)
def test_resume_never_beyond_incomplete(step_id: StepId) -> None:
    state = completed_before(step_id, current=StepId.DONE)

    assert steps.resume_step(state) is step_id


@pytest.mark.parametrize("step_id", steps.ORDER)
def test_resume_at_earlier_saved_step(step_id: StepId) -> None:
    state = completed_state()
    state.current_step = step_id

    assert steps.resume_step(state) is step_id


def test_resume_stops_at_gap() -> None:
    # Values changed on an earlier step after the user moved on: resume there.
    state = completed_state()
    state.current_step = StepId.JAZZHR
    state.company.website = ""

    assert steps.resume_step(state) is StepId.APPLICATION


# --- the step list -----------------------------------------------------------------------


def test_step_states_during_walk() -> None:
    state = completed_before(StepId.CREDENTIALS)
    state.step_completed_at = {step_id.value: "2024-05-01T09:00:00+00:00" for step_id in steps.ORDER[:3]}

    shown = {step_id: steps.step_state(state, step_id, StepId.CREDENTIALS) for step_id in steps.ORDER}

    assert shown[StepId.BEFORE_START] is StepState.DONE
    assert shown[StepId.APPLICATION] is StepState.DONE
    assert shown[StepId.CREDENTIALS] is StepState.CURRENT
    assert shown[StepId.ACTIVATION_EMAIL] is StepState.NOT_STARTED
    assert shown[StepId.DONE] is StepState.NOT_STARTED


def test_step_state_needs_attention() -> None:
    state = completed_before(StepId.CREDENTIALS)
    state.contract_ids = []

    shown = steps.step_state(state, StepId.CONTRACT, StepId.CREDENTIALS)

    assert shown is StepState.ATTENTION


def test_step_state_visited_later_step_incomplete() -> None:
    state = completed_before(StepId.CONTRACT)
    state.step_completed_at = {StepId.APPROVAL.value: "2024-05-06T09:00:00+00:00"}

    shown = steps.step_state(state, StepId.APPROVAL, StepId.CONTRACT)

    assert shown is StepState.ATTENTION

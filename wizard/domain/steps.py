"""The wizard's flow as data: step order, what makes each step complete, where it ends.

The UI reads this table; it never decides the order or completeness itself. A step is
complete when its required values are present and valid, so Next is enabled exactly
when `missing(state, step)` is empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Callable

from wizard.domain import validation
from wizard.domain.model import Plan, SetupState, StepId


class StepState(str, Enum):
    """The state of a step, as the step list shows it."""

    DONE = "done"
    CURRENT = "current"
    ATTENTION = "attention"
    NOT_STARTED = "not_started"


@dataclass(frozen=True)
class Step:
    """One step of the flow."""

    id: StepId
    title: str
    # Returns what is still missing or wrong on this step, as sentences for the user.
    missing: Callable[[SetupState], list[str]]


def _missing_plan(state: SetupState) -> list[str]:
    if state.plan is Plan.CORPORATE:
        return []
    if state.plan is Plan.LITE:
        return ["Recruiter Lite does not support the integration; the company needs Recruiter Corporate."]
    if state.plan is Plan.UNSURE:
        return ["Find out which Recruiter plan the company has, then choose Recruiter Corporate."]
    return ["Choose the company's LinkedIn Recruiter plan."]


def _missing_contract(state: SetupState) -> list[str]:
    problems = [
        checked.error
        for checked in (validation.check_contract_id(value) for value in state.contract_ids)
        if checked.error
    ]
    list_error = validation.check_contract_ids(state.contract_ids)
    if list_error:
        problems.append(list_error)
    return problems


def _missing_application(state: SetupState) -> list[str]:
    from wizard.domain.logo import logo_problem

    company = state.company
    checks = [
        validation.check_company_name(company.name),
        validation.check_website(company.website),
        validation.check_email(company.business_email, "Business email"),
        validation.check_phone(company.business_phone),
    ]
    problems = [checked.error for checked in checks if checked.error]
    logo = logo_problem(company)
    if logo:
        problems.append(logo)
    return problems


def _missing_credentials(state: SetupState) -> list[str]:
    return missing_credentials(state, typed_secret="")


def missing_credentials(state: SetupState, typed_secret: str) -> list[str]:
    """Return what is missing on the credentials step, given the secret typed in this run.

    A typed secret must pass its checks; without one, a secret saved earlier counts.
    """
    problems = []
    checked = validation.check_client_id(state.client_id)
    if checked.error:
        problems.append(checked.error)
    if typed_secret:
        secret_check = validation.check_secret(typed_secret)
        if secret_check.error:
            problems.append(secret_check.error)
    elif not state.secret_fingerprint:
        problems.append("Client Secret is missing. Paste it from the Auth tab of your LinkedIn app.")
    return problems


def _missing_email(state: SetupState) -> list[str]:
    problems = []
    for checked in (
        validation.check_person_name(state.contact_name, "Contact name"),
        validation.check_email(state.contact_email, "Contact email"),
        validation.check_email(state.email_recipient, "Recipient address"),
    ):
        if checked.error:
            problems.append(checked.error)
    if not state.email_sent_on:
        problems.append("Send the activation email, then confirm that you sent it.")
    return problems


def _missing_approval(state: SetupState) -> list[str]:
    if state.approved_on:
        return []
    return ["Record LinkedIn's approval when it arrives."]


def _missing_sdk_domain(state: SetupState) -> list[str]:
    problems = []
    if not state.sdk_domain_added:
        problems.append("Confirm that you added the SDK domain with Add.")
    if not state.sdk_domain_updated:
        problems.append("Confirm that you clicked the blue Update button.")
    return problems


def _missing_jazzhr(state: SetupState) -> list[str]:
    if state.jazzhr_saved_on:
        return []
    return ['Confirm that you clicked "Save Credentials" on the integrations page.']


def _missing_nothing(state: SetupState) -> list[str]:
    return []


STEPS: tuple[Step, ...] = (
    Step(StepId.BEFORE_START, "Before you start", _missing_plan),
    Step(StepId.CONTRACT, "Recruiter Contract ID", _missing_contract),
    Step(StepId.APPLICATION, "Create the LinkedIn app", _missing_application),
    Step(StepId.CREDENTIALS, "Client ID and Secret", _missing_credentials),
    Step(StepId.ACTIVATION_EMAIL, "Activation email", _missing_email),
    Step(StepId.APPROVAL, "Wait for LinkedIn", _missing_approval),
    Step(StepId.SDK_DOMAIN, "Valid SDK domain", _missing_sdk_domain),
    Step(StepId.JAZZHR, "Save in {ats}", _missing_jazzhr),
    Step(StepId.DONE, "Done", _missing_nothing),
)

_BY_ID = {step.id: step for step in STEPS}
ORDER: tuple[StepId, ...] = tuple(step.id for step in STEPS)


def step(step_id: StepId) -> Step:
    return _BY_ID[step_id]


def title(step_id: StepId, ats_name: str) -> str:
    """Return the step's title with the profile's applicant tracking system filled in."""
    return _BY_ID[step_id].title.replace("{ats}", ats_name)


def index_of(step_id: StepId) -> int:
    return ORDER.index(step_id)


def missing(state: SetupState, step_id: StepId) -> list[str]:
    return _BY_ID[step_id].missing(state)


def is_complete(state: SetupState, step_id: StepId) -> bool:
    return not missing(state, step_id)


def next_step(state: SetupState, step_id: StepId) -> StepId | None:
    """Return the step after `step_id`, or None where the flow ends.

    The flow ends on the last step, and on the plan step when the company has
    Recruiter Lite, which the integration does not support.
    """
    if step_id is StepId.BEFORE_START and state.plan is Plan.LITE:
        return None
    position = index_of(step_id)
    if position + 1 >= len(ORDER):
        return None
    return ORDER[position + 1]


def ends_flow(state: SetupState, step_id: StepId) -> bool:
    return next_step(state, step_id) is None


def furthest_reachable(state: SetupState) -> StepId:
    """Return the first step that is not complete, or the last step."""
    for step_id in ORDER:
        if not is_complete(state, step_id) or next_step(state, step_id) is None:
            return step_id
    return ORDER[-1]


def resume_step(state: SetupState) -> StepId:
    """Return where the program reopens: the saved step, if every step before it is complete."""
    limit = index_of(furthest_reachable(state))
    saved = index_of(state.current_step)
    return ORDER[min(saved, limit)]


def step_state(state: SetupState, step_id: StepId, current: StepId) -> StepState:
    if step_id is current:
        return StepState.CURRENT
    complete = is_complete(state, step_id)
    visited = step_id.value in state.step_completed_at
    if complete and (visited or index_of(step_id) < index_of(current)):
        return StepState.DONE
    if visited or index_of(step_id) < index_of(current):
        return StepState.ATTENTION
    return StepState.NOT_STARTED

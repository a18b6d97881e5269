"""The setup checklist: every check as data, evaluated by pure functions.

Each check has a stable id, which support reports store and the command line prints, a
group, a title and a function. The function turns a `SetupState` plus `Facts` into a
status, a one-line detail naming the value concerned, and a fix target. A fix target is
a `StepId` value (the wizard step that fixes the problem), `FIX_SEATS` for the seat
pane, or "" for information items that need no fix.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from typing import Callable, Iterable

from wizard.domain import steps, validation
from wizard.domain.credential_test import Outcome, is_stale, outcome_title
from wizard.domain.logo import MAX_LOGO_SIDE, fits
from wizard.domain.model import Plan, SetupState, StepId
from wizard.domain.seats import seat_warnings

FIX_SEATS = "seats"

# The values typed into LinkedIn's "create app" form; the program cannot read them back.
APPLICATION_NAME = "Cross System Awareness"
APPLICATION_USE = "Jobs and Recruiting"

# Details quote stored values, which a hand-edited settings file or report can make huge.
MAX_DETAIL_LENGTH = 400

# `len:hex` as written by wizard.domain.secret.fingerprint.
FINGERPRINT_PATTERN = re.compile(r"^[0-9]{1,4}:[0-9a-f]{12}$")

# validation.check_secret warns about secrets shorter than this.
_SHORT_SECRET_LENGTH = 12


class Status(str, Enum):
    """The verdict of one check. The values are stored in reports and printed as JSON."""

    PASSED = "passed"
    WARNING = "warning"
    FAILED = "failed"
    NOT_DONE = "not_done"
    INFO = "info"


STATUS_WORDS = {
    Status.PASSED: "passed",
    Status.WARNING: "warning",
    Status.FAILED: "failed",
    Status.NOT_DONE: "not done",
    Status.INFO: "info",
}

PROBLEM_STATUSES = frozenset({Status.FAILED, Status.WARNING, Status.NOT_DONE})


class Group(str, Enum):
    """The sections of the checklist, in display order. The values are stable ids."""

    RECRUITER = "recruiter"
    APPLICATION = "application"
    CREDENTIALS = "credentials"
    ACTIVATION = "activation"
    CONNECTION = "connection"
    SEATS = "seats"
    GOOD_TO_KNOW = "good_to_know"


# "{ats}" is replaced by the profile's ATS name.
_GROUP_TITLES = {
    Group.RECRUITER: "LinkedIn Recruiter",
    Group.APPLICATION: "LinkedIn app",
    Group.CREDENTIALS: "Client ID and Client Secret",
    Group.ACTIVATION: "Activation by LinkedIn",
    Group.CONNECTION: "SDK domain and {ats}",
    Group.SEATS: "Recruiter seats",
    Group.GOOD_TO_KNOW: "Good to know",
}


@dataclass(frozen=True)
class Facts:
    """Facts the checks need beyond the saved setup.

    `keychain_usable` is None when the keychain was not queried. `keychain_fingerprint` is
    None when the secret was not read, "" when the keychain had no secret for the
    profile, and otherwise the fingerprint of the secret it holds. `keychain_error` is
    the message of a failed keychain read.
    """

    ats_name: str
    sdk_domain: str
    keychain_usable: bool | None = None
    keychain_fingerprint: str | None = None
    keychain_error: str = ""


@dataclass(frozen=True)
class Verdict:
    """A check function's result; `fix`, when set, overrides the check's usual fix target."""

    status: Status
    detail: str
    fix: str | None = None


@dataclass(frozen=True)
class Check:
    """One check: stable id, group, title, usual fix target and its function."""

    id: str
    group: Group
    title: str
    fix: str
    evaluate: Callable[[SetupState, Facts], Verdict]


@dataclass(frozen=True)
class CheckResult:
    """One evaluated check, ready to show, print or store in a report."""

    id: str
    group: str
    group_title: str
    title: str
    status: Status
    detail: str
    fix: str

    @property
    def is_problem(self) -> bool:
        return self.status in PROBLEM_STATUSES

    def to_dict(self) -> dict[str, str]:
        return {
            "id": self.id,
            "group": self.group,
            "group_title": self.group_title,
            "title": self.title,
            "status": self.status.value,
            "detail": self.detail,
            "fix": self.fix,
        }


# --- helpers ----------------------------------------------------------------------------


def readable_time(text: str) -> str:
    """Return an ISO 8601 date or time as "2024-05-01" or "2024-05-01 14:03 UTC"; other text unchanged."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    if len(text) <= len("2024-05-01"):
        return moment.date().isoformat()
    if moment.tzinfo is not None and moment.utcoffset() == dt.timedelta(0):
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M")


# --- LinkedIn Recruiter ---------------------------------------------------------------


def _check_plan(state: SetupState, facts: Facts) -> Verdict:
    if state.plan is Plan.CORPORATE:
        return Verdict(Status.PASSED, "Recruiter Corporate, the plan the integration needs.")
    if state.plan is Plan.LITE:
        return Verdict(Status.FAILED, "Recruiter Lite cannot use the integration; the company needs Recruiter Corporate.")
    if state.plan is Plan.UNSURE:
        return Verdict(Status.WARNING, "Plan not confirmed yet; the integration needs Recruiter Corporate.")
    return Verdict(Status.NOT_DONE, "No Recruiter plan chosen yet.")


def _check_contract_ids(state: SetupState, facts: Facts) -> Verdict:
    if not [value for value in state.contract_ids if value]:
        return Verdict(Status.NOT_DONE, "No Recruiter Contract ID entered yet.")
    for value in state.contract_ids:
        checked = validation.check_contract_id(value)
        if checked.error:
            return Verdict(Status.FAILED, checked.error)
        if checked.value != value:
            return Verdict(
                Status.FAILED,
                f"Contract ID {value!r} is stored with extra characters; it should be {checked.value}.",
            )
    list_error = validation.check_contract_ids(state.contract_ids)
    if list_error:
        return Verdict(Status.FAILED, list_error)
    label = "Contract ID" if len(state.contract_ids) == 1 else "Contract IDs"
    return Verdict(Status.PASSED, f"{label} {', '.join(state.contract_ids)}.")


# --- LinkedIn app ---------------------------------------------------------------------


def _check_application_name_use(state: SetupState, facts: Facts) -> Verdict:
    values = f"name and description {APPLICATION_NAME!r}, use {APPLICATION_USE!r}"
    completed = state.step_completed_at.get(StepId.APPLICATION.value, "")
    if completed:
        return Verdict(Status.PASSED, f"App created on {readable_time(completed)} with {values}.")
    return Verdict(Status.NOT_DONE, f"App not created yet; it needs {values}.")


def _checked_value(checked: validation.Checked, empty_detail: str, passed_detail: str) -> Verdict:
    if not checked.value:
        return Verdict(Status.NOT_DONE, empty_detail)
    if checked.error:
        return Verdict(Status.FAILED, checked.error)
    if checked.warning:
        return Verdict(Status.WARNING, checked.warning)
    return Verdict(Status.PASSED, passed_detail)


def _check_company_name(state: SetupState, facts: Facts) -> Verdict:
    name = state.company.name
    return _checked_value(validation.check_company_name(name), "Company name not entered yet.", name)


def _check_website(state: SetupState, facts: Facts) -> Verdict:
    website = state.company.website
    if not website.strip():
        return Verdict(Status.NOT_DONE, "Website URL not entered yet.")
    checked = validation.check_website(website)
    return _checked_value(checked, "Website URL not entered yet.", checked.value)


def _check_business_email(state: SetupState, facts: Facts) -> Verdict:
    email = state.company.business_email
    if not email:
        return Verdict(Status.NOT_DONE, "Business email not entered yet.")
    return _checked_value(validation.check_email(email, "Business email"), "Business email not entered yet.", email)


def _check_business_phone(state: SetupState, facts: Facts) -> Verdict:
    phone = state.company.business_phone
    if not phone.strip():
        return Verdict(Status.NOT_DONE, "Business phone not entered yet.")
    checked = validation.check_phone(phone)
    return _checked_value(checked, "Business phone not entered yet.", checked.value)


def _check_logo(state: SetupState, facts: Facts) -> Verdict:
    company = state.company
    if not company.logo_path:
        return Verdict(Status.NOT_DONE, "No logo chosen yet.")
    if company.logo_width <= 0 or company.logo_height <= 0:
        return Verdict(Status.FAILED, f"Logo {company.logo_path} could not be read as an image; choose a PNG or JPEG file.")
    size = f"{company.logo_width}\u00d7{company.logo_height} pixels"
    if not fits(company.logo_width, company.logo_height):
        return Verdict(
            Status.FAILED,
            f"Logo {company.logo_path} is {size}; LinkedIn takes at most {MAX_LOGO_SIDE}\u00d7{MAX_LOGO_SIDE}.",
        )
    return Verdict(Status.PASSED, f"Logo {company.logo_path}, {size}.")


# --- Client ID and Client Secret -------------------------------------------------------


def _check_client_id(state: SetupState, facts: Facts) -> Verdict:
    client_id = state.client_id
    if not client_id:
        return Verdict(Status.NOT_DONE, "Client ID not entered yet.")
    checked = validation.check_client_id(client_id)
    if checked.error:
        return Verdict(Status.FAILED, checked.error)
    if checked.warning:
        return Verdict(Status.WARNING, f"Client ID {client_id}: {checked.warning}")
    return Verdict(Status.PASSED, f"Client ID {client_id}.")


def _check_secret_keychain(state: SetupState, facts: Facts) -> Verdict:
    backend = state.secret_backend
    if not backend:
        if state.secret_fingerprint:
            return Verdict(
                Status.WARNING,
                "Client Secret was kept in memory for one run only; enter it again so it is saved in the keychain.",
            )
        return Verdict(Status.NOT_DONE, "Client Secret not saved in the keychain yet.")
    if facts.keychain_error:
        return Verdict(Status.FAILED, f"Keychain {backend} could not be read: {facts.keychain_error}")
    if facts.keychain_fingerprint == "":
        return Verdict(Status.FAILED, f"Keychain {backend} has no Client Secret for this profile; enter it again.")
    if facts.keychain_fingerprint is not None and facts.keychain_fingerprint != state.secret_fingerprint:
        return Verdict(
            Status.FAILED,
            f"The keychain holds a different Client Secret (fingerprint {facts.keychain_fingerprint}) "
            f"than the one saved with this setup ({state.secret_fingerprint or 'none'}); enter it again.",
        )
    if facts.keychain_usable is False:
        return Verdict(
            Status.WARNING,
            f"Client Secret was saved in keychain {backend}, but no usable keychain was found now.",
        )
    if facts.keychain_fingerprint is not None:
        return Verdict(Status.PASSED, f"Client Secret found in keychain {backend}, fingerprint {facts.keychain_fingerprint}.")
    return Verdict(
        Status.PASSED,
        f"Client Secret saved in keychain {backend}; run the live checks to confirm it is still there.",
    )


def _check_secret_clean(state: SetupState, facts: Facts) -> Verdict:
    fingerprint = state.secret_fingerprint
    if not fingerprint:
        return Verdict(Status.NOT_DONE, "No Client Secret saved yet.")
    if not FINGERPRINT_PATTERN.match(fingerprint):
        return Verdict(
            Status.FAILED,
            f"The saved secret fingerprint {fingerprint!r} is not in the form length:12 hex digits; enter the secret again.",
        )
    length = int(fingerprint.split(":", 1)[0])
    if length < _SHORT_SECRET_LENGTH:
        return Verdict(
            Status.WARNING,
            f"The saved Client Secret has only {length} characters (fingerprint {fingerprint}); check that the whole secret was copied.",
        )
    return Verdict(
        Status.PASSED,
        f"Saved without spaces or line breaks: {length} characters, fingerprint {fingerprint}.",
    )


# --- activation -------------------------------------------------------------------------


def _check_activation_email(state: SetupState, facts: Facts) -> Verdict:
    if state.email_sent_on:
        recipient = f" to {state.email_recipient}" if state.email_recipient else ""
        return Verdict(Status.PASSED, f"Sent on {readable_time(state.email_sent_on)}{recipient}.")
    return Verdict(Status.NOT_DONE, "Activation email not sent yet.")


def _check_approval(state: SetupState, facts: Facts) -> Verdict:
    if state.approved_on:
        return Verdict(Status.PASSED, f"LinkedIn approved on {readable_time(state.approved_on)}.")
    if state.last_test.outcome == Outcome.ACCEPTED.value and not is_stale(state):
        return Verdict(
            Status.WARNING,
            "The credential test was accepted, so LinkedIn seems to have enabled the app; record the approval.",
        )
    if state.email_sent_on:
        return Verdict(Status.NOT_DONE, f"Waiting for LinkedIn since {readable_time(state.email_sent_on)}.")
    return Verdict(Status.NOT_DONE, "Send the activation email first.", StepId.ACTIVATION_EMAIL.value)


# --- SDK domain and the ATS ---------------------------------------------------------------


def _check_sdk_domain(state: SetupState, facts: Facts) -> Verdict:
    domain = facts.sdk_domain or "the SDK domain"
    if state.sdk_domain_added and state.sdk_domain_updated:
        return Verdict(Status.PASSED, f"{domain} added and saved with Update.")
    if state.sdk_domain_added:
        return Verdict(
            Status.WARNING,
            f"{domain} added, but the blue Update button is not confirmed; without it LinkedIn does not keep the domain.",
        )
    if state.sdk_domain_updated:
        return Verdict(Status.WARNING, f"Update is confirmed, but adding {domain} with Add is not.")
    return Verdict(Status.NOT_DONE, f"{domain} not added to Valid SDK Domains yet.")


def _check_ats_saved(state: SetupState, facts: Facts) -> Verdict:
    if state.jazzhr_saved_on:
        return Verdict(Status.PASSED, f"Save Credentials confirmed on {readable_time(state.jazzhr_saved_on)}.")
    return Verdict(Status.NOT_DONE, f"Contract ID, Client ID and Client Secret not saved in {facts.ats_name} yet.")


# Network and service outcomes are warnings, because they do not show whether the credentials are right.
_OUTCOME_STATUSES: dict[Outcome, Status] = {
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


def _check_credential_test(state: SetupState, facts: Facts) -> Verdict:
    record = state.last_test
    if not record.outcome:
        return Verdict(Status.NOT_DONE, "No credential test run yet.")
    when = readable_time(record.tested_at) if record.tested_at else "an unknown time"
    try:
        outcome = Outcome(record.outcome)
    except ValueError:
        return Verdict(Status.WARNING, f"Test on {when} ended with the unknown outcome {record.outcome!r}; run it again.")
    title = outcome_title(outcome.value)
    if is_stale(state):
        return Verdict(
            Status.WARNING,
            f"Test on {when} ({title}) checked another Client ID or Client Secret than the ones saved now; run it again.",
        )
    status = _OUTCOME_STATUSES[outcome]
    facts_tested = [part for part in (record.detail, f"proxy {record.proxy_host}" if record.proxy_host else "") if part]
    detail = f"Test on {when}: {title}" + (f" ({', '.join(facts_tested)})" if facts_tested else "") + "."
    if outcome is Outcome.NOT_ENABLED:
        detail += " This is usual until LinkedIn enables the integration."
    fix = StepId.CREDENTIALS.value if status is Status.FAILED else None
    return Verdict(status, detail, fix)


# --- seats ------------------------------------------------------------------------------


def _check_seats(state: SetupState, facts: Facts) -> Verdict:
    if not state.seats:
        return Verdict(Status.NOT_DONE, "No recruiter has connected a LinkedIn Recruiter seat on this computer yet.")
    for seat in state.seats:
        label = f"Seat email of {seat.name}" if seat.name else "Seat email"
        checked = validation.check_email(seat.email, label)
        if checked.error:
            return Verdict(Status.FAILED, checked.error)
        if checked.value != seat.email:
            return Verdict(Status.FAILED, f"{label} {seat.email!r} is stored with extra characters around it.")
    warnings = seat_warnings(state)
    if warnings:
        return Verdict(Status.WARNING, " ".join(warnings))
    emails = ", ".join(seat.email for seat in state.seats)
    count = "1 seat" if len(state.seats) == 1 else f"{len(state.seats)} seats"
    unfinished = [seat.name or seat.email for seat in state.seats if not seat.completed_on]
    if unfinished:
        return Verdict(
            Status.WARNING,
            f"{count}: {emails}. Not yet marked as done in {facts.ats_name}: {', '.join(unfinished)}; "
            "finish the steps shown in the seat pane.",
        )
    return Verdict(Status.PASSED, f"{count}, all marked as done in {facts.ats_name}: {emails}")


# --- good to know -----------------------------------------------------------------------


def _info(detail: str) -> Callable[[SetupState, Facts], Verdict]:
    def evaluate(state: SetupState, facts: Facts) -> Verdict:
        return Verdict(Status.INFO, detail.format(ats=facts.ats_name))

    return evaluate


CHECKS: tuple[Check, ...] = (
    Check("plan", Group.RECRUITER, "Recruiter plan", StepId.BEFORE_START.value, _check_plan),
    Check("contract_ids", Group.RECRUITER, "Recruiter Contract IDs", StepId.CONTRACT.value, _check_contract_ids),
    Check("application_name_use", Group.APPLICATION, "App name, description and use", StepId.APPLICATION.value, _check_application_name_use),
    Check("company_name", Group.APPLICATION, "Company name", StepId.APPLICATION.value, _check_company_name),
    Check("website", Group.APPLICATION, "Website URL", StepId.APPLICATION.value, _check_website),
    Check("business_email", Group.APPLICATION, "Business email", StepId.APPLICATION.value, _check_business_email),
    Check("business_phone", Group.APPLICATION, "Business phone", StepId.APPLICATION.value, _check_business_phone),
    Check("logo", Group.APPLICATION, "App logo size", StepId.APPLICATION.value, _check_logo),
    Check("client_id", Group.CREDENTIALS, "Client ID", StepId.CREDENTIALS.value, _check_client_id),
    Check("secret_keychain", Group.CREDENTIALS, "Client Secret in the keychain", StepId.CREDENTIALS.value, _check_secret_keychain),
    Check("secret_clean", Group.CREDENTIALS, "Client Secret pasted cleanly", StepId.CREDENTIALS.value, _check_secret_clean),
    Check("activation_email", Group.ACTIVATION, "Activation email sent", StepId.ACTIVATION_EMAIL.value, _check_activation_email),
    Check("approval", Group.ACTIVATION, "Approved by LinkedIn", StepId.APPROVAL.value, _check_approval),
    Check("sdk_domain", Group.CONNECTION, "Valid SDK domain added and updated", StepId.SDK_DOMAIN.value, _check_sdk_domain),
    Check("ats_saved", Group.CONNECTION, "Credentials saved in {ats}", StepId.JAZZHR.value, _check_ats_saved),
    Check("credential_test", Group.CONNECTION, "Last credential test", StepId.JAZZHR.value, _check_credential_test),
    Check("seats", Group.SEATS, "Seat bindings", FIX_SEATS, _check_seats),
    Check(
        "info_same_window",
        Group.GOOD_TO_KNOW,
        "One browser window for both",
        "",
        _info(
            "LinkedIn profiles appear in {ats} only while you are signed in to both, with both open "
            "in the same browser window."
        ),
    ),
    Check(
        "info_inmail_interval",
        Group.GOOD_TO_KNOW,
        "InMail delay",
        "",
        _info("LinkedIn lets {ats} fetch InMail at most once every 15 minutes, so a new message can take that long to show."),
    ),
    Check(
        "info_profile_match",
        Group.GOOD_TO_KNOW,
        "Candidate matching",
        "",
        _info(
            "LinkedIn matches a candidate by first and last name and by email where known, not by the "
            "public profile URL. Pick the right person once and {ats} keeps that link."
        ),
    ),
)

CHECK_IDS: tuple[str, ...] = tuple(check.id for check in CHECKS)


def evaluate(state: SetupState, facts: Facts) -> list[CheckResult]:
    """Evaluate every check in display order."""
    results = []
    for check in CHECKS:
        verdict = check.evaluate(state, facts)
        detail = verdict.detail
        if len(detail) > MAX_DETAIL_LENGTH:
            detail = detail[: MAX_DETAIL_LENGTH - 1] + "\u2026"
        results.append(
            CheckResult(
                id=check.id,
                group=check.group.value,
                group_title=_GROUP_TITLES[check.group].format(ats=facts.ats_name),
                title=check.title.format(ats=facts.ats_name),
                status=verdict.status,
                detail=detail,
                fix=check.fix if verdict.fix is None else verdict.fix,
            )
        )
    return results


def has_failures(results: Iterable[CheckResult]) -> bool:
    return any(result.status is Status.FAILED for result in results)


def count_statuses(results: Iterable[CheckResult]) -> dict[Status, int]:
    """Count the results per status; every status is present, possibly with 0."""
    counts = {status: 0 for status in Status}
    for result in results:
        counts[result.status] += 1
    return counts


def counts_line(results: Iterable[CheckResult]) -> str:
    """Return a line such as "1 failed, 2 warnings, 3 not done, 10 passed, 3 info"."""
    counts = count_statuses(results)
    parts = [
        f"{counts[Status.FAILED]} failed",
        f"{counts[Status.WARNING]} warning" + ("" if counts[Status.WARNING] == 1 else "s"),
        f"{counts[Status.NOT_DONE]} not done",
        f"{counts[Status.PASSED]} passed",
        f"{counts[Status.INFO]} info",
    ]
    return ", ".join(parts)


def fix_label(target: str, ats_name: str = "JazzHR") -> str:
    """Name a fix target for people: the wizard step's title, or the seat pane."""
    if target == FIX_SEATS:
        return "seat pane"
    try:
        return f"step \u201c{steps.title(StepId(target), ats_name)}\u201d"
    except ValueError:
        return target


def summary_text(results: list[CheckResult], heading: str = "", problems_only: bool = False) -> str:
    """Format results as aligned plain text, grouped, for a terminal or a support ticket.

    Each line reads status, title, detail, and for problems the place that fixes them.
    """
    shown = [result for result in results if result.is_problem or not problems_only]
    status_width = max(len(word) for word in STATUS_WORDS.values())
    title_width = max((len(result.title) for result in shown), default=0)
    lines = []
    if heading:
        lines.append(heading)
    lines.append(f"Checklist: {counts_line(results)}")
    group = None
    for result in shown:
        if result.group != group:
            group = result.group
            lines.append("")
            lines.append(result.group_title)
        line = f"  {STATUS_WORDS[result.status]:<{status_width}}  {result.title:<{title_width}}  {result.detail}"
        if result.is_problem and result.fix:
            line += f" (fix: {fix_label(result.fix)})"
        lines.append(line)
    if problems_only and not shown:
        lines.append("")
        lines.append("No problems found.")
    return "\n".join(lines) + "\n"

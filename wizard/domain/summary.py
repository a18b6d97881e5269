"""The summary the last step shows: what is done and what is left."""

from __future__ import annotations

from wizard.domain import steps
from wizard.domain.credential_test import Outcome, is_stale
from wizard.domain.model import SetupState, StepId


def credential_test_line(state: SetupState) -> str:
    record = state.last_test
    if not record.outcome:
        return "Credentials: not tested yet."
    when = record.tested_at[:16].replace("T", " ")
    if is_stale(state):
        return f"Credentials: the last test ({when} UTC) tested other values than the saved ones; test again."
    if record.outcome == Outcome.ACCEPTED.value:
        return f"Credentials: accepted by LinkedIn on {when} UTC."
    return f"Credentials: last test on {when} UTC did not pass ({record.outcome.replace('_', ' ')})."


def summary_text(state: SetupState, ats_name: str = "JazzHR") -> str:
    """Return one line per step, "Done" or "Left" with the first thing missing."""
    lines = [f"Company: {state.company.name or '(not entered yet)'}"]
    for step in steps.STEPS:
        if step.id is StepId.DONE:
            continue
        problems = steps.missing(state, step.id)
        if problems:
            lines.append(f"Left: {steps.title(step.id, ats_name)} \u2014 {problems[0]}")
        else:
            lines.append(f"Done: {steps.title(step.id, ats_name)}")
    lines.append(credential_test_line(state))
    seats = len(state.seats)
    lines.append(f"Recruiter seats connected on this computer: {seats}." if seats else "Recruiter seats: none connected on this computer yet.")
    return "\n".join(lines)

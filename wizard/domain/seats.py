"""Seat bindings: the rules for each recruiter's LinkedIn Recruiter seat email.

A recruiter connects their JazzHR user to their seat by entering, in JazzHR, the email
they log in to LinkedIn with. The integration compares that email case sensitively, so
the email is stored exactly as typed: letter case is never changed, and characters left
over from copying are reported but removed only when the user asks (`clean_email`).

The functions here check and change `SetupState.seats`. The UI calls them and then saves
the state; nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from wizard.domain import validation
from wizard.domain.model import SeatBinding, SetupState, today

NAME_FIELD = "Name"
EMAIL_FIELD = "LinkedIn login email"


@dataclass(frozen=True)
class SeatCheck:
    """The result of checking one binding's name and email before it is stored.

    `name` and `email` are the values to store. The name has its runs of spaces
    collapsed and the email is exactly as typed. `cleanable` is true when the email
    contains spaces or invisible characters that `clean_email` would remove.
    """

    name: str
    email: str
    name_error: str = ""
    email_error: str = ""
    name_notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    cleanable: bool = False

    @property
    def ok(self) -> bool:
        return not self.name_error and not self.email_error

    @property
    def errors(self) -> tuple[str, ...]:
        return tuple(error for error in (self.name_error, self.email_error) if error)

    def binding(self, completed_on: str = "") -> SeatBinding:
        return SeatBinding(name=self.name, email=self.email, completed_on=completed_on)


class SeatError(ValueError):
    """A binding that cannot be stored. The message names the field and the fix."""

    def __init__(self, check: SeatCheck) -> None:
        super().__init__(" ".join(check.errors))
        self.check = check


def clean_email(text: str) -> str:
    """Return the email without the spaces and invisible characters `check_seat` reports.

    Letter case and every other character are kept.
    """
    return validation.remove_paste_problems(text)


def describe_stray_characters(text: str) -> str:
    """Return what `clean_email` would remove, such as "a non-breaking space at the end", or ""."""
    findings = validation.find_paste_problems(text)
    return validation.describe_paste_problems(findings) if findings else ""


def check_seat(state: SetupState, name: str, email: str, editing: int | None = None) -> SeatCheck:
    """Check a binding against the rules and against the other bindings in `state`.

    `editing` is the index of the binding being changed, which is not compared with
    itself. An email that another binding already has, letter for letter, is an error.
    An email that differs from another only in letter case is a warning, because one
    person may hold two addresses that differ only in case, but usually one of them
    was mistyped.
    """
    name_check = validation.check_person_name(name, NAME_FIELD)
    name_notes: tuple[str, ...] = ()
    if name_check.value and name_check.value != name:
        name_notes = ("Removed extra spaces from the name.",)

    email_error, cleanable = _email_problem(email)
    warnings: list[str] = []
    if not email_error:
        for index, other in enumerate(state.seats):
            if index == editing:
                continue
            if other.email == email:
                email_error = (
                    f"{EMAIL_FIELD} {email} is already bound to {_display_name(other, index)}. "
                    "Each email can be bound once; edit that binding instead."
                )
                break
            if other.email.casefold() == email.casefold():
                warnings.append(_case_warning(name_check.value or name, email, other, index))

    return SeatCheck(
        name=name_check.value,
        email=email,
        name_error=name_check.error,
        email_error=email_error,
        name_notes=name_notes,
        warnings=tuple(warnings),
        cleanable=cleanable,
    )


def _email_problem(email: str) -> tuple[str, bool]:
    """Return the error for an email on its own, and whether `clean_email` would help."""
    if not email:
        return f"{EMAIL_FIELD} is missing. Type the email you log in to LinkedIn with.", False
    findings = validation.find_paste_problems(email)
    if findings:
        return (
            f"{EMAIL_FIELD} contains {validation.describe_paste_problems(findings)}. "
            "Such characters usually come from copying and make the email differ from your "
            "LinkedIn login. Remove them, or type the email again.",
            True,
        )
    checked = validation.check_email(email, EMAIL_FIELD)
    return checked.error, False


def _display_name(binding: SeatBinding, index: int) -> str:
    return binding.name or f"binding {index + 1}"


def _case_warning(name: str, email: str, other: SeatBinding, other_index: int) -> str:
    return (
        f"The emails of {name} ({email}) and {_display_name(other, other_index)} ({other.email}) "
        "differ only in letter case. The integration treats the email as case sensitive, "
        "so only the one typed exactly as the LinkedIn login works. Keep that one and "
        "remove or correct the other."
    )


# --- changes to the list ----------------------------------------------------------------


def add_seat(state: SetupState, name: str, email: str) -> SeatCheck:
    """Append a binding and return its check. Raises SeatError when the check fails."""
    check = check_seat(state, name, email)
    if not check.ok:
        raise SeatError(check)
    state.seats.append(check.binding())
    return check


def edit_seat(state: SetupState, index: int, name: str, email: str) -> SeatCheck:
    """Replace the name and email of binding `index`. Raises SeatError when the check fails.

    A changed email clears the completion date, because JazzHR still stores the old email
    until the recruiter enters the new one there.
    """
    current = state.seats[index]
    check = check_seat(state, name, email, editing=index)
    if not check.ok:
        raise SeatError(check)
    completed_on = current.completed_on if check.email == current.email else ""
    state.seats[index] = check.binding(completed_on)
    return check


def remove_seat(state: SetupState, index: int) -> SeatBinding:
    """Remove binding `index` and return it, so the caller can offer to restore it."""
    return state.seats.pop(index)


def restore_seat(state: SetupState, index: int, binding: SeatBinding) -> int:
    """Insert a removed binding again at `index` (or at the end) and return where it went.

    Raises SeatError when an identical email was bound since the removal.
    """
    check = check_seat(state, binding.name, binding.email)
    if not check.ok:
        raise SeatError(check)
    position = min(max(index, 0), len(state.seats))
    state.seats.insert(position, SeatBinding(binding.name, binding.email, binding.completed_on))
    return position


def mark_completed(state: SetupState, index: int, day: str | None = None) -> None:
    """Record that binding `index` was entered in JazzHR, on `day` (ISO date) or today."""
    state.seats[index].completed_on = day or today()


def clear_completed(state: SetupState, index: int) -> None:
    state.seats[index].completed_on = ""


def find_seat(state: SetupState, email: str) -> int | None:
    """Return the index of the binding with exactly this email, or None."""
    for index, binding in enumerate(state.seats):
        if binding.email == email:
            return index
    return None


# --- the whole list ---------------------------------------------------------------------


def seat_warnings(state: SetupState) -> list[str]:
    """List the problems of the stored bindings, one sentence each, for the checklist.

    Covers a missing or invalid name or email (a settings file edited by hand or an old
    report), the same email bound twice, and emails that differ only in letter case. An
    empty list of bindings gives no warnings; whether any binding exists is the caller's
    check.
    """
    warnings: list[str] = []
    for index, binding in enumerate(state.seats):
        display_name = _display_name(binding, index)
        name_error = validation.check_person_name(binding.name, NAME_FIELD).error
        if name_error:
            warnings.append(f"Binding {index + 1} ({binding.email or 'no email'}): {name_error}")
        email_error, _ = _email_problem(binding.email)
        if email_error:
            warnings.append(f"Binding of {display_name}: {email_error}")

    for index, binding in enumerate(state.seats):
        if not binding.email:
            continue
        for other_index in range(index + 1, len(state.seats)):
            other = state.seats[other_index]
            if other.email == binding.email:
                warnings.append(
                    f"{_display_name(binding, index)} and {_display_name(other, other_index)} are both bound to "
                    f"{binding.email}. Remove one of the two bindings."
                )
            elif other.email.casefold() == binding.email.casefold():
                warnings.append(_case_warning(_display_name(binding, index), binding.email, other, other_index))
    return warnings


def unfinished_seats(state: SetupState) -> list[SeatBinding]:
    """Return the bindings not yet marked as entered in JazzHR."""
    return [binding for binding in state.seats if not binding.completed_on]


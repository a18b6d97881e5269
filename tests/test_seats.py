"""Seat binding rules: checks, changes to the list and warnings for the checklist."""

from __future__ import annotations

import datetime as dt

import pytest

from wizard.domain import seats
from wizard.domain.model import SeatBinding, SetupState


def state_with(*bindings: tuple[str, str]) -> SetupState:
    return SetupState(seats=[SeatBinding(name, email) for name, email in bindings])


# --- check_seat -------------------------------------------------------------------------


def test_check_keeps_email_case() -> None:
    check = seats.check_seat(SetupState(), "Jo Smith", "Jo.Smith@Example.com")

    assert check.ok
    assert check.email == "Jo.Smith@Example.com"
    assert check.warnings == ()


def test_check_collapses_name_spaces() -> None:
    check = seats.check_seat(SetupState(), "  Jo   Smith ", "jo@example.com")

    assert check.name == "Jo Smith"
    assert check.name_notes == ("Removed extra spaces from the name.",)


@pytest.mark.parametrize(
    ("name", "email", "field", "expected"),
    [
        ("", "jo@example.com", "name_error", "Name is missing."),
        ("Jo", "", "email_error", "LinkedIn login email is missing."),
        ("Jo", "jo@localhost", "email_error", "is not a valid email address"),
        ("Jo", "jo.example.com", "email_error", "is not a valid email address"),
        ("J" * 101, "jo@example.com", "name_error", "101 characters long"),
    ],
)
def test_check_rejects_invalid_values(name: str, email: str, field: str, expected: str) -> None:
    check = seats.check_seat(SetupState(), name, email)

    assert not check.ok
    assert expected in getattr(check, field)


def test_check_reports_trailing_nbsp() -> None:
    check = seats.check_seat(SetupState(), "Jo", "jo@example.com\u00a0")

    assert not check.ok
    assert check.cleanable
    assert "a non-breaking space at the end" in check.email_error
    # Reported, not silently removed: the email is still the typed text.
    assert check.email == "jo@example.com\u00a0"


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [
        ("jo@example.com\u00a0", "jo@example.com"),
        (" Jo@Example.com ", "Jo@Example.com"),
        ("\ufeffjo@example.com\u200b", "jo@example.com"),
        ("jo@exam\u200bple.com\r\n", "jo@example.com"),
    ],
)
def test_clean_email_removes_only_unwanted(typed: str, cleaned: str) -> None:
    assert seats.clean_email(typed) == cleaned
    assert seats.check_seat(SetupState(), "Jo", seats.clean_email(typed)).ok


def test_check_rejects_exact_duplicate() -> None:
    state = state_with(("Jo Smith", "jo@example.com"))

    check = seats.check_seat(state, "Someone Else", "jo@example.com")

    assert not check.ok
    assert "already bound to Jo Smith" in check.email_error


def test_check_warns_on_case_only_duplicate() -> None:
    state = state_with(("Jo Smith", "Jo@Example.com"))

    check = seats.check_seat(state, "Jo S.", "jo@example.com")

    assert check.ok
    assert len(check.warnings) == 1
    warning = check.warnings[0]
    assert "Jo S. (jo@example.com)" in warning
    assert "Jo Smith (Jo@Example.com)" in warning
    assert "case sensitive" in warning


def test_check_ignores_binding_being_edited() -> None:
    state = state_with(("Jo Smith", "jo@example.com"))

    check = seats.check_seat(state, "Jo Smith", "jo@example.com", editing=0)

    assert check.ok
    assert check.warnings == ()


# --- changes to the list ----------------------------------------------------------------


def test_add_appends_binding() -> None:
    state = SetupState()

    seats.add_seat(state, "Jo Smith", "Jo@Example.com")
    seats.add_seat(state, "Ann Lee", "ann@example.com")

    assert [(b.name, b.email) for b in state.seats] == [
        ("Jo Smith", "Jo@Example.com"),
        ("Ann Lee", "ann@example.com"),
    ]


def test_add_raises_on_duplicate() -> None:
    state = state_with(("Jo Smith", "jo@example.com"))

    with pytest.raises(seats.SeatError) as raised:
        seats.add_seat(state, "Jo", "jo@example.com")

    assert "already bound" in str(raised.value)
    assert not raised.value.check.ok
    assert len(state.seats) == 1


def test_add_raises_on_nbsp() -> None:
    state = SetupState()

    with pytest.raises(seats.SeatError):
        seats.add_seat(state, "Jo", "jo@example.com\u00a0")

    assert state.seats == []


def test_edit_keeps_date_when_email_same() -> None:
    state = state_with(("Jo", "jo@example.com"))
    seats.mark_completed(state, 0, "2024-05-01")

    seats.edit_seat(state, 0, "Jo Smith", "jo@example.com")

    assert state.seats[0] == SeatBinding("Jo Smith", "jo@example.com", "2024-05-01")


def test_edit_clears_date_when_email_changes() -> None:
    state = state_with(("Jo", "jo@example.com"))
    seats.mark_completed(state, 0, "2024-05-01")

    seats.edit_seat(state, 0, "Jo", "Jo@example.com")

    assert state.seats[0].email == "Jo@example.com"
    assert state.seats[0].completed_on == ""


def test_edit_raises_on_duplicate_of_other() -> None:
    state = state_with(("Jo", "jo@example.com"), ("Ann", "ann@example.com"))

    with pytest.raises(seats.SeatError):
        seats.edit_seat(state, 1, "Ann", "jo@example.com")

    assert state.seats[1].email == "ann@example.com"


def test_remove_and_restore_keep_position() -> None:
    state = state_with(("Jo", "jo@example.com"), ("Ann", "ann@example.com"), ("Max", "max@example.com"))
    seats.mark_completed(state, 1, "2024-05-02")

    removed = seats.remove_seat(state, 1)
    position = seats.restore_seat(state, 1, removed)

    assert position == 1
    assert [b.email for b in state.seats] == ["jo@example.com", "ann@example.com", "max@example.com"]
    assert state.seats[1].completed_on == "2024-05-02"


def test_restore_appends_past_end() -> None:
    state = state_with(("Jo", "jo@example.com"), ("Ann", "ann@example.com"))
    removed = seats.remove_seat(state, 1)
    seats.remove_seat(state, 0)

    assert seats.restore_seat(state, 1, removed) == 0
    assert state.seats == [removed]


def test_restore_raises_when_email_rebound() -> None:
    state = state_with(("Jo", "jo@example.com"))
    removed = seats.remove_seat(state, 0)
    seats.add_seat(state, "Jo again", "jo@example.com")

    with pytest.raises(seats.SeatError):
        seats.restore_seat(state, 0, removed)

    assert len(state.seats) == 1


def test_mark_completed_defaults_to_today() -> None:
    state = state_with(("Jo", "jo@example.com"))

    seats.mark_completed(state, 0)

    assert state.seats[0].completed_on == dt.date.today().isoformat()
    seats.clear_completed(state, 0)
    assert state.seats[0].completed_on == ""


def test_find_seat_is_case_sensitive() -> None:
    state = state_with(("Jo", "Jo@example.com"))

    assert seats.find_seat(state, "Jo@example.com") == 0
    assert seats.find_seat(state, "jo@example.com") is None


def test_unfinished_seats_lists_unmarked() -> None:
    state = state_with(("Jo", "jo@example.com"), ("Ann", "ann@example.com"))
    seats.mark_completed(state, 0, "2024-05-01")

    assert seats.unfinished_seats(state) == [state.seats[1]]


# --- seat_warnings ----------------------------------------------------------------------


def test_warnings_empty_for_clean_list() -> None:
    assert seats.seat_warnings(SetupState()) == []
    assert seats.seat_warnings(state_with(("Jo", "jo@example.com"), ("Ann", "ann@example.com"))) == []


def test_warnings_name_both_case_twins() -> None:
    state = state_with(("Jo Smith", "Jo@Example.com"), ("Jo", "jo@example.com"))

    warnings = seats.seat_warnings(state)

    assert len(warnings) == 1
    assert "Jo Smith (Jo@Example.com)" in warnings[0]
    assert "Jo (jo@example.com)" in warnings[0]


def test_warnings_report_stored_problems() -> None:
    # add_seat rejects such bindings, so this list can only come from a file edited by hand.
    state = state_with(
        ("Jo", "jo@example.com\u00a0"),
        ("", "ann@example.com"),
        ("Max", "max.example.com"),
        ("Max 2", "max@example.com"),
        ("Max 3", "max@example.com"),
    )

    warnings = seats.seat_warnings(state)

    assert any("Jo" in w and "non-breaking space at the end" in w for w in warnings)
    assert any("ann@example.com" in w and "Name is missing" in w for w in warnings)
    assert any("Max" in w and "'max.example.com' is not a valid email address" in w for w in warnings)
    assert any("Max 2 and Max 3 are both bound to max@example.com" in w for w in warnings)


def test_describe_stray_characters() -> None:
    assert seats.describe_stray_characters("jo@example.com\u00a0") == "a non-breaking space at the end"
    assert seats.describe_stray_characters("jo@example.com") == ""

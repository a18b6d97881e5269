"""Checks of typed and pasted values: contract IDs, credentials, company values."""

from __future__ import annotations

import pytest

from wizard.domain import validation
from wizard.domain.secret import MAX_SECRET_LENGTH

# A realistic secret: mixed case and the signs LinkedIn secrets contain.
SECRET = "Wq7/Zr+e=Hk2LmNp"


# --- contract IDs -----------------------------------------------------------------------


def test_contract_urn_reduced_to_number() -> None:
    checked = validation.check_contract_id("urn:li:contract:123456")

    assert checked.ok
    assert checked.value == "123456"
    assert len(checked.notes) == 1
    assert "urn:li:contract:123456" in checked.notes[0]
    assert "Kept only the number" in checked.notes[0]


def test_contract_urn_any_case() -> None:
    checked = validation.check_contract_id("URN:LI:CONTRACT:987654")

    assert checked.value == "987654"
    assert checked.ok


@pytest.mark.parametrize(
    "pasted",
    [
        " 123456 ",
        "123 456",
        "123456\n",
        "\t123456\r\n",
        "\u00a0123456",
        "123\u200b456",
        "\ufeff123456",
    ],
)
def test_contract_spaces_removed_with_note(pasted: str) -> None:
    checked = validation.check_contract_id(pasted)

    assert checked.ok
    assert checked.value == "123456"
    assert checked.notes == ("Removed spaces and invisible characters.",)


def test_contract_clean_value_has_no_note() -> None:
    checked = validation.check_contract_id("123456")

    assert checked.ok
    assert checked.value == "123456"
    assert checked.notes == ()


def test_contract_urn_with_spaces_has_both_notes() -> None:
    checked = validation.check_contract_id(" urn:li:contract: 123456\n")

    assert checked.value == "123456"
    assert checked.notes[0] == "Removed spaces and invisible characters."
    assert "Kept only the number" in checked.notes[1]


@pytest.mark.parametrize("typed", ["12a456", "ABC123", "123-456", "#123456", "urn:li:contract:12x", "\uff11\uff12\uff13"])
def test_contract_non_digits_rejected_naming_value(typed: str) -> None:
    checked = validation.check_contract_id(typed)

    assert not checked.ok
    assert "digits only" in checked.error
    assert repr(checked.value) in checked.error
    assert checked.error.startswith("Contract ID")


def test_contract_empty_rejected() -> None:
    checked = validation.check_contract_id("")

    assert not checked.ok
    assert "Contract ID is empty" in checked.error


def test_contract_only_spaces_rejected() -> None:
    checked = validation.check_contract_id("   ")

    assert not checked.ok
    assert "Contract ID is empty" in checked.error


def test_contract_too_many_digits() -> None:
    typed = "1" * (validation.MAX_CONTRACT_ID_DIGITS + 1)

    checked = validation.check_contract_id(typed)

    assert not checked.ok
    assert f"{len(typed)} digits" in checked.error


def test_contract_long_value_shortened_in_message() -> None:
    typed = "x" * 500

    checked = validation.check_contract_id(typed)

    assert not checked.ok
    assert typed not in checked.error
    assert "\u2026" in checked.error
    assert len(checked.error) < 300


def test_contract_list_duplicates_rejected() -> None:
    error = validation.check_contract_ids(["123456", "654321", "123456"])

    assert "123456" in error
    assert "listed twice" in error


def test_contract_list_duplicate_as_urn() -> None:
    error = validation.check_contract_ids(["123456", "urn:li:contract:123456"])

    assert "listed twice" in error


def test_contract_list_empty_rejected() -> None:
    assert validation.check_contract_ids([]) == "Add at least one Recruiter Contract ID."
    assert validation.check_contract_ids([""]) == "Add at least one Recruiter Contract ID."


def test_contract_list_distinct_accepted() -> None:
    assert validation.check_contract_ids(["123456", "654321"]) == ""


# --- pasted text hygiene ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("char", "description"),
    [
        (" ", "a space"),
        ("\t", "a tab"),
        ("\n", "a line break"),
        ("\r", "a carriage return"),
        ("\u2028", "a line separator"),
        ("\u2029", "a paragraph separator"),
        ("\u00a0", "a non-breaking space"),
        ("\u202f", "a narrow non-breaking space"),
        ("\u200b", "a zero-width space"),
        ("\u200d", "a zero-width joiner"),
        ("\u2060", "a word joiner"),
        ("\ufeff", "a byte order mark"),
        ("\u00ad", "a soft hyphen"),
        ("\u2018", "a curly quote (\u2018)"),
        ("\u2019", "a curly quote (\u2019)"),
        ("\u201c", "a curly quote (\u201c)"),
        ("\u201d", "a curly quote (\u201d)"),
        ("\u201a", "a low quote (\u201a)"),
        ("\u201e", "a low quote (\u201e)"),
        ("\u00ab", "a guillemet (\u00ab)"),
        ("\u203a", "a guillemet (\u203a)"),
        ("\x00", "an invisible character (U+0000)"),
        ("\u2003", "an invisible character (U+2003)"),
        ("\u180e", "an invisible character (U+180E)"),
    ],
)
def test_paste_problem_found_with_position(char: str, description: str) -> None:
    findings = validation.find_paste_problems(f"ab{char}cd")

    assert len(findings) == 1
    assert findings[0].description == description
    assert findings[0].position == 3
    assert findings[0].where() == "at position 3"


def test_paste_problems_plain_text_clean() -> None:
    assert validation.find_paste_problems("Ab3/+=._-Zz\u00e9") == []


def test_paste_problems_positions_in_secret() -> None:
    text = "ab\u200bcd\u00a0ef\u201cgh\u201d"

    findings = validation.find_paste_problems(text)
    described = validation.describe_paste_problems(findings)

    assert [finding.position for finding in findings] == [3, 6, 9, 12]
    assert described == (
        "a zero-width space at position 3, a non-breaking space at position 6, "
        "a curly quote (\u201c) at position 9 and a curly quote (\u201d) at the end"
    )


def test_paste_problems_many_summarised() -> None:
    findings = validation.find_paste_problems("a b c d e f g")

    described = validation.describe_paste_problems(findings)

    assert len(findings) == 6
    assert described.endswith(" and 2 more")


def test_remove_paste_problems_keeps_others() -> None:
    text = "\u201cAb\u200bC d/+=E\u00a0f\u201d\r\n"

    assert validation.remove_paste_problems(text) == "AbCd/+=Ef"


# --- client ID --------------------------------------------------------------------------


def test_client_id_trailing_newline_reported() -> None:
    pasted = "77xYz0AbCdEfGh\n"

    checked = validation.check_client_id(pasted)

    assert not checked.ok
    assert "Client ID" in checked.error
    assert "a line break at the end" in checked.error


def test_client_id_cleaned_keeps_case() -> None:
    pasted = "77xYz0AbCdEfGh\n"

    cleaned = validation.remove_paste_problems(pasted)
    checked = validation.check_client_id(cleaned)

    assert cleaned == "77xYz0AbCdEfGh"
    assert checked.ok
    assert checked.value == "77xYz0AbCdEfGh"
    assert checked.warning == ""


def test_client_id_missing() -> None:
    checked = validation.check_client_id("")

    assert not checked.ok
    assert "Client ID is missing" in checked.error


@pytest.mark.parametrize("typed", ["abc", "77xyz0abcd-efgh", "77xyz0abcd_efgh"])
def test_client_id_odd_shape_warns(typed: str) -> None:
    checked = validation.check_client_id(typed)

    assert checked.ok
    assert "does not look like a LinkedIn Client ID" in checked.warning


# --- client secret ----------------------------------------------------------------------


def test_secret_space_and_crlf_described() -> None:
    pasted = f" {SECRET}\r\n"

    checked = validation.check_secret(pasted)

    assert not checked.ok
    assert "a space at the start and a Windows line break at the end" in checked.error
    assert SECRET not in checked.error


def test_secret_cleaned_keeps_inner_characters() -> None:
    pasted = f" {SECRET}\r\n"

    cleaned = validation.remove_paste_problems(pasted)
    checked = validation.check_secret(cleaned)

    assert cleaned == SECRET
    assert checked.ok
    assert checked.value == SECRET
    assert checked.warning == ""


def test_secret_invisible_characters_with_positions() -> None:
    pasted = "Wq7/\u200bZr+e\u00a0Hk2L\u201cmNp\u201d"

    checked = validation.check_secret(pasted)

    assert not checked.ok
    assert "a zero-width space at position 5" in checked.error
    assert "a non-breaking space at position 10" in checked.error
    assert "a curly quote (\u201c) at position 15" in checked.error
    assert "a curly quote (\u201d) at the end" in checked.error


@pytest.mark.parametrize(
    "pasted",
    [
        SECRET,
        f" {SECRET}\r\n",
        f"{SECRET}\u200b",
        f"\u201c{SECRET}\u201d",
        SECRET[:8],
        SECRET + "#!",
        '{"client_secret": "' + SECRET + '", "padding": "' + "x" * 2000 + '"}',
        SECRET * 20,
    ],
)
def test_secret_value_never_in_message(pasted: str) -> None:
    checked = validation.check_secret(pasted)
    messages = " ".join((checked.error, checked.warning, *checked.notes))

    assert SECRET not in messages
    assert SECRET[:8] not in messages


def test_secret_pasted_json_rejected() -> None:
    pasted = '{"access_token": "' + "A" * 2000 + '", "expires_in": 5184000}'

    checked = validation.check_secret(pasted)

    assert not checked.ok
    assert f"{len(pasted)} characters long" in checked.error
    assert "copy only the secret" in checked.error


def test_secret_length_limit_boundary() -> None:
    at_limit = validation.check_secret("a" * MAX_SECRET_LENGTH)
    over_limit = validation.check_secret("a" * (MAX_SECRET_LENGTH + 1))

    assert at_limit.ok
    assert not over_limit.ok


def test_secret_missing() -> None:
    checked = validation.check_secret("")

    assert not checked.ok
    assert "Client Secret is missing" in checked.error


@pytest.mark.parametrize("typed", ["short", "Wq7/Zr+e=Hk2LmNp#"])
def test_secret_odd_shape_warns(typed: str) -> None:
    checked = validation.check_secret(typed)

    assert checked.ok
    assert "does not look like a LinkedIn Client Secret" in checked.warning


# --- website ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "https://www.example.com",
        "http://example.com/careers?lang=en",
        "https://Example.COM/",
        "https://www.example.co.uk:8443/jobs",
        "https://m\u00fcnchen.de",
        "https://xn--mnchen-3ya.de",
        "https://\u0431\u0430\u043d\u043a.\u0440\u0444",
    ],
)
def test_website_accepted(typed: str) -> None:
    checked = validation.check_website(typed)

    assert checked.ok, checked.error
    assert checked.value == typed
    assert checked.notes == ()


def test_website_without_scheme_gets_https() -> None:
    checked = validation.check_website("example.com")

    assert checked.ok
    assert checked.value == "https://example.com"
    assert checked.notes == ("Added https:// in front: https://example.com",)


def test_website_host_with_port_gets_https() -> None:
    checked = validation.check_website("www.example.com:8080/about")

    assert checked.ok
    assert checked.value == "https://www.example.com:8080/about"


def test_website_surrounding_spaces_removed() -> None:
    checked = validation.check_website(" https://www.example.com\n")

    assert checked.ok
    assert checked.value == "https://www.example.com"
    assert checked.notes == ("Removed spaces and line breaks around the address.",)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("localhost", "'localhost' is not a public host name"),
        ("http://localhost", "'localhost' is not a public host name"),
        ("http://localhost:8080/", "'localhost' is not a public host name"),
        ("http://intranet", "'intranet' is not a public host name"),
        ("https://printer.local", "'printer.local' is not a public host name"),
        ("https://jobs.example.test", "'jobs.example.test' is not a public host name"),
        ("http://192.168.1.10", "'192.168.1.10' is not a public host name"),
        ("http://10.0.0.1:8080/", "'10.0.0.1' is not a public host name"),
        ("https://8.8.8.8", "'8.8.8.8' is not a public host name"),
        ("http://[::1]/", "'::1' is not a public host name"),
        ("https://-bad.example.com", "is not a public host name"),
        ("https://example.123", "is not a public host name"),
        ("ftp://x.com", "must start with http:// or https://, not ftp://"),
        ("file:///etc/passwd", "must start with http:// or https://, not file://"),
        ("mailto:jo@example.com", "must start with http:// or https://"),
        ("javascript:alert(1)", "must start with http:// or https://"),
        ("https:www.example.com", "must start with http:// or https://"),
        ("https://user:secret@example.com", "must not contain a user name or password"),
        ("https://example.com:99999", "is not a valid address"),
        ("http://", "has no host name"),
        ("https://a..example.com", "is not a valid host name"),
        ("https://www.exa mple.com", "a space at position 16"),
        ("https://www.example.com/\u200b", "a zero-width space at the end"),
        ("", "Website URL is missing"),
    ],
)
def test_website_rejected(typed: str, expected: str) -> None:
    checked = validation.check_website(typed)

    assert not checked.ok
    assert checked.error.startswith("Website URL")
    assert expected in checked.error


# --- email ------------------------------------------------------------------------------


def test_email_case_kept() -> None:
    checked = validation.check_email("Jo.Smith@Example.com", "Business email")

    assert checked.ok
    assert checked.value == "Jo.Smith@Example.com"
    assert checked.notes == ()


def test_email_international_domain_accepted() -> None:
    checked = validation.check_email("info@m\u00fcnchen.de", "Business email")

    assert checked.ok
    assert checked.value == "info@m\u00fcnchen.de"


def test_email_surrounding_spaces_removed_with_note() -> None:
    checked = validation.check_email(" jo@example.com\n", "Business email")

    assert checked.ok
    assert checked.value == "jo@example.com"
    assert checked.notes == ("Removed a space at the start and a line break at the end.",)


@pytest.mark.parametrize(
    "typed",
    ["jo@example", "jo@@example.com", "jo.example.com", "jo@localhost", "jo@example.test", "<jo@example.com>", "jo@[10.0.0.1]"],
)
def test_email_invalid_names_field_and_value(typed: str) -> None:
    checked = validation.check_email(typed, "Business email")

    assert not checked.ok
    assert checked.error.startswith(f"Business email {typed!r} is not a valid email address")


def test_email_inner_space_rejected() -> None:
    checked = validation.check_email("Jo Smith <jo@example.com>", "Contact email")

    assert not checked.ok
    assert checked.error.startswith("Contact email contains a space at position 3")


def test_email_missing_names_field() -> None:
    checked = validation.check_email("", "Contact email")

    assert checked.error == "Contact email is missing."


# --- phone ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "formatted"),
    [
        ("(415) 555-0132", "+1 415-555-0132"),
        ("415.555.0132", "+1 415-555-0132"),
        ("4155550132", "+1 415-555-0132"),
        ("+1 212 555 0100", "+1 212-555-0100"),
        ("(800) 555-0199", "+1 800-555-0199"),
    ],
)
def test_phone_us_without_plus(typed: str, formatted: str) -> None:
    checked = validation.check_phone(typed)

    assert checked.ok, checked.error
    assert checked.value == formatted
    assert checked.notes == (f"Written in international form: {formatted}",)


@pytest.mark.parametrize("typed", ["+44 20 7946 0958", "+49 30 901820", "+33 1 42 68 53 00", "+61 2 9374 4000"])
def test_phone_international_with_plus(typed: str) -> None:
    checked = validation.check_phone(typed)

    assert checked.ok, checked.error
    assert checked.value == typed
    assert checked.notes == ()


@pytest.mark.parametrize("typed", ["555-0132", "+1 555 555 5555", "020 7946 0958", "123", "+44 20 7946"])
def test_phone_invalid_number_named(typed: str) -> None:
    checked = validation.check_phone(typed)

    assert not checked.ok
    assert checked.error.startswith(f"Business phone {typed!r} is not a valid number")


@pytest.mark.parametrize("typed", ["abc", "call me", "+" + "1" * 300])
def test_phone_not_a_number(typed: str) -> None:
    checked = validation.check_phone(typed)

    assert not checked.ok
    assert "is not a phone number" in checked.error
    assert len(checked.error) < 300


def test_phone_missing() -> None:
    checked = validation.check_phone("  ")

    assert not checked.ok
    assert "Business phone is missing" in checked.error


# --- company and person names -----------------------------------------------------------


def test_company_name_spaces_collapsed() -> None:
    checked = validation.check_company_name("  Acme   Staffing\tInc. ")

    assert checked.ok
    assert checked.value == "Acme Staffing Inc."
    assert checked.notes == ("Removed extra spaces.",)


def test_company_name_kept_literally() -> None:
    checked = validation.check_company_name("<b>Acme</b> & Co")

    assert checked.ok
    assert checked.value == "<b>Acme</b> & Co"


def test_company_name_missing() -> None:
    checked = validation.check_company_name(" ")

    assert "Company name is missing" in checked.error


def test_company_name_too_long() -> None:
    checked = validation.check_company_name("A" * (validation.MAX_COMPANY_NAME_LENGTH + 1))

    assert not checked.ok
    assert f"at most {validation.MAX_COMPANY_NAME_LENGTH}" in checked.error


def test_person_name_checked() -> None:
    assert validation.check_person_name(" Jo  Smith ", "Contact name").value == "Jo Smith"
    assert validation.check_person_name("", "Contact name").error == "Contact name is missing."
    assert "Contact name is 101 characters long" in validation.check_person_name("J" * 101, "Contact name").error


def test_form_errors_collects_by_field() -> None:
    errors = validation.FormErrors()

    errors.add("website", validation.check_website("ftp://x.com"))
    errors.add("company", validation.check_company_name("Acme"))

    assert not errors.ok
    assert list(errors.errors) == ["website"]

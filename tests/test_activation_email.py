"""The activation email: its facts, the mailto: link and the .eml message."""

from __future__ import annotations

import re
from email import policy
from email.parser import BytesParser
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from wizard.domain import activation_email
from wizard.domain.activation_email import MAX_MAILTO_LENGTH, Draft
from wizard.domain.model import Company, SetupState
from wizard.domain.secret import fingerprint

SUBJECT = "JazzHR LinkedIn Integration Activation"
SECRET = "Wq7/Zr+e=Hk2LmNp"
SHORT_BODY = "The full text of this request is on the clipboard. Paste it here, replacing this line."


def realistic_state(**changes: object) -> SetupState:
    state = SetupState(
        contract_ids=["123456", "654321"],
        company=Company(name="Zo\u00eb & Co <Staffing>"),
        contact_name="Jo Smith",
        contact_email="Jo.Smith@Example.com",
        client_id="77xYz0AbCdEfGh",
        email_recipient="Jo.Smith+csa@LinkedIn.example",
        secret_backend="SecretService.Keyring",
        secret_fingerprint=fingerprint(SECRET),
    )
    for name, value in changes.items():
        setattr(state, name, value)
    return state


def parse_mailto(url: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert parts.fragment == ""
    return unquote(parts.path, errors="strict"), parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)


# --- the facts --------------------------------------------------------------------------


def test_facts_are_the_five_values() -> None:
    facts = activation_email.facts(realistic_state())

    assert facts == [
        ("Customer Account Name", "Zo\u00eb & Co <Staffing>"),
        ("Customer Contact Name", "Jo Smith"),
        ("Customer Contact Email", "Jo.Smith@Example.com"),
        ("Customer LinkedIn Contract ID(s)", "123456, 654321"),
        ("LinkedIn Client ID", "77xYz0AbCdEfGh"),
    ]


def test_draft_holds_facts_not_secret() -> None:
    state = realistic_state()

    draft = activation_email.build_draft(state, SUBJECT)

    assert draft.subject == SUBJECT
    assert draft.recipient == "Jo.Smith+csa@LinkedIn.example"
    for label, value in activation_email.facts(state):
        assert f"{label}: {value}\r\n" in draft.body
    assert SECRET not in draft.body
    assert state.secret_fingerprint not in draft.body
    assert "SecretService" not in draft.body


def test_draft_lines_end_with_crlf() -> None:
    draft = activation_email.build_draft(realistic_state(), SUBJECT)

    assert draft.body.endswith("Jo Smith\r\n")
    assert "\n" not in draft.body.replace("\r\n", "")


# --- mailto: ----------------------------------------------------------------------------


def test_mailto_encodes_every_field() -> None:
    draft = Draft(
        recipient="Jo.Smith+csa@LinkedIn.example",
        subject="Aktivierung f\u00fcr Zo\u00eb & Co",
        body="Price: 50% + tax\r\nSee #ref\r\nThird line",
    )

    url, shortened = activation_email.mailto_url(draft, SHORT_BODY)
    recipient, fields = parse_mailto(url)

    assert not shortened
    assert " " not in url
    assert "%20" in url
    assert url.count("%0D%0A") == 2
    assert "%0A" not in url.replace("%0D%0A", "")
    assert "%2B" in url
    assert "%25" in url
    assert "%23ref" in url
    assert "%26" in url
    assert recipient == "Jo.Smith+csa@LinkedIn.example"
    assert fields == {"subject": [draft.subject], "body": [draft.body]}


def test_mailto_bare_line_feeds_become_crlf() -> None:
    draft = Draft("jo@example.com", "Hello", "one\ntwo\rthree")

    url, _ = activation_email.mailto_url(draft, SHORT_BODY)
    _, fields = parse_mailto(url)

    assert url.count("%0D%0A") == 2
    assert fields["body"] == ["one\r\ntwo\r\nthree"]


def test_mailto_of_built_draft_decodes_back() -> None:
    draft = activation_email.build_draft(realistic_state(), SUBJECT)

    url, shortened = activation_email.mailto_url(draft, SHORT_BODY)
    recipient, fields = parse_mailto(url)

    assert not shortened
    assert recipient == draft.recipient
    assert fields["subject"] == [SUBJECT]
    assert fields["body"] == [draft.body]
    assert SECRET not in unquote(url)


def test_mailto_without_recipient() -> None:
    draft = Draft("", "Hello", "Body")

    url, _ = activation_email.mailto_url(draft, SHORT_BODY)

    assert url.startswith("mailto:?subject=Hello&body=Body")


def assert_escapes_whole(url: str) -> None:
    """Every % starts a complete escape, and the escapes decode as UTF-8."""
    assert re.fullmatch(r"(?:[^%]|%[0-9A-F]{2})*", url)
    unquote(url, errors="strict")


def test_mailto_long_draft_uses_short_body() -> None:
    contract_ids = [str(100000 + number) for number in range(200)]
    draft = activation_email.build_draft(realistic_state(contract_ids=contract_ids), SUBJECT)

    url, shortened = activation_email.mailto_url(draft, SHORT_BODY)
    recipient, fields = parse_mailto(url)

    assert len(draft.body) > 1800
    assert shortened
    assert len(url) <= MAX_MAILTO_LENGTH
    assert_escapes_whole(url)
    assert recipient == draft.recipient
    assert fields["subject"] == [SUBJECT]
    assert fields["body"] == [SHORT_BODY]


def test_mailto_long_short_body_dropped() -> None:
    draft = Draft("jo@example.com", SUBJECT, "x" * 3000)

    url, shortened = activation_email.mailto_url(draft, "\u00e9" * 1000)
    _, fields = parse_mailto(url)

    assert shortened
    assert len(url) <= MAX_MAILTO_LENGTH
    assert "body" not in fields
    assert fields["subject"] == [SUBJECT]


def test_mailto_long_subject_loses_whole_words() -> None:
    subject = " ".join(f"Zo\u00eb{number}" for number in range(400))
    draft = Draft("jo@example.com", subject, "Body")

    url, shortened = activation_email.mailto_url(draft, SHORT_BODY)
    _, fields = parse_mailto(url)

    assert shortened
    assert len(url) <= MAX_MAILTO_LENGTH
    assert_escapes_whole(url)
    kept = fields["subject"][0]
    assert subject.startswith(kept + " ")
    assert len(kept) > 100


def test_mailto_just_under_limit_kept() -> None:
    base, _ = activation_email.mailto_url(Draft("jo@example.com", "S", ""), SHORT_BODY)
    body = "a" * (MAX_MAILTO_LENGTH - len(base) - len("&body="))

    url, shortened = activation_email.mailto_url(Draft("jo@example.com", "S", body), SHORT_BODY)

    assert len(url) == MAX_MAILTO_LENGTH
    assert not shortened


# --- the .eml message -------------------------------------------------------------------


def parse_eml(data: bytes):
    return BytesParser(policy=policy.default).parsebytes(data)


def test_eml_parses_back() -> None:
    state = realistic_state()
    draft = activation_email.build_draft(state, SUBJECT)

    data = activation_email.to_message(draft, state.contact_email)
    message = parse_eml(data)
    lines = message.get_content().splitlines()

    assert message["Subject"] == SUBJECT
    assert message["To"] == "Jo.Smith+csa@LinkedIn.example"
    assert message["From"] == "Jo.Smith@Example.com"
    assert message["X-Unsent"] == "1"
    assert message.get_content_type() == "text/plain"
    assert message.defects == []
    for label, value in activation_email.facts(state):
        assert f"{label}: {value}" in lines
    assert SECRET.encode() not in data
    assert SECRET not in message.get_content()
    assert state.secret_fingerprint.encode() not in data


def test_eml_non_ascii_subject_and_body() -> None:
    draft = Draft("jo@example.com", "Aktivierung f\u00fcr Zo\u00eb & Co", "Gr\u00fc\u00dfe\r\nZo\u00eb")

    message = parse_eml(activation_email.to_message(draft, ""))

    assert message["Subject"] == "Aktivierung f\u00fcr Zo\u00eb & Co"
    assert message.get_content().splitlines() == ["Gr\u00fc\u00dfe", "Zo\u00eb"]
    assert message["From"] is None


def test_eml_line_break_cannot_add_header() -> None:
    draft = Draft("jo@example.com\r\nBcc: spy@example.net", "Hello\nBcc: spy@example.net", "Body")

    message = parse_eml(activation_email.to_message(draft, "me@example.com\n"))

    assert message["Bcc"] is None
    assert "\n" not in str(message["To"])
    assert message["From"] == "me@example.com"
    assert message["Subject"] == "Hello Bcc: spy@example.net"
    assert message.get_content().splitlines() == ["Body"]


@pytest.mark.parametrize("sender", ["jo@", '"x" <', "@@"])
def test_eml_broken_sender_left_out(sender: str) -> None:
    draft = Draft("jo@example.com", SUBJECT, "Body")

    message = parse_eml(activation_email.to_message(draft, sender))

    assert message["To"] == "jo@example.com"
    assert message["Subject"] == SUBJECT


def test_eml_international_domain_in_ascii() -> None:
    draft = Draft("info@m\u00fcnchen.de", SUBJECT, "Body")

    data = activation_email.to_message(draft, "")
    message = parse_eml(data)

    assert message["To"] == "info@xn--mnchen-3ya.de"
    assert b"To: info@xn--mnchen-3ya.de\r\n" in data


def test_eml_without_recipient() -> None:
    draft = Draft("", SUBJECT, "Body")

    message = parse_eml(activation_email.to_message(draft, "jo@example.com"))

    assert message["To"] is None
    assert message["Subject"] == SUBJECT

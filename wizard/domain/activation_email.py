"""The activation email to LinkedIn: its text, a `mailto:` link and an RFC 5322 message.

The email carries the five facts LinkedIn asks for and never the client secret.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from urllib.parse import quote

from wizard.domain.model import SetupState

# Many mail programs and browsers cut or reject longer mailto: addresses.
MAX_MAILTO_LENGTH = 1800


@dataclass(frozen=True)
class Draft:
    """The activation email as plain values."""

    recipient: str
    subject: str
    body: str


def facts(state: SetupState) -> list[tuple[str, str]]:
    """Return the five facts LinkedIn asks for, as (label, value) pairs."""
    return [
        ("Customer account name", state.company.name),
        ("Customer contact name", state.contact_name),
        ("Customer contact email", state.contact_email),
        ("LinkedIn Recruiter contract ID(s)", ", ".join(state.contract_ids)),
        ("LinkedIn Client ID", state.client_id),
    ]


def build_draft(state: SetupState, subject: str) -> Draft:
    lines = [
        "Hello LinkedIn team,",
        "",
        "Please activate the LinkedIn Recruiter integration (Cross System Awareness) "
        "with JazzHR for our company. Our details:",
        "",
    ]
    lines += [f"{label}: {value}" for label, value in facts(state)]
    lines += ["", "Thank you,", state.contact_name or ""]
    return Draft(recipient=state.email_recipient, subject=subject, body="\r\n".join(lines).rstrip() + "\r\n")


def _encode(text: str) -> str:
    # Everything but unreserved characters is escaped, so "+" stays a plus sign and
    # spaces become %20 rather than "+", which mail programs would show literally.
    return quote(text, safe="")


def _mailto(recipient: str, subject: str, body: str) -> str:
    return f"mailto:{quote(recipient, safe='@')}?subject={_encode(subject)}&body={_encode(body)}"


def mailto_url(draft: Draft, short_body: str) -> tuple[str, bool]:
    """Return a mailto: URL for the draft and whether the body had to be replaced.

    A draft whose URL would pass MAX_MAILTO_LENGTH opens with `short_body` instead, so
    no mail program receives a body cut in the middle of a word or an escape.
    """
    url = _mailto(draft.recipient, draft.subject, draft.body)
    if len(url) <= MAX_MAILTO_LENGTH:
        return url, False
    return _mailto(draft.recipient, draft.subject, short_body), True


def to_message(draft: Draft, sender: str) -> bytes:
    """Return the draft as an RFC 5322 message, ready to save as an .eml file."""
    message = EmailMessage(policy=SMTP)
    if sender:
        message["From"] = sender
    if draft.recipient:
        message["To"] = draft.recipient
    message["Subject"] = draft.subject
    # Mail programs open a message with this header as an unsent draft.
    message["X-Unsent"] = "1"
    message.set_content(draft.body.replace("\r\n", "\n"))
    return message.as_bytes()

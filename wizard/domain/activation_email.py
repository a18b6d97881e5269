"""The activation email to LinkedIn: its text, a `mailto:` link and an RFC 5322 message.

The email carries the five facts LinkedIn requests and never the client secret.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from wizard.domain.model import SetupState

if TYPE_CHECKING:
    from email.message import EmailMessage

# Many mail programs and browsers cut or reject longer mailto: addresses.
MAX_MAILTO_LENGTH = 1800


@dataclass(frozen=True)
class Draft:
    """The activation email as plain values."""

    recipient: str
    subject: str
    body: str


def facts(state: SetupState) -> list[tuple[str, str]]:
    """Return the five facts LinkedIn requests, as (label, value) pairs."""
    return [
        ("Customer Account Name", state.company.name),
        ("Customer Contact Name", state.contact_name),
        ("Customer Contact Email", state.contact_email),
        ("Customer LinkedIn Contract ID(s)", ", ".join(state.contract_ids)),
        ("LinkedIn Client ID", state.client_id),
    ]


def build_draft(state: SetupState, subject: str, ats_name: str = "JazzHR") -> Draft:
    """Return the activation email; `ats_name` is the applicant tracking system of the profile."""
    lines = [
        "Hello LinkedIn team,",
        "",
        "Please activate the LinkedIn Recruiter integration (Cross System Awareness) "
        f"with {ats_name} for our company. Our details:",
        "",
    ]
    lines += [f"{label}: {value}" for label, value in facts(state)]
    lines += ["", "Thank you,", state.contact_name or ""]
    return Draft(recipient=state.email_recipient, subject=subject, body="\r\n".join(lines).rstrip() + "\r\n")


def _encode(text: str) -> str:
    # Everything but unreserved characters is escaped, so "+" stays a plus sign and
    # spaces become %20 rather than "+", which mail programs would show literally.
    return quote(text, safe="")


def _crlf(text: str) -> str:
    # RFC 6068 requires line breaks in a mailto: body as %0D%0A, whatever the text used.
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def _mailto(recipient: str, subject: str, body: str) -> str:
    url = f"mailto:{quote(recipient, safe='@')}?subject={_encode(subject)}"
    if body:
        url += f"&body={_encode(_crlf(body))}"
    return url


def mailto_url(draft: Draft, short_body: str) -> tuple[str, bool]:
    """Return a mailto: URL for the draft and whether the body had to be replaced.

    A draft whose URL would pass MAX_MAILTO_LENGTH opens with `short_body` instead, or
    with no body when even that is too long, so no mail program receives a body cut in
    the middle of a word or an escape. A subject too long for the limit loses whole
    words from its end.
    """
    url = _mailto(draft.recipient, draft.subject, draft.body)
    if len(url) <= MAX_MAILTO_LENGTH:
        return url, False
    for body in (short_body, ""):
        url = _mailto(draft.recipient, draft.subject, body)
        if len(url) <= MAX_MAILTO_LENGTH:
            return url, True
    words = draft.subject.split()
    while words:
        words.pop()
        url = _mailto(draft.recipient, " ".join(words), "")
        if len(url) <= MAX_MAILTO_LENGTH:
            return url, True
    # Only a recipient longer than the limit gets here. Email addresses have at most 254
    # characters, so the recipient check already reports such a value as invalid.
    return _mailto(draft.recipient, "", ""), True


def _one_line(text: str) -> str:
    # A line break in a header value would end the header early and start the body.
    return " ".join(text.split())


def _header_address(address: str) -> str:
    """Return the address for a header, with a non-ASCII domain in its ASCII (IDNA) form.

    The `email` package writes non-ASCII addresses as encoded words, which RFC 2047 does
    not allow in an address and which mail programs then show garbled.
    """
    local, at, domain = address.rpartition("@")
    if not at or domain.isascii():
        return address
    try:
        return f"{local}@{domain.encode('idna').decode('ascii')}"
    except UnicodeError:
        return address


def _set_address(message: EmailMessage, name: str, address: str) -> None:
    """Set an address header, or leave it out when the `email` package cannot parse the address.

    The user checks the draft in the mail program, which prompts for a missing
    recipient. A draft without the header is more use than a save that fails.
    """
    from email.errors import HeaderParseError

    address = _one_line(address)
    if not address:
        return
    try:
        message[name] = _header_address(address)
    except (HeaderParseError, IndexError, ValueError):
        # NOTE: Python 3.11's header parser raises IndexError for some broken
        # addresses, such as "jo@" or '"x" <'.
        pass


def to_message(draft: Draft, sender: str) -> bytes:
    """Return the draft as an RFC 5322 message, ready to save as an .eml file.

    Line breaks in the header values are replaced by spaces. A sender or recipient the
    `email` package cannot parse is left out rather than failing the save.
    """
    # The email package is imported here, on first use, so the window does not wait for it.
    from email.message import EmailMessage
    from email.policy import SMTP

    message = EmailMessage(policy=SMTP)
    _set_address(message, "From", sender)
    _set_address(message, "To", draft.recipient)
    message["Subject"] = _one_line(draft.subject)
    # Mail programs open a message with this header as an unsent draft.
    message["X-Unsent"] = "1"
    message.set_content(draft.body.replace("\r\n", "\n"))
    return message.as_bytes()

"""Checks and clean-ups for every value the user types or pastes.

Each check returns a `Checked` value: the cleaned text, notes on what was changed (shown
to the user while they watch), and an error that names the problem and the fix. The
checks never change letter case: LinkedIn and JazzHR treat the credentials and the seat
email as case sensitive.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from wizard.domain.secret import MAX_SECRET_LENGTH


@dataclass(frozen=True)
class Checked:
    """A checked value: what to keep, what was changed, and what is still wrong."""

    value: str
    notes: tuple[str, ...] = ()
    error: str = ""
    warning: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


# --- pasted text hygiene --------------------------------------------------------------

_LINE_BREAKS = {
    "\r": "a carriage return",
    "\n": "a line break",
    "\u2028": "a line separator",
    "\u2029": "a paragraph separator",
}
_SPACES = {
    " ": "a space",
    "\t": "a tab",
    "\u00a0": "a non-breaking space",
    "\u202f": "a narrow non-breaking space",
    "\u2007": "a figure space",
    "\u3000": "a wide space",
}
_INVISIBLE = {
    "\u200b": "a zero-width space",
    "\u200c": "a zero-width non-joiner",
    "\u200d": "a zero-width joiner",
    "\u2060": "a word joiner",
    "\ufeff": "a byte order mark",
    "\u00ad": "a soft hyphen",
}
_TYPOGRAPHIC_QUOTES = {
    "\u2018": "a curly quote (\u2018)",
    "\u2019": "a curly quote (\u2019)",
    "\u201c": "a curly quote (\u201c)",
    "\u201d": "a curly quote (\u201d)",
    "\u201a": "a low quote (\u201a)",
    "\u201b": "a reversed quote (\u201b)",
    "\u201e": "a low quote (\u201e)",
    "\u201f": "a reversed quote (\u201f)",
    "\u00ab": "a guillemet (\u00ab)",
    "\u00bb": "a guillemet (\u00bb)",
    "\u2039": "a guillemet (\u2039)",
    "\u203a": "a guillemet (\u203a)",
}
_UNWANTED = {**_LINE_BREAKS, **_SPACES, **_INVISIBLE, **_TYPOGRAPHIC_QUOTES}


# Values longer than this are shortened in messages, so that a pasted page does not fill
# the window.
_MAX_SHOWN_LENGTH = 60


def _shown(value: str) -> str:
    """Quote a value for a message, shortened with an ellipsis when it is long."""
    if len(value) > _MAX_SHOWN_LENGTH:
        value = value[: _MAX_SHOWN_LENGTH - 1] + "\u2026"
    return repr(value)


@dataclass(frozen=True)
class PasteFinding:
    """One unwanted character found in pasted text, with its 1-based position."""

    description: str
    position: int
    length: int

    def where(self) -> str:
        if self.position == 1:
            return "at the start"
        if self.position == self.length:
            return "at the end"
        return f"at position {self.position}"


def find_paste_problems(text: str) -> list[PasteFinding]:
    """List the spaces, line breaks, invisible characters and typographic quotes in text."""
    findings = []
    for index, char in enumerate(text):
        description = _UNWANTED.get(char)
        if description is None and unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp"):
            description = f"an invisible character (U+{ord(char):04X})"
        if description is not None:
            findings.append(PasteFinding(description, index + 1, len(text)))
    return findings


def describe_paste_problems(findings: list[PasteFinding]) -> str:
    """Return one sentence such as "a space at the start and a line break at the end".

    A carriage return directly followed by a line break is reported once, as a Windows
    line break.
    """
    parts: list[str] = []
    skip_next = False
    for index, finding in enumerate(findings):
        if skip_next:
            skip_next = False
            continue
        following = findings[index + 1] if index + 1 < len(findings) else None
        if (
            finding.description == _LINE_BREAKS["\r"]
            and following is not None
            and following.description == _LINE_BREAKS["\n"]
            and following.position == finding.position + 1
        ):
            parts.append(f"a Windows line break {following.where()}")
            skip_next = True
            continue
        parts.append(f"{finding.description} {finding.where()}")
    if len(parts) > 4:
        parts = parts[:4] + [f"{len(parts) - 4} more"]
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def remove_paste_problems(text: str) -> str:
    """Remove every character that `find_paste_problems` reports; keep all others as they are."""
    positions = {finding.position - 1 for finding in find_paste_problems(text)}
    return "".join(char for index, char in enumerate(text) if index not in positions)


# --- credentials ----------------------------------------------------------------------

_CLIENT_ID_SHAPE = re.compile(r"^[A-Za-z0-9]{8,40}$")
_SECRET_SHAPE = re.compile(r"^[A-Za-z0-9._=/+\-]+$")


def check_client_id(text: str) -> Checked:
    """Check a pasted Client ID. Unwanted characters are reported, not removed."""
    if not text:
        return Checked("", error="Client ID is missing. Copy it from the Auth tab of your LinkedIn app.")
    findings = find_paste_problems(text)
    if findings:
        return Checked(
            text,
            error=(
                f"Client ID contains {describe_paste_problems(findings)}. These are left over "
                "from copying; remove them."
            ),
        )
    warning = ""
    if not _CLIENT_ID_SHAPE.match(text):
        warning = (
            "This does not look like a LinkedIn Client ID, which is usually 14 letters and "
            "digits. Check that you copied the Client ID and not another value."
        )
    return Checked(text, warning=warning)


def check_secret(text: str) -> Checked:
    """Check a pasted Client Secret without ever putting its value into a message."""
    if not text:
        return Checked("", error="Client Secret is missing. Copy it from the Auth tab of your LinkedIn app.")
    if len(text) > MAX_SECRET_LENGTH:
        return Checked(
            text,
            error=(
                f"Client Secret is {len(text)} characters long, which is far longer than a "
                "LinkedIn secret. More than the secret was probably pasted; copy only the "
                "secret from the Auth tab."
            ),
        )
    findings = find_paste_problems(text)
    if findings:
        return Checked(
            text,
            error=(
                f"Client Secret contains {describe_paste_problems(findings)}. These are left "
                "over from copying; remove them."
            ),
        )
    warning = ""
    if len(text) < 12 or not _SECRET_SHAPE.match(text):
        warning = (
            "This does not look like a LinkedIn Client Secret, which is usually 16 or more "
            "letters, digits and the signs . _ = / +. Check that you copied the whole secret."
        )
    return Checked(text, warning=warning)


# --- contract IDs ---------------------------------------------------------------------

_CONTRACT_URN = re.compile(r"^urn:li:contract:(.+)$", re.IGNORECASE)
MAX_CONTRACT_ID_DIGITS = 20


def check_contract_id(text: str) -> Checked:
    """Clean a Recruiter Contract ID to its digits and note what was changed."""
    notes = []
    value = text
    if find_paste_problems(value):
        stripped = remove_paste_problems(value)
        notes.append("Removed spaces and invisible characters.")
        value = stripped
    match = _CONTRACT_URN.match(value)
    if match:
        value = match.group(1)
        notes.append(f"Kept only the number from the LinkedIn identifier {_shown(text.strip())}.")
    if not value:
        return Checked("", tuple(notes), error="Contract ID is empty. Type the number shown under your company name in Admin Settings.")
    if not value.isascii() or not value.isdigit():
        return Checked(
            value,
            tuple(notes),
            error=(
                f"Contract ID {_shown(value)} must contain digits only. Copy the number shown "
                "under your company name in LinkedIn Recruiter's Admin Settings."
            ),
        )
    if len(value) > MAX_CONTRACT_ID_DIGITS:
        return Checked(
            value,
            tuple(notes),
            error=f"Contract ID {_shown(value)} has {len(value)} digits, more than any LinkedIn contract ID. Check for a second number pasted with it.",
        )
    return Checked(value, tuple(notes))


def check_contract_ids(values: list[str]) -> str:
    """Return an error for the whole list (none given, duplicates), or "".

    Values are compared as `check_contract_id` cleans them, so `123456` and
    `urn:li:contract:123456` count as the same contract.
    """
    cleaned = [check_contract_id(value).value for value in values if value]
    if not cleaned:
        return "Add at least one Recruiter Contract ID."
    seen = set()
    for value in cleaned:
        if value in seen:
            return f"Contract ID {_shown(value)} is listed twice. Remove one of them."
        seen.add(value)
    return ""


# --- company values -------------------------------------------------------------------

MAX_COMPANY_NAME_LENGTH = 100


def check_company_name(text: str) -> Checked:
    value = " ".join(text.split())
    notes = ("Removed extra spaces.",) if value != text and value else ()
    if not value:
        return Checked("", error="Company name is missing. Type it as LinkedIn shows it on your company page.")
    if len(value) > MAX_COMPANY_NAME_LENGTH:
        return Checked(value, notes, error=f"Company name is {len(value)} characters long; use at most {MAX_COMPANY_NAME_LENGTH}, the name as your LinkedIn company page shows it.")
    return Checked(value, notes)


_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TOP_LEVEL_LABEL = re.compile(r"^(xn--[a-z0-9-]+|[a-z]{2,63})$")
# A scheme written without "//", such as "mailto:" or "javascript:". A host name with a
# port ("example.com:8080") does not match, because a port starts with a digit.
_SCHEME_WITHOUT_SLASHES = re.compile(r"^[a-z][a-z0-9+.\-]*:(?!\d)", re.IGNORECASE)


def check_website(text: str) -> Checked:
    """Check a website URL: http or https and a public host name such as www.example.com."""
    value = text.strip()
    notes: list[str] = []
    if not value:
        return Checked("", error="Website URL is missing. Type your company's home page, such as https://www.example.com.")
    # Imported after the empty check, so a fresh start does not load email-validator.
    from email_validator import SPECIAL_USE_DOMAIN_NAMES

    if value != text:
        notes.append("Removed spaces and line breaks around the address.")
    # Positions count in the text as typed, which is what the field still shows.
    leading = len(text) - len(text.lstrip())
    findings = [
        finding for finding in find_paste_problems(text) if leading < finding.position <= leading + len(value)
    ]
    if findings:
        return Checked(
            value,
            tuple(notes),
            error=f"Website URL contains {describe_paste_problems(findings)}. Remove it and type the address again.",
        )
    if "://" not in value:
        if _SCHEME_WITHOUT_SLASHES.match(value):
            return Checked(
                value,
                tuple(notes),
                error=f"Website URL {_shown(value)} must start with http:// or https://, such as https://www.example.com.",
            )
        value = "https://" + value
        notes.append(f"Added https:// in front: {value}")
    try:
        parts = urlsplit(value)
        # Reading the port raises ValueError for one that is not a number or out of range.
        parts.port
    except ValueError:
        return Checked(value, tuple(notes), error=f"Website URL {_shown(value)} is not a valid address. Type it as your browser shows it, such as https://www.example.com.")
    if parts.scheme.lower() not in ("http", "https"):
        return Checked(value, tuple(notes), error=f"Website URL must start with http:// or https://, not {parts.scheme}://.")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return Checked(value, tuple(notes), error=f"Website URL {_shown(value)} has no host name. Type it as https://www.example.com.")
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return Checked(value, tuple(notes), error=f"Website URL host {_shown(host)} is not a valid host name.")
    labels = ascii_host.split(".")
    if (
        len(labels) < 2
        or not all(_HOST_LABEL.match(label) for label in labels)
        or not _TOP_LEVEL_LABEL.match(labels[-1])
        # Special-use names from IANA's registry, as email-validator lists them, such as
        # .local and .test, are not public host names.
        or labels[-1] in SPECIAL_USE_DOMAIN_NAMES
    ):
        return Checked(
            value,
            tuple(notes),
            error=f"Website URL host {_shown(host)} is not a public host name. Use your company's public home page, such as www.example.com.",
        )
    if parts.username or parts.password:
        return Checked(value, tuple(notes), error="Website URL must not contain a user name or password.")
    return Checked(value, tuple(notes))


def check_email(text: str, field_name: str) -> Checked:
    """Check the syntax of an email address; the text is kept with its case as typed.

    Raises nothing: every problem comes back as an error naming `field_name`.
    """
    findings = find_paste_problems(text)
    value = text
    notes: tuple[str, ...] = ()
    if findings and remove_paste_problems(text) == text.strip(" \t\r\n\u00a0\u200b\ufeff"):
        # Only surrounding characters: safe to remove without changing the address.
        value = remove_paste_problems(text)
        notes = (f"Removed {describe_paste_problems(findings)}.",)
    elif findings:
        return Checked(
            text,
            error=f"{field_name} contains {describe_paste_problems(findings)}. Remove it and type the address again.",
        )
    if not value:
        return Checked("", notes, error=f"{field_name} is missing.")
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as error:
        return Checked(value, notes, error=f"{field_name} {_shown(value)} is not a valid email address: {error}")
    return Checked(value, notes)


def check_phone(text: str, default_region: str = "US") -> Checked:
    """Check a business phone number; numbers without a + are read as US numbers."""
    value = text.strip()
    if not value:
        return Checked("", error="Business phone is missing. Type a number where LinkedIn can reach the company.")
    import phonenumbers

    try:
        number = phonenumbers.parse(value, default_region)
    except phonenumbers.NumberParseException:
        return Checked(value, error=f"Business phone {_shown(value)} is not a phone number. Type it with the area code, such as (415) 555-0132.")
    if not phonenumbers.is_valid_number(number):
        return Checked(
            value,
            error=f"Business phone {_shown(value)} is not a valid number. Check the area code and the number of digits; add +country code for numbers outside the US.",
        )
    formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    notes = (f"Written in international form: {formatted}",) if formatted != value else ()
    return Checked(formatted, notes)


def check_person_name(text: str, field_name: str) -> Checked:
    value = " ".join(text.split())
    if not value:
        return Checked("", error=f"{field_name} is missing.")
    if len(value) > 100:
        return Checked(value, error=f"{field_name} is {len(value)} characters long; keep it under 100.")
    return Checked(value)


@dataclass
class FormErrors:
    """Errors by field name, collected for a page."""

    errors: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, checked: Checked) -> None:
        if checked.error:
            self.errors[name] = checked.error

    @property
    def ok(self) -> bool:
        return not self.errors

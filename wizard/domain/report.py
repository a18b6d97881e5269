"""The support report: a JSON document that describes a setup for support staff, and its parser.

The report is built field by field from allow-lists, so a value added to the model later
stays out of reports until someone adds it here. The model contains no secret, so the
client secret appears only as its fingerprint (`len:12hex`, see wizard.domain.secret).

A report that comes back from a customer is untrusted input. `parse_report` checks its
size, nesting, JSON syntax, schema version, field types and required fields, and raises
ReportError with a message naming what is wrong. It never returns a partly read report.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

from wizard import APP_NAME, __version__
from wizard.domain import checklist
from wizard.domain.checklist import CheckResult, Facts, Status
from wizard.domain.model import SCHEMA_VERSION as SETUP_SCHEMA_VERSION
from wizard.domain.model import ModelError, SetupState

REPORT_SCHEMA_VERSION = 1
REPORT_KIND = "csa-setup-support-report"
MAX_REPORT_BYTES = 5 * 1024 * 1024
# A report written by this program nests four levels; the margin allows later additions.
MAX_NESTING_DEPTH = 32

PERSONAL_DATA_NOTE = (
    "The seats list contains recruiters' names and the email addresses they sign in to "
    "LinkedIn with. These are personal data: send this report only to the support team "
    "handling your case, and delete it when the case is closed."
)

# Allow-lists: the SetupState fields copied into a report. "company", "last_test" and
# "seats" are nested objects with their own lists below.
STATE_FIELDS = (
    "current_step",
    "plan",
    "contract_ids",
    "contact_name",
    "contact_email",
    "client_id",
    "secret_backend",
    "secret_fingerprint",
    "secret_saved_at",
    "email_recipient",
    "email_sent_on",
    "approved_on",
    "sdk_domain_added",
    "sdk_domain_updated",
    "jazzhr_saved_on",
    "step_completed_at",
)
NESTED_STATE_FIELDS = ("company", "last_test", "seats")
COMPANY_FIELDS = ("name", "website", "business_email", "business_phone", "logo_path", "logo_width", "logo_height")
TEST_FIELDS = ("outcome", "tested_at", "client_id", "secret_fingerprint", "detail", "proxy_host")
SEAT_FIELDS = ("name", "email", "completed_on")

# The setup fields every schema 1 report has. Fields added to the model later must stay
# optional here, so that older reports still open.
_REQUIRED_SETUP_FIELDS = (*STATE_FIELDS, *NESTED_STATE_FIELDS)

# The characters that decide nesting in JSON text: quotes, backslashes and brackets.
_JSON_SIGNIFICANT = re.compile(r'["\\\[\]{}]')


class ReportError(ValueError):
    """A support report that cannot be read. The message names the problem for the user."""


@dataclass(frozen=True)
class Report:
    """A parsed support report: who wrote it, when, the setup it describes and its checks."""

    schema_version: int
    program_version: str
    exported_at: str
    platform: str
    keychain_backend: str
    company_name: str
    profile_id: str
    facts: Facts
    state: SetupState
    # The checklist as the exporting program evaluated it.
    checks: tuple[CheckResult, ...]

    def evaluate(self) -> list[CheckResult]:
        """Evaluate the checklist again from the report's values, with this program's checks."""
        return checklist.evaluate(self.state, self.facts)


# --- writing ------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value


def _pick(source: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: _plain(getattr(source, name)) for name in names}


def build_report(
    state: SetupState,
    facts: Facts,
    *,
    profile_id: str,
    platform: str,
    exported_at: str,
    keychain_backend: str,
    program_version: str = __version__,
) -> dict[str, Any]:
    """Build the report as a JSON-ready dict from allow-listed fields of the setup.

    `exported_at` is an ISO 8601 time. The checklist is evaluated here, so the report
    records what the exporting program saw.
    """
    setup: dict[str, Any] = {"schema_version": SETUP_SCHEMA_VERSION, **_pick(state, STATE_FIELDS)}
    setup["company"] = _pick(state.company, COMPANY_FIELDS)
    setup["last_test"] = _pick(state.last_test, TEST_FIELDS)
    setup["seats"] = [_pick(seat, SEAT_FIELDS) for seat in state.seats]
    return {
        "schema_version": REPORT_SCHEMA_VERSION,
        "kind": REPORT_KIND,
        "program": {"name": APP_NAME, "version": program_version},
        "exported_at": exported_at,
        "platform": platform,
        "company_name": state.company.name,
        "profile": {"id": profile_id, "ats_name": facts.ats_name, "sdk_domain": facts.sdk_domain},
        "keychain": {
            "backend": keychain_backend,
            "usable": facts.keychain_usable,
            "secret_fingerprint": facts.keychain_fingerprint,
            "error": facts.keychain_error,
        },
        "personal_data_note": PERSONAL_DATA_NOTE,
        "setup": setup,
        "checks": [result.to_dict() for result in checklist.evaluate(state, facts)],
    }


def encode_report(report: dict[str, Any]) -> bytes:
    """Serialise a report as indented UTF-8 JSON, the form written to files."""
    return (json.dumps(report, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


# --- reading ------------------------------------------------------------------------------


def nesting_depth(text: str, limit: int) -> int:
    """Return how deeply lists and objects nest in JSON text, counting no further than limit + 1.

    Brackets inside strings are skipped. The scan needs no parser, so it is safe on input
    that would exhaust the JSON decoder's recursion.
    """
    # One linear pass over the characters that matter: a regular expression for whole
    # strings backtracks badly on an unterminated string of escaped quotes.
    depth = deepest = 0
    in_string = False
    skip_until = -1
    for match in _JSON_SIGNIFICANT.finditer(text):
        position = match.start()
        if position <= skip_until:
            continue
        character = match.group()
        if in_string:
            if character == "\\":
                skip_until = position + 1
            elif character == '"':
                in_string = False
        elif character == '"':
            in_string = True
        elif character in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
        elif character in "]}":
            depth -= 1
    return deepest


def parse_report(data: bytes) -> Report:
    """Parse and check a support report's bytes. Raises ReportError naming what is wrong."""
    if len(data) > MAX_REPORT_BYTES:
        raise ReportError(
            f"The file is {len(data):,} bytes long; a support report is at most "
            f"{MAX_REPORT_BYTES // (1024 * 1024)} MB, so this is not one."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ReportError(f"The file is not UTF-8 text (invalid byte at offset {error.start}), so it is not a support report.") from None
    if nesting_depth(text, MAX_NESTING_DEPTH) > MAX_NESTING_DEPTH:
        raise ReportError(
            f"The file nests lists or objects more than {MAX_NESTING_DEPTH} levels deep; "
            "a support report is much flatter, so this is not one."
        )
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReportError(f"The file is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}).") from None
    except RecursionError:
        raise ReportError("The file nests lists or objects too deeply to be a support report.") from None
    except ValueError as error:
        # Python's int() limit on digits raises a plain ValueError from inside the decoder.
        raise ReportError(f"The file could not be read as JSON: {error}.") from None
    return _read_document(document)


def _read_document(document: Any) -> Report:
    if not isinstance(document, dict):
        raise ReportError(f"The file contains {_kind_name(document)}, not a JSON object, so it is not a support report.")
    fields = _Fields(document, "")
    kind = document.get("kind")
    if kind != REPORT_KIND:
        found = "it has no kind field" if kind is None else f"its kind is {kind!r}"
        raise ReportError(f"The file is not a {APP_NAME} support report: {found}, expected {REPORT_KIND!r}.")
    version = fields.number("schema_version")
    if version > REPORT_SCHEMA_VERSION:
        raise ReportError(
            f"The report uses schema version {version}, which a newer version of {APP_NAME} wrote; "
            f"this version reads up to {REPORT_SCHEMA_VERSION}. Update {APP_NAME} to open it."
        )
    if version < 1:
        raise ReportError(f"The report's schema_version {version} is not valid; it starts at 1.")

    program = fields.object("program")
    exported_at = fields.text("exported_at")
    try:
        dt.datetime.fromisoformat(exported_at)
    except ValueError:
        raise ReportError(f"Field exported_at is {exported_at!r}, not a date and time.") from None
    profile = fields.object("profile")
    keychain = fields.object("keychain")
    keychain_fingerprint = keychain.optional_text("secret_fingerprint")
    if keychain_fingerprint and not checklist.FINGERPRINT_PATTERN.match(keychain_fingerprint):
        raise ReportError("Field keychain.secret_fingerprint is not a fingerprint (length, a colon and 12 hex digits).")
    facts = Facts(
        ats_name=profile.text("ats_name"),
        sdk_domain=profile.text("sdk_domain"),
        keychain_usable=keychain.optional_flag("usable"),
        keychain_fingerprint=keychain_fingerprint,
        keychain_error=keychain.text("error"),
    )
    state = _read_setup(fields.raw_object("setup"))
    return Report(
        schema_version=version,
        program_version=program.text("version"),
        exported_at=exported_at,
        platform=fields.text("platform"),
        keychain_backend=keychain.text("backend"),
        company_name=fields.text("company_name"),
        profile_id=profile.text("id"),
        facts=facts,
        state=state,
        checks=tuple(_read_check(item) for item in fields.object_list("checks")),
    )


def _read_setup(setup: dict[str, Any]) -> SetupState:
    missing = [name for name in ("schema_version", *_REQUIRED_SETUP_FIELDS) if name not in setup]
    if missing:
        raise ReportError(f"The report's setup section lacks the field{'s' if len(missing) > 1 else ''} {', '.join(missing)}.")
    version = setup["schema_version"]
    if isinstance(version, int) and not isinstance(version, bool) and version > SETUP_SCHEMA_VERSION:
        raise ReportError(
            f"The report's setup uses schema version {version}, which a newer version of {APP_NAME} wrote; "
            f"this version reads up to {SETUP_SCHEMA_VERSION}. Update {APP_NAME} to open it."
        )
    try:
        state = SetupState.from_dict(setup)
    except ModelError as error:
        raise ReportError(f"The report's setup section is invalid: {error}.") from None
    fingerprint = state.secret_fingerprint
    if fingerprint and not checklist.FINGERPRINT_PATTERN.match(fingerprint):
        raise ReportError("Field setup.secret_fingerprint is not a fingerprint (length, a colon and 12 hex digits).")
    return state


def _read_check(fields: _Fields) -> CheckResult:
    status_text = fields.text("status")
    try:
        status = Status(status_text)
    except ValueError:
        known = ", ".join(status.value for status in Status)
        raise ReportError(f"Field {fields.prefix}status has the unknown value {status_text!r} (known: {known}).") from None
    return CheckResult(
        id=fields.text("id"),
        group=fields.text("group"),
        group_title=fields.text("group_title"),
        title=fields.text("title"),
        status=status,
        detail=fields.text("detail"),
        fix=fields.text("fix"),
    )


def _kind_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


class _Fields:
    """Typed, required access to one JSON object of a report; errors name the field's path."""

    def __init__(self, data: dict[str, Any], prefix: str) -> None:
        self._data = data
        self.prefix = prefix

    def _get(self, key: str, expected: str, accept: Any) -> Any:
        if key not in self._data:
            raise ReportError(f"Field {self.prefix}{key} is missing from the report.")
        value = self._data[key]
        if not accept(value):
            raise ReportError(f"Field {self.prefix}{key} should be {expected}, not {_kind_name(value)}.")
        return value

    def text(self, key: str) -> str:
        return self._get(key, "text", lambda value: isinstance(value, str))

    def optional_text(self, key: str) -> str | None:
        return self._get(key, "text or null", lambda value: value is None or isinstance(value, str))

    def optional_flag(self, key: str) -> bool | None:
        return self._get(key, "true, false or null", lambda value: value is None or isinstance(value, bool))

    def number(self, key: str) -> int:
        return self._get(
            key, "a whole number", lambda value: isinstance(value, int) and not isinstance(value, bool)
        )

    def raw_object(self, key: str) -> dict[str, Any]:
        return self._get(key, "an object", lambda value: isinstance(value, dict))

    def object(self, key: str) -> _Fields:
        return _Fields(self.raw_object(key), f"{self.prefix}{key}.")

    def object_list(self, key: str) -> list[_Fields]:
        values = self._get(key, "a list", lambda value: isinstance(value, list))
        items = []
        for index, value in enumerate(values, start=1):
            if not isinstance(value, dict):
                raise ReportError(f"Item {index} of field {self.prefix}{key} should be an object, not {_kind_name(value)}.")
            items.append(_Fields(value, f"{self.prefix}{key}[{index}]."))
        return items

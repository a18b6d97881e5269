"""The setup model: every value the user enters, the progress through the steps, and
its JSON form.

The client secret is not part of the model. Only its fingerprint and the name of the
keychain backend that stored it are kept, so the checklist and the support report can
describe it without reading it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

SCHEMA_VERSION = 1


class Plan(str, Enum):
    """The LinkedIn Recruiter plan the user says the company has."""

    UNKNOWN = ""
    CORPORATE = "corporate"
    LITE = "lite"
    UNSURE = "unsure"


class StepId(str, Enum):
    """The wizard's steps, in order. The values are stored in settings and reports."""

    BEFORE_START = "before_start"
    CONTRACT = "contract"
    APPLICATION = "application"
    CREDENTIALS = "credentials"
    ACTIVATION_EMAIL = "activation_email"
    APPROVAL = "approval"
    SDK_DOMAIN = "sdk_domain"
    JAZZHR = "jazzhr"
    DONE = "done"


@dataclass
class Company:
    """The company's values typed into LinkedIn's "create app" form."""

    name: str = ""
    website: str = ""
    business_email: str = ""
    business_phone: str = ""
    logo_path: str = ""
    # Pixel size of the logo when it was last checked; (0, 0) when unknown.
    logo_width: int = 0
    logo_height: int = 0


@dataclass
class CredentialTestRecord:
    """The outcome of the last credential test, tied to the values it tested."""

    outcome: str = ""
    tested_at: str = ""
    client_id: str = ""
    secret_fingerprint: str = ""
    detail: str = ""
    proxy_host: str = ""


@dataclass
class SeatBinding:
    """One recruiter's LinkedIn Recruiter seat, bound to their JazzHR user."""

    name: str = ""
    email: str = ""
    completed_on: str = ""


@dataclass
class SetupState:
    """Everything the program keeps between runs, apart from the secret itself."""

    current_step: StepId = StepId.BEFORE_START
    plan: Plan = Plan.UNKNOWN
    contract_ids: list[str] = field(default_factory=list)
    company: Company = field(default_factory=Company)
    contact_name: str = ""
    contact_email: str = ""
    client_id: str = ""
    # Set when the secret was stored: the keychain backend that stores it, and its fingerprint.
    secret_backend: str = ""
    secret_fingerprint: str = ""
    secret_saved_at: str = ""
    email_recipient: str = ""
    email_sent_on: str = ""
    approved_on: str = ""
    sdk_domain_added: bool = False
    sdk_domain_updated: bool = False
    jazzhr_saved_on: str = ""
    step_completed_at: dict[str, str] = field(default_factory=dict)
    last_test: CredentialTestRecord = field(default_factory=CredentialTestRecord)
    seats: list[SeatBinding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["current_step"] = self.current_step.value
        data["plan"] = self.plan.value
        return {"schema_version": SCHEMA_VERSION, **data}

    @classmethod
    def from_dict(cls, data: Any) -> SetupState:
        """Build a state from parsed JSON, raising ModelError on a wrong shape."""
        if not isinstance(data, dict):
            raise ModelError("the file does not contain a JSON object")
        version = data.get("schema_version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise ModelError("the schema_version field is missing or not a number")
        if version > SCHEMA_VERSION:
            raise ModelError(
                f"it was written by a newer version of the program (schema {version}, "
                f"this version reads up to {SCHEMA_VERSION})"
            )
        reader = _Reader(data)
        state = cls(
            current_step=reader.enum("current_step", StepId, StepId.BEFORE_START),
            plan=reader.enum("plan", Plan, Plan.UNKNOWN),
            contract_ids=reader.str_list("contract_ids"),
            company=_read_company(reader.object("company")),
            contact_name=reader.text("contact_name"),
            contact_email=reader.text("contact_email"),
            client_id=reader.text("client_id"),
            secret_backend=reader.text("secret_backend"),
            secret_fingerprint=reader.text("secret_fingerprint"),
            secret_saved_at=reader.text("secret_saved_at"),
            email_recipient=reader.text("email_recipient"),
            email_sent_on=reader.text("email_sent_on"),
            approved_on=reader.text("approved_on"),
            sdk_domain_added=reader.flag("sdk_domain_added"),
            sdk_domain_updated=reader.flag("sdk_domain_updated"),
            jazzhr_saved_on=reader.text("jazzhr_saved_on"),
            step_completed_at=reader.str_dict("step_completed_at"),
            last_test=_read_test(reader.object("last_test")),
            seats=[_read_seat(item) for item in reader.object_list("seats")],
        )
        return state


class ModelError(ValueError):
    """A stored setup or report that does not have the expected shape."""


class _Reader:
    """Typed access to a JSON object; every wrong type names the field."""

    def __init__(self, data: dict[str, Any], prefix: str = "") -> None:
        self._data = data
        self._prefix = prefix

    def _get(self, key: str, kind: type | tuple[type, ...], default: Any) -> Any:
        value = self._data.get(key, default)
        if value is None:
            return default
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            expected = kind.__name__ if isinstance(kind, type) else kind[0].__name__
            raise ModelError(
                f"field {self._prefix}{key} should be {_KIND_NAMES.get(expected, expected)}, "
                f"not {_KIND_NAMES.get(type(value).__name__, type(value).__name__)}"
            )
        return value

    def text(self, key: str) -> str:
        value = self._get(key, str, "")
        if not _is_encodable(value):
            # JSON escapes can spell lone surrogates, which no UTF-8 file can hold again.
            raise ModelError(f"field {self._prefix}{key} contains an invalid character (a lone surrogate escape)")
        return value

    def flag(self, key: str) -> bool:
        return self._get(key, bool, False)

    def number(self, key: str) -> int:
        return self._get(key, int, 0)

    def enum(self, key: str, kind: type[Enum], default: Enum) -> Any:
        """Return the member named by the field; a missing or empty field gives `default`."""
        value = self.text(key)
        if not value:
            return default
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(repr(member.value) for member in kind)
            raise ModelError(
                f"field {self._prefix}{key} has the unknown value {value!r} (known: {allowed})"
            ) from None

    def str_list(self, key: str) -> list[str]:
        values = self._get(key, list, [])
        for index, value in enumerate(values):
            if not isinstance(value, str):
                raise ModelError(f"item {index + 1} of field {self._prefix}{key} should be text")
            if not _is_encodable(value):
                raise ModelError(f"item {index + 1} of field {self._prefix}{key} contains an invalid character")
        return list(values)

    def str_dict(self, key: str) -> dict[str, str]:
        values = self._get(key, dict, {})
        for name, value in values.items():
            if not isinstance(value, str):
                raise ModelError(f"field {self._prefix}{key}.{name} should be text")
            if not (_is_encodable(value) and _is_encodable(name)):
                raise ModelError(f"field {self._prefix}{key} contains an invalid character")
        return dict(values)

    def object(self, key: str) -> _Reader:
        return _Reader(self._get(key, dict, {}), f"{self._prefix}{key}.")

    def object_list(self, key: str) -> list[_Reader]:
        values = self._get(key, list, [])
        readers = []
        for index, value in enumerate(values):
            if not isinstance(value, dict):
                raise ModelError(f"item {index + 1} of field {self._prefix}{key} should be an object")
            readers.append(_Reader(value, f"{self._prefix}{key}[{index + 1}]."))
        return readers


def _is_encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_KIND_NAMES = {
    "str": "text",
    "bool": "true or false",
    "int": "a whole number",
    "list": "a list",
    "dict": "an object",
    "float": "a number",
    "NoneType": "null",
}


def _read_company(reader: _Reader) -> Company:
    return Company(
        name=reader.text("name"),
        website=reader.text("website"),
        business_email=reader.text("business_email"),
        business_phone=reader.text("business_phone"),
        logo_path=reader.text("logo_path"),
        logo_width=reader.number("logo_width"),
        logo_height=reader.number("logo_height"),
    )


def _read_test(reader: _Reader) -> CredentialTestRecord:
    return CredentialTestRecord(
        outcome=reader.text("outcome"),
        tested_at=reader.text("tested_at"),
        client_id=reader.text("client_id"),
        secret_fingerprint=reader.text("secret_fingerprint"),
        detail=reader.text("detail"),
        proxy_host=reader.text("proxy_host"),
    )


def _read_seat(reader: _Reader) -> SeatBinding:
    return SeatBinding(
        name=reader.text("name"),
        email=reader.text("email"),
        completed_on=reader.text("completed_on"),
    )


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def timestamp() -> str:
    """Return the current UTC time as an ISO 8601 string, as the model stores times."""
    return now_utc().isoformat()


def today() -> str:
    return dt.date.today().isoformat()

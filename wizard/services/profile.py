"""Profiles: what differs between applicant tracking systems, loaded from a JSON file.

An empty value means no public source confirms it, so the program prompts the user instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

PROFILE_SCHEMA_VERSION = 1
MAX_PROFILE_BYTES = 256 * 1024


class ProfileError(ValueError):
    """A profile file that cannot be used. The message names the file and the field."""


@dataclass(frozen=True)
class Profile:
    """One applicant tracking system's values."""

    id: str
    ats_name: str
    ats_app_url: str
    ats_integrations_url: str
    sdk_domain: str
    email_subject: str
    email_recipient: str
    recruiter_url: str
    developer_apps_url: str
    create_app_url: str
    token_endpoint: str
    path: str = ""

    @property
    def integrations_page_url(self) -> str:
        """Return the integrations page, or the app's home page where the profile has none."""
        return self.ats_integrations_url or self.ats_app_url


# Profile attributes that contain web addresses, with their field names in the profile file.
_URL_FIELDS = (
    ("ats_app_url", "ats_app_url"),
    ("ats_integrations_url", "ats_integrations_url"),
    ("recruiter_url", "linkedin.recruiter_url"),
    ("developer_apps_url", "linkedin.developer_apps_url"),
    ("create_app_url", "linkedin.create_app_url"),
    ("token_endpoint", "linkedin.token_endpoint"),
)


def load_profile(path: Path) -> Profile:
    """Read and check a profile file. Raises ProfileError naming the problem."""
    try:
        if path.stat().st_size > MAX_PROFILE_BYTES:
            raise ProfileError(f"Profile {path} is too large to be a profile.")
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"Profile {path} was not found. Check the path given with --profile.") from None
    except OSError as error:
        raise ProfileError(f"Profile {path} could not be read: {error.strerror}.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ProfileError(f"Profile {path} is not valid JSON: {error}.") from None
    except RecursionError:
        raise ProfileError(f"Profile {path} is nested too deeply to be a profile.") from None
    except ValueError as error:
        # For example a number with more digits than Python converts.
        raise ProfileError(f"Profile {path} could not be read: {error}.") from None
    if not isinstance(data, dict):
        raise ProfileError(f"Profile {path} must contain a JSON object.")
    version = data.get("schema_version")
    if version != PROFILE_SCHEMA_VERSION:
        raise ProfileError(f"Profile {path} has schema_version {version!r}; this program reads version {PROFILE_SCHEMA_VERSION}.")

    def text(container: dict, key: str, label: str, required: bool = False) -> str:
        value = container.get(key, "")
        if not isinstance(value, str):
            raise ProfileError(f"Profile {path}: field {label} must be text.")
        if required and not value.strip():
            raise ProfileError(f"Profile {path}: field {label} is required.")
        return value.strip()

    email = data.get("activation_email", {})
    linkedin = data.get("linkedin", {})
    for name, section in (("activation_email", email), ("linkedin", linkedin)):
        if not isinstance(section, dict):
            raise ProfileError(f"Profile {path}: field {name} must be an object.")
    profile = Profile(
        id=text(data, "id", "id", required=True),
        ats_name=text(data, "ats_name", "ats_name", required=True),
        ats_app_url=text(data, "ats_app_url", "ats_app_url"),
        ats_integrations_url=text(data, "ats_integrations_url", "ats_integrations_url"),
        sdk_domain=text(data, "sdk_domain", "sdk_domain"),
        email_subject=text(email, "subject", "activation_email.subject", required=True),
        email_recipient=text(email, "recipient", "activation_email.recipient"),
        recruiter_url=text(linkedin, "recruiter_url", "linkedin.recruiter_url"),
        developer_apps_url=text(linkedin, "developer_apps_url", "linkedin.developer_apps_url"),
        create_app_url=text(linkedin, "create_app_url", "linkedin.create_app_url"),
        token_endpoint=text(linkedin, "token_endpoint", "linkedin.token_endpoint"),
        path=str(path),
    )
    for name, label in _URL_FIELDS:
        value = getattr(profile, name)
        if value and not _is_web_address(value):
            raise ProfileError(f"Profile {path}: field {label} must be an http or https address with a host name, not {value!r}.")
    return profile


def _is_web_address(value: str) -> bool:
    try:
        parts = urlsplit(value)
        # urlsplit checks the port only when it is read, and raises ValueError outside 0-65535.
        port = parts.port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and port != 0

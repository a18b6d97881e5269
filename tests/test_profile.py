"""Loading profiles: the shipped JazzHR profile and files that cannot be used."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import write_profile
from wizard.services import paths
from wizard.services.profile import MAX_PROFILE_BYTES, ProfileError, load_profile


def shipped_data() -> dict:
    return json.loads(paths.default_profile_file().read_text(encoding="utf-8"))


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_shipped_profile_loads() -> None:
    profile = load_profile(paths.default_profile_file())

    assert profile.id == "jazzhr"
    assert profile.ats_name == "JazzHR"
    assert profile.ats_app_url == "https://app.jazz.co"
    assert profile.email_subject == "JazzHR LinkedIn Integration Activation"
    assert profile.developer_apps_url == "https://www.linkedin.com/developers/apps"
    assert profile.token_endpoint.startswith("https://www.linkedin.com/")
    assert profile.path == str(paths.default_profile_file())


def test_shipped_profile_leaves_unconfirmed_empty() -> None:
    profile = load_profile(paths.default_profile_file())

    assert profile.email_recipient == ""
    assert profile.ats_integrations_url == ""
    assert profile.integrations_page_url == profile.ats_app_url


def test_test_profile_overrides(tmp_path: Path) -> None:
    path = write_profile(tmp_path, token_endpoint="http://127.0.0.1:8123/oauth/v2/accessToken", recipient="csa@example.com")

    profile = load_profile(path)

    assert profile.token_endpoint == "http://127.0.0.1:8123/oauth/v2/accessToken"
    assert profile.email_recipient == "csa@example.com"
    assert profile.id.startswith("test-")


def test_values_are_trimmed(tmp_path: Path) -> None:
    data = shipped_data()
    data["ats_name"] = "  JazzHR \n"

    profile = load_profile(write_json(tmp_path / "profile.json", data))

    assert profile.ats_name == "JazzHR"


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.json"

    with pytest.raises(ProfileError) as caught:
        load_profile(path)

    assert str(caught.value) == f"Profile {path} was not found. Check the path given with --profile."


def test_folder_given(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="could not be read"):
        load_profile(tmp_path)


@pytest.mark.parametrize("content", [b"{not json", b"", b"\xff\xfe\x00\x01"])
def test_not_json(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "profile.json"
    path.write_bytes(content)

    with pytest.raises(ProfileError) as caught:
        load_profile(path)

    assert f"Profile {path} is not valid JSON" in str(caught.value)


def test_not_an_object(tmp_path: Path) -> None:
    path = write_json(tmp_path / "profile.json", ["jazzhr"])

    with pytest.raises(ProfileError, match="must contain a JSON object"):
        load_profile(path)


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "profile.json"
    path.write_bytes(b" " * (MAX_PROFILE_BYTES + 1))

    with pytest.raises(ProfileError, match="too large to be a profile"):
        load_profile(path)


@pytest.mark.parametrize("version", [2, 0, "1", None])
def test_wrong_schema(tmp_path: Path, version: object) -> None:
    data = shipped_data()
    data["schema_version"] = version

    with pytest.raises(ProfileError) as caught:
        load_profile(write_json(tmp_path / "profile.json", data))

    assert f"has schema_version {version!r}" in str(caught.value)


def test_schema_missing(tmp_path: Path) -> None:
    data = shipped_data()
    del data["schema_version"]

    with pytest.raises(ProfileError, match="has schema_version None"):
        load_profile(write_json(tmp_path / "profile.json", data))


@pytest.mark.parametrize(
    ("section", "key", "label"),
    [
        (None, "ats_app_url", "ats_app_url"),
        (None, "ats_integrations_url", "ats_integrations_url"),
        ("linkedin", "recruiter_url", "linkedin.recruiter_url"),
        ("linkedin", "developer_apps_url", "linkedin.developer_apps_url"),
        ("linkedin", "create_app_url", "linkedin.create_app_url"),
        ("linkedin", "token_endpoint", "linkedin.token_endpoint"),
    ],
)
@pytest.mark.parametrize(
    "address", ["ftp://www.linkedin.com/x", "javascript:alert(1)", "www.linkedin.com", "https:www.linkedin.com", "http://", "http://[::1"]
)
def test_non_web_address_rejected(tmp_path: Path, section: str | None, key: str, label: str, address: str) -> None:
    data = shipped_data()
    (data[section] if section else data)[key] = address

    with pytest.raises(ProfileError) as caught:
        load_profile(write_json(tmp_path / "profile.json", data))

    assert f"field {label} must be an http or https address" in str(caught.value)
    assert repr(address) in str(caught.value)


@pytest.mark.parametrize(
    ("section", "key", "label"),
    [(None, "id", "id"), (None, "ats_name", "ats_name"), ("activation_email", "subject", "activation_email.subject")],
)
def test_required_field_missing(tmp_path: Path, section: str | None, key: str, label: str) -> None:
    data = shipped_data()
    del (data[section] if section else data)[key]
    path = write_json(tmp_path / "profile.json", data)

    with pytest.raises(ProfileError) as caught:
        load_profile(path)

    assert str(caught.value) == f"Profile {path}: field {label} is required."


def test_required_field_blank(tmp_path: Path) -> None:
    data = shipped_data()
    data["id"] = "   "

    with pytest.raises(ProfileError, match="field id is required"):
        load_profile(write_json(tmp_path / "profile.json", data))


@pytest.mark.parametrize(
    ("section", "key", "label"),
    [(None, "ats_name", "ats_name"), ("linkedin", "token_endpoint", "linkedin.token_endpoint"), ("activation_email", "recipient", "activation_email.recipient")],
)
def test_wrong_type_names_field(tmp_path: Path, section: str | None, key: str, label: str) -> None:
    data = shipped_data()
    (data[section] if section else data)[key] = 5

    with pytest.raises(ProfileError, match=f"field {label} must be text"):
        load_profile(write_json(tmp_path / "profile.json", data))


@pytest.mark.parametrize("section", ["linkedin", "activation_email"])
def test_section_not_object(tmp_path: Path, section: str) -> None:
    data = shipped_data()
    data[section] = ["https://www.linkedin.com/"]

    with pytest.raises(ProfileError, match=f"field {section} must be an object"):
        load_profile(write_json(tmp_path / "profile.json", data))


def test_deeply_nested_profile_rejected(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(ProfileError, match="nested too deeply"):
        load_profile(path)


def test_huge_number_profile_rejected(tmp_path):
    path = tmp_path / "digits.json"
    path.write_text('{"schema_version": ' + "9" * 5000 + "}", encoding="utf-8")
    with pytest.raises(ProfileError, match="could not be read"):
        load_profile(path)

"""The credential test's pure part: classifying responses, messages, records and staleness."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from wizard.domain.credential_test import (
    MAX_SERVER_TEXT,
    CredentialTestResult,
    Outcome,
    classify_response,
    credentials_verified,
    describe_record,
    explain,
    format_duration,
    host_of,
    is_stale,
    make_record,
    outcome_title,
    parse_retry_after,
    paste_findings,
    technical_detail,
)
from wizard.domain.model import CredentialTestRecord, SetupState
from wizard.domain.secret import Secret

ENDPOINT = "https://www.linkedin.com/oauth/v2/accessToken"
SECRET_TEXT = "WPL_AP1.Zq8/Kf+3xY=Lm2Wn"
TOKEN = "AQV-classify-token-123456"


def body(document: object) -> bytes:
    return json.dumps(document).encode("utf-8")


def oauth_error(code: str, description: str = "") -> bytes:
    document = {"error": code}
    if description:
        document["error_description"] = description
    return body(document)


JSON = {"Content-Type": "application/json"}


# --- classify_response ----------------------------------------------------------------------


def test_classify_accepted_with_number():
    result = classify_response(200, JSON, body({"access_token": TOKEN, "expires_in": 1800}))

    assert result.outcome is Outcome.ACCEPTED
    assert result.expires_in == 1800
    assert TOKEN not in repr(result)


def test_classify_accepted_with_string():
    result = classify_response(200, JSON, body({"access_token": TOKEN, "expires_in": "1800"}))

    assert result.outcome is Outcome.ACCEPTED
    assert result.expires_in == 1800


def test_classify_accepted_with_odd_expiry():
    result = classify_response(200, JSON, body({"access_token": TOKEN, "expires_in": "soon"}))

    assert result.outcome is Outcome.ACCEPTED
    assert result.expires_in is None


@pytest.mark.parametrize("status", [400, 401, 403, 503])
def test_classify_access_denied_any_status(status):
    result = classify_response(status, JSON, oauth_error("access_denied", "This application is not allowed"))

    assert result.outcome is Outcome.NOT_ENABLED
    assert result.error_code == "access_denied"
    assert result.status == status


@pytest.mark.parametrize("code, status", [("invalid_client", 401), ("invalid_client_id", 400), ("invalid_client", 400)])
def test_classify_invalid_client(code, status):
    result = classify_response(status, JSON, oauth_error(code, "Client authentication failed"))

    assert result.outcome is Outcome.INVALID_CREDENTIALS
    assert result.error_code == code


def test_classify_invalid_request_is_rejected():
    result = classify_response(400, JSON, oauth_error("invalid_request", 'A required parameter "grant_type" is missing'))

    assert result.outcome is Outcome.REJECTED
    assert result.error_code == "invalid_request"
    assert result.error_description == 'A required parameter "grant_type" is missing'


@pytest.mark.parametrize(
    "status, expected",
    [(429, Outcome.RATE_LIMITED), (502, Outcome.UNAVAILABLE), (200, Outcome.REJECTED), (401, Outcome.REJECTED)],
)
def test_classify_unknown_error_code_falls_back(status, expected):
    result = classify_response(status, JSON, oauth_error("something_new"))

    assert result.outcome is expected
    assert result.error_code == "something_new"


def test_classify_server_error_code():
    result = classify_response(400, JSON, oauth_error("temporarily_unavailable"))

    assert result.outcome is Outcome.UNAVAILABLE


def test_classify_error_field_before_token():
    result = classify_response(200, JSON, body({"error": "access_denied", "access_token": TOKEN}))

    assert result.outcome is Outcome.NOT_ENABLED


def test_classify_linkedin_service_error():
    document = {"message": "Not enough permissions to access this resource", "serviceErrorCode": 100, "status": 403}

    result = classify_response(403, JSON, body(document))

    assert result.outcome is Outcome.REJECTED
    assert result.error_code == "100"
    assert result.error_description == "Not enough permissions to access this resource"


def test_classify_bare_401_is_invalid_credentials():
    result = classify_response(401, {}, b"")

    assert result.outcome is Outcome.INVALID_CREDENTIALS
    assert result.error_code == ""


def test_classify_rate_limited_with_retry_after():
    result = classify_response(429, {"retry-after": "30"}, b"")

    assert result.outcome is Outcome.RATE_LIMITED
    assert result.retry_after == 30.0


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_classify_5xx_unavailable(status):
    result = classify_response(status, {}, b"")

    assert result.outcome is Outcome.UNAVAILABLE
    assert result.detail == f"HTTP {status}"


def test_classify_html_error_page():
    result = classify_response(500, {"Content-Type": "text/html"}, b"<html><body>Oops</body></html>")

    assert result.outcome is Outcome.UNAVAILABLE
    assert result.detail == "HTTP 500 with a web page instead of data"


def test_classify_html_page_with_200():
    result = classify_response(200, {}, b"  <!DOCTYPE html><html></html>")

    assert result.outcome is Outcome.UNAVAILABLE
    assert result.detail == "HTTP 200 with a web page instead of data"


def test_classify_not_json_with_200():
    result = classify_response(200, {"Content-Type": "application/json"}, b"{not json")

    assert result.outcome is Outcome.UNAVAILABLE
    assert result.detail == "HTTP 200 with a body that is not JSON"


def test_classify_json_without_token():
    result = classify_response(200, JSON, body({"expires_in": 1800}))

    assert result.outcome is Outcome.UNAVAILABLE
    assert result.detail == "HTTP 200 without a token"


def test_classify_json_array_is_not_an_answer():
    result = classify_response(200, JSON, b"[1, 2]")

    assert result.outcome is Outcome.UNAVAILABLE


def test_classify_redirect_names_host():
    result = classify_response(301, {"Location": "https://login.example.net:8443/next"}, b"", ENDPOINT)

    assert result.outcome is Outcome.REDIRECTED
    assert result.redirect_host == "login.example.net:8443"


def test_classify_relative_redirect_uses_endpoint():
    result = classify_response(302, [("location", "/elsewhere")], b"", ENDPOINT)

    assert result.outcome is Outcome.REDIRECTED
    assert result.redirect_host == "www.linkedin.com"


def test_classify_redirect_hides_login():
    result = classify_response(307, {"Location": "http://user:pw@evil.example/x"}, b"", ENDPOINT)

    assert result.redirect_host == "evil.example"


def test_classify_proxy_authentication_required():
    result = classify_response(407, {}, b"")

    assert result.outcome is Outcome.PROXY
    assert result.detail == "the proxy rejected the request (HTTP 407)"


def test_classify_other_4xx_rejected():
    result = classify_response(404, {"Content-Type": "text/html"}, b"<html>Not found</html>")

    assert result.outcome is Outcome.REJECTED
    assert result.status == 404


def test_classify_cleans_server_text():
    description = "line one\nline\ttwo\x00" + "x" * 500

    result = classify_response(400, JSON, oauth_error("invalid_request", description))

    assert "\n" not in result.error_description
    assert "\x00" not in result.error_description
    assert result.error_description.startswith("line one line two")
    assert len(result.error_description) == MAX_SERVER_TEXT


def test_classify_deeply_nested_body():
    result = classify_response(200, JSON, b"{" + b'"a":[' * 100_000)

    assert result.outcome is Outcome.UNAVAILABLE


def test_classify_undecodable_body():
    result = classify_response(503, {}, b"\xff\xfe\x00garbage")

    assert result.outcome is Outcome.UNAVAILABLE


# --- helpers --------------------------------------------------------------------------------


def test_retry_after_seconds():
    assert parse_retry_after("120") == 120.0


def test_retry_after_http_date():
    now = dt.datetime(2026, 5, 9, 12, 0, 0, tzinfo=dt.timezone.utc)

    assert parse_retry_after("Sat, 09 May 2026 12:01:30 GMT", now) == 90.0


def test_retry_after_past_date():
    now = dt.datetime(2026, 5, 9, 12, 0, 0, tzinfo=dt.timezone.utc)

    assert parse_retry_after("Sat, 09 May 2026 11:00:00 GMT", now) == 0.0


@pytest.mark.parametrize("value", ["", "soon", "-5", "1.5e3"])
def test_retry_after_unreadable(value):
    assert parse_retry_after(value) is None


@pytest.mark.parametrize(
    "seconds, text",
    [(0.2, "1 second"), (1, "1 second"), (45, "45 seconds"), (89, "89 seconds"), (89.5, "2 minutes"), (120, "2 minutes")],
)
def test_format_duration(seconds, text):
    assert format_duration(seconds) == text


@pytest.mark.parametrize(
    "url, host",
    [
        ("https://www.linkedin.com/oauth/v2/accessToken", "www.linkedin.com"),
        ("http://127.0.0.1:8080/x", "127.0.0.1:8080"),
        ("http://user:secret@proxy.example:3128", "proxy.example:3128"),
        ("http://[::1]:9/", "[::1]:9"),
        ("not a url", ""),
        ("http://host:notaport/", ""),
    ],
)
def test_host_of(url, host):
    assert host_of(url) == host


# --- messages -------------------------------------------------------------------------------


@pytest.mark.parametrize("outcome", list(Outcome))
def test_every_outcome_has_message_and_next_step(outcome):
    explanation = explain(CredentialTestResult(outcome, host="www.linkedin.com", status=400, detail="some detail"))

    assert explanation.message
    assert explanation.next_step
    assert outcome_title(outcome.value)


def test_invalid_credentials_mentions_case():
    explanation = explain(CredentialTestResult(Outcome.INVALID_CREDENTIALS, status=401, error_code="invalid_client"))

    assert explanation.message == "LinkedIn rejected the Client ID or the Client Secret (invalid_client)."
    assert "case sensitive" in explanation.next_step


def test_invalid_credentials_repeats_paste_findings():
    findings = paste_findings("93r29maplxr58u", Secret(SECRET_TEXT + " "))

    explanation = explain(CredentialTestResult(Outcome.INVALID_CREDENTIALS, status=401, error_code="invalid_client"), findings)

    assert explanation.next_step.endswith(
        "The paste check found: Client Secret contains a space at the end. These are left over from copying; remove them."
    )


def test_paste_findings_never_contain_secret():
    findings = paste_findings("93r29maplxr58u\u200b", Secret("\u00a0" + SECRET_TEXT))

    assert len(findings) == 2
    assert all(SECRET_TEXT not in finding for finding in findings)


def test_paste_findings_clean_values():
    assert paste_findings("93r29maplxr58u", Secret(SECRET_TEXT)) == ()


def test_network_message_names_proxy():
    result = CredentialTestResult(Outcome.TLS, host="www.linkedin.com", proxy_host="proxy.corp:3128", detail="bad certificate")

    assert explain(result).message == (
        "The secure connection to www.linkedin.com failed: bad certificate. "
        "The request went through the proxy proxy.corp:3128."
    )


def test_rate_limited_without_retry_after():
    explanation = explain(CredentialTestResult(Outcome.RATE_LIMITED, status=429))

    assert explanation.message == "LinkedIn is limiting requests (HTTP 429)."
    assert explanation.next_step == "Wait a few minutes, then try again."


def test_rejected_without_code():
    explanation = explain(CredentialTestResult(Outcome.REJECTED, status=404))

    assert explanation.message == "LinkedIn rejected the request with HTTP status 404."


# --- records and staleness ------------------------------------------------------------------


def make_tested_state() -> SetupState:
    secret = Secret(SECRET_TEXT)
    state = SetupState(client_id="93r29maplxr58u", secret_fingerprint=secret.fingerprint())
    result = CredentialTestResult(Outcome.ACCEPTED, host="www.linkedin.com", status=200, expires_in=1800)
    state.last_test = make_record(result, state.client_id, secret.fingerprint(), "2026-05-09T14:03:00+00:00")
    return state


def test_make_record_fields():
    result = CredentialTestResult(
        Outcome.NOT_ENABLED, status=400, error_code="access_denied", detail="HTTP 400", proxy_host="proxy.corp:3128", attempts=1
    )

    record = make_record(result, "93r29maplxr58u", "24:abcdef012345", "2026-05-09T14:03:00+00:00")

    assert record == CredentialTestRecord(
        outcome="not_enabled",
        tested_at="2026-05-09T14:03:00+00:00",
        client_id="93r29maplxr58u",
        secret_fingerprint="24:abcdef012345",
        detail="HTTP 400, error access_denied",
        proxy_host="proxy.corp:3128",
    )


def test_technical_detail_counts_tries():
    result = CredentialTestResult(Outcome.UNAVAILABLE, status=503, detail="HTTP 503", attempts=3)

    assert technical_detail(result) == "HTTP 503, 3 tries"


def test_technical_detail_accepted():
    assert technical_detail(CredentialTestResult(Outcome.ACCEPTED, status=200)) == "HTTP 200"


def test_fresh_test_not_stale():
    state = make_tested_state()

    assert not is_stale(state)
    assert credentials_verified(state)


def test_untested_state_not_stale():
    state = SetupState(client_id="93r29maplxr58u")

    assert not is_stale(state)
    assert not credentials_verified(state)


def test_secret_case_change_makes_stale():
    state = make_tested_state()
    state.secret_fingerprint = Secret(SECRET_TEXT.replace("Zq8", "zq8")).fingerprint()

    assert is_stale(state)
    assert not credentials_verified(state)


def test_client_id_change_makes_stale():
    state = make_tested_state()
    state.client_id = "93R29maplxr58u"

    assert is_stale(state)
    assert not credentials_verified(state)


def test_rejected_test_not_verified():
    state = make_tested_state()
    state.last_test.outcome = Outcome.INVALID_CREDENTIALS.value

    assert not is_stale(state)
    assert not credentials_verified(state)


def test_describe_record():
    state = make_tested_state()

    assert describe_record(state.last_test, stale=False) == "Last test 2026-05-09 14:03 UTC: credentials accepted."
    assert describe_record(state.last_test, stale=True).endswith(
        "This result is stale because the Client ID or Client Secret changed after it; test again."
    )


def test_describe_untested_record():
    assert describe_record(CredentialTestRecord(), stale=False) == "The credentials have not been tested yet."


def test_outcome_title_unknown_value():
    assert outcome_title("from_the_future") == "from_the_future"


def test_extreme_server_values_classified():
    """Values no real server sends still give an outcome, never an exception."""
    huge_wait = classify_response(429, [("Retry-After", "9" * 400)], b"", "https://127.0.0.1/token")
    assert huge_wait.outcome is Outcome.RATE_LIMITED
    assert huge_wait.retry_after is None
    long_lifetime = classify_response(200, [], b'{"access_token": "x", "expires_in": "' + b"9" * 5000 + b'"}', "")
    assert long_lifetime.outcome is Outcome.ACCEPTED
    bad_location = classify_response(302, [("Location", "http://[zz/")], b"", "https://127.0.0.1/token")
    assert bad_location.outcome is Outcome.REDIRECTED

"""The LinkedIn client against the local stand-in: request, outcomes, retries, proxies, TLS, cancel."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
import time
from urllib.parse import quote, quote_plus

import httpx
import pytest

from tests.standin import (
    BRIEF_RETRY_AFTER,
    ISSUED_TOKEN,
    LOCALHOST,
    TOKEN_PATH,
    Mode,
    free_port,
)
from wizard import __version__
from wizard.domain.credential_test import Outcome, explain
from wizard.domain.secret import Secret
from wizard.services.linkedin import LinkedInClient, environment_proxy, user_agent

pytestmark = pytest.mark.usefixtures("no_proxy_environment")

CLIENT_ID = "93r29maplxr58u"
# A recognizable secret with every character that needs URL encoding in a form body.
SECRET_TEXT = "WPL_AP1.Kq7/Zx+9Mw=Tr4/Lp+Vn=="
SECRET = Secret(SECRET_TEXT)
SECRET_FORMS = (SECRET_TEXT, quote_plus(SECRET_TEXT), quote(SECRET_TEXT, safe=""))


def fast_client(endpoint: str, **options) -> LinkedInClient:
    """A client with short timeouts and backoff, so retries cost milliseconds."""
    settings = {"connect_timeout": 2.0, "read_timeout": 2.0, "backoff": 0.01, "retry_after_cap": 2.0}
    settings.update(options)
    return LinkedInClient(endpoint, **settings)


def assert_no_secret(text: str) -> None:
    for form in SECRET_FORMS:
        assert form not in text
    assert ISSUED_TOKEN not in text


# --- one test per stand-in mode: outcome and exact message ------------------------------------

MODE_CASES = [
    (Mode.ACCEPTED, Outcome.ACCEPTED, "LinkedIn accepted the Client ID and Client Secret. The token it issued was discarded."),
    (
        Mode.ACCEPTED_EXPIRES_STRING,
        Outcome.ACCEPTED,
        "LinkedIn accepted the Client ID and Client Secret. The token it issued was discarded.",
    ),
    (
        Mode.DENIED_400,
        Outcome.NOT_ENABLED,
        "LinkedIn recognized the app but does not let it create tokens yet (access_denied).",
    ),
    (
        Mode.DENIED_401,
        Outcome.NOT_ENABLED,
        "LinkedIn recognized the app but does not let it create tokens yet (access_denied).",
    ),
    (Mode.INVALID_CLIENT, Outcome.INVALID_CREDENTIALS, "LinkedIn rejected the Client ID or the Client Secret (invalid_client)."),
    (
        Mode.INVALID_CLIENT_ID,
        Outcome.INVALID_CREDENTIALS,
        "LinkedIn rejected the Client ID or the Client Secret (invalid_client_id).",
    ),
    (
        Mode.INVALID_REQUEST,
        Outcome.REJECTED,
        'LinkedIn rejected the request with the error invalid_request: A required parameter "client_secret" is missing.',
    ),
    (
        Mode.RATE_LIMITED,
        Outcome.RATE_LIMITED,
        "LinkedIn is limiting requests and asked to wait 2 minutes before the next one.",
    ),
    (
        Mode.SERVER_ERROR_HTML,
        Outcome.UNAVAILABLE,
        "LinkedIn's token service did not return a usable response: HTTP 500 with a web page instead of data.",
    ),
    (Mode.UNAVAILABLE, Outcome.UNAVAILABLE, "LinkedIn's token service did not return a usable response: HTTP 503."),
    (
        Mode.NOT_JSON,
        Outcome.UNAVAILABLE,
        "LinkedIn's token service did not return a usable response: HTTP 200 with a body that is not JSON.",
    ),
    (
        Mode.CLOSED,
        Outcome.NETWORK,
        "The connection to {host} failed: the server closed the connection without a complete response.",
    ),
    (Mode.SLOW, Outcome.TIMEOUT, "The connection to {host} timed out: no response within 0.5 seconds."),
    (
        Mode.REDIRECT,
        Outcome.REDIRECTED,
        "The token endpoint redirected the request to {other}. CSA Setup did not follow the redirect, "
        "so the Client Secret was not sent there.",
    ),
]


@pytest.mark.parametrize("mode, outcome, message", MODE_CASES, ids=[case[0].value for case in MODE_CASES])
def test_mode_outcome_and_message(standin, other_standin, mode, outcome, message):
    standin.redirect_location = other_standin.url(Mode.ACCEPTED)

    result = fast_client(standin.url(mode), read_timeout=0.5).test(CLIENT_ID, SECRET)

    assert result.outcome is outcome
    assert explain(result).message == message.format(host=standin.host, other=other_standin.host)
    assert result.host == standin.host


def test_accepted_reads_expiry(standin):
    number = fast_client(standin.url(Mode.ACCEPTED)).test(CLIENT_ID, SECRET)
    text = fast_client(standin.url(Mode.ACCEPTED_EXPIRES_STRING)).test(CLIENT_ID, SECRET)

    assert number.expires_in == 1800
    assert text.expires_in == 1800


def test_accepted_next_step(standin):
    result = fast_client(standin.url(Mode.ACCEPTED)).test(CLIENT_ID, SECRET)

    assert explain(result).next_step == (
        "Nothing to fix. LinkedIn lets this app create tokens, which it allows once the integration is enabled."
    )


def test_rate_limited_next_step(standin):
    result = fast_client(standin.url(Mode.RATE_LIMITED)).test(CLIENT_ID, SECRET)

    assert explain(result).next_step == "Try again in 2 minutes."
    assert result.retry_after == 120


# --- the request ------------------------------------------------------------------------------


def test_request_is_form_post(standin):
    fast_client(standin.url(Mode.ACCEPTED)).test(CLIENT_ID, SECRET)

    [request] = standin.requests
    assert request.method == "POST"
    assert request.header("Content-Type") == "application/x-www-form-urlencoded"
    assert request.form == {
        "grant_type": ["client_credentials"],
        "client_id": [CLIENT_ID],
        "client_secret": [SECRET_TEXT],
    }


def test_request_url_without_secret(standin):
    fast_client(standin.url(Mode.ACCEPTED)).test(CLIENT_ID, SECRET)

    [request] = standin.requests
    assert request.path == f"/{Mode.ACCEPTED.value}{TOKEN_PATH}"
    assert "?" not in request.path
    assert_no_secret(request.path)


def test_request_body_encodes_signs(standin):
    fast_client(standin.url(Mode.ACCEPTED)).test(CLIENT_ID, SECRET)

    [request] = standin.requests
    assert b"+" not in request.body.split(b"client_secret=", 1)[1]
    assert b"/" not in request.body
    assert b"client_secret=" + quote_plus(SECRET_TEXT).encode("ascii") in request.body


def test_request_user_agent(standin):
    fast_client(standin.url(Mode.ACCEPTED)).test(CLIENT_ID, SECRET)

    [request] = standin.requests
    assert request.header("User-Agent") == f"csa-setup/{__version__}"
    assert user_agent() == f"csa-setup/{__version__}"


# --- retries ----------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", [Mode.UNAVAILABLE, Mode.SERVER_ERROR_HTML, Mode.CLOSED])
def test_retries_twice_then_reports(standin, mode):
    result = fast_client(standin.url(mode)).test(CLIENT_ID, SECRET)

    assert result.attempts == 3
    assert len(standin.requests) == 3


def test_retry_recovers(standin):
    result = fast_client(standin.url(Mode.UNAVAILABLE_ONCE)).test(CLIENT_ID, SECRET)

    assert result.outcome is Outcome.ACCEPTED
    assert result.attempts == 2
    assert len(standin.requests) == 2


@pytest.mark.parametrize(
    "mode",
    [Mode.DENIED_400, Mode.DENIED_401, Mode.INVALID_CLIENT, Mode.INVALID_CLIENT_ID, Mode.INVALID_REQUEST, Mode.NOT_JSON],
)
def test_no_retry_after_4xx_or_success(standin, mode):
    result = fast_client(standin.url(mode)).test(CLIENT_ID, SECRET)

    assert result.attempts == 1
    assert len(standin.requests) == 1


def test_no_retry_after_read_timeout(standin):
    result = fast_client(standin.url(Mode.SLOW), read_timeout=0.3).test(CLIENT_ID, SECRET)

    assert result.outcome is Outcome.TIMEOUT
    assert len(standin.requests) == 1


def test_no_retries_when_disabled(standin):
    result = fast_client(standin.url(Mode.UNAVAILABLE), max_retries=0).test(CLIENT_ID, SECRET)

    assert result.attempts == 1
    assert len(standin.requests) == 1


def test_backoff_doubles(standin):
    started = time.monotonic()

    fast_client(standin.url(Mode.UNAVAILABLE), backoff=0.2).test(CLIENT_ID, SECRET)

    # 0.2 s before the second try, 0.4 s before the third.
    assert time.monotonic() - started >= 0.6
    assert len(standin.requests) == 3


def test_retry_after_honoured(standin):
    started = time.monotonic()

    result = fast_client(standin.url(Mode.RATE_LIMITED_BRIEFLY), max_retries=1).test(CLIENT_ID, SECRET)

    assert time.monotonic() - started >= BRIEF_RETRY_AFTER
    assert result.outcome is Outcome.RATE_LIMITED
    assert len(standin.requests) == 2


def test_retry_after_beyond_cap_not_waited(standin):
    started = time.monotonic()

    result = fast_client(standin.url(Mode.RATE_LIMITED), retry_after_cap=10).test(CLIENT_ID, SECRET)

    assert time.monotonic() - started < 5
    assert result.retry_after == 120
    assert len(standin.requests) == 1


# --- network failures -------------------------------------------------------------------------


def test_connection_refused():
    port = free_port()

    result = fast_client(f"http://{LOCALHOST}:{port}{TOKEN_PATH}").test(CLIENT_ID, SECRET)

    assert result.outcome is Outcome.CONNECTION_REFUSED
    assert explain(result).message == f"{LOCALHOST}:{port} refused the connection."
    assert result.attempts == 3


def test_name_resolution_fails_fast():
    started = time.monotonic()

    result = fast_client(f"http://csa-setup-standin.invalid{TOKEN_PATH}").test(CLIENT_ID, SECRET)

    assert result.outcome is Outcome.NAME_RESOLUTION
    assert explain(result).message == "The name csa-setup-standin.invalid could not be resolved, so no connection was made."
    assert result.attempts == 1
    # A reserved .invalid name must fail without waiting for the network.
    assert time.monotonic() - started < 5


def test_tls_untrusted_certificate(tls_standin):
    result = fast_client(tls_standin.url(Mode.ACCEPTED)).test(CLIENT_ID, SECRET)

    assert result.outcome is Outcome.TLS
    assert explain(result).message.startswith(
        f"The secure connection to {tls_standin.host} failed: its certificate could not be verified ("
    )
    assert tls_standin.requests == []
    assert result.attempts == 1


def test_tls_trusted_through_system_store(tls_standin, test_ca, monkeypatch):
    # OpenSSL's SSL_CERT_FILE adds the test CA to the system trust store that truststore reads.
    monkeypatch.setenv("SSL_CERT_FILE", str(test_ca.ca_file))

    result = fast_client(tls_standin.url(Mode.ACCEPTED)).test(CLIENT_ID, SECRET)

    assert result.outcome is Outcome.ACCEPTED
    assert tls_standin.requests[0].form["client_secret"] == [SECRET_TEXT]


# --- redirects --------------------------------------------------------------------------------


def test_redirect_not_followed(standin, other_standin):
    standin.redirect_location = other_standin.url(Mode.ACCEPTED)

    result = fast_client(standin.url(Mode.REDIRECT)).test(CLIENT_ID, SECRET)

    assert result.outcome is Outcome.REDIRECTED
    assert result.redirect_host == other_standin.host
    assert other_standin.requests == []
    assert len(standin.requests) == 1


def test_redirect_not_followed_by_given_client(standin, other_standin):
    standin.redirect_location = other_standin.url(Mode.ACCEPTED)
    with httpx.Client(follow_redirects=True) as http:
        result = LinkedInClient(standin.url(Mode.REDIRECT), client=http).test(CLIENT_ID, SECRET)

        assert not http.is_closed
    assert result.outcome is Outcome.REDIRECTED
    assert other_standin.requests == []


# --- proxies ----------------------------------------------------------------------------------


def test_socks_proxy_without_support(standin, monkeypatch):
    monkeypatch.setenv("ALL_PROXY", "socks5://127.0.0.1:9")

    result = fast_client(standin.url(Mode.ACCEPTED)).test(CLIENT_ID, SECRET)

    assert result.outcome is Outcome.PROXY
    assert explain(result).message == (
        "The proxy could not be used: ALL_PROXY names a SOCKS proxy (socks5://127.0.0.1:9), "
        "and this installation has no SOCKS support."
    )
    assert result.proxy_host == "127.0.0.1:9"
    assert standin.requests == []


def test_unknown_proxy_scheme(standin, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "ftp://127.0.0.1:9")

    result = fast_client(standin.url(Mode.ACCEPTED)).test(CLIENT_ID, SECRET)

    assert result.outcome is Outcome.PROXY
    assert explain(result).message == (
        "The proxy could not be used: HTTP_PROXY names a proxy with the unsupported scheme ftp://."
    )


def test_http_proxy_pass_through(standin, proxy_server_with_login, monkeypatch):
    proxy = proxy_server_with_login
    monkeypatch.setenv("HTTP_PROXY", proxy.url("proxy-user", "Pr0xy+Pass"))

    result = fast_client(standin.url(Mode.ACCEPTED)).test(CLIENT_ID, SECRET)

    assert result.outcome is Outcome.ACCEPTED
    assert result.proxy_host == proxy.host
    assert [(item.method, item.target) for item in proxy.received] == [("POST", standin.url(Mode.ACCEPTED))]
    assert proxy.received[0].proxy_authorization.startswith("Basic ")
    assert standin.requests[0].form["client_secret"] == [SECRET_TEXT]
    assert "Pr0xy" not in repr(result)


def test_https_proxy_pass_through(tls_standin, test_ca, proxy_server, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(test_ca.ca_file))
    monkeypatch.setenv("HTTPS_PROXY", proxy_server.url())

    result = fast_client(tls_standin.url(Mode.ACCEPTED)).test(CLIENT_ID, SECRET)

    assert result.outcome is Outcome.ACCEPTED
    assert result.proxy_host == proxy_server.host
    assert [(item.method, item.target) for item in proxy_server.received] == [("CONNECT", tls_standin.host)]
    assert len(tls_standin.requests) == 1


def test_https_proxy_ignored_for_http(standin, proxy_server, monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", proxy_server.url())

    result = fast_client(standin.url(Mode.ACCEPTED)).test(CLIENT_ID, SECRET)

    assert result.outcome is Outcome.ACCEPTED
    assert result.proxy_host == ""
    assert proxy_server.received == []


def test_no_proxy_bypasses(standin, proxy_server, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", proxy_server.url())
    monkeypatch.setenv("NO_PROXY", LOCALHOST)

    result = fast_client(standin.url(Mode.ACCEPTED)).test(CLIENT_ID, SECRET)

    assert result.outcome is Outcome.ACCEPTED
    assert result.proxy_host == ""
    assert proxy_server.received == []


def test_proxy_rejects_login(standin, proxy_server_with_login, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", proxy_server_with_login.url())

    result = fast_client(standin.url(Mode.ACCEPTED)).test(CLIENT_ID, SECRET)

    assert result.outcome is Outcome.PROXY
    assert explain(result).message == "The proxy could not be used: the proxy rejected the request (HTTP 407)."
    assert standin.requests == []


def test_proxy_rejects_tunnel(tls_standin, proxy_server_with_login, monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", proxy_server_with_login.url())

    result = fast_client(tls_standin.url(Mode.ACCEPTED)).test(CLIENT_ID, SECRET)

    assert result.outcome is Outcome.PROXY
    assert explain(result).message == (
        f"The proxy could not be used: {proxy_server_with_login.host} rejected the connection to "
        f"{tls_standin.host} (407 Proxy Authentication Required)."
    )
    assert tls_standin.requests == []


def test_proxy_unreachable(standin, monkeypatch):
    port = free_port()
    monkeypatch.setenv("HTTP_PROXY", f"http://{LOCALHOST}:{port}")

    result = fast_client(standin.url(Mode.ACCEPTED), max_retries=0).test(CLIENT_ID, SECRET)

    assert result.outcome is Outcome.PROXY
    assert explain(result).message == (
        f"The proxy could not be used: the proxy {LOCALHOST}:{port} named in HTTP_PROXY refused the connection."
    )


def test_environment_proxy_rules(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "proxy.corp:3128")
    monkeypatch.setenv("ALL_PROXY", "http://fallback.corp:8080")

    https = environment_proxy("https://www.linkedin.com/oauth/v2/accessToken")
    plain = environment_proxy("http://www.linkedin.com/oauth/v2/accessToken")

    assert https is not None and https.url == "http://proxy.corp:3128" and https.variable == "HTTPS_PROXY"
    assert plain is not None and plain.url == "http://fallback.corp:8080" and plain.variable == "ALL_PROXY"


def test_environment_proxy_no_proxy_suffix(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.corp:3128")
    monkeypatch.setenv("NO_PROXY", "example.net,.linkedin.com")

    assert environment_proxy("https://www.linkedin.com/x") is None
    assert environment_proxy("https://api.example.org/x") is not None


def test_environment_proxy_host_hides_login(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://alice:s3cret@proxy.corp:3128")

    choice = environment_proxy("https://www.linkedin.com/x")

    assert choice is not None
    assert choice.host == "proxy.corp:3128"
    assert choice.describe() == "http://proxy.corp:3128"


# --- given transport or client ----------------------------------------------------------------


def test_given_transport_ignores_environment_proxy(standin, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", f"http://{LOCALHOST}:{free_port()}")

    result = LinkedInClient(standin.url(Mode.ACCEPTED), transport=httpx.HTTPTransport()).test(CLIENT_ID, SECRET)

    assert result.outcome is Outcome.ACCEPTED
    assert result.proxy_host == ""


def test_transport_and_client_exclusive():
    with httpx.Client() as http, pytest.raises(ValueError):
        LinkedInClient("http://127.0.0.1:9/", transport=httpx.HTTPTransport(), client=http)


# --- cancellation -----------------------------------------------------------------------------


def run_in_thread(client: LinkedInClient) -> tuple[threading.Thread, list]:
    results: list = []
    thread = threading.Thread(target=lambda: results.append(client.test(CLIENT_ID, SECRET)))
    thread.start()
    return thread, results


def test_cancel_during_request(standin):
    client = fast_client(standin.url(Mode.SLOW), read_timeout=10)
    thread, results = run_in_thread(client)
    time.sleep(0.3)
    started = time.monotonic()

    client.cancel()
    thread.join(timeout=5)

    assert time.monotonic() - started < 1
    assert results[0].outcome is Outcome.CANCELLED
    assert client.cancelled


def test_cancel_during_backoff(standin):
    client = fast_client(standin.url(Mode.UNAVAILABLE), backoff=10)
    thread, results = run_in_thread(client)
    time.sleep(0.3)
    started = time.monotonic()

    client.cancel()
    thread.join(timeout=5)

    assert time.monotonic() - started < 1
    assert results[0].outcome is Outcome.CANCELLED
    assert len(standin.requests) == 1


def test_cancel_before_start(standin):
    client = fast_client(standin.url(Mode.ACCEPTED))
    client.cancel()

    result = client.test(CLIENT_ID, SECRET)

    assert result.outcome is Outcome.CANCELLED
    assert standin.requests == []


# --- nothing secret leaks ---------------------------------------------------------------------


def test_secret_and_token_never_leak(standin, other_standin, caplog):
    caplog.set_level(logging.DEBUG)
    standin.redirect_location = other_standin.url(Mode.ACCEPTED)
    texts = []

    for mode in Mode:
        result = fast_client(standin.url(mode), read_timeout=0.3).test(CLIENT_ID, SECRET)
        explanation = explain(result)
        texts += [repr(result), str(result), explanation.message, explanation.next_step]

    assert len(standin.requests) >= len(Mode)
    for text in texts:
        assert_no_secret(text)
    assert_no_secret(caplog.text)


def test_echoed_secret_masked(standin):
    result = fast_client(standin.url(Mode.ECHO_SECRET)).test(CLIENT_ID, SECRET)

    assert result.outcome is Outcome.REJECTED
    assert result.error_description == "client_secret **** is not accepted here"


def test_exception_texts_hold_no_secret(tls_standin, caplog):
    caplog.set_level(logging.DEBUG)
    failures = [
        fast_client(f"http://{LOCALHOST}:{free_port()}{TOKEN_PATH}", max_retries=0),
        fast_client(tls_standin.url(Mode.ACCEPTED)),
        fast_client(f"http://csa-setup-standin.invalid{TOKEN_PATH}"),
    ]

    for client in failures:
        result = client.test(CLIENT_ID, SECRET)
        assert_no_secret(repr(result))

    assert_no_secret(caplog.text)
    for record in caplog.records:
        if record.exc_info and record.exc_info[1] is not None:
            assert_no_secret(repr(record.exc_info[1]))


def test_secret_repr_masked():
    assert SECRET_TEXT not in repr(SECRET)
    assert SECRET_TEXT not in f"{SECRET}"


# --- start-up cost ----------------------------------------------------------------------------


def test_import_does_not_load_httpx():
    code = (
        "import sys\n"
        "import wizard.services.linkedin, wizard.commands.test_credentials\n"
        "import wizard.ui.credential_test_widget\n"
        "print(sorted(name for name in ('httpx', 'httpcore', 'truststore') if name in sys.modules))\n"
    )

    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)

    assert output.stdout.strip() == "[]"


def test_standin_unknown_mode(standin):
    result = fast_client(f"http://{standin.host}/no-such-mode{TOKEN_PATH}").test(CLIENT_ID, SECRET)

    assert result.outcome is Outcome.REJECTED
    assert result.status == 404

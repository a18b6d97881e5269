"""The credential test's HTTP request to LinkedIn's token endpoint, on httpx.

`LinkedInClient.test` POSTs the client-credentials grant, form-encoded, to the profile's
token endpoint and returns a `CredentialTestResult`; it raises nothing for network or
server problems. httpx and truststore are imported on first use, so importing this
module costs nothing before the window's first paint.

The request:
- never follows a redirect, so the secret is sent to the configured host only;
- takes its proxy from HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY, read the way
  httpx reads them, and records the proxy's host (never its credentials) in the result;
- checks certificates against the operating system's trust store through truststore,
  so a company root certificate for TLS inspection works as it does in the browser;
- is tried at most `max_retries` more times after a 5xx, a 429 or a connection error,
  honouring `Retry-After` up to `retry_after_cap`, and never after another 4xx.
"""

from __future__ import annotations

import dataclasses
import errno
import logging
import socket
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from wizard import APP_ID, __version__
from wizard.domain.credential_test import CredentialTestResult, Outcome, classify_response, host_of
from wizard.domain.secret import Secret

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_READ_TIMEOUT = 20.0
DEFAULT_MAX_RETRIES = 2
# Seconds before the first retry; each further retry waits twice as long.
DEFAULT_BACKOFF = 1.0
# A Retry-After longer than this ends the test with RATE_LIMITED instead of waiting.
DEFAULT_RETRY_AFTER_CAP = 10.0
# A token response is a few hundred bytes, so a larger body is read only this far.
MAX_BODY_BYTES = 64 * 1024

# Shorter secrets are not masked in server text (see LinkedInClient._finish).
MIN_MASKED_LENGTH = 8

_RETRIED_OUTCOMES = frozenset({Outcome.RATE_LIMITED, Outcome.UNAVAILABLE})


def user_agent() -> str:
    return f"{APP_ID}/{__version__}"


@dataclass(frozen=True)
class ProxyChoice:
    """The proxy the environment selects for an address, and the variable that named it."""

    url: str
    variable: str

    @property
    def host(self) -> str:
        """Return `host:port` of the proxy, without user name or password."""
        return host_of(self.url) or "an unreadable address"

    @property
    def scheme(self) -> str:
        return urlsplit(self.url).scheme.lower()

    def describe(self) -> str:
        return f"{self.scheme}://{self.host}"


def environment_proxy(url: str) -> ProxyChoice | None:
    """Return the proxy that the environment selects for `url`, or None.

    The rules follow httpx 0.29 with `trust_env`: the scheme's own variable (HTTPS_PROXY
    or HTTP_PROXY) before ALL_PROXY, a value without a scheme read as http://, and
    NO_PROXY as curl reads it. Like httpx, this reads them through
    `urllib.request.getproxies`, which also reads the system settings on Windows and macOS.
    """
    # Imported here: urllib.request and ssl cost the first window's start otherwise.
    import urllib.request

    proxies = urllib.request.getproxies()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if proxies.get(scheme):
        key = scheme
    elif proxies.get("all"):
        key = "all"
    else:
        return None
    host = parts.hostname or ""
    if host and urllib.request.proxy_bypass_environment(host, proxies):
        return None
    value = proxies[key]
    if "://" not in value:
        value = f"http://{value}"
    return ProxyChoice(value, f"{key.upper()}_PROXY")


class LinkedInClient:
    """Runs the credential test against one token endpoint.

    Pass `client` to use a ready httpx.Client as it is, with the caller's proxy, timeouts
    and certificate settings. Pass `transport` to build the client on that transport.
    With either, the environment's proxy variables are not applied. Without them the
    client uses the environment's proxy and the system trust store.

    One test runs at a time per instance. `cancel` may be called from any thread.
    """

    def __init__(
        self,
        endpoint: str,
        *,
        transport: httpx.BaseTransport | None = None,
        client: httpx.Client | None = None,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        retry_after_cap: float = DEFAULT_RETRY_AFTER_CAP,
    ) -> None:
        if transport is not None and client is not None:
            raise ValueError("pass either an httpx transport or an httpx client, not both")
        self.endpoint = endpoint
        self.host = host_of(endpoint) or endpoint
        self._transport = transport
        self._client = client
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.max_retries = max(0, max_retries)
        self.backoff = backoff
        self.retry_after_cap = retry_after_cap
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []

    # --- cancellation -------------------------------------------------------------------

    def cancel(self) -> None:
        """Stop the running test soon; `test` then returns a CANCELLED result.

        Shutting the open socket down wakes a request blocked on reading. A request still
        resolving the name or connecting ends within the connect timeout.
        """
        self._cancel.set()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            _shutdown(sock)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _trace(self, event: str, info: dict[str, Any]) -> None:
        """Keep the socket of each new connection, so `cancel` can shut it down.

        Called by httpcore through httpx's "trace" request extension, on the request's thread.
        """
        if not event.endswith(".complete"):
            return
        stream = info.get("return_value")
        get_extra_info = getattr(stream, "get_extra_info", None)
        if get_extra_info is None:
            return
        sock = get_extra_info("socket")
        if not isinstance(sock, socket.socket):
            return
        with self._lock:
            self._sockets.append(sock)
        if self._cancel.is_set():
            _shutdown(sock)

    # --- the test -----------------------------------------------------------------------

    def test(self, client_id: str, secret: Secret) -> CredentialTestResult:
        """Request a token with the client-credentials grant and classify the response.

        The token, if one is issued, is discarded at once. Neither the secret nor the
        token appears in the result, the log or any exception text.
        """
        proxy = environment_proxy(self.endpoint) if self._client is None and self._transport is None else None
        proxy_host = proxy.host if proxy else ""
        if self._cancel.is_set():
            return self._finish(self._result(Outcome.CANCELLED, proxy_host=proxy_host, attempts=0), secret)
        try:
            http, owned = self._http_client(proxy)
        except (ImportError, ValueError) as error:
            if proxy is None:
                raise
            return self._finish(self._unusable_proxy(proxy, error), secret)
        try:
            result = self._run_attempts(http, client_id, secret, proxy)
        finally:
            if owned:
                http.close()
            with self._lock:
                self._sockets.clear()
        return self._finish(result, secret)

    def _run_attempts(
        self, http: httpx.Client, client_id: str, secret: Secret, proxy: ProxyChoice | None
    ) -> CredentialTestResult:
        total = self.max_retries + 1
        attempt = 0
        while True:
            attempt += 1
            if self._cancel.is_set():
                return self._result(Outcome.CANCELLED, proxy=proxy, attempts=attempt - 1)
            result, retryable = self._attempt(http, client_id, secret, proxy)
            result = dataclasses.replace(result, attempts=attempt)
            if self._cancel.is_set():
                return dataclasses.replace(result, outcome=Outcome.CANCELLED)
            if not retryable or attempt >= total:
                return result
            delay = self._retry_delay(result, attempt)
            if delay is None:
                return result
            log.warning(
                "Token endpoint %s: %s (%s); trying again in %.1f s (try %d of %d)",
                self.host, result.outcome.value, result.detail or f"HTTP {result.status}", delay, attempt + 1, total,
            )
            if self._cancel.wait(delay):
                return dataclasses.replace(result, outcome=Outcome.CANCELLED)

    def _retry_delay(self, result: CredentialTestResult, attempt: int) -> float | None:
        """Return the wait before the next try, or None when Retry-After requests more than the cap."""
        if result.retry_after is not None:
            if result.retry_after > self.retry_after_cap:
                return None
            return result.retry_after
        return self.backoff * 2 ** (attempt - 1)

    def _attempt(
        self, http: httpx.Client, client_id: str, secret: Secret, proxy: ProxyChoice | None
    ) -> tuple[CredentialTestResult, bool]:
        """Send the request once; return the result and whether another try may help."""
        import httpx

        form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret.reveal()}
        headers = {"User-Agent": user_agent(), "Accept": "application/json"}
        try:
            with http.stream(
                "POST",
                self.endpoint,
                data=form,
                headers=headers,
                follow_redirects=False,
                extensions={"trace": self._trace},
            ) as response:
                body = _read_limited(response)
                status = response.status_code
                response_headers = list(response.headers.items())
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            outcome, detail, retryable = self._classify_error(error, proxy)
            log.info("Token endpoint %s: %s (%s)", self.host, outcome.value, detail)
            return self._result(outcome, proxy=proxy, detail=detail), retryable
        try:
            result = classify_response(status, response_headers, body, self.endpoint)
        except Exception as error:  # A server response must never end the test with a traceback.
            log.error("Token endpoint %s sent a response that could not be read: %s", self.host, type(error).__name__)
            result = CredentialTestResult(Outcome.UNAVAILABLE, status=status, detail="the response could not be read")
        # The body may hold a token: drop it now rather than when this frame ends.
        del body
        result = dataclasses.replace(result, host=self.host, proxy_host=proxy.host if proxy else "")
        log.info(
            "Token endpoint %s returned HTTP %d: %s%s",
            self.host, status, result.outcome.value, f" ({result.error_code})" if result.error_code else "",
        )
        retryable = result.outcome in _RETRIED_OUTCOMES and (status == 429 or status >= 500)
        return result, retryable

    def _classify_error(self, error: Exception, proxy: ProxyChoice | None) -> tuple[Outcome, str, bool]:
        """Map an httpx error to an outcome, a plain detail and whether another try may help."""
        import httpx

        if self._cancel.is_set():
            return Outcome.CANCELLED, "cancelled", False
        if isinstance(error, httpx.ProxyError):
            where = proxy.host if proxy else "the proxy"
            return Outcome.PROXY, f"{where} rejected the connection to {self.host} ({_plain(error)})", False
        if isinstance(error, httpx.ConnectTimeout):
            return Outcome.TIMEOUT, f"no connection within {_seconds(self.connect_timeout)}", True
        if isinstance(error, httpx.TimeoutException):
            return Outcome.TIMEOUT, f"no response within {_seconds(self.read_timeout)}", False
        if isinstance(error, httpx.ConnectError):
            return self._classify_connect_error(error, proxy)
        if isinstance(error, httpx.RemoteProtocolError):
            return Outcome.NETWORK, "the server closed the connection without a complete response", True
        if isinstance(error, (httpx.ReadError, httpx.WriteError)):
            return Outcome.NETWORK, f"the connection broke off ({_os_reason(error)})", True
        if isinstance(error, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
            return Outcome.NETWORK, f"the token endpoint {self.endpoint!r} is not a valid http or https address", False
        return Outcome.NETWORK, type(error).__name__, False

    def _classify_connect_error(
        self, error: Exception, proxy: ProxyChoice | None
    ) -> tuple[Outcome, str, bool]:
        import ssl

        cause = _root_cause(error)
        if isinstance(cause, ssl.SSLCertVerificationError):
            reason = cause.verify_message or cause.reason or "unknown reason"
            return Outcome.TLS, f"its certificate could not be verified ({reason})", False
        if isinstance(cause, ssl.SSLError):
            return Outcome.TLS, f"the TLS handshake failed ({cause.reason or type(cause).__name__})", False
        if isinstance(cause, socket.gaierror):
            # EAI_AGAIN is a temporary resolver failure; any other code will not change on retry.
            retryable = cause.errno == socket.EAI_AGAIN
            if proxy:
                return Outcome.PROXY, f"the proxy's name in {proxy.variable} ({proxy.host}) could not be resolved", retryable
            return Outcome.NAME_RESOLUTION, "name resolution failed", retryable
        if isinstance(cause, ConnectionRefusedError):
            if proxy:
                return Outcome.PROXY, f"the proxy {proxy.host} named in {proxy.variable} refused the connection", True
            return Outcome.CONNECTION_REFUSED, "connection refused", True
        return Outcome.NETWORK, f"no connection could be made ({_os_reason(error)})", True

    # --- building results and clients ---------------------------------------------------

    def _result(
        self,
        outcome: Outcome,
        *,
        proxy: ProxyChoice | None = None,
        proxy_host: str = "",
        detail: str = "",
        attempts: int = 1,
    ) -> CredentialTestResult:
        return CredentialTestResult(
            outcome,
            host=self.host,
            proxy_host=proxy.host if proxy else proxy_host,
            detail=detail,
            attempts=attempts,
        )

    def _unusable_proxy(self, proxy: ProxyChoice, error: Exception) -> CredentialTestResult:
        if isinstance(error, ImportError) and proxy.scheme.startswith("socks"):
            detail = (
                f"{proxy.variable} names a SOCKS proxy ({proxy.describe()}), and this installation "
                "has no SOCKS support"
            )
        else:
            detail = f"{proxy.variable} names a proxy with the unsupported scheme {proxy.scheme or 'none'}://"
        log.error("Credential test not started: %s (%s)", detail, type(error).__name__)
        return self._result(Outcome.PROXY, proxy=proxy, detail=detail, attempts=0)

    def _http_client(self, proxy: ProxyChoice | None) -> tuple[httpx.Client, bool]:
        """Return the client to use and whether this object owns (and closes) it.

        Raises ImportError or ValueError when the proxy's scheme cannot be used.
        """
        if self._client is not None:
            return self._client, False
        import ssl

        import httpx
        import truststore

        context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        timeout = httpx.Timeout(self.read_timeout, connect=self.connect_timeout)
        client = httpx.Client(
            verify=context,
            timeout=timeout,
            follow_redirects=False,
            transport=self._transport,
            proxy=proxy.url if proxy else None,
            # environment_proxy chose the proxy, so the result names the one in use;
            # trust_env=False stops httpx from choosing again with its own NO_PROXY matching.
            trust_env=False,
            headers={"User-Agent": user_agent()},
        )
        return client, True

    def _finish(self, result: CredentialTestResult, secret: Secret) -> CredentialTestResult:
        """Mask the secret in every text of the result, in case a server or library repeated it.

        Values shorter than MIN_MASKED_LENGTH are left alone: a few characters turn up in
        ordinary words, and no LinkedIn secret is that short.
        """
        from urllib.parse import quote, quote_plus

        value = secret.reveal()
        forms = {form for form in (value, quote_plus(value), quote(value, safe="")) if len(form) >= MIN_MASKED_LENGTH}

        def scrub(text: str) -> str:
            for form in forms:
                text = text.replace(form, "****")
            return text

        result = dataclasses.replace(
            result,
            error_code=scrub(result.error_code),
            error_description=scrub(result.error_description),
            redirect_host=scrub(result.redirect_host),
            detail=scrub(result.detail),
        )
        log.info("Credential test against %s finished: %s", self.host, result.outcome.value)
        return result


def _read_limited(response: httpx.Response) -> bytes:
    chunks = []
    size = 0
    for chunk in response.iter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size >= MAX_BODY_BYTES:
            break
    return b"".join(chunks)[:MAX_BODY_BYTES]


def _shutdown(sock: socket.socket) -> None:
    # socket.socket.shutdown, not SSLSocket.shutdown: the latter also drops the SSL object
    # that the request's thread is still reading from.
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass


def _root_cause(error: BaseException) -> BaseException:
    seen = {id(error)}
    current = error
    while True:
        following = current.__cause__ or current.__context__
        if following is None or id(following) in seen:
            return current
        seen.add(id(following))
        current = following


def _os_reason(error: BaseException) -> str:
    cause = _root_cause(error)
    if isinstance(cause, OSError) and cause.errno is not None:
        return cause.strerror or errno.errorcode.get(cause.errno, str(cause.errno))
    return type(cause).__name__


def _plain(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text[:120] if text else type(error).__name__


def _seconds(value: float) -> str:
    shown = f"{value:g}"
    return f"{shown} second" if shown == "1" else f"{shown} seconds"

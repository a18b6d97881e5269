"""A stand-in for LinkedIn's token endpoint, and a small HTTP proxy, as pytest fixtures.

Both are real HTTP servers on 127.0.0.1, each on a free port in its own thread. The
stand-in's response depends on the mode named by the first path segment, so
`standin.url(Mode.ACCEPTED)` is an endpoint that accepts any credentials. Both servers
record what they received for the test to check, and refuse to forward anywhere but
127.0.0.1.

Fixtures: `standin`, `other_standin` (a second server, the target of redirects),
`tls_standin` (the stand-in behind TLS with a certificate from `test_ca`), `test_ca`
and `proxy_server`.
"""

from __future__ import annotations

import base64
import datetime as dt
import http.client
import ipaddress
import json
import selectors
import socket
import ssl
import sys
import threading
from dataclasses import dataclass, field
from enum import Enum
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

LOCALHOST = "127.0.0.1"
TOKEN_PATH = "/oauth/v2/accessToken"
# The token the stand-in issues; tests search logs and files for it.
ISSUED_TOKEN = "AQX-standin-token-7Hq2LmZ9pR4vW1sT"
# Seconds the slow mode waits before it responds.
SLOW_SECONDS = 3.0


class Mode(str, Enum):
    """The stand-in's responses, one per response of LinkedIn's token endpoint that the program handles."""

    ACCEPTED = "accepted"
    ACCEPTED_EXPIRES_STRING = "accepted-expires-string"
    DENIED_400 = "denied-400"
    DENIED_401 = "denied-401"
    INVALID_CLIENT = "invalid-client"
    INVALID_CLIENT_ID = "invalid-client-id"
    INVALID_REQUEST = "invalid-request"
    RATE_LIMITED = "rate-limited"
    RATE_LIMITED_BRIEFLY = "rate-limited-briefly"
    SERVER_ERROR_HTML = "server-error-html"
    UNAVAILABLE = "unavailable"
    UNAVAILABLE_ONCE = "unavailable-once"
    SLOW = "slow"
    NOT_JSON = "not-json"
    CLOSED = "closed"
    REDIRECT = "redirect"
    # Not a LinkedIn response: repeats the received secret, to show that the client masks it.
    ECHO_SECRET = "echo-secret"


# Retry-After of RATE_LIMITED, far above the client's cap, and of RATE_LIMITED_BRIEFLY.
RATE_LIMIT_RETRY_AFTER = 120
BRIEF_RETRY_AFTER = 1


@dataclass
class RecordedRequest:
    """One request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def form(self) -> dict[str, list[str]]:
        """Return the form-encoded body's fields; raises ValueError on a malformed body."""
        return parse_qs(self.body.decode("ascii"), keep_blank_values=True, strict_parsing=True)

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


@dataclass
class _ServerState:
    requests: list[RecordedRequest] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, request: RecordedRequest) -> int:
        """Record a request and return how many requests were recorded so far."""
        with self.lock:
            self.requests.append(request)
            return len(self.requests)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request, client_address) -> None:  # type: ignore[override]
        # Clients that hang up (a cancelled test, a rejected certificate) are expected here.
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handle_error(request, client_address)


class _RecordingHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "StandIn/1"
    state: _ServerState

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _receive(self) -> RecordedRequest:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        request = RecordedRequest(
            self.command, self.path, {name.lower(): value for name, value in self.headers.items()}, body
        )
        return request

    def _send(self, status: int, body: bytes, content_type: str = "application/json", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


def _json(document: dict) -> bytes:
    return json.dumps(document).encode("utf-8")


_HTML_ERROR_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>Something went wrong</title></head>"
    b"<body><h1>Something went wrong</h1><p>Please try again later.</p></body></html>\n"
)


class StandIn:
    """LinkedIn's token endpoint, played by a local server; see `Mode`."""

    def __init__(self, tls_context: ssl.SSLContext | None = None) -> None:
        self.state = _ServerState()
        self.scheme = "https" if tls_context else "http"
        # Where REDIRECT points; the test sets it, usually to another stand-in.
        self.redirect_location = ""
        self._tls_context = tls_context
        self._mode_counts: dict[str, int] = {}
        self._server = _QuietServer((LOCALHOST, 0), self._handler_class())
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name=f"standin-{self.port}", daemon=True
        )

    @property
    def host(self) -> str:
        return f"{LOCALHOST}:{self.port}"

    @property
    def requests(self) -> list[RecordedRequest]:
        with self.state.lock:
            return list(self.state.requests)

    def url(self, mode: Mode) -> str:
        return f"{self.scheme}://{self.host}/{mode.value}{TOKEN_PATH}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.state.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _count(self, mode: str) -> int:
        with self.state.lock:
            self._mode_counts[mode] = self._mode_counts.get(mode, 0) + 1
            return self._mode_counts[mode]

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        standin = self

        class Handler(_RecordingHandler):
            state = standin.state

            def setup(self) -> None:
                if standin._tls_context is not None:
                    self.request = standin._tls_context.wrap_socket(self.request, server_side=True)
                super().setup()

            def finish(self) -> None:
                try:
                    super().finish()
                finally:
                    # socketserver closes the plain socket it accepted, not the TLS wrapper.
                    if standin._tls_context is not None:
                        self.request.close()

            def do_POST(self) -> None:
                request = self._receive()
                self.state.record(request)
                mode = urlsplit(request.path).path.strip("/").split("/", 1)[0]
                respond = standin._responders().get(mode)
                if respond is None:
                    self._send(404, _json({"message": f"unknown stand-in mode {mode!r}", "status": 404}))
                    return
                respond(self, request)

            do_GET = do_POST

        return Handler

    def _responders(self) -> dict[str, Callable[[_RecordingHandler, RecordedRequest], None]]:
        return {
            Mode.ACCEPTED.value: lambda handler, request: self._accept(handler, 1800),
            Mode.ACCEPTED_EXPIRES_STRING.value: lambda handler, request: self._accept(handler, "1800"),
            Mode.DENIED_400.value: lambda handler, request: handler._send(400, _DENIED),
            Mode.DENIED_401.value: lambda handler, request: handler._send(401, _DENIED),
            Mode.INVALID_CLIENT.value: lambda handler, request: handler._send(
                401, _json({"error": "invalid_client", "error_description": "Client authentication failed"})
            ),
            Mode.INVALID_CLIENT_ID.value: self._invalid_client_id,
            Mode.INVALID_REQUEST.value: lambda handler, request: handler._send(
                400,
                _json({"error": "invalid_request", "error_description": 'A required parameter "client_secret" is missing'}),
            ),
            Mode.RATE_LIMITED.value: lambda handler, request: handler._send(
                429, _json({"message": "Too many requests", "status": 429}), headers={"Retry-After": str(RATE_LIMIT_RETRY_AFTER)}
            ),
            Mode.RATE_LIMITED_BRIEFLY.value: lambda handler, request: handler._send(
                429, _json({"message": "Too many requests", "status": 429}), headers={"Retry-After": str(BRIEF_RETRY_AFTER)}
            ),
            Mode.SERVER_ERROR_HTML.value: lambda handler, request: handler._send(500, _HTML_ERROR_PAGE, "text/html; charset=utf-8"),
            Mode.UNAVAILABLE.value: lambda handler, request: handler._send(503, b"", "text/plain"),
            Mode.UNAVAILABLE_ONCE.value: self._unavailable_once,
            Mode.SLOW.value: self._slow,
            Mode.NOT_JSON.value: lambda handler, request: handler._send(200, b"token service says hello", "text/plain"),
            Mode.CLOSED.value: self._close,
            Mode.REDIRECT.value: lambda handler, request: handler._send(
                301, b"", "text/plain", headers={"Location": self.redirect_location}
            ),
            Mode.ECHO_SECRET.value: self._echo_secret,
        }

    @staticmethod
    def _accept(handler: _RecordingHandler, expires_in: int | str) -> None:
        handler._send(200, _json({"access_token": ISSUED_TOKEN, "expires_in": expires_in}))

    def _invalid_client_id(self, handler: _RecordingHandler, request: RecordedRequest) -> None:
        client_id = request.form.get("client_id", [""])[0]
        handler._send(
            400,
            _json({"error": "invalid_client_id", "error_description": f'The passed in client_id is invalid "{client_id}"'}),
        )

    @staticmethod
    def _echo_secret(handler: _RecordingHandler, request: RecordedRequest) -> None:
        secret = request.form.get("client_secret", [""])[0]
        handler._send(
            400,
            _json({"error": "invalid_request", "error_description": f"client_secret {secret} is not accepted here"}),
        )

    def _unavailable_once(self, handler: _RecordingHandler, request: RecordedRequest) -> None:
        if self._count(Mode.UNAVAILABLE_ONCE.value) == 1:
            handler._send(503, b"", "text/plain")
        else:
            self._accept(handler, 1800)

    def _slow(self, handler: _RecordingHandler, request: RecordedRequest) -> None:
        if self.state.stopping.wait(SLOW_SECONDS):
            handler.close_connection = True
            return
        self._accept(handler, 1800)

    @staticmethod
    def _close(handler: _RecordingHandler, request: RecordedRequest) -> None:
        # Read the request, then hang up without a status line.
        handler.close_connection = True
        handler.wfile.flush()


_DENIED = _json(
    {"error": "access_denied", "error_description": "This application is not allowed to create application tokens"}
)


def _is_local(host: str) -> bool:
    try:
        return ipaddress.ip_address(host) == ipaddress.ip_address(LOCALHOST)
    except ValueError:
        return False


# --- the proxy --------------------------------------------------------------------------------


@dataclass
class ProxyRequest:
    """One request the proxy received: a CONNECT tunnel or a forwarded absolute-URI request."""

    method: str
    target: str
    proxy_authorization: str


class ProxyServer:
    """A forwarding HTTP proxy for 127.0.0.1 only: absolute-URI requests and CONNECT tunnels.

    With `credentials` set, requests without the matching Proxy-Authorization get 407.
    """

    def __init__(self, credentials: tuple[str, str] | None = None) -> None:
        self.state = _ServerState()
        self.received: list[ProxyRequest] = []
        self.credentials = credentials
        self._server = _QuietServer((LOCALHOST, 0), self._handler_class())
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name=f"proxy-{self.port}", daemon=True
        )

    @property
    def host(self) -> str:
        return f"{LOCALHOST}:{self.port}"

    def url(self, user: str = "", password: str = "") -> str:
        login = f"{user}:{password}@" if user else ""
        return f"http://{login}{self.host}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.state.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _authorized(self, header: str) -> bool:
        if self.credentials is None:
            return True
        expected = base64.b64encode(":".join(self.credentials).encode("utf-8")).decode("ascii")
        return header == f"Basic {expected}"

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(_RecordingHandler):
            state = proxy.state

            def _admit(self, target: str) -> bool:
                authorization = self.headers.get("Proxy-Authorization", "")
                with proxy.state.lock:
                    proxy.received.append(ProxyRequest(self.command, target, authorization))
                if not proxy._authorized(authorization):
                    self._send(407, b"", "text/plain", headers={"Proxy-Authenticate": 'Basic realm="standin"'})
                    return False
                return True

            def do_CONNECT(self) -> None:
                host, _, port = self.path.rpartition(":")
                if not self._admit(self.path):
                    return
                if not _is_local(host) or not port.isdigit():
                    self._send(403, b"", "text/plain")
                    return
                upstream = socket.create_connection((host, int(port)), timeout=5)
                try:
                    self.send_response(200, "Connection established")
                    self.end_headers()
                    self.wfile.flush()
                    _pipe(self.connection, upstream, proxy.state.stopping)
                finally:
                    upstream.close()
                self.close_connection = True

            def do_POST(self) -> None:
                request = self._receive()
                if not self._admit(request.path):
                    return
                parts = urlsplit(request.path)
                if parts.scheme != "http" or not _is_local(parts.hostname or ""):
                    self._send(403, b"", "text/plain")
                    return
                path = parts.path + (f"?{parts.query}" if parts.query else "")
                forwarded = {
                    name: value
                    for name, value in self.headers.items()
                    if name.lower() not in ("proxy-authorization", "proxy-connection", "connection")
                }
                upstream = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                try:
                    upstream.request(request.method, path, body=request.body, headers=forwarded)
                    upstream_response = upstream.getresponse()
                    body = upstream_response.read()
                    headers = {
                        name: value
                        for name, value in upstream_response.getheaders()
                        if name.lower() not in ("content-length", "content-type", "connection", "transfer-encoding")
                    }
                    self._send(upstream_response.status, body, upstream_response.getheader("Content-Type", "text/plain"), headers)
                except (OSError, http.client.HTTPException):
                    self._send(502, b"", "text/plain")
                finally:
                    upstream.close()

            do_GET = do_POST

        return Handler


def _pipe(client: socket.socket, upstream: socket.socket, stopping: threading.Event) -> None:
    """Copy bytes both ways until either side closes or the server stops."""
    with selectors.DefaultSelector() as selector:
        selector.register(client, selectors.EVENT_READ, upstream)
        selector.register(upstream, selectors.EVENT_READ, client)
        while not stopping.is_set():
            for key, _ in selector.select(timeout=0.1):
                source: socket.socket = key.fileobj  # type: ignore[assignment]
                try:
                    data = source.recv(65536)
                    if not data:
                        return
                    key.data.sendall(data)
                except OSError:
                    return


# --- certificates -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CertificateFiles:
    """A private certificate authority and a server certificate it signed for 127.0.0.1."""

    ca_file: Path
    cert_file: Path
    key_file: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context


def _make_certificates(directory: Path) -> CertificateFiles:
    # cryptography is installed with keyring on Linux (through SecretStorage).
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = dt.datetime.now(dt.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CSA Setup test CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False, data_encipherment=False,
                key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    server_key = ec.generate_private_key(ec.SECP256R1())
    server_cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, LOCALHOST)]))
        .issuer_name(ca_name)
        .public_key(server_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(LOCALHOST))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    files = CertificateFiles(directory / "ca.pem", directory / "server.pem", directory / "server.key")
    files.ca_file.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    files.cert_file.write_bytes(server_cert.public_bytes(serialization.Encoding.PEM))
    files.key_file.write_bytes(
        server_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return files


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def standin() -> Iterator[StandIn]:
    """LinkedIn's token endpoint on 127.0.0.1, plain HTTP."""
    server = StandIn()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def other_standin() -> Iterator[StandIn]:
    """A second stand-in: the "other host" a redirect points to."""
    server = StandIn()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def test_ca(tmp_path_factory: pytest.TempPathFactory) -> CertificateFiles:
    return _make_certificates(tmp_path_factory.mktemp("certificates"))


@pytest.fixture
def tls_standin(test_ca: CertificateFiles) -> Iterator[StandIn]:
    """The stand-in over HTTPS; its certificate is trusted only where SSL_CERT_FILE names `test_ca`."""
    server = StandIn(tls_context=test_ca.server_context())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def proxy_server() -> Iterator[ProxyServer]:
    """An HTTP proxy on 127.0.0.1 that forwards to 127.0.0.1 only, with no login."""
    server = ProxyServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def proxy_server_with_login() -> Iterator[ProxyServer]:
    """An HTTP proxy that returns 407 unless the request logs in as proxy-user / Pr0xy+Pass."""
    server = ProxyServer(credentials=("proxy-user", "Pr0xy+Pass"))
    server.start()
    yield server
    server.stop()


PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "all_proxy", "no_proxy")


@pytest.fixture
def no_proxy_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Remove the proxy variables, so a proxy set on the test machine does not change the results."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def free_port() -> int:
    """Return a port on 127.0.0.1 that nothing listens on (it was free a moment ago)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOCALHOST, 0))
        return sock.getsockname()[1]

"""Exercise, inside a PyInstaller bundle, each dependency the program loads only on use.

`--self-test` starts the window and names the keychain backend, but never reads an
image, parses a phone number or makes a request. scripts/check-bundle bundles this
script with build.spec's `--script` option, which gives it everything the program's
bundle holds, and runs it offscreen inside the same D-Bus session as the self-test.

One line per check, "ok" or "FAILED"; exits 1 when any check failed. Nothing leaves
the machine: the HTTPS request goes to a server this script starts on 127.0.0.1 with a
throwaway certificate, and the keychain entry it writes is deleted again.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PROBE_SERVICE = "csa-setup-frozen-probe"


def check_validation() -> str:
    from wizard.domain import validation

    for checked in (
        validation.check_email("Dana.Admin@example.com", "Business email"),
        validation.check_phone("(415) 555-0132"),
        validation.check_phone("+44 20 7946 0958"),
        validation.check_website("https://www.example.com"),
    ):
        if checked.error:
            raise AssertionError(checked.error)
    if not validation.check_email("not an address", "Business email").error:
        raise AssertionError("an invalid email address was accepted")
    return "email_validator and phonenumbers (US and UK numbers)"


def _write_images(folder: Path) -> list[Path]:
    from PIL import Image

    image = Image.new("RGBA", (200, 100), (20, 120, 200, 128))
    paths = []
    for suffix, mode in ((".png", "RGBA"), (".jpg", "RGB"), (".gif", "P"), (".ico", "RGBA")):
        path = folder / f"logo{suffix}"
        converted = image.convert(mode)
        if suffix == ".ico":
            converted.save(path, sizes=[(64, 64)])
        else:
            converted.save(path)
        paths.append(path)
    return paths


def check_pillow(folder: Path) -> str:
    from wizard.services import images

    sizes = []
    for path in _write_images(folder):
        size = images.image_size(path)
        copy = folder / f"fitted-{path.stem}{path.suffix}.png"
        fitted = images.write_fitted_copy(path, copy)
        if max(fitted) > 80 or not copy.is_file():
            raise AssertionError(f"{path.name}: copy is {fitted}")
        sizes.append(f"{path.suffix[1:]} {size[0]}x{size[1]}")
    return "Pillow reads and scales " + ", ".join(sizes)


def check_qt_images(folder: Path) -> str:
    from PySide6.QtGui import QIcon, QImage, QImageReader

    supported = {bytes(name).decode() for name in QImageReader.supportedImageFormats()}
    missing = {"png", "jpeg", "gif", "ico", "svg"} - supported
    if missing:
        raise AssertionError(f"Qt cannot read {sorted(missing)}; it reads {sorted(supported)}")
    for path in sorted(folder.glob("logo.*")):
        if QImage(str(path)).isNull():
            raise AssertionError(f"Qt could not read {path.name}")
    from wizard.services import paths

    icon = QIcon(str(paths.resources_dir() / "icons" / "csa-setup.svg"))
    if icon.pixmap(64, 64).isNull():
        raise AssertionError("the SVG window icon does not render")
    return "Qt reads " + ", ".join(sorted(supported)) + "; SVG icon renders"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        body = b'{"probe": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        pass


def _certificate_pair(folder: Path) -> tuple[Path, Path, Path]:
    """Write a throwaway CA and a server certificate for 127.0.0.1 signed by it."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CSA Setup probe CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    server = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_file, cert_file, key_file = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_file.write_bytes(server.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return ca_file, cert_file, key_file


def check_https(folder: Path) -> str:
    """Make a TLS request to 127.0.0.1 through httpx, verified by a truststore context."""
    import ssl

    import httpx
    import truststore

    ca_file, cert_file, key_file = _certificate_pair(folder)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert_file, key_file)
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"https://127.0.0.1:{server.server_address[1]}/"
    try:
        # The system's trust store alone must reject the throwaway CA.
        with httpx.Client(verify=truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT), trust_env=False, timeout=5) as client:
            try:
                client.get(url)
            except httpx.ConnectError as error:
                if "CERTIFICATE_VERIFY_FAILED" not in str(error) and "certificate" not in str(error).lower():
                    raise
            else:
                raise AssertionError("a certificate from an unknown CA was accepted")
        # Once the CA is added, as a company's TLS inspection CA would be, it must pass.
        context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.load_verify_locations(cafile=str(ca_file))
        with httpx.Client(verify=context, trust_env=False, timeout=5) as client:
            response = client.get(url)
            response.raise_for_status()
            if response.json() != {"probe": True}:
                raise AssertionError(f"unexpected response body {response.text!r}")
    finally:
        server.shutdown()
        server.server_close()
    return f"httpx {httpx.__version__} over TLS to 127.0.0.1, verified through truststore"


def check_keyring() -> str:
    import keyring
    from keyring.backend import get_all_keyring

    backend = keyring.get_keyring()
    name = f"{type(backend).__module__.rsplit('.', 1)[-1]}.{type(backend).__name__}"
    if "fail" in type(backend).__module__:
        available = ", ".join(sorted(type(item).__name__ for item in get_all_keyring()))
        raise AssertionError(f"keyring chose the fail backend; found {available or 'no backends'}")
    value = "probe-" + os.urandom(6).hex()
    backend.set_password(PROBE_SERVICE, "probe", value)
    try:
        if backend.get_password(PROBE_SERVICE, "probe") != value:
            raise AssertionError("the value read back differs")
    finally:
        backend.delete_password(PROBE_SERVICE, "probe")
    return f"keychain {name}: write, read and delete"


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    # Qt's image plugins need an application object while the checks run.
    application = QGuiApplication(sys.argv[:1])
    failures = 0
    with tempfile.TemporaryDirectory(prefix="csa-probe-") as temporary:
        folder = Path(temporary)
        checks: list[tuple[str, Callable[[], str]]] = [
            ("validation", check_validation),
            ("pillow", lambda: check_pillow(folder)),
            ("qt images", lambda: check_qt_images(folder)),
            ("https", lambda: check_https(folder)),
            ("keyring", check_keyring),
        ]
        for label, check in checks:
            try:
                print(f"ok     {label}: {check()}", flush=True)
            except Exception as error:
                failures += 1
                print(f"FAILED {label}: {type(error).__name__}: {error}", flush=True)
                traceback.print_exc(limit=4, file=sys.stderr)
    del application
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

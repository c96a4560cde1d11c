"""The shared SSL context loads at the first TLS handshake, and TLS still verifies, on every transport.

opstatus's httpx transports hand httpcore a bare stand-in context and swap in the shared verifying one
when a connection starts TLS (``_deadline.pool_ssl_context``): a process that only speaks plain HTTP
never loads a CA bundle, one that speaks TLS verifies exactly as before. Checked over real sockets on
127.0.0.1: a plain-HTTP read leaves the shared context unmade; an HTTPS read to a server whose
self-signed certificate is trusted (``SSL_CERT_FILE``) succeeds on every transport opstatus builds;
the same read without that trust fails with a typed error naming the certificate.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import http.server
import ipaddress
import json
import ssl
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Final
from unittest import mock

import opstatus
import pytest
from opstatus import _deadline

from tests.overrides.http_fakes import example

IDS: Final = {"subscription_id": "s", "resource_group_name": "rg", "async_operation_id": "op"}
TOKEN: Final = "tls-test-token"
BODY: Final = json.dumps(
    example("monitor", "PrivateLinkScopeOperationStatus_Get", "getSpecificOperationStatus")
).encode()


class _StatusHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, format: str, *args: object) -> None:  # keep pytest output clean
        pass


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for IP 127.0.0.1 (cert file, key file)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "opstatus test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_file, key_file


@contextlib.contextmanager
def _serving(server: http.server.ThreadingHTTPServer, scheme: str) -> Iterator[str]:
    """``server`` answering in a thread for the enclosed block; yields its base URL."""
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"{scheme}://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def https_url(certificate: tuple[Path, Path]) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _StatusHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    with _serving(server, "https") as url:
        yield url


@pytest.fixture(scope="module")
def http_url() -> Iterator[str]:
    with _serving(http.server.ThreadingHTTPServer(("127.0.0.1", 0), _StatusHandler), "http") as url:
        yield url


@pytest.fixture
def fresh_context(monkeypatch: pytest.MonkeyPatch) -> None:
    """This test starts as a process that has made no shared context yet (restored afterwards)."""
    monkeypatch.setattr(_deadline, "_SSL_CONTEXT", None)


def _sync_read(base_url: str) -> str:
    with opstatus.MonitorClient(base_url=base_url, token=TOKEN, timeout=5.0) as client:
        assert client.transport_name == "httpx"
        return client.get_operation_status(**IDS).status


def _async_read(base_url: str, transport: str) -> str:
    async def read() -> str:
        async with opstatus.AsyncMonitorClient(base_url=base_url, token=TOKEN, timeout=5.0) as client:
            assert client.transport_name == transport
            return (await client.get_operation_status(**IDS)).status

    if transport == "aiohttp":
        pytest.importorskip("aiohttp", reason="opstatus[fast] is not installed")
        return asyncio.run(read())
    with mock.patch.dict(sys.modules, {"aiohttp": None, "opstatus._fast": None}):
        return asyncio.run(read())


READS: Final[dict[str, Callable[[str], str]]] = {
    "sync httpx": _sync_read,
    "async httpx": lambda url: _async_read(url, "httpx"),
    "async aiohttp": lambda url: _async_read(url, "aiohttp"),
}


@pytest.mark.timeout(30)
@pytest.mark.usefixtures("fresh_context")
@pytest.mark.parametrize("read", ["sync httpx", "async httpx"])
def test_a_plain_http_read_never_loads_the_ca_bundle(http_url: str, read: str) -> None:
    assert READS[read](http_url) == "Succeeded"
    assert _deadline._SSL_CONTEXT is None


@pytest.mark.timeout(30)
@pytest.mark.usefixtures("fresh_context")
@pytest.mark.parametrize("read", list(READS))
def test_an_https_read_verifies_with_the_shared_context(
    https_url: str, certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, read: str
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))  # read when the shared context is made
    assert READS[read](https_url) == "Succeeded"
    assert _deadline._SSL_CONTEXT is not None
    assert _deadline._SSL_CONTEXT is not _deadline.pool_ssl_context()


@pytest.mark.timeout(30)
@pytest.mark.usefixtures("fresh_context")
@pytest.mark.parametrize("read", list(READS))
def test_an_https_read_to_an_untrusted_certificate_fails_typed(
    https_url: str, monkeypatch: pytest.MonkeyPatch, read: str
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    with pytest.raises(opstatus.TransportError) as caught:
        READS[read](https_url)
    assert "certificate" in str(caught.value).lower()
    assert TOKEN not in str(caught.value)

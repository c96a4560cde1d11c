"""The error hierarchy's decision, pinned: one root, and a built-in base only where it names what the
caller did (``ValueError``: a value they passed; ``TimeoutError``: their wait's budget ran out)."""

from __future__ import annotations

import opstatus
import pytest

VALUE_ERRORS = {opstatus.InvalidParameterError, opstatus.UnsafeUrlError, opstatus.ContinuationTokenError}
TIMEOUT_ERRORS = {opstatus.PollingTimeoutError}
PUBLIC_ERRORS: set[type[BaseException]] = {
    value
    for value in (getattr(opstatus, name) for name in opstatus.__all__)
    if isinstance(value, type) and issubclass(value, BaseException)
}


def test_every_public_error_is_an_opstatus_error() -> None:
    assert all(issubclass(error, opstatus.OpStatusError) for error in PUBLIC_ERRORS)


@pytest.mark.parametrize("error", sorted(PUBLIC_ERRORS, key=repr))
def test_a_builtin_base_only_where_the_caller_caused_it(error: type[BaseException]) -> None:
    assert issubclass(error, ValueError) == (error in VALUE_ERRORS)
    assert issubclass(error, TimeoutError) == (error in TIMEOUT_ERRORS)
    assert issubclass(error, OSError) == (error in TIMEOUT_ERRORS)  # only through TimeoutError


def test_a_transport_failure_is_not_caught_as_the_callers_own_os_error() -> None:
    def handles_its_own_socket_errors() -> str:
        try:
            raise opstatus.TransportError("GET https://x failed after 4 attempt(s): ConnectError")
        except OSError:  # code handling its own file or socket errors must not swallow it
            return "swallowed"

    with pytest.raises(opstatus.TransportError):
        handles_its_own_socket_errors()


def test_request_ids_default_to_none_on_errors_that_carry_them() -> None:
    http = opstatus.NotFoundError(status_code=404)
    decode = opstatus.DecodeError(reason="r")
    transport = opstatus.TransportError("t")

    assert (http.request_id, http.client_request_id) == (None, None)
    assert (decode.request_id, decode.client_request_id) == (None, None)
    assert transport.client_request_id is None

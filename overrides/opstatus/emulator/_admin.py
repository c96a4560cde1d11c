"""The admin HTTP API under ``/_emulator``: the Python control API, over JSON.

Every route mirrors a method of :class:`~opstatus.emulator.Emulator`; bodies are the same pydantic
models (``Lifecycle``, ``FaultPlan``) in their JSON form. Errors answer ``{"error": {"code", "message"}}``
with 400 (invalid input), 404 (unknown operation) or 409 (conflict); a body over 1 MiB never gets here
(413 from ``_intake``).

A request is validated whole before any of it is applied, so a refused request changes nothing: bodies are
parsed strictly (``"30"`` and ``true`` are not numbers), every number in them must be finite and every
integer fit 64 bits (``_limits``), routes without a body accept only an empty one or ``{}``, and what an
answer shows is rendered before the change it reports is made where it can be.
"""

from __future__ import annotations

import json
import math
from collections.abc import Awaitable, Callable
from typing import NoReturn, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from ._apis import PROFILES, ApiKey
from ._emulator import Emulator
from ._errors import EmulatorError
from ._faults import FaultPlan
from ._lifecycle import Lifecycle
from ._limits import MAX_CLOCK_SECONDS, MAX_INT, MIN_INT

__all__ = ["ADMIN_PREFIX", "build_admin_app"]

ADMIN_PREFIX = "/_emulator"

Endpoint = Callable[[Request], Awaitable[Response]]


class CreateOperation(BaseModel):
    """Body of ``POST /_emulator/operations``."""

    model_config = ConfigDict(extra="forbid")

    api: ApiKey
    id: str | None = None
    params: dict[str, str] = Field(default_factory=dict)
    lifecycle: Lifecycle = Lifecycle()
    faults: FaultPlan | None = None


class Advance(BaseModel):
    model_config = ConfigDict(extra="forbid")

    seconds: float = Field(ge=0.0, le=MAX_CLOCK_SECONDS, allow_inf_nan=False)


_MAX_SINCE = 2**63 - 1


def _refuse_constant(token: str) -> NoReturn:
    raise ValueError(f"{token} is not a JSON number (admin bodies take finite numbers only)")


def _finite_float(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):
        raise ValueError(f"number {token[:40]} is out of range (admin bodies take finite numbers only)")
    return value


def _bounded_int(token: str) -> int:
    # The length first: int() of a 4,300-digit token costs time, and past that raises on its own.
    value = int(token) if len(token.lstrip("-")) <= 20 else None
    if value is None or not MIN_INT <= value <= MAX_INT:
        shown = token if len(token) <= 40 else f"{token[:40]}... ({len(token)} digits)"
        raise ValueError(f"integer {shown} is out of range ({MIN_INT} to {MAX_INT})")
    return value


def _check_numbers(body: bytes) -> None:
    """Refuse ``NaN``, ``Infinity``, ``1e999`` and integers past 64 bits anywhere in a body, whatever the
    field: the one rule every admin body keeps, on top of each model's ranges."""
    try:
        json.loads(body, parse_constant=_refuse_constant, parse_float=_finite_float, parse_int=_bounded_int)
    except RecursionError:
        raise ValueError("the body is nested too deeply to be an admin request") from None


_M = TypeVar("_M", CreateOperation, FaultPlan, Advance)


async def _parse(model: type[_M], request: Request) -> _M:
    body = await request.body() or b"{}"
    _check_numbers(body)
    return model.model_validate_json(body, strict=True)


async def _no_body(request: Request) -> None:
    """Routes that take no input accept an empty body or ``{}``; anything else is refused, not ignored."""
    body = (await request.body()).strip()
    if body not in (b"", b"{}"):
        raise ValueError("this route takes no body (send none, or {})")


def _since(request: Request) -> int:
    raw = request.query_params.get("since", "0")
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 19 and int(raw) <= _MAX_SINCE):
        raise ValueError(f"since must be a sequence number from 0 to {_MAX_SINCE}, not {raw[:40]!r}")
    return int(raw)


def _problem(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _guarded(endpoint: Endpoint) -> Endpoint:
    """Turn the emulator's errors and invalid JSON into 4xx answers."""

    async def wrapper(request: Request) -> Response:
        try:
            return await endpoint(request)
        except ValidationError as exc:
            return _problem(400, "InvalidRequest", str(exc))
        except EmulatorError as exc:
            return _problem(exc.status_code, type(exc).__name__, str(exc))
        except ValueError as exc:
            return _problem(400, "InvalidRequest", str(exc))

    return wrapper


def build_admin_app(emulator: Emulator) -> Starlette:
    """The Starlette app for ``/_emulator/...`` (it also answers lifespan events)."""

    def origin(request: Request) -> str:
        return str(request.base_url).rstrip("/")

    async def info(request: Request) -> Response:
        base = origin(request)
        return JSONResponse(
            {
                "apis": {key: base + profile.base_path for key, profile in PROFILES.items()},
                "admin": base + ADMIN_PREFIX,
                "clock": {"mode": emulator.clock.mode, "now": emulator.now()},
                "operations": len(emulator.operations()),
            }
        )

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def reset(request: Request) -> Response:
        await _no_body(request)
        emulator.reset()
        return Response(status_code=204)

    async def list_operations(request: Request) -> Response:
        api = request.query_params.get("api")
        ops = emulator.operations(api)
        return JSONResponse([emulator.describe(op, origin=origin(request)) for op in ops])

    async def create_operation(request: Request) -> Response:
        spec = await _parse(CreateOperation, request)
        op = emulator.create_operation(
            spec.api, lifecycle=spec.lifecycle, operation_id=spec.id, params=spec.params, faults=spec.faults
        )
        return JSONResponse(emulator.describe(op, origin=origin(request)), status_code=201)

    async def get_operation(request: Request) -> Response:
        op = emulator.get_operation(request.path_params["api"], request.path_params["id"])
        return JSONResponse(emulator.describe(op, origin=origin(request)))

    async def delete_operation(request: Request) -> Response:
        await _no_body(request)
        emulator.delete_operation(request.path_params["api"], request.path_params["id"])
        return Response(status_code=204)

    async def cancel_operation(request: Request) -> Response:
        await _no_body(request)
        op = emulator.cancel_operation(request.path_params["api"], request.path_params["id"])
        return JSONResponse(emulator.describe(op, origin=origin(request)))

    def plan_json(plan: FaultPlan | None) -> Response:
        return JSONResponse({"faults": plan.model_dump(mode="json") if plan else None})

    async def get_operation_faults(request: Request) -> Response:
        return plan_json(
            emulator.faults(api=request.path_params["api"], operation_id=request.path_params["id"])
        )

    async def put_operation_faults(request: Request) -> Response:
        plan = await _parse(FaultPlan, request)
        answer = plan_json(plan)
        emulator.set_faults(plan, api=request.path_params["api"], operation_id=request.path_params["id"])
        return answer

    async def delete_operation_faults(request: Request) -> Response:
        await _no_body(request)
        emulator.set_faults(None, api=request.path_params["api"], operation_id=request.path_params["id"])
        return Response(status_code=204)

    async def get_faults(request: Request) -> Response:
        return plan_json(emulator.faults())

    async def put_faults(request: Request) -> Response:
        plan = await _parse(FaultPlan, request)
        answer = plan_json(plan)
        emulator.set_faults(plan)
        return answer

    async def delete_faults(request: Request) -> Response:
        await _no_body(request)
        emulator.set_faults(None)
        return Response(status_code=204)

    async def get_clock(request: Request) -> Response:
        return JSONResponse({"mode": emulator.clock.mode, "now": emulator.now()})

    async def advance_clock(request: Request) -> Response:
        step = await _parse(Advance, request)
        try:
            now = emulator.advance(step.seconds)
        except RuntimeError as exc:
            return _problem(409, "WallClock", str(exc))
        return JSONResponse({"mode": emulator.clock.mode, "now": now})

    async def get_requests(request: Request) -> Response:
        api = request.query_params.get("api")
        since = _since(request)
        entries = [entry.to_json() for entry in emulator.requests(api=api) if entry.seq > since]
        return JSONResponse(entries)

    async def clear_requests(request: Request) -> Response:
        await _no_body(request)
        emulator.clear_requests()
        return Response(status_code=204)

    def route(path: str, endpoint: Endpoint, method: str) -> BaseRoute:
        return Route(ADMIN_PREFIX + path, _guarded(endpoint), methods=[method])

    op = "/operations/{api}/{id}"
    routes = [
        route("", info, "GET"),
        route("/health", health, "GET"),
        route("/reset", reset, "POST"),
        route("/operations", list_operations, "GET"),
        route("/operations", create_operation, "POST"),
        route(op, get_operation, "GET"),
        route(op, delete_operation, "DELETE"),
        route(op + "/cancel", cancel_operation, "POST"),
        route(op + "/faults", get_operation_faults, "GET"),
        route(op + "/faults", put_operation_faults, "PUT"),
        route(op + "/faults", delete_operation_faults, "DELETE"),
        route("/faults", get_faults, "GET"),
        route("/faults", put_faults, "PUT"),
        route("/faults", delete_faults, "DELETE"),
        route("/clock", get_clock, "GET"),
        route("/clock/advance", advance_clock, "POST"),
        route("/requests", get_requests, "GET"),
        route("/requests", clear_requests, "DELETE"),
    ]
    return Starlette(routes=routes)

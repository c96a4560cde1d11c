"""The admin HTTP API under ``/_emulator``: the Python control API, over JSON.

Every route mirrors a method of :class:`~opstatus.emulator.Emulator`; bodies are the same pydantic
models (``Lifecycle``, ``FaultPlan``) in their JSON form. Errors answer ``{"error": {"code", "message"}}``
with 400 (invalid input), 404 (unknown operation) or 409 (conflict).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

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

    seconds: float = Field(ge=0.0, allow_inf_nan=False)


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
        emulator.reset()
        return Response(status_code=204)

    async def list_operations(request: Request) -> Response:
        api = request.query_params.get("api")
        ops = emulator.operations(api)
        return JSONResponse([emulator.describe(op, origin=origin(request)) for op in ops])

    async def create_operation(request: Request) -> Response:
        spec = CreateOperation.model_validate_json(await request.body() or b"{}")
        op = emulator.create_operation(
            spec.api, lifecycle=spec.lifecycle, operation_id=spec.id, params=spec.params, faults=spec.faults
        )
        return JSONResponse(emulator.describe(op, origin=origin(request)), status_code=201)

    async def get_operation(request: Request) -> Response:
        op = emulator.get_operation(request.path_params["api"], request.path_params["id"])
        return JSONResponse(emulator.describe(op, origin=origin(request)))

    async def delete_operation(request: Request) -> Response:
        emulator.delete_operation(request.path_params["api"], request.path_params["id"])
        return Response(status_code=204)

    async def cancel_operation(request: Request) -> Response:
        op = emulator.cancel_operation(request.path_params["api"], request.path_params["id"])
        return JSONResponse(emulator.describe(op, origin=origin(request)))

    def plan_json(plan: FaultPlan | None) -> Response:
        return JSONResponse({"faults": plan.model_dump(mode="json") if plan else None})

    async def get_operation_faults(request: Request) -> Response:
        return plan_json(
            emulator.faults(api=request.path_params["api"], operation_id=request.path_params["id"])
        )

    async def put_operation_faults(request: Request) -> Response:
        plan = FaultPlan.model_validate_json(await request.body() or b"{}")
        emulator.set_faults(plan, api=request.path_params["api"], operation_id=request.path_params["id"])
        return plan_json(plan)

    async def delete_operation_faults(request: Request) -> Response:
        emulator.set_faults(None, api=request.path_params["api"], operation_id=request.path_params["id"])
        return Response(status_code=204)

    async def get_faults(request: Request) -> Response:
        return plan_json(emulator.faults())

    async def put_faults(request: Request) -> Response:
        plan = FaultPlan.model_validate_json(await request.body() or b"{}")
        emulator.set_faults(plan)
        return plan_json(plan)

    async def delete_faults(request: Request) -> Response:
        emulator.set_faults(None)
        return Response(status_code=204)

    async def get_clock(request: Request) -> Response:
        return JSONResponse({"mode": emulator.clock.mode, "now": emulator.now()})

    async def advance_clock(request: Request) -> Response:
        step = Advance.model_validate_json(await request.body() or b"{}")
        try:
            now = emulator.advance(step.seconds)
        except RuntimeError as exc:
            return _problem(409, "WallClock", str(exc))
        return JSONResponse({"mode": emulator.clock.mode, "now": now})

    async def get_requests(request: Request) -> Response:
        api = request.query_params.get("api")
        since = int(request.query_params.get("since", "0"))
        entries = [entry.to_json() for entry in emulator.requests(api=api) if entry.seq > since]
        return JSONResponse(entries)

    async def clear_requests(request: Request) -> Response:
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

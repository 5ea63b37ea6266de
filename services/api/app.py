"""The fundwatch API: consolidated funding records with their provenance."""
from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from services.api import observe, problems
from services.api.routes import (announcements, awards, changes, documents, exports, health, organisations, sources,
                                 status, subscriptions)
from shared.db import read_pool


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Open the pool of the hot reads (GET /awards) for this process's event loop, then freeze what
    start-up allocated: the garbage collector's full passes then skip the framework's and models'
    long-lived objects, which otherwise stall a request for tens of milliseconds now and then."""
    pool = read_pool()
    await pool.open()
    app.state.read_pool = pool
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        app.state.read_pool = None
        await pool.close()


def create_app() -> FastAPI:
    app = FastAPI(title="fundwatch", version="0.1.0", lifespan=lifespan,
                  description="Public funding awards, consolidated across the sources that report them, "
                              "each value with the quotes and pages behind it.",
                  responses=problems.ERROR_RESPONSES)
    problems.install(app)
    app.add_middleware(observe.RequestTimer)   # added last: outermost, so it times the guard's refusals too
    for module in (exports, awards, announcements, organisations, changes, documents, sources, subscriptions, status,
                   health):
        app.include_router(module.router)
    _register_problem_schema(app)
    return app


def _register_problem_schema(app: FastAPI) -> None:
    """Put the Problem model in the OpenAPI components, where ERROR_RESPONSES refer to it."""
    build = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = build()
            schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = \
                problems.Problem.model_json_schema(ref_template="#/components/schemas/{model}")
            for operation in (op for item in schema.get("paths", {}).values() for op in item.values()):
                for parameter in operation.get("parameters", []):
                    _no_nul(parameter.get("schema", {}))
            app.openapi_schema = schema
        return app.openapi_schema
    app.openapi = openapi


def _no_nul(schema: dict) -> None:
    """Say in a parameter's schema what RequestGuard enforces: a free-text string holds no NUL
    (PostgreSQL text cannot)."""
    for option in schema.get("anyOf", [schema]):
        if option.get("type") == "string" and not {"pattern", "enum", "const", "format"} & set(option):
            option["pattern"] = "^[^\\x00]*$"


app = create_app()

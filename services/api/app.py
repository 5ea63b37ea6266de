"""The fundwatch API: consolidated funding records with their provenance."""
from __future__ import annotations

from fastapi import FastAPI

from services.api import problems
from services.api.routes import (announcements, awards, changes, documents, exports, health, organisations, sources,
                                 status, subscriptions)


def create_app() -> FastAPI:
    app = FastAPI(title="fundwatch", version="0.1.0",
                  description="Public funding awards, consolidated across the sources that report them, "
                              "each value with the quotes and pages behind it.",
                  responses=problems.ERROR_RESPONSES)
    problems.install(app)
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
            app.openapi_schema = schema
        return app.openapi_schema
    app.openapi = openapi


app = create_app()

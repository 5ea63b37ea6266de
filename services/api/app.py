"""The fundwatch API: consolidated funding records with their provenance."""
from __future__ import annotations

from fastapi import FastAPI

from services.api import problems
from services.api.routes import announcements, awards, changes, documents, health, sources


def create_app() -> FastAPI:
    app = FastAPI(title="fundwatch", version="0.1.0",
                  description="Public funding awards, consolidated across the sources that report them, "
                              "each value with the quotes and pages behind it.")
    problems.install(app)
    for module in (awards, announcements, changes, documents, sources, health):
        app.include_router(module.router)
    return app


app = create_app()

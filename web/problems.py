"""The error bodies the JSON endpoints answer with, as the OpenAPI document describes them.

Every JSON error is ``{"detail": "what is wrong and what to do"}``; a request that fails
validation adds ``errors``, one ``{"field", "problem"}`` per wrong field (never the submitted
value). The ``*_ERRORS`` mappings are the ``responses=`` of the routes that can answer them, so
the published schema documents every status code a client may receive.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class FieldProblem(BaseModel):
    field: str = Field(description="The wrong field, dotted (e.g. `filters.city`).")
    problem: str = Field(description="Why it is refused.")


class Problem(BaseModel):
    detail: str = Field(description="What is wrong and what to do about it.")
    errors: list[FieldProblem] = Field(
        default_factory=list, description="One entry per wrong field, on validation errors."
    )


def _problem(description: str) -> dict[str, Any]:
    return {"model": Problem, "description": description}


BODY_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _problem("The body cannot be read: it is not JSON in UTF-8."),
}
INVALID_ERRORS: dict[int | str, dict[str, Any]] = {
    422: _problem("The request is invalid: `detail` and `errors` say which field and why."),
}
NOT_FOUND_ERRORS: dict[int | str, dict[str, Any]] = {404: _problem("No module has this id.")}
BUSY_ERRORS: dict[int | str, dict[str, Any]] = {
    503: _problem("Too many searches at once: retry after `Retry-After` seconds."),
}
PARTNER_ERRORS: dict[int | str, dict[str, Any]] = {
    401: _problem("The partner's secret key is missing, unknown or revoked."),
    429: _problem("The key's rate limit is reached: retry after `Retry-After` seconds."),
}

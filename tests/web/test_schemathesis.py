"""Schemathesis over ``/openapi.json``: every operation, called with the partner's secret key,
answers without a 5xx and with a response that its schema documents.

In-process (ASGI) against ``create_app`` on the small fake-encoder index, with a bounded,
derandomized example count so CI is stable. ``BOUSSOLE_SCHEMATHESIS_EXAMPLES=500`` raises the
count for a full run (see the README, "The REST API").
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis import checks

from assistant.partners import FilePartnerStore
from assistant.search import SearchService
from assistant.settings import Settings
from index.store import LoadedIndex
from web.app import create_app

EXAMPLES = int(os.environ.get("BOUSSOLE_SCHEMATHESIS_EXAMPLES", "30"))
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.response_schema_conformance,
]


@pytest.fixture
def partner_secret(tmp_path: Path) -> tuple[FilePartnerStore, str]:
    """A partner whose rate limit no run of this test reaches (the limit has tests of its own)."""
    store = FilePartnerStore(tmp_path / "schemathesis-partners.json")
    _, _, secret = store.add("Schemathesis", ["http://portal.test"], rate_limit=100_000)
    return store, secret


@pytest.fixture
def app(
    built_index: LoadedIndex, tmp_path: Path, partner_secret: tuple[FilePartnerStore, str]
) -> Any:
    store, _ = partner_secret
    return create_app(
        Settings(index_dir=tmp_path / "index"), services=SearchService(built_index), partners=store
    )


# The document the app serves at /openapi.json (building it opens nothing); each test calls an
# app of its own, opened on the test's index and partner store.
schema = schemathesis.openapi.from_dict(create_app(Settings(index_dir=Path("unused"))).openapi())


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_within_its_schema(
    case: Any, app: Any, partner_secret: tuple[FilePartnerStore, str]
) -> None:
    _, secret = partner_secret
    headers = {"Authorization": f"Bearer {secret}"}
    case.call_and_validate(app=app, headers=headers, checks=CHECKS)


# Regression cases the runs found, each replayed through the same checks.
@pytest.mark.parametrize(
    ("path", "method", "status", "request_parts"),
    [
        # A filter the service refuses: 422 with a `detail` string, not FastAPI's default list.
        ("/modules.json", "GET", 422, {"query": {"level": "expert"}}),
        # A body that fails validation: `detail` and one `errors` entry per field.
        ("/api/v1/search", "POST", 422, {"body": {"text": 5}}),
        # An unknown module: 404, documented.
        ("/modules/{module_id}.json", "GET", 404, {"path_parameters": {"module_id": "nope"}}),
        ("/api/v1/modules/{module_id}", "GET", 404, {"path_parameters": {"module_id": "nope"}}),
    ],
)
def test_error_answers_are_documented(
    app: Any,
    partner_secret: tuple[FilePartnerStore, str],
    path: str,
    method: str,
    status: int,
    request_parts: dict[str, Any],
) -> None:
    _, secret = partner_secret
    case = schema[path][method].Case(**request_parts)
    headers = {"Authorization": f"Bearer {secret}"}
    response = case.call_and_validate(app=app, headers=headers, checks=CHECKS)
    assert response.status_code == status


def test_a_missing_key_is_documented(app: Any) -> None:
    case = schema["/api/v1/search"]["POST"].Case(body={"text": "excel"})
    assert case.call_and_validate(app=app, checks=CHECKS).status_code == 401


@pytest.mark.parametrize("path", ["/api/v1/search", "/api/v1/pathway", "/api/v1/chat"])
def test_a_body_that_is_not_utf8_json_is_documented(
    app: Any, partner_secret: tuple[FilePartnerStore, str], path: str
) -> None:
    _, secret = partner_secret
    headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}
    with TestClient(app) as client:
        response = client.post(path, content=b"\x06\xff\x0f{", headers=headers)
    assert response.status_code == 400
    schema[path]["POST"].Case(body={}).validate_response(response, checks=CHECKS)

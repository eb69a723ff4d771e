"""The admin's list of catalog syncs, in a browser: readable, and accessible (axe) in fr and nl."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from playwright.sync_api import BrowserContext, expect

from assistant.console import Console
from assistant.console.syncs import SyncEntry, SyncLog
from tests.browser.conftest import LiveApp
from tests.browser.console_pages import make_account, query, sign_in
from tests.browser.pages import axe_violations, describe


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_the_syncs_table_is_accessible(
    lang: str,
    live_app: LiveApp,
    console: Console,
    new_context: Callable[..., BrowserContext],
) -> None:
    log = SyncLog(console.db)
    when = datetime(2026, 12, 3, 2, 30, tzinfo=UTC)
    log.add(
        SyncEntry(
            when,
            "forem.jsonl + bruxelles.csv",
            "published",
            3,
            12,
            1,
            2000,
            15,
            "gen-20261203T023012Z",
            14.2,
            "",
        ),
        when,
    )
    log.add(
        SyncEntry(
            when,
            "forem.jsonl",
            "failed",
            0,
            0,
            0,
            0,
            0,
            "",
            0.1,
            "forem.jsonl, line 12: field 'title': missing",
        ),
        when,
    )
    page = new_context().new_page()
    sign_in(page, live_app.url, make_account(console, "admin"), lang)
    page.goto(f"{live_app.url}/console/admin/catalog{query(lang)}")
    table = page.locator("#catalog-syncs")
    expect(table).to_contain_text("forem.jsonl + bruxelles.csv")
    expect(table).to_contain_text("gen-20261203T023012Z")
    expect(table.locator("tbody tr").first).to_contain_text("line 12")  # newest first
    expect(page.locator("html")).to_have_attribute("lang", lang)
    violations = axe_violations(page)
    assert not violations, describe(violations)

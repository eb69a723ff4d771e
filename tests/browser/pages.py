"""What the browser tests do on Boussole's pages: send a message, read the turns, run axe."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import axe_playwright_python
from playwright.sync_api import Frame, FrameLocator, Locator, Page, expect

PROFILE = (
    "J'habite à Gosselies, j'ai été magasinier pendant 15 ans et je voudrais apprendre "
    "l'informatique, je débute"
)
XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
WIDGET = "div[data-boussole-widget]"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DIALOGUE_TEMPLATES = Path(__file__).resolve().parents[2] / "assistant" / "dialogue" / "templates"


def send(where: Page | FrameLocator, text: str) -> None:
    """Type ``text`` in the chat's message box and press its send button."""
    where.locator("#message").fill(text)
    where.locator("#chat-form button[type=submit]").click()


def turns(where: Page | FrameLocator) -> Locator:
    return where.locator("ol#transcript > li.turn")


def send_and_wait(where: Page | FrameLocator, text: str) -> Locator:
    """Send ``text`` and wait for its turn (one more ``li.turn``); return that turn."""
    before = turns(where).count()
    send(where, text)
    expect(turns(where)).to_have_count(before + 1)
    return turns(where).nth(before)


def watch_live_region(page: Page) -> None:
    """Record what is inserted in the transcript's live region (``window.__added``)."""
    page.evaluate(
        """() => {
            window.__added = [];
            const region = document.querySelector('[role=log][aria-live=polite]');
            new MutationObserver(records => {
                for (const r of records) for (const n of r.addedNodes) {
                    window.__added.push(n.nodeType === 1
                        ? n.tagName.toLowerCase() + '.' + n.className : '#' + n.nodeType);
                }
            }).observe(region, {childList: true, subtree: true});
        }"""
    )


def take_added(page: Page) -> list[str]:
    """What was inserted in the live region since the last call."""
    added: list[str] = page.evaluate("() => window.__added.splice(0)")
    return added


def summary_heading(language: str) -> str:
    """The first line of the dialogue's summary ("J'ai compris :") in ``language``."""
    text = (DIALOGUE_TEMPLATES / language / "summary.j2").read_text(encoding="utf-8")
    return next(line.strip() for line in text.splitlines() if line.strip() and "{" not in line)


@functools.cache
def axe_source() -> str:
    """axe-core as shipped inside axe-playwright-python (a local file, nothing downloaded)."""
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(where: Page | Frame) -> list[dict[str, Any]]:
    """The serious and critical WCAG 2.x A/AA violations axe-core finds in ``where``.

    Frames are checked each on their own (``iframes: false``): the caller runs this in the
    widget's frame too.
    """
    where.evaluate(axe_source())
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "iframes": False}
    results = where.evaluate(f"axe.run(document, {json.dumps(options)})")
    return [v for v in results["violations"] if v["impact"] in ("serious", "critical")]


def assert_accessible(*documents: Page | Frame, where: str = "") -> None:
    """axe finds no serious or critical violation in any of ``documents`` (a page and, for
    the widget, its frame); ``where`` names the state in the failure message."""
    found = [v for d in documents for v in axe_violations(d)]
    assert not found, f"axe on {where}:\n{describe(found)}" if where else describe(found)


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} {v['helpUrl']}")
        for node in v["nodes"][:5]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {node['target']}: {node['html'][:160]} | {summary}")
    return "\n".join(lines)

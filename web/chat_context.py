"""What the chat's templates get besides the turn: the partner frame an embedded chat lives in
(:class:`Embed`), where a card's module links go, and the next start dates.

In a partner's panel a card opens the embeddable module view (``/embed/modules/{id}``), which
is framed under the same rule as the chat; on Boussole's pages it opens the module page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from assistant.console import next_starts
from web.i18n import PageLanguage
from web.render import make_href, segment


@dataclass(frozen=True)
class Embed:
    """The partner context of an embedded chat (``None`` on Boussole's own pages)."""

    key: str
    partner: str
    origins: tuple[str, ...]
    color: str | None = None
    title: str | None = None
    region: str | None = None

    def query(self, lang: PageLanguage) -> str:
        """The query string that opens an embed page of this partner, as the widget does."""
        values = {
            "key": self.key,
            "lang": lang,
            "color": self.color,
            "title": self.title,
            "region": self.region,
        }
        return urlencode({k: v for k, v in values.items() if v})


def module_href(embed: Embed | None, lang: PageLanguage) -> Callable[[str], str]:
    """Where a card's module links go: the module page, or in a partner's panel the
    embeddable module view (the module page may not be framed)."""
    if embed is None:
        href = make_href(lang)
        return lambda module_id: href("/modules/" + segment(module_id))
    query = embed.query(lang)
    return lambda module_id: f"/embed/modules/{segment(module_id)}?{query}"


def card_helpers(embed: Embed | None, lang: PageLanguage) -> dict[str, Any]:
    """What the chat's card templates call: links kept in the page's language (and, in a
    partner's panel, in the panel), and the next start dates as of today."""
    return {
        "href": make_href(lang),
        "module_href": module_href(embed, lang),
        "next_starts": next_starts,
        "today": date.today(),
    }

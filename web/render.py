"""Rendering the pages: one Jinja2 environment per page language, autoescaped.

Templates are in ``web/templates`` and written in French; ``{% trans %}`` and ``_()`` look the
strings up in the Babel catalogs (:mod:`web.i18n`). The helpers here are the only filters the
templates use: numbers in the page's language, safe outbound links, and the assistant's text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from babel.numbers import format_decimal
from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from corpus.audience import OLDER_FROM, YOUNG_UNDER
from web.i18n import LANGUAGE_NAMES, PAGE_LANGUAGES, PageLanguage, translations

TEMPLATES = Path(__file__).parent / "templates"
_BLANK_LINES = re.compile(r"\n\s*\n")


def number(value: float | None, language: str) -> str:
    """``value`` written for ``language``: 12,5 in French, 12.5 in English; no trailing .0."""
    if value is None:
        return ""
    return format_decimal(round(float(value), 1), format="#,##0.#", locale=language)


def outbound(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) link, else ``None`` (no ``javascript:`` links)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def assistant_text(text: str | None) -> Markup:
    """The assistant's text as paragraphs.

    The dialogue's templates already escaped every value they inserted (autoescape), so the
    text is trusted markup-free prose: it is split into paragraphs and lines, never re-parsed.
    """
    if not text:
        return Markup("")
    paragraphs = [p.strip() for p in _BLANK_LINES.split(text) if p.strip()]
    # Markup(...) marks the already-escaped text as safe; only <p> and <br> are added here.
    return Markup("").join(
        Markup("<p>{}</p>").format(Markup("<br>").join(Markup(line) for line in p.split("\n")))
        for p in paragraphs
    )


class Pages:
    """Renders templates for one request's language.

    The environments (and so the compiled templates) of a template folder are shared by every
    ``Pages`` of the process: compiling is the costly part, rendering is thread-safe.
    """

    def __init__(self, root: Path = TEMPLATES) -> None:
        self._envs = _environments(root)

    def compile_all(self) -> int:
        """Compile every template of every language now (how many), not in the first
        requests: a first chat page in a language compiled about a dozen templates, which
        took seconds of CPU on a busy machine while people waited. Compiled templates stay
        in each environment's cache (400 entries, more than there are templates)."""
        compiled = 0
        for env in self._envs.values():
            for name in env.list_templates(filter_func=_is_template):
                env.get_template(name)
                compiled += 1
        return compiled

    def render_text(self, name: str, language: PageLanguage, **context: Any) -> str:
        """``name`` with its strings in ``language``; ``lang`` (the page's language, which
        forms carry on) defaults to it but may differ: a chat turn is written in the
        language of the reply, on a page in another."""
        template = self._envs[language].get_template(name)
        return template.render(**{"lang": language, **context})

    def response(
        self,
        request: Request,
        name: str,
        language: PageLanguage,
        *,
        status_code: int = 200,
        headers: dict[str, str] | None = None,
        **context: Any,
    ) -> HTMLResponse:
        """The page ``name`` for ``request`` in ``language``."""
        context.setdefault("switch_path", request.url.path)
        html = self.render_text(name, language, href=make_href(language), **context)
        return HTMLResponse(html, status_code=status_code, headers=headers)


@functools.lru_cache(maxsize=4)
def _environments(root: Path) -> dict[str, Environment]:
    """One autoescaped environment per page language for the templates in ``root``."""
    envs: dict[str, Environment] = {}
    for lang in PAGE_LANGUAGES:
        env = Environment(
            loader=FileSystemLoader(root),
            autoescape=select_autoescape(("html", "j2")),
            undefined=StrictUndefined,
            extensions=["jinja2.ext.i18n"],
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
        env.filters["num"] = lambda v, _lang=lang: number(v, _lang)
        env.filters["outbound"] = outbound
        env.filters["segment"] = segment
        env.filters["assistant_text"] = assistant_text
        env.globals["LANGUAGE_NAMES"] = LANGUAGE_NAMES
        # The age groups' bounds, from the one audience definition the chat says too.
        env.globals["AGES"] = {"young_under": YOUNG_UNDER, "older_from": OLDER_FROM}
        envs[lang] = env
    return envs


def _is_template(name: str) -> bool:
    return name.endswith((".html", ".j2", ".txt"))


def segment(value: object) -> str:
    """``value`` as one URL path segment: every character but letters, digits and ``-_.~``
    percent-encoded (a module id never reaches the address bar as a path or a query)."""
    return quote(str(value), safe="")


def make_href(language: str) -> Callable[..., str]:
    """A link builder that keeps the page's language: ``href("/modules", page=2)``."""

    def href(path: str, **params: Any) -> str:
        query = {k: v for k, v in params.items() if v not in (None, "")}
        if language != "fr":
            query["lang"] = language
        return path + ("?" + urlencode(query) if query else "")

    return href

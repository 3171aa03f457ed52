"""Rendering the pages for people: one Jinja2 environment, the page language and its cookie."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from nkc_kg.service.i18n.messages import DEFAULT_LANGUAGE, LANGUAGES, kind_label, message, role_label

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
LANG_COOKIE = "nkc_lang"
ONE_YEAR = 365 * 24 * 3600


def page_language(request: Request) -> str:
    """``?lang=`` wins, then the cookie it left, then Dutch."""
    for candidate in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
        if candidate in LANGUAGES:
            return candidate  # type: ignore[return-value]
    return DEFAULT_LANGUAGE


def label(entity: Mapping[str, Any] | None, lang: str) -> str:
    """An entity's label in ``lang`` when the data has one (``labels: {nl, en}`` or ``labelEn``), else its label."""
    if not entity:
        return ""
    labels = entity.get("labels")
    if isinstance(labels, Mapping) and labels.get(lang):
        return str(labels[lang])
    if lang == "en":
        for key in ("labelEn", "label_en", "titleEn", "textEn"):
            if entity.get(key):
                return str(entity[key])
    for key in ("label", "title", "text"):
        if entity.get(key):
            return str(entity[key])
    return str(entity.get("iri", ""))


def text_in(entity: Mapping[str, Any] | None, field: str, lang: str) -> str:
    """A text field in ``lang``: ``field`` may be a string, a {nl, en} mapping, or have a ``fieldEn`` sibling."""
    if not entity:
        return ""
    value = entity.get(field)
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get(DEFAULT_LANGUAGE) or "")
    if lang == "en" and entity.get(f"{field}En"):
        return str(entity[f"{field}En"])
    return "" if value is None else str(value)


class Pages:
    """Renders a template with the page language, its strings and a language switch that keeps the query."""

    def __init__(self) -> None:
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES_DIR),
            autoescape=select_autoescape(["html", "svg"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(label=label, text_in=text_in, role_label=role_label, kind_label=kind_label)

    def render(self, request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        lang = page_language(request)
        other = "en" if lang == "nl" else "nl"
        params = {k: v for k, v in request.query_params.items() if k != "lang"}
        switch_url = request.url.path + "?" + urlencode({**params, "lang": other})
        html = self.env.get_template(template).render(
            lang=lang,
            t=lambda key: message(key, lang),
            switch_url=switch_url,
            path=request.url.path,
            **context,
        )
        response = HTMLResponse(html, status_code=status_code, headers={"Vary": "Accept, Cookie"})
        if request.query_params.get("lang") in LANGUAGES:
            response.set_cookie(LANG_COOKIE, lang, max_age=ONE_YEAR, samesite="lax", httponly=True)
        return response

    def not_found(self, request: Request, detail: str = "") -> HTMLResponse:
        return self.render(request, "not_found.html", status_code=404, detail=detail)

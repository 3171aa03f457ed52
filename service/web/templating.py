"""Rendering the pages for people for a request: the page language (``?lang=``, its cookie) and the response."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from nkc_kg.service.i18n.messages import DEFAULT_LANGUAGE, LANGUAGES
from nkc_kg.service.web.rendering import Templates

LANG_COOKIE = "nkc_lang"
ONE_YEAR = 365 * 24 * 3600


def page_language(request: Request) -> str:
    """``?lang=`` wins, then the cookie it left, then Dutch."""
    for candidate in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
        if candidate in LANGUAGES:
            return candidate  # type: ignore[return-value]
    return DEFAULT_LANGUAGE


class Pages(Templates):
    """Renders a template as the page a request asked for, in its language (and remembers a chosen one)."""

    def render(self, request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        lang = page_language(request)
        params = {k: v for k, v in request.query_params.items() if k != "lang"}
        html = self.html(template, lang, request.url.path, params, **context)
        response = HTMLResponse(html, status_code=status_code, headers={"Vary": "Accept, Cookie"})
        if request.query_params.get("lang") in LANGUAGES:
            response.set_cookie(LANG_COOKIE, lang, max_age=ONE_YEAR, samesite="lax", httponly=True)
        return response

    def not_found(self, request: Request, detail: str = "") -> HTMLResponse:
        return self.render(request, "not_found.html", status_code=404, detail=detail)

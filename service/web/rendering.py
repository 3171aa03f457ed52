"""The page templates rendered to HTML without a server: one Jinja2 environment, the page language's strings
and a language switch. :class:`~nkc_kg.service.web.templating.Pages` renders them for a request; a release
bundle renders its /def page with :meth:`Templates.html` directly."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from nkc_kg.service.i18n.messages import DEFAULT_LANGUAGE, kind_label, message, role_label

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"


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


class Templates:
    """The templates with the page language, its strings and a language switch that keeps the query."""

    def __init__(self) -> None:
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES_DIR),
            autoescape=select_autoescape(["html", "svg"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(label=label, text_in=text_in, role_label=role_label, kind_label=kind_label)

    def html(self, template: str, lang: str, path: str, params: Mapping[str, str], **context: Any) -> str:
        """``template`` as the page at ``path`` in ``lang``; ``params`` is its query without ``lang``."""
        other = "en" if lang == "nl" else "nl"
        switch_url = path + "?" + urlencode({**params, "lang": other})
        return self.env.get_template(template).render(
            lang=lang,
            t=lambda key: message(key, lang),
            switch_url=switch_url,
            path=path,
            **context,
        )

"""The matrix's cross-cutting cells in the browser: each striped in its role's colour, and the legend shows
the same stripes for every role that has such cells."""

from __future__ import annotations

from playwright.sync_api import Page


def test_every_striped_role_in_the_picture_has_its_striped_swatch_in_the_legend(page: Page) -> None:
    page.goto("/matrix?plan=zeldzame-kankers-2025")
    striped = page.eval_on_selector_all(
        "svg.matrix rect.cell.faded", "cells => cells.map(c => [c.dataset.role, c.getAttribute('fill')])"
    )
    assert striped, "activities 1 and 2 serve all subgoals: the plan has cross-cutting cells"
    roles = {role for role, _ in striped}
    assert len(roles) > 1
    assert all(fill == f"url(#cross-cutting-{role})" for role, fill in striped)
    legend = page.eval_on_selector_all(
        "ul.legend li.cross-cutting svg.swatch-svg", "swatches => swatches.map(s => s.dataset.role)"
    )
    assert set(legend) == roles
    colours = page.evaluate(
        """(roles) => Object.fromEntries(roles.map(r => [r, [
             document.querySelector('svg.matrix #cross-cutting-' + r + ' rect:last-child').getAttribute('fill'),
             document.querySelector('#legend-cross-cutting-' + r + ' rect:last-child').getAttribute('fill')]]))""",
        sorted(roles),
    )
    assert all(cell == swatch for cell, swatch in colours.values()), colours
    assert len({cell for cell, _ in colours.values()}) == len(roles)

"""What the page tests check in the browser: sideways scrolling and axe-core's serious findings.

axe-core comes from the axe-playwright-python package (its bundled axe.min.js), evaluated in the page.
"""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
from playwright.sync_api import Page

AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def overflow(page: Page) -> int:
    """How many pixels the whole page is wider than the window (0 when nothing scrolls sideways)."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def serious_axe_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the whole page, the site's header and menu included."""
    page.evaluate(AXE_SCRIPT + ";0")
    found = page.evaluate(
        """async () => {
          const result = await axe.run(document, {resultTypes: ['violations']});
          return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ' (' + v.nodes.length + '): ' + v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(' | '));
        }"""
    )
    return list(found)

"""Domain code imports no web framework: every module of service/ that is not a router, a page or web wiring
imports without FastAPI or Starlette.

One fresh interpreter imports the domain modules one after the other: the first after whose import FastAPI
or Starlette is loaded is the one that (itself or through what it imports) needs them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SERVICE = Path(__file__).resolve().parent.parent / "service"
# web code: the routers and pages of every feature, the app, the shared web layer
WEB_FILES = {"routes.py", "pages.py", "app.py"}
# the MCP server is a protocol adapter like the routers: the MCP SDK itself imports Starlette
WEB_PACKAGES = {"web", "mcp"}
# the ASGI servers in front of one app per release (`nkc-kg serve --releases`, and over a remote store) are
# web code too
WEB_MODULES = {"serve/releases.py", "serve/replica.py"}

PROBE = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
    web = sorted(m for m in sys.modules if m.split(".")[0] in ("fastapi", "starlette"))
    if web:
        sys.exit(f"{name} imports {web[0]}")
"""


def domain_modules() -> list[str]:
    names = []
    for path in sorted(SERVICE.rglob("*.py")):
        relative = path.relative_to(SERVICE)
        if path.name in WEB_FILES or relative.parts[0] in WEB_PACKAGES or relative.as_posix() in WEB_MODULES:
            continue
        parts = relative.with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(("nkc_kg", "service", *parts)))
    return names


def test_domain_modules_import_no_web_framework() -> None:
    names = domain_modules()
    assert {"nkc_kg.service.graph.plan_data", "nkc_kg.service.releases.publish", "nkc_kg.service.cli"} <= set(names)
    assert not any(name.endswith((".routes", ".pages", ".app")) or ".web." in name for name in names)
    done = subprocess.run([sys.executable, "-c", PROBE, *names], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr.strip().splitlines()[-1:]

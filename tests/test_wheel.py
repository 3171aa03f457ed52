"""The installable package: build the sdist and wheel, install the wheel into a new venv and use it from
a folder outside the checkout, as someone who ran `pip install nkc-kg-….whl` does.

The venv gets the locked runtime dependencies by `uv sync --no-dev --no-install-project` (from uv's cache:
fast, and no network needed once `uv sync` has run) and then the wheel by pip itself, with `pip check`
confirming that the wheel's declared dependencies are what it runs on. Only runtime dependencies are in
that venv, so an import of a development-only package (pytest, oxigraph, psutil, …) fails here.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from nkc_kg.loaders.paths import CHECKOUT

RESOURCE_FOLDERS = ("ontology", "shapes", "queries", "data")
PLANS = {"zeldzame-kankers-2024", "zeldzame-kankers-2025", "late-gevolgen-2025"}

pytestmark = pytest.mark.skipif(CHECKOUT is None, reason="builds the wheel from a checkout")


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    outside: Path  # the working directory: no checkout in it or above it
    home: Path  # HOME of the commands, where the user cache goes

    @property
    def bin(self) -> Path:
        return self.venv / "bin"

    @property
    def env(self) -> dict[str, str]:
        """The environment of a user with only the venv: no project venv, no NKC_KG_* settings."""
        kept = {k: v for k, v in os.environ.items() if not k.startswith(("NKC_KG_", "VIRTUAL_ENV", "PYTHON", "UV_"))}
        return {**kept, "HOME": str(self.home), "PATH": f"{self.bin}{os.pathsep}{kept.get('PATH', '')}"}

    def run(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bin / "nkc-kg"), *args],
            cwd=self.outside,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )


def _uv() -> str:
    found = os.environ.get("UV") or shutil.which("uv")  # `uv run` sets UV to itself
    if not found:
        pytest.fail("uv is needed to build the wheel (python3 -m pip install uv)")
    return found


def _checked(
    command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    assert CHECKOUT is not None
    base = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT"))}
    # sdist first, then the wheel from the sdist (uv build's default): the sdist must hold the resources too
    _checked([_uv(), "build", "--quiet", "--out-dir", str(base / "dist"), str(CHECKOUT)], env=env)
    wheel = next((base / "dist").glob("nkc_kg-*.whl"))
    venv = base / "venv"
    _checked([sys.executable, "-m", "venv", str(venv)])
    _checked(
        [_uv(), "sync", "--frozen", "--no-dev", "--no-install-project", "--quiet"],
        cwd=CHECKOUT,
        env={**env, "UV_PROJECT_ENVIRONMENT": str(venv)},
    )
    python = str(venv / "bin" / "python")
    _checked([python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)])
    _checked([python, "-m", "pip", "check"])
    outside = base / "work"
    outside.mkdir()
    home = base / "home"
    home.mkdir()
    return Installed(wheel, venv, outside, home)


def _package_files(installed: Installed) -> set[Path]:
    site = next(installed.venv.glob("lib/python*/site-packages"))
    return {p for p in (site / "nkc_kg").rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def test_the_wheel_carries_every_file_of_the_resource_folders(installed: Installed) -> None:
    assert CHECKOUT is not None
    in_checkout = {
        f"nkc_kg/resources/{p.relative_to(CHECKOUT).as_posix()}"
        for folder in RESOURCE_FOLDERS
        for p in (CHECKOUT / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    with zipfile.ZipFile(installed.wheel) as wheel:
        in_wheel = {name for name in wheel.namelist() if name.startswith("nkc_kg/resources/")}
        templates = [name for name in wheel.namelist() if name.startswith("nkc_kg/service/web/templates/")]
    assert in_checkout - in_wheel == set(), "add the folder to [tool.setuptools] packages and package-data"
    assert in_wheel - in_checkout == set()
    assert templates


def test_the_wheel_carries_every_module(installed: Installed) -> None:
    assert CHECKOUT is not None
    in_checkout = {
        f"nkc_kg/{folder}/{p.relative_to(CHECKOUT / source).as_posix()}"
        for source, folder in (("service", "service"), ("loaders", "loaders"))
        for p in (CHECKOUT / source).rglob("*.py")
        if "__pycache__" not in p.parts
    }
    with zipfile.ZipFile(installed.wheel) as wheel:
        in_wheel = {name for name in wheel.namelist() if name.endswith(".py")}
    assert in_checkout - in_wheel == set(), "a new sub-package goes into the packages list of [tool.setuptools]"


def test_the_installed_package_finds_its_files_in_the_venv_not_the_checkout(installed: Installed) -> None:
    shown = _checked(
        [str(installed.bin / "python"), "-c", "from nkc_kg.loaders import paths; print(paths.ROOT, paths.CHECKOUT)"],
        cwd=installed.outside,
        env=installed.env,
    ).stdout.split()
    assert shown[1] == "None"
    assert Path(shown[0]).is_relative_to(installed.venv.resolve())
    assert (Path(shown[0]) / "ontology" / "nkc.ttl").is_file()


def test_validate_from_outside_the_checkout(installed: Installed) -> None:
    done = installed.run("validate")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "conforms: 0 violation(s)" in done.stdout


def test_export_xlsx_from_outside_the_checkout(installed: Installed) -> None:
    done = installed.run("export-xlsx", "late-gevolgen-2025", "-o", "plan.xlsx")
    assert done.returncode == 0, done.stdout + done.stderr
    assert zipfile.is_zipfile(installed.outside / "plan.xlsx")
    assert "late-gevolgen-2025.yaml" in done.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(installed: Installed) -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen(
        [str(installed.bin / "nkc-kg"), "serve", "--port", str(port)],
        cwd=installed.outside,
        env=installed.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"nkc-kg serve exited: {proc.stdout.read().decode() if proc.stdout else ''}")
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            pytest.fail("nkc-kg serve did not answer /health within 180 s")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_serve_from_outside_the_checkout_writes_nothing_into_the_package(installed: Installed, served: str) -> None:
    before = _package_files(installed)
    health = httpx.get(f"{served}/health", timeout=30).json()
    assert health["status"] == "ok" and health["quads"] > 10_000
    plans = httpx.get(f"{served}/api/plans", timeout=30)
    assert plans.status_code == 200
    assert {plan["id"] for plan in plans.json()["plans"]} == PLANS
    home = httpx.get(f"{served}/", timeout=30)  # a page: the templates and static files were installed
    assert home.status_code == 200 and "text/html" in home.headers["content-type"]
    # the build cache went to the user's cache folder, not into site-packages or the working directory
    assert list((installed.home / ".cache" / "nkc-kg").glob("nkc-kg-*.nq"))
    assert _package_files(installed) == before
    assert not (installed.outside / "build").exists()


@pytest.mark.skipif(shutil.which("pipx") is None, reason="pipx is not installed")
def test_pipx_install(installed: Installed, tmp_path: Path) -> None:
    env = {**installed.env, "PIPX_HOME": str(tmp_path / "pipx"), "PIPX_BIN_DIR": str(tmp_path / "bin")}
    _checked(["pipx", "install", str(installed.wheel)], env=env)  # dependencies from the package index
    done = _checked([str(tmp_path / "bin" / "nkc-kg"), "queries"], cwd=installed.outside, env=env)
    assert "party-leads" in done.stdout

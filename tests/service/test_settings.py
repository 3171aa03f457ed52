"""One reader of NKC_KG_*: service/settings.py. ``--data DIR`` / NKC_KG_DATA_DIR point the commands and the
service at another curated-data folder; ``serve --workers N`` hands its settings to the workers as a value."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import httpx
import pytest
from nkc_kg.loaders.paths import DATA_DIR
from nkc_kg.service.cli import main
from nkc_kg.service.releases.bundles import releases_dir
from nkc_kg.service.settings import Settings, SettingsError

CHECKOUT = Path(__file__).resolve().parents[2]
SETTINGS = CHECKOUT / "service" / "settings.py"
ENVIRONMENT = re.compile(r"\b(environ|getenv|putenv|unsetenv)\b")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ in which IKNL has another label."""
    copy = tmp_path / "curated"
    shutil.copytree(DATA_DIR, copy)
    parties = copy / "parties.yaml"
    text = parties.read_text(encoding="utf-8")
    assert text.count("label: Integraal Kankercentrum Nederland\n") == 1
    parties.write_text(
        text.replace("label: Integraal Kankercentrum Nederland\n", "label: IKNL (kopie)\n"), encoding="utf-8"
    )
    return copy


@pytest.fixture
def broken_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "broken"
    shutil.copytree(DATA_DIR, copy)
    (copy / "parties.yaml").write_text("parties:\n  - id: [unclosed\n", encoding="utf-8")
    return copy


def test_only_settings_touches_the_environment() -> None:
    touching = [
        f"{path.relative_to(CHECKOUT)}:{number}: {line.strip()}"
        for folder in ("service", "loaders")
        for path in sorted((CHECKOUT / folder).rglob("*.py"))
        if path != SETTINGS
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if ENVIRONMENT.search(line)
    ]
    assert touching == []


def test_settings_only_read_the_environment() -> None:
    text = SETTINGS.read_text(encoding="utf-8")
    writes = re.findall(
        r"os\.environ\s*\[[^\]]*\]\s*=(?!=)|os\.environ\.(?:setdefault|update|pop|clear)\(|putenv", text
    )
    assert writes == []


def test_the_documented_settings_are_the_settings_read() -> None:
    table = {
        name
        for line in (CHECKOUT / "docs" / "settings.md").read_text(encoding="utf-8").splitlines()
        for name in re.findall(r"^\| `(NKC_KG_\w+)` \|", line)
    }
    read = set(re.findall(r"\"(NKC_KG_\w+)\"", SETTINGS.read_text(encoding="utf-8")))
    assert table == read


def test_base_iri_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings.from_env().base_iri == "https://w3id.org/nkc-kg/"
    monkeypatch.setenv("NKC_KG_BASE_IRI", "https://example.org/kg")
    assert Settings.from_env().base_iri == "https://example.org/kg/"
    monkeypatch.setenv("NKC_KG_BASE_IRI", "example.org/kg/")
    with pytest.raises(SettingsError, match=re.escape("NKC_KG_BASE_IRI='example.org/kg/': expected an http")):
        Settings.from_env()


def test_folder_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    default = Settings.from_env()
    assert default.data_dir == DATA_DIR and default.cache_dir is None
    (tmp_path / "data").mkdir()
    monkeypatch.setenv("NKC_KG_HOME", str(tmp_path))
    home = Settings.from_env()
    assert home.data_dir == tmp_path / "data" and home.cache_dir == tmp_path / "build" / "cache"
    assert releases_dir(home) == tmp_path / "releases"
    monkeypatch.setenv("NKC_KG_DATA_DIR", str(DATA_DIR))
    monkeypatch.setenv("NKC_KG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NKC_KG_RELEASES", str(tmp_path / "published"))  # publish creates it
    both = Settings.from_env()
    assert both.data_dir == DATA_DIR and both.cache_dir == tmp_path / "cache"
    assert releases_dir(both) == tmp_path / "published"
    monkeypatch.setenv("NKC_KG_DATA_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(SettingsError, match=r"NKC_KG_DATA_DIR=.*nowhere.*: no such folder"):
        Settings.from_env()


def test_a_missing_data_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--data", str(tmp_path / "nowhere")]) == 2
    assert f"--data {tmp_path / 'nowhere'}: no such folder" in capsys.readouterr().err


def test_validate_reads_the_data_folder_given(
    broken_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--data", str(broken_copy)]) == 1
    assert f"{broken_copy.name}/parties.yaml:3: not valid YAML" in capsys.readouterr().out
    monkeypatch.setenv("NKC_KG_DATA_DIR", str(broken_copy))
    assert main(["validate"]) == 1
    assert f"{broken_copy.name}/parties.yaml:3: not valid YAML" in capsys.readouterr().out


def test_build_uses_the_data_folder_and_the_base_iri(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NKC_KG_BASE_IRI", "https://example.org/kg/")
    assert main(["build", "--data", str(data_copy), "-o", str(tmp_path / "out")]) == 0
    quads = (tmp_path / "out" / "nkc-kg.nq").read_text(encoding="utf-8")
    assert '"IKNL (kopie)"' in quads and "<https://example.org/kg/party/iknl>" in quads
    assert "https://w3id.org/nkc-kg/party/" not in quads


def test_serve_with_workers_serves_the_data_folder_given(data_copy: Path, tmp_path: Path, start_server) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path / "cache"
    env = {"NKC_KG_CACHE_DIR": str(cache), "NKC_KG_SPARQL_WORKERS": "0"}  # no /sparql processes: a lighter start
    # two processes each build the graph: on a busy machine that takes a while
    with start_server("--data", str(data_copy), "--workers", "2", start_within=180, **env) as (url, _):
        for _ in range(4):  # whichever worker answers
            assert httpx.get(f"{url}/api/parties/iknl", timeout=30).json()["label"] == "IKNL (kopie)"
    assert list(cache.glob("nkc-kg-*.nq")), "the workers cache the build where NKC_KG_CACHE_DIR says"


def test_serve_reads_the_data_dir_setting(data_copy: Path, tmp_path: Path, start_server) -> None:  # type: ignore[no-untyped-def]
    env = {"NKC_KG_DATA_DIR": str(data_copy), "NKC_KG_CACHE_DIR": str(tmp_path / "cache")}
    with start_server(**env) as (url, _):
        assert httpx.get(f"{url}/api/parties/IKNL", timeout=30).json()["label"] == "IKNL (kopie)"

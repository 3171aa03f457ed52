"""Cached answers carry ETag and Last-Modified tied to what is served, and a matching If-None-Match
gets 304 without a body (web/cached_answers.py); the answer sent again is the answer first sent."""

from __future__ import annotations

import email.utils
import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

REST = "/api/plans/zeldzame-kankers-2025/subgoals/5/parties"
NAMED = "/api/queries/parties-in-subgoal?plan=zeldzame-kankers-2025&subgoal=5"
MARK = "x-nkc-kg-cached-answer"


@pytest.mark.parametrize("path", [REST, NAMED])
def test_a_cached_answer_has_validators_and_is_sent_again_unchanged(client: TestClient, path: str) -> None:
    first = client.get(path)
    again = client.get(path)
    assert first.status_code == again.status_code == 200
    assert first.content == again.content and first.json()
    assert first.headers == again.headers  # the security headers too
    assert first.headers["etag"].startswith('"') and first.headers["etag"].endswith('"')
    assert email.utils.parsedate_to_datetime(first.headers["last-modified"]) is not None
    assert first.headers["x-content-type-options"] == "nosniff"
    assert MARK not in first.headers


@pytest.mark.parametrize("path", [REST, NAMED])
def test_if_none_match_with_the_etag_is_answered_304_without_a_body(client: TestClient, path: str) -> None:
    etag = client.get(path).headers["etag"]
    for tags in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        response = client.get(path, headers={"If-None-Match": tags})
        assert response.status_code == 304, tags
        assert response.content == b""
        assert response.headers["etag"] == etag and "last-modified" in response.headers
        assert "content-type" not in response.headers and MARK not in response.headers
    changed = client.get(path, headers={"If-None-Match": '"an-older-answer"'})
    assert changed.status_code == 200 and changed.headers["etag"] == etag


def test_the_first_request_with_a_matching_tag_is_a_304_too(app_with) -> None:  # type: ignore[no-untyped-def]
    """A new app (a new release) keeps nothing yet: a client revalidating its copy still gets 304."""
    etag = TestClient(app_with()).get(REST).headers["etag"]
    fresh = TestClient(app_with())
    response = fresh.get(REST, headers={"If-None-Match": etag})
    assert response.status_code == 304 and response.content == b""


def test_different_answers_have_different_etags(client: TestClient) -> None:
    tags = {client.get(f"/api/plans/zeldzame-kankers-2025/subgoals/{n}/parties").headers["etag"] for n in (1, 5)}
    assert len(tags) == 2


def test_errors_are_not_kept_and_have_no_etag(client: TestClient) -> None:
    for _ in range(2):
        response = client.get("/api/plans/zeldzame-kankers-2025/subgoals/99/parties")
        assert response.status_code == 404 and "etag" not in response.headers
        assert set(response.json()) == {"error", "detail"}
    assert client.get("/api/queries/parties-in-subgoal?plan=nope&subgoal=5").status_code == 404


def test_etag_and_last_modified_name_the_release(app_with, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Serving a release (its nkc-kg.nq, beside its SHA256SUMS), the ETag names the release version and
    Last-Modified is when the release's dataset was written."""
    release = tmp_path / "2026.12.07.2"
    release.mkdir()
    dataset = release / "nkc-kg.nq"
    dataset.write_text("")
    (release / "SHA256SUMS").write_text("")
    written = 1_765_000_000
    os.utime(dataset, (written, written))
    response = TestClient(app_with(dataset=dataset)).get(REST)
    assert response.headers["etag"].startswith('"release-2026.12.07.2-')
    assert email.utils.parsedate_to_datetime(response.headers["last-modified"]).timestamp() == written

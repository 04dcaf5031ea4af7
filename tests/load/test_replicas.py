"""Two replicas behind HAProxy (scripts/serve_replicas.py, as `make serve-replicas` runs it), on loopback.

What must hold for a school to run replicas:
- a class of dog-photo students (bench/load.py), all from one address, gets its results through the
  balancer with no failed student and no dropped session: each upload `PUT` reaches the replica that
  holds the student's websocket session, thanks to the SERVERID cookie;
- round-robin spreads the class: both replicas serve students (the SERVERID values the students'
  tabs got, and each replica's own `/_stcore/metrics`);
- without affinity an upload fails: the same `PUT` sent to the other replica is refused with Streamlit's
  "Invalid session_id" (why plain round-robin, or IP hashing for a school behind one NAT address, fails);
- a tab moved to another replica (failover) keeps passing the XSRF check with its old cookie.

Students are bench/load.py's protocol clients; each keeps its own cookie jar, as a browser tab does.
"""
from __future__ import annotations

import os
import re
import urllib.request
import uuid
from pathlib import Path

import pytest
import requests

from bench.load import haproxy_binary, local_replicas

ROOT = Path(__file__).resolve().parents[2]
LOG_DIR = ROOT / "test-output" / "replicas"
HAPROXY = haproxy_binary()
STUDENTS = 4
TIMEOUT = 180.0  # per student; the first student on each replica loads the dog models
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def balancer():
    """(balancer URL, [replica URLs]) for serve_replicas.py with two replicas on free loopback ports."""
    if not HAPROXY:
        if os.environ.get("CI"):
            pytest.fail("Debian haproxy is missing in CI: `make test` should have installed it")
        pytest.skip("haproxy not installed (run `make test` as root to install it)")
    with local_replicas(LOG_DIR, timeout=180) as (url, replicas, _group):
        yield url, replicas

def _other(server: str | None) -> str:
    assert server in ("app1", "app2"), f"SERVERID cookie: {server!r}"
    return "app2" if server == "app1" else "app1"

def _set_cookie(http: requests.Session, name: str, value: str) -> None:
    http.cookies.set(name, None)  # drops it for every domain, so the jar holds one value
    http.cookies.set(name, value)

def _connects(replica_url: str) -> int:
    with urllib.request.urlopen(f"{replica_url}/_stcore/metrics", timeout=10) as r:
        text = r.read().decode()
    m = re.search(r'session_events_total\{type="connect"\} (\d+)', text)
    assert m, f"no connect count in {replica_url}/_stcore/metrics"
    return int(m.group(1))

# ---------------------------------------------------------------------------------------------------
def test_class_through_balancer(balancer):
    """A wave of dog students (uploads) through HAProxy: all get results, both replicas serve some."""
    from bench import load

    url, replicas = balancer
    wave = load.run_wave_sync(url, {"dog": STUDENTS}, lang="ko", timeout=TIMEOUT)
    failed = [(r.student, r.phase, r.error) for r in wave.failures]
    assert not failed, f"students without a result: {failed} (logs in {LOG_DIR})"
    assert not wave.late_visitor_error, wave.late_visitor_error
    assert all(r.reconnects == 0 for r in wave.records), "a session broke and was resumed"
    assert all(r.upload_seconds is not None for r in wave.records)
    servers = sorted(r.cookies.get("SERVERID", "?") for r in wave.records)
    assert set(servers) == {"app1", "app2"}, f"SERVERID cookies of the students: {servers}"
    connects = [_connects(r) for r in replicas]
    assert all(c >= 1 for c in connects), f"websocket sessions per replica: {connects}"
    assert sum(connects) >= STUDENTS

def test_upload_needs_affinity(balancer):
    """The upload URL is valid only on the replica that holds the session: affinity is not optional."""
    from bench import load

    url, _ = balancer

    async def student() -> tuple[str, str, object]:
        client = load.Client(url, "ko", name="affinity")
        try:
            await client.connect()
            await client.open(load.PAGES["dog"])
            source_key, source = load.SOURCE_KEYS["dog"]  # the page opens on its examples
            await client.choose(source_key, load._source_labels(source), TIMEOUT)
            own = client.cookies()["SERVERID"]
            name, data = load.student_photo(97)
            _set_cookie(client.http, "SERVERID", _other(own))  # as if the balancer ignored the cookie
            with pytest.raises(load.LoadError) as refused:
                await client.upload(load.ACTION_KEYS["dog"], name, data, "image/jpeg", None, TIMEOUT)
            _set_cookie(client.http, "SERVERID", own)
            check = load.result_check("dog", list(client.runs))
            run, *_ = await client.upload(load.ACTION_KEYS["dog"], name, data, "image/jpeg", check, TIMEOUT)
            return str(refused.value), own, check(run)
        finally:
            await client.close()

    refused, own, drawn = load.run_sync(student())
    assert "400" in refused, f"upload PUT to the other replica: {refused}"
    assert drawn, f"no result after uploading to the session's own replica ({own})"

def test_xsrf_cookie_valid_on_every_replica(balancer):
    """A tab moved to another replica (failover: `option redispatch`) brings the XSRF cookie of the first
    one; the upload's XSRF check must pass there. The PUT names no session, so a passed check answers
    400 "Invalid session_id" and a failed one 403. (Streamlit 1.67's XSRF cookie is a plain
    double-submit token, so this holds whatever server.cookieSecret is; the replicas share it anyway.)"""
    url, _ = balancer
    with requests.Session() as http:
        http.get(f"{url}/_stcore/health", timeout=30).raise_for_status()
        xsrf, first = http.cookies.get("_streamlit_xsrf"), http.cookies.get("SERVERID")
        _set_cookie(http, "SERVERID", _other(first))
        upload = f"{url}/_stcore/upload_file/{uuid.uuid4()}/{uuid.uuid4()}"
        files = {"file": ("x.jpg", b"not a photo", "image/jpeg")}
        moved = http.put(upload, files=files, headers={"X-Xsrftoken": xsrf}, timeout=30)
        forged = http.put(upload, files=files, headers={"X-Xsrftoken": "2|00000000|" + "0" * 32 + "|0"}, timeout=30)
    assert moved.status_code == 400 and "session_id" in moved.text, (moved.status_code, moved.text[:200])
    assert forged.status_code == 403, "the XSRF check is not active on the replicas"

"""A class of simulated students over Streamlit's own protocol: one websocket per student, no browser.

Each student does what a browser tab does (see /work/shared/guides/classroom-load.md):

1. `GET /_stcore/health` for the `_streamlit_xsrf` cookie, then a websocket to `/_stcore/stream` with
   subprotocols `["streamlit", <xsrf>]` (a third entry resumes a session after a dropped connection);
   frames are `BackMsg` up and `ForwardMsg` down, binary protobuf.
2. Opens home (`rerun_script` with `query_string="lang=ko"`, no page hash), then a demo page by the
   `page_script_hash` the server listed in `new_session.app_pages` / `navigation.app_pages`.
3. Sets what the page needs (e.g. the image source `*_source` to "example"; by default each student
   asks for something of their own: music types their own seed, style and dream upload their own
   photo, so no result shared between identical requests answers for them), then acts: clicks a
   button (`trigger_value`) or uploads a photo (`file_urls_request` → multipart `PUT` → rerun with the
   uploader's `file_uploader_state_value`).
4. Every rerun resends every widget value set so far, the current page hash and query string, as the
   browser does; `auto_rerun` messages (fragments with `run_every`) are answered like the browser's
   timers.

The action is timed from the click (for an upload: from the `file_urls_request`, so the upload itself
counts) until `script_finished` of the first run that drew the result; runs that end with
`FINISHED_EARLY_FOR_RERUN` never end the wait, and a run without the result (a queue notice, say) is
followed until one with it comes or the timeout passes.

API:
    run_wave(base_url, mix, lang="ko", timeout=120.0, ...) -> WaveResult      (async)
    run_wave_sync(...)                                                        (same, blocking)
    single_student(base_url, kind, repeats=3, ...) -> SingleResult           (async; sync: single_student_sync)
    warm_up(base_url, kinds=KINDS, ...) -> list[StudentRecord]                (async; sync: warm_up_sync)
    local_server() -> context manager yielding (url, pid)                     (tests.e2e.conftest's server)
    server_rss(pid) -> int                                                    (bytes, with child processes)

CLI: python -m bench.load [--url http://127.0.0.1:8501] --mix dog=15,style=5,music=5,dream=5 --json
     (without --url a server is started on a free port and stopped afterwards)
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

import requests
from websockets.asyncio.client import connect as ws_connect
from websockets.exceptions import ConnectionClosed

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.Common_pb2 import FileURLsResponse, UploadedFileInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

XSRF_COOKIE = "_streamlit_xsrf"
EARLY = ForwardMsg.FINISHED_EARLY_FOR_RERUN
FRAGMENT_DONE = ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
STATUS_NAMES = {v: k for k, v in ForwardMsg.ScriptFinishedStatus.items()}
ERROR_ALERT = 1  # Alert.Format.ERROR
_EXECUTOR: ThreadPoolExecutor | None = None


class LoadError(RuntimeError):
    """A student could not do what a browser would have done (page missing, widget missing, …)."""


class Disconnected(LoadError):
    pass


# ---------------------------------------------------------------------------------------------------
# What the server drew in one script run
# ---------------------------------------------------------------------------------------------------
@dataclass
class Run:
    """Everything received between two `script_finished` messages."""

    counts: dict[str, int] = field(default_factory=dict)
    media: dict[str, set[str]] = field(default_factory=dict)  # element type → media URLs drawn
    exceptions: list[str] = field(default_factory=list)
    error_alerts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # page not found, compile error
    status: int | None = None
    finished_at: float = 0.0

    def count(self, element: str) -> int:
        return self.counts.get(element, 0)

    @property
    def early(self) -> bool:
        return self.status == EARLY

    @property
    def status_name(self) -> str:
        return STATUS_NAMES.get(self.status, str(self.status))


def _media_urls(element_type: str, el: Any) -> list[str]:
    if element_type == "imgs":
        return [img.url for img in el.imgs]
    if element_type in ("audio", "video"):
        return [el.url] if el.url else []
    return []


# ---------------------------------------------------------------------------------------------------
# One browser tab
# ---------------------------------------------------------------------------------------------------
def _executor() -> ThreadPoolExecutor:
    """HTTP (health, upload PUT) goes through `requests` in threads: no extra dependency."""
    global _EXECUTOR
    if _EXECUTOR is None:
        _EXECUTOR = ThreadPoolExecutor(max_workers=48, thread_name_prefix="load-http")
    return _EXECUTOR


def _xsrf_from_health(http: requests.Session, base_url: str) -> str:
    """GET /_stcore/health with the tab's cookie jar (it keeps _streamlit_xsrf and, behind a balancer,
    the affinity cookie); returns the XSRF token exactly as the server wrote it."""
    r = http.get(f"{base_url}/_stcore/health", timeout=60)
    r.raise_for_status()
    raw = r.raw.headers.getlist("Set-Cookie") if hasattr(r.raw.headers, "getlist") else []
    for header in raw or [r.headers.get("Set-Cookie", "")]:
        m = re.search(rf"{XSRF_COOKIE}=([^;]+)", header or "")
        if m:
            token = m.group(1).strip('"')
            if [c.value for c in http.cookies if c.name == XSRF_COOKIE] != [token]:  # jar quoted or lost it
                for c in [c for c in http.cookies if c.name == XSRF_COOKIE]:
                    http.cookies.clear(c.domain, c.path, c.name)
                http.cookies.set(XSRF_COOKIE, token, domain=urlsplit(base_url).hostname, path="/")
            return token
    token = http.cookies.get(XSRF_COOKIE)
    if not token:
        raise LoadError("no _streamlit_xsrf cookie from /_stcore/health (server.enableXsrfProtection off?)")
    return token


def _cookie_header(http: requests.Session) -> str:
    return "; ".join(f"{k}={v}" for k, v in http.cookies.items())


def _put_upload(http: requests.Session, url: str, xsrf: str, name: str, data: bytes, mime: str) -> int:
    """The browser's upload: multipart PUT, XSRF token in a header, every cookie of the jar."""
    r = http.put(url, files={"file": (name, data, mime)}, timeout=120,
                 headers={"X-Xsrftoken": xsrf, "Cookie": _cookie_header(http)})
    return r.status_code


class Client:
    """One simulated browser tab: a websocket, the widget values it would resend, the runs it saw."""

    def __init__(self, base_url: str, lang: str = "ko", name: str = "student"):
        self.base_url = base_url.rstrip("/")
        self.lang = lang
        self.name = name
        self.query_string = f"lang={lang}" if lang else ""
        self.xsrf = ""
        self.http = requests.Session()  # the tab's cookie jar (XSRF, a balancer's affinity cookie)
        self.session_id = ""
        self.page_script_hash = ""  # the page the tab shows (browser: currentPageScriptHash)
        self.main_script_hash = ""
        self.pages: dict[str, str] = {}  # url_pathname → page_script_hash
        self.runs: list[Run] = []
        self.widgets: dict[str, tuple[str, Any]] = {}  # widget id → (element type, proto), latest drawn
        self.fragments: dict[str, str] = {}  # widget id → the fragment it is drawn in ("" for none)
        self.values: dict[str, WidgetState] = {}  # widget values resent on every rerun
        self.triggers: dict[str, WidgetState] = {}  # one-shot (button clicks)
        self.reconnects = 0
        self.closed_reason = ""
        self._ws = None
        self._reader: asyncio.Task | None = None
        self._current = Run()
        self._changed = asyncio.Event()
        self._file_urls: dict[str, asyncio.Future] = {}
        self._auto: dict[str, asyncio.Task] = {}
        self._closing = False

    # -- connection ----------------------------------------------------------------------------------
    async def connect(self, resume: bool = False) -> None:
        loop = asyncio.get_running_loop()
        self.xsrf = await loop.run_in_executor(_executor(), _xsrf_from_health, self.http, self.base_url)
        protocols = ["streamlit", self.xsrf] + ([self.session_id] if resume and self.session_id else [])
        ws_url = "ws" + self.base_url[len("http"):] + "/_stcore/stream"
        # Browsers do not ping: a server busy for 20 s must not look like a dead connection.
        self._ws = await ws_connect(ws_url, subprotocols=protocols, origin=self.base_url,
                                    additional_headers={"Cookie": _cookie_header(self.http)},
                                    max_size=None, ping_interval=None, open_timeout=120, close_timeout=5)
        self.closed_reason = ""
        self._reader = asyncio.create_task(self._read(), name=f"{self.name}-reader")

    async def close(self) -> None:
        self._closing = True
        for task in self._auto.values():
            task.cancel()
        self._auto.clear()
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
        self.http.close()

    def cookies(self) -> dict[str, str]:
        return dict(self.http.cookies.items())

    async def _reconnect(self) -> None:
        """What the browser does after a dropped socket: reconnect with the session id, rerun."""
        self.reconnects += 1
        await self.connect(resume=True)
        await self._send_rerun()

    # -- receiving -----------------------------------------------------------------------------------
    async def _read(self) -> None:
        try:
            async for frame in self._ws:
                if isinstance(frame, str):
                    continue
                msg = ForwardMsg()
                msg.ParseFromString(frame)
                self._handle(msg)
        except ConnectionClosed as exc:
            self.closed_reason = f"websocket closed ({exc.rcvd.code if exc.rcvd else 'no close frame'})"
        except Exception as exc:  # noqa: BLE001 - reported to whoever waits
            self.closed_reason = f"reader failed: {type(exc).__name__}: {exc}"
        else:
            self.closed_reason = "websocket closed"
        finally:
            self._changed.set()
            for fut in self._file_urls.values():
                if not fut.done():
                    fut.set_exception(Disconnected(self.closed_reason or "disconnected"))

    def _pages_from(self, app_pages) -> None:
        for page in app_pages:
            self.pages[page.url_pathname] = page.page_script_hash
            if page.is_default:
                self.pages.setdefault("", page.page_script_hash)

    def _handle(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        run = self._current
        if kind == "new_session":
            ns = msg.new_session
            if ns.HasField("initialize") and ns.initialize.session_id:
                self.session_id = ns.initialize.session_id
            if ns.page_script_hash:
                self.page_script_hash = ns.page_script_hash
            if ns.main_script_hash:
                self.main_script_hash = ns.main_script_hash
            self._pages_from(ns.app_pages)
        elif kind == "navigation":
            self._pages_from(msg.navigation.app_pages)
            if msg.navigation.page_script_hash:
                self.page_script_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            etype = element.WhichOneof("type")
            if etype is None:
                return
            el = getattr(element, etype)
            run.counts[etype] = run.counts.get(etype, 0) + 1
            urls = _media_urls(etype, el)
            if urls:
                run.media.setdefault(etype, set()).update(urls)
            if etype == "exception":
                run.exceptions.append(f"{el.type}: {el.message}".strip(": "))
            elif etype == "alert" and el.format == ERROR_ALERT:
                run.error_alerts.append(el.body)
            if "id" in el.DESCRIPTOR.fields_by_name and el.id:
                self.widgets[el.id] = (etype, el)
                self.fragments[el.id] = msg.delta.fragment_id  # "" outside a fragment
        elif kind == "script_finished":
            run.status = msg.script_finished
            run.finished_at = time.perf_counter()
            self.runs.append(run)
            self._current = Run()
            self._changed.set()
        elif kind == "file_urls_response":
            fut = self._file_urls.pop(msg.file_urls_response.response_id, None)
            if fut is not None and not fut.done():
                fut.set_result(msg.file_urls_response)
        elif kind == "auto_rerun":
            self._start_auto_rerun(msg.auto_rerun.fragment_id, msg.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            for fid in msg.stop_auto_rerun.fragment_ids:
                task = self._auto.pop(fid, None)
                if task:
                    task.cancel()
        elif kind == "page_not_found":
            run.problems.append(f"page not found: {msg.page_not_found.page_name!r}")
        elif kind == "session_event" and msg.session_event.HasField("script_compilation_exception"):
            exc = msg.session_event.script_compilation_exception
            run.exceptions.append(f"{exc.type}: {exc.message}")

    def _start_auto_rerun(self, fragment_id: str, interval: float) -> None:
        old = self._auto.pop(fragment_id, None)
        if old:
            old.cancel()

        async def tick() -> None:
            while True:
                await asyncio.sleep(max(interval, 0.05))
                if self._closing:
                    return
                with contextlib.suppress(Exception):
                    await self._send_rerun(fragment_id=fragment_id, auto=True)

        self._auto[fragment_id] = asyncio.create_task(tick(), name=f"{self.name}-auto-{fragment_id[:8]}")

    # -- sending -------------------------------------------------------------------------------------
    def _client_state(self, page_script_hash: str | None, page_name: str, fragment_id: str,
                      auto: bool) -> ClientState:
        cs = ClientState(query_string=self.query_string,
                         page_script_hash=self.page_script_hash if page_script_hash is None else page_script_hash,
                         page_name=page_name, fragment_id=fragment_id, is_auto_rerun=auto)
        states = dict(self.values)
        if not auto:  # a click is sent once, with the next rerun (the browser resets triggers)
            states.update(self.triggers)
            self.triggers.clear()
        cs.widget_states.widgets.extend(states.values())
        ci = cs.context_info
        ci.timezone, ci.timezone_offset = ("Asia/Seoul", -540) if self.lang == "ko" else ("UTC", 0)
        ci.locale = "ko-KR" if self.lang == "ko" else "en-US"
        ci.url = self.base_url + "/"
        ci.is_embedded = False
        ci.color_scheme = "light"
        return cs

    async def _send(self, back: BackMsg) -> None:
        if self._ws is None:
            raise Disconnected("not connected")
        try:
            await self._ws.send(back.SerializeToString())
        except ConnectionClosed as exc:
            raise Disconnected(f"websocket closed while sending ({exc})") from exc

    def _rerun_for(self, wid: str) -> Callable[[], Any]:
        """The rerun a browser sends when widget `wid` changes: only its fragment's, when it sits in one."""
        return functools.partial(self._send_rerun, fragment_id=self.fragments.get(wid, ""))

    async def _send_rerun(self, page_script_hash: str | None = None, page_name: str = "",
                          fragment_id: str = "", auto: bool = False) -> None:
        back = BackMsg()
        back.rerun_script.CopyFrom(self._client_state(page_script_hash, page_name, fragment_id, auto))
        await self._send(back)

    # -- waiting -------------------------------------------------------------------------------------
    async def _next_run(self, index: int, deadline: float) -> Run:
        """The run finished at position `index` of self.runs, waiting for it if needed."""
        while len(self.runs) <= index:
            if self.closed_reason and not self._closing:
                if self.reconnects >= 1:
                    raise Disconnected(self.closed_reason)
                reason = self.closed_reason
                try:
                    await self._reconnect()
                except Exception as exc:  # noqa: BLE001
                    raise Disconnected(f"{reason}; resume failed: {type(exc).__name__}: {exc}") from exc
                continue
            left = deadline - time.perf_counter()
            if left <= 0:
                raise asyncio.TimeoutError
            self._changed.clear()
            if len(self.runs) > index or self.closed_reason:
                continue
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout=left)
        return self.runs[index]

    async def _until(self, send: Callable[[], Any], done: Callable[[Run], bool] | None,
                     timeout: float) -> tuple[Run, float, list[Run]]:
        """Send, then follow runs until one that is not cut short for a rerun (and draws `done`).

        Returns (that run, seconds from the send to its script_finished, all runs seen)."""
        index = len(self.runs)
        start = time.perf_counter()
        deadline = start + timeout
        await send()
        seen: list[Run] = []
        while True:
            try:
                run = await self._next_run(index, deadline)
            except asyncio.TimeoutError:
                what = f"no result within {timeout:.0f} s" if done else f"no script_finished within {timeout:.0f} s"
                last = f"; last run {seen[-1].status_name}" if seen else "; no run finished"
                raise LoadError(what + last) from None
            index += 1
            seen.append(run)
            if run.exceptions or run.problems:
                return run, run.finished_at - start, seen
            if run.early:
                continue
            if done is None or done(run):
                return run, run.finished_at - start, seen
            if run.error_alerts:  # finished, no result, an error shown: the page gave up
                return run, run.finished_at - start, seen

    # -- what a student does ---------------------------------------------------------------------------
    async def open(self, url_pathname: str = "", timeout: float = 120.0) -> float:
        """Open a page as following a link in the app would: by its page_script_hash. Returns seconds."""
        if url_pathname:
            page_hash = self.pages.get(url_pathname)
            if page_hash is None:
                # not listed (yet): as a browser opening /<name> directly, by page_name
                page_hash, name = "", url_pathname
            else:
                name = ""
            self.values.clear()
            self.triggers.clear()
            self.widgets.clear()
            self.fragments.clear()
            send = lambda: self._send_rerun(page_script_hash=page_hash, page_name=name)  # noqa: E731
        else:
            send = lambda: self._send_rerun(page_script_hash="")  # noqa: E731
        run, seconds, _ = await self._until(send, None, timeout)
        _raise_if_broken(run, f"opening /{url_pathname}")
        return seconds

    def widget(self, key: str) -> tuple[str, str, Any]:
        """(id, element type, proto) of the drawn widget whose user key is `key`."""
        hits = [(wid, t, el) for wid, (t, el) in self.widgets.items() if wid.endswith("-" + key)]
        hits = hits or [(wid, t, el) for wid, (t, el) in self.widgets.items() if wid.endswith(key)]
        if not hits:
            shown = self.runs[-1].error_alerts if self.runs else []
            raise LoadError(f"no widget with key {key!r} on the page (ids: {sorted(self.widgets)[:12]}…)"
                            + (f"; the page shows: {shown[0]}" if shown else ""))
        return hits[-1]

    async def choose(self, key: str, labels: list[str], timeout: float = 120.0) -> float:
        """Select the option shown as one of `labels` in a segmented control / pills (button_group)."""
        wid, etype, el = self.widget(key)
        if etype != "button_group":
            raise LoadError(f"{key!r} is a {etype}, not a segmented control")
        contents = [o.content for o in el.options]
        label = next((lab for lab in labels if lab in contents), None)
        if label is None:
            raise LoadError(f"{key!r} offers {contents}, none of {labels}")
        self.values[wid] = WidgetState(id=wid)
        self.values[wid].string_array_value.data.append(label)
        run, seconds, _ = await self._until(self._rerun_for(wid), None, timeout)
        _raise_if_broken(run, f"choosing {label!r} in {key!r}")
        return seconds

    async def set_number(self, key: str, value: float, timeout: float = 120.0) -> float:
        """Type `value` into the number input `key` (the page reruns with it)."""
        wid, etype, el = self.widget(key)
        if etype != "number_input":
            raise LoadError(f"{key!r} is a {etype}, not a number input")
        self.values[wid] = (WidgetState(id=wid, int_value=int(value)) if el.data_type == 0  # NumberInput.INT
                            else WidgetState(id=wid, double_value=float(value)))
        run, seconds, _ = await self._until(self._rerun_for(wid), None, timeout)
        _raise_if_broken(run, f"setting {key!r} to {value}")
        return seconds

    async def click(self, key: str, done: Callable[[Run], bool] | None, timeout: float = 120.0
                    ) -> tuple[Run, float, list[Run]]:
        wid, etype, el = self.widget(key)
        if getattr(el, "disabled", False):
            raise LoadError(f"button {key!r} is disabled")
        self.triggers[wid] = WidgetState(id=wid, trigger_value=True)
        return await self._until(self._rerun_for(wid), done, timeout)

    async def upload(self, key: str, name: str, data: bytes, mime: str, done: Callable[[Run], bool] | None,
                     timeout: float = 120.0) -> tuple[Run, float, list[Run], float]:
        """Drop one file on the uploader `key`. Timed from the file_urls_request (the upload counts).

        Returns (run, seconds, runs, seconds spent until the PUT returned)."""
        wid, etype, el = self.widget(key)
        if etype != "file_uploader":
            raise LoadError(f"{key!r} is a {etype}, not a file uploader")
        loop = asyncio.get_running_loop()
        start = time.perf_counter()
        request_id = uuid.uuid4().hex
        fut: asyncio.Future = loop.create_future()
        self._file_urls[request_id] = fut
        back = BackMsg()
        back.file_urls_request.request_id = request_id
        back.file_urls_request.session_id = self.session_id
        back.file_urls_request.file_names.append(name)
        await self._send(back)
        try:
            response: FileURLsResponse = await asyncio.wait_for(fut, timeout)
        except asyncio.TimeoutError:
            raise LoadError(f"no file_urls_response within {timeout:.0f} s") from None
        if response.error_msg or not response.file_urls:
            raise LoadError(f"file_urls_response: {response.error_msg or 'no URLs'}")
        urls = response.file_urls[0]
        upload_url = urls.upload_url if urls.upload_url.startswith("http") else self.base_url + urls.upload_url
        status = await loop.run_in_executor(_executor(), _put_upload, self.http, upload_url, self.xsrf, name,
                                            data, mime)
        if status not in (200, 204):
            raise LoadError(f"upload PUT answered {status}")
        uploaded = time.perf_counter() - start
        state = WidgetState(id=wid)
        state.file_uploader_state_value.uploaded_file_info.append(
            UploadedFileInfo(file_id=urls.file_id, name=name, size=len(data), file_urls=urls))
        self.values[wid] = state
        left = max(1.0, timeout - uploaded)
        run, seconds, runs = await self._until(self._rerun_for(wid), done, left)
        return run, uploaded + seconds, runs, uploaded


def _raise_if_broken(run: Run, what: str) -> None:
    """An exception element, a missing page or an error box (the app may turn unexpected exceptions
    into a translated st.error) means the student cannot go on."""
    problems = run.exceptions + run.problems + [f"error shown: {a}" for a in run.error_alerts]
    if problems:
        raise LoadError(f"{what}: {'; '.join(problems)}")


# ---------------------------------------------------------------------------------------------------
# Students: what each kind opens, sets and does, and what counts as its result
# ---------------------------------------------------------------------------------------------------
KINDS = ("dog", "music", "style", "dream")
PAGES = {"dog": "dog_breeds", "music": "music", "style": "style_transfer", "dream": "deep_dream"}
# The image-source control each page needs set before its action: dog uploads a photo, style and
# dream take an example (image pages open on the examples).
SOURCE_KEYS = {"dog": ("dog_source", "upload"), "style": ("style_content_source", "example"),
               "dream": ("dream_source", "example")}
# A student who asks for something of their own (`own=True`): music types their own seed, style and
# dream upload their own photo (`student_photo`); dog always uploads their own. Otherwise the class
# presses the default button on the default example, and identical requests share one job.
OWN_SEED = {"music": "music_seed"}
OWN_UPLOAD = {"style": ("style_content_source", "style_content_upload"), "dream": ("dream_source", "dream_upload")}
ACTION_KEYS = {"dog": "dog_upload", "music": "music_generate", "style": "style_run_fast", "dream": "dream_run"}
RESULT_ELEMENT = {"dog": "plotly_chart", "music": "audio", "style": "imgs", "dream": "imgs"}


def _source_labels(source: str) -> list[str]:
    """How the image-source control labels `source` ("upload", "example") in ko and en, from the app's strings."""
    try:
        from ui.i18n import LANGS, t

        return [t(f"common.image.{source}", lang=lang) for lang in LANGS] + [source]
    except Exception:  # noqa: BLE001 - app strings unavailable: try the raw option
        return [source]


_PHOTO: tuple[str, bytes] | None = None


def example_photo() -> tuple[str, bytes]:
    """A JPEG the app's own example list uses: darknet's dog.jpg if installed, else skimage's chelsea."""
    global _PHOTO
    if _PHOTO is None:
        from models.common.examples import available

        ex = available(["dog", "chelsea", "coffee"])
        if not ex:
            raise LoadError("no example photo package (darknet data or scikit-image) installed")
        _PHOTO = (f"{ex[0].key}.jpg", ex[0].jpeg_bytes())
    return _PHOTO


PHONE_SIZE = (4032, 3024)  # a 12 MP phone camera: the photo a student in class takes and uploads


@functools.lru_cache(maxsize=64)  # a wave makes each student's photo while preparing, not while acting
def student_photo(n: int, phone: bool = False) -> tuple[str, bytes]:
    """The example photo made distinct per student (a few corner pixels tinted by n, same size, so no
    model retraces for a new shape), so no cache keyed on the bytes or the pixels can answer for a
    student who did not compute anything. `phone`: scaled up to a 12 MP phone photo (`PHONE_SIZE`) and
    stored sideways with the EXIF orientation that turns it upright again, as phones store photos."""
    name, data = example_photo()
    if n == 0 and not phone:
        return name, data
    from PIL import Image

    img = Image.open(io.BytesIO(data)).convert("RGB")
    exif = Image.Exif()
    if phone:  # stored turned a quarter anticlockwise, with the tag that turns it back (Orientation 6)
        img = img.resize(PHONE_SIZE, Image.BICUBIC).transpose(Image.Transpose.ROTATE_90)
        exif[0x0112] = 6
    for i in range(8):
        img.putpixel((i, 0), ((n * 37 + i) % 256, (n * 11) % 256, (n * 5 + i * 29) % 256))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=92, exif=exif.tobytes())
    stem = name.rsplit(".", 1)[0]
    return f"{stem}_{n}{'_phone' if phone else ''}.jpg", buf.getvalue()


def result_check(kind: str, before: list[Run]) -> Callable[[Run], bool]:
    """Has `run` drawn this kind's result? Compared with what the page drew before the action:
    more plotly charts (dog) / audio players (music) than the last run before it, or an image whose
    media URL no earlier run drew (style, dream: the style page always shows its thumbnails)."""
    element = RESULT_ELEMENT[kind]
    last = before[-1] if before else Run()
    if element == "imgs":
        seen = set().union(*(r.media.get("imgs", set()) for r in before)) if before else set()
        return lambda run: bool(run.media.get("imgs", set()) - seen)
    return lambda run: run.count(element) > last.count(element)


@dataclass
class StudentRecord:
    kind: str
    student: int
    ok: bool = False
    seconds: float | None = None  # action → script_finished of the run that drew the result
    error: str = ""
    phase: str = ""  # where it failed: connect / home / page / setup / action
    upload_seconds: float | None = None  # dog: file_urls_request → PUT answered
    setup_seconds: float | None = None  # connect + home + page + setup (not part of `seconds`)
    runs: int = 0  # script runs between the action and the result (incl. cut-short ones)
    reconnects: int = 0
    cookies: dict[str, str] = field(default_factory=dict)  # the tab's jar at the end (e.g. SERVERID)


async def prepare(client: Client, kind: str, rec: StudentRecord, timeout: float, own: bool = False,
                  phone: bool = False) -> None:
    """Connect, open home, open the kind's page, set what the action needs (with `own`, the
    student's own seed or photo, so nothing they ask for was asked before)."""
    t0 = time.perf_counter()
    rec.phase = "connect"
    await client.connect()
    rec.phase = "home"
    await client.open("", timeout)
    rec.phase = "page"
    await client.open(PAGES[kind], timeout)
    if kind in SOURCE_KEYS:
        rec.phase = "setup"
        key, source = SOURCE_KEYS[kind]
        if own and kind in OWN_UPLOAD:
            key, upload_key = OWN_UPLOAD[kind]
            await client.choose(key, _source_labels("upload"), timeout)
            name, data = student_photo(rec.student, phone)
            run, _, _, _ = await client.upload(upload_key, name, data, "image/jpeg", None, timeout)
            _raise_if_broken(run, f"uploading {name}")
        else:
            await client.choose(key, _source_labels(source), timeout)
    if own and kind in OWN_SEED:
        await client.set_number(OWN_SEED[kind], 1000 + rec.student, timeout)
    if kind == "dog":
        student_photo(rec.student, phone)  # made now, so making it is no part of the action
    rec.setup_seconds = time.perf_counter() - t0


async def act(client: Client, kind: str, rec: StudentRecord, timeout: float, phone: bool = False) -> None:
    rec.phase = "action"
    check = result_check(kind, list(client.runs))
    if kind == "dog":
        name, data = student_photo(rec.student, phone)
        run, seconds, runs, uploaded = await client.upload(ACTION_KEYS[kind], name, data, "image/jpeg", check,
                                                           timeout)
        rec.upload_seconds = round(uploaded, 4)
    else:
        run, seconds, runs = await client.click(ACTION_KEYS[kind], check, timeout)
    rec.runs = len(runs)
    problems = [p for r in runs for p in r.exceptions + r.problems + [f"error shown: {a}" for a in r.error_alerts]]
    if problems:
        rec.error = "; ".join(problems)
    elif not check(run):
        rec.error = "no result: " + ("; ".join(run.error_alerts) or f"run {run.status_name}")
    else:
        rec.ok, rec.seconds, rec.phase = True, round(seconds, 4), ""


async def one_student(base_url: str, kind: str, n: int = 0, lang: str = "ko", timeout: float = 120.0,
                      gate: "_Gate | None" = None, own: bool = False, phone: bool = False) -> StudentRecord:
    """A whole student: prepare, (wait for the class at `gate`), act, close. `phone`: their photo is a
    12 MP phone photo (`student_photo`)."""
    rec = StudentRecord(kind=kind, student=n)
    client = Client(base_url, lang, name=f"{kind}{n}")
    try:
        try:
            await prepare(client, kind, rec, max(timeout, 300.0), own, phone)
        finally:
            if gate is not None:
                gate.arrive()
        if gate is not None:
            await gate.opened.wait()
        await act(client, kind, rec, timeout, phone)
    except Exception as exc:  # noqa: BLE001 - every failure is a result of the measurement
        rec.error = f"{type(exc).__name__}: {exc}" if not isinstance(exc, LoadError) else str(exc)
    finally:
        rec.reconnects = client.reconnects
        rec.cookies = client.cookies()
        await client.close()
    return rec


class _Gate:
    """All students prepared (or failed preparing) → everyone acts at once, like a class told 'go'."""

    def __init__(self, n: int):
        self.left = n
        self.opened = asyncio.Event()
        if n == 0:
            self.opened.set()

    def arrive(self) -> None:
        self.left -= 1
        if self.left <= 0:
            self.opened.set()


async def late_visitor(base_url: str, lang: str = "ko", timeout: float = 120.0) -> float:
    """A new tab opening home: health + websocket + first run, until its script_finished."""
    client = Client(base_url, lang, name="late")
    try:
        start = time.perf_counter()
        await client.connect()
        await client.open("", timeout)
        return time.perf_counter() - start
    finally:
        await client.close()


# ---------------------------------------------------------------------------------------------------
# Waves and figures
# ---------------------------------------------------------------------------------------------------
def percentile(values: list[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default), q in [0, 100]."""
    if not values:
        return None
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


@dataclass
class WaveResult:
    mix: dict[str, int]
    records: list[StudentRecord]
    own: bool = True  # each student asked for something of their own (else the default, shared)
    late_visitor_seconds: float | None = None
    late_visitor_error: str = ""
    wall_seconds: float = 0.0
    rss_bytes: int | None = None  # server RSS after the wave, when its pid was given
    action_cpu_seconds: float | None = None  # server CPU (all its threads and children) from "go" to the last result

    @property
    def failures(self) -> list[StudentRecord]:
        return [r for r in self.records if not r.ok]

    def seconds(self, kind: str | None = None) -> list[float]:
        return [r.seconds for r in self.records if r.ok and (kind is None or r.kind == kind)]

    def p(self, q: float, kind: str | None = None) -> float | None:
        return percentile(self.seconds(kind), q)

    @property
    def p50(self) -> dict[str, float | None]:
        return {"all": self.p(50), **{k: self.p(50, k) for k in self.mix if self.mix[k]}}

    @property
    def p95(self) -> dict[str, float | None]:
        return {"all": self.p(95), **{k: self.p(95, k) for k in self.mix if self.mix[k]}}

    def to_dict(self) -> dict:
        return {"mix": self.mix, "own": self.own, "students": len(self.records), "failed": len(self.failures),
                "p50": self.p50, "p95": self.p95, "max": max(self.seconds(), default=None),
                "late_visitor_seconds": self.late_visitor_seconds, "late_visitor_error": self.late_visitor_error,
                "wall_seconds": round(self.wall_seconds, 2), "rss_bytes": self.rss_bytes,
                "action_cpu_seconds": self.action_cpu_seconds,
                "failures": [asdict(r) for r in self.failures], "records": [asdict(r) for r in self.records]}


def parse_mix(text: str) -> dict[str, int]:
    mix = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        kind, _, n = part.partition("=")
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r} (one of {', '.join(KINDS)})")
        mix[kind] = int(n or 1)
    return mix


def _interleaved(mix: dict[str, int]) -> list[str]:
    """dog, music, style, dream, dog, … so no kind always connects first."""
    left = dict(mix)
    order = []
    while any(left.values()):
        for kind in list(left):
            if left[kind] > 0:
                order.append(kind)
                left[kind] -= 1
    return order


async def run_wave(base_url: str, mix: dict[str, int], lang: str = "ko", timeout: float = 120.0,
                   late: bool = True, late_delay: float = 0.5, server_pid: int | None = None,
                   own: bool = True, first: int = 1, phone: bool = False) -> WaveResult:
    """All students of `mix` prepare their pages, then act at the same moment; `late` adds one visitor
    opening home `late_delay` s after the class acted. Per-student timings in the result. `own`: each
    student asks for something nobody asked before (numbered from `first`; use a new `first` for
    each wave on one server); otherwise the class presses the default button and shares the job.
    `phone`: every photo uploaded is a 12 MP phone photo."""
    kinds = _interleaved(mix)
    gate = _Gate(len(kinds))
    t0 = time.perf_counter()
    tasks = [asyncio.create_task(one_student(base_url, kind, first + n, lang, timeout, gate, own, phone))
             for n, kind in enumerate(kinds)]
    result = WaveResult(mix=dict(mix), own=own, records=[])
    await gate.opened.wait()
    cpu_at_go = server_cpu_seconds(server_pid) if server_pid else None
    if late:
        await asyncio.sleep(late_delay)
        try:
            result.late_visitor_seconds = round(await late_visitor(base_url, lang, timeout), 4)
        except Exception as exc:  # noqa: BLE001
            result.late_visitor_error = f"{type(exc).__name__}: {exc}"
    result.records = list(await asyncio.gather(*tasks))
    result.wall_seconds = time.perf_counter() - t0
    if server_pid:
        result.action_cpu_seconds = round(server_cpu_seconds(server_pid) - cpu_at_go, 3)
        result.rss_bytes = server_rss(server_pid)
    return result


def run_sync(coro):
    """`asyncio.run(coro)`, also from a thread whose event loop is already running (pytest after
    Playwright's sync API leaves one running): then in a fresh thread with its own loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def run_wave_sync(base_url: str, mix: dict[str, int], **kwargs) -> WaveResult:
    return run_sync(run_wave(base_url, mix, **kwargs))


@dataclass
class SingleResult:
    kind: str
    seconds: list[float]
    errors: list[str]

    @property
    def median(self) -> float | None:
        return percentile(self.seconds, 50)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "median": self.median, "seconds": self.seconds, "errors": self.errors}


async def single_student(base_url: str, kind: str, repeats: int = 3, lang: str = "ko",
                         timeout: float = 120.0, first: int = 1, phone: bool = False) -> SingleResult:
    """One student alone, `repeats` times in a row, each a fresh tab asking for something of their
    own (numbered from `first`: nothing is answered from a shared result; models warm after the
    first student of the kind ever ran: call warm_up first). The median is the figure."""
    out = SingleResult(kind, [], [])
    for n in range(repeats):
        rec = await one_student(base_url, kind, first + n, lang, timeout, own=True, phone=phone)
        if rec.ok:
            out.seconds.append(rec.seconds)
        else:
            out.errors.append(f"{rec.phase}: {rec.error}")
    return out


def single_student_sync(base_url: str, kind: str, **kwargs) -> SingleResult:
    return run_sync(single_student(base_url, kind, **kwargs))


async def warm_up(base_url: str, kinds: tuple[str, ...] | list[str] = KINDS, lang: str = "ko",
                  timeout: float = 300.0) -> list[StudentRecord]:
    """One student of each kind, one after the other: loads and traces every model the wave uses."""
    return [await one_student(base_url, kind, 0, lang, timeout) for kind in kinds]


def warm_up_sync(base_url: str, kinds: tuple[str, ...] | list[str] = KINDS, **kwargs) -> list[StudentRecord]:
    return run_sync(warm_up(base_url, kinds, **kwargs))


# ---------------------------------------------------------------------------------------------------
# Server and memory
# ---------------------------------------------------------------------------------------------------
@contextlib.contextmanager
def local_server():
    """A Streamlit server for app.py on a free loopback port (tests/e2e's start_server): (url, pid)."""
    from tests.e2e.conftest import start_server, stop_server

    url, proc = start_server()
    try:
        yield url, proc.pid
    finally:
        stop_server(proc)


def haproxy_binary() -> str | None:
    """Debian's haproxy where `scripts/serve_replicas.py` looks for it (/usr/sbin too), or None."""
    from scripts.serve_replicas import HAPROXY_PATH

    return shutil.which("haproxy", path=HAPROXY_PATH)


@contextlib.contextmanager
def local_replicas(log_dir: Path, timeout: float = 240.0):
    """`scripts/serve_replicas.py` as `make serve-replicas N=2` runs it, on free loopback ports: (balancer
    URL, replica URLs, pid of the script, whose process group holds both replicas and HAProxy)."""
    from tests.e2e.conftest import _free_port, _wait_healthy, stop_server

    root = Path(__file__).resolve().parents[1]
    port, *ports = (_free_port() for _ in range(3))
    log_dir.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "scripts/serve_replicas.py", "--address", "127.0.0.1", "--port", str(port),
           "--replica-ports", *map(str, ports), "--log-dir", str(log_dir)]
    with open(log_dir / "serve_replicas.out", "w") as out:
        proc = subprocess.Popen(cmd, cwd=root, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_healthy(url, proc, timeout=timeout)  # the script starts HAProxy once both replicas are healthy
            yield url, [f"http://127.0.0.1:{p}" for p in ports], proc.pid
        finally:
            stop_server(proc)  # the whole process group: script, replicas, haproxy


def _process_tree(pid: int, children: bool = True) -> list[int]:
    """`pid` and, with `children`, every live process below it (started from any of its threads)."""
    pids = [pid]
    if children:
        for task in Path(f"/proc/{pid}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                for child in task.read_text().split():
                    pids += _process_tree(int(child))
    return pids


def _proc_rss(pid: int) -> int:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def _proc_cpu_seconds(pid: int) -> float:
    with contextlib.suppress(OSError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime: all its threads
    return 0.0


def server_cpu_seconds(pid: int, children: bool = True) -> float:
    """User + system CPU seconds the server process (all its threads, and its live children) has used."""
    return sum(_proc_cpu_seconds(p) for p in _process_tree(pid, children))


def server_rss(pid: int, children: bool = True) -> int:
    """Resident memory of the server process (and its children), in bytes."""
    return sum(_proc_rss(p) for p in _process_tree(pid, children))


# ---------------------------------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------------------------------
def _log(*args) -> None:
    print(*args, file=sys.stderr, flush=True)


async def _cli(args: argparse.Namespace, url: str, pid: int | None) -> dict:
    out: dict[str, Any] = {"url": url}
    if args.warm:
        recs = await warm_up(url, [k for k in KINDS if k in args.mix or args.single], args.lang, max(args.timeout, 300))
        out["warm_up"] = [asdict(r) for r in recs]
        _log("warm-up:", ", ".join(f"{r.kind} {'ok' if r.ok else 'FAILED ' + r.error} {r.seconds}" for r in recs))
    if pid:
        out["rss_bytes_before"] = server_rss(pid)
    if args.single:
        out["single"] = {}
        for kind in args.single:
            res = await single_student(url, kind, args.repeats, args.lang, args.timeout, first=args.first + 500,
                                       phone=args.phone)
            out["single"][kind] = res.to_dict()
            _log(f"alone {kind}: median {res.median} s {res.seconds} {res.errors or ''}")
    if args.mix:
        wave = await run_wave(url, args.mix, args.lang, args.timeout, late=not args.no_late, server_pid=pid,
                              own=not args.same, first=args.first, phone=args.phone)
        out["wave"] = wave.to_dict()
        if not args.records:
            del out["wave"]["records"]
        _log(f"wave {args.mix}: failed {len(wave.failures)}, p50 {wave.p50}, p95 {wave.p95}, "
             f"late visitor {wave.late_visitor_seconds} s, wall {wave.wall_seconds:.1f} s")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="a running server; default: start one on a free port")
    ap.add_argument("--pid", type=int, help="server pid, to report its RSS (known when we start it)")
    ap.add_argument("--mix", type=parse_mix, default={}, help="e.g. dog=15,style=5,music=5,dream=5")
    ap.add_argument("--single", type=lambda s: [k for k in s.split(",") if k], default=[],
                    help="kinds to time alone, e.g. dog,music")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--warm", action="store_true", help="one student of each kind first (models loaded)")
    ap.add_argument("--lang", default="ko")
    ap.add_argument("--timeout", type=float, default=120.0, help="per action, seconds")
    ap.add_argument("--no-late", action="store_true", help="no late visitor during the wave")
    ap.add_argument("--same", action="store_true",
                    help="the class presses the default button (identical requests share a job); "
                         "default: every student asks for something of their own")
    ap.add_argument("--phone", action="store_true", help="photos uploaded are 12 MP phone photos (default: 768 px)")
    ap.add_argument("--first", type=int, default=1, help="number of the first student (own seeds and photos)")
    ap.add_argument("--records", action="store_true", help="include every student's record in the JSON")
    ap.add_argument("--json", action="store_true", help="print one JSON object (default: also)")
    args = ap.parse_args(argv)
    for k in args.single:
        if k not in KINDS:
            ap.error(f"unknown kind {k!r}")
    if not args.mix and not args.single:
        ap.error("nothing to do: give --mix and/or --single")
    with contextlib.ExitStack() as stack:
        if args.url:
            url, pid = args.url.rstrip("/"), args.pid
        else:
            url, pid = stack.enter_context(local_server())
            _log(f"server {url} (pid {pid})")
        out = run_sync(_cli(args, url, pid))
        if pid:
            out["rss_bytes_after"] = server_rss(pid)
    print(json.dumps(out, ensure_ascii=False, indent=None if args.json else 2))
    return 0 if not out.get("wave", {}).get("failed") and not any(
        s["errors"] for s in out.get("single", {}).values()) else 1


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    sys.exit(main())

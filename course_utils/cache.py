"""An on-disk cache of model responses, so a repeated request costs nothing and takes no time.

It works one level below the `openai` SDK, as an httpx *transport*: the object that an
`httpx.Client` hands each HTTP request to. Wrapping the real transport means every call
through the client is covered (the SDK's own, and llama-index's, which reuse the same
client) without changing how any of them is written.

What is cached: successful POST requests to /chat/completions, /completions and /embeddings,
the calls whose answer depends only on the request. Files, fine-tuning jobs and model
lists change on the server, so they always go through.

The key is a SHA-256 of the method, the URL path, the request body as canonical JSON
(keys sorted, so the order the SDK writes them in does not matter) and the backend's base
URL. The API key is never part of it: the same question to the same model gives the same
entry, whoever asks. Any change to the body (another temperature, seed, prompt) is a new key.

A cached answer comes back marked with the header `x-course-cache: hit`. Streamed answers
(server-sent events) are stored once the stream has been read to its end and replayed as a
stream. Entries are written atomically (a temporary file, then `os.replace`), and an entry
that cannot be read is treated as missing: the cache can only ever save a call, never break one.

Switch it with `CachingTransport(..., enabled=False)` or the environment: COURSE_CACHE=off.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Callable, Iterator

import httpx

from course_utils.atomic import write_atomically
from course_utils.backend import switch_from_env

log = logging.getLogger(__name__)

# The repository's .cache/responses folder (.cache/ is git-ignored).
DEFAULT_FOLDER = Path(__file__).resolve().parent.parent / ".cache" / "responses"

CACHED_ENDPOINTS = ("/chat/completions", "/completions", "/embeddings")
HIT_HEADER = "x-course-cache"

# Headers that describe how the body travelled, not what it is: the body we keep and
# hand on is already decoded, so these would be wrong for it.
_TRANSFER_HEADERS = {"content-encoding", "content-length", "transfer-encoding"}


def cache_enabled_by_env(default: bool) -> bool:
    """COURSE_CACHE=on/off (also 1/0, true/false, yes/no); `default` when it is not set."""
    return switch_from_env("COURSE_CACHE", default)


def is_cacheable(request: httpx.Request) -> bool:
    """A POST to an endpoint whose answer depends only on the request."""
    return request.method == "POST" and request.url.path.endswith(CACHED_ENDPOINTS)


def request_key(request: httpx.Request, base_url: str) -> str:
    """SHA-256 of method, path, canonical JSON body and base URL (never the API key)."""
    try:
        body = json.dumps(json.loads(request.content), sort_keys=True, separators=(",", ":"),
                          ensure_ascii=False)
    except (ValueError, UnicodeDecodeError):
        body = request.content.decode("utf-8", errors="replace")  # not JSON: use it as it is
    text = "\n".join([request.method, request.url.path, body, base_url])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class TeeStream(httpx.SyncByteStream):
    """Passes a response body through, chunk by chunk, and then hands the whole of it to
    `on_done(body, complete)`, once: complete is False when the reader stopped early."""

    def __init__(self, response: httpx.Response, on_done: Callable[[bytes, bool], None]):
        self.response = response
        self.on_done = on_done
        self.chunks: list[bytes] = []
        self.finished = False

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.response.iter_bytes():  # decoded (gzip, br...) by httpx
            self.chunks.append(chunk)
            yield chunk
        self._finish(complete=True)

    def close(self) -> None:
        try:
            self.response.close()
        finally:
            # The SDK stops reading a stream at its "data: [DONE]" line and closes it, so a
            # stream that got that far is whole even though its iterator did not run out.
            body = b"".join(self.chunks)
            self._finish(complete=body.rstrip().endswith(b"data: [DONE]"))

    def _finish(self, complete: bool) -> None:
        if self.finished:
            return
        self.finished = True
        try:
            self.on_done(b"".join(self.chunks), complete)
        except Exception:  # noqa: BLE001 -- bookkeeping must never break the call itself
            log.warning("Could not record a response body", exc_info=True)


def observe_body(response: httpx.Response, request: httpx.Request,
                 on_done: Callable[[bytes, bool], None]) -> httpx.Response:
    """The same response to `request`, whose body also goes to `on_done(body, complete)`."""
    headers = [(k, v) for k, v in response.headers.multi_items()
               if k.lower() not in _TRANSFER_HEADERS]
    return httpx.Response(response.status_code, headers=headers,
                          stream=TeeStream(response, on_done),
                          extensions=response.extensions, request=request)


class CachingTransport(httpx.BaseTransport):
    """An httpx transport that answers repeated model requests from files in `folder`."""

    def __init__(self, inner: httpx.BaseTransport, folder: Path | str | None = None,
                 enabled: bool = True, base_url: str | None = None):
        self.inner = inner  # the transport that really sends requests
        self.folder = Path(folder) if folder is not None else DEFAULT_FOLDER
        self.enabled = enabled
        # What identifies the backend in the key. Default: the request's scheme, host and port.
        self.base_url = base_url

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if not (self.enabled and is_cacheable(request)):
            return self.inner.handle_request(request)
        request.read()
        base_url = self.base_url or f"{request.url.scheme}://{request.url.netloc.decode('ascii')}"
        path = self.path_for(request_key(request, base_url))
        entry = self._load(path)
        if entry is not None:
            return self._replay(entry, request)
        response = self.inner.handle_request(request)
        if not 200 <= response.status_code < 300:
            return response

        def store_if_complete(body: bytes, complete: bool) -> None:
            if complete:
                self._store(path, response, body)

        return observe_body(response, request, store_if_complete)

    def close(self) -> None:
        self.inner.close()

    def path_for(self, key: str) -> Path:
        """Where the entry for a key lives (two-level folders keep directories small)."""
        return self.folder / key[:2] / f"{key}.json"

    def _load(self, path: Path) -> dict | None:
        """The stored entry, or None when there is none or it cannot be used."""
        try:
            with open(path, encoding="utf-8") as file:
                entry = json.load(file)
            entry["body"] = entry["body"].encode("utf-8")
            if not isinstance(entry["status"], int) or not isinstance(entry["headers"], dict):
                raise ValueError("malformed entry")
            return entry
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            log.debug("Ignoring unreadable cache entry %s: %s", path, error)
            return None

    def _store(self, path: Path, response: httpx.Response, body: bytes) -> None:
        """Write an entry atomically; a failure to write is logged, never raised."""
        try:
            text = body.decode("utf-8")  # JSON and SSE bodies are UTF-8 text: easy to inspect
        except UnicodeDecodeError:
            return
        entry = {
            "status": response.status_code,
            "headers": {"content-type": response.headers.get("content-type", "application/json")},
            "body": text,  # the whole body, a stream's events included
        }
        try:  # readers see the old entry or the whole new one
            write_atomically(path, json.dumps(entry, ensure_ascii=False, indent=1).encode("utf-8"))
        except OSError as error:
            log.debug("Could not write cache entry %s: %s", path, error)

    @staticmethod
    def _replay(entry: dict, request: httpx.Request) -> httpx.Response:
        headers = dict(entry["headers"]) | {HIT_HEADER: "hit"}
        return httpx.Response(entry["status"], headers=headers, content=entry["body"],
                              request=request)

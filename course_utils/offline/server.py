"""Running the offline API: a uvicorn server on a background thread, on this machine only.

- `start_server(...)` starts one server and returns a `ServerHandle` with its `base_url`
  ("http://127.0.0.1:PORT/v1", what `openai.OpenAI(base_url=...)` takes) and `stop()`.
- `ensure_started()` is what the course's client calls: the first call starts one server for
  the whole Python process (the course's own model, state under `.cache/offline/` in the
  repository), later calls return the same URL. `stop()` stops it.

The server only ever listens on a loopback address (127.0.0.1 or ::1): it has no password by
default and can fine-tune models and write files, so nothing outside this computer may reach it.
It runs on a daemon thread with its own event loop, so it also works inside a running Jupyter
kernel, and it dies with the process; `stop()` (also registered at exit) shuts it down cleanly.
"""

from __future__ import annotations

import atexit
import importlib
import ipaddress
import os
import socket
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn

from .api.app import create_app
from .api.protocol import ModelLoader, Trainer

STARTUP_TIMEOUT_SECONDS = 60  # loading the app and binding should take well under a second
REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class ServerHandle:
    """A running server: where to reach it, and how to stop it."""

    base_url: str  # e.g. "http://127.0.0.1:54321/v1"
    host: str
    port: int
    state_dir: Path
    _server: uvicorn.Server = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def stop(self, timeout: float = 60) -> None:
        """Ask the server to exit, and wait for it (and its fine-tuning workers) to finish."""
        self._server.should_exit = True
        self._thread.join(timeout)

    def __enter__(self) -> "ServerHandle":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def require_loopback(host: str) -> str:
    """The address to bind, refusing anything reachable from other machines."""
    if host == "localhost":
        return "127.0.0.1"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is None or not address.is_loopback:
        raise ValueError(
            f"Refusing to listen on {host!r}: the offline server only binds a loopback address "
            "(127.0.0.1 or ::1), so no other machine can reach it. It has no authentication by "
            "default and can write files."
        )
    return host


STATE_DIR_VAR = "COURSE_OFFLINE_STATE_DIR"  # set by the tests, so nothing they make survives them


def default_state_dir() -> Path:
    """Where uploads, jobs and fine-tuned models live: the folder named by
    COURSE_OFFLINE_STATE_DIR if set, else `.cache/offline/` in the repository (git-ignored),
    else in the user's cache folder."""
    if os.environ.get(STATE_DIR_VAR, "").strip():
        folder = Path(os.environ[STATE_DIR_VAR].strip())
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    if (REPO_ROOT / "pyproject.toml").exists():
        cache = REPO_ROOT / ".cache"
    else:  # installed as a package: no repository to write into
        cache = Path.home() / ".cache" / "maximizing-llm-performance"
    (cache / "offline").mkdir(parents=True, exist_ok=True)
    ignore = cache / ".gitignore"
    if not ignore.exists():  # keep uploaded files and trained models out of git
        ignore.write_text("*\n", encoding="utf-8")
    return cache / "offline"


def course_model(open_model: bool = False) -> tuple[ModelLoader, Trainer]:
    """The course's own model and trainer (imported only when first needed); with open_model, the
    loader also serves the open LLM (course_utils/offline/model/open_llm.py) on first request, and
    the trainer fine-tunes it with LoRA."""
    try:
        acme_tiny = importlib.import_module("course_utils.offline.model.acme_tiny.loading")
    except ImportError as exc:
        raise ImportError(
            "The offline backend needs the course's model (course_utils.offline.model.acme_tiny), "
            f"which could not be imported: {exc}. Reinstall the course (`pip install -e .`), or "
            "set OPENAI_API_KEY or COURSE_BASE_URL to use another backend."
        ) from exc
    loader, trainer = acme_tiny.default_loader(), acme_tiny.default_trainer()
    if open_model:
        from course_utils.offline.model.open_llm import OpenModelLoader, OpenModelTrainer

        cache_root = default_state_dir().parent / "open_models"
        loader = OpenModelLoader(loader, cache_root)
        # a LoRA job trains its own copy of the weights: llama.cpp's is handed back when a job starts
        trainer = OpenModelTrainer(trainer, cache_root, before_training=loader.stop_llama_cpp)
    return loader, trainer


def start_server(
    port: int = 0,
    host: str = "127.0.0.1",
    state_dir: Path | None = None,
    *,
    loader: ModelLoader | None = None,
    trainer: Trainer | None = None,
    embedder=None,
    api_key: str | None = None,
    max_concurrent_jobs: int = 1,
    open_model: bool = False,
) -> ServerHandle:
    """Start the API on a background thread and return once it accepts requests.

    port 0 picks a free port. Without a loader, the course's model and trainer are used, and with
    open_model the open LLM beside them.
    """
    host = require_loopback(host)
    if loader is None:
        loader, default_trainer = course_model(open_model)
        trainer = trainer or default_trainer
    state_dir = Path(state_dir) if state_dir is not None else default_state_dir()
    app = create_app(loader, state_dir, embedder, trainer, api_key=api_key,
                     max_concurrent_jobs=max_concurrent_jobs)

    # Bind the socket ourselves: the port is known at once (even with port=0) and no other
    # program can take it between choosing and listening.
    # Name the protocol: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on sockets whose
    # proto is IPPROTO_TCP, and with it on every reused connection waited 40 ms for a delayed ACK.
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise OSError(f"Cannot listen on {host}:{port} ({exc.strerror}). Is another server using "
                      "that port? Pick another one, or port 0 for any free port.") from exc
    port = sock.getsockname()[1]

    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                            loop="asyncio", timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]},
                              name=f"offline-api-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            sock.close()
            raise RuntimeError(f"The offline server did not start on {host}:{port}; see the log above.")
        time.sleep(0.01)
    url_host = f"[{host}]" if family == socket.AF_INET6 else host
    return ServerHandle(f"http://{url_host}:{port}/v1", host, port, state_dir, server, thread)


# ----- one server for the whole process ---------------------------------------------------

_default: ServerHandle | None = None
_default_open_model = False  # whether _default serves the open LLM too
_default_lock = threading.Lock()


def ensure_started(open_model: bool = False) -> str:
    """The base URL of this process's offline server, starting it on first use (with the open LLM
    beside the course's model if open_model; a server already running stays as it is)."""
    global _default, _default_open_model
    with _default_lock:
        if _default is None or not _default.alive:
            _default, _default_open_model = start_server(open_model=open_model), open_model
        elif open_model and not _default_open_model:
            warnings.warn("The offline server in this kernel started without the open LLM: restart the kernel "
                          "for COURSE_OPEN_MODEL=on to take effect.", stacklevel=2)
            atexit.unregister(stop)  # register once, however many times we restart
            atexit.register(stop)
        return _default.base_url


def stop() -> None:
    """Stop this process's offline server, if one is running."""
    global _default
    with _default_lock:
        if _default is not None:
            _default.stop()
            _default = None

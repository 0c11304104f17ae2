"""A usage meter: tokens and estimated dollars for every model call, and an optional budget.

Like the response cache (course_utils.cache), it works as httpx transports under the
`openai` SDK, so it sees every call made through the course's client, llama-index's
included, without any change to how calls are written:

- `MeteringTransport` reads the `usage` block of each answer from /chat/completions,
  /completions and /embeddings and records a `Call` (tokens, estimated cost, cache hit or not);
- `BudgetGuard` refuses to send a request once the estimated spend has reached the budget,
  raising `BudgetExceeded` *before* anything is sent.

`course_utils.client` stacks them around the cache so that the meter sees cache hits
(counted separately, at no cost) and the guard only stops requests that would be paid:

    MeteringTransport -> CachingTransport -> BudgetGuard -> the network

Streams: a streamed answer carries usage only if the request asked for it with
`stream_options={"include_usage": True}`; the server then sends it in the last chunk (whose
`choices` list is empty). Without it, the call is recorded with unknown tokens and cost.

Costs are *estimates* from the dated table `course_utils.models.PRICES`; your provider's
bill is the truth. The budget comes from COURSE_BUDGET_USD or `meter.set_budget(dollars)`.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

import httpx
import openai

from course_utils.cache import HIT_HEADER, observe_body
from course_utils.models import price_for

log = logging.getLogger(__name__)

METERED_ENDPOINTS = ("/chat/completions", "/completions", "/embeddings")


class BudgetExceeded(openai.OpenAIError):
    """The estimated spend reached the budget; the request was not sent.

    A subclass of openai.OpenAIError, so that the SDK passes it on at once instead of
    retrying it as a connection error.
    """


@dataclass
class Call:
    label: str  # the notebook (or "script") that made the call
    endpoint: str  # "/chat/completions", "/completions" or "/embeddings"
    model: str | None  # the model id the request asked for
    prompt_tokens: int | None  # None: the answer did not report usage
    completion_tokens: int | None  # 0 for embeddings
    cost_usd: float | None  # estimate; 0 for cache hits; None when unknown (no usage or price)
    cache_hit: bool  # answered from the response cache
    latency_s: float  # seconds from sending the request to reading the answer's last byte
    at: str  # when the call finished, ISO 8601 in UTC


def estimate_cost(model: str | None, prompt_tokens: int | None,
                  completion_tokens: int | None) -> float | None:
    """Dollars for a call by the PRICES table; None when the model or the usage is unknown."""
    price = price_for(model) if model else None
    if price is None or prompt_tokens is None:
        return None
    return (prompt_tokens * price.input_per_million
            + (completion_tokens or 0) * price.output_per_million) / 1_000_000


def usage_from_body(body: bytes, content_type: str = "") -> tuple[dict | None, dict | None]:
    """(usage, first JSON object) of an answer: a JSON body, or the chunks of an SSE stream."""
    text = body.decode("utf-8", errors="replace")
    if "text/event-stream" not in content_type and not text.lstrip().startswith("data:"):
        try:
            payload = json.loads(text)
        except ValueError:
            return None, None
        return (payload.get("usage"), payload) if isinstance(payload, dict) else (None, None)
    usage, first = None, None
    for line in text.splitlines():
        data = line[len("data:"):].strip() if line.startswith("data:") else ""
        if not data or data == "[DONE]":
            continue
        try:
            chunk = json.loads(data)
        except ValueError:
            continue
        first = first or chunk
        if isinstance(chunk, dict) and chunk.get("usage"):
            usage = chunk["usage"]  # the last chunk carries it (stream_options include_usage)
    return usage, first


def notebook_label() -> str:
    """The running notebook's file name, as Jupyter tells the kernel; else "script"."""
    name = os.environ.get("JPY_SESSION_NAME", "")
    if not name:
        try:
            from IPython import get_ipython

            shell = get_ipython()
            name = shell.user_ns.get("__session__", "") if shell is not None else ""
        except ImportError:
            pass
    return Path(str(name)).name or "script"


class UsageMeter:
    """Records every call and keeps running totals per notebook, with an optional budget."""

    def __init__(self, budget_usd: float | None = None, label: str | None = None):
        self.calls: list[Call] = []  # every call, oldest first
        self.budget_usd = budget_usd  # None: no limit
        self._label = label
        self._lock = threading.Lock()  # evaluations may call the model from several threads
        self._warned: set[str] = set()

    @property
    def label(self) -> str:
        return self._label or notebook_label()

    def set_label(self, label: str | None) -> None:
        """Name the calls that follow (None: back to the notebook's own name)."""
        self._label = label

    def set_budget(self, budget_usd: float | None) -> None:
        """Stop paid requests once the estimated spend reaches this many dollars (None: no limit)."""
        self.budget_usd = budget_usd

    @property
    def spent_usd(self) -> float:
        """Estimated dollars spent by all calls so far (unpriced calls count as 0)."""
        return sum(call.cost_usd or 0.0 for call in self.calls)

    def check_budget(self) -> None:
        """Raise BudgetExceeded when the estimated spend has reached the budget."""
        if self.budget_usd is not None and self.spent_usd >= self.budget_usd:
            raise BudgetExceeded(
                f"Estimated spend ${self.spent_usd:.4f} reached the budget of "
                f"${self.budget_usd:.4f}, so the request was not sent. Raise it with "
                f"get_meter().set_budget(dollars) or COURSE_BUDGET_USD; cached answers "
                f"still work."
            )

    def record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)
        if call.prompt_tokens is None:
            self._warn_once("no-usage", "A model answer carried no token usage, so its cost is "
                            "unknown. For streams, ask for it: stream_options={'include_usage': True}.")
        elif call.cost_usd is None:
            self._warn_once(f"price:{call.model}", f"No price known for model {call.model!r}; "
                            "add it to course_utils.models.PRICES to estimate its cost.")

    def _warn_once(self, key: str, message: str) -> None:
        if key not in self._warned:
            self._warned.add(key)
            log.warning(message)

    def reset(self) -> None:
        """Forget all calls (the budget stays)."""
        with self._lock:
            self.calls.clear()

    def totals(self, label: str | None = None) -> dict:
        """Calls, cache hits, tokens and estimated cost, for one label or for all calls."""
        calls = [c for c in self.calls if label is None or c.label == label]
        return {
            "calls": len(calls),
            "cache_hits": sum(c.cache_hit for c in calls),
            "prompt_tokens": sum(c.prompt_tokens or 0 for c in calls),
            "completion_tokens": sum(c.completion_tokens or 0 for c in calls),
            "cost_usd": sum(c.cost_usd or 0.0 for c in calls),
            "unpriced_calls": sum(c.cost_usd is None for c in calls),
        }

    def summary(self):
        """A pandas DataFrame: one row of totals per notebook label, plus a "total" row."""
        import pandas as pd

        labels = sorted({call.label for call in self.calls})
        rows = {label: self.totals(label) for label in labels} | {"total": self.totals()}
        return pd.DataFrame.from_dict(rows, orient="index").rename_axis("label")

    def calls_frame(self):
        """Every call as a row of a pandas DataFrame."""
        import pandas as pd

        return pd.DataFrame([asdict(call) for call in self.calls], columns=list(Call.__annotations__))


class MeteringTransport(httpx.BaseTransport):
    """Records the usage of every successful answer from a metered endpoint."""

    def __init__(self, inner: httpx.BaseTransport, meter: UsageMeter):
        self.inner = inner
        self.meter = meter

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        started = time.perf_counter()
        response = self.inner.handle_request(request)
        metered = request.method == "POST" and request.url.path.endswith(METERED_ENDPOINTS)
        if not metered or not 200 <= response.status_code < 300:
            return response
        label = self.meter.label  # the notebook that asked, even if a stream is read later

        def record(body: bytes, complete: bool) -> None:  # abandoned streams cost too
            usage, answer = usage_from_body(body, response.headers.get("content-type", ""))
            self.meter.record(self._call(request, response, usage or {}, answer or {},
                                         label, time.perf_counter() - started))

        return observe_body(response, request, record)

    @staticmethod
    def _call(request, response, usage, answer, label, latency_s) -> Call:
        try:
            model = json.loads(request.content).get("model")
        except (ValueError, AttributeError):
            model = None
        model = model or answer.get("model")
        endpoint = next(e for e in METERED_ENDPOINTS if request.url.path.endswith(e))
        prompt = usage.get("prompt_tokens")
        completion = usage.get("completion_tokens", 0 if prompt is not None else None)
        hit = response.headers.get(HIT_HEADER) == "hit"
        cost = 0.0 if hit else estimate_cost(model, prompt, completion)
        return Call(label=label, endpoint=endpoint, model=model, prompt_tokens=prompt,
                    completion_tokens=completion, cost_usd=cost, cache_hit=hit,
                    latency_s=latency_s,
                    at=datetime.now(timezone.utc).isoformat(timespec="seconds"))

    def close(self) -> None:
        self.inner.close()


class BudgetGuard(httpx.BaseTransport):
    """Refuses to send any POST (a model call, an upload, a fine-tuning job) once the
    meter's estimated spend reached its budget. GETs (listing, job status) still go through."""

    def __init__(self, inner: httpx.BaseTransport, meter: UsageMeter):
        self.inner = inner
        self.meter = meter

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            self.meter.check_budget()
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


_meter: UsageMeter | None = None
_meter_lock = threading.Lock()


def budget_from_env() -> float | None:
    """COURSE_BUDGET_USD as dollars, or None when it is not set."""
    value = os.environ.get("COURSE_BUDGET_USD", "").strip()
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"COURSE_BUDGET_USD must be a number of dollars, not {value!r}") from None


def get_meter() -> UsageMeter:
    """The process-wide meter that every client from course_utils.client reports to."""
    global _meter
    with _meter_lock:
        if _meter is None:
            _meter = UsageMeter(budget_usd=budget_from_env())
        return _meter

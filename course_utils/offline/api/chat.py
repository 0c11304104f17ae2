"""POST /v1/chat/completions: a request in, OpenAI's response (or its stream of chunks) out.

The request is read with the parameters OpenAI documents. A parameter a model cannot honour
(tools, penalties, logit_bias, JSON mode on acme-tiny...) is accepted only at its neutral value
(no tools, `{"type": "text"}`, a penalty of 0); any other value is refused with a 400 that names
it, as OpenAI refuses what a model does not support, never silently ignored: code that asked for
JSON must not get prose back. A model names what it does honour (`supported_parameters`: the open
LLM on llama.cpp takes `response_format`). Unknown parameters are refused too, as OpenAI does.
The completion itself comes from `generation.py`'s sampling loop, or from a model that samples by
itself (llama.cpp, model/llama_cpp.py) as the same events; this module only turns it into OpenAI's
shapes, built with the `openai` SDK's own types so that what the SDK parses is exactly what it
would get from OpenAI:

    non-streamed  one `chat.completion` object with `choices`, `usage`, `system_fingerprint`
    streamed      server-sent events `data: {chat.completion.chunk}` then `data: [DONE]`;
                  a first chunk with the role, one per piece of text, one with the
                  finish_reason per choice, and, with stream_options.include_usage, a last
                  chunk whose `choices` is empty and whose `usage` counts everything.

With n > 1, choices are generated one after the other from the same random generator (so a
seed reproduces all of them); a stream sends choice 0's chunks, then choice 1's, each chunk
tagged with its `index`, which is how clients tell choices apart.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import threading
import weakref
from typing import Any, Callable, Iterable, Iterator, Literal

from openai.types.chat import ChatCompletion, ChatCompletionChunk, ChatCompletionMessage
from openai.types.chat.chat_completion import Choice, ChoiceLogprobs
from openai.types.chat.chat_completion_chunk import Choice as ChunkChoice
from openai.types.chat.chat_completion_chunk import ChoiceDelta
from openai.types.chat.chat_completion_chunk import ChoiceLogprobs as ChunkLogprobs
from openai.types.chat.chat_completion_token_logprob import ChatCompletionTokenLogprob, TopLogprob
from openai.types.completion_usage import CompletionTokensDetails, CompletionUsage, PromptTokensDetails
from pydantic import BaseModel, ConfigDict, Field

from .errors import APIError, bad_request
from .generation import (
    DEFAULT_MAX_TOKENS,
    MAX_TOP_LOGPROBS,
    Finished,
    Piece,
    SamplingParams,
    TokenLogprob,
    collect,
    generate,
    make_rng,
)
from .protocol import content_text
from .registry import ModelRegistry, SerializedModel
from .storage import new_id, now

MAX_STOP_SEQUENCES = 4  # OpenAI accepts up to 4 stop strings
MAX_CHOICES = 128  # OpenAI's limit on n


class ChatRequest(BaseModel):
    """The body of a chat completion request (other fields: see `check_other_parameters`)."""

    model_config = ConfigDict(extra="allow")

    model: str
    messages: list[dict[str, Any]] = Field(min_length=1)
    temperature: float | None = None
    top_p: float | None = None
    n: int | None = None
    seed: int | None = None
    max_tokens: int | None = None
    max_completion_tokens: int | None = None
    stop: str | list[str] | None = None
    logprobs: bool | None = None
    top_logprobs: int | None = None
    stream: bool | None = None
    stream_options: dict[str, Any] | None = None


# The valid range of each numeric parameter, as OpenAI documents it (None: no upper bound).
RANGES = {
    "temperature": (0, 2),
    "top_p": (0, 1),
    "n": (1, MAX_CHOICES),
    "top_logprobs": (0, MAX_TOP_LOGPROBS),
    "max_tokens": (1, None),
    "max_completion_tokens": (1, None),
}
RANGE_ADVICE = {
    "top_p": " (1 keeps every token; 0.1 keeps the most likely tokens that make up 10% of the "
             "probability; 0 keeps only the most likely one)",
    "temperature": " (0 is greedy decoding; 1 samples from the model's own distribution)",
}


def check_ranges(request: ChatRequest) -> None:
    """Refuse a numeric parameter outside its range, saying what the range is."""
    for name, (low, high) in RANGES.items():
        value = getattr(request, name)
        if value is None or (low <= value and (high is None or value <= high)):
            continue
        valid = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise bad_request(f"Invalid value for '{name}': {value}. It must be {valid}"
                          f"{RANGE_ADVICE.get(name, '')}.", param=name, code="invalid_value")


# Parameters OpenAI documents that the offline model cannot honour, each with the test of its
# neutral value (accepted: it asks for nothing) and the reason any other value is refused.
UNSUPPORTED = {
    "response_format": (lambda v: v is None or (isinstance(v, dict) and v.get("type") == "text"),
                        "this model has no JSON mode: ask for the format in the prompt and "
                        "validate the reply, or use a backend with structured outputs"),
    "tools": (lambda v: not v, "this model does not call tools"),
    "functions": (lambda v: not v, "this model does not call functions"),
    "tool_choice": (lambda v: v in (None, "none", "auto"), "this model does not call tools"),
    "function_call": (lambda v: v in (None, "none", "auto"), "this model does not call functions"),
    "frequency_penalty": (lambda v: not v, "this model has no repetition penalties"),
    "presence_penalty": (lambda v: not v, "this model has no repetition penalties"),
    "logit_bias": (lambda v: not v, "this model does not take token biases"),
    "modalities": (lambda v: v in (None, ["text"]), "this model reads and writes text only"),
    "audio": (lambda v: v is None, "this model reads and writes text only"),
    "prediction": (lambda v: v is None, "this model takes no predicted outputs"),
    "reasoning_effort": (lambda v: v is None, "this is not a reasoning model"),
    "verbosity": (lambda v: v is None, "this model has no verbosity setting"),
    "web_search_options": (lambda v: v is None, "this model cannot search the web"),
}
# Parameters about bookkeeping and routing: accepted, and without effect on the answer (as on
# OpenAI, where they label, store or route a request).
BOOKKEEPING = {"user", "metadata", "store", "service_tier", "parallel_tool_calls",
               "safety_identifier", "prompt_cache_key", "prompt_cache_retention"}


def check_other_parameters(request: ChatRequest, supported: Iterable[str] = ()) -> None:
    """Refuse parameters the model cannot honour (at a non-neutral value) and unknown ones.

    `supported` names parameters of UNSUPPORTED that this particular model does honour.
    """
    for name, value in (request.model_extra or {}).items():
        if name in BOOKKEEPING or name in supported:
            continue
        if name not in UNSUPPORTED:
            raise bad_request(f"Unrecognized request argument supplied: {name}", param=name,
                              code="unknown_parameter")
        is_neutral, reason = UNSUPPORTED[name]
        if not is_neutral(value):
            raise bad_request(f"Unsupported value for '{name}': {json.dumps(value)[:80]}. The offline "
                              f"model {request.model} cannot honour it: {reason}. Remove the "
                              "parameter, or use a backend that supports it.",
                              param=name, code="unsupported_value")


def message_text(message: dict, index: int) -> dict:
    """A message as {"role", "content"} with text content (content parts are joined)."""
    role = message.get("role")
    if role not in ("system", "developer", "user", "assistant", "tool", "function"):
        raise bad_request(f"Invalid value for 'messages[{index}].role': {role!r}.",
                          param=f"messages[{index}].role")
    content = message.get("content")
    if isinstance(content, list):
        for part in content:
            if not isinstance(part, dict) or part.get("type") != "text":
                kind = part.get("type") if isinstance(part, dict) else type(part).__name__
                raise bad_request(
                    f"The offline model reads text only; 'messages[{index}].content' has a {kind!r} part.",
                    param=f"messages[{index}].content",
                )
    elif content is not None and not isinstance(content, str):
        raise bad_request(f"'messages[{index}].content' must be a string or a list of parts.",
                          param=f"messages[{index}].content")
    return {"role": role, "content": content_text(content)}


def sampling_params(request: ChatRequest, room: int) -> SamplingParams:
    """The request's sampling settings, with OpenAI's defaults and the context's limit."""
    stop = [request.stop] if isinstance(request.stop, str) else list(request.stop or [])
    if len(stop) > MAX_STOP_SEQUENCES:
        raise bad_request(f"'stop' takes at most {MAX_STOP_SEQUENCES} strings.", param="stop")
    if request.top_logprobs and not request.logprobs:
        raise bad_request("'top_logprobs' needs 'logprobs' set to true.", param="top_logprobs")
    limit = request.max_completion_tokens or request.max_tokens or DEFAULT_MAX_TOKENS
    return SamplingParams(
        temperature=1.0 if request.temperature is None else request.temperature,
        top_p=1.0 if request.top_p is None else request.top_p,
        max_tokens=min(limit, room),  # the completion stops ("length") where the context ends
        stop=stop,
        logprobs=bool(request.logprobs),
        top_logprobs=request.top_logprobs or 0,
    )


def engine_request(request: ChatRequest, messages: list[dict], params: SamplingParams) -> dict:
    """What a model that samples by itself gets for one choice: the messages as plain text, the
    sampling settings as the service resolved them, the seed and the response format."""
    fields = {"messages": messages, "temperature": params.temperature, "top_p": params.top_p,
              "max_tokens": params.max_tokens, "stop": list(params.stop), "seed": request.seed,
              "response_format": (request.model_extra or {}).get("response_format")}
    if params.logprobs:
        fields |= {"logprobs": True, "top_logprobs": params.top_logprobs}
    return {name: value for name, value in fields.items() if value is not None}


def fingerprint(model_id: str) -> str:
    """A stable system_fingerprint per model (it changes only if the model id does)."""
    return "fp_" + hashlib.sha256(model_id.encode("utf-8")).hexdigest()[:10]


def _api_logprobs(entries: list[TokenLogprob]) -> list[ChatCompletionTokenLogprob]:
    """Our logprob entries in the SDK's type."""
    return [
        ChatCompletionTokenLogprob(
            token=entry.token,
            logprob=entry.logprob,
            bytes=entry.bytes,
            top_logprobs=[TopLogprob(token=alt.token, logprob=alt.logprob, bytes=alt.bytes)
                          for alt in entry.top_logprobs],
        )
        for entry in entries
    ]


def _usage(prompt_tokens: int, completion_tokens: int) -> CompletionUsage:
    return CompletionUsage(
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        total_tokens=prompt_tokens + completion_tokens,
        # Nothing here is cached, audio, reasoning or predicted: zeros, as OpenAI reports them.
        prompt_tokens_details=PromptTokensDetails(audio_tokens=0, cached_tokens=0),
        completion_tokens_details=CompletionTokensDetails(
            accepted_prediction_tokens=0, audio_tokens=0, reasoning_tokens=0, rejected_prediction_tokens=0
        ),
    )


class Once:
    """An action that runs on its first call only, whichever thread calls first."""

    def __init__(self, action: Callable[[], None]):
        self.action, self.lock, self.done = action, threading.Lock(), False

    def __call__(self) -> None:
        with self.lock:
            if self.done:
                return
            self.done = True
        self.action()


class ChatCompletions:
    """Serves chat completions from the models in a registry."""

    def __init__(self, models: ModelRegistry):
        self.models = models

    def prepare(self, request: ChatRequest):
        """Check the request and read the prompt (errors surface here, before any streaming).
        The model is checked out for the request: hand it back with `self.models.checkin`.
        For a model that samples by itself, the prompt is its request and the params are None."""
        check_ranges(request)
        model = self.models.checkout(request.model)
        try:
            check_other_parameters(request, model.supported_parameters)
            messages = [message_text(m, i) for i, m in enumerate(request.messages)]
            if model.samples_itself:  # it checks the context's length itself
                return model, engine_request(request, messages, sampling_params(request, model.context_length)), None
            prompt = model.read_prompt(messages)
            room = model.context_length - prompt.n_tokens
            if room <= 0:
                raise bad_request(
                    f"This model's maximum context length is {model.context_length} tokens. "
                    f"However, your messages resulted in {prompt.n_tokens} tokens. "
                    "Please reduce the length of the messages.",
                    param="messages",
                    code="context_length_exceeded",
                )
            params = sampling_params(request, room)
        except BaseException:
            self.models.checkin(model)
            raise
        return model, prompt, params

    @staticmethod
    def choices(model: SerializedModel, prompt, params: SamplingParams | None,
                request: ChatRequest) -> Iterator[Iterator[Piece | Finished]]:
        """The events of each of the n choices, one choice after another: from the sampling loop,
        or from the model's own engine."""
        if params is None:
            for index in range(request.n or 1):
                yield model.events(prompt, index)
            return
        rng = make_rng(request.seed)
        for _ in range(request.n or 1):
            yield generate(model, prompt, params, rng)

    def create(self, request: ChatRequest) -> dict:
        """A whole `chat.completion` object."""
        model, prompt, params = self.prepare(request)
        try:
            completions = [collect(events) for events in self.choices(model, prompt, params, request)]
        finally:
            self.models.checkin(model)
        choices = []
        for index, completion in enumerate(completions):
            logprobs = None
            if request.logprobs:
                logprobs = ChoiceLogprobs(content=_api_logprobs(completion.logprobs), refusal=None)
            message = ChatCompletionMessage(role="assistant", content=completion.text, refusal=None,
                                            annotations=[])
            choices.append(Choice(index=index, message=message, logprobs=logprobs,
                                  finish_reason=completion.finish_reason))
        prompt_tokens = completions[0].prompt_tokens if params is None else prompt.n_tokens
        response = ChatCompletion(
            id=new_id("chatcmpl"),
            object="chat.completion",
            created=now(),
            model=model.id,
            choices=choices,
            usage=_usage(prompt_tokens, sum(c.completion_tokens for c in completions)),
            service_tier="default",
            system_fingerprint=fingerprint(model.id),
        )
        return response.model_dump(mode="json", exclude_unset=True)

    def stream(self, request: ChatRequest) -> Iterator[str]:
        """The same completion as server-sent events. Errors before the first token (the request's,
        or those an engine finds itself, such as llama.cpp's context check) are raised here, so that
        they are the response's status rather than an event in a stream that has begun."""
        model, prompt, params = self.prepare(request)
        checkin = Once(lambda: self.models.checkin(model))
        try:
            choices = self.choices(model, prompt, params, request)
            first_choice = next(choices)
            first_event = next(first_choice)
        except BaseException:
            checkin()
            raise
        choices = itertools.chain([itertools.chain([first_event], first_choice)], choices)
        include_usage = bool((request.stream_options or {}).get("include_usage"))
        events = self._events(model, prompt, params, request, include_usage, choices, checkin)
        weakref.finalize(events, checkin)  # a stream dropped before it started: its finally never runs
        return events

    def _events(self, model: SerializedModel, prompt, params: SamplingParams | None, request: ChatRequest,
                include_usage: bool, choices: Iterator[Iterator[Piece | Finished]],
                checkin: Callable[[], None]) -> Iterator[str]:
        completion_id, created = new_id("chatcmpl"), now()

        def chunk(choices: list[ChunkChoice], usage: CompletionUsage | None = None) -> str:
            fields: dict[str, Any] = dict(
                id=completion_id,
                object="chat.completion.chunk",
                created=created,
                model=model.id,
                choices=choices,
                service_tier="default",
                system_fingerprint=fingerprint(model.id),
            )
            if include_usage:  # OpenAI then sends "usage": null on every chunk but the last
                fields["usage"] = usage
            body = ChatCompletionChunk(**fields).model_dump(mode="json", exclude_unset=True)
            return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

        def choice(index: int, delta: ChoiceDelta, logprobs=None,
                   finish_reason: Literal["stop", "length"] | None = None) -> ChunkChoice:
            return ChunkChoice(index=index, delta=delta, logprobs=logprobs, finish_reason=finish_reason)

        try:
            completion_tokens, prompt_tokens = 0, None if params is None else prompt.n_tokens
            for index, events in enumerate(choices):
                yield chunk([choice(index, ChoiceDelta(role="assistant", content="", refusal=None))])
                for event in events:
                    if isinstance(event, Piece):
                        logprobs = None
                        if request.logprobs:
                            logprobs = ChunkLogprobs(content=_api_logprobs(event.logprobs), refusal=None)
                        yield chunk([choice(index, ChoiceDelta(content=event.text), logprobs)])
                    elif isinstance(event, Finished):
                        completion_tokens += event.completion_tokens
                        prompt_tokens = prompt_tokens or event.prompt_tokens
                        yield chunk([choice(index, ChoiceDelta(), finish_reason=event.finish_reason)])
            if include_usage:
                yield chunk([], usage=_usage(prompt_tokens, completion_tokens))
        except Exception as exc:  # the status line is already sent: report the error in-stream
            error = exc
            if not isinstance(exc, APIError):
                message = f"The offline server failed while streaming: {type(exc).__name__}: {exc}"
                error = APIError(500, message, type="server_error")
            yield f"data: {json.dumps(error.body(), ensure_ascii=False)}\n\n"
        finally:  # also when the client goes away and the stream is closed early
            checkin()
        yield "data: [DONE]\n\n"

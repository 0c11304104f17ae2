"""The open LLM served by llama.cpp (the `xllamacpp` wheel), in the course server's own process.

Why llama.cpp and not torch for serving: on the lessons' own requests (benchmarks/bench_open_engines.py,
2 cores) it answered in 35-92% of torch's time, decoded about 3x faster and held 55% of the memory
(the whole server process, at an 8192-token context). Training stays in torch + peft (training/lora_job.py); a
trained adapter is served here after `export_adapter` writes it as a GGUF LoRA adapter.

llama.cpp samples for itself, so the service hands it the whole request (`LlamaCppChat.events`)
instead of asking for logits token by token, and gets back the same events as from its own
sampling loop (generation.py). The service resolves OpenAI's defaults (temperature 1, top_p 1,
max_tokens) and its checks as for any model; llama.cpp's own cuts, which OpenAI does not make
(top_k 40, min_p 0.05), are switched off. It serves one request at a time (n > 1 is drawn as n requests, the seed moved on by one for each) and honours JSON mode
(`response_format`) by constrained decoding.

The engine is one llama.cpp server holding the base weights and every adapter loaded so far, each
switched off (scale 0) unless a request names it. Adding or removing an adapter restarts that
server (about a second): llama.cpp reads adapters when it starts.

It serves an 8-bit copy of the packaged 4-bit file (`served_copy`, written once, about 5 s): the
prebuilt wheel's CPU kernels read a new 312-token prompt in 0.69-0.70 s from 8-bit weights and in
1.12-1.14 s from the packaged 4-bit ones (Q4_1), and decode 64 and 72-74 tokens/s (2 cores; RESULTS.md).
Every 4-bit value is re-written with 8-bit precision, so the model's behaviour is the packaged one's
to within rounding.
"""

from __future__ import annotations

import functools
import json
import os
import queue
import random
import tempfile
import threading
import warnings
from pathlib import Path
from typing import Callable, Iterator

from course_utils.atomic import write_atomically
from course_utils.offline.api.errors import APIError
from course_utils.offline.api.generation import Alternative, Finished, Piece, TokenLogprob

THREADS = 2
# The context llama.cpp serves: half of SmolLM2-135M-Instruct's own 8192 tokens, as servers often
# serve less than a model's maximum. Its key/value cache, allocated whole at start, takes 90 MB less
# (RESULTS.md); the lessons' longest prompts are far shorter. Keys and values cached in 8 bits instead
# saved as much but made a 340-token request 10-26% slower.
CONTEXT_LENGTH = 4096
ADAPTER_FILE = "adapter.gguf"  # the GGUF copy of a peft adapter, beside it
EXPORT_VERSION_KEY, EXPORT_VERSION = "course.adapter_export_version", 1  # raise it when export_adapter changes
SERVED_TYPE = "Q8_0"  # the weights' format in the served copy (see the module's docstring)
REQUANTIZE_VERSION = 1  # raise it when requantize changes: served copies are written again
# OpenAI's sampling defaults, stated because llama.cpp's differ (temperature 0.8, top_k 40, top_p 0.95, min_p 0.05)
OPENAI_SAMPLING = {"temperature": 1.0, "top_p": 1.0, "top_k": 0, "min_p": 0.0}


def available() -> bool:
    """Whether llama.cpp's wheel is installed (it has no wheel for Intel Macs: torch serves there)."""
    try:
        import xllamacpp  # noqa: F401 -- a wheel that is there but cannot load counts as missing
    except (ImportError, OSError):
        return False
    return True


class LlamaCppEngine:
    """One llama.cpp server for a GGUF model and the LoRA adapters of its fine-tunes."""

    def __init__(self, gguf: Path, load_tokenizer: Callable[[], object], cache_root: Path | None = None):
        self.gguf = Path(gguf)  # the model as packaged
        self.cache_root = cache_root  # where its 8-bit copy is kept (None: serve the packaged file)
        self.load_tokenizer = load_tokenizer  # the same tokenizer as a transformers one, for counting
        self.adapters: list[Path] = []  # GGUF adapters, in llama.cpp's order (its adapter ids)
        self.lock = threading.Lock()  # one request at a time; a restart waits for it
        self._server = None
        self._last_adapter: Path | None = None  # the adapter of the keys and values in llama.cpp's cache

    def _restart(self) -> None:
        import xllamacpp

        params = xllamacpp.CommonParams()
        params.model.path = str(self.model_file())
        params.n_ctx, params.n_parallel = CONTEXT_LENGTH, 1
        params.cpuparams.n_threads = params.cpuparams_batch.n_threads = THREADS
        # No prompt cache in memory: its entries do not record which adapter computed them (and a
        # probe saw the process grow from 191 to 659 MB over 240 requests, probably this cache). The
        # one slot's own cache is reused, see `run`.
        params.cache_ram_mib = 0
        params.verbosity = 0  # llama.cpp logs every request to stderr, which a notebook cell would show
        params.lora_adapters = [xllamacpp.CommonAdapterLoraInfo(str(path), 0.0) for path in self.adapters]
        params.lora_init_without_apply = True  # every adapter off unless a request names it
        self._server = None  # the old one stops when it is deleted
        self._server = xllamacpp.Server(params)
        self._last_adapter = None  # a new server has nothing cached

    def model_file(self) -> Path:
        """The 8-bit copy, or the packaged file where none can be written (a full or read-only disk)."""
        if self.cache_root is None:
            return self.gguf
        try:
            return served_copy(self.gguf, self.cache_root)
        except Exception as error:  # noqa: BLE001 -- any failure to write it: the packaged file serves
            warnings.warn(f"Serving {self.gguf.name} as packaged (slower to read prompts): its 8-bit copy could "
                          f"not be written under {self.cache_root} ({error}).", stacklevel=2)
            self.cache_root = None  # do not try again at every restart
            return self.gguf

    @functools.cached_property
    def tokenizer(self):
        """A transformers tokenizer of the model, loaded on first use: validating a fine-tuning
        file counts tokens (serving does not)."""
        return self.load_tokenizer()

    def add_adapter(self, path: Path) -> None:
        """Load an adapter beside the others (llama.cpp restarts to read it). One that llama.cpp
        cannot read is refused here, before any request depends on it."""
        with self.lock:
            if Path(path) in self.adapters:
                return
            self.adapters.append(Path(path))
            try:
                self._restart()
            except Exception:
                self.adapters.remove(Path(path))
                self._server = None  # restarted without it on the next request
                raise

    def stop(self) -> None:
        """Stop llama.cpp, handing back its weights and cache (about 0.23 GB at a 4096-token context), as
        when a fine-tuning job starts in the same process. The next request starts it again, with the
        adapters loaded so far (about a second; a few on a busy machine)."""
        with self.lock:
            self._server = None

    def remove_adapter(self, path: Path) -> None:
        with self.lock:
            if Path(path) in self.adapters:
                self.adapters.remove(Path(path))
                self._server = None  # restarted without it on the next request

    def run(self, body: dict, adapter: Path | None, on_chunk: Callable[[dict], bool]) -> None:
        """One request through llama.cpp, streamed: on_chunk gets each chunk and returns True to stop it."""
        with self.lock:
            if self._server is None:
                self._restart()
            lora = [] if adapter is None else [{"id": self.adapters.index(Path(adapter)), "scale": 1.0}]
            # llama.cpp reuses the previous request's keys and values for a shared beginning of the
            # prompt, whichever adapter computed them: measured, a base request after a fine-tune's
            # answered differently. So the cache is reused only under the same adapter.
            same_adapter = adapter == self._last_adapter
            self._last_adapter = adapter
            self._server.handle_chat_completions(dict(body, lora=lora, cache_prompt=same_adapter), on_chunk)


class LlamaCppChat:
    """A served id on the llama.cpp engine: the base model, or a fine-tune (its adapter on)."""

    supported_parameters = ("response_format",)  # JSON mode and JSON schemas, by constrained decoding

    def __init__(self, model_id: str, engine: LlamaCppEngine, adapter: Path | None = None):
        self.id, self.engine, self.adapter = model_id, engine, adapter
        self.context_length = CONTEXT_LENGTH
        if adapter is not None:
            self.resident_bytes = Path(adapter).stat().st_size  # what the registry weighs to evict it
            self.release = lambda: engine.remove_adapter(adapter)

    def count_tokens(self, text: str) -> int:
        return len(self.engine.tokenizer.encode(text, add_special_tokens=False))

    def request_body(self, request: dict, index: int) -> dict:
        """llama.cpp's request for choice `index` of a request (chat.engine_request's fields)."""
        body = {**OPENAI_SAMPLING, **request}
        seed = request.get("seed")
        # 2**32 - 1 is llama.cpp's "any seed": a given seed never lands on it
        body["seed"] = random.getrandbits(31) if seed is None else (seed + index) % (2**32 - 1)
        if body.get("logprobs"):  # llama.cpp reports logprobs only with at least one alternative
            body["top_logprobs"] = max(1, request.get("top_logprobs", 0))
        return body | {"stream": True, "stream_options": {"include_usage": True}}

    def events(self, request: dict, index: int = 0) -> Iterator[Piece | Finished]:
        """Choice `index` of a request, as the service's events (text pieces, then Finished),
        yielded while llama.cpp writes them on a thread of its own. Closing the events early (a
        client that went away) stops llama.cpp at its next token."""
        chunks: queue.Queue = queue.Queue()
        done, stop = object(), threading.Event()

        def on_chunk(chunk) -> bool:
            chunks.put(chunk)
            return stop.is_set()

        def run():
            try:
                self.engine.run(self.request_body(request, index), self.adapter, on_chunk)
            except Exception as error:  # noqa: BLE001 -- reported to the reader of the events
                chunks.put({"error": {"code": 500, "message": f"{type(error).__name__}: {error}"}})
            finally:
                chunks.put(done)

        threading.Thread(target=run, name=f"llama.cpp-{self.id}", daemon=True).start()
        alternatives, finish_reason = request.get("top_logprobs", 0), "stop"
        try:
            while (chunk := chunks.get()) is not done:
                chunk = checked(chunk)
                for choice in chunk.get("choices") or []:
                    text = (choice.get("delta") or {}).get("content") or ""
                    entries = [token_logprob(entry, alternatives)
                               for entry in ((choice.get("logprobs") or {}).get("content") or [])]
                    if text or entries:
                        yield Piece(text, entries)
                    finish_reason = choice.get("finish_reason") or finish_reason
                if chunk.get("usage"):
                    usage = chunk["usage"]
                    yield Finished(finish_reason, usage["completion_tokens"], usage["prompt_tokens"])
        finally:
            stop.set()


def token_logprob(entry: dict, alternatives: int) -> TokenLogprob:
    """One of llama.cpp's logprob entries as the service's, with its best `alternatives`."""
    return TokenLogprob(entry["token"], entry["logprob"],
                        [Alternative(top["token"], top["logprob"]) for top in entry.get("top_logprobs") or []][:alternatives])


def checked(response) -> dict:
    """llama.cpp's response as a dict, or its error raised as the service's APIError."""
    if isinstance(response, str):
        response = json.loads(response)
    error = response.get("error") if isinstance(response, dict) else None
    if not error:
        return response
    if error.get("type") == "exceed_context_size_error":
        raise APIError(400, f"This model's maximum context length is {error.get('n_ctx')} tokens. However, your "
                            f"messages resulted in {error.get('n_prompt_tokens')} tokens. Please reduce the length "
                            "of the messages.", param="messages", code="context_length_exceeded")
    raise APIError(int(error.get("code") or 500), f"llama.cpp: {error.get('message')}",
                   type=error.get("type") or "server_error")


# ---------------------------------------------------------------------------------------------
# A peft adapter as a GGUF LoRA adapter

def architecture(gguf_file: Path) -> dict[str, int]:
    """The layer and head counts a GGUF model file declares (its metadata only is read)."""
    import gguf

    fields = gguf.GGUFReader(gguf_file).fields
    return {"layers": int(fields["llama.block_count"].contents()),
            "heads": int(fields["llama.attention.head_count"].contents()),
            "kv_heads": int(fields["llama.attention.head_count_kv"].contents())}


def export_adapter(adapter_folder: Path, base_gguf: Path) -> Path:
    """Write `adapter.gguf` beside a peft adapter (once; a later call reuses it) and return its path.

    base_gguf: the base model's GGUF file, whose layer and head counts the adapter follows. llama.cpp keeps the query and key
    projections with their rows in another order than transformers (its GGUF converter permutes
    them for its rotary embedding), so their LoRA B matrices, whose rows are the projection's
    outputs, are permuted the same way; A matrices and the other projections are written as they are.
    """
    import gguf
    import numpy as np
    from safetensors.numpy import load_file

    folder = Path(adapter_folder)
    out = folder / ADAPTER_FILE
    if is_current_export(out, folder / "adapter_model.safetensors"):
        return out
    settings = json.loads((folder / "adapter_config.json").read_text(encoding="utf-8"))
    if settings.get("use_dora") or settings.get("use_rslora") or settings.get("rank_pattern") or settings.get("alpha_pattern"):
        raise ValueError(f"{folder}: only plain LoRA adapters (one rank and alpha) can be served by llama.cpp.")
    shape = architecture(base_gguf)
    names = gguf.get_tensor_name_map(gguf.MODEL_ARCH.LLAMA, shape["layers"])
    heads = {"q_proj": shape["heads"], "k_proj": shape["kv_heads"]}

    partial = folder / f".{ADAPTER_FILE}.partial"
    writer = gguf.GGUFWriter(partial, gguf.MODEL_ARCH_NAMES[gguf.MODEL_ARCH.LLAMA])
    writer.add_type(gguf.GGUFType.ADAPTER)
    writer.add_string(gguf.Keys.Adapter.TYPE, "lora")
    writer.add_float32(gguf.Keys.Adapter.LORA_ALPHA, float(settings["lora_alpha"]))
    writer.add_uint32(EXPORT_VERSION_KEY, EXPORT_VERSION)
    for key, tensor in sorted(load_file(folder / "adapter_model.safetensors").items()):
        # base_model.model.model.layers.15.self_attn.q_proj.lora_A.weight
        module, part = key.removeprefix("base_model.model.").rsplit(".lora_", 1)
        target = names.get_name(module)
        if target is None:
            raise ValueError(f"{folder}: llama.cpp has no tensor for {module}.")
        tensor = tensor.astype(np.float32)
        projection = module.rsplit(".", 1)[-1]
        if part.startswith("B") and projection in heads:
            n = heads[projection]
            tensor = tensor.reshape(n, 2, tensor.shape[0] // n // 2, *tensor.shape[1:]).swapaxes(1, 2).reshape(tensor.shape)
        writer.add_tensor(f"{target}.weight.lora_{part[0].lower()}", np.ascontiguousarray(tensor))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    os.replace(partial, out)
    return out


def is_current_export(exported: Path, source: Path) -> bool:
    """Whether `exported` was written from `source` as it is now, by this version of export_adapter."""
    import gguf

    if not exported.is_file() or exported.stat().st_mtime < source.stat().st_mtime:
        return False
    try:
        field = gguf.GGUFReader(exported).fields.get(EXPORT_VERSION_KEY)
    except (ValueError, OSError):  # unreadable: written again
        return False
    return field is not None and int(field.contents()) == EXPORT_VERSION


# ---------------------------------------------------------------------------------------------
# The served copy of the model: its 4-bit weights written again in 8 bits

def served_copy(gguf_file: Path, cache_root: Path) -> Path:
    """The model file llama.cpp serves: `gguf_file` with its 4-bit matrices in SERVED_TYPE, written
    once under cache_root and reused afterwards. The copy is written under a temporary name and
    renamed into place, then a JSON marker beside it names what it was made from (written last, so
    an interrupted, outdated or damaged copy is written again)."""
    source = Path(gguf_file)
    out = Path(cache_root) / f"{source.name.removesuffix('.gguf').rsplit('.', 1)[0]}.{SERVED_TYPE}.gguf"
    marker = out.with_suffix(".json")
    made_from = source.stat()
    expected = {"source": source.name, "source_bytes": made_from.st_size, "source_mtime_ns": made_from.st_mtime_ns,
                "type": SERVED_TYPE, "version": REQUANTIZE_VERSION}
    try:
        found = json.loads(marker.read_text(encoding="utf-8"))
        if {key: found.get(key) for key in expected} == expected and out.stat().st_size == found.get("bytes"):
            return out
    except (OSError, ValueError):
        pass
    out.parent.mkdir(parents=True, exist_ok=True)
    marker.unlink(missing_ok=True)
    handle, partial = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".partial")
    os.close(handle)  # unique: two processes writing a copy at once never write into the same file
    try:
        requantize(source, Path(partial), SERVED_TYPE)
        os.replace(partial, out)
    finally:
        Path(partial).unlink(missing_ok=True)
    write_atomically(marker, json.dumps(expected | {"bytes": out.stat().st_size}).encode("utf-8"))
    return out


def requantize(source: Path, out: Path, type_name: str) -> None:
    """Copy a GGUF model file with its 4-bit matrices (Q4_0, Q4_1) re-quantised to `type_name` (and
    the file type in its metadata said so); the other metadata and tensors are copied as they are."""
    import gguf
    from gguf import quants

    target = gguf.GGMLQuantizationType[type_name]
    four_bit = {gguf.GGMLQuantizationType.Q4_0, gguf.GGMLQuantizationType.Q4_1}
    reader = gguf.GGUFReader(source)
    writer = gguf.GGUFWriter(out, str(reader.fields["general.architecture"].contents()))
    try:
        for name, field in reader.fields.items():
            if name.startswith("GGUF.") or name == "general.architecture":  # written by the writer itself
                continue
            if name == gguf.Keys.General.FILE_TYPE:
                writer.add_file_type(gguf.LlamaFileType[f"MOSTLY_{type_name}"])
                continue
            kind = field.types[0]
            writer.add_key_value(name, field.contents(), kind,
                                 sub_type=field.types[-1] if kind == gguf.GGUFValueType.ARRAY else None)
        for tensor in reader.tensors:
            data, kind = tensor.data, tensor.tensor_type
            if kind in four_bit:
                data, kind = quants.quantize(quants.dequantize(data, kind), target), target
            writer.add_tensor(tensor.name, data, raw_shape=data.shape, raw_dtype=kind)
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_tensors_to_file()
    finally:
        writer.close()

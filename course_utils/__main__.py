"""Command line: `python -m course_utils serve --port 8000` runs the offline API until Ctrl-C.

The server listens on 127.0.0.1 only. Any OpenAI client on this computer can use it:
point the SDK's base_url (or the course's COURSE_BASE_URL) at the printed address.
`--open-model` also serves the open LLM SmolLM2-135M-Instruct (chat completions, and LoRA fine-tuning
jobs on it), so that the lessons' open-model cells run.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Callable

from course_utils.models import ENV_VARS, choice_for
from course_utils.offline.server import ServerHandle, start_server


def instructions(base_url: str) -> str:
    """How to talk to a running server, printed when it starts."""
    settings = [f"COURSE_BASE_URL={base_url}"] + [
        f"{ENV_VARS[role]}={choice_for(role, 'offline').default}" for role in ("chat", "embedding")]
    return "\n".join([
        f"Offline OpenAI-compatible server running at {base_url}",
        "",
        "  Python:  from openai import OpenAI",
        f'           client = OpenAI(base_url="{base_url}", api_key="offline")',
        "  Course:  put these lines in .env at the top of the repository (or export them):",
        *(f"             {line}" for line in settings),
        f"  curl:    curl {base_url}/models",
        "",
        "Press Ctrl-C to stop.",
    ])


def wait_for_ctrl_c(handle: ServerHandle) -> None:
    """Block until Ctrl-C (or until the server thread ends by itself)."""
    try:
        while handle.alive:
            time.sleep(0.5)
    except KeyboardInterrupt:
        print("\nStopping...")


def serve(port: int, state_dir: Path | None, api_key: str | None,
          wait: Callable[[ServerHandle], None] = wait_for_ctrl_c, open_model: bool = False) -> None:
    handle = start_server(port=port, host="127.0.0.1", state_dir=state_dir, api_key=api_key, open_model=open_model)
    print(instructions(handle.base_url), flush=True)
    try:
        wait(handle)
    finally:
        handle.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m course_utils", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    serve_cmd = commands.add_parser("serve", help="run the offline OpenAI-compatible API on 127.0.0.1")
    serve_cmd.add_argument("--port", type=int, default=8000, help="port to listen on (0: any free port)")
    serve_cmd.add_argument("--state-dir", type=Path, default=None,
                           help="where uploads, jobs and fine-tuned models are kept "
                                "(default: .cache/offline in the repository)")
    serve_cmd.add_argument("--api-key", default=None,
                           help="require this key from clients (default: accept any key)")
    serve_cmd.add_argument("--open-model", action="store_true",
                           help="also serve the open LLM SmolLM2-135M-Instruct (loaded on its first request) "
                                "and fine-tune it with LoRA")
    args = parser.parse_args(argv)
    if args.command == "serve":
        serve(args.port, args.state_dir, args.api_key, open_model=args.open_model)


if __name__ == "__main__":
    main()

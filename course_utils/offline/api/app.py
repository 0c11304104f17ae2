"""The HTTP API: OpenAI's endpoints, wired to the services that implement them.

`create_app` builds one FastAPI app from its parts:

    ModelRegistry     which models exist; loads each once            (registry.py)
    ChatCompletions   /v1/chat/completions, streamed or not          (chat.py -> generation.py)
    Embeddings        /v1/embeddings                                 (embeddings.py)
    FileStore         /v1/files                                      (files.py)
    FineTuningJobs    /v1/fine_tuning/jobs, validating and training  (jobs.py -> course_utils/fine_tuning_data.py)

Routes stay thin: read the request, call the service, return its dict. Every error is an
`APIError` in OpenAI's shape (errors.py). The jobs' worker threads start with the app
(FastAPI's lifespan) and stop with it.
"""

from __future__ import annotations

import hmac
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Body, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response, StreamingResponse

from .chat import ChatCompletions, ChatRequest
from .embeddings import Embeddings
from .errors import APIError, bad_request, error_response, install_error_handlers
from .files import FileStore
from .jobs import FineTuningJobs
from .multipart import parse_form
from .protocol import ModelLoader, Trainer
from .registry import ModelRegistry


def create_app(
    loader: ModelLoader,
    state_dir: Path,
    embedder=None,
    trainer: Trainer | None = None,
    *,
    api_key: str | None = None,
    max_concurrent_jobs: int = 1,
) -> FastAPI:
    """An OpenAI-compatible app serving `loader`'s models, with its state kept in `state_dir`.

    embedder: the sentence embedder for /v1/embeddings, an Embedder or a SentenceTransformer
        (None: the process's shared all-MiniLM-L6-v2, loaded on first use; acme-tiny uses it too).
    trainer: fine-tunes models for /v1/fine_tuning/jobs (None: fine-tuning is unavailable).
    api_key: if set, requests must send it as `Authorization: Bearer <key>` (else 401);
        by default any key, or none, is accepted.
    max_concurrent_jobs: fine-tuning jobs trained at the same time; others wait "queued".
    """
    state_dir = Path(state_dir)
    state_dir.mkdir(parents=True, exist_ok=True)
    models = ModelRegistry(loader)
    embeddings = Embeddings(embedder)
    models.extra.append(embeddings.served_model())
    files = FileStore(state_dir / "files")
    jobs = FineTuningJobs(state_dir, files, trainer, models, max_concurrent_jobs)
    models.fine_tuned = jobs  # fine-tuned models are those of succeeded jobs
    chat = ChatCompletions(models)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        jobs.start()
        yield
        await run_in_threadpool(jobs.shutdown)

    app = FastAPI(title="Offline OpenAI-compatible API (course)", lifespan=lifespan, docs_url=None,
                  redoc_url=None)
    app.state.models, app.state.files, app.state.jobs = models, files, jobs
    install_error_handlers(app)

    if api_key:

        @app.middleware("http")
        async def require_key(request: Request, call_next):
            sent = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
            if not hmac.compare_digest(sent.encode("utf-8"), api_key.encode("utf-8")):
                return error_response(APIError(
                    401, "Incorrect API key provided. This offline server was started with "
                    "--api-key; use that key.", code="invalid_api_key"))
            return await call_next(request)

    # ----- models -------------------------------------------------------------------------

    @app.get("/v1/models")
    def list_models() -> dict:
        return {"object": "list", "data": [m.to_api() for m in models.list()]}

    @app.get("/v1/models/{model_id:path}")
    def retrieve_model(model_id: str) -> dict:
        return models.describe(model_id).to_api()

    # ----- chat and embeddings ------------------------------------------------------------

    @app.post("/v1/chat/completions")
    def chat_completions(request: ChatRequest):
        if request.stream:
            return StreamingResponse(chat.stream(request), media_type="text/event-stream",
                                     headers={"Cache-Control": "no-cache"})
        return chat.create(request)

    @app.post("/v1/embeddings")
    def create_embeddings(request: dict[str, Any] = Body(...)) -> dict:
        return embeddings.create(request)

    # ----- files --------------------------------------------------------------------------

    @app.post("/v1/files")
    async def upload_file(request: Request) -> dict:
        try:
            form = parse_form(await request.body(), request.headers.get("content-type", ""))
        except (ValueError, UnicodeDecodeError) as exc:
            raise bad_request(f"Send the file as multipart/form-data ({exc}).", param="file")
        if "file" not in form or form["file"].filename is None:
            raise bad_request("Missing the 'file' field (a file upload).", param="file")
        if "purpose" not in form:
            raise bad_request("Missing the 'purpose' field, e.g. purpose='fine-tune'.", param="purpose")
        upload = form["file"]
        return await run_in_threadpool(files.create, upload.filename, form["purpose"].text, upload.data)

    @app.get("/v1/files")
    def list_files(purpose: str | None = None, limit: int = 10000, after: str | None = None,
                   order: str = "desc") -> dict:
        return files.list(purpose, limit, after, order)

    @app.get("/v1/files/{file_id}")
    def retrieve_file(file_id: str) -> dict:
        return files.get(file_id)

    @app.get("/v1/files/{file_id}/content")
    def file_content(file_id: str) -> Response:
        return Response(files.content(file_id), media_type="application/octet-stream")

    @app.delete("/v1/files/{file_id}")
    def delete_file(file_id: str) -> dict:
        return files.delete(file_id)

    # ----- fine-tuning --------------------------------------------------------------------

    @app.post("/v1/fine_tuning/jobs")
    def create_job(request: dict[str, Any] = Body(...)) -> dict:
        return jobs.create(request)

    @app.get("/v1/fine_tuning/jobs")
    def list_jobs(limit: int = 20, after: str | None = None) -> dict:
        return jobs.list(limit, after)

    @app.get("/v1/fine_tuning/jobs/{job_id}")
    def retrieve_job(job_id: str) -> dict:
        return jobs.get(job_id)

    @app.post("/v1/fine_tuning/jobs/{job_id}/cancel")
    def cancel_job(job_id: str) -> dict:
        return jobs.cancel(job_id)

    @app.get("/v1/fine_tuning/jobs/{job_id}/events")
    def list_events(job_id: str, limit: int = 20, after: str | None = None) -> dict:
        return jobs.events(job_id, limit, after)

    @app.get("/v1/fine_tuning/jobs/{job_id}/checkpoints")
    def list_checkpoints(job_id: str, limit: int = 10, after: str | None = None) -> dict:
        return jobs.checkpoints(job_id, limit, after)

    return app

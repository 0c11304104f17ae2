"""Fine-tuning jobs: the life of `client.fine_tuning.jobs.create(...)`, on this machine.

A job moves through the same statuses as on OpenAI:

    validating_files -> queued -> running -> succeeded | failed | cancelled

1. create    checks what can be checked at once (model, file ids, hyperparameters) and answers
             400 if something is wrong. The job is saved in "validating_files".
2. validate  a short background thread checks the files' content (course_utils/fine_tuning_data.py).
             A bad file does not make `create` fail: as on OpenAI, the job fails here,
             asynchronously, with an error listing every problem. A good file moves the job to
             "queued".
3. train     worker threads (one by default, so jobs queue like on OpenAI) call the
             `Trainer`, which reports each step (-> a metrics event) and saves one checkpoint per
             epoch. It trains into `<job>/training/`, a temporary folder: on success the folder
             is renamed (atomically) to `models/<job-id>/` and the job "succeeded" with
             `fine_tuned_model = "ft:<base>:<suffix>:<last 8 characters of the job id>"`; a failed
             or cancelled job's folder is deleted, so no half-written model is ever served.

On disk, under the state folder:

    jobs/<job-id>/job.json        the job record (atomic writes)
    jobs/<job-id>/events.jsonl    its events, appended one per line
    jobs/<job-id>/*.jsonl         copies of the validated files (a job survives their deletion)
    models/<job-id>/              the fine-tuned model, with its per-epoch checkpoints

Restarts: when the service starts, jobs that were validating or queued simply continue; a job
that was "running" when the process died cannot be resumed (its training state was in memory),
so it is marked "failed" with an error saying so and the files to start again are still there.
Stopping the server cleanly does the same for a job that is running at that moment.
Fine-tuned models of succeeded jobs are served again after a restart, since a job record with
status "succeeded" is the single source of truth for which fine-tuned models exist.
"""

from __future__ import annotations

import csv
import io
import json
import math
import queue
import re
import secrets
import shutil
import threading
from pathlib import Path

from .errors import APIError, bad_request, not_found
from .files import FileStore
from .pagination import page
from .protocol import Trainer, TrainingReport
from .registry import ModelRegistry, ServedModel
from .storage import (append_json_line, creation_order, new_id, now, public, read_json, read_json_lines,
                      write_bytes, write_json)
from course_utils.fine_tuning_data import MIN_EXAMPLES, DatasetReport, auto_epochs, validate_dataset

ORGANIZATION_ID = "org-offline"  # `organization_id` of jobs and `owned_by` of their models
FINISHED = ("succeeded", "failed", "cancelled")
HYPERPARAMETER_RANGES = {  # what OpenAI accepts, besides "auto"
    "n_epochs": (int, 1, 50),
    "batch_size": (int, 1, 256),
    "learning_rate_multiplier": (float, 1e-6, 10.0),
}
INTERRUPTED = (
    "The offline server stopped while this job was running, so its training was lost (it lived "
    "in memory). Create the job again: its files are still uploaded."
)
SUFFIX_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
SHUTDOWN_WAIT_SECONDS = 30  # how long stopping the server waits for a running job to notice
# Metrics a trainer may report in TrainingReport.extra that OpenAI's checkpoints carry.
ACCURACY_METRICS = ("train_mean_token_accuracy", "valid_mean_token_accuracy",
                    "full_valid_mean_token_accuracy")


def resolve_hyperparameters(requested: dict, n_examples: int, model_auto: dict | None = None) -> dict:
    """Replace "auto" by concrete values.

    n_epochs: the cookbook's rule (3 epochs, at least 100 and at most 25,000 examples seen);
    batch_size: about 0.2% of the examples, 1 to 256; learning_rate_multiplier: 1.0, i.e. the
    trainer's own learning rate. model_auto: a trainer's own values for its model, which win
    (the open LLM's LoRA jobs train in batches of 16 for 2 epochs, training/lora_job.py).
    """
    auto = {
        "n_epochs": auto_epochs(n_examples),
        "batch_size": max(1, min(256, round(0.002 * n_examples))),
        "learning_rate_multiplier": 1.0,
    } | (model_auto or {})
    return requested | {name: (auto[name] if requested.get(name, "auto") == "auto" else requested[name])
                        for name in auto}


def _check_hyperparameters(given: dict, model_ranges: dict | None = None) -> dict:
    """The job's hyperparameters: every key present, "auto" or a value in OpenAI's range.
    model_ranges: more a trainer takes for this model (the open LLM's LoRA rank, alpha, layers)."""
    if not isinstance(given, dict):
        raise bad_request("'hyperparameters' must be an object.", param="hyperparameters")
    ranges = HYPERPARAMETER_RANGES | (model_ranges or {})
    unknown = sorted(set(given) - set(ranges))
    if unknown:
        raise bad_request(f"Unknown hyperparameter(s): {unknown}. This model takes: {', '.join(ranges)}.",
                          param="hyperparameters")
    checked = {}
    for name, (kind, low, high) in ranges.items():
        value = given.get(name, "auto")
        if value is None:
            value = "auto"
        if value != "auto":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or (
                kind is int and not float(value).is_integer()
            ):
                raise bad_request(
                    f"'{name}' must be 'auto' or a {kind.__name__}.", param=f"hyperparameters.{name}"
                )
            value = kind(value)
            if not low <= value <= high:
                raise bad_request(
                    f"'{name}' must be between {low} and {high} (got {value}).",
                    param=f"hyperparameters.{name}",
                )
        checked[name] = value
    return checked


def _number(value) -> float | None:
    """A metric as a plain float, or None if it is not finite (JSON has no NaN: a loss that
    diverged shows as null, and the event's message still says "nan")."""
    value = float(value)
    return value if math.isfinite(value) else None


def _plain(values: dict) -> dict:
    """A trainer's extra metrics as JSON-safe values (it may report numpy scalars or NaN)."""
    plain = {}
    for key, value in values.items():
        if hasattr(value, "item"):  # a numpy scalar
            value = value.item()
        plain[key] = _number(value) if isinstance(value, float) else value
    return plain


class FineTuningJobs:
    """Creates, runs, cancels and remembers fine-tuning jobs; the catalog of fine-tuned models."""

    def __init__(
        self,
        state_dir: Path,
        files: FileStore,
        trainer: Trainer | None,
        models: ModelRegistry,
        max_concurrent_jobs: int = 1,
    ):
        self.jobs_dir = Path(state_dir) / "jobs"
        self.models_dir = Path(state_dir) / "models"
        self.files = files
        self.trainer = trainer
        self.models = models
        self.max_concurrent_jobs = max_concurrent_jobs
        self._lock = threading.RLock()  # guards every job record and event log
        self._jobs: dict[str, dict] = {}
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._stopping = threading.Event()
        self._workers: list[threading.Thread] = []
        self._reports: dict[str, list[TrainingReport]] = {}  # steps of running jobs

    # ----- starting and stopping ---------------------------------------------------------

    def start(self) -> None:
        """Load saved jobs, recover the ones a previous process left unfinished, start workers."""
        self.jobs_dir.mkdir(parents=True, exist_ok=True)
        self.models_dir.mkdir(parents=True, exist_ok=True)
        for path in self.jobs_dir.glob("*/job.json"):
            job = read_json(path)
            self._jobs[job["id"]] = job
        for job in sorted(self._jobs.values(), key=lambda j: j["_order"]):
            if job["status"] == "running":
                self._fail(job["id"], "server_restarted", INTERRUPTED)
            elif job["status"] == "validating_files":
                self._start_validation(job["id"])
            elif job["status"] == "queued":
                self._queue.put(job["id"])
        for i in range(self.max_concurrent_jobs):
            worker = threading.Thread(target=self._work, name=f"fine-tuning-worker-{i}", daemon=True)
            worker.start()
            self._workers.append(worker)

    def shutdown(self) -> None:
        """Stop the workers; a job still running is marked failed (it cannot resume)."""
        self._stopping.set()
        for _ in self._workers:
            self._queue.put(None)
        for worker in self._workers:
            worker.join(timeout=SHUTDOWN_WAIT_SECONDS)
        self._workers.clear()

    # ----- the API's operations ----------------------------------------------------------

    def create(self, request: dict) -> dict:
        """Check a job request, save the job in "validating_files", start validating its files."""
        if self.trainer is None:
            raise bad_request("This server was started without a trainer: fine-tuning is unavailable.")
        model = request.get("model")
        if model not in self.models.base_ids():
            hint = ""
            if str(model).startswith("ft:"):
                hint = " (fine-tuning a fine-tuned model is not supported offline)"
            raise bad_request(
                f"Model {model} is not available for fine-tuning or does not exist{hint}. "
                f"Models that can be fine-tuned: {', '.join(self.models.base_ids())}.",
                param="model",
                code="model_not_available",
            )
        training_file = self._check_file(request.get("training_file"), "training_file")
        validation_file = request.get("validation_file")
        if validation_file is not None:
            self._check_file(validation_file, "validation_file")
        model_ranges = getattr(self.trainer, "hyperparameter_ranges", lambda model: None)(model)
        hyperparameters = _check_hyperparameters(self._requested_hyperparameters(request), model_ranges)
        suffix = request.get("suffix")
        if suffix is not None and (not isinstance(suffix, str) or not SUFFIX_PATTERN.match(suffix)):
            raise bad_request("'suffix' must be 1 to 64 letters, digits, '-' or '_'.", param="suffix")
        seed = request.get("seed")
        if seed is None:
            seed = secrets.randbelow(2**31)  # like OpenAI, pick one and report it
        elif isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
            raise bad_request("'seed' must be a non-negative integer.", param="seed")
        metadata = request.get("metadata")
        if metadata is not None and not isinstance(metadata, dict):
            raise bad_request("'metadata' must be an object of strings.", param="metadata")

        job_id = new_id("ftjob")
        job = {
            "id": job_id,
            "object": "fine_tuning.job",
            "created_at": now(),
            "error": None,
            "fine_tuned_model": None,
            "finished_at": None,
            "hyperparameters": hyperparameters,
            "model": model,
            "organization_id": ORGANIZATION_ID,
            "result_files": [],
            "seed": seed,
            "status": "validating_files",
            "trained_tokens": None,
            "training_file": training_file,
            "validation_file": validation_file,
            "estimated_finish": None,
            "integrations": [],
            "metadata": metadata,
            "method": {"type": "supervised", "supervised": {"hyperparameters": hyperparameters}},
            "user_provided_suffix": suffix,
            "_order": creation_order(),  # sorts jobs created within the same second
            # The model's name is fixed now, so checkpoints can be named while training.
            "_model_name": f"ft:{model}:{suffix or ''}:{job_id[-8:]}",
            "_checkpoints": [],
        }
        with self._lock:
            self._jobs[job_id] = job
            self._save(job)
            self._event(job_id, f"Created fine-tuning job: {job_id}")
            files = training_file + (f" and validation file: {validation_file}" if validation_file else "")
            self._event(job_id, f"Validating training file: {files}")
            created = public(job)  # before validation starts changing it
        self._start_validation(job_id)
        return created

    def get(self, job_id: str) -> dict:
        with self._lock:
            return public(self._job(job_id))

    def list(self, limit: int = 20, after: str | None = None) -> dict:
        """A page of jobs, newest first."""
        with self._lock:
            jobs = sorted(self._jobs.values(), key=lambda j: j["_order"], reverse=True)
            return page([public(j) for j in jobs], limit, after)

    def cancel(self, job_id: str) -> dict:
        """Cancel a job that has not finished; its worker discards any partial model."""
        with self._lock:
            job = self._job(job_id)
            if job["status"] in FINISHED:
                raise bad_request(
                    f"Job {job_id} has already {'been ' if job['status'] == 'cancelled' else ''}"
                    f"{job['status']} and cannot be cancelled.",
                    param="fine_tuning_job_id",
                    code="job_not_cancellable",
                )
            job["status"] = "cancelled"
            job["finished_at"] = now()
            self._save(job)
            self._event(job_id, "Fine-tuning job cancelled")
            return public(job)

    def events(self, job_id: str, limit: int = 20, after: str | None = None) -> dict:
        """A page of the job's events, newest first."""
        self._job(job_id)
        with self._lock:
            events = list(read_json_lines(self.jobs_dir / job_id / "events.jsonl"))
        return page(events[::-1], limit, after)

    def checkpoints(self, job_id: str, limit: int = 10, after: str | None = None) -> dict:
        """A page of the job's checkpoints, newest first."""
        with self._lock:
            checkpoints = [public(c) for c in self._job(job_id)["_checkpoints"]]
        return page(checkpoints[::-1], limit, after)

    # ----- the catalog of fine-tuned models (used by the model registry) ------------------

    def fine_tuned_models(self, with_checkpoints: bool = False) -> list[ServedModel]:
        """Models of succeeded jobs, oldest first (and their checkpoints, if asked)."""
        with self._lock:
            done = sorted((j for j in self._jobs.values() if j["status"] == "succeeded"),
                          key=lambda j: j["_order"])
            models = []
            for job in done:
                models.append(ServedModel(job["fine_tuned_model"], job["finished_at"], ORGANIZATION_ID))
                if with_checkpoints:
                    for checkpoint in job["_checkpoints"]:
                        name = checkpoint["fine_tuned_model_checkpoint"]
                        models.append(ServedModel(name, checkpoint["created_at"], ORGANIZATION_ID))
        return models

    def model_folder(self, model_id: str) -> Path | None:
        """The folder of a fine-tuned model or checkpoint, if its job succeeded."""
        with self._lock:
            for job in self._jobs.values():
                if job["status"] != "succeeded":
                    continue
                folder = self.models_dir / job["id"]
                if job["fine_tuned_model"] == model_id:
                    return folder
                for checkpoint in job["_checkpoints"]:
                    if checkpoint["fine_tuned_model_checkpoint"] == model_id:
                        return folder / checkpoint["_folder"]
        return None

    # ----- validating ---------------------------------------------------------------------

    def _start_validation(self, job_id: str) -> None:
        thread = threading.Thread(
            target=self._validate, args=(job_id,), name=f"validate-{job_id}", daemon=True
        )
        thread.start()

    def _validate(self, job_id: str) -> None:
        """Check the job's files; fail the job with every problem, or queue it."""
        try:
            job = self._job(job_id)
            model = self.models.get(job["model"])
            training = self._check_dataset(job, "training_file", model)
            if training is None:
                return
            if job["validation_file"] and self._check_dataset(job, "validation_file", model) is None:
                return
            with self._lock:
                if job["status"] != "validating_files":
                    return  # cancelled meanwhile
                model_auto = getattr(self.trainer, "auto_hyperparameters", lambda model: None)(job["model"])
                resolved = resolve_hyperparameters(job["hyperparameters"], len(training.examples), model_auto)
                job["hyperparameters"] = resolved
                job["method"]["supervised"]["hyperparameters"] = dict(resolved)
                job["_trained_tokens"] = training.estimated_training_tokens(resolved["n_epochs"])
                job["status"] = "queued"
                self._save(job)
                self._event(
                    job_id,
                    f"Files validated: {len(training.examples)} training examples, "
                    f"~{job['_trained_tokens']} training tokens. Moving job to queued state.",
                    data={"summary": training.summary()},
                )
            self._queue.put(job_id)
        except Exception as exc:  # a bug or a broken model: fail the job, say why
            message = f"Validating the files failed: {type(exc).__name__}: {exc}"
            self._fail(job_id, "internal_error", message)

    def _check_dataset(self, job: dict, param: str, model) -> DatasetReport | None:
        """Validate one of the job's files and keep a copy; on problems, fail the job (None)."""
        file_id = job[param]
        code = f"invalid_{param}"  # OpenAI's codes: invalid_training_file, invalid_validation_file
        try:
            text = self.files.content(file_id).decode("utf-8")
        except APIError:
            self._fail(job["id"], code, f"The {param} {file_id} was deleted.", param)
            return None
        except UnicodeDecodeError as exc:
            self._fail(job["id"], code, f"The {param} {file_id} is not UTF-8 text ({exc}).", param)
            return None
        minimum = MIN_EXAMPLES if param == "training_file" else 1
        training_limit = getattr(self.trainer, "max_example_tokens", lambda model_id: None)(job["model"])
        report = validate_dataset(text, model.count_tokens, model.context_length, minimum, training_limit)
        label = f"{param.replace('_', ' ')} {file_id}"
        if not report.ok:
            self._fail(job["id"], code, report.error_message(label), param)
            return None
        if report.warnings:
            self._event(job["id"], f"The {label}: {report.warning_message()}", level="warn")
        # Keep the validated examples: the job must not depend on the upload still existing.
        lines = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in report.examples)
        write_bytes(self.jobs_dir / job["id"] / f"{param}.jsonl", lines.encode("utf-8"))
        return report

    # ----- training -----------------------------------------------------------------------

    def _work(self) -> None:
        """A worker thread: train queued jobs one after another until the server stops."""
        while True:
            job_id = self._queue.get()
            if job_id is None or self._stopping.is_set():
                return
            try:
                self._train(job_id)
            except Exception as exc:
                self._fail(job_id, "internal_error", f"Training failed: {type(exc).__name__}: {exc}")

    def _train(self, job_id: str) -> None:
        with self._lock:
            job = self._job(job_id)
            if job["status"] != "queued":
                return  # cancelled while it waited
            job["status"] = "running"
            self._save(job)
            self._event(job_id, "Fine-tuning job started")
            self._reports[job_id] = []
        job_dir = self.jobs_dir / job_id
        out_dir = job_dir / "training"  # temporary: renamed to models/<job-id> on success
        shutil.rmtree(out_dir, ignore_errors=True)
        out_dir.mkdir(parents=True)
        training = list(read_json_lines(job_dir / "training_file.jsonl"))
        validation = None
        if job["validation_file"]:
            validation = list(read_json_lines(job_dir / "validation_file.jsonl"))
        hyperparameters = dict(job["hyperparameters"], seed=job["seed"])

        def should_stop() -> bool:
            return self._stopping.is_set() or job["status"] == "cancelled"

        try:
            self.trainer.train(
                job["model"],
                training,
                validation,
                hyperparameters,
                out_dir,
                report=lambda r: self._on_step(job_id, r),
                should_stop=should_stop,
                checkpoint=lambda epoch, folder: self._on_checkpoint(job_id, epoch, folder, out_dir),
            )
        except Exception as exc:
            shutil.rmtree(out_dir, ignore_errors=True)
            if job["status"] != "cancelled":
                self._fail(job_id, "training_error", f"Training raised {type(exc).__name__}: {exc}")
            return
        self._finish(job_id, out_dir)

    def _on_step(self, job_id: str, report: TrainingReport) -> None:
        """One training step: remember it for the results file and log a metrics event."""
        data = {"step": report.step, "total_steps": report.total_steps, "epoch": report.epoch,
                "train_loss": _number(report.train_loss)}
        message = f"Step {report.step}/{report.total_steps}: training loss={report.train_loss:.4f}"
        if report.valid_loss is not None:
            data["valid_loss"] = _number(report.valid_loss)
            message += f", validation loss={report.valid_loss:.4f}"
        data |= _plain(report.extra)
        with self._lock:
            self._reports.setdefault(job_id, []).append(report)
            self._event(job_id, message, data=data, type="metrics")

    def _on_checkpoint(self, job_id: str, epoch: int, folder: Path, out_dir: Path) -> None:
        """An epoch was saved: record a checkpoint with the latest step's metrics."""
        with self._lock:
            job = self._job(job_id)
            reports = self._reports.get(job_id) or [TrainingReport(0, 0, float("nan"))]
            last = reports[-1]
            metrics = {"step": float(last.step), "train_loss": _number(last.train_loss)}
            if last.valid_loss is not None:
                metrics["valid_loss"] = metrics["full_valid_loss"] = _number(last.valid_loss)
            for name in ACCURACY_METRICS:
                if name in last.extra:
                    metrics[name] = _number(last.extra[name])
            folder = Path(folder)
            relative = folder.relative_to(out_dir) if folder.is_relative_to(out_dir) else folder
            checkpoint = {
                "id": new_id("ftckpt"),
                "object": "fine_tuning.job.checkpoint",
                "created_at": now(),
                "fine_tuned_model_checkpoint": f"{job['_model_name']}:ckpt-step-{last.step}",
                "fine_tuning_job_id": job_id,
                "metrics": metrics,
                "step_number": last.step,
                "_folder": str(relative),
                "_epoch": epoch,
            }
            job["_checkpoints"].append(checkpoint)
            self._save(job)
            self._event(
                job_id,
                f"Checkpoint created at step {last.step} (epoch {epoch}): "
                f"{checkpoint['fine_tuned_model_checkpoint']}",
            )

    def _finish(self, job_id: str, out_dir: Path) -> None:
        """Publish the trained model, unless the job was cancelled or the server is stopping."""
        with self._lock:
            job = self._job(job_id)
            if job["status"] == "cancelled":
                shutil.rmtree(out_dir, ignore_errors=True)
                self._event(job_id, "Training stopped; the partial model was discarded.")
                return
            if self._stopping.is_set():
                self._fail(job_id, "server_restarted", INTERRUPTED)
                return
            final = self.models_dir / job_id
            shutil.rmtree(final, ignore_errors=True)
            out_dir.replace(final)  # atomic: the model appears whole or not at all
            results = self.files.create(
                "step_metrics.csv", "fine-tune-results", self._results_csv(job_id).encode("utf-8")
            )
            job |= {
                "status": "succeeded",
                "fine_tuned_model": job["_model_name"],
                "finished_at": now(),
                "trained_tokens": job.get("_trained_tokens"),
                "result_files": [results["id"]],
            }
            self._save(job)  # from here on, the model is listed and served
            self._event(job_id, f"New fine-tuned model created: {job['fine_tuned_model']}")
            self._event(job_id, "The job has successfully completed")
            self._reports.pop(job_id, None)

    def _results_csv(self, job_id: str) -> str:
        """The per-step metrics as OpenAI's results file (step_metrics.csv)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        columns = ["train_mean_token_accuracy", "valid_mean_token_accuracy"]
        writer.writerow(["step", "epoch", "train_loss", "valid_loss", *columns])
        for r in self._reports.get(job_id, []):
            valid = "" if r.valid_loss is None else f"{r.valid_loss:.6f}"
            extra = [r.extra.get(c, "") for c in columns]
            writer.writerow([r.step, r.epoch, f"{r.train_loss:.6f}", valid, *extra])
        return out.getvalue()

    # ----- records and events -------------------------------------------------------------

    def _fail(self, job_id: str, code: str, message: str, param: str | None = None) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or job["status"] in FINISHED:
                return
            job |= {"status": "failed", "finished_at": now(),
                    "error": {"code": code, "message": message, "param": param}}
            self._save(job)
            self._event(job_id, f"The job failed: {message}", level="error")
            self._reports.pop(job_id, None)
        shutil.rmtree(self.jobs_dir / job_id / "training", ignore_errors=True)

    def _job(self, job_id: str) -> dict:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise not_found(f"Could not find fine-tuning job {job_id}.", param="fine_tuning_job_id")
        return job

    def _save(self, job: dict) -> None:
        write_json(self.jobs_dir / job["id"] / "job.json", job)

    def _event(self, job_id: str, message: str, *, level: str = "info", data: dict | None = None,
               type: str = "message") -> None:
        event = {
            "id": new_id("ftevent"),
            "object": "fine_tuning.job.event",
            "created_at": now(),
            "level": level,
            "message": message,
            "data": data or {},
            "type": type,
        }
        with self._lock:
            append_json_line(self.jobs_dir / job_id / "events.jsonl", event)

    def _requested_hyperparameters(self, request: dict) -> dict:
        """Hyperparameters from `method.supervised` (current API) or `hyperparameters` (older)."""
        method = request.get("method")
        if method is None:
            return request.get("hyperparameters") or {}
        if not isinstance(method, dict) or method.get("type", "supervised") != "supervised":
            raise bad_request("Only the 'supervised' fine-tuning method is available offline.",
                              param="method.type")
        supervised = method.get("supervised") or {}
        return supervised.get("hyperparameters") or request.get("hyperparameters") or {}

    def _check_file(self, file_id, param: str) -> str:
        if not isinstance(file_id, str):
            raise bad_request(f"'{param}' must be a file id (from client.files.create).", param=param)
        try:
            record = self.files.get(file_id)
        except APIError:
            raise bad_request(f"Invalid {param}: no file with id {file_id}.", param=param,
                              code="invalid_file_id") from None
        if record["purpose"] != "fine-tune":
            raise bad_request(
                f"File {file_id} has purpose '{record['purpose']}'; upload fine-tuning data with "
                "purpose='fine-tune'.", param=param
            )
        return file_id

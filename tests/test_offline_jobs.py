"""Fine-tuning jobs through the SDK: lifecycle, validation, cancel, restart, concurrency, paging."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import openai
import pytest

from course_utils.offline.api.storage import read_json, write_json
from test_offline_toymodel import BASE_ID, BigramTrainer, chat_example, jsonl, serve, wait_for

FINISHED = ("succeeded", "failed", "cancelled")


def upload(client, examples, name="train.jsonl") -> str:
    return client.files.create(file=(name, jsonl(examples)), purpose="fine-tune").id


def answers(answer: str, n: int = 12) -> list[dict]:
    return [chat_example(f"question {i}?", answer) for i in range(n)]


def finished(client, job_id, timeout=15.0):
    return wait_for(lambda: (job := client.fine_tuning.jobs.retrieve(job_id)).status in FINISHED and job,
                    timeout, f"job {job_id} to finish")


def reply(client, model: str) -> str:
    response = client.chat.completions.create(
        model=model, messages=[{"role": "user", "content": "is it?"}], temperature=0, max_tokens=10)
    return response.choices[0].message.content


def all_events(client, job_id) -> list:
    return list(client.fine_tuning.jobs.list_events(job_id, limit=100))


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One server for the tests that never start a job."""
    with serve(tmp_path_factory.mktemp("state")) as (_, client):
        yield client


def test_full_lifecycle(tmp_path):
    with serve(tmp_path) as (_, client):
        training = upload(client, answers("yes."))
        validation = upload(client, answers("yes.", 3), "valid.jsonl")
        job = client.fine_tuning.jobs.create(
            model=BASE_ID, training_file=training, validation_file=validation, suffix="demo", seed=0,
            method={"type": "supervised",
                    "supervised": {"hyperparameters": {"n_epochs": 3, "batch_size": "auto"}}},
        )
        assert job.status == "validating_files" and job.fine_tuned_model is None
        assert job.object == "fine_tuning.job" and job.seed == 0 and job.user_provided_suffix == "demo"

        job = finished(client, job.id)
        assert job.status == "succeeded" and job.error is None
        assert job.fine_tuned_model == f"ft:{BASE_ID}:demo:{job.id[-8:]}"
        assert job.hyperparameters.n_epochs == 3
        assert job.hyperparameters.batch_size == 1  # "auto": ~0.2% of 12 examples, at least 1
        assert job.hyperparameters.learning_rate_multiplier == 1.0  # "auto": the trainer's own
        assert job.method.supervised.hyperparameters.n_epochs == 3
        assert job.trained_tokens > 0 and job.finished_at >= job.created_at
        assert job.organization_id and job.training_file == training and job.validation_file == validation

        # Events: newest first; oldest first they tell the whole story.
        events = all_events(client, job.id)
        story = [e.message for e in reversed(events)]
        assert story[0] == f"Created fine-tuning job: {job.id}"
        assert story[1].startswith("Validating training file") and story[2].startswith("Files validated")
        assert story[3] == "Fine-tuning job started" and story[-1] == "The job has successfully completed"
        metrics = [e.data for e in reversed(events) if e.type == "metrics"]
        assert [m["step"] for m in metrics] == list(range(1, 37)) and metrics[0]["total_steps"] == 36
        assert metrics[-1]["train_loss"] < metrics[0]["train_loss"] / 2  # it really learned
        assert metrics[-1]["valid_loss"] < metrics[0]["valid_loss"]

        # One checkpoint per epoch, newest first, with the metrics of its last step.
        checkpoints = client.fine_tuning.jobs.checkpoints.list(job.id).data
        assert [c.step_number for c in checkpoints] == [36, 24, 12]
        assert checkpoints[0].fine_tuned_model_checkpoint == f"{job.fine_tuned_model}:ckpt-step-36"
        assert checkpoints[0].metrics.train_loss == pytest.approx(metrics[-1]["train_loss"])
        assert checkpoints[0].metrics.valid_loss == pytest.approx(metrics[-1]["valid_loss"])
        assert checkpoints[0].fine_tuning_job_id == job.id

        # The results file: per-step metrics, as OpenAI's step_metrics.csv.
        rows = list(csv.DictReader(io.StringIO(client.files.content(job.result_files[0]).text)))
        assert [int(r["step"]) for r in rows] == list(range(1, 37))

        # The new model is listed and served, and says what it was trained to say.
        listed = {m.id: m for m in client.models.list()}
        assert listed[job.fine_tuned_model].owned_by == job.organization_id
        assert client.models.retrieve(job.fine_tuned_model).id == job.fine_tuned_model
        assert reply(client, job.fine_tuned_model) == "yes."
        assert reply(client, BASE_ID) != "yes."
        first_epoch = checkpoints[-1].fine_tuned_model_checkpoint  # checkpoints are servable too
        assert reply(client, first_epoch) and client.models.retrieve(first_epoch).id == first_epoch
        assert first_epoch not in listed  # but not listed with the models
        assert (tmp_path / "models" / job.id / "weights.npy").exists()
        assert not (tmp_path / "jobs" / job.id / "training").exists()


def test_a_bad_file_fails_the_job_with_every_problem(tmp_path):
    lines = [json.dumps(e) for e in answers("ok.", 4)]
    lines[1] = "{broken"
    lines[3] = json.dumps({"messages": [{"role": "user", "content": "no reply"}]})
    with serve(tmp_path) as (_, client):
        file_id = client.files.create(file=("bad.jsonl", ("\n".join(lines)).encode()), purpose="fine-tune").id
        job = client.fine_tuning.jobs.create(model=BASE_ID, training_file=file_id)
        assert job.status == "validating_files"  # as on OpenAI, the file is checked afterwards
        job = finished(client, job.id)
        assert job.status == "failed" and job.fine_tuned_model is None
        assert job.error.code == "invalid_training_file" and job.error.param == "training_file"
        for expected in ("line 2: not valid JSON", "line 4: has no assistant message",
                         "has 4 example(s), but must have at least 10"):
            assert expected in job.error.message
        assert all_events(client, job.id)[0].level == "error"


@pytest.mark.parametrize(
    "change, param",
    [
        ({"model": "gpt-4o-mini"}, "model"),
        ({"training_file": "file-doesnotexist"}, "training_file"),
        ({"validation_file": "file-doesnotexist"}, "validation_file"),
        ({"hyperparameters": {"n_epochs": 0}}, "hyperparameters.n_epochs"),
        ({"hyperparameters": {"batch_size": "big"}}, "hyperparameters.batch_size"),
        ({"hyperparameters": {"learning_rate_multiplier": -1}}, "hyperparameters.learning_rate_multiplier"),
        ({"suffix": "not allowed!"}, "suffix"),
        ({"seed": -1}, "seed"),
        ({"method": {"type": "dpo"}}, "method.type"),
    ],
)
def test_bad_job_requests_are_refused_at_once(shared, change, param):
    request = {"model": BASE_ID, "training_file": upload(shared, answers("x"))} | change
    with pytest.raises(openai.BadRequestError) as caught:
        shared.fine_tuning.jobs.create(**request)
    assert caught.value.body["param"] == param
    assert shared.fine_tuning.jobs.list().data == []


def test_wrong_purpose_and_unknown_ids(shared):
    notes = shared.files.create(file=("n.jsonl", jsonl(answers("x"))), purpose="user_data").id
    with pytest.raises(openai.BadRequestError, match="purpose='fine-tune'"):
        shared.fine_tuning.jobs.create(model=BASE_ID, training_file=notes)
    for call in (shared.fine_tuning.jobs.retrieve, shared.fine_tuning.jobs.cancel,
                 shared.fine_tuning.jobs.list_events, shared.fine_tuning.jobs.checkpoints.list):
        with pytest.raises(openai.NotFoundError):
            call("ftjob-nope")


def test_cancel_leaves_no_model(tmp_path):
    with serve(tmp_path, trainer=BigramTrainer(step_delay=0.05)) as (_, client):
        job = client.fine_tuning.jobs.create(model=BASE_ID, training_file=upload(client, answers("yes.")),
                                             hyperparameters={"n_epochs": 5, "batch_size": 1})
        wait_for(lambda: any(e.type == "metrics" for e in all_events(client, job.id)), what="a step")
        cancelled = client.fine_tuning.jobs.cancel(job.id)
        assert cancelled.status == "cancelled" and cancelled.finished_at
        wait_for(lambda: "discarded" in all_events(client, job.id)[0].message, what="the cleanup")
        assert client.fine_tuning.jobs.retrieve(job.id).fine_tuned_model is None
        assert not (tmp_path / "models" / job.id).exists()
        assert not (tmp_path / "jobs" / job.id / "training").exists()
        assert all(not m.id.startswith("ft:") for m in client.models.list())
        with pytest.raises(openai.BadRequestError, match="cannot be cancelled"):
            client.fine_tuning.jobs.cancel(job.id)


def test_a_trainer_error_fails_the_job(tmp_path):
    with serve(tmp_path, trainer=BigramTrainer(fail_at_step=2)) as (_, client):
        job = client.fine_tuning.jobs.create(model=BASE_ID, training_file=upload(client, answers("x")))
        job = finished(client, job.id)
        assert job.status == "failed" and job.error.code == "training_error"
        assert "told to fail" in job.error.message
        assert not (tmp_path / "models" / job.id).exists()


class DivergingTrainer(BigramTrainer):
    """Reports a NaN loss, as training with too high a learning rate does."""

    def train(self, *args, report, **kwargs):
        def nan_report(r):
            r.train_loss, r.extra = float("nan"), {"train_mean_token_accuracy": np.float32("nan")}
            report(r)

        super().train(*args, report=nan_report, **kwargs)


def test_a_diverged_loss_is_reported_as_null(tmp_path):
    with serve(tmp_path, trainer=DivergingTrainer()) as (_, client):
        job = client.fine_tuning.jobs.create(model=BASE_ID, training_file=upload(client, answers("x")),
                                             hyperparameters={"n_epochs": 1})
        assert finished(client, job.id).status == "succeeded"
        steps = [e for e in all_events(client, job.id) if e.type == "metrics"]
        assert steps[0].data["train_loss"] is None and "loss=nan" in steps[0].message
        assert client.fine_tuning.jobs.checkpoints.list(job.id).data[0].metrics.train_loss is None


def test_jobs_queue_behind_one_worker_and_a_queued_job_can_be_cancelled(tmp_path):
    with serve(tmp_path, trainer=BigramTrainer(step_delay=0.02)) as (_, client):
        data = upload(client, answers("yes."))
        first = client.fine_tuning.jobs.create(model=BASE_ID, training_file=data,
                                               hyperparameters={"n_epochs": 4})
        second = client.fine_tuning.jobs.create(model=BASE_ID, training_file=data)
        third = client.fine_tuning.jobs.create(model=BASE_ID, training_file=data,
                                               hyperparameters={"n_epochs": 1})
        wait_for(lambda: client.fine_tuning.jobs.retrieve(second.id).status == "queued", what="queued")
        assert client.fine_tuning.jobs.cancel(second.id).status == "cancelled"
        assert finished(client, first.id).status == "succeeded"
        assert finished(client, third.id).status == "succeeded"
        assert client.fine_tuning.jobs.retrieve(second.id).status == "cancelled"
        assert not any(e.type == "metrics" for e in all_events(client, second.id))


def test_two_jobs_at_once_do_not_mix(tmp_path):
    with serve(tmp_path, trainer=BigramTrainer(step_delay=0.02), max_concurrent_jobs=2) as (_, client):
        three_epochs = {"n_epochs": 3}
        yes = client.fine_tuning.jobs.create(model=BASE_ID, training_file=upload(client, answers("yes.")),
                                             suffix="yes", hyperparameters=three_epochs)
        no = client.fine_tuning.jobs.create(model=BASE_ID, training_file=upload(client, answers("no!")),
                                            suffix="no", hyperparameters=three_epochs)
        wait_for(lambda: all(client.fine_tuning.jobs.retrieve(j.id).status == "running" for j in (yes, no)),
                 what="both jobs running together")
        yes, no = finished(client, yes.id), finished(client, no.id)
        assert yes.status == no.status == "succeeded"
        assert reply(client, yes.fine_tuned_model) == "yes."
        assert reply(client, no.fine_tuned_model) == "no!"
        for job in (yes, no):  # each job's events and checkpoints are its own
            steps = [e.data["step"] for e in all_events(client, job.id) if e.type == "metrics"]
            assert sorted(steps) == list(range(1, len(steps) + 1))


def test_a_restart_keeps_jobs_and_models_and_fails_interrupted_ones(tmp_path):
    with serve(tmp_path) as (_, client):
        done = finished(client, client.fine_tuning.jobs.create(
            model=BASE_ID, training_file=upload(client, answers("yes."))).id)
        before = reply(client, done.fine_tuned_model)
        events_before = all_events(client, done.id)

    # Stop the server while one job trains and another waits: the first cannot resume.
    with serve(tmp_path, trainer=BigramTrainer(step_delay=0.05)) as (_, client):
        data = upload(client, answers("no!"))
        running = client.fine_tuning.jobs.create(model=BASE_ID, training_file=data)
        waiting = client.fine_tuning.jobs.create(model=BASE_ID, training_file=data)
        wait_for(lambda: client.fine_tuning.jobs.retrieve(running.id).status == "running", what="running")
        wait_for(lambda: client.fine_tuning.jobs.retrieve(waiting.id).status == "queued", what="queued")

    with serve(tmp_path) as (_, client):
        assert client.fine_tuning.jobs.retrieve(done.id) == done
        assert all_events(client, done.id) == events_before
        assert done.fine_tuned_model in {m.id for m in client.models.list()}
        assert reply(client, done.fine_tuned_model) == before == "yes."
        interrupted = client.fine_tuning.jobs.retrieve(running.id)
        assert interrupted.status == "failed" and interrupted.error.code == "server_restarted"
        assert not (tmp_path / "jobs" / running.id / "training").exists()
        resumed = finished(client, waiting.id)  # a queued job simply continues
        assert resumed.status == "succeeded" and reply(client, resumed.fine_tuned_model) == "no!"


def test_a_job_left_running_by_a_crash_is_marked_failed(tmp_path):
    with serve(tmp_path) as (_, client):
        job = finished(client, client.fine_tuning.jobs.create(
            model=BASE_ID, training_file=upload(client, answers("yes."))).id)
    # What a killed process leaves behind: a record saying "running" and a half-trained folder.
    record_path = tmp_path / "jobs" / job.id / "job.json"
    record = read_json(record_path) | {"status": "running", "fine_tuned_model": None, "finished_at": None}
    write_json(record_path, record)
    (tmp_path / "jobs" / job.id / "training").mkdir()
    with serve(tmp_path) as (_, client):
        after = client.fine_tuning.jobs.retrieve(job.id)
        assert after.status == "failed" and "stopped while this job was running" in after.error.message
        assert not (tmp_path / "jobs" / job.id / "training").exists()
        assert job.fine_tuned_model not in {m.id for m in client.models.list()}


def test_pagination_of_jobs_and_events(tmp_path):
    with serve(tmp_path) as (_, client):
        data = upload(client, answers("yes."))
        ids = [client.fine_tuning.jobs.create(model=BASE_ID, training_file=data,
                                              hyperparameters={"n_epochs": 1}).id for _ in range(5)]
        for job_id in ids:
            finished(client, job_id)
        first = client.fine_tuning.jobs.list(limit=2)
        assert [j.id for j in first.data] == ids[::-1][:2] and first.has_more
        second = client.fine_tuning.jobs.list(limit=2, after=first.data[-1].id)
        assert [j.id for j in second.data] == ids[::-1][2:4]
        assert [j.id for j in client.fine_tuning.jobs.list(limit=2)] == ids[::-1]  # every page

        everything = client.fine_tuning.jobs.list_events(ids[0], limit=1000).data
        page = client.fine_tuning.jobs.list_events(ids[0], limit=3)
        assert page.data == everything[:3] and page.has_more
        after = client.fine_tuning.jobs.list_events(ids[0], limit=3, after=page.data[-1].id)
        assert after.data == everything[3:6]
        assert list(client.fine_tuning.jobs.list_events(ids[0], limit=4)) == everything
        assert everything[-1].message.startswith("Created fine-tuning job")  # newest first

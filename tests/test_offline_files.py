"""/v1/files through the SDK: upload, list, retrieve, content, delete, and survival of a restart."""

from __future__ import annotations

import openai
import pytest

from test_offline_toymodel import chat_example, jsonl, serve

DATA = jsonl([chat_example(f"question {i} é?", "answer ✓") for i in range(3)])


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with serve(tmp_path_factory.mktemp("state")) as (_, client):
        yield client


def test_upload_retrieve_content_delete(client):
    created = client.files.create(file=("train.jsonl", DATA), purpose="fine-tune")
    assert created.id.startswith("file-") and created.object == "file"
    assert created.bytes == len(DATA) and created.filename == "train.jsonl"
    assert created.purpose == "fine-tune" and created.status == "processed" and created.created_at > 0
    assert client.files.retrieve(created.id) == created
    assert client.files.content(created.id).read() == DATA  # byte for byte, UTF-8 included
    deleted = client.files.delete(created.id)
    assert deleted.id == created.id and deleted.deleted and deleted.object == "file"
    with pytest.raises(openai.NotFoundError):
        client.files.retrieve(created.id)
    with pytest.raises(openai.NotFoundError):
        client.files.content(created.id)
    with pytest.raises(openai.NotFoundError):
        client.files.delete(created.id)


def test_upload_from_a_real_file_on_disk(client, tmp_path):
    path = tmp_path / "data.jsonl"
    path.write_bytes(DATA)
    with open(path, "rb") as handle:
        created = client.files.create(file=handle, purpose="fine-tune")
    assert created.filename == "data.jsonl" and client.files.content(created.id).text == DATA.decode("utf-8")


def test_list_filters_orders_and_pages(client):
    ids = [client.files.create(file=(f"f{i}.jsonl", DATA), purpose="fine-tune").id for i in range(5)]
    other = client.files.create(file=("notes.txt", b"hello"), purpose="user_data").id
    tuning = [f.id for f in client.files.list(purpose="fine-tune")]
    assert tuning[:5] == ids[::-1] and other not in tuning  # newest first
    first = client.files.list(purpose="fine-tune", limit=2)
    assert [f.id for f in first.data] == ids[::-1][:2] and first.has_more
    second = client.files.list(purpose="fine-tune", limit=2, after=first.data[-1].id)
    assert [f.id for f in second.data] == ids[::-1][2:4]
    every_page = [f.id for f in client.files.list(purpose="fine-tune", limit=2)]  # iterating pages on
    assert every_page == tuning
    oldest_first = [f.id for f in client.files.list(purpose="fine-tune", order="asc")]
    assert oldest_first == tuning[::-1]


@pytest.mark.parametrize(
    "name, purpose, param",
    [("train.csv", "fine-tune", "file"), ("train.jsonl", "homework", "purpose")],
)
def test_bad_uploads_are_bad_requests(client, name, purpose, param):
    with pytest.raises(openai.BadRequestError) as caught:
        client.files.create(file=(name, DATA), purpose=purpose)
    assert caught.value.body["param"] == param


def test_files_survive_a_restart(tmp_path):
    with serve(tmp_path) as (_, client):
        created = client.files.create(file=("keep.jsonl", DATA), purpose="fine-tune")
    with serve(tmp_path) as (_, client):
        assert client.files.retrieve(created.id) == created
        assert client.files.content(created.id).read() == DATA

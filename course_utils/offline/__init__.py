"""The embedded offline backend: an OpenAI-compatible API on this machine, with the course's model.

How the pieces fit, from the network inwards:

    server.py      start_server() / ensure_started(): uvicorn on a background thread, 127.0.0.1 only
    api.py         create_app(): OpenAI's routes, each a thin call into one service below
    errors.py      OpenAI's error shape and status codes, so the SDK raises the usual exceptions
    chat.py        /v1/chat/completions: request -> sampling -> OpenAI's response or stream chunks
    generation.py  the sampling loop (temperature, top_p, seed, n, stop, max_tokens, logprobs)
    registry.py    which model ids exist (base + fine-tuned) and loading each one once
    embeddings.py  /v1/embeddings with the packaged all-MiniLM-L6-v2 sentence embedder
    files.py       /v1/files: uploads kept on disk
    jobs.py        /v1/fine_tuning/jobs: validate -> queue -> train -> publish the model
    validation.py  the data-preparation checks run on a fine-tuning file before training
    multipart.py, pagination.py, storage.py   small helpers (uploads, list pages, atomic files)
    protocol.py    the contract with the model: ChatModel, Trainer, ModelLoader

The course's model, acme-tiny:

    prompt_reader.py  finds question, passages, labels and examples in any common prompt layout
    features.py       sentence embeddings plus simple overlap features
    acme_model.py     the network, the served ChatModel and the loader
    training.py       chat examples -> answer choices -> gradient steps (pre-training, fine-tuning)
    corpus*.py        the pre-training corpus, built from the practice databases' train split
    train_base.py     `python -m course_utils.offline.train_base` trains the committed weights

The service knows the model only through protocol.py; the course's model (acme_model.py) and
the tests' toy model both plug in there.
"""

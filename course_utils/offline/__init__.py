"""The embedded offline backend: an OpenAI-compatible API on this machine, with the course's model.

A request's path, folder by folder:

    server.py    start_server() / ensure_started(): uvicorn on a background thread, 127.0.0.1 only
    api/         the service: OpenAI's routes (app.py), chat completions and the sampling loop
                 (chat.py, generation.py), embeddings, files, fine-tuning jobs and their data
                 checks, errors in OpenAI's shape, and protocol.py, the contract with the model
    model/       the models served behind that contract: acme_tiny/, the course's own
    reading/     the prompt read into its parts: question, passages, labels, examples, schema
    sql/         how acme-tiny writes SQL: candidate queries, adapted or carried over, and their features
    training/    gradient steps for fine-tuning jobs, and train_base.py, which trains the committed weights
                 (`python -m course_utils.offline.training.train_base`)
    corpus/      the pre-training corpus, built from the practice databases' train split
    weights/     acme-tiny's committed weights and its model card

The service knows a model only through api/protocol.py; acme-tiny and the tests' toy model
both plug in there, and another model can sit beside acme_tiny/ in model/.
"""

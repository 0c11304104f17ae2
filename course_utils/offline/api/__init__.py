"""The OpenAI-compatible service: routes, sampling, files and fine-tuning jobs.

It knows the models it serves only through protocol.py (ChatModel, ModelLoader, Trainer), so
any model that follows that contract plugs in: acme-tiny (course_utils.offline.model.acme_tiny)
and the tests' toy model.
"""

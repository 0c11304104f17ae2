"""Reading a chat request into its parts: question, passages, labels, examples, schema, dictionary.

Rules, not learnt: they split text and decide no answer (acme-tiny's network does).
"""

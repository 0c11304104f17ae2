"""Training acme-tiny: pre-training the committed weights (train_base.py) and fine-tuning jobs."""

"""acme-tiny's pre-training corpus, built from the train split of the practice databases only."""

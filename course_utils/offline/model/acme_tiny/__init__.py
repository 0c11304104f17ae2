"""acme-tiny: the course's small offline model (see its card, offline/weights/acme-tiny/README.md).

It reads a prompt with the rules in offline/reading/, writes SQL with offline/sql/, and is
trained by offline/training/ on the corpus of offline/corpus/.
"""

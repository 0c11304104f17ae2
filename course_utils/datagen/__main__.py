"""Rebuild every data set under data/ from the fixed seed: `python -m course_utils.datagen`.

Each generator owns one folder and rebuilds it from scratch, so the output depends only
on the code and the seed; tests check that a rebuild reproduces the committed files.
"""

import argparse
import time
from pathlib import Path

from course_utils.datagen import acme_db, capstone, kb, practice, tickets
from course_utils.datasets import DATA_DIR

GENERATORS = {
    "acme": acme_db.generate,  # data/acme: database, dictionary, train/test questions
    "practice": practice.generate,  # data/practice: small databases in other domains
    "kb": kb.generate,  # data/kb: knowledge-base documents and QA set
    "tickets": tickets.generate,  # data/tickets: support-ticket classification set and label guide
    "capstone": capstone.generate,  # data/capstone: mixed questions; reads data/acme and data/kb
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="data folder (default: data/)")
    parser.add_argument("--only", choices=sorted(GENERATORS), nargs="*", help="data sets to build")
    args = parser.parse_args()
    for name in args.only or GENERATORS:
        start = time.perf_counter()
        GENERATORS[name](args.out)
        print(f"{name:<9} written to {args.out} in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()

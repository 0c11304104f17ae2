"""Notebook 00's table diagram: one arrow per foreign key, clear of other tables, head in view.

The geometry is read back from the drawn figure, in display (pixel) coordinates.
"""

import matplotlib
import matplotlib.pyplot as plt
import pytest
from matplotlib.path import Path
from matplotlib.text import Annotation

from course_utils import datasets
from course_utils.plots import relationship_diagram
from course_utils.sql import foreign_keys, run_sql_frame, table_names

matplotlib.use("Agg")  # draws off screen, the same on every machine

TITLE = ("Reference tables on top; orders, lines, shipments, tickets and returns "
         "refer up to them")


@pytest.fixture(scope="module")
def acme():
    """The Acme tables' columns and foreign keys, as notebook 00 passes them (with its title)."""
    columns = {t: list(run_sql_frame(datasets.ACME_DB, f"SELECT * FROM {t} LIMIT 0").columns)
               for t in table_names(datasets.ACME_DB)}
    return columns, foreign_keys(datasets.ACME_DB)


@pytest.fixture(scope="module")
def drawn(acme):
    """The table boxes, and each arrow's line and head as polygons keyed by (from, to), in pixels."""
    ax = relationship_diagram(*acme, title=TITLE)
    ax.figure.draw_without_rendering()
    boxes = {text.get_text().split("\n")[0]: text.get_bbox_patch().get_window_extent()
             for text in ax.texts if text.get_text()}

    def table_at(xy):
        point = ax.transData.transform(xy)
        return next(name for name, box in boxes.items() if box.contains(*point))

    arrows = {}
    for annotation in ax.texts:
        if isinstance(annotation, Annotation) and annotation.arrow_patch is not None:
            key = table_at(annotation.xyann), table_at(annotation.xy)
            # As polygons: curves flattened, and no dummy (0, 0) vertex closing the head.
            line, head = annotation.arrow_patch.get_path().to_polygons(closed_only=False)
            arrows.setdefault(key, []).append((Path(line), Path(head)))
    yield ax, boxes, arrows
    plt.close(ax.figure)


def test_every_foreign_key_has_one_arrow(acme, drawn):
    _, keys = acme
    _, _, arrows = drawn
    assert {(src, dst) for src, _, dst, _ in keys if src != dst} == set(arrows)
    doubled = [key for key, drawn_arrows in arrows.items() if len(drawn_arrows) > 1]
    assert not doubled, f"drawn twice, one on top of the other (a two-column key): {doubled}"


def test_no_arrow_passes_through_another_table(drawn):
    _, boxes, arrows = drawn
    crossing = [(src, dst, name) for (src, dst), drawn_arrows in arrows.items()
                for arrow in drawn_arrows for part in arrow for name, box in boxes.items()
                if name not in (src, dst) and part.intersects_bbox(box, filled=False)]
    assert not crossing, f"arrows (from, to, through): {crossing}"


def test_every_arrow_and_its_head_are_in_view(drawn):
    """No part of an arrow is hidden under a box, and its head touches the table it points at."""
    _, boxes, arrows = drawn
    hidden, short = set(), set()
    for (src, dst), drawn_arrows in arrows.items():
        for line, head in drawn_arrows:
            if any(box.padded(-1).count_contains(part.vertices)
                   for box in boxes.values() for part in (line, head)):
                hidden.add((src, dst))
            if not boxes[dst].padded(5).count_contains(head.vertices):
                short.add((src, dst))
    assert not hidden, f"arrows (from, to) partly under a box: {sorted(hidden)}"
    assert not short, f"arrows (from, to) that stop short of their table: {short}"


def test_boxes_do_not_overlap_and_the_title_shows(drawn):
    ax, boxes, _ = drawn
    names = list(boxes)
    overlapping = [(a, b) for i, a in enumerate(names) for b in names[i + 1:]
                   if boxes[a].overlaps(boxes[b])]
    assert not overlapping
    figure = ax.figure.bbox
    assert all(figure.contains(box.x0, box.y0) and figure.contains(box.x1, box.y1)
               for box in [*boxes.values(), ax.title.get_window_extent()])

"""The course's charts: a title that states the finding, labelled axes, numbers on the bars."""

from __future__ import annotations

import math
from typing import Mapping, Sequence

import matplotlib.pyplot as plt


def bar_chart(
    values: Mapping[str, float],
    title: str,
    ylabel: str,
    xlabel: str = "",
    value_format: str = "{:,.0f}",
    horizontal: bool = False,
    ax=None,
):
    """Bars with their values printed on them; returns the matplotlib Axes."""
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.4 * len(values) + 1.5) if horizontal else (8, 4))
    labels, heights = list(values), list(values.values())
    bars = (ax.barh if horizontal else ax.bar)(labels, heights, color="#4C72B0")
    ax.bar_label(bars, labels=[value_format.format(v) for v in heights], padding=2)
    ax.set_title(title)
    if horizontal:
        ax.set_xlabel(ylabel)
        ax.set_ylabel(xlabel)
        ax.invert_yaxis()  # first item on top, as in a table
        ax.margins(x=0.15)
    else:
        ax.set_ylabel(ylabel)
        ax.set_xlabel(xlabel)
        ax.margins(y=0.15)
        if max(len(label) for label in labels) > 8:
            ax.tick_params(axis="x", labelrotation=30)
    ax.figure.tight_layout()
    return ax


def grouped_bar_chart(
    groups: Mapping[str, Mapping[str, float]],
    title: str,
    ylabel: str,
    xlabel: str = "",
    value_format: str = "{:,.0f}",
    ax=None,
):
    """One cluster of bars per category, one bar per group (e.g. train vs test)."""
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4))
    categories = list(dict.fromkeys(c for g in groups.values() for c in g))
    width = 0.8 / len(groups)
    for i, (group, values) in enumerate(groups.items()):
        xs = [j + (i - (len(groups) - 1) / 2) * width for j in range(len(categories))]
        heights = [values.get(c, 0) for c in categories]
        bars = ax.bar(xs, heights, width, label=group)
        ax.bar_label(bars, labels=[value_format.format(h) for h in heights], padding=2)
    ax.set_xticks(range(len(categories)), categories)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_xlabel(xlabel)
    ax.margins(y=0.15)
    ax.legend()
    ax.figure.tight_layout()
    return ax


def relationship_diagram(
    tables: Mapping[str, Sequence[str]],
    foreign_keys: Sequence[tuple[str, str, str, str]],
    title: str,
    ax=None,
):
    """Tables as boxes on a circle, an arrow for each foreign key (from table -> to table).

    `tables` maps a table name to its column names; `foreign_keys` holds
    (from_table, from_column, to_table, to_column) tuples.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 10))
    names = list(tables)
    angle = {name: 2 * math.pi * i / len(names) for i, name in enumerate(names)}
    position = {name: (math.cos(a), math.sin(a)) for name, a in angle.items()}
    for src, src_col, dst, dst_col in foreign_keys:
        (x0, y0), (x1, y1) = position[src], position[dst]
        ax.annotate(
            "", xy=(x1, y1), xytext=(x0, y0),
            arrowprops=dict(arrowstyle="-|>", color="#888888", shrinkA=28, shrinkB=28),
        )
        ax.text((x0 + x1) / 2, (y0 + y1) / 2, src_col, fontsize=7, color="#555555",
                ha="center", va="center", backgroundcolor="white")
    for name, (x, y) in position.items():
        columns = tables[name]
        shown = ", ".join(columns[:4]) + (", ..." if len(columns) > 4 else "")
        ax.text(x, y, f"{name}\n({len(columns)} columns)\n{shown}", ha="center", va="center",
                fontsize=8, bbox=dict(boxstyle="round", facecolor="#E8EEF7", edgecolor="#4C72B0"))
    ax.set_xlim(-1.45, 1.45)
    ax.set_ylim(-1.3, 1.3)
    ax.set_axis_off()
    ax.set_title(title)
    return ax

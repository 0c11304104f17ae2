"""The course's charts: a title that states the finding, labelled axes, numbers on the bars."""

from __future__ import annotations

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


def _layers(tables, foreign_keys):
    """Rows of a top-down layout: tables nothing refers onwards from on top, their users below."""
    refers_to = {name: {dst for src, _, dst, _ in foreign_keys if src == name and dst != name}
                 for name in tables}
    depth = {}

    def depth_of(name, seen=()):
        if name not in depth:  # depth = longest chain of foreign keys below the table
            below = [depth_of(d, seen + (name,)) for d in refers_to[name] if d not in seen]
            depth[name] = 1 + max(below, default=-1)
        return depth[name]

    rows = [[] for _ in range(1 + max(depth_of(name) for name in tables))]
    for name in tables:
        rows[depth[name]].append(name)
    # Order each row by the mean position of the tables it refers to, to limit crossing arrows.
    position = {}
    for row in rows:
        row.sort(key=lambda n: sum(position[d] for d in refers_to[n]) / len(refers_to[n])
                 if refers_to[n] else -1)
        position.update({name: i - (len(row) - 1) / 2 for i, name in enumerate(row)})
    return rows, position


def relationship_diagram(
    tables: Mapping[str, Sequence[str]],
    foreign_keys: Sequence[tuple[str, str, str, str]],
    title: str,
    ax=None,
):
    """Tables as boxes, an arrow for each foreign key, pointing at the table referred to.

    `tables` maps a table name to its column names; `foreign_keys` holds
    (from_table, from_column, to_table, to_column) tuples. Referenced (reference) tables
    sit at the top, the tables that refer to them below.
    """
    rows, x_of = _layers(tables, foreign_keys)
    if ax is None:
        _, ax = plt.subplots(figsize=(2.4 * max(map(len, rows)) + 2, 1.5 * len(rows) + 1))
    xy = {name: (2.4 * x_of[name], -depth) for depth, row in enumerate(rows) for name in row}
    for src, src_col, dst, _dst_col in foreign_keys:
        if src == dst:
            continue  # a table referring to itself (e.g. a referral) needs no arrow
        ax.annotate("", xy=xy[dst], xytext=xy[src],
                    arrowprops=dict(arrowstyle="-|>", color="#999999", shrinkA=16, shrinkB=16))
    for name, (x, y) in xy.items():
        ax.text(x, y, f"{name}\n{len(tables[name])} columns", ha="center", va="center", fontsize=9,
                bbox=dict(boxstyle="round", facecolor="#E8EEF7", edgecolor="#4C72B0"))
    xs = [x for x, _ in xy.values()]
    ax.set_xlim(min(xs) - 1.5, max(xs) + 1.5)
    ax.set_ylim(-len(rows) + 0.5, 0.5)
    ax.set_axis_off()
    ax.set_title(title)
    return ax

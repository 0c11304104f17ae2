"""The course's charts: a title that states the finding, labelled axes, numbers on the bars."""

from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import networkx as nx
from matplotlib.path import Path


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


def _spread(wanted):
    """x positions in the given order, as near the wanted ones as a gap of 1 between them allows."""
    left, right = [], []
    for w in wanted:  # each pushed right of its left neighbour, then each left of its right one
        left.append(max(w, left[-1] + 1) if left else w)
    for w in reversed(wanted):
        right.insert(0, min(w, right[0] - 1) if right else w)
    return [(a + b) / 2 for a, b in zip(left, right)]


def _layers(tables, foreign_keys):
    """Rows of a top-down layout and each table's x: referenced tables on top, their users below."""
    graph = nx.DiGraph((src, dst) for src, _, dst, _ in foreign_keys if src != dst)
    graph.add_nodes_from(tables)
    # A cycle of foreign keys becomes one node, whose tables share a row. Reversed, the graph's
    # first generation is the tables that refer to no other, the next the tables referring to them...
    dag = nx.condensation(graph)
    rows = [sorted((name for node in row for name in dag.nodes[node]["members"]),
                   key=list(tables).index) for row in nx.topological_generations(dag.reverse())]
    x = {name: float(i) for row in rows for i, name in enumerate(row)}
    for _ in range(4):  # move each table toward the tables it is linked to, to limit crossings
        for row in rows + rows[::-1]:
            wanted = _wanted_x(graph, row, x)
            row.sort(key=wanted.get)
            x.update(zip(row, _spread([wanted[n] for n in row])))
    return rows, x


def _wanted_x(graph, row, x):
    """Where each table of a row would like to be: the mean x of the tables it is linked to."""
    wanted = {n: sum(x[m] for m in nx.all_neighbors(graph, n)) / graph.degree(n)
              for n in row if graph.degree(n)}
    end = max(wanted.values(), default=-1) + 1  # tables without links go to the right end
    return {n: wanted.get(n, end) for n in row}


def _curve(start, end, bend):
    """The path matplotlib's "arc3,rad=bend" connection draws from start to end."""
    (x1, y1), (x2, y2) = start, end
    control = ((x1 + x2) / 2 + bend * (y2 - y1), (y1 + y2) / 2 - bend * (x2 - x1))
    return Path([start, control, end], [Path.MOVETO, Path.CURVE3, Path.CURVE3])


def _bend(start, end, obstacles):
    """The smallest bend for an arrow from start to end that misses every obstacle box."""
    for bend in (0, 0.15, -0.15, 0.3, -0.3, 0.45, -0.45, 0.6, -0.6):
        if not any(_curve(start, end, bend).intersects_bbox(box.padded(5), filled=False)
                   for box in obstacles):
            return bend
    return 0


def relationship_diagram(
    tables: Mapping[str, Sequence[str]],
    foreign_keys: Sequence[tuple[str, str, str, str]],
    title: str,
    ax=None,
):
    """Tables as boxes, an arrow for each foreign key, pointing at the table referred to.

    `tables` maps a table name to its column names; `foreign_keys` holds
    (from_table, from_column, to_table, to_column) tuples. Referenced (reference) tables
    sit at the top, the tables that refer to them below. Returns the matplotlib Axes.
    """
    rows, x_of = _layers(tables, foreign_keys)
    xy = {name: (x_of[name], -depth) for depth, row in enumerate(rows) for name in row}
    left, right = min(x_of.values()) - 0.5, max(x_of.values()) + 0.5
    if ax is None:
        _, ax = plt.subplots(figsize=(max(8, 2 * (right - left)), 1.2 * len(rows) + 0.8))
    boxes = {name: ax.text(x, y, f"{name}\n{len(tables[name])} columns", ha="center", va="center",
                           fontsize=9, zorder=3,
                           bbox=dict(boxstyle="round", facecolor="#E8EEF7", edgecolor="#4C72B0"))
             for name, (x, y) in xy.items()}
    ax.set_xlim(left, right)
    ax.set_ylim(-len(rows) + 0.5, 0.5)
    ax.set_axis_off()
    ax.set_title(title)
    ax.figure.tight_layout()
    ax.figure.draw_without_rendering()  # lays out the boxes, so that their extents are known
    extent = {name: text.get_bbox_patch().get_window_extent() for name, text in boxes.items()}
    for src, dst in dict.fromkeys((src, dst) for src, _, dst, _ in foreign_keys if src != dst):
        start, end = ax.transData.transform(xy[src]), ax.transData.transform(xy[dst])
        bend = _bend(start, end, [e for n, e in extent.items() if n not in (src, dst)])
        # patchA/patchB clip the arrow at the boxes' edges, so that its head shows.
        ax.annotate("", xy=xy[dst], xytext=xy[src], zorder=2, arrowprops=dict(
            arrowstyle="-|>", color="#999999", connectionstyle=f"arc3,rad={bend}",
            patchA=boxes[src].get_bbox_patch(), patchB=boxes[dst].get_bbox_patch(),
            shrinkA=0, shrinkB=2))
    return ax

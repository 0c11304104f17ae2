"""Spider's difficulty levels (easy / medium / hard / extra), computed from the SQL.

Spider (Yu et al., 2018) grades a query by counting three kinds of components in
its top-level SELECT:

- component 1: WHERE, GROUP BY, ORDER BY, LIMIT, each JOIN, each OR, each LIKE;
- component 2: nested queries (subqueries, CTEs, UNION / INTERSECT / EXCEPT);
- "others": more than one aggregate, more than one selected column, more than one
  WHERE condition, more than one GROUP BY column (each counts once).

and then applies fixed thresholds (`_grade` below). This module parses the SQL with
sqlglot, a real SQL parser, rather than counting keywords with regular expressions,
so a column named `order_date` or a string containing 'OR' cannot fool it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import sqlglot
from sqlglot import exp

DIFFICULTIES = ("easy", "medium", "hard", "extra")
_AGGREGATES = (exp.Count, exp.Sum, exp.Avg, exp.Min, exp.Max)
_QUERIES = (exp.Select, exp.SetOperation)


@dataclass(frozen=True)
class ComponentCounts:
    """The three counts Spider's grading rule looks at."""

    component1: int  # WHERE, GROUP BY, ORDER BY, LIMIT, JOINs, ORs, LIKEs
    component2: int  # nested queries
    others: int  # aggregates > 1, select columns > 1, conditions > 1, group keys > 1


def _own_nodes(node: exp.Expression) -> Iterator[exp.Expression]:
    """Every node under `node`, without descending into nested queries."""
    for child in node.iter_expressions():
        if isinstance(child, _QUERIES):
            continue
        yield child
        yield from _own_nodes(child)


def _first_nested_queries(node: exp.Expression) -> Iterator[exp.Expression]:
    """The nested queries directly inside `node` (not those nested deeper)."""
    for child in node.iter_expressions():
        if isinstance(child, _QUERIES):
            yield child
        else:
            yield from _first_nested_queries(child)


def _condition_leaves(condition: exp.Expression | None) -> list[exp.Expression]:
    """Split a boolean condition on AND / OR into its individual conditions."""
    if condition is None:
        return []
    if isinstance(condition, exp.Paren):
        return _condition_leaves(condition.this)
    if isinstance(condition, exp.Connector):  # And, Or
        return _condition_leaves(condition.left) + _condition_leaves(condition.right)
    return [condition]


def _count_ors(condition: exp.Expression | None) -> int:
    if condition is None:
        return 0
    return int(isinstance(condition, exp.Or)) + sum(
        isinstance(node, exp.Or) for node in _own_nodes(condition)
    )


def _count_aggregates(node: exp.Expression | None) -> int:
    if node is None:
        return 0
    own = [node, *_own_nodes(node)]
    return sum(isinstance(n, _AGGREGATES) for n in own)


def _main_select(tree: exp.Expression) -> exp.Select:
    """The leftmost SELECT: in `A UNION B`, Spider grades A and counts B as nested."""
    while isinstance(tree, exp.SetOperation):
        tree = tree.this
    if isinstance(tree, exp.Subquery):
        return _main_select(tree.this)
    if not isinstance(tree, exp.Select):
        raise ValueError(f"not a SELECT query: {tree.sql()[:80]!r}")
    return tree


def count_components(sql: str) -> ComponentCounts:
    """Parse `sql` (SQLite dialect) and count Spider's components."""
    try:
        tree = sqlglot.parse_one(sql, read="sqlite")
    except sqlglot.errors.ParseError as error:
        raise ValueError(f"cannot grade SQL that does not parse: {error}") from None
    select = _main_select(tree)
    where = select.args.get("where")
    having = select.args.get("having")
    group = select.args.get("group")
    order = select.args.get("order")
    joins = select.args.get("joins") or []

    join_conditions = [j.args.get("on") for j in joins if j.args.get("on") is not None]
    conditions = [*join_conditions, where and where.this, having and having.this]
    leaves = [leaf for c in conditions for leaf in _condition_leaves(c)]

    component1 = (
        sum(clause is not None for clause in (where, group, order, select.args.get("limit")))
        + len(joins)
        + sum(_count_ors(c) for c in conditions)
        + sum(isinstance(leaf.unnest() if isinstance(leaf, exp.Not) else leaf, exp.Like)
              for leaf in leaves)
    )

    nested = list(_first_nested_queries(select))
    component2 = len(nested) + int(isinstance(tree, exp.SetOperation))

    aggregates = sum(
        _count_aggregates(part)
        for part in (*select.expressions, where, group, order, having)
    )
    group_keys = len(group.expressions) if group is not None else 0
    where_conditions = len(_condition_leaves(where.this)) if where is not None else 0
    others = (
        int(aggregates > 1)
        + int(len(select.expressions) > 1)
        + int(where_conditions > 1)
        + int(group_keys > 1)
    )
    return ComponentCounts(component1, component2, others)


def _grade(c: ComponentCounts) -> str:
    """Spider's thresholds, as in its official evaluation script."""
    c1, c2, others = c.component1, c.component2, c.others
    if c1 <= 1 and others == 0 and c2 == 0:
        return "easy"
    if (others <= 2 and c1 <= 1 and c2 == 0) or (c1 <= 2 and others < 2 and c2 == 0):
        return "medium"
    if (
        (others > 2 and c1 <= 2 and c2 == 0)
        or (2 < c1 <= 3 and others <= 2 and c2 == 0)
        or (c1 <= 1 and others == 0 and c2 <= 1)
    ):
        return "hard"
    return "extra"


def spider_difficulty(sql: str) -> str:
    """Spider's difficulty of a SQL query: 'easy', 'medium', 'hard' or 'extra'."""
    return _grade(count_components(sql))

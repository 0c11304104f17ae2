"""Carrying a known query over to another database: schema linking with the embedder.

A base model has seen questions and queries on other databases (the practice databases of
the train split). Faced with a question about a schema it has never seen, it reuses the
shape of a query it knows and re-links the query's tables and columns to the new schema,
the way text-to-SQL worked before LLMs (a sketch plus schema linking):

1. Read which tables and columns the known query uses (sqlglot parses it; each column is
   resolved to its table through aliases and the query's nesting).
2. Map its tables to the new schema's tables. Joins must survive: a foreign key the query
   follows must map to a foreign key between the mapped tables. Tables the old question
   named should map to tables the new question names (embedder similarity of n-grams).
3. Map its columns, kind for kind (yes/no flag, number, date, text): keys follow the foreign keys; other
   columns go to the new question's words when the old question named them, and to the
   table's display column (its first text column: a name or title) when it did not. A column
   the query only tests for NULL may move to a column of any kind ("no breed recorded" ->
   "no wind speed recorded").
4. Rewrite the names in the query's text; adaptation.py then carries the values over.
5. Offer variants the question may ask for: more columns in the output (widened), counted or
   listed (count_twin), filtered on a value the query leaves out (filtered).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np
import sqlglot
from sqlglot import exp

from course_utils.offline.reading.words import STOP_WORDS, stem
from course_utils.offline.sql.adaptation import find_value, opens_sentence
from course_utils.offline.sql.cues import asked
from course_utils.sql_mentions import find_time_mentions
from course_utils.offline.reading.schema_text import SchemaText, read_schema_text

_NUMBER_TYPES = re.compile(r"INT|REAL|FLOA|DOUB|NUM|DEC|MONEY", re.IGNORECASE)
_DATE_NAMES = re.compile(r"(^|_)(date|day|time|timestamp|at|on)$|^date_|_date_", re.IGNORECASE)
_FLAG_NAMES = {"active", "enabled", "available", "deleted", "verified", "paid"}  # yes/no without is_
MAX_TABLE_MAPS = 3  # table mappings kept per known query
FIRST_CHOICES = 6  # tables tried for a query table that no join ties to one already placed
# a word run this close to a table's name mentions it (Linker.first_named); chosen on the train
# practice questions, where the first table mentioned is then the answer table (benchmarks/RESULTS.md)
FIRST_NAMED = 0.45


@dataclass(frozen=True)
class SchemaView:
    """A schema reduced to what linking needs: lower-case names, column kinds, foreign keys."""

    columns: dict[str, tuple[str, ...]]  # table -> its columns, in order
    kinds: dict[tuple[str, str], str]  # (table, column) -> "key" | "flag" | "number" | "date" | "text"
    links: tuple[tuple[str, str, str, str], ...]  # (table, column, referenced table, referenced column)

    def display_column(self, table: str) -> str | None:
        """The column that names a row (name, title): the first text column."""
        return next((c for c in self.columns.get(table, ()) if self.kinds[(table, c)] == "text"), None)

    @cached_property
    def name_parts(self) -> set[str]:
        """The words schema names are made of, stemmed: "alert_type" gives "alert" and "type"."""
        return {stem(p.lower()) for name in [*self.columns, *(c for cs in self.columns.values() for c in cs)]
                for p in name.split("_") if len(p) > 2}

    def primary_key(self, table: str) -> str | None:
        keys = [c for c in self.columns.get(table, ()) if self.kinds[(table, c)] == "key"]
        named = [c for c in keys if c in ("id", f"{table}_id")]
        return (named or keys or [None])[0]


def view_of(schema: SchemaText) -> SchemaView:
    """The SchemaView of a schema read from a prompt."""
    links = tuple((t.lower(), c.lower(), rt.lower(), (rc or "").lower()) for t, c, rt, rc in schema.foreign_keys)
    linked = {(t, c) for t, c, _, _ in links} | {(rt, rc) for _, _, rt, rc in links}
    columns, kinds = {}, {}
    for table, cols in schema.tables.items():
        table = table.lower()
        columns[table] = tuple(c.name.lower() for c in cols)
        for c in cols:
            name = c.name.lower()
            if (table, name) in linked or name == "id" or name.endswith("_id"):
                kinds[(table, name)] = "key"
            elif re.match(r"(is|has|can)_", name) or name in _FLAG_NAMES or "BOOL" in c.type.upper():
                kinds[(table, name)] = "flag"
            elif "DATE" in c.type.upper() or "TIME" in c.type.upper() or _DATE_NAMES.search(name):
                kinds[(table, name)] = "date"
            elif _NUMBER_TYPES.search(c.type):
                kinds[(table, name)] = "number"
            else:
                kinds[(table, name)] = "text"
    return SchemaView(columns, kinds, links)


def spoken(name: str) -> str:
    """How a question would say a schema name: "estimated_value" -> "estimated value"."""
    return " ".join(re.sub(r"([a-z])([A-Z])", r"\1 \2", name).replace("_", " ").split()).lower()


# --------------------------------------------------------------------------------------
# Reading a query's names


@dataclass
class _Name:
    start: int
    end: int  # exclusive
    table: str  # the table it is, or the table the column belongs to
    column: str | None = None
    null_test: bool = False  # the column is only tested for NULL here ("no breed recorded")


@lru_cache(maxsize=4096)
def parsed(sql: str) -> exp.Expression | None:
    """sqlglot's tree of a query (None if it does not parse), kept: known queries are read on
    every request that carries them over. Treat it as read-only."""
    try:
        return sqlglot.parse_one(sql, read="sqlite")
    except sqlglot.errors.ParseError:
        return None


def names_in_query(sql: str, view: SchemaView) -> list[_Name] | None:
    """Every table and column name written in the query, resolved; None if it does not parse
    or names something the schema lacks."""
    tree = parsed(sql)
    if tree is None:
        return None
    names: list[_Name] = []
    for table in tree.find_all(exp.Table):
        meta = table.this.meta
        if table.name.lower() not in view.columns or "start" not in meta:
            return None
        names.append(_Name(meta["start"], meta["end"] + 1, table.name.lower()))
    for column in tree.find_all(exp.Column):
        meta = column.this.meta
        owner = _owner(column, view)
        if owner is None or "start" not in meta:
            return None
        names.append(_Name(meta["start"], meta["end"] + 1, owner, column.name.lower(),
                           isinstance(column.parent, exp.Is) and isinstance(column.parent.expression, exp.Null)))
    return sorted(names, key=lambda n: n.start)


def _owner(column: exp.Column, view: SchemaView) -> str | None:
    """The table a column belongs to: through its alias, or the table of the nearest enclosing
    SELECT that has a column of that name."""
    name = column.name.lower()
    select = column.find_ancestor(exp.Select)
    while select is not None:
        tables = [t for t in select.find_all(exp.Table) if t.find_ancestor(exp.Select) is select]
        if column.table:
            match = [t.name.lower() for t in tables if (t.alias or t.name).lower() == column.table.lower()]
        else:
            match = [t.name.lower() for t in tables if name in view.columns.get(t.name.lower(), ())]
        if match:
            return match[0] if name in view.columns.get(match[0], ()) else None
        select = select.find_ancestor(exp.Select)
    return None


def compared_values(sql: str, view: SchemaView) -> list[tuple[str, str, str]]:
    """(table, column, value) for every `column = 'value'` the query tests, columns resolved."""
    tree = parsed(sql)
    out = []
    for test in (tree.find_all(exp.EQ) if tree is not None else ()):
        column, value = test.this, test.expression
        if isinstance(value, exp.Column):
            column, value = value, column
        if isinstance(column, exp.Column) and isinstance(value, exp.Literal) and value.is_string:
            owner = _owner(column, view)
            if owner is not None:
                out.append((owner, column.name.lower(), value.this))
    return out


def answer_columns(sql: str, view: SchemaView) -> list[tuple[str, str | None]]:
    """What the query returns, as (table, column) per output: the column an output reads, or
    (its FROM table, None) for COUNT(*) and the like. Empty when it does not parse."""
    tree = parsed(sql)
    while isinstance(tree, exp.SetOperation):  # INTERSECT / UNION / EXCEPT return their first part's columns
        tree = tree.this
    if not isinstance(tree, exp.Select):
        return []
    source = next((f.this for f in tree.find_all(exp.From) if f.parent is tree), None)
    own = source.name.lower() if isinstance(source, exp.Table) else None
    out = []
    for output in tree.expressions:
        column = output.find(exp.Column)
        owner = _owner(column, view) if column is not None else None
        out.append((owner, column.name.lower()) if owner else (own, None))
    return [(t, c) for t, c in out if t is not None]


# --------------------------------------------------------------------------------------
# Linking: how strongly a question names a schema item


def word_runs(question: str) -> list[tuple[int, str]]:
    """The question's 1-3 word runs that could name a table or column, each with the position of
    its first word: a name does not start or end with a function word, so "the order" and
    "orders of" are left out (fewer to embed)."""
    words = re.findall(r"[A-Za-z0-9']+", question)
    return [(i, " ".join(words[i:i + n])) for n in (1, 2, 3) for i in range(len(words) - n + 1)
            if words[i].lower() not in STOP_WORDS and words[i + n - 1].lower() not in STOP_WORDS]


def mention_spans(question: str) -> list[str]:
    """The texts of the question's word runs (word_runs)."""
    return [text for _, text in word_runs(question)]


class Linker:
    """Embedder similarity between a question's word runs and schema names (the embedder caches both)."""

    def __init__(self, embed):
        self.embed = embed

    def ngram_vectors(self, question: str) -> np.ndarray:
        return self.embed(mention_spans(question) or [question])

    def mention(self, question: str, names: list[str]) -> np.ndarray:
        """For each schema name, its best cosine with any 1-3 word run of the question."""
        if not names:
            return np.zeros(0, dtype=np.float32)
        return (self.embed([spoken(n) for n in names]) @ self.ngram_vectors(question).T).max(axis=1)

    def claimed(self, question: str, names: list[str]) -> np.ndarray:
        """Like `mention`, but a word run counts only for the name it is closest to: "start
        dates" names start_date, and end_date only as far as other words name it."""
        if not names:
            return np.zeros(0, dtype=np.float32)
        cosines = self.embed([spoken(n) for n in names]) @ self.ngram_vectors(question).T  # (names, spans)
        own = cosines == cosines.max(axis=0, keepdims=True)
        return np.where(own, cosines, 0.0).max(axis=1)

    def first_named(self, question: str, names: list[str], clearly: float = FIRST_NAMED) -> str | None:
        """Of the names the question says at least `clearly`, the one it says first: what a
        question asks for comes early ("Which *artists* have works in bronze?")."""
        spans = word_runs(question)
        if not names or not spans:
            return None
        cosines = self.embed([text for _, text in spans]) @ self.embed([spoken(n) for n in names]).T  # (spans, names)
        for start in sorted({i for i, _ in spans}):  # the first word that starts a clear mention
            here = cosines[[k for k, (i, _) in enumerate(spans) if i == start]].max(axis=0)
            if here.max() >= clearly:
                return names[int(here.argmax())]
        return None

    def closest(self, name: str, options: list[str]) -> int:
        """The index of the schema name in `options` closest to `name` (one embedder call)."""
        vectors = self.embed([spoken(name), *(spoken(o) for o in options)])
        return int(np.argmax(vectors[1:] @ vectors[0]))


# --------------------------------------------------------------------------------------
# Mapping one query onto another schema


@dataclass
class Transfer:
    """A known query re-linked to a new schema."""

    sql: str
    confidence: float  # mean linking score of its mapped names, about 0..1
    renames: list[str] = field(default_factory=list)  # "book -> artwork", for the reasoning steps


def said_in_question(source_q: str, source_sql: str, source: SchemaView, link: Linker) -> dict[str, float]:
    """How clearly source_q names each table ("t") and column ("t.c") its query uses. It depends
    only on the known pair, so the model stores it with the pair instead of embedding the old
    question's n-grams on every request."""
    names = names_in_query(source_sql, source) or []
    keys = list(dict.fromkeys(n.table if n.column is None else f"{n.table}.{n.column}" for n in names))
    return {k: float(v) for k, v in zip(keys, link.mention(source_q, [k.split(".")[-1] for k in keys]))}


def transfer(source_q: str, source_sql: str, source: SchemaView, question: str, target: SchemaView,
             link: Linker, said: dict[str, float] | None = None) -> list[Transfer]:
    """The best re-linkings of source_sql (which answers source_q on `source`) to `target`.

    said: said_in_question for the known pair, if already known."""
    names = names_in_query(source_sql, source)
    if not names or not target.columns:
        return []
    used_tables = list(dict.fromkeys(n.table for n in names))
    used_columns = list(dict.fromkeys((n.table, n.column) for n in names if n.column))
    # a column only tested for NULL may move to a column of any kind: "no breed recorded", "no wind speed recorded"
    null_only = {tc for tc in used_columns if all(n.null_test for n in names if (n.table, n.column) == tc)}
    followed = [lk for lk in source.links if (lk[0], lk[1]) in used_columns and lk[2] in used_tables]
    targets = list(target.columns)
    if len(used_tables) > len(targets):
        return []
    said = said if said is not None else said_in_question(source_q, source_sql, source, link)
    source_mention = {t: said[t] for t in used_tables}
    target_mention = dict(zip(targets, link.mention(question, targets)))
    maps = []
    for table_map in _table_maps(used_tables, followed, target, target_mention):
        if not all(_linked(target, table_map[t], table_map[r]) for t, _, r, _ in followed):
            continue
        score = sum(source_mention[s] * target_mention[t] for s, t in table_map.items())
        maps.append((score, table_map))
    maps.sort(key=lambda m: -m[0])
    results = []
    for table_score, table_map in maps[:MAX_TABLE_MAPS]:
        column_map = _map_columns(used_columns, followed, table_map, said, source, question, target, link, null_only)
        if column_map is None:
            continue
        renamed, renames = _rewrite(source_sql, names, table_map, column_map)
        scores = [table_score / max(1e-6, sum(source_mention.values()))] + [s for _, s in column_map.values()]
        results.append(Transfer(renamed, float(np.mean(scores)), renames))
    return results


def _table_maps(used: list[str], followed, target: SchemaView, mention: dict[str, float]) -> list[dict[str, str]]:
    """Every one-to-one map of the used tables to the target's tables that can keep the joins.

    Tables are placed one at a time, each next to one already placed when a followed foreign key
    joins them, so only the new schema's foreign keys are tried there; a table with no join to
    those placed tries the FIRST_CHOICES tables the new question names most clearly."""
    order = [used[0]]
    while len(order) < len(used):
        joined = [t for t in used if t not in order and any({a, b} & set(order) and t in (a, b)
                                                          for a, _, b, _ in followed)]
        order.append(joined[0] if joined else next(t for t in used if t not in order))
    by_mention = sorted(target.columns, key=lambda t: -mention[t])[:FIRST_CHOICES]

    def options(table: str, placed: dict[str, str]) -> list[str]:
        allowed = None
        for a, _, b, _ in followed:
            if a == table and b in placed:
                fits = {t for t, _, r, _ in target.links if r == placed[b]}
            elif b == table and a in placed:
                fits = {r for t, _, r, _ in target.links if t == placed[a]}
            else:
                continue
            allowed = fits if allowed is None else allowed & fits
        return by_mention if allowed is None else sorted(allowed)

    maps: list[dict[str, str]] = []

    def place(placed: dict[str, str]) -> None:
        if len(placed) == len(order):
            maps.append(dict(placed))
            return
        table = order[len(placed)]
        for choice in options(table, placed):
            if choice not in placed.values():
                place({**placed, table: choice})

    place({})
    return maps


def _linked(view: SchemaView, table: str, referenced: str) -> bool:
    return any(t == table and r == referenced for t, _, r, _ in view.links)


def _map_columns(used_columns, followed, table_map, said_before: dict[str, float], source: SchemaView, question,
                 target: SchemaView, link: Linker,
                 any_kind: set[tuple[str, str]] = frozenset()) -> dict[tuple[str, str], tuple[str, float]] | None:
    """(source table, column) -> (target column, score), or None when a column has no match.

    any_kind: source columns that may map to a column of another kind (those only tested for NULL)."""
    column_map: dict[tuple[str, str], tuple[str, float]] = {}
    for table, column, referenced, referenced_column in followed:
        options = [(c, rc) for t, c, r, rc in target.links if t == table_map[table] and r == table_map[referenced]]
        c, rc = options[link.closest(column, [c for c, _ in options])] if len(options) > 1 else options[0]
        column_map[(table, column)] = (c, 1.0)
        column_map[(referenced, referenced_column)] = (rc or target.primary_key(table_map[referenced]), 1.0)
    for table, column in used_columns:
        if (table, column) in column_map:
            continue
        kind = source.kinds[(table, column)]
        if kind == "key":
            key = target.primary_key(table_map[table])
            if key is None:
                return None
            column_map[(table, column)] = (key, 1.0)
    open_columns = [tc for tc in used_columns if tc not in column_map]
    if not open_columns:
        return column_map
    said = {(t, c): said_before[f"{t}.{c}"] for t, c in open_columns}
    for table in dict.fromkeys(t for t, _ in open_columns):
        mine = [tc for tc in open_columns if tc[0] == table]
        new_table = table_map[table]
        options = [c for c in target.columns[new_table] if target.kinds[(new_table, c)] != "key"]
        heard = dict(zip(options, link.mention(question, options)))
        display = target.display_column(new_table)
        taken: set[str] = set()
        # the columns the old question said most clearly choose first
        for tc in sorted(mine, key=lambda tc: -said[tc]):
            kind = source.kinds[tc]
            was_display = source.display_column(table) == tc[1]
            fits = [c for c in options if (tc in any_kind or target.kinds[(new_table, c)] == kind) and c not in taken]
            if not fits:
                return None
            weight = float(np.clip(said[tc], 0.0, 1.0))

            def score(c: str) -> float:
                return weight * float(heard[c]) + (1 - weight) * float((c == display) == was_display)

            best = max(fits, key=score)
            taken.add(best)
            column_map[tc] = (best, score(best))
    return column_map


def _rewrite(sql: str, names: list[_Name], table_map: dict[str, str],
             column_map: dict[tuple[str, str], tuple[str, float]]) -> tuple[str, list[str]]:
    out, at, renames = [], 0, []
    for n in names:
        new = table_map[n.table] if n.column is None else column_map[(n.table, n.column)][0]
        old = sql[n.start:n.end]
        out += [sql[at:n.start], new]
        at = n.end
        change = f"{old} -> {new}"
        if old.lower() != new and change not in renames:
            renames.append(change)
    out.append(sql[at:])
    return "".join(out), renames


CLEARLY_NAMED = 0.6  # a column the question names at least this clearly (Linker.mention) is asked for


def widened(sql: str, view: SchemaView, question: str, link: Linker) -> str | None:
    """The query with the columns of its tables that the question clearly names but the query does
    not use added to its SELECT list ("titles and opening dates"), or None when there is none to
    add. A word names the column of those tables closest to it (Linker.claimed): "start dates"
    adds start_date, not end_date too. Only for a plain listing: a query that aggregates or groups
    would change meaning."""
    tree = parsed(sql)
    if not isinstance(tree, exp.Select) or tree.args.get("group") or any(
            e.find(exp.AggFunc) or e.find(exp.Star) for e in tree.expressions):
        return None
    shown = {c.name.lower() for e in tree.expressions for c in e.find_all(exp.Column)}
    # a column the query filters on is asked for again only if it is a date: a filter on a period
    # ("posted in March 2024") does not show the dates that "titles and dates" asks for
    used = shown | {c.name.lower() for c in tree.find_all(exp.Column) if not _is_date(c, view)}
    added = []
    tables = [t for t in tree.find_all(exp.Table) if t.find_ancestor(exp.Select) is tree]
    columns = list(dict.fromkeys(c for t in tables for c in view.columns.get(t.name.lower(), ())
                                 if view.kinds[(t.name.lower(), c)] != "key"))
    named = dict(zip(columns, link.claimed(question, columns).tolist()))
    for table in tables:
        name = table.name.lower()
        for column in view.columns.get(name, ()):
            if view.kinds[(name, column)] != "key" and column not in used and named.get(column, 0) >= CLEARLY_NAMED:
                added.append(exp.column(column, table=table.alias or None))
                used.add(column)
    return tree.select(*added, copy=True).sql(dialect="sqlite") if added else None


def _is_date(column: exp.Column, view: SchemaView) -> bool:
    return any(view.kinds.get((t, column.name.lower())) == "date" for t in view.columns)


def count_twin(sql: str, view: SchemaView, count: bool) -> str | None:
    """The same rows counted (count=True: "how many ...?") or listed by their display column
    (count=False) when the query does the other; None when it is not a plain listing or count
    (grouped, ordered or limited queries keep their form)."""
    tree = parsed(sql)
    if not isinstance(tree, exp.Select) or any(tree.args.get(k) for k in ("group", "order", "limit", "having")):
        return None
    counts = len(tree.expressions) == 1 and isinstance(tree.expressions[0], exp.Count) and isinstance(
        tree.expressions[0].this, exp.Star)
    if count == counts or (not counts and any(e.find(exp.AggFunc) for e in tree.expressions)):
        return None
    if count:
        return tree.select(exp.Count(this=exp.Star()), append=False, copy=True).sql(dialect="sqlite")
    source = tree.find(exp.From)
    table = source.this if source is not None else None
    shown = view.display_column(table.name.lower()) if isinstance(table, exp.Table) else None
    if shown is None:
        return None
    return tree.select(exp.column(shown, table=table.alias or None), append=False, copy=True).sql(dialect="sqlite")


def value_fits(value: str, table: str, view: SchemaView, embed) -> dict[str, float]:
    """How well a value fits each text column of `table`: the embedder's cosine of the value with
    the column's spoken name ("bronze" fits medium better than title)."""
    columns = [c for c in view.columns.get(table, ()) if view.kinds[(table, c)] == "text"]
    if not columns:
        return {}
    vectors = embed([value] + [spoken(c) for c in columns])
    return dict(zip(columns, (vectors[1:] @ vectors[0]).tolist()))


def value_column(value: str, table: str, view: SchemaView, link: Linker) -> str | None:
    """The text column of `table` most likely to hold `value` ("frost" -> alert_type): the best
    value_fits. A weak signal (its accuracy is in benchmarks/RESULTS.md), so callers offer it as
    one candidate among others."""
    fits = value_fits(value, table, view, link.embed)
    return max(fits, key=fits.get) if fits else None


def filtered(sql: str, view: SchemaView, values: list[str], link: Linker) -> str | None:
    """The query with a filter on the question's first value it does not use ("Count the frost
    alerts": COUNT(*) FROM alert -> ... WHERE alert_type = 'frost'), on the text column of its
    first table that best fits the value; None when it uses every value or is not a plain SELECT."""
    tree = parsed(sql)
    unused = [v for v in values if f"'{v.lower()}'" not in sql.lower()]
    source = next((f for f in tree.find_all(exp.From) if f.parent is tree), None) if isinstance(tree, exp.Select) else None
    if not unused or source is None or not isinstance(source.this, exp.Table):
        return None
    table = source.this
    column = value_column(unused[0], table.name.lower(), view, link)
    if column is None:
        return None
    condition = exp.EQ(this=exp.column(column, table=table.alias or None), expression=exp.Literal.string(unused[0]))
    return tree.where(condition, copy=True).sql(dialect="sqlite")


@lru_cache(maxsize=64)
def cached_view(schema_text: str) -> SchemaView:
    """The SchemaView of a schema text (the model's memory holds a few, requests repeat theirs)."""
    return view_of(read_schema_text(schema_text))


def schema_masked(question: str, view: SchemaView) -> str:
    """The question with the schema's own words, names and numbers masked, so that questions
    about different databases compare by what they ask, not by their domain (DAIL-SQL's idea)."""
    parts = view.name_parts
    out = []
    for i, word in enumerate(re.findall(r"[A-Za-z0-9']+|[^\sA-Za-z0-9']", question)):
        if re.fullmatch(r"\d+(\.\d+)?", word):
            out.append("N")
        elif stem(word.lower()) in parts:
            out.append("item")
        elif i > 0 and word[:1].isupper() and word.isalpha():
            out.append("X")
        else:
            out.append(word)
    return re.sub(r"\b(X|item)( \1\b)+", r"\1", " ".join(out))


_NAME_RUN = re.compile(r"[A-Z][\w&.-]*(?:'(?!s\b)[\w]+)?(?:\s+(?:(?:of|and|the|on|de|van|von|la)\s+)?[A-Z][\w&.-]*)*")


def names_in_question(question: str) -> list[str]:
    """Capitalised names a question mentions ("Skerry Light", "Stone and Metal"); the first word
    of a sentence only counts as part of a longer name, and a time period ("May 2024") is none."""
    periods = [(m.start, m.end) for m in find_time_mentions(question)]
    names = []
    for match in _NAME_RUN.finditer(question):
        if any(start < match.end() and match.start() < end for start, end in periods):
            continue
        words = match.group(0).rstrip(".").split()
        if opens_sentence(question, match.start()):
            words = words[1:]
            while words and words[0].islower():
                words = words[1:]
        if words:
            names.append(" ".join(words))
    return names


def fill_names(sql: str, source_q: str, question: str) -> tuple[str, int]:
    """Replace the quoted names the old question gave and the new one lacks by the names the
    new question gives, in order; returns the query and how many were replaced."""
    free = [n for n in names_in_question(question) if f"'{n.lower()}'" not in sql.lower()]
    replaced = 0

    def swap(match: re.Match) -> str:
        nonlocal replaced
        value = match.group(1)
        if not find_value(value, source_q) or find_value(value, question) or not value[:1].isupper() or not free:
            return match.group(0)
        replaced += 1
        return "'" + free.pop(0).replace("'", "''") + "'"

    return re.sub(r"'((?:[^']|'')+)'", swap, sql), replaced


# superlatives ("earliest", "newest") already ask for an operation (cues.py)
_ORDERING = re.compile(r"(?:a|de)scending|(?:re)?ordered|sorted|alphabetical(?:ly)?|chronological(?:ly)?|"
                       r"order|sort|ranked")


def plain_values(question: str, view: SchemaView) -> list[str]:
    """Lower-case words of the question that can only be values ("works in bronze", "the fruit
    category"): not function words, not the schema's own words, not words that ask for an
    operation ("most", "average") or an order ("descending"). Each word is one value; "dairy and
    eggs" stays one."""
    parts = view.name_parts
    words = re.findall(r"[A-Za-z][A-Za-z'-]*|[^\sA-Za-z]+", question)
    free = [w.islower() and w not in STOP_WORDS and not asked(w) and not _ORDERING.fullmatch(w)
            and not _is_schema_word(w, parts) for w in words]
    values, run, joined = [], [], False
    for i, (word, ok) in enumerate(zip(words, free)):
        if ok and run and not joined:  # two plain words in a row are two values ("submitted state")
            values.append(" ".join(run))
            run = []
        if ok:
            run, joined = run + [word], False
        elif word == "and" and run and i + 1 < len(words) and free[i + 1]:
            run, joined = run + [word], True
        elif run:
            values.append(" ".join(run))
            run = []
    return values + ([" ".join(run)] if run else [])


def _is_schema_word(word: str, parts: set[str]) -> bool:
    """The word names part of the schema: "works" for artwork, "type" for alert_type."""
    base = stem(word.lower())
    return base in parts or (len(base) > 3 and any(base in p or p in base for p in parts if len(p) > 3))


def fill_plain_values(sql: str, question: str, view: SchemaView, values: list[str] | None = None) -> tuple[str, int]:
    """Give the query's quoted values that the question does not say, or that are only schema
    words, the question's plain values, the last ones for the last literals; returns the query
    and how many were replaced. values: plain_values(question, view), if already known."""
    parts = view.name_parts
    values = plain_values(question, view) if values is None else values
    available = [v for v in values if f"'{v.lower()}'" not in sql.lower()]
    literals = [m for m in re.finditer(r"'((?:[^']|'')+)'", sql) if re.fullmatch(r"[A-Za-z][\w' &-]*", m.group(1))]
    wrong = [m for m in literals if not find_value(m.group(1), question)
             or all(_is_schema_word(w, parts) or w in STOP_WORDS for w in m.group(1).lower().split())]
    wrong = [m for m in wrong if not m.group(1)[:1].isupper() or not names_in_question(question)]
    chosen = dict(zip([m.start() for m in wrong][::-1], available[::-1]))
    if not chosen:
        return sql, 0
    out, at = [], 0
    for m in literals:
        if m.start() in chosen:
            out += [sql[at:m.start()], "'" + chosen[m.start()].replace("'", "''") + "'"]
            at = m.end()
    return "".join(out) + sql[at:], len(chosen)


def trimmed_values(sql: str, view: SchemaView) -> str:
    """The query with lower-case schema words cut from the ends of its quoted values: a value does
    not name its own column ("the French nationality": 'French nationality' -> 'French', "the
    Uplands region" -> 'Uplands'). Capitalised words stay: they are part of a name ("Print Room")."""
    parts = view.name_parts

    def trim(match: re.Match) -> str:
        words = match.group(1).split(" ")
        while len(words) > 1 and words[-1].islower() and _is_schema_word(words[-1], parts):
            words.pop()
        while len(words) > 1 and words[0].islower() and _is_schema_word(words[0], parts):
            words.pop(0)
        return "'" + " ".join(words) + "'"

    return re.sub(r"'((?:[^']|'')+)'", trim, sql)

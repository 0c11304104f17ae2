"""Read a database schema and its data dictionary from the text of a prompt.

The offline model answers text-to-SQL requests with no database at hand: all it knows about
the tables is what the learner pasted into the prompt. This module turns that text into a
SchemaText with rules only (regular expressions and a small CREATE TABLE scanner). It reads:

- CREATE TABLE statements: any case, quoted names, inline and table-level keys, `-- comments`;
- markdown column tables under a heading or bold line naming the table (the course dictionary's
  "Key" and "Codes / values" cells included), and "| table | column | type | ... |" tables;
- one-line forms: `t(a, b)`, `t (a INTEGER, b TEXT)`, `- t: a, b`, `Table t: a, b`;
- code lists: "| Code | Meaning |" tables and "- `A` = Active" bullets, with an optional
  "Used in: `t.c`" line naming the columns they belong to;
- idioms: a "### Title" heading, prose, then a ```sql block; and the snapshot date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date


@dataclass(frozen=True)
class Column:
    """One column of one table, as the text describes it."""

    table: str
    name: str
    type: str = ""
    description: str = ""


@dataclass(frozen=True)
class CodeValue:
    """One coded value and its meaning; `column` is "table.column" when the text says."""

    code: str
    meaning: str
    column: str = ""


@dataclass
class SchemaText:
    """Everything read from a prompt's schema text."""

    tables: dict[str, list[Column]] = field(default_factory=dict)
    table_descriptions: dict[str, str] = field(default_factory=dict)
    foreign_keys: list[tuple[str, str, str, str]] = field(default_factory=list)
    codes: list[CodeValue] = field(default_factory=list)
    idioms: list[tuple[str, str, str]] = field(default_factory=list)
    snapshot_date: str | None = None

    def column_names(self) -> set[str]:
        """Every column name, lower-cased."""
        return {column.name.lower() for columns in self.tables.values() for column in columns}

    def find_column(self, name: str) -> list[Column]:
        """The columns called `name` (any case), in any table."""
        wanted = name.lower()
        return [c for columns in self.tables.values() for c in columns if c.name.lower() == wanted]


_IDENT = r'(?:"(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|[^\W\d][\w$]*)'
_CREATE = re.compile(rf"\bcreate\s+(?:temp(?:orary)?\s+)?table\s+(?:if\s+not\s+exists\s+)?"
                     rf"(?P<name>{_IDENT}(?:\s*\.\s*{_IDENT})?)\s*\(", re.IGNORECASE)
_TABLE_CONSTRAINT = re.compile(r"(?:constraint\s+\S+\s+)?(?:primary\s+key|foreign\s+key|unique\s*\(|"
                               r"check\s*\(|(?:key|index)\s+\S*\s*\()", re.IGNORECASE)
_FOREIGN = re.compile(r"foreign\s+key\s*\((?P<cols>[^)]*)\)", re.IGNORECASE)
_REFERENCES = re.compile(rf"\breferences\s+(?P<table>{_IDENT}(?:\s*\.\s*{_IDENT})?)"
                         rf"\s*(?:\((?P<cols>[^)]*)\))?", re.IGNORECASE)
_STATEMENT_TAIL = re.compile(r"[^;\n]*;?")
# The declared type ends where the first column constraint starts.
_TYPE_END = re.compile(r"\b(?:constraint|primary|not|null|unique|references|default|check|collate|"
                       r"generated|as|autoincrement|auto_increment|identity|comment)\b", re.IGNORECASE)
_TYPE_WORDS = {"int", "integer", "bigint", "smallint", "tinyint", "text", "varchar", "char", "nvarchar",
               "string", "real", "float", "double", "decimal", "numeric", "number", "bool", "boolean",
               "date", "datetime", "timestamp", "time", "blob", "json", "uuid", "serial", "money"}

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)[\s#]*$")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_TABLE_TITLE = re.compile(r"^(?:\d+[.)]\s*)?(?:table\b\s*:?\s*)?[`\"\[]?(?P<name>[^\W\d][\w$]*)[`\"\]]?"
                          r"\s*(?:(?P<sep>[:(\-\u2013\u2014])\s*(?P<desc>.*))?$", re.IGNORECASE)
# Words a heading may consist of without naming a table.
_NOT_TABLES = {"columns", "fields", "schema", "tables", "table", "keys", "codes", "notes", "overview",
               "reference", "description", "dictionary", "idioms", "examples", "gotchas", "data"}
_BOLD_LINE = re.compile(r"^\*\*(?P<title>[^*]+)\*\*(?P<rest>[^|]*)$")
_USED_IN = re.compile(r"^(?:used in|applies to)\b\s*:?(?P<rest>.*)$", re.IGNORECASE)
_QUALIFIED = re.compile(r"([^\W\d][\w$]*)\.([\w$]+)")
_PAREN_FORM = re.compile(rf"^(?:[-*+]\s+|\d+[.)]\s+)?(?:table\s*:?\s+)?(?P<name>{_IDENT})\s*"
                         rf"\((?P<cols>.*)\)\s*[;.,]?$", re.IGNORECASE)
_COLON_FORM = re.compile(rf"^(?:[-*+]\s+(?:table\s*:?\s+)?|table\s*:?\s+)(?P<name>{_IDENT})\s*:\s*"
                         rf"(?P<cols>.+?)\s*\.?$", re.IGNORECASE)
_CODE_BULLET = re.compile(r"^[-*+]\s+(?:`(?P<tick>[^`\s]{1,24})`|(?P<bare>[A-Z0-9][A-Z0-9_-]{0,15}))"
                          r"\s*(?P<sep>=|:|->|\u2192|\u2013|\u2014|\s-)\s*(?P<meaning>\S.*)$")
_CODE_LIKE = re.compile(r"[A-Z0-9][A-Z0-9_-]*")
_CELL_CODE = re.compile(r"`([^`]+)`\s*(?:=|->|\u2192)\s*")
_FK_HINT = re.compile(r"\bFK\b|foreign|references|->|\u2192", re.IGNORECASE)
_QUERY = re.compile(r"^\s*(?:select|with)\b", re.IGNORECASE)
_SNAPSHOT = re.compile(r"\b(?:snapshot(?:\s+date)?|today(?:'s date)?|current date|as of|as at)"
                       r"(?:\s+is)?\s*[:=]?\s*\**\s*(\d{4}-\d{2}-\d{2})", re.IGNORECASE)


def read_schema_text(text: str) -> SchemaText:
    """Read tables, keys, codes, idioms and the snapshot date from prompt text."""
    schema = SchemaText()
    if not isinstance(text, str) or not text.strip():
        return schema
    text = text.replace("\r\n", "\n")
    _read_markdown(_read_create_tables(text, schema), schema)
    schema.codes = _merge_codes(schema.codes)
    schema.snapshot_date = _snapshot_date(text)
    return schema


# ---------------------------------------------------------------- building blocks

def _unquote(identifier: str) -> str:
    identifier = identifier.strip()
    if len(identifier) >= 2 and identifier[0] + identifier[-1] in ('""', "``", "[]"):
        return identifier[1:-1].replace('""', '"')
    return identifier


def _last_name(dotted: str) -> str:
    """`main."orders"` -> `orders`: the table, without its schema."""
    return _unquote(re.findall(_IDENT, dotted)[-1])


def _names(listed: str) -> list[str]:
    return [_unquote(part) for part in listed.split(",") if part.strip()]


def _add_column(schema: SchemaText, column: Column) -> None:
    """Add a column, or fill in the type and description of one read before."""
    table = next((t for t in schema.tables if t.lower() == column.table.lower()), column.table)
    columns = schema.tables.setdefault(table, [])
    for i, old in enumerate(columns):
        if old.name.lower() == column.name.lower():
            columns[i] = replace(old, type=old.type or column.type,
                                 description=old.description or column.description)
            return
    columns.append(replace(column, table=table))


def _add_foreign_keys(schema: SchemaText, table: str, columns: list[str], ref: re.Match) -> None:
    ref_columns = _names(ref["cols"] or "") or [""] * len(columns)
    for column, ref_column in zip(columns, ref_columns):
        key = (table, column, _last_name(ref["table"]), ref_column)
        if key not in schema.foreign_keys:
            schema.foreign_keys.append(key)


def _add_codes(schema: SchemaText, code: str, meaning: str, columns: list[str]) -> None:
    code, meaning = code.strip(), " ".join(meaning.split())
    if code and meaning:
        schema.codes.extend(CodeValue(code, meaning, column) for column in columns or [""])


def _merge_codes(codes: list[CodeValue]) -> list[CodeValue]:
    """One value per (code, column); the longer meaning wins (a code table says more than a cell)."""
    best: dict[tuple[str, str], CodeValue] = {}
    for value in codes:
        key = (value.code, value.column.lower())
        if key not in best or len(value.meaning) > len(best[key].meaning):
            best[key] = value
    return list(best.values())


def _snapshot_date(text: str) -> str | None:
    for match in _SNAPSHOT.finditer(text):
        try:
            return date.fromisoformat(match[1]).isoformat()
        except ValueError:
            continue
    return None


# ---------------------------------------------------------------- CREATE TABLE

def _read_create_tables(text: str, schema: SchemaText) -> str:
    """Read every CREATE TABLE statement; return the text with them blanked out."""
    chars, position = list(text), 0
    while match := _CREATE.search(text, position):
        table = _last_name(match["name"])
        schema.tables.setdefault(table, [])
        items, end = _split_body(text, match.end())
        for definition, comment in items:
            _read_definition(schema, table, definition, comment)
        if text.startswith(")", end):  # then WITHOUT ROWID and the closing ";"
            end = _STATEMENT_TAIL.match(text, end + 1).end()
        elif text.startswith(";", end):
            end += 1
        # Blank rather than cut, so lines and fences around the statement stay where they were.
        chars[match.start():end] = [c if c == "\n" else " " for c in text[match.start():end]]
        position = end
    return "".join(chars)


def _split_body(text: str, start: int) -> tuple[list[list[str]], int]:
    """Split a table body at top-level commas into [definition, comment]; also return where it ends."""
    items: list[list[str]] = []
    buffer, comment, quote, depth, same_line, i = [], "", "", 0, False, start
    while i < len(text):
        char = text[i]
        if quote:
            quote = "" if char == quote else quote
        elif text.startswith("--", i):
            end = text.find("\n", i)
            end = len(text) if end < 0 else end
            note = text[i + 2:end].strip()
            if "".join(buffer).strip():
                comment = comment or note
            elif items and same_line and not items[-1][1]:  # "a TEXT, -- about a"
                items[-1][1] = note
            i = end
            continue
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = len(text) if end < 0 else end + 2
            continue
        elif char in "\"'`[":
            quote = "]" if char == "[" else char
        elif char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        elif char == ";" or text.startswith("```", i):  # where a statement left open ends
            break
        elif char == "," and depth == 0:
            items.append(["".join(buffer).strip(), comment])
            buffer, comment, same_line, i = [], "", True, i + 1
            continue
        same_line = same_line and char != "\n"
        buffer.append(char)
        i += 1
    if "".join(buffer).strip():
        items.append(["".join(buffer).strip(), comment])
    return items, i


def _read_definition(schema: SchemaText, table: str, definition: str, comment: str) -> None:
    """One column definition or table constraint of a CREATE TABLE body."""
    if _TABLE_CONSTRAINT.match(definition):
        columns, ref = _FOREIGN.search(definition), _REFERENCES.search(definition)
        if columns and ref:
            _add_foreign_keys(schema, table, _names(columns["cols"]), ref)
        return
    match = re.match(rf"({_IDENT})\s*(.*)", definition, re.DOTALL)
    if not match:
        return
    name, rest = _unquote(match[1]), match[2]
    stop = _TYPE_END.search(rest)
    column_type = " ".join(rest[:stop.start() if stop else len(rest)].split()).upper()
    column_type = column_type if re.match(r"[A-Z_]", column_type) else ""
    inline_comment = re.search(r"\bcomment\s+'((?:[^']|'')*)'", rest, re.IGNORECASE)  # MySQL's COMMENT '...'
    description = comment or (inline_comment[1].replace("''", "'") if inline_comment else "")
    _add_column(schema, Column(table, name, column_type, description))
    ref = _REFERENCES.search(rest)
    if ref:
        _add_foreign_keys(schema, table, [name], ref)


# ---------------------------------------------------------------- markdown and plain lines

@dataclass
class _Section:
    """What the walker knows about the part of the text under the latest heading."""

    level: int = 0
    title: str = ""
    table: str = ""
    table_description: str = ""
    used_in: list[str] = field(default_factory=list)
    has_columns: bool = False
    prose: list[str] = field(default_factory=list)


def _table_title(title: str) -> tuple[str, str] | None:
    """("prd_mstr", "Product master") from "`prd_mstr`: Product master", "Table prd_mstr" etc."""
    match = _TABLE_TITLE.match(title.replace("**", "").strip())
    if not match or match["name"].lower() in _NOT_TABLES:
        return None
    description = (match["desc"] or "").strip()
    if match["sep"] == "(":
        description = description.rstrip(")").strip()
    return match["name"], description


def _new_section(old: _Section, level: int, title: str) -> _Section:
    section = _Section(level=level, title=title.replace("**", "").strip())
    named = _table_title(title)
    if named:
        section.table, section.table_description = named
    elif level > old.level and old.table:  # "#### Columns" under "### orders"
        section.table, section.table_description = old.table, old.table_description
    return section


def _read_markdown(text: str, schema: SchemaText) -> None:
    """Walk the lines: headings open sections; tables, fences and other lines are read in them."""
    lines, section, i = text.split("\n"), _Section(), 0
    while i < len(lines):
        line = lines[i]
        heading, fence = _HEADING.match(line), _FENCE.match(line)
        if fence:
            end = next((j for j in range(i + 1, len(lines)) if lines[j].strip().startswith(fence[1])),
                       len(lines))
            _read_fence(schema, section, lines[i + 1:end])
            i = end + 1
            continue
        if line.lstrip().startswith("|"):
            end = next((j for j in range(i, len(lines)) if not lines[j].lstrip().startswith("|")),
                       len(lines))
            _read_table(schema, section, lines[i:end])
            i = end
            continue
        if heading:
            section = _new_section(section, len(heading[1]), heading[2])
        else:
            _read_line(schema, section, line.strip())
        i += 1


def _read_fence(schema: SchemaText, section: _Section, body: list[str]) -> None:
    """A query under a ### heading is an idiom; a fence that holds no query is read line by line."""
    content = re.sub(r"--[^\n]*", "", "\n".join(body))
    if _QUERY.match(content):
        if section.level >= 3 and not section.has_columns:
            sql = re.sub(r"[;\s]+$", "", " ".join(content.split()))
            schema.idioms.append((section.title, " ".join(" ".join(section.prose).split()), sql))
            section.prose = []
        return
    for line in body:
        _read_line(schema, section, line.strip())


def _read_line(schema: SchemaText, section: _Section, line: str) -> None:
    """One line outside tables: "Used in:", a one-line table, a bullet, or a line naming a table."""
    if not line:
        return
    section.prose.append(line)
    used_in = _USED_IN.match(line)
    if used_in:
        section.used_in = [f"{t}.{c}" for t, c in _QUALIFIED.findall(used_in["rest"].replace("`", ""))]
    elif not _read_one_liner(schema, section, line) and not _read_bullet(schema, section, line):
        bold = _BOLD_LINE.match(line)
        if bold or line.lower().startswith("table"):
            named = _table_title(bold["title"] + bold["rest"] if bold else line)
            if named:
                section.table, section.table_description = named


def _read_one_liner(schema: SchemaText, section: _Section, line: str) -> bool:
    """`customers(id, name)`, `- customers: id, name`, `Table customers: id INTEGER, name TEXT`."""
    line = line.replace("**", "")
    paren = _PAREN_FORM.match(line)
    match = paren or _COLON_FORM.match(line)
    if not match or (section.used_in and _CODE_LIKE.fullmatch(_unquote(match["name"]))):
        return False
    items = [item for item, _ in _split_body(match["cols"] + ")", 0)[0]]
    typed = [_item_type(item) for item in items]
    # A lone item is more likely prose ("Revenue (USD)", "- Y: Yes", "- `id`: Order number").
    if not items or None in typed or (len(items) == 1 and not (paren and typed[0])):
        return False
    table = _unquote(match["name"])
    schema.tables.setdefault(table, [])
    for item in items:
        _read_definition(schema, table, item, "")
    return True


def _item_type(item: str) -> str | None:
    """The type word of a one-liner item ("" when none), or None when it is not a column."""
    match = re.fullmatch(rf"{_IDENT}(?:\s+([A-Za-z]+)\b.*)?", item.strip(), re.DOTALL)
    if not match or (match[1] and match[1].lower() not in _TYPE_WORDS):
        return None
    return match[1] or ""


def _read_bullet(schema: SchemaText, section: _Section, line: str) -> bool:
    """"- `A` = Active account" is a code; "- `cust_id`: ..." under a table heading is a column."""
    match = _CODE_BULLET.match(line)
    if not match:
        return False
    key = match["tick"] or match["bare"]
    if section.table and match["sep"] == ":" and not _CODE_LIKE.fullmatch(key) and not section.used_in:
        _add_column(schema, Column(section.table, key, "", match["meaning"].strip()))
    else:
        _add_codes(schema, key, match["meaning"], section.used_in)
    return True


# ---------------------------------------------------------------- markdown tables

def _cells(row: str) -> list[str]:
    row = row.strip().removeprefix("|").removesuffix("|")
    return [cell.strip() for cell in row.split("|")]


def _plain(cell: str) -> str:
    return cell.replace("`", "").replace("**", "").strip()


def _role(header: str) -> str:
    """What a header cell's column holds."""
    if header in ("table", "table name"):
        return "table"
    if header in ("column", "column name", "field", "name", "attribute", "col"):
        return "name"
    if header in ("code", "codes", "value", "values"):
        return "code"
    for role, words in (("type", ("type",)), ("key", ("key", "constraint")), ("values", ("code", "value")),
                        ("desc", ("meaning", "descr", "note", "comment", "definition", "what", "holds",
                                  "purpose", "label"))):
        if any(word in header for word in words):
            return role
    return ""


def _read_table(schema: SchemaText, section: _Section, lines: list[str]) -> None:
    """A markdown table: a column table, a table of codes, or an overview of the tables."""
    rows = [_cells(line) for line in lines]
    rows = [row for row in rows
            if any(row) and not all(re.fullmatch(r":?-+:?", cell) for cell in row if cell)]
    if len(rows) < 2:
        return
    roles: dict[str, int] = {}
    for index, header in enumerate(rows[0]):
        roles.setdefault(_role(_plain(header).lower()), index)
    body = rows[1:]
    if roles.get("code") == 0:
        meaning = roles.get("desc", roles.get("name", 1))
        for row in body:
            _add_codes(schema, _plain(row[0]), _cell(row, meaning), section.used_in)
    elif "name" in roles and ("table" in roles or section.table):
        for row in body:
            table = _first_name(_cell(row, roles.get("table"))) or section.table
            _read_column_row(schema, table, row, roles)
        if "table" not in roles:
            section.has_columns = True
            if section.table_description and section.table in schema.tables:
                schema.table_descriptions.setdefault(section.table, section.table_description)
    elif roles.get("table") == 0:
        for row in body:
            name, description = _first_name(row[0]), _cell(row, roles.get("desc", 1))
            if name and description:
                schema.table_descriptions.setdefault(name, description)


def _cell(row: list[str], index: int | None) -> str:
    return row[index] if index is not None and index < len(row) else ""


def _first_name(cell: str) -> str:
    match = re.search(r"[^\W\d][\w$]*", _plain(cell))
    return match[0] if match else ""


def _read_column_row(schema: SchemaText, table: str, row: list[str], roles: dict[str, int]) -> None:
    """One row of a column table: the column, its foreign key and the codes it lists."""
    name = _first_name(_cell(row, roles["name"]))
    if not table or not name:
        return
    column_type = _plain(_cell(row, roles.get("type"))).upper()
    _add_column(schema, Column(table, name, column_type, " ".join(_cell(row, roles.get("desc")).split())))
    key = _plain(_cell(row, roles.get("key")))
    hint = _FK_HINT.search(key)
    target = hint and re.search(r"([^\W\d][\w$]*)\s*(?:\.|\()\s*([\w$]+)", key[hint.end():])
    if target and (table, name, target[1], target[2]) not in schema.foreign_keys:
        schema.foreign_keys.append((table, name, target[1], target[2]))
    values = _cell(row, roles.get("values"))
    matches = list(_CELL_CODE.finditer(values))
    for match, following in zip(matches, matches[1:] + [None]):
        meaning = values[match.end():following.start() if following else len(values)]
        if following is None:  # the last meaning may run into a remark: "... = no. Do not use ..."
            meaning = re.split(r";|\.\s", meaning)[0]
        _add_codes(schema, match[1], meaning.strip().rstrip(",;"), [f"{table}.{name}"])

"""Cursor pagination, as OpenAI's list endpoints do it.

A list answer is one page: `{"object": "list", "data": [...], "has_more": bool, ...}`. To get the
next page, the client passes `after=<id of the last item it saw>`; the SDK's `auto_paging_iter()`
does that for you until `has_more` is false.
"""

from __future__ import annotations

from .errors import bad_request


def page(records: list[dict], limit: int, after: str | None) -> dict:
    """One page of a cursor-paginated list: the items after the one with id `after`."""
    if limit < 1:
        raise bad_request("'limit' must be at least 1.", param="limit")
    start = 0
    if after:
        ids = [record["id"] for record in records]
        if after not in ids:
            raise bad_request(f"The cursor 'after={after}' is not an id in this list.", param="after")
        start = ids.index(after) + 1
    data = records[start : start + limit]
    return {
        "object": "list",
        "data": data,
        "has_more": start + limit < len(records),
        "first_id": data[0]["id"] if data else None,
        "last_id": data[-1]["id"] if data else None,
    }

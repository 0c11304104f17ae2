"""Reading a `multipart/form-data` upload (how `client.files.create` sends a file).

FastAPI parses forms with the optional `python-multipart` package, which the course does not
install. A form body is a MIME message, so Python's own `email` package reads it: we give it
the request's Content-Type header (which carries the boundary) and the body, then walk the parts.
Uploads here are small JSONL files, so reading the whole body in memory is fine.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import HTTP


@dataclass
class FormField:
    """One field of a form: a plain value, or a file with its name."""

    name: str
    data: bytes
    filename: str | None = None  # set for file fields

    @property
    def text(self) -> str:
        return self.data.decode("utf-8")


def parse_form(body: bytes, content_type: str) -> dict[str, FormField]:
    """The fields of a multipart/form-data body, by name; ValueError if it is not one."""
    if not content_type.lower().startswith("multipart/form-data") or "boundary=" not in content_type:
        raise ValueError("expected a multipart/form-data body with a boundary")
    header = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1")
    message = BytesParser(policy=HTTP).parsebytes(header + body)
    if not message.is_multipart():
        raise ValueError("the form body has no parts")
    fields: dict[str, FormField] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not name:
            continue
        data = part.get_payload(decode=True) or b""
        fields[str(name)] = FormField(str(name), data, part.get_filename())
    return fields

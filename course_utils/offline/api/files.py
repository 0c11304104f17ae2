"""Uploaded files: what `client.files.create / list / retrieve / content / delete` work on.

Each file lives in its own folder under `<state_dir>/files/<file-id>/`:

    meta.json   the API's file object (id, filename, bytes, purpose, created_at...)
    content     the bytes exactly as uploaded

Both are written atomically, the content first, so a listed file always has its bytes.
Fine-tuning jobs also store their results CSV here (purpose "fine-tune-results").
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from .errors import bad_request, not_found
from .pagination import page
from .storage import creation_order, new_id, now, public, read_json, write_bytes, write_json

# The purposes OpenAI's upload accepts; the course only uses "fine-tune".
UPLOAD_PURPOSES = ("fine-tune", "assistants", "batch", "user_data", "vision", "evals")
MAX_FILE_BYTES = 512 * 1024 * 1024  # OpenAI's per-file limit


class FileStore:
    """Files on disk under one folder, safe to use from several threads."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()

    def create(self, filename: str, purpose: str, data: bytes) -> dict:
        """Store an upload and return its file object."""
        if purpose not in UPLOAD_PURPOSES and purpose != "fine-tune-results":
            raise bad_request(
                f"'{purpose}' is not a valid purpose. Use one of: {', '.join(UPLOAD_PURPOSES)}.",
                param="purpose",
            )
        if purpose == "fine-tune" and not filename.lower().endswith(".jsonl"):
            # OpenAI refuses this at upload time with the same advice.
            raise bad_request(
                f"Invalid file format for Fine-Tuning API. Must be .jsonl (got '{filename}').",
                param="file",
            )
        if len(data) > MAX_FILE_BYTES:
            raise bad_request(f"The file is larger than {MAX_FILE_BYTES} bytes.", param="file")
        record = {
            "id": new_id("file"),
            "object": "file",
            "bytes": len(data),
            "created_at": now(),
            "filename": filename,
            "purpose": purpose,
            "status": "processed",
            "status_details": None,
            "expires_at": None,
            "_order": creation_order(),  # sorts files uploaded within the same second
        }
        with self._lock:
            write_bytes(self._folder(record["id"]) / "content", data)
            write_json(self._folder(record["id"]) / "meta.json", record)
        return public(record)

    def get(self, file_id: str) -> dict:
        meta = self._folder(file_id) / "meta.json"
        if not meta.exists():
            raise not_found(f"No such File object: {file_id}", param="id")
        return public(read_json(meta))

    def content(self, file_id: str) -> bytes:
        self.get(file_id)  # 404 if missing
        return (self._folder(file_id) / "content").read_bytes()

    def list(self, purpose: str | None = None, limit: int = 10000, after: str | None = None,
             order: str = "desc") -> dict:
        """A page of file objects, newest first unless order="asc"."""
        if order not in ("asc", "desc"):
            raise bad_request("'order' must be 'asc' or 'desc'.", param="order")
        with self._lock:
            records = [read_json(meta) for meta in self.folder.glob("*/meta.json")]
        if purpose:
            records = [r for r in records if r["purpose"] == purpose]
        records.sort(key=lambda r: r["_order"], reverse=(order == "desc"))
        return page([public(r) for r in records], limit, after)

    def delete(self, file_id: str) -> dict:
        self.get(file_id)
        with self._lock:
            shutil.rmtree(self._folder(file_id), ignore_errors=True)
        return {"id": file_id, "object": "file", "deleted": True}

    def _folder(self, file_id: str) -> Path:
        # Ids come from URLs: refuse anything that could step outside our folder.
        if not file_id or "/" in file_id or "\\" in file_id or file_id.startswith("."):
            raise not_found(f"No such File object: {file_id}", param="id")
        return self.folder / file_id

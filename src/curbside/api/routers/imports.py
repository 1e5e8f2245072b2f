"""/imports: upload contact files, check the preview, commit it (all rows or none)."""

import json
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Body, File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status
from pydantic import ConfigDict

from curbside.accounts.models import User
from curbside.portability import selectors, services
from curbside.portability.models import ImportBatch

from ..auth import ApiRequest
from ..common import READ_ERRORS, WRITE_ERRORS

router = Router(tags=["imports"])


class ImportCountsOut(Schema):
    create: int = 0
    update: int = 0
    skip: int = 0
    error: int = 0
    possible_duplicates: int = 0


class ImportDuplicateOut(Schema):
    contact: int | None = None
    same_as: int | None = None
    name: str
    score: int


class ImportRowOut(Schema):
    file: str
    line: int
    action: str
    values: dict[str, Any]
    contact: int | None = None
    same_as: int | None = None
    match: str = ""
    matched_by: str = ""
    adds: list[str] = []
    duplicates: list[ImportDuplicateOut] = []
    problems: list[str] = []


class ImportOfferOut(Schema):
    contact: int
    candidates: list[int | None]


class ImportReportOut(Schema):
    created: list[int] = []
    updated: list[int] = []
    duplicates: list[ImportOfferOut] = []
    restored: dict[str, int] | None = None


class ImportOut(Schema):
    id: int
    status: str
    files: list[str]
    formats: list[str]
    counts: ImportCountsOut
    warnings: list[str]
    archive: dict[str, int] | None = None
    rows: list[ImportRowOut]
    report: ImportReportOut | None = None
    created_at: datetime
    committed_at: datetime | None = None


class ImportCommitIn(Schema):
    model_config = ConfigDict(extra="forbid")

    skip_bad_rows: bool = False


def _out(batch: ImportBatch) -> dict[str, Any]:
    return {
        "id": batch.pk,
        "status": batch.status,
        "files": batch.file_names,
        "formats": batch.formats,
        "counts": {
            "create": batch.n_create,
            "update": batch.n_update,
            "skip": batch.n_skip,
            "error": batch.n_error,
            "possible_duplicates": batch.n_possible_duplicates,
        },
        "warnings": batch.warnings,
        "archive": batch.archive_counts if batch.is_archive else None,
        "rows": batch.rows,
        "report": batch.report or None,
        "created_at": batch.created_at,
        "committed_at": batch.committed_at,
    }


def _batch_or_404(owner: User, import_id: int) -> ImportBatch:
    batch = selectors.import_batch_get(owner=owner, pk=import_id)
    if batch is None:
        raise Http404
    return batch


def _mapping(raw: str | None) -> dict[str, str] | None:
    if not raw:
        return None
    try:
        mapping = json.loads(raw)
    except ValueError:
        mapping = None
    if not isinstance(mapping, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
    ):
        raise ValidationError(
            {"mapping": 'Give a JSON object of field → column name: {"emails": "E-mail"}.'}
        )
    return mapping


@router.post("/imports", response={201: ImportOut, **WRITE_ERRORS})
def import_create(
    request: ApiRequest, file: File[list[UploadedFile]], mapping: Form[str | None] = None
) -> Status[dict[str, Any]]:
    """Upload one or more contact files (multipart, field `file`) and get the preview.

    Nothing is imported yet: each row says what committing would do (`create`, `update`,
    `skip`) or what is wrong with it (`error`, with `problems`). For a CSV file of your own
    layout, give `mapping`: a JSON object of field → column name.
    """
    for upload in file:
        services.import_size_check(name=upload.name or "upload", size=upload.size or 0)
    files = [(upload.name or "upload", upload.read()) for upload in file]
    batch = services.import_preview(owner=request.auth, files=files, mapping=_mapping(mapping))
    return Status(201, _out(batch))


@router.get("/imports/{int:import_id}", response={200: ImportOut, **READ_ERRORS})
def import_detail(request: ApiRequest, import_id: int) -> dict[str, Any]:
    """An import's preview, and after its commit the report of what it created and updated."""
    return _out(_batch_or_404(request.auth, import_id))


@router.post("/imports/{int:import_id}/commit", response={200: ImportOut, **WRITE_ERRORS})
def import_commit(
    request: ApiRequest,
    import_id: int,
    skip_bad_rows: bool = False,
    payload: Body[ImportCommitIn | None] = None,
) -> dict[str, Any]:
    """Import the previewed rows in one transaction. Rows with problems refuse the commit
    (422, listing them) unless `skip_bad_rows` (query or JSON body) leaves them out."""
    batch = _batch_or_404(request.auth, import_id)
    skip = skip_bad_rows or (payload is not None and payload.skip_bad_rows)
    return _out(services.import_commit(owner=request.auth, batch=batch, skip_bad_rows=skip))


@router.post("/imports/{int:import_id}/discard", response={200: ImportOut, **WRITE_ERRORS})
def import_discard(request: ApiRequest, import_id: int) -> dict[str, Any]:
    """Drop a preview without importing it."""
    batch = _batch_or_404(request.auth, import_id)
    return _out(services.import_discard(owner=request.auth, batch=batch))

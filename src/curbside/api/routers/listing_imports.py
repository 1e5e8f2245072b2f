"""/listings/imports: staff import job listings (preview, then commit: all or nothing).

Listings are shared by everyone on the instance, so only staff tokens import them. To any
other token these paths answer 404, as if they did not exist: the admin surface stays
invisible rather than forbidden.
"""

import json
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from curbside.accounts.models import User
from curbside.core.imports import import_size_check
from curbside.opportunities.models import ListingImport
from curbside.opportunities.selectors import listing_imports as selectors
from curbside.opportunities.services import listings as services

from ..auth import ApiRequest
from ..common import READ_ERRORS, WRITE_ERRORS

router = Router(tags=["listings"])


class ListingImportCountsOut(Schema):
    create: int = 0
    update: int = 0
    skip: int = 0
    error: int = 0


class ListingImportRowOut(Schema):
    file: str
    line: int
    source: str
    action: str
    values: dict[str, Any]
    listing: int | None = None
    changes: list[str] = []
    note: str = ""
    problems: list[str] = []


class ListingImportOut(Schema):
    id: int
    status: str
    source: str
    files: list[str]
    formats: list[str]
    counts: ListingImportCountsOut
    warnings: list[str]
    rows: list[ListingImportRowOut]
    created_at: datetime
    committed_at: datetime | None = None


def _out(batch: ListingImport) -> dict[str, Any]:
    return {
        "id": batch.pk,
        "status": batch.status,
        "source": batch.source,
        "files": batch.file_names,
        "formats": batch.formats,
        "counts": {
            "create": batch.n_create,
            "update": batch.n_update,
            "skip": batch.n_skip,
            "error": batch.n_error,
        },
        "warnings": batch.warnings,
        "rows": batch.rows,
        "created_at": batch.created_at,
        "committed_at": batch.committed_at,
    }


def _staff_only(user: User) -> None:
    if not user.is_staff:
        raise Http404


def _batch_or_404(user: User, import_id: int) -> ListingImport:
    _staff_only(user)
    batch = selectors.listing_import_get(pk=import_id)
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
            {"mapping": 'Give a JSON object of field → column name: {"title": "Job Title"}.'}
        )
    return mapping


@router.post("/listings/imports", response={201: ListingImportOut, **WRITE_ERRORS})
def listing_import_create(
    request: ApiRequest,
    file: File[list[UploadedFile] | None] = None,
    source: Form[str] = "",
    url: Form[str] = "",
    mapping: Form[str | None] = None,
) -> Status[dict[str, Any]]:
    """Staff only (404 for other tokens). Upload listing files (multipart, field `file`, any
    number) and/or give a `url` to download, and get the preview.

    Nothing is imported yet: each row says what committing would do (`create`, `update`,
    `skip`) or what is wrong with it (`error`, with `problems`). `source` names the board on
    every listing (else a feed's own title, else the file name). For a CSV whose title
    column is not recognised, give `mapping`: a JSON object of field → column name.
    """
    _staff_only(request.auth)
    uploads = file or []
    for upload in uploads:
        import_size_check(name=upload.name or "upload", size=upload.size or 0)
    files = [(upload.name or "upload", upload.read()) for upload in uploads]
    if url:
        files.append(services.listing_fetch(url))
    batch = services.listing_import_preview(
        files=files, source=source, created_by=request.auth, column_mapping=_mapping(mapping)
    )
    return Status(201, _out(batch))


@router.get("/listings/imports/{int:import_id}", response={200: ListingImportOut, **READ_ERRORS})
def listing_import_detail(request: ApiRequest, import_id: int) -> dict[str, Any]:
    """Staff only (404 for other tokens). An import's preview, or what its commit did."""
    return _out(_batch_or_404(request.auth, import_id))


@router.post(
    "/listings/imports/{int:import_id}/commit", response={200: ListingImportOut, **WRITE_ERRORS}
)
def listing_import_commit(
    request: ApiRequest,
    import_id: int,
    skip_bad_rows: bool = False,
) -> dict[str, Any]:
    """Staff only (404 for other tokens). Import the previewed listings in one transaction
    and index them for search. Listings with problems refuse the commit (422, listing them)
    unless `?skip_bad_rows=true` leaves them out."""
    batch = _batch_or_404(request.auth, import_id)
    return _out(services.listing_import_commit(batch=batch, skip_bad_rows=skip_bad_rows))


@router.post(
    "/listings/imports/{int:import_id}/discard", response={200: ListingImportOut, **WRITE_ERRORS}
)
def listing_import_discard(request: ApiRequest, import_id: int) -> dict[str, Any]:
    """Staff only (404 for other tokens). Drop a preview without importing it."""
    batch = _batch_or_404(request.auth, import_id)
    return _out(services.listing_import_discard(batch=batch))

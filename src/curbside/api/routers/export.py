"""/export: everything you own as one file, a JSON archive, vCards or CSV."""

from typing import Any

from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from ninja import Router

from curbside.portability import export_selectors
from curbside.portability.export_selectors import ExportFormat, attachment

from ..auth import ApiRequest
from ..schemas import ErrorOut, ValidationErrorOut

router = Router(tags=["export"])

FILE_RESPONSE: dict[str, Any] = {
    "responses": {
        "200": {
            "description": "The file, as an attachment named curbside-YYYY-MM-DD.json|vcf|csv.",
            "content": {
                "application/json": {
                    "schema": {"type": "object", "description": "A Curbside archive, version 1."}
                },
                "text/vcard": {"schema": {"type": "string"}},
                "text/csv": {"schema": {"type": "string"}},
            },
        }
    }
}


@router.get(
    "/export",
    response={401: ErrorOut, 422: ValidationErrorOut},
    url_name="export",
    openapi_extra=FILE_RESPONSE,
)
def export(request: ApiRequest, format: ExportFormat, include_self: bool = False) -> HttpResponse:
    """Download your network: `json`, the complete archive that restores into an empty
    account; `vcf`, vCard 4.0 cards; `csv`, one spreadsheet row per contact.
    `include_self` adds your own card to vCard and CSV."""
    exported = export_selectors.export_file(
        owner=request.auth, format=format, include_self=include_self
    )
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = attachment(exported.filename)
    # Returned as is, without the API's usual response: the same private-cache rule applies.
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response

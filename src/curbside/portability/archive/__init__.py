"""The Curbside archive: everything a user owns as one JSON document, restorable losslessly
into an empty account on any instance.

Format, version 2 (a JSON object; lists are sorted, so the same network gives the same file):

    {"format": "curbside-archive", "version": 1,
     "exported_at": "2026-11-22T15:04:05.123456+00:00",
     "owner": {"email": …, "name": …, "time_zone": "America/Denver"},
     "tags": [{"name": "mentor"}, …],
     "organizations": [{"id": 1, "name", "kind", "city", "state", "website", "notes",
                        "created_at", "updated_at"}, …],
     "contacts": [{"id": 1, "is_self": true, "full_name", "honorific", "first_name",
                   "middle_name", "last_name", "suffix", "credentials", "specialty",
                   "subspecialty", "npi", "city", "state", "zip_code", "country",
                   "research_interests", "procedures", "how_we_met", "notes",
                   "cadence_days", "last_interaction_on", "next_touch_on",
                   "introduced_by": <contact id> | null,
                   "emails": [{"email", "label", "is_primary"}, …],
                   "phones": [{"number", "label", "is_primary"}, …],
                   "tags": ["mentor", …],
                   "photo": {"media_type": "image/jpeg", "data": <base64>} | null,
                   "created_at", "updated_at"}, …],
     "affiliations": [{"contact", "organization", "kind", "role", "start_year", "end_year",
                       "is_decision_maker", "created_at", "updated_at"}, …],
     "ties": [{"person_a", "person_b", "strength", "context", "since",
               "created_at", "updated_at"}, …],
     "interactions": [{"id", "happened_on", "kind", "summary", "sentiment",
                       "contacts": [<contact id>, …], "opportunity": <id> | null,
                       "created_at", "updated_at"}, …],
     "follow_ups": [{"contact", "interaction": <interaction id> | null,
                     "opportunity": <opportunity id> | null, "kind", "due_on",
                     "status", "note", "completed_at", "created_at", "updated_at"}, …],
     …and the job search: "opportunities", "opportunity_people", "stage_changes",
     "documents_sent", "job_preferences", "saved_searches" (see opportunities.py)}

Version 2 added the job search; a version 1 archive (without it) still restores.

- Ids are the archive's own (1, 2, 3 … in list order), never database ids: references
  between records (`introduced_by`, `person_a`, `contacts`, `interaction` …) use them.
- The owner's own profile is the contact with `"is_self": true`, always first; ties with it
  are the strength of each relationship.
- Dates are ISO 8601 (`2026-11-22`); times are ISO 8601 in UTC with microseconds.
- Choice fields hold the stored values (`"employment"`, `"thank_you"`, `"snoozed"` …).
- Photos are included (base64) up to 5 MB each.
- A reader accepts missing optional fields (empty text, null) and ignores unknown keys;
  it refuses a version newer than its own.

Round trip: archive_build → archive_restore into an empty account → archive_build gives the
same archive except for `exported_at` and `owner.email`. Restored rows are created in
archive order, so that primary keys, and with them every tie-break of the sort, keep it.
"""

from .build import archive_build
from .reading import archive_summary
from .restore import archive_restore

__all__ = ["archive_build", "archive_restore", "archive_summary"]

"""The archive's version, and the fields it keeps of each kind of record."""

ARCHIVE_FORMAT = "curbside-archive"
ARCHIVE_VERSION = 2  # 2 added the job search (see opportunities.py)
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}
PHOTO_EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/gif": "gif",
}
PHOTO_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP", "image/gif": "GIF"}

CONTACT_FIELDS = (
    "full_name",
    "honorific",
    "first_name",
    "middle_name",
    "last_name",
    "suffix",
    "credentials",
    "specialty",
    "subspecialty",
    "npi",
    "city",
    "state",
    "zip_code",
    "country",
    "research_interests",
    "procedures",
    "how_we_met",
    "notes",
    "cadence_days",
    "last_interaction_on",
    "next_touch_on",
)
ORGANIZATION_FIELDS = ("name", "kind", "city", "state", "website", "notes")
AFFILIATION_FIELDS = ("kind", "role", "start_year", "end_year", "is_decision_maker")
TIE_FIELDS = ("strength", "context", "since")
INTERACTION_FIELDS = ("happened_on", "kind", "summary", "sentiment")
FOLLOW_UP_FIELDS = ("kind", "due_on", "status", "note", "completed_at")
TIMESTAMPS = ("created_at", "updated_at")

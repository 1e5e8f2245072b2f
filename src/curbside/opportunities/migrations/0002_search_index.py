"""The search index beside the listings: a grid cell per search row with a covering index
that a radius search reads without touching the rows, and the full-text table.

SQLite: the narrow search table is rebuilt with `listing_id integer PRIMARY KEY`, which makes
the listing id the table's rowid (Django declares it `bigint`, which SQLite keeps in a
separate unique index): joining full-text hits to search rows is then one B-tree seek per
hit instead of two, which halves the cost of a search on a common word.

SQLite: an FTS5 table whose rowid is the listing id (five columns of text weighted by bm25
at query time, and the grid tokens of `search.cells`), plus a trigger that drops a listing's
text when the listing is deleted.
PostgreSQL: a table of one hand-built, weighted tsvector per listing with a GIN index, and
triggers that drop a listing's text when it is deleted or the listings are truncated.
`opportunities.search.index` writes both; `opportunities.selectors.listings` reads them.
"""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE opportunities_listingtext USING fts5("
    "title, employer, specialty, place, body, geo, "
    "tokenize = \"unicode61 remove_diacritics 2 tokenchars '_'\", prefix = '2 3')",
    "CREATE TRIGGER opportunities_listingtext_forget AFTER DELETE ON opportunities_listing "
    "BEGIN DELETE FROM opportunities_listingtext WHERE rowid = old.id; END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS opportunities_listingtext_forget",
    "DROP TABLE IF EXISTS opportunities_listingtext",
]
# No foreign key to the listings: Django does not know this table, and a reference to
# opportunities_listing would make every TRUNCATE of it (`manage.py flush`, transactional
# tests) fail. Triggers keep the text in step instead, on DELETE and on TRUNCATE.
POSTGRESQL_CREATE = [
    "CREATE TABLE opportunities_listingtext ("
    "listing_id bigint PRIMARY KEY, document tsvector NOT NULL)",
    "CREATE INDEX opportunities_listingtext_document ON opportunities_listingtext "
    "USING gin (document)",
    "CREATE FUNCTION opportunities_listingtext_forget() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN DELETE FROM opportunities_listingtext WHERE listing_id = OLD.id; RETURN OLD; END $$",
    "CREATE TRIGGER opportunities_listingtext_forget AFTER DELETE ON opportunities_listing "
    "FOR EACH ROW EXECUTE FUNCTION opportunities_listingtext_forget()",
    "CREATE FUNCTION opportunities_listingtext_clear() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN TRUNCATE opportunities_listingtext; RETURN NULL; END $$",
    "CREATE TRIGGER opportunities_listingtext_clear AFTER TRUNCATE ON opportunities_listing "
    "FOR EACH STATEMENT EXECUTE FUNCTION opportunities_listingtext_clear()",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS opportunities_listingtext_clear ON opportunities_listing",
    "DROP TRIGGER IF EXISTS opportunities_listingtext_forget ON opportunities_listing",
    "DROP FUNCTION IF EXISTS opportunities_listingtext_clear()",
    "DROP FUNCTION IF EXISTS opportunities_listingtext_forget()",
    "DROP TABLE IF EXISTS opportunities_listingtext",
]


SEARCH_TABLE = "opportunities_listingsearch"


def _listing_id_as_rowid(schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Rebuild the SQLite search table with its primary key as the rowid, indexes included."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [SEARCH_TABLE]
        )
        (create,) = cursor.fetchone()
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
            "AND sql IS NOT NULL",
            [SEARCH_TABLE],
        )
        indexes = [row[0] for row in cursor.fetchall()]
    declared = '"listing_id" bigint NOT NULL PRIMARY KEY'
    if declared not in create:
        return  # already rebuilt, or declared differently: leave it
    create = create.replace(declared, '"listing_id" integer NOT NULL PRIMARY KEY').replace(
        f'CREATE TABLE "{SEARCH_TABLE}"', f'CREATE TABLE "{SEARCH_TABLE}__new"', 1
    )
    schema_editor.execute(create)
    schema_editor.execute(f'INSERT INTO "{SEARCH_TABLE}__new" SELECT * FROM "{SEARCH_TABLE}"')  # noqa: S608 (a constant)
    schema_editor.execute(f'DROP TABLE "{SEARCH_TABLE}"')
    schema_editor.execute(f'ALTER TABLE "{SEARCH_TABLE}__new" RENAME TO "{SEARCH_TABLE}"')
    for index in indexes:
        schema_editor.execute(index)


def _run(schema_editor: BaseDatabaseSchemaEditor, statements: dict[str, list[str]]) -> None:
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def create_text_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        _listing_id_as_rowid(schema_editor)
    _run(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE})


def drop_text_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP})


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="listingsearch",
            name="geocell",
            field=models.IntegerField(blank=True, null=True),
        ),
        migrations.AddIndex(
            model_name="listingsearch",
            index=models.Index(
                fields=[
                    "geocell",
                    "latitude",
                    "longitude",
                    "expires_on",
                    "annual_salary_max",
                    "annual_salary_min",
                    "has_visa",
                    "specialty",
                    "practice_setting",
                    "position_type",
                    "posted_on",
                    "created_at",
                ],
                name="listing_search_geo_cover",
            ),
        ),
        migrations.RunPython(create_text_index, drop_text_index, elidable=False),
    ]

"""Every real export in the shared corpus goes through the whole pipeline: preview, commit
(leaving out the rows with problems), and a re-import that adds nothing."""

from pathlib import Path

import pytest

from curbside.interactions.models import Interaction
from curbside.network.models import Affiliation, Contact, ContactEmail, ContactPhone, Organization
from curbside.portability import services

pytestmark = pytest.mark.django_db

REPO_ROOT = Path(__file__).resolve().parents[4]
CORPUS = REPO_ROOT.parent / "shared" / "corpus"
FILES = sorted([*CORPUS.glob("vcard/*.vcf"), *CORPUS.glob("csv/*.csv")])


def sizes(owner) -> tuple[int, ...]:
    return tuple(
        model.objects.filter(owner=owner).count()
        for model in (Contact, ContactEmail, ContactPhone, Organization, Affiliation, Interaction)
    )


def test_the_corpus_is_there():
    assert len(FILES) >= 25, CORPUS


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_a_real_export_imports_once_and_a_reimport_adds_nothing(alice, path):
    files = [(path.name, path.read_bytes())]
    batch = services.import_preview(owner=alice, files=files)
    assert batch.n_rows == len(batch.rows)
    for row in batch.rows:
        assert row["file"] == path.name
        assert row["line"] >= 1
    batch = services.import_commit(owner=alice, batch=batch, skip_bad_rows=True)
    assert len(batch.report["created"]) == batch.n_create
    after_first = sizes(alice)
    again = services.import_commit(
        owner=alice, batch=services.import_preview(owner=alice, files=files), skip_bad_rows=True
    )
    assert sizes(alice) == after_first
    assert again.report["created"] == []
    assert again.report["updated"] == []


def test_the_whole_corpus_at_once_imports_each_person_once(alice):
    files = [(path.name, path.read_bytes()) for path in FILES]
    batch = services.import_preview(owner=alice, files=files)
    services.import_commit(owner=alice, batch=batch, skip_bad_rows=True)
    after_first = sizes(alice)
    assert after_first[0] > 1
    again = services.import_preview(owner=alice, files=files)
    assert again.n_create == 0
    assert again.n_update == 0
    services.import_commit(owner=alice, batch=again, skip_bad_rows=True)
    assert sizes(alice) == after_first

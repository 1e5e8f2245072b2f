"""Time importing job listings: 100,000 schema.org JobPostings in one JSON-LD file.

`python -m bench.listing_imports`. Each run is a child process of its own on a fresh SQLite
database in a temporary data directory: migrate and generate the file (not timed), then
listing_import_preview (parse, check, match, store the preview) and listing_import_commit
(bulk inserts and the search index, in one transaction), timed together, as the web page,
the API and `curbside import-listings` run them. The same file is then imported again (every
listing already there and unchanged: nothing written) and timed too. The child's peak
resident memory (getrusage ru_maxrss: Python, Django, the file and the import) is reported.

Target: 100,000 listings end to end in under 60 s. The results replace the "Listing
imports" section of bench/RESULTS.md; the rest of the file is left as it is.
"""

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
SECTION = "## Listing imports"
TARGET_SECONDS = 60.0
N_LISTINGS = 100_000

PLACES = (
    ("Denver", "CO", "80202"),
    ("Boulder", "CO", "80302"),
    ("Aurora", "CO", "80012"),
    ("Colorado Springs", "CO", "80903"),
    ("Omaha", "NE", "68102"),
    ("Tucson", "AZ", "85701"),
    ("Boise", "ID", "83702"),
    ("Wichita", "KS", "67202"),
    ("Tulsa", "OK", "74103"),
    ("Albuquerque", "NM", "87102"),
    ("Salt Lake City", "UT", "84101"),
    ("Cheyenne", "WY", "82001"),
)
JOBS = (
    ("Hospitalist", "Internal Medicine"),
    ("Family Medicine Physician", "Family Medicine"),
    ("Interventional Cardiologist", "Cardiology"),
    ("Emergency Medicine Physician", "Emergency Medicine"),
    ("General Pediatrician", "Pediatrics"),
    ("Anesthesiologist", "Anesthesiology"),
    ("Psychiatrist", "Psychiatry"),
    ("Obstetrician Gynecologist", "Obstetrics and Gynecology"),
    ("Radiologist", "Radiology"),
    ("Orthopedic Surgeon", "Orthopaedic Surgery"),
)
EMPLOYERS = ("Health", "Medical Group", "Community Hospital", "Physicians", "Clinic", "Partners")
TYPES = ("FULL_TIME", "FULL_TIME", "PART_TIME", "CONTRACTOR")
PARAGRAPHS = (
    "Join a collegial, physician-led group caring for patients across the region.",
    "We offer a balanced schedule, a supportive team of advanced practice providers and "
    "nurses, and a modern electronic record.",
    "Competitive base salary with productivity bonus, signing bonus and relocation.",
    "Loan repayment is available, and we sponsor J-1 waiver and H-1B candidates.",
    "Teaching opportunities with residents and medical students of the affiliated program.",
    "Outstanding quality of life: mountains, parks, good schools and a short commute.",
)


def posting(i: int) -> dict[str, object]:
    """A realistic JobPosting: HTML description, a place with a ZIP, a salary range."""
    city, state, zip_code = PLACES[i % len(PLACES)]
    title, specialty = JOBS[(i // len(PLACES)) % len(JOBS)]
    hourly = i % 7 == 0
    low = (150 + i % 60) if hourly else (230_000 + (i % 90) * 1_000)
    paragraphs = "".join(
        f"<p>{PARAGRAPHS[(i + k) % len(PARAGRAPHS)]}</p>" for k in range(4 + i % 3)
    )
    return {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "identifier": {"@type": "PropertyValue", "name": "Bench board", "value": f"BB-{i:07d}"},
        "url": f"https://jobs.bench.example/postings/{i}",
        "title": f"{title} - {city}, {state}",
        "occupationalCategory": specialty,
        "hiringOrganization": {
            "@type": "Organization",
            "name": f"{city} {EMPLOYERS[i % len(EMPLOYERS)]} {i % 250}",
        },
        "description": f"{paragraphs}<ul><li>{4 + i % 3} day week</li><li>1 in {5 + i % 4} "
        "call</li><li>Full benefits</li></ul>",
        "qualifications": "Board certified or board eligible; an unrestricted license.",
        "datePosted": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "validThrough": f"2027-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "employmentType": TYPES[i % len(TYPES)],
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": city,
                "addressRegion": state,
                "postalCode": zip_code,
                "addressCountry": "US",
            },
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "USD",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": low,
                "maxValue": low + (40 if hourly else 60_000),
                "unitText": "HOUR" if hourly else "YEAR",
            },
        },
    }


def listings_file(n: int) -> bytes:
    return json.dumps([posting(i) for i in range(n)]).encode()


# The child: one run on its own database ----------------------------------------------------


def child(n: int) -> dict[str, object]:
    import django

    django.setup()
    from django.core.management import call_command

    from curbside.opportunities.models import Listing, ListingSearch
    from curbside.opportunities.services import listings as services

    call_command("migrate", interactive=False, verbosity=0)
    data = listings_file(n)
    files = [("bench.jsonld", data)]
    marks: dict[str, float] = {}

    def mark(stage: str, done: int, total: int) -> None:
        if done == total and total:
            marks[stage] = time.perf_counter()

    started, cpu_started = time.perf_counter(), time.process_time()
    batch = services.listing_import_preview(
        files=files, source="Bench board", created_by=None, progress=mark
    )
    previewed = time.perf_counter()
    batch = services.listing_import_commit(batch=batch, progress=mark)
    committed, cpu_committed = time.perf_counter(), time.process_time()
    steps = [
        ("parse", started, marks["Reading"]),
        ("check", marks["Reading"], marks["Checking"]),
        ("match and store the preview", marks["Checking"], previewed),
        ("match again and insert", previewed, marks["Adding listings"]),
        ("index for search", marks["Adding listings"], marks["Indexing for search"]),
        ("finish the transaction", marks["Indexing for search"], committed),
    ]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes
    created = batch.n_create
    again = services.listing_import(files=files, source="Bench board")
    again_s = time.perf_counter() - committed
    return {
        "n": n,
        "bytes": len(data),
        "created": created,
        "listings": Listing.objects.count(),
        "indexed": ListingSearch.objects.count(),
        "again_created": again.n_create,
        "again_updated": again.n_update,
        "preview_s": previewed - started,
        "commit_s": committed - previewed,
        "total_s": committed - started,
        "cpu_s": cpu_committed - cpu_started,
        "again_s": again_s,
        "peak_mb": peak_mb,
        "steps": [(name, end - start) for name, start, end in steps],
    }


# The parent --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    n: int = 0
    bytes: int = 0
    created: int = 0
    listings: int = 0
    indexed: int = 0
    again_created: int = 0
    again_updated: int = 0
    preview_s: float = 0.0
    commit_s: float = 0.0
    total_s: float = 0.0
    cpu_s: float = 0.0
    again_s: float = 0.0
    peak_mb: float = 0.0
    steps: tuple[tuple[str, float], ...] = ()
    problem: str = ""


def run_child(n: int) -> Result:
    data_dir = tempfile.mkdtemp(prefix="curbside-bench-listings-")
    env = {**os.environ, "CURBSIDE_DATA_DIR": data_dir}
    env["DJANGO_SETTINGS_MODULE"] = "curbside.settings"
    env.pop("DATABASE_URL", None)  # SQLite, whatever the shell says
    # The generated file is larger than the default upload limit of a single file.
    env["CURBSIDE_IMPORT_MAX_BYTES"] = str(1024 * 1024 * 1024)
    command = [sys.executable, "-m", "bench.listing_imports", "--child", "--listings", str(n)]
    try:
        done = subprocess.run(  # noqa: S603 -- our own module, run by our own interpreter
            command,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            cwd=Path(__file__).resolve().parent.parent,
        )
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    if done.returncode != 0:
        last = done.stderr.strip().splitlines()[-1:] or ["the child process failed"]
        return Result(problem=last[0])
    fields = json.loads(done.stdout.strip().splitlines()[-1])
    fields["steps"] = tuple(tuple(step) for step in fields.get("steps", ()))
    return Result(**{name: fields[name] for name in Result.__dataclass_fields__ if name in fields})


def section(result: Result, load: float) -> list[str]:
    now = datetime.now().astimezone()
    lines = [
        "`python -m bench.listing_imports` imports a generated JSON-LD file of schema.org",
        "JobPostings (HTML descriptions, a place with a ZIP code, a salary range, an id and a",
        "URL each) into a fresh SQLite database, in a process of its own:",
        "listing_import_preview (parse, check, geocode, match, store the preview) then",
        "listing_import_commit (bulk inserts and the search index in one transaction), timed",
        "together. Peak memory is the process's peak resident size (Python, Django, the file",
        "and the import). The same file is then imported again, preview and commit.",
        "",
        f"**Target: {N_LISTINGS:,} listings end to end in under {TARGET_SECONDS:.0f} s.**",
        "",
        f"Run on {now:%Y-%m-%d %H:%M %Z}, with a load average of {load:.1f} when it started "
        "(other work on the machine slows every figure).",
        "",
    ]
    if result.problem:
        return [*lines, f"Failed: {result.problem}"]
    met = "met" if result.total_s < TARGET_SECONDS else "**missed**"
    return [
        *lines,
        "| Import | File | Preview | Commit | Total | CPU | Peak memory | Listings | Target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
        f"| {result.n:,} JobPostings into an empty database | "
        f"{result.bytes / 1024 / 1024:.0f} MB | {result.preview_s:.1f} s | "
        f"{result.commit_s:.1f} s | {result.total_s:.1f} s | {result.cpu_s:.1f} s | "
        f"{result.peak_mb:.0f} MB | {result.listings:,} ({result.indexed:,} indexed) | {met} |",
        f"| The same file again (all already there) | | | | {result.again_s:.1f} s | | | "
        f"{result.again_created} created, {result.again_updated} updated | |",
        "",
        "Where the time went (wall clock):",
        "",
        *(f"- {name}: {seconds:.1f} s" for name, seconds in result.steps),
        "",
    ]


def write_section(path: Path, body: list[str]) -> None:
    """Replace (or add) this benchmark's section of the results page, keeping the rest."""
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    block = "\n".join([SECTION, "", *body]).rstrip() + "\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block + "\n", text, count=1).rstrip() + "\n"
    else:
        text = text.rstrip() + "\n\n" + block
    path.write_text(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.listing_imports", description=__doc__)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--listings", type=int, default=N_LISTINGS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.child:
        print(json.dumps(child(args.listings)))
        return 0
    load = os.getloadavg()[0]
    result = run_child(args.listings)
    if result.problem:
        print(f"Failed: {result.problem}")
        return 1
    print(
        f"{result.n:,} listings: preview {result.preview_s:.1f} s, commit {result.commit_s:.1f} s,"
        f" total {result.total_s:.1f} s (CPU {result.cpu_s:.1f} s), peak {result.peak_mb:.0f} MB;"
        f" again {result.again_s:.1f} s ({result.again_created} created, "
        f"{result.again_updated} updated)"
    )
    print(", ".join(f"{name} {seconds:.1f} s" for name, seconds in result.steps))
    if args.listings == N_LISTINGS:
        write_section(args.output, section(result, load))
        print(f"Wrote the Listing imports section of {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Time listing search (curbside.opportunities.selectors.listings) on synthetic listings.

`python -m bench.listings [--sizes 100000,1000000] [--postgres-sizes 100000]`

Each (engine, size) runs in a child process of its own on a fresh database: SQLite in a
temporary data directory, PostgreSQL in a throwaway cluster started by bin/with-postgres
(skipped when the server binaries are not installed). The child builds the listings
(bench/listing_data.py: realistic text, real ZIP centroids; one executemany per 5,000
rows, then `listing_index` per 5,000 listings), runs ANALYZE, then times a seeded mix of
queries through `listing_search` exactly as the page and the API call it (candidates,
facets, the page's listings): words of five kinds in turn — a rare word, a common word
("patients", in 98 listings out of 100), a phrase, a prefix, no words — each
with two filters drawn from specialty, practice setting, position type, salary floor and
visa, within 50 miles of a real ZIP code drawn like the listings' places.

The same queries then go through a naive plan for the ratio: the full-text hits joined to
the wide listing table and filtered there, with the distance in SQL, counts and facets
from the rows. Both plans must find the same number of listings for every query.

Targets: SQLite p95 at most 15 ms at 100,000 listings and 100 ms at 1,000,000; PostgreSQL
p95 at most 20 ms at 100,000. The results replace the "Listing search" section of
bench/RESULTS.md; the rest of the file is left as it is.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "## Listing search"
TARGETS_MS = {
    ("sqlite", 100_000): 15.0,
    ("sqlite", 1_000_000): 100.0,
    ("postgresql", 100_000): 20.0,
}
TODAY = date(2026, 11, 22)
BATCH = 5000
KINDS = ("rare word", "common word", "phrase", "prefix", "no words")
PHRASES = ('"call schedule"', '"loan repayment"', '"level ii trauma"', '"work life balance"')
PREFIXES = ("cardio*", "pedi*", "anesth*", "nephro*", "onc*", "teach*", "tele*", "recreat*")
FILTERS = ("specialty", "practice_setting", "position_type", "salary_floor", "visa")


@dataclass
class Outcome:
    engine: str
    size: int
    build_s: float = 0.0
    index_s: float = 0.0
    database_mb: float = 0.0
    search_index_mb: float = 0.0
    queries: int = 0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    max_ms: float = 0.0
    by_kind: dict[str, list[float]] = field(default_factory=dict)  # kind → p50, p95
    naive_queries: int = 0
    naive_p50_ms: float = 0.0
    naive_p95_ms: float = 0.0
    naive_max_ms: float = 0.0
    mean_total: float = 0.0
    problem: str = ""


def percentiles(ms: Sequence[float]) -> tuple[float, float, float]:
    ordered = sorted(ms)
    p95 = statistics.quantiles(ordered, n=20, method="inclusive")[18] if len(ordered) > 1 else 0
    return statistics.median(ordered), p95, ordered[-1]


# ---------------------------------------------------------------- the child: build and time


def database_bytes() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return int(cursor.fetchone()[0])
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        return int(pages * cursor.fetchone()[0])


def build(size: int) -> tuple[float, float, int]:
    """Insert `size` listings, then index them, in batches of one transaction each; (seconds
    in all, seconds indexing, bytes the index added to the database)."""
    from django.db import connection, transaction

    from bench.listing_data import COLUMNS, rows
    from curbside.opportunities.search.index import listing_index

    sql = (
        f"INSERT INTO opportunities_listing ({', '.join(COLUMNS)}) "  # noqa: S608 (constants)
        f"VALUES ({', '.join(['%s'] * len(COLUMNS))})"
    )
    adapt_date = connection.ops.adapt_datefield_value
    adapt_datetime = connection.ops.adapt_datetimefield_value
    dates = [i for i, column in enumerate(COLUMNS) if column in {"posted_on", "expires_on"}]
    moments = [i for i, column in enumerate(COLUMNS) if column in {"created_at", "updated_at"}]
    generated = rows(size, today=TODAY, seed=1)
    started = time.perf_counter()
    done = 0
    while done < size:
        chunk = []
        for _ in range(min(BATCH, size - done)):
            row: list[Any] = list(next(generated))
            for i in dates:
                row[i] = adapt_date(row[i])
            for i in moments:
                row[i] = adapt_datetime(row[i])
            chunk.append(row)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, chunk)
        done += len(chunk)
    before = database_bytes()
    print(f"  {size:,} listings in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    index_started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM opportunities_listing ORDER BY id")
        ids = [row[0] for row in cursor.fetchall()]
    for start in range(0, len(ids), BATCH):
        with transaction.atomic():
            listing_index(ids[start : start + BATCH])
    indexing = time.perf_counter() - index_started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - started, indexing, database_bytes() - before


def query_mix(n: int, seed: int) -> list[dict[str, str]]:
    """n query strings' values, the kinds of words in turn, each with two filters and a place."""
    from bench.listing_data import N_RARE, places, rare_words
    from curbside.opportunities.classify import POSITION_TYPES, PRACTICE_SETTINGS, SPECIALTIES

    rng = random.Random(seed)
    zips = [place.zip_code for place in places()]
    rare = rare_words()
    queries = []
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        # Rare: from the long tail of the Zipf law (a few listings per 100,000).
        words = {
            "rare word": rare[rng.randrange(N_RARE // 4, N_RARE)],
            "common word": "patients",
            "phrase": rng.choice(PHRASES),
            "prefix": rng.choice(PREFIXES),
            "no words": "",
        }[kind]
        query = {"q": words, "near": rng.choice(zips), "radius_miles": "50", "kind": kind}
        for name in rng.sample(FILTERS, 2):
            query[name] = {
                "specialty": lambda: rng.choice(list(SPECIALTIES)),
                "practice_setting": lambda: rng.choice(list(PRACTICE_SETTINGS)),
                "position_type": lambda: rng.choice(list(POSITION_TYPES)),
                "salary_floor": lambda: str(rng.randrange(200, 500) * 1000),
                "visa": lambda: "1",
            }[name]()
        queries.append(query)
    return queries


def naive_search(params: Any) -> int:
    """The same search with the wide table first: FTS hits joined to every listing column,
    filtered there, the distance in SQL; counts and facets from the rows. Returns the total."""
    from django.db import connection

    from curbside.opportunities.geo import EARTH_RADIUS_MILES, bounding_box, locate
    from curbside.opportunities.search.query import parse_words

    point = locate(params.near)
    assert point is not None
    box = bounding_box(point, params.radius)
    words = parse_words(params.q)
    ops = connection.ops
    annual = (
        "COALESCE(l.salary_max, l.salary_min) * CASE l.salary_unit WHEN 'hour' THEN 2080 "
        "WHEN 'day' THEN 260 WHEN 'week' THEN 52 WHEN 'month' THEN 12 ELSE 1 END"
    )
    distance = (
        f"2 * {EARTH_RADIUS_MILES} * ASIN(SQRT(POWER(SIN(RADIANS(l.latitude - %s) / 2), 2) "
        "+ COS(RADIANS(%s)) * COS(RADIANS(l.latitude)) "
        "* POWER(SIN(RADIANS(l.longitude - %s) / 2), 2)))"
    )
    where = [
        "(l.expires_on IS NULL OR l.expires_on >= %s)",
        "l.latitude BETWEEN %s AND %s",
        "l.longitude BETWEEN %s AND %s",
        f"{distance} <= %s",
    ]
    values: list[Any] = [
        ops.adapt_datefield_value(TODAY),
        box.south,
        box.north,
        box.west,
        box.east,
        point[0],
        point[0],
        point[1],
        params.radius,
    ]
    if params.salary_floor is not None:
        where.append(f"{annual} >= %s")
        values.append(params.salary_floor)
    if params.visa:
        where.append("l.visa_sponsorship <> ''")
    selected = {
        name: getattr(params, name)
        for name in ("specialty", "practice_setting", "position_type")
        if getattr(params, name)
    }
    if words and connection.vendor == "postgresql":
        join = "JOIN opportunities_listingtext f ON f.listing_id = l.id"
        where.append("f.document @@ %s::tsquery")
        values.append(words.tsquery())
    elif words:
        join = "JOIN opportunities_listingtext f ON f.rowid = l.id"
        where.append("opportunities_listingtext MATCH %s")
        values.append(words.fts5())
    else:
        join = ""
    sql = (
        "SELECT l.id, l.title, l.employer, l.city, l.state, l.specialty, l.practice_setting, "  # noqa: S608 (constants and placeholders)
        f"l.position_type, l.posted_on FROM opportunities_listing l {join} "
        f"WHERE {' AND '.join(where)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        rows = cursor.fetchall()
    names = ("specialty", "practice_setting", "position_type")
    facets: list[Counter[str]] = [Counter(), Counter(), Counter()]
    matching = []
    for row in rows:
        misses = [i for i, name in enumerate(names) if selected.get(name, row[5 + i]) != row[5 + i]]
        if not misses:
            matching.append(row)
        for i in range(3):
            if not misses or misses == [i]:
                facets[i][row[5 + i]] += 1
    matching.sort(key=lambda row: (str(row[8] or ""), row[0]), reverse=True)
    total = len(matching)
    return total


def child(engine: str, size: int, n_queries: int, n_naive: int) -> Outcome:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries

    from curbside.opportunities.geo import warm
    from curbside.opportunities.selectors.listings import listing_search, params_from_query

    outcome = Outcome(engine=connection.vendor, size=size)
    call_command("migrate", interactive=False, verbosity=0)
    outcome.build_s, outcome.index_s, index_bytes = build(size)
    outcome.database_mb = database_bytes() / 2**20
    outcome.search_index_mb = index_bytes / 2**20
    warm()
    mix = query_mix(n_queries + 20, seed=2)
    searches = [(query["kind"], params_from_query(query)[0]) for query in mix]
    for _, params in searches[:20]:  # warm-up: caches, prepared plans
        listing_search(params, today=TODAY)
    timed = searches[20:]
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    totals = []
    for kind, params in timed:
        started = time.perf_counter()
        result = listing_search(params, today=TODAY)
        times[kind].append((time.perf_counter() - started) * 1000)
        totals.append(result.total)
        reset_queries()
    everything = [ms for kind_ms in times.values() for ms in kind_ms]
    outcome.queries = len(everything)
    outcome.p50_ms, outcome.p95_ms, outcome.max_ms = percentiles(everything)
    outcome.by_kind = {kind: list(percentiles(ms)[:2]) for kind, ms in times.items()}
    outcome.mean_total = statistics.mean(totals)
    naive_ms = []
    for (_, params), expected in list(zip(timed, totals, strict=True))[:n_naive]:
        started = time.perf_counter()
        found = naive_search(params)
        naive_ms.append((time.perf_counter() - started) * 1000)
        if found != expected:
            outcome.problem = f"naive plan found {found}, search {expected}: {params.to_query()}"
    outcome.naive_queries = len(naive_ms)
    outcome.naive_p50_ms, outcome.naive_p95_ms, outcome.naive_max_ms = percentiles(naive_ms)
    return outcome


def child_main(spec: str, n_queries: int, n_naive: int) -> int:
    engine, size = spec.split(":")
    data_dir = tempfile.mkdtemp(prefix="curbside-bench-listings-")
    os.environ["CURBSIDE_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "curbside.settings"
    if engine == "sqlite":
        os.environ.pop("DATABASE_URL", None)
    try:
        outcome = child(engine, int(size), n_queries, n_naive)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    print(json.dumps(asdict(outcome)))
    return 0


# ---------------------------------------------------------------- the parent: run and report


def run_child(engine: str, size: int, args: argparse.Namespace) -> Outcome:
    command = [
        sys.executable,
        "-m",
        "bench.listings",
        "--child",
        f"{engine}:{size}",
        "--queries",
        str(args.queries),
        "--naive",
        str(args.naive),
    ]
    if engine == "postgresql":
        command = [str(ROOT / "bin" / "with-postgres"), *command]
    print(f"{engine}, {size:,} listings …", flush=True)
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603 (our own programs)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return Outcome(engine=engine, size=size, problem=f"exit {done.returncode}: {tail}")
    return Outcome(**json.loads(lines[-1]))


def postgres_available() -> bool:
    if shutil.which("initdb"):
        return True
    return any(Path("/usr/lib/postgresql").glob("*/bin/initdb"))


def machine() -> list[str]:
    from bench.harness import machine as harness_machine

    return harness_machine()


def section(outcomes: list[Outcome], load: float, args: argparse.Namespace) -> list[str]:
    from curbside.opportunities.search.rank import RANK_BUDGET

    now = datetime.now().astimezone()
    lines = [
        "`python -m bench.listings` builds synthetic listings (real ZIP centroids, board-like",
        'text: "patients" in 98 listings out of 100, rare words from a Zipf law) in a fresh',
        "database per engine and size, then times `listing_search` (candidates, facets, the",
        f"page's listings) on {args.queries} seeded queries after 20 warm-up ones: rare word,",
        "common word, phrase, prefix and no words in turn, each with two filters and a 50-mile",
        "radius around a real ZIP code. The naive plan runs the first "
        f"{args.naive} of the same queries",
        "with the wide listing table joined to the full-text hits and filtered there; both",
        "plans must find the same listings.",
        "",
        "**Targets: SQLite p95 ≤ 15 ms at 100,000 listings and ≤ 100 ms at 1,000,000; "
        "PostgreSQL p95 ≤ 20 ms at 100,000.**",
        "",
        f"Run on {now:%Y-%m-%d %H:%M %Z}, load average {load:.1f} when it started "
        "(two cores shared with other work).",
        "",
        *machine(),
        "",
        "| Engine | Listings | Build (index) | Database | Search index | p50 | p95 | max "
        "| Naive p50 / p95 | p95 ratio | Target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for o in outcomes:
        if o.problem and not o.queries:
            lines.append(f"| {o.engine} | {o.size:,} | failed: {o.problem} | | | | | | | | |")
            continue
        target = TARGETS_MS.get((o.engine, o.size))
        met = "" if target is None else ("met" if o.p95_ms <= target else "**missed**")
        ratio = o.naive_p95_ms / o.p95_ms if o.p95_ms else 0
        lines.append(
            f"| {o.engine} | {o.size:,} | {o.build_s:.0f} s ({o.index_s:.0f} s) "
            f"| {o.database_mb:,.0f} MB | {o.search_index_mb:,.0f} MB | {o.p50_ms:.1f} ms "
            f"| {o.p95_ms:.1f} ms | {o.max_ms:.1f} ms "
            f"| {o.naive_p50_ms:.0f} / {o.naive_p95_ms:.0f} ms | {ratio:.0f}× | {met} |"
        )
    lines += ["", "p50 / p95 by kind of words:", ""]
    lines.append("| Engine | Listings | " + " | ".join(KINDS) + " |")
    lines.append("|---|---:|" + "---:|" * len(KINDS))
    for o in outcomes:
        if o.by_kind:
            cells = " | ".join(
                f"{o.by_kind[kind][0]:.1f} / {o.by_kind[kind][1]:.1f} ms" for kind in KINDS
            )
            lines.append(f"| {o.engine} | {o.size:,} | {cells} |")
    problems = [o for o in outcomes if o.problem and o.queries]
    for o in problems:
        lines += ["", f"**{o.engine}, {o.size:,}: {o.problem}**"]
    lines += [
        "",
        "Build is inserting the listings, then indexing them (`listing_index` in batches of",
        f"{BATCH:,}, in parentheses), then ANALYZE. The search index is what indexing added to",
        "the database: the narrow table, the full-text index and their B-tree indexes. On",
        "average a query found "
        + ", ".join(f"{o.mean_total:,.0f} ({o.engine}, {o.size:,})" for o in outcomes if o.queries)
        + " listings.",
        "",
        "Relevance on SQLite near a place is bm25 only when the words are estimated to be in",
        f"at most {RANK_BUDGET:,} listings together (`curbside.opportunities.search.rank`): "
        "weighing",
        'a word costs bm25 a pass over every listing that holds it. Above that ("patients"',
        "and the phrases, in 4 listings out of 10, at either size; most prefixes at 1,000,000)",
        "the listings with the words in their title come first, then the newest.",
    ]
    return lines


def write_section(path: Path, body: list[str]) -> None:
    """Replace (or add) the Listing search section of the results page, keeping the rest."""
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    block = "\n".join([SECTION, "", *body]).rstrip() + "\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block + "\n", text, count=1).rstrip() + "\n"
    else:
        text = text.rstrip() + "\n\n" + block
    path.write_text(text)


def parse_sizes(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.listings", description=__doc__)
    parser.add_argument("--sizes", type=parse_sizes, default=[100_000, 1_000_000])
    parser.add_argument("--postgres-sizes", type=parse_sizes, default=[100_000])
    parser.add_argument("--queries", type=int, default=200, help="timed queries per run")
    parser.add_argument("--naive", type=int, default=40, help="queries through the naive plan")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.child:
        return child_main(args.child, args.queries, args.naive)
    load = os.getloadavg()[0]
    outcomes = [run_child("sqlite", size, args) for size in args.sizes]
    if args.postgres_sizes and postgres_available():
        outcomes += [run_child("postgresql", size, args) for size in args.postgres_sizes]
    for o in outcomes:
        if o.problem and not o.queries:
            print(f"{o.engine}, {o.size:,}: failed: {o.problem}")
        else:
            print(
                f"{o.engine}, {o.size:,}: build {o.build_s:.0f} s, p50 {o.p50_ms:.1f} ms, "
                f"p95 {o.p95_ms:.1f} ms, max {o.max_ms:.1f} ms; naive p95 {o.naive_p95_ms:.0f} ms"
                + (f"; {o.problem}" if o.problem else "")
            )
    write_section(args.output, section(outcomes, load, args))
    print(f"Wrote the Listing search section of {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

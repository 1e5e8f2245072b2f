"""Time importing contacts: a 10,000-card vCard file and a 30,000-row LinkedIn CSV.

`python -m bench.imports`, also run by `make bench` after the page benchmarks. Each case
runs three times (the run with the median total is reported), each time in a child process
of its own on a fresh SQLite database in a temporary data directory: migrate and generate
the file (not timed), then import_preview and import_commit, timed together, as the web
page, the API and the CLI run them. The child's peak resident memory (getrusage ru_maxrss,
the whole process: Python, Django and the import) is reported with the time.

Targets: 10,000 vCards in at most 5 s with peak memory under 300 MB; 30,000 LinkedIn rows in
at most 5 s. The re-import of the same vCard file (every card already there: nothing
written) is timed too. The results replace the "Imports" section of bench/RESULTS.md; the
rest of the file is left as it is.
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
SECTION = "## Imports"
TARGET_SECONDS = 5.0
TARGET_MEMORY_MB = 300.0
RUNS = 3

# Names are drawn in turn, so that every generated person is someone else.
FIRST = (  # noqa: SIM905 -- easier to read and edit as text
    "Maya Omar Jane Sam Lee Priya Chen Ana Luis Grace Ravi Nora Ivan Zoe Malik Ines Tomas "
    "Hana Diego Aisha Felix Mina Jonas Elena Kofi Lena Arjun Sofia Yusuf Clara Mateo "
    "Leila Noah Amara Hugo Rosa Kenji Lucia Emeka Vera Pablo Sara Dmitri Alma Farid Ruth "
    "Theo Nadia Oscar Yara Bruno Ada Karim Iris Pedro Olga Amir Eva Julian Zara Marco "
    "Tara Viktor Lina Andre Maria Samir Ella Rafael Irene Tariq Mila Henrik Dana Enzo "
    "Ayla Simon Rhea Boris Leah Anton Greta Idris Lana Felipe Ingrid Omari Nina Cyrus "
    "Alba Marcus Selin Gustav Noor Dario Ilse Kamal Petra Ezra Liv Ramon Hedda Cato "
    "Sunita Bram Edith Laszlo"
).split()
LAST = (  # noqa: SIM905 -- easier to read and edit as text
    "Patel Haddad Roe Rivera Chen Nakamura Okafor Lindqvist Moreau Kowalski Silva Novak "
    "Fischer Rossi Dubois Jensen Costa Murphy Schmidt Kaur Yilmaz Ivanova Tanaka Mensah "
    "Garcia Johansson Bauer Conti Laurent Nielsen Ferreira Walsh Weber Singh Demir Popova "
    "Sato Boateng Lopez Berg Hoffmann Greco Lefevre Hansen Almeida Byrne Wagner Gupta "
    "Arslan Smirnova Kobayashi Adeyemi Martinez Eriksson Koch Marino Girard Larsen Sousa "
    "Kelly Becker Sharma Kaya Volkova Watanabe Owusu Hernandez Lund Richter Ricci Bonnet "
    "Pedersen Carvalho Doyle Schulz Reddy Celik Morozova Ito Asante Gonzalez Holm Klein "
    "Bruno Mercier Andersen Ribeiro Ryan Neumann Iyer Aydin Lebedeva Yamamoto Darko Perez "
    "Sandberg Wolf Gallo Fournier Kristensen Pereira Quinn Schwarz Rao Ozturk Sokolova "
    "Kimura Appiah Torres Strand Schulze Fontana Roux Madsen Gomes Nolan Zimmer Menon "
    "Kilic Kuznetsova Hayashi Ansah Ramirez Ek Braun Lambert Thomsen Martins Byrnes "
    "Hartmann Pillai Sahin Orlova Suzuki Tetteh Flores Blom Krause Russo Faure Jakobsen "
    "Rocha Moran Lange Nair Erdogan Fedorova Inoue Amoah Rivas Dahl Vogel Leone Chevalier "
    "Sorensen Teixeira Hayes Brandt Kapoor Polat Mikhailova Kato Quaye Castillo Nyberg "
    "Stein Marchetti Guerin Mortensen Barros Keane Frank Desai Korkmaz Vasileva Yoshida "
    "Badu Mendoza Lindgren Roth Ferri Perrin"
).split()
CITIES = (  # noqa: SIM905 -- easier to read and edit as text
    "Denver,Boulder,Aurora,Pueblo,Greeley,Fort Collins,Durango,Vail,Aspen,Golden,"
    "Salida,Lamar,Ogden,Provo,Boise,Tucson,Santa Fe,Omaha,Wichita,Tulsa"
).split(",")
KINDS = (
    "Health",
    "Medical Group",
    "Heart Institute",
    "Children's Hospital",
    "Family Medicine",
    "Orthopedics",
    "Cancer Center",
    "Clinic",
)
ORGANIZATIONS = [f"{city} {kind}" for city in CITIES for kind in KINDS]
TITLES = (
    "Attending physician",
    "Program director",
    "Department chair",
    "Practice owner",
    "Physician recruiter",
    "Hospitalist",
    "Fellow",
    "Chief medical officer",
)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def name(i: int) -> tuple[str, str]:
    """A distinct first and last name for each i (first names cycle, last names step)."""
    return FIRST[i % len(FIRST)], f"{LAST[(i // len(FIRST)) % len(LAST)]}" + (
        "" if i < len(FIRST) * len(LAST) else f"-{LAST[i % len(LAST)]}"
    )


def vcard_file(n: int) -> bytes:
    cards = []
    for i in range(n):
        first, last = name(i)
        credentials = ", MD" if i % 3 else ", DO"
        cards.append(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"FN:{first} {last}{credentials}\r\nN:{last};{first};;;\r\n"
            f"EMAIL;TYPE=INTERNET,WORK:{first.lower()}.{last.lower()}{i}@example.org\r\n"
            f"TEL;TYPE=CELL:(303) 555-{i % 10000:04d}\r\n"
            f"ORG:{ORGANIZATIONS[i % len(ORGANIZATIONS)]}\r\n"
            f"TITLE:{TITLES[i % len(TITLES)]}\r\n"
            f"ADR;TYPE=WORK:;;{i} Main Street;Denver;CO;80{i % 1000:03d};USA\r\n"
            f"NOTE:Met at the {2015 + i % 10} regional meeting\r\n"
            f"CATEGORIES:{'mentor' if i % 2 else 'colleague'}\r\n"
            "END:VCARD\r\n"
        )
    return "".join(cards).encode()


def linkedin_file(n: int) -> bytes:
    lines = [
        "Notes:",
        '"When exporting your connection data, you may notice that some of the email '
        'addresses are missing."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    for i in range(n):
        first, last = name(i)
        email = f"{first.lower()}.{last.lower()}{i}@example.org" if i % 4 == 0 else ""
        lines.append(
            f"{first},{last}{' MD' if i % 2 else ''},"
            f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{i},{email},"
            f"{ORGANIZATIONS[i % len(ORGANIZATIONS)]},{TITLES[i % len(TITLES)]},"
            f"{1 + i % 28:02d} {MONTHS[i % 12]} {2010 + i % 15}"
        )
    return ("\n".join(lines) + "\n").encode()


# The child: one case on its own database --------------------------------------------------


def child(case: str, n: int) -> dict[str, object]:
    import django

    django.setup()
    from django.core.management import call_command

    from curbside.accounts.services import user_create
    from curbside.network.models import Contact
    from curbside.portability import services

    call_command("migrate", interactive=False, verbosity=0)
    user = user_create(email="bench@curbside.example", password=None, name="Bench Physician")
    if case == "linkedin":
        files = [("Connections.csv", linkedin_file(n))]
    else:
        files = [("contacts.vcf", vcard_file(n))]
    if case == "vcard-again":
        services.import_commit(owner=user, batch=services.import_preview(owner=user, files=files))
    started, cpu_started = time.perf_counter(), time.process_time()
    batch = services.import_preview(owner=user, files=files)
    previewed = time.perf_counter()
    batch = services.import_commit(owner=user, batch=batch)
    committed, cpu_committed = time.perf_counter(), time.process_time()
    return {
        "case": case,
        "rows": len(batch.rows),
        "bytes": len(files[0][1]),
        "created": len(batch.report["created"]),
        "skipped": batch.n_skip,
        "contacts": Contact.objects.filter(owner=user, is_self=False).count(),
        "preview_s": previewed - started,
        "commit_s": committed - previewed,
        "total_s": committed - started,
        "cpu_s": cpu_committed - cpu_started,
        # Linux reports kilobytes.
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


# The parent --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    key: str
    label: str
    n: int
    memory_target: bool

    @property
    def title(self) -> str:
        return self.label.format(n=self.n)


@dataclass(frozen=True)
class Result:
    rows: int = 0
    bytes: int = 0
    created: int = 0
    skipped: int = 0
    contacts: int = 0
    preview_s: float = 0.0
    commit_s: float = 0.0
    total_s: float = 0.0
    cpu_s: float = 0.0
    peak_mb: float = 0.0
    problem: str = ""


CASES = (
    Case("vcard", "vCard file, {n:,} cards, into an empty network", 10_000, True),
    Case("linkedin", "LinkedIn Connections.csv, {n:,} rows, into an empty network", 30_000, False),
    Case("vcard-again", "The same {n:,}-card vCard file again (all already there)", 10_000, True),
)


def run_case(case: Case) -> Result:
    data_dir = tempfile.mkdtemp(prefix="curbside-bench-imports-")
    env = {**os.environ, "CURBSIDE_DATA_DIR": data_dir}
    env["DJANGO_SETTINGS_MODULE"] = "curbside.settings"
    env.pop("DATABASE_URL", None)  # SQLite, whatever the shell says
    command = [sys.executable, "-m", "bench.imports", "--child", case.key, "--rows", str(case.n)]
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
    return Result(**{name: fields[name] for name in Result.__dataclass_fields__ if name in fields})


def meets_target(case: Case, result: Result) -> bool:
    small = result.peak_mb < TARGET_MEMORY_MB or not case.memory_target
    return result.total_s <= TARGET_SECONDS and small


def section(results: list[tuple[Case, Result]], load: float, runs: int) -> list[str]:
    now = datetime.now().astimezone()
    lines = [
        "`python -m bench.imports` imports generated files into a fresh SQLite database, each",
        "case in a process of its own: import_preview (parse, check, match, store the preview)",
        "then import_commit (one transaction of bulk inserts), timed together. Peak memory is",
        "the child process's peak resident size (Python, Django and the import); CPU is the",
        f"processor time the child spent on both. Each case runs {runs} times; the table shows",
        "the run with the median total.",
        "",
        f"**Targets: at most {TARGET_SECONDS:.0f} s each; the vCard import under "
        f"{TARGET_MEMORY_MB:.0f} MB.**",
        "",
        f"Run on {now:%Y-%m-%d %H:%M %Z}, with a load average of {load:.1f} "
        "when it started (other work on the machine slows every figure).",
        "",
        "| Import | File | Preview | Commit | Total | CPU | Peak memory | Contacts | Target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for case, result in results:
        if result.problem:
            lines.append(f"| {case.title} | failed: {result.problem} | | | | | | | |")
            continue
        lines.append(
            f"| {case.title} | {result.bytes / 1024 / 1024:.1f} MB | {result.preview_s:.2f} s "
            f"| {result.commit_s:.2f} s | {result.total_s:.2f} s | {result.cpu_s:.2f} s "
            f"| {result.peak_mb:.0f} MB "
            f"| {result.contacts:,} | {'met' if meets_target(case, result) else '**missed**'} |"
        )
    return lines


def write_section(path: Path, body: list[str]) -> None:
    """Replace (or add) the Imports section of the results page, keeping the rest."""
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    block = "\n".join([SECTION, "", *body]).rstrip() + "\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block + "\n", text, count=1).rstrip() + "\n"
    else:
        text = text.rstrip() + "\n\n" + block
    path.write_text(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.imports", description=__doc__)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--runs", type=int, default=RUNS, help="runs of each case (the median)")
    parser.add_argument("--child", choices=[case.key for case in CASES], help=argparse.SUPPRESS)
    parser.add_argument("--rows", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.child:
        print(json.dumps(child(args.child, args.rows)))
        return 0
    load = os.getloadavg()[0]
    results = []
    for case in CASES:
        runs = [run_case(case) for _ in range(args.runs)]
        failed = [run for run in runs if run.problem]
        # The run with the median total: one slow or fast run on a shared machine says little.
        result = failed[0] if failed else sorted(runs, key=lambda run: run.total_s)[len(runs) // 2]
        results.append((case, result))
        if result.problem:
            print(f"{case.title}: failed: {result.problem}")
        else:
            print(
                f"{case.title}: preview {result.preview_s:.2f} s, commit {result.commit_s:.2f} s, "
                f"CPU {result.cpu_s:.2f} s, peak {result.peak_mb:.0f} MB"
            )
    write_section(args.output, section(results, load, args.runs))
    print(f"Wrote the Imports section of {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

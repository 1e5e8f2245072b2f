"""Time the warm-introduction engine (curbside.intros.paths) on synthetic graphs.

`make bench-intros` (`python -m bench.intros`), also run by `make bench`:

- Personal graph: 5,000 people and 50,000 ties; the 3 best chains from the user to an
  organization (a target set of about 10 people). Target: build under 1 s, p95 under 10 ms.
- Directory-scale graph: 1,000,000 people and 10,000,000 edges, clustered like group
  practices (clusters of 5–50 people, densely connected) and school cohorts (classes of
  about 100 people across practices), plus a few long-range ties. About 200 queries from
  a random person to an organization, its decision makers or one person, 2–6 links away.
  Targets: best chain p95 under 20 ms, 3 best chains p95 under 150 ms, graph under 500 MB.
- The same kind of queries on a 100,000-person version, with networkx for the ratio.

The results replace the "Introductions" section of bench/RESULTS.md; the rest of the file
is left as it is.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from curbside.intros.cost import edge_cost
from curbside.intros.paths import Graph, best_path, k_best_paths

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
SECTION = "## Introductions"
IntArray = npt.NDArray[np.int64]
T = TypeVar("T")


@dataclass(frozen=True)
class Synthetic:
    """Unique edge pairs plus the clusters (organizations) they were drawn from."""

    n: int
    sources: IntArray
    targets: IntArray
    costs: npt.NDArray[np.float64]
    cluster_starts: IntArray  # cluster c holds nodes cluster_starts[c]..cluster_starts[c+1]-1


@dataclass(frozen=True)
class Query:
    source: int
    targets: frozenset[int]
    kind: str  # "organization", "decision makers" or "person"


@dataclass(frozen=True)
class Timing:
    p50_ms: float
    p95_ms: float
    max_ms: float

    @classmethod
    def of(cls, seconds: Sequence[float]) -> Timing:
        ms = sorted(s * 1000 for s in seconds)
        p95 = statistics.quantiles(ms, n=20, method="inclusive")[18] if len(ms) > 1 else ms[0]
        return cls(statistics.median(ms), p95, ms[-1])

    def __str__(self) -> str:
        return f"p50 {self.p50_ms:.1f} ms, p95 {self.p95_ms:.1f} ms, max {self.max_ms:.1f} ms"


def cost_table() -> npt.NDArray[np.float64]:
    """edge_cost by (strength, recency bucket, negative?, inferred?), flattened."""
    days = [30, 200, 400, 800, 1500, 3000, None]
    table = [
        edge_cost(strength=s, days_since_last=d, last_sentiment=sentiment, inferred=inferred)
        for s in range(1, 6)
        for d in days
        for sentiment in ("neutral", "negative")
        for inferred in (False, True)
    ]
    return np.array(table, dtype=np.float64)


def random_costs(rng: np.random.Generator, m: int) -> npt.NDArray[np.float64]:
    """Costs as the product gives them: mostly recorded, some inferred, rarely negative."""
    strength = rng.choice(5, size=m, p=[0.1, 0.2, 0.35, 0.2, 0.15])
    recency = rng.integers(0, 7, size=m)
    negative = rng.random(m) < 0.03
    inferred = rng.random(m) < 0.3
    index = ((strength * 7 + recency) * 4 + negative * 2 + inferred).astype(np.int64)
    costs: npt.NDArray[np.float64] = cost_table()[index]
    return costs


def synthetic(
    n: int, n_edges: int, *, seed: int, cluster_sizes: tuple[int, int] = (5, 50)
) -> Synthetic:
    """A clustered graph of exactly n_edges distinct pairs.

    About 55% of the ties are inside practices (clusters of 5–50 colleagues, each knowing
    several others), 35% inside school and residency cohorts of 100 drawn across practices,
    and 10% long-range (conferences, old friends).
    """
    rng = np.random.default_rng(seed)
    low, high = cluster_sizes
    sizes = rng.integers(low, high + 1, size=n // low + 1)
    starts = np.concatenate(([0], np.cumsum(sizes)))
    cluster_starts = np.append(starts[starts < n], n).astype(np.int64)
    cluster_of = np.repeat(np.arange(len(cluster_starts) - 1), np.diff(cluster_starts))
    first = cluster_starts[cluster_of]
    size = cluster_starts[cluster_of + 1] - first

    # Small practices saturate (everyone knows everyone), so draw more until there are
    # enough distinct pairs.
    drawn = int(n_edges * 1.3)
    while True:
        n_inside, n_cohort = int(drawn * 0.55), int(drawn * 0.35)
        n_long = drawn - n_inside - n_cohort
        a = rng.integers(0, n, size=n_inside)
        offset = 1 + (rng.random(n_inside) * (size[a] - 1)).astype(np.int64)
        inside = (a, first[a] + (a - first[a] + offset) % size[a])
        cohort_of = rng.permutation(n)
        position = rng.integers(0, n, size=n_cohort)
        partner = position - position % 100 + rng.integers(0, 100, size=n_cohort)
        cohort = (cohort_of[position], cohort_of[np.minimum(partner, n - 1)])
        long_range = (rng.integers(0, n, size=n_long), rng.integers(0, n, size=n_long))
        sources = np.concatenate((inside[0], cohort[0], long_range[0]))
        targets = np.concatenate((inside[1], cohort[1], long_range[1]))
        low_end, high_end = np.minimum(sources, targets), np.maximum(sources, targets)
        _, unique = np.unique(low_end * n + high_end, return_index=True)
        unique = unique[low_end[unique] != high_end[unique]]
        if len(unique) >= n_edges:
            break
        drawn = int(drawn * 1.5)
    chosen = np.sort(rng.choice(unique, size=n_edges, replace=False))
    return Synthetic(
        n,
        sources[chosen],
        targets[chosen],
        random_costs(rng, len(chosen)),
        cluster_starts,
    )


def queries(
    graph: Graph, cluster_starts: IntArray, count: int, *, seed: int, kinds: Sequence[str]
) -> list[Query]:
    """Random person → a target 2–6 links away: the end of a random walk of that length,
    its whole organization, two of its members, or the person alone."""
    rng = np.random.default_rng(seed)
    result: list[Query] = []
    while len(result) < count:
        source = int(rng.integers(0, graph.n))
        node = source
        for _ in range(int(rng.integers(2, 7))):
            neighbours = graph.neighbours(node)
            if not neighbours:
                break
            node = neighbours[int(rng.integers(0, len(neighbours)))]
        cluster = int(np.searchsorted(cluster_starts, node, side="right")) - 1
        members = range(int(cluster_starts[cluster]), int(cluster_starts[cluster + 1]))
        kind = kinds[len(result) % len(kinds)]
        if kind == "person":
            chosen = {node}
        elif kind == "decision makers":
            chosen = {int(x) for x in rng.choice(members, size=2, replace=False)}
        else:
            chosen = set(members)
        if chosen.isdisjoint({source, *graph.neighbours(source)}):  # at least 2 links away
            result.append(Query(source, frozenset(chosen), kind))
    return result


def timed(call: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    answer = call()
    return time.perf_counter() - started, answer


def rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def mb(n_bytes: float) -> str:
    return f"{n_bytes / 1e6:,.0f} MB"


@dataclass(frozen=True)
class Run:
    """Each query's answer and time, in query order."""

    answers: list[Any]
    seconds: list[float]

    @property
    def timing(self) -> Timing:
        return Timing.of(self.seconds)

    def timing_where(self, qs: Sequence[Query], kind: str) -> Timing:
        return Timing.of([s for q, s in zip(qs, self.seconds, strict=True) if q.kind == kind])


def run_queries(graph: Graph, qs: Sequence[Query], k: int | None) -> Run:
    """Best chain (k None) or the k best chains for each query, timed one by one."""
    run = Run([], [])
    for q in qs:
        started = time.perf_counter()
        if k is None:
            answer: Any = best_path(graph, q.source, q.targets)
        else:
            answer = k_best_paths(graph, q.source, q.targets, k)
        run.seconds.append(time.perf_counter() - started)
        run.answers.append(answer)
    return run


def build(data: Synthetic) -> tuple[float, Graph]:
    started = time.perf_counter()
    graph = Graph.from_edges(data.n, data.sources, data.targets, data.costs)
    return time.perf_counter() - started, graph


def personal(lines: list[str], n_queries: int) -> bool:
    data = synthetic(5_000, 50_000, seed=5, cluster_sizes=(5, 15))
    seconds, graph = build(data)
    qs = queries(graph, data.cluster_starts, n_queries, seed=6, kinds=["organization"])
    run_queries(graph, qs[:10], 3)  # warm-up
    timing = run_queries(graph, qs, 3).timing
    mean_targets = statistics.mean(len(q.targets) for q in qs)
    met = seconds < 1 and timing.p95_ms < 10
    print(f"Personal graph: built in {seconds * 1000:.0f} ms; 3 best chains {timing}")
    lines += [
        "### Personal graph",
        "",
        f"{graph.n:,} people and {graph.n_edges:,} ties in organizations of 5–15 people, "
        f"school cohorts and a few long-range ties. {len(qs)} queries from a random person "
        f"to everyone at an organization (on average {mean_targets:.0f} people) 2–6 links "
        "away.",
        "",
        "| Measure | Result | Target | Met |",
        "|---|---|---|---|",
        f"| Build from edge arrays | {seconds * 1000:.0f} ms | under 1 s | {yes(seconds < 1)} |",
        f"| 3 best chains | {timing} | p95 under 10 ms | {yes(timing.p95_ms < 10)} |",
        "",
    ]
    return met


def directory(lines: list[str], n_queries: int) -> bool:
    gc.collect()
    rss_before = rss_bytes()
    started = time.perf_counter()
    data = synthetic(1_000_000, 10_000_000, seed=1)
    generated = time.perf_counter() - started
    seconds, graph = build(data)
    cluster_starts = data.cluster_starts
    del data
    gc.collect()
    rss_growth = rss_bytes() - rss_before
    kinds = ["organization", "decision makers", "person"]
    qs = queries(graph, cluster_starts, n_queries, seed=2, kinds=kinds)
    run_queries(graph, qs[:10], None)  # warm-up
    best_run = run_queries(graph, qs, None)
    k_run = run_queries(graph, qs, 3)
    best_timing, k_timing = best_run.timing, k_run.timing
    hops = [a.n_hops for a in best_run.answers if a is not None]
    met = (
        best_timing.p95_ms < 20
        and k_timing.p95_ms < 150
        and graph.nbytes < 500e6
        and rss_growth < 500e6
    )
    print(
        f"Directory graph: generated in {generated:.1f} s, built in {seconds:.1f} s, "
        f"arrays {mb(graph.nbytes)}, RSS +{mb(rss_growth)}"
    )
    print(f"  best chain {best_timing}")
    print(f"  3 best chains {k_timing}")
    lines += [
        "### Directory-scale graph",
        "",
        f"{graph.n:,} people and {graph.n_edges:,} edges: practices of 5–50 colleagues, "
        "school cohorts of 100 across practices, 10% long-range ties "
        f"(generated in {generated:.1f} s, built in {seconds:.1f} s). {len(qs)} queries from "
        "a random person to an organization (5–50 people), two of its members (decision "
        "makers) or one person, 2–6 links away; the cheapest chains have "
        f"{min(hops)}–{max(hops)} links (median {statistics.median(hops):.0f}).",
        "",
        "| Measure | Result | Target | Met |",
        "|---|---|---|---|",
        f"| Best chain | {best_timing} | p95 under 20 ms | {yes(best_timing.p95_ms < 20)} |",
        f"| 3 best chains | {k_timing} | p95 under 150 ms | {yes(k_timing.p95_ms < 150)} |",
        f"| Graph memory (array bytes) | {mb(graph.nbytes)} | under 500 MB | "
        f"{yes(graph.nbytes < 500e6)} |",
        f"| Graph memory (RSS growth) | {mb(rss_growth)} | under 500 MB | "
        f"{yes(rss_growth < 500e6)} |",
        "",
        "3 best chains by target: "
        + "; ".join(f"{kind}: {k_run.timing_where(qs, kind)}" for kind in kinds)
        + ".",
        "",
    ]
    return met


def comparison(lines: list[str], n_queries: int, n_k_queries: int) -> None:
    import networkx as nx

    data = synthetic(100_000, 1_000_000, seed=3)
    _, graph = build(data)
    started = time.perf_counter()
    nx_graph = nx.Graph()
    nx_graph.add_weighted_edges_from(
        zip(data.sources.tolist(), data.targets.tolist(), data.costs.tolist(), strict=True)
    )
    nx_build = time.perf_counter() - started
    kinds = ["organization", "decision makers", "person"]
    qs = queries(graph, data.cluster_starts, n_queries, seed=4, kinds=kinds)
    best_run = run_queries(graph, qs, None)
    k_run = run_queries(graph, qs[:n_k_queries], 3)
    ours_best, ours_k = best_run.timing, k_run.timing

    def nx_from_targets(q: Query) -> float:
        cost, _ = nx.multi_source_dijkstra(nx_graph, set(q.targets), target=q.source)
        return float(cost)

    def nx_to_sink(q: Query) -> float:
        sink = -1  # a super-sink joined to every target at no cost
        nx_graph.add_weighted_edges_from((t, sink, 0.0) for t in q.targets)
        try:
            cost, _ = nx.bidirectional_dijkstra(nx_graph, q.source, sink)
            return float(cost)
        finally:
            nx_graph.remove_node(sink)

    nx_best: dict[str, Timing] = {}
    for method in (nx_from_targets, nx_to_sink):
        seconds = []
        for q, answer in zip(qs, best_run.answers, strict=True):
            spent, cost = timed(partial(method, q))
            seconds.append(spent)
            assert abs(answer.cost - cost) < 1e-9, (q, answer, cost)
        nx_best[method.__name__] = Timing.of(seconds)

    def nx_three(q: Query) -> list[list[int]]:
        sink = -1  # a super-sink joined to every target at no cost
        nx_graph.add_weighted_edges_from((t, sink, 0.0) for t in q.targets)
        try:
            found = nx.shortest_simple_paths(nx_graph, q.source, sink, weight="weight")
            return [path[:-1] for path in itertools.islice(found, 3)]
        finally:
            nx_graph.remove_node(sink)

    seconds = []
    for q, answer in zip(qs[:n_k_queries], k_run.answers, strict=True):
        spent, paths = timed(partial(nx_three, q))
        seconds.append(spent)
        assert abs(answer[0].cost - graph.path_cost(paths[0])) < 1e-9
    nx_k = Timing.of(seconds)
    print(
        f"100k graph: best chain {ours_best}; networkx {nx_best['nx_from_targets']} "
        f"(multi-source), {nx_best['nx_to_sink']} (bidirectional)"
    )
    print(f"100k graph: 3 best chains {ours_k}; networkx {nx_k}")
    lines += [
        "### Against networkx (100,000 people)",
        "",
        f"{graph.n:,} people and {graph.n_edges:,} edges from the same generator; the "
        f"networkx {nx.__version__} graph took {nx_build:.1f} s to build. Best chain, "
        f"{len(qs)} queries, the same costs every time: `multi_source_dijkstra` from the "
        "targets, which stops when it reaches the source but searches from one side only, "
        "and `bidirectional_dijkstra` to a sink joined to the targets. 3 best chains: "
        f"`shortest_simple_paths` to that sink, on the first {n_k_queries} queries "
        "(networkx lets a chain pass through one target to another, so its second and "
        "third chains may differ from ours).",
        "",
        "| Query | Curbside p50 / p95 | networkx p50 / p95 | networkx / Curbside (p50) |",
        "|---|---|---|---|",
        row("Best chain (multi-source Dijkstra)", ours_best, nx_best["nx_from_targets"]),
        row("Best chain (bidirectional Dijkstra)", ours_best, nx_best["nx_to_sink"]),
        row("3 best chains", ours_k, nx_k),
        "",
    ]


def row(label: str, ours: Timing, theirs: Timing) -> str:
    return (
        f"| {label} | {ours.p50_ms:.1f} / {ours.p95_ms:.1f} ms | "
        f"{theirs.p50_ms:.1f} / {theirs.p95_ms:.1f} ms | {theirs.p50_ms / ours.p50_ms:,.0f}x |"
    )


def yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def machine() -> str:
    uname = subprocess.run(["uname", "-a"], capture_output=True, text=True, check=False)  # noqa: S607
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        models = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = models[0] if models else cpu
    return (
        f"Machine: `{uname.stdout.strip() or platform.platform()}`; CPU: {cpu}, "
        f"{os.cpu_count()} cores; Python {platform.python_version()}, NumPy {np.__version__}."
    )


def write_section(path: Path, body: list[str]) -> None:
    """Replace (or append) the Introductions section, up to the next "## " heading."""
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    section = "\n".join([SECTION, "", *body]).rstrip() + "\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1).rstrip() + "\n"
    else:
        text = text.rstrip() + "\n\n" + section
    path.write_text(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.intros", description=__doc__)
    parser.add_argument("--queries", type=int, default=200, help="queries per graph")
    parser.add_argument("--networkx-queries", type=int, default=50)
    parser.add_argument("--networkx-k-queries", type=int, default=20)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    now = datetime.now().astimezone()
    lines = [
        "`python -m bench.intros` (also run by `make bench`): the warm-introduction engine",
        "(`curbside.intros.paths`) on synthetic graphs held in memory, no database. Times",
        "are per query, after the graph is built.",
        "",
        f"Run on {now:%Y-%m-%d %H:%M %Z}, with a load average of {os.getloadavg()[0]:.1f} "
        f"when it started (other work on the machine slows every figure). {machine()}",
        "",
    ]
    met = personal(lines, args.queries)
    met = directory(lines, args.queries) and met
    comparison(lines, args.networkx_queries, args.networkx_k_queries)
    write_section(args.output, lines)
    print(f"Targets {'all met' if met else 'NOT all met'}.")
    print(f"Wrote the Introductions section of {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

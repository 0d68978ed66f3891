#!/usr/bin/env python3
"""Several MARACs on one service (issue #18): a simulated year for many areas through two daemons on one
PostgreSQL, and one area on SQLite against one area on PostgreSQL. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_areas.py                              # 32 areas x 500 referrals, then 500 x 2
    .venv/bin/python bench/bench_areas.py --areas 4 --per-area 100 --compare 100
    .venv/bin/python bench/bench_areas.py --skip-year --compare 500    # only the SQLite / PostgreSQL comparison

(a) A simulated year: `--areas` areas (AAA, AAB, ...: each its postcode districts, local Maildir, local
outbox, IDVA service, agencies and monthly or fortnightly meetings, from tests/multi_area.py), each
receiving `--per-area` referrals (the service's Word form or fillable PDF, half each unless `--word`
says otherwise; `--forms` victims per area) dated across one year (3 November 2025 to 30 October 2026,
working hours; a Maildir file's time is its delivery time), a tenth of them sent to another area's mailbox (handed
over inside the service). The whole year lies in the mailboxes when two daemons (`run.py run`, real
processes, both serving every area) start on one private PostgreSQL (tests/pg.py's cluster): intake is
timed until every message has left new/ and every IDVA copy is in its area's outbox folder. Then the
year's papers: for each area and each meeting its cases were listed for, what the daemon's documents
job does on that meeting's circulation day (`marac.meetings.circulation.circulate` with the model's
documents, sent: agenda and research forms to every agency and the IDVA service), plus the minutes
skeleton (built, not sent), and the queued mail delivered; the areas split across two processes.
(The daemons' own documents job only looks at meetings still to come, and the simulated year is over:
at most the last few cases, listed for a meeting after today, are circulated by it; the outbox's
dedupe keys keep their papers from going twice.)

PostgreSQL runs durable (fsync and synchronous commit on, as in production, and as SQLite writes with
synchronous=FULL) unless `--pg-fast` asks for tests/pg.py's fsync-off settings. CPU seconds are summed
over the daemons and their form readers, and over PostgreSQL's processes, to show where the time goes.

(b) One area, the same `--compare` referrals, one daemon: its state in SQLite, then in PostgreSQL.

Peak memory: resident memory summed over each daemon and its form readers (and over the papers
processes), and over PostgreSQL's processes, sampled every half second with psutil. RSS counts pages
shared between processes (forked readers, PostgreSQL's shared buffers) once per process, so the sums
overstate the real footprint; PSS (shared pages divided between sharers) is printed beside them.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_pipeline import summed_memory  # noqa: E402
from tests import multi_area as ma  # noqa: E402
from tests.pg import Cluster, start_cluster, stop_cluster  # noqa: E402

YEAR_START = dt.datetime(2025, 11, 3, tzinfo=dt.UTC)
YEAR_END = dt.datetime(2026, 10, 30, 18, tzinfo=dt.UTC)
FORMS_SIGNED = dt.date(2025, 11, 1)  # every form is dated before the first referral of the year arrives
WRONG_MAILBOX = 0.1


# ----- memory ---------------------------------------------------------------------------------------

def _family(roots: list[psutil.Process]) -> list[psutil.Process]:
    found = []
    for root in roots:
        try:
            found += [root, *root.children(recursive=True)]
        except psutil.Error:
            continue
    return found


class Peaks(threading.Thread):
    """Samples named groups of processes every `every` seconds; keeps each group's peak RSS and PSS, and
    the CPU seconds its processes used (the last reading of each process seen, children included)."""

    def __init__(self, groups: dict[str, Callable[[], list[psutil.Process]]], every: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.groups = groups
        self.every = every
        self.peak = {name: (0, 0) for name in groups}
        self._cpu: dict[str, dict[tuple[int, float], float]] = {name: {} for name in groups}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            for name, roots in self.groups.items():
                family = _family(roots())
                rss, pss = summed_memory(family)
                old = self.peak[name]
                self.peak[name] = (max(old[0], rss), max(old[1], pss))
                for p in family:
                    try:
                        times = p.cpu_times()
                        self._cpu[name][(p.pid, p.create_time())] = times.user + times.system
                    except psutil.Error:
                        continue
            self.done.wait(self.every)

    def cpu(self, name: str) -> float:
        return sum(self._cpu[name].values())

    def stop(self) -> dict[str, tuple[int, int]]:
        self.done.set()
        self.join(timeout=10)
        return self.peak


def _postgres(cluster: Cluster) -> Callable[[], list[psutil.Process]]:
    def roots() -> list[psutil.Process]:
        try:
            pid = int((cluster.data / "postmaster.pid").read_text().split()[0])
            return [psutil.Process(pid)]
        except (OSError, ValueError, IndexError, psutil.Error):
            return []
    return roots


def _mb(value: int) -> str:
    return f"{value / 2**20:,.0f} MB"


# ----- the cluster ----------------------------------------------------------------------------------

def cluster_with_room(connections: int, durable: bool = True) -> Cluster:
    """tests/pg.py's private cluster, restarted with room for every area's connection of two daemons
    (each daemon holds a connection per area) and the papers processes'. Durable (the default): fsync,
    synchronous commit and full-page writes on, as a production server runs and as the SQLite store
    writes (synchronous=FULL); tests/pg.py turns them off for speed, which `durable=False` keeps."""
    cluster = start_cluster()
    fast = "" if durable else " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    options = (f"-p {cluster.port} -k {cluster.root} -c listen_addresses=127.0.0.1{fast}"
               f" -c max_connections={connections}")
    cluster.pg_ctl("-m", "fast", "-l", str(cluster.root / "server.log"), "-o", options, "-w", "restart")
    return cluster


def new_database(cluster: Cluster, name: str) -> str:
    import psycopg
    with psycopg.connect(cluster.url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return cluster.url.rsplit("/", 1)[0] + f"/{name}"


def _pg_rows(url: str, schema: str, sql: str) -> list[tuple]:
    import psycopg
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'SET search_path TO "{schema}"')
        return [tuple(r) for r in conn.execute(sql).fetchall()]


# ----- referrals into the mailboxes -------------------------------------------------------------------

def fill_mailboxes(home: Path, areas: list[ma.Area], per_area: int, forms: dict[str, list[bytes]], seed: int,
                   wrong: float, start: dt.datetime, end: dt.datetime) -> list[tuple[str, str, str]]:
    """Every area's year of referrals, delivered (no fsync: nothing here must survive a power cut) and
    forgotten at once (a year for 32 areas is gigabytes); returns (short hash, victim's area, mailbox)."""
    rng = random.Random(seed)
    by_code = {a.code: a for a in areas}
    out = []
    for area in areas:
        for i, moment in enumerate(ma.spread(start, end, per_area, rng)):
            sent_to = rng.choice([a for a in areas if a is not area]) if len(areas) > 1 and rng.random() < wrong \
                else area
            form = forms[area.code][rng.randrange(len(forms[area.code]))]
            ref = ma.referral(form, area, sent_to, moment, f"{seed}-{area.code}-{i}")
            ma.deliver(by_code[sent_to.code].inbox(home), ref.raw, moment, f"{area.code}{i}", durable=False)
            out.append((ref.short, area.code, sent_to.code))
    return out


def _copies(home: Path, areas: list[ma.Area]) -> int:
    return sum(len(ma.idva_copies(home, a)) for a in areas)


def _waiting(home: Path, areas: list[ma.Area]) -> int:
    return sum(ma.maildir_counts(home, a)[0] for a in areas)


def run_daemons(config: Path, home: Path, areas: list[ma.Area], total: int, env: dict[str, str], count: int,
                logs: Path, extra: dict[str, Callable[[], list[psutil.Process]]], limit: float
                ) -> tuple[float, float | None, dict[str, tuple[int, int]], bool, dict[str, float]]:
    """Start `count` daemons on the filled mailboxes and time them until every message has left new/ and
    every IDVA copy is written; then SIGTERM. Returns (seconds, seconds to the first copy, peaks, done,
    CPU seconds by group)."""
    logs.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    daemons = [ma.Daemon(config, home, logs / f"daemon-{i}.log", env) for i in range(count)]
    peaks = Peaks({"daemons": lambda: [d.ps for d in daemons], **extra})
    peaks.start()
    first = None
    last_report = began
    done = False
    try:
        while time.monotonic() - began < limit:
            copies = _copies(home, areas)
            if first is None and copies:
                first = time.monotonic() - began
            if copies >= total and _waiting(home, areas) == 0:
                done = True
                break
            if not all(d.alive() for d in daemons):
                print("  a daemon stopped by itself: see", [str(d.log) for d in daemons if not d.alive()])
                break
            if time.monotonic() - last_report >= 30:
                last_report = time.monotonic()
                print(f"  ... {time.monotonic() - began:5.0f} s: {copies} of {total} IDVA copies, "
                      f"{_waiting(home, areas)} messages waiting", flush=True)
            time.sleep(0.5)
        seconds = time.monotonic() - began
    finally:
        for d in daemons:
            if d.alive():
                try:
                    d.terminate(timeout=120)
                except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not stop
                    print(f"  note: a daemon did not stop on SIGTERM ({type(exc).__name__}); killed")
            d.ensure_gone()
        peak = peaks.stop()
    cpu = {name: peaks.cpu(name) for name in peaks.groups}
    for d in daemons:
        text = d.log.read_text(errors="replace")
        if "Traceback" in text:
            print(f"  note: {d.log} holds a Traceback")
    return seconds, first, peak, done, cpu


# ----- the year's papers ------------------------------------------------------------------------------

def _papers(config_path: str, home: str, codes: list[str]) -> tuple[int, int, int, int]:
    """In a process of its own: every meeting's papers for the areas `codes`, as the documents job
    makes them on each circulation day, then the queued mail delivered. (meetings, documents built,
    queued, sent)."""
    from intake.factory import make_sender
    from marac.config import load_service
    from marac.flow.delivery import deliver_due
    from marac.meetings import circulation
    from marac.store import db

    meetings = built = queued = sent = 0
    for config in [c for c in load_service(Path(config_path), Path(home)) if c.area.code in codes]:
        conn = db.open_store(config.store, config.home, config.area.code)
        try:
            days = [dt.date.fromisoformat(str(d)[:10]) for (d,) in conn.execute(
                "SELECT DISTINCT meeting FROM cases WHERE meeting IS NOT NULL AND status IN ('listed', 'heard')"
                " ORDER BY meeting").fetchall()]
            for day in days:
                report = circulation.circulate(conn, config, config.home, day,
                                               circulation.BEFORE[config.meetings.model], send=True)
                minutes = circulation.circulate(conn, config, config.home, day, ["minutes"], send=False)
                meetings += 1
                built += len(report.built) + len(minutes.built)
                queued += len(report.queued)
            sender = make_sender(config.sender, config.mailbox, config.home)
            while True:
                delivery = deliver_due(conn, sender, config.area.mailbox_address, config.security.secure_domains)
                sent += delivery.sent
                if not delivery.sent:
                    break
            sender.close()
        finally:
            conn.close()
    return meetings, built, queued, sent


def year_papers(config: Path, home: Path, areas: list[ma.Area], processes: int,
                extra: dict[str, Callable[[], list[psutil.Process]]]
                ) -> tuple[float, tuple[int, int, int, int], dict[str, tuple[int, int]], dict[str, float]]:
    me = psutil.Process()
    peaks = Peaks({"papers": lambda: me.children(recursive=True), **extra})
    peaks.start()
    began = time.monotonic()
    codes = [a.code for a in areas]
    with ProcessPoolExecutor(processes) as pool:
        results = list(pool.map(_papers, [str(config)] * processes, [str(home)] * processes,
                                [codes[i::processes] for i in range(processes)]))
    seconds = time.monotonic() - began
    totals = tuple(sum(r[i] for r in results) for i in range(4))
    peak = peaks.stop()
    return seconds, totals, peak, {name: peaks.cpu(name) for name in peaks.groups}  # type: ignore[return-value]


# ----- (a) and (b) ------------------------------------------------------------------------------------

def simulated_year(args: argparse.Namespace, tmp: Path) -> None:
    areas = ma.make_areas(args.areas, named=False)
    total = args.areas * args.per_area
    print(f"\n(a) A simulated year for {args.areas} areas: {args.areas} x {args.per_area} = {total:,} referrals, "
          f"{args.daemons} daemons on one PostgreSQL")
    cluster = cluster_with_room(max(50, args.daemons * args.areas + 2 * args.areas + 20), not args.pg_fast)
    try:
        url = new_database(cluster, "year")
        env = {ma.DATABASE_ENV: url}
        os.environ[ma.DATABASE_ENV] = url  # for the papers processes
        home = tmp / "year"
        config = ma.write_service_config(tmp / "year.toml", areas, database=True)
        t = time.monotonic()
        forms = ma.filled_forms(areas, args.forms, args.seed, workers=2, dated=FORMS_SIGNED, word_share=args.word)
        sent = fill_mailboxes(home, areas, args.per_area, forms, args.seed, WRONG_MAILBOX, YEAR_START, YEAR_END)
        del forms
        handed = sum(1 for _, lives, to in sent if lives != to)
        print(f"  set-up (not timed): {args.forms} filled forms per area (one victim each; {args.word:.0%} Word, the "
              f"rest PDF), {total:,} messages "
              f"({handed:,} to another area's mailbox) in the Maildirs in {time.monotonic() - t:.0f} s")
        pg = {"postgresql": _postgres(cluster)}
        intake_s, first, peak, done, cpu = run_daemons(config, home, areas, total, env, args.daemons, tmp / "year-logs",
                                                  pg, args.limit)
        copies = _copies(home, areas)
        print(f"  intake: {intake_s:,.1f} s wall ({'all done' if done else 'NOT finished'}: {copies:,} IDVA copies, "
              f"{_waiting(home, areas):,} messages still in new/), first copy after {first or 0:.1f} s; "
              f"{copies / intake_s:.1f} referrals/s")
        print(f"  peak memory during intake: daemons (with their form readers) RSS {_mb(peak['daemons'][0])} "
              f"(PSS {_mb(peak['daemons'][1])}); PostgreSQL RSS {_mb(peak['postgresql'][0])} "
              f"(PSS {_mb(peak['postgresql'][1])})")
        print(f"  CPU during intake: daemons and form readers {cpu['daemons']:,.0f} s "
              f"({1000 * cpu['daemons'] / max(copies, 1):.0f} ms a referral), PostgreSQL {cpu['postgresql']:,.0f} s "
              f"({1000 * cpu['postgresql'] / max(copies, 1):.0f} ms a referral); {2 * intake_s:,.0f} core-seconds "
              "were there")
        outcomes: Counter[str] = Counter()
        statuses: Counter[str] = Counter()
        for area in areas:
            outcomes.update(o for (o,) in _pg_rows(url, area.schema, "SELECT outcome FROM messages"))
            statuses.update(s for (s,) in _pg_rows(url, area.schema, "SELECT status FROM cases"))
        print(f"  outcomes: {dict(outcomes)}; cases by status: {dict(statuses)}")
        if args.skip_papers:
            return
        papers_s, (meetings, built, queued, mailed), ppeak, pcpu = year_papers(config, home, areas, 2, pg)
        print(f"  papers: {meetings} meetings, {built:,} documents built, {queued:,} emails queued and {mailed:,} "
              f"sent in {papers_s:,.1f} s wall (2 processes); peak RSS {_mb(ppeak['papers'][0])} "
              f"(PSS {_mb(ppeak['papers'][1])}), PostgreSQL RSS {_mb(ppeak['postgresql'][0])}; CPU "
              f"{pcpu['papers']:,.0f} s (PostgreSQL {pcpu['postgresql']:,.0f} s)")
        print(f"  total (intake + papers): {intake_s + papers_s:,.1f} s")
    finally:
        os.environ.pop(ma.DATABASE_ENV, None)
        stop_cluster(cluster)
        if not args.keep:
            shutil.rmtree(tmp / "year", ignore_errors=True)


def compare(args: argparse.Namespace, tmp: Path) -> None:
    n = args.compare
    print(f"\n(b) One area, {n} referrals, one daemon: SQLite against PostgreSQL")
    area = ma.make_areas(1, named=False)[0]
    forms = ma.filled_forms([area], args.forms, args.seed + 1, workers=2, dated=FORMS_SIGNED, word_share=args.word)
    cluster = cluster_with_room(50, not args.pg_fast)
    try:
        for backend in ("sqlite", "postgresql"):
            database = backend == "postgresql"
            home = tmp / f"one-{backend}"
            config = ma.write_service_config(tmp / f"one-{backend}.toml", [area], database=database)
            fill_mailboxes(home, [area], n, forms, args.seed + 1, 0.0, YEAR_START, YEAR_END)
            env = {ma.DATABASE_ENV: new_database(cluster, "one")} if database else {}
            extra = {"postgresql": _postgres(cluster)} if database else {}
            seconds, first, peak, done, cpu = run_daemons(config, home, [area], n, env, 1,
                                                          tmp / f"one-{backend}-logs", extra, args.limit)
            copies = _copies(home, [area])
            steady = (copies - 1) / (seconds - first) if first is not None and seconds > first and copies > 1 else 0.0
            pg_note = (f"; PostgreSQL RSS {_mb(peak['postgresql'][0])}, CPU {1000 * cpu['postgresql'] / max(copies, 1):.0f} "
                       "ms a referral" if database else "")
            print(f"  {backend:<10}: {copies} of {n} in {seconds:6.1f} s ({'done' if done else 'NOT finished'}) = "
                  f"{copies / seconds:5.1f} referrals/s from start, {steady:5.1f}/s after the first copy "
                  f"({first or 0:.1f} s); daemon RSS {_mb(peak['daemons'][0])}, CPU "
                  f"{1000 * cpu['daemons'] / max(copies, 1):.0f} ms a referral{pg_note}")
            if not args.keep:
                shutil.rmtree(home, ignore_errors=True)
    finally:
        stop_cluster(cluster)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--areas", type=int, default=32)
    parser.add_argument("--per-area", type=int, default=500, help="referrals per area over the year")
    parser.add_argument("--forms", type=int, default=24, help="filled forms (victims) per area")
    parser.add_argument("--word", type=float, default=0.5, help="share of the forms in Word (the rest PDF)")
    parser.add_argument("--daemons", type=int, default=2)
    parser.add_argument("--compare", type=int, default=500, help="referrals for (b); 0 to skip it")
    parser.add_argument("--skip-year", action="store_true")
    parser.add_argument("--pg-fast", action="store_true",
                        help="PostgreSQL with fsync off, as the tests run it (default: durable, as in production)")
    parser.add_argument("--skip-papers", action="store_true")
    parser.add_argument("--limit", type=float, default=3600, help="give up on intake after this many seconds")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--keep", action="store_true", help="keep the homes (in the temporary folder)")
    args = parser.parse_args()
    print(f"bench_areas on {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}, {dt.datetime.now():%Y-%m-%d %H:%M}; "
          f"PostgreSQL {'with fsync off' if args.pg_fast else 'durable (fsync on)'}, SQLite synchronous=FULL")
    tmp = Path(tempfile.mkdtemp(prefix="bench-areas-"))
    try:
        if not args.skip_year:
            simulated_year(args, tmp)
        if args.compare:
            compare(args, tmp)
    finally:
        if args.keep:
            print(f"kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

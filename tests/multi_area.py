"""Helpers for running several MARACs on one service (issue #18): a multi-area configuration for N
areas, invented referrals whose victim lives in a chosen area and that arrived on a chosen day, Maildir
delivery, and the daemon as a real process that can be SIGKILLed. Used by
tests/integration/test_areas_two_daemons.py and bench/bench_areas.py.

Every person is invented (generators/fake_referrals.py). Each area gets postcode districts of its own
(NOR, SOU, WES for three; AAA, AAB, ... otherwise: codes are capital letters only, on made-up
two-letter postcode areas), a local Maildir
mailbox (`<home>/areas/<CODE>/inbox`), a local outbox folder (`<home>/areas/<CODE>/outbox`), an IDVA
service and agencies on secure domains with their Information Sharing Protocols in date. One police
force covers every area (as Devon and Cornwall Police covers several MARACs), so a referral an officer
sends to the wrong area's mailbox still comes from a known agency.
"""
from __future__ import annotations

import datetime as dt
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from email.utils import format_datetime
from pathlib import Path

import psutil

from generators.fake_referrals import (
    DOCX,
    FORENAMES,
    PDF,
    SURNAMES,
    invented_referral,
    referral_email,
)
from intake import maildir
from intake.identity import key_of

ROOT = Path(__file__).resolve().parents[1]
RUN_PY = ROOT / "run.py"
DATABASE_ENV = "MARAC_DATABASE_URL"
POLICE_DOMAIN = "exampleshire.police.uk"
SENDER = f"pc.referrals@{POLICE_DOMAIN}"
SECURE_DOMAINS = ["gov.uk", "police.uk", "nhs.net", "cjsm.net"]
IDVA_COPY = re.compile(r"^idva-copy\.([0-9a-f]{32})@")
# As in mailbox_config/areas.toml: three boroughs run by one coordination team.
NAMED = [("NOR", "Northam MARAC", ("NO1", "NO2", "NO3", "NO4")),
         ("SOU", "Southam MARAC", ("SO1", "SO2", "SO3", "SO4")),
         ("WES", "Westam MARAC", ("WE1", "WE2", "WE3", "WE4"))]
# Two-letter postcode areas for numbered areas (made up for the tests: districts need only look right).
_LETTERS = "ABDEFGHJKLMNPRSTUWYZ"
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday"]


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    districts: tuple[str, ...]
    weekday: str = "Tuesday"
    week_of_month: int = 2
    fortnightly: bool = False  # else monthly, on the Nth weekday

    @property
    def prefix(self) -> str:
        """The area's case numbers begin with this (`case_prefix`)."""
        return self.code

    @property
    def schema(self) -> str:
        return f"marac_{self.code.lower()}"

    @property
    def place(self) -> str:
        return self.name.removesuffix(" MARAC")

    @property
    def domain(self) -> str:
        return f"{self.place.lower().replace(' ', '')}.gov.uk"

    @property
    def mailbox_address(self) -> str:
        return f"marac@{self.domain}"

    @property
    def idva_email(self) -> str:
        return f"idva@idva.{self.domain}"

    def home(self, home: Path) -> Path:
        return home / "areas" / self.code

    def inbox(self, home: Path) -> Path:
        return self.home(home) / "inbox"

    def outbox(self, home: Path) -> Path:
        return self.home(home) / "outbox"

    def postcode(self, rng: random.Random) -> str:
        return f"{rng.choice(self.districts)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJ')}{rng.choice('LNPQRSTU')}"


def make_areas(count: int, named: bool | None = None) -> list[Area]:
    """NOR, SOU, WES for three (or fewer) unless told otherwise; AAA, AAB, ... otherwise. Meetings fall on
    different weekdays and weeks of the month, as neighbouring MARACs' do."""
    if named if named is not None else count <= len(NAMED):
        return [Area(code, name, districts, WEEKDAYS[1 + i % 3], 2 + i % 2, fortnightly=code == "WES")
                for i, (code, name, districts) in enumerate(NAMED[:count])]
    areas = []
    for i in range(count):
        # Codes and case prefixes are capital letters only (AAA, AAB, ...); districts on made-up postcode
        # areas (QA1, QB1, ... then BA1, ...), two per area, none shared.
        code = "A" + chr(65 + i // 26 % 26) + chr(65 + i % 26)
        letters = ("Q" + _LETTERS[i]) if i < len(_LETTERS) else (_LETTERS[1 + i // len(_LETTERS)] + _LETTERS[i % len(_LETTERS)])
        areas.append(Area(code, f"Area {i + 1:02d} MARAC", (f"{letters}1", f"{letters}2"),
                          WEEKDAYS[i % 4], 1 + (i // 4) % 4, fortnightly=i % 4 == 3))
    return areas


# ----- the configuration ----------------------------------------------------------------------------

def _toml_list(items: Iterable[str]) -> str:
    return "[" + ", ".join(f'"{i}"' for i in items) + "]"


def _first(weekday: str) -> dt.date:
    """A date the fortnightly cycle runs through: the first such weekday of 2025."""
    day = dt.date(2025, 1, 1)
    while day.strftime("%A") != weekday:
        day += dt.timedelta(days=1)
    return day


def area_toml(area: Area, rescan_seconds: int = 30, settle_seconds: float = 1.0) -> str:
    """One `[[areas]]` entry, in the shape of mailbox_config/areas.toml: the area's own name, code,
    addresses and districts, then the sections it sets itself."""
    when = (f'frequency = "fortnightly"\nweekday = "{area.weekday}"\nfirst_date = {_first(area.weekday)}'
            if area.fortnightly else f'weekday = "{area.weekday}"\nweek_of_month = {area.week_of_month}')
    return f"""
# --- {area.place} {"-" * max(3, 95 - len(area.place))}
[[areas]]
name = "{area.name}"
code = "{area.code}"
case_prefix = "{area.prefix}"
mailbox_address = "marac@{area.domain}"
coordinator_email = "marac.coordinator@{area.domain}"
postcode_districts = {_toml_list(area.districts)}

[areas.mailbox]
backend = "maildir"
path = "inbox"
rescan_seconds = {rescan_seconds}
settle_seconds = {settle_seconds}

[areas.idva]
service = "{area.place} IDVA service"
email = "{area.idva_email}"
isp_signed = 2024-04-01

[areas.meetings]
{when}
venue = "{area.place} Civic Centre"
chair = "DI {area.place} Chair"

[[areas.agencies]]
name = "Exampleshire Police ({area.place})"
type = "police"
email = "marac.{area.code.lower()}@{POLICE_DOMAIN}"
domains = ["{POLICE_DOMAIN}"]
isp_signed = 2024-04-01

[[areas.agencies]]
name = "{area.place} Children's Social Care"
type = "childrens_social_care"
email = "marac@childrens.{area.domain}"
domains = ["childrens.{area.domain}"]
isp_signed = 2024-04-01
children_agency = true

[[areas.agencies]]
name = "{area.place} Housing"
type = "housing"
email = "marac@housing.{area.domain}"
domains = ["housing.{area.domain}"]
isp_signed = 2024-05-12

[[areas.agencies]]
name = "{area.place} Health"
type = "health"
email = "{area.code.lower()}.marac@nhs.net"
domains = ["nhs.net"]
isp_signed = 2024-06-30
"""


def service_toml(areas: list[Area], database: bool = True, rescan_seconds: int = 30,
                 settle_seconds: float = 1.0) -> str:
    """The whole file, shaped as mailbox_config/areas.toml: the sections every area shares, then one
    `[[areas]]` entry per area. `database`: the areas' state in the PostgreSQL database whose url is in
    MARAC_DATABASE_URL (one schema per area); otherwise each area's own SQLite file."""
    store = f'[store]\nurl = {{ env = "{DATABASE_ENV}" }}\n\n' if database else ""
    shared = f"""# {len(areas)} MARACs served from one configuration (written by tests/multi_area.py; all invented).
# Each area's state sits apart under <home>/areas/<CODE>/; relative paths are relative to that folder.

{store}[security]
secure_domains = {_toml_list(SECURE_DOMAINS)}

[sender]                      # each area's mail is written to its own outbox/
backend = "local"
path = "outbox"

[limits]
max_message_bytes = 30_000_000
max_attachment_bytes = 20_000_000
parse_seconds = 30
parse_memory_mb = 768

[rules]
visible_high_risk = 14
escalation_incidents = 3
escalation_months = 12
repeat_months = 12

[meetings]                    # shared defaults; each area says when and where it sits
frequency = "monthly"
time = "10:00"
cutoff_working_days = 5
on_bank_holiday = "next_working_day"

[matching]
sure = 0.9
possible = 0.6

[documents]
templates = "templates"
circulate_working_days = 2

[tracker]
path = "tracker.xlsx"         # relative: each area's own spreadsheet

[retention]                   # long enough that nothing of the simulated year is purged while it runs
case_years = 6
desk_days = 90
sent_days = 3650
document_months = 120
backup_days = 30

[report]
quarterly_to_coordinator = false
"""
    return shared + "".join(area_toml(a, rescan_seconds, settle_seconds) for a in areas)


def write_service_config(path: Path, areas: list[Area], database: bool = True, rescan_seconds: int = 30,
                         settle_seconds: float = 1.0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(service_toml(areas, database, rescan_seconds, settle_seconds))
    return path


# ----- invented referrals -------------------------------------------------------------------------

def referral_values(rng: random.Random, area: Area, index: int, children: int = 1,
                    dated: dt.date | None = None) -> dict[str, str | bool]:
    """An invented referral whose victim lives in `area`, its form and checklist signed on `dated`
    (yesterday unless told: a form dated after the day it is read goes to the desk). `index` makes the
    victim's name one of her own within the area (forename x surname x a middle name), so matching
    never has to ask a person."""
    values = invented_referral(rng, children=children)
    signed = (dated or dt.date.today() - dt.timedelta(days=1)).strftime("%d/%m/%Y")
    values["referral.referrer.date"] = values["dash.date"] = signed
    middle = FORENAMES[(index // (len(FORENAMES) * len(SURNAMES))) % len(FORENAMES)]
    forename = FORENAMES[index % len(FORENAMES)]
    surname = SURNAMES[(index // len(FORENAMES)) % len(SURNAMES)]
    values["referral.victim.name"] = f"{forename} {middle} {surname.upper()}"
    values["referral.victim.postcode"] = area.postcode(rng)
    values["referral.victim.address"] = f"{rng.randint(1, 99)} Lantern Row, {area.place}"
    return values


def _fill(job: tuple[int, str, int, dt.date | None, bool]) -> bytes:
    from generators.forms.docx_form import build_referral_docx
    from generators.forms.pdf_fill import fill_referral_pdf
    seed, code, index, dated, word = job
    area = next(a for a in _AREA_CACHE if a.code == code)
    values = referral_values(random.Random(seed), area, index, children=index % 3, dated=dated)
    return build_referral_docx(values) if word else fill_referral_pdf(_blank(), values)


_AREA_CACHE: list[Area] = []
_BLANK: list[bytes] = []


def _blank() -> bytes:
    if not _BLANK:
        from generators.forms.pdf_form import build_referral_pdf
        _BLANK.append(build_referral_pdf())
    return _BLANK[0]


def _init_worker(areas: list[Area]) -> None:
    _AREA_CACHE[:] = areas


def filled_forms(areas: list[Area], per_area: int, seed: int, workers: int = 1, dated: dt.date | None = None,
                 word_share: float = 0.0) -> dict[str, list[bytes]]:
    """`per_area` filled referral forms for each area, each its own victim (filling takes ~0.1 s, so emails
    reuse them), signed on `dated` (see `referral_values`): the service's fillable PDF, or for
    `word_share` of them its Word form (referrers send both)."""
    word_every = round(1 / word_share) if word_share > 0 else 0
    jobs = [(seed * 100_003 + i * 1009 + n, a.code, i, dated, bool(word_every) and i % word_every == 0)
            for n, a in enumerate(areas) for i in range(per_area)]
    if workers > 1:
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(areas,)) as pool:
            filled = list(pool.map(_fill, jobs, chunksize=8))
    else:
        _init_worker(areas)
        filled = [_fill(job) for job in jobs]
    out: dict[str, list[bytes]] = {a.code: [] for a in areas}
    for (_, code, *_), data in zip(jobs, filled):
        out[code].append(data)
    return out


@dataclass(frozen=True)
class Referral:
    """One email: the area its victim lives in (`home_area`), the mailbox it was sent to (`sent_to`)."""
    raw: bytes
    home_area: str
    sent_to: str
    received: dt.datetime

    @property
    def content_hash(self) -> str:
        return key_of(self.raw).content_hash

    @property
    def short(self) -> str:
        return self.content_hash[:32]

    @property
    def handed_over(self) -> bool:
        return self.home_area != self.sent_to


_TAG = "ZZTAGZZ"
_DATE0 = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
_TEMPLATES: dict[bytes, bytes] = {}


def _template(form: bytes) -> bytes:
    """The email around one filled form, built once (building one takes ~10 ms): its tag, date and
    recipient are put in per message."""
    found = _TEMPLATES.get(form)
    if found is None:
        attachment = ("referral.docx", form, DOCX) if form[:2] == b"PK" else ("referral.pdf", form, PDF)
        found = referral_email(SENDER, [attachment], subject=f"MARAC referral {_TAG}", when=_DATE0,
                               message_id=f"<areas-{_TAG}@{POLICE_DOMAIN}>")
        _TEMPLATES[form] = found
    return found


def referral(form: bytes, home_area: Area, sent_to: Area, received: dt.datetime, tag: str) -> Referral:
    """An email with one filled form (Word or PDF), its own Message-ID and subject (so its own content hash and IDVA
    copy), addressed to `sent_to`'s mailbox, its Date header `received`."""
    raw = _template(form).replace(_TAG.encode(), tag.encode())
    raw = raw.replace(f"Date: {format_datetime(_DATE0)}".encode(), f"Date: {format_datetime(received)}".encode(), 1)
    raw = raw.replace(b"To: marac@exampleshire.gov.uk", f"To: {sent_to.mailbox_address}".encode(), 1)
    return Referral(raw, home_area.code, sent_to.code, received)


def spread(start: dt.datetime, end: dt.datetime, count: int, rng: random.Random) -> list[dt.datetime]:
    """`count` moments between start and end on working days in office hours, in order."""
    span = (end - start).total_seconds()
    out = []
    while len(out) < count:
        moment = start + dt.timedelta(seconds=rng.uniform(0, span))
        if moment.weekday() < 5 and 8 <= moment.hour < 18:
            out.append(moment)
    return sorted(out)


# ----- Maildir delivery -----------------------------------------------------------------------------

def deliver(inbox: Path, raw: bytes, received: dt.datetime | None = None, hint: str = "m",
            durable: bool = True) -> Path:
    """Put one message in an area's Maildir as a delivery agent does, with the day it arrived as the
    file's time (intake/maildir.py reads it as `received`)."""
    return maildir.deliver(inbox, raw, hint, received, durable)


def deliver_all(home: Path, areas: list[Area], referrals: list[Referral]) -> None:
    by_code = {a.code: a for a in areas}
    for i, ref in enumerate(referrals):
        deliver(by_code[ref.sent_to].inbox(home), ref.raw, ref.received, f"r{i}")


def maildir_counts(home: Path, area: Area) -> tuple[int, int]:
    """(files in new/, files in cur/)."""
    inbox = area.inbox(home)
    return tuple(sum(1 for p in (inbox / sub).iterdir() if p.is_file()) if (inbox / sub).is_dir() else 0
                 for sub in ("new", "cur"))  # type: ignore[return-value]


def idva_copies(home: Path, area: Area) -> list[str]:
    """The short hash (Message-ID) of every IDVA copy file in the area's local outbox folder."""
    folder = area.outbox(home)
    found = []
    for path in folder.glob("*.eml") if folder.is_dir() else []:
        match = IDVA_COPY.match(path.name)
        if match:
            found.append(match.group(1))
    return found


# ----- the daemon as a real process ---------------------------------------------------------------

class Daemon:
    """`run.py --config F --home H run` as an operator starts it, in the style of test_reliability.py's."""

    def __init__(self, config: Path, home: Path, log: Path, env: dict[str, str] | None = None,
                 command: tuple[str, ...] = ("run",)) -> None:
        self.log = log
        with open(log, "ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, str(RUN_PY), "--config", str(config), "--home", str(home), *command],
                cwd=ROOT, stdin=subprocess.DEVNULL, stdout=out, stderr=out, env={**os.environ, **(env or {})})
        self.ps = psutil.Process(self.process.pid)

    @property
    def pid(self) -> int:
        return self.process.pid

    def started(self) -> bool:
        return "service.started" in self.log.read_text(errors="replace")

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> list[psutil.Process]:
        """SIGKILL the daemon alone (as the OOM killer or a power cut would); its helpers, now orphans."""
        try:
            helpers = self.ps.children(recursive=True)
        except psutil.Error:
            helpers = []
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        return helpers

    def terminate(self, timeout: float = 60) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=timeout)

    def ensure_gone(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)

    def rss(self) -> int:
        """Resident memory of the daemon and all its children (form readers), summed."""
        return tree_rss(self.ps)


def tree_rss(proc: psutil.Process) -> int:
    total = 0
    try:
        family = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in family:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            continue
    return total


def alive(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def wait_for(predicate: Callable[[], bool], limit: float, step: float = 0.1) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return bool(predicate())

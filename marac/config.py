"""The service's configuration: one TOML file, validated at start with a plain sentence per mistake.

`ConfigError` is the adapters' `SettingsError` under the name the service uses: one exception for
every configuration mistake, wherever it is found.

Secrets never live in the file: it names an environment variable or a file that holds them.
"""
from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, ValidationError, field_validator, model_validator

# The mail adapters' settings live with the adapters; the configuration embeds them.
from intake.settings import Mailbox, Secret, Sender
from intake.settings import SettingsError as ConfigError
from intake.settings import Strict as _Strict

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def _email(value: str) -> str:
    local, at, domain = value.partition("@")
    if not (local and at and "." in domain) or any(c.isspace() for c in value):
        raise ValueError(f"'{value}' is not an email address")
    return value


def _area_code(value: str) -> str:
    if not (2 <= len(value) <= 6 and value.isalpha() and value.isupper()):
        raise ValueError(f"the area code must be 2 to 6 capital letters, such as EXM (found '{value}')")
    return value


Email = Annotated[str, AfterValidator(_email)]


class Area(_Strict):
    name: str = Field(min_length=1)
    code: Annotated[str, AfterValidator(_area_code)]
    mailbox_address: Email
    # Where agencies' replies to documents and reminders should go (not the referral mailbox).
    coordinator_email: Email | None = None
    postcode_districts: list[str] = []


class Idva(_Strict):
    service: str = "IDVA service"
    email: Email


class Agency(_Strict):
    name: str
    email: Email
    representative: str | None = None
    # Addresses referrals may come from (issue: who may send), e.g. "exampleshire.police.uk".
    domains: list[str] = []
    isp_signed: dt.date | None = None
    isp_expires: dt.date | None = None
    children_agency: bool = False


class Security(_Strict):
    # Case information goes only to addresses on these domains (or their subdomains).
    secure_domains: list[str] = Field(min_length=1)
    # Referrals are processed only from the [[agencies]] domains; anything else goes to the desk.
    require_known_sender: bool = True
    # Where the server adds Authentication-Results, a DMARC or DKIM failure goes to the desk too.
    check_authentication_results: bool = True

    @field_validator("secure_domains")
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        return [d.lower().lstrip(".") for d in value]


class Limits(_Strict):
    max_message_bytes: int = Field(default=30_000_000, gt=0)
    # Headers are checked as bytes before any is parsed (intake/headers.py says why).
    max_header_block_bytes: int = Field(default=256_000, ge=16_000)
    max_header_bytes: int = Field(default=16_000, ge=2_000)
    max_headers: int = Field(default=500, ge=50)
    # Wall-clock budgets: a message whose forms take longer is set aside, and never holds back the
    # others in its batch for longer than this.
    message_seconds: float = Field(default=60.0, gt=0)
    max_attachment_bytes: int = Field(default=20_000_000, gt=0)
    max_attachments: int = Field(default=20, gt=0)
    parse_seconds: float = Field(default=30.0, gt=0)
    parse_memory_mb: int = Field(default=768, ge=128)


class Rules(_Strict):
    visible_high_risk: int = Field(default=14, ge=1, le=24)
    # Potential escalation as the area defines it; the figures appear in the coordinator's explanation.
    escalation_incidents: int = Field(default=3, ge=1)
    escalation_months: int = Field(default=12, ge=1)
    repeat_months: int = Field(default=12, ge=1)
    required: list[str] = [
        "referral.victim.name",
        "referral.victim.dob",
        "referral.referrer.agency",
        "referral.referrer.phone|referral.referrer.email",
        "referral.perpetrators.0.name",
        "referral.victim.safe_to_call",
        "referral.victim_aware",
    ]


Weekday = Literal["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


class Meetings(_Strict):
    """When the MARAC meets. Monthly meetings are 'the Nth <weekday> of the month' (or the last)."""
    frequency: Literal["weekly", "fortnightly", "monthly", "dates"] = "monthly"
    weekday: Weekday = "Tuesday"
    week_of_month: int | Literal["last"] = 2
    first_date: dt.date | None = None  # weekly/fortnightly: a date the cycle runs through
    dates: list[dt.date] = []  # frequency = "dates": the explicit list
    time: str = "10:00"
    venue: str = "To be confirmed"
    chair: str = "To be confirmed"
    cutoff_working_days: int = Field(default=5, ge=0, le=30)
    on_bank_holiday: Literal["next_working_day", "skip"] = "next_working_day"

    @model_validator(mode="after")
    def _complete(self) -> "Meetings":
        if self.frequency in ("weekly", "fortnightly") and self.first_date is None:
            raise ValueError(f"a {self.frequency} MARAC needs 'first_date', a date the cycle runs through")
        if self.frequency == "dates" and not self.dates:
            raise ValueError("frequency = \"dates\" needs the list of meeting 'dates'")
        if isinstance(self.week_of_month, int) and not 1 <= self.week_of_month <= 4:
            raise ValueError("'week_of_month' must be 1 to 4, or \"last\"")
        return self


class Matching(_Strict):
    # At or above `sure` the same victim is assumed; between `possible` and `sure` a person decides.
    sure: float = Field(default=0.9, gt=0, le=1)
    possible: float = Field(default=0.6, gt=0, le=1)


class Tracker(_Strict):
    path: Path = Path("tracker.xlsx")  # relative to home, or a shared drive path
    backups: int = Field(default=5, ge=0, le=50)
    lock_wait_seconds: float = Field(default=300.0, ge=0)  # while Excel/LibreOffice has it open
    sync_minutes: float = Field(default=5.0, ge=0)  # how often the daemon merges the workbook
    remind_days_before: int = Field(default=3, ge=0, le=60)
    remind_when_overdue: bool = True
    statuses: list[str] = ["Open", "In progress", "Done", "Not done", "Cancelled"]


class Schedule(_Strict):
    """How often the daemon runs each scheduled job, in minutes (0: on every pass). The tracker's own
    interval is [tracker] sync_minutes."""
    documents_minutes: float = Field(default=0.0, ge=0)
    minutes_minutes: float = Field(default=0.0, ge=0)
    reminders_minutes: float = Field(default=0.0, ge=0)


class Documents(_Strict):
    templates: Path = PROJECT_ROOT / "templates"  # agenda.docx, research.docx, minutes.docx, actions.docx
    # The agenda and research forms go out automatically this many working days before the meeting.
    circulate_working_days: int = Field(default=2, ge=0, le=20)
    password_protect: bool = False
    # Where the password goes: a separate email to the same recipient, or only to the coordinator
    # (written beside the documents) to give by phone.
    password_channel: Literal["separate-email", "coordinator"] = "separate-email"


class Logging(_Strict):
    format: Literal["text", "json"] = "text"
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"


class Config(_Strict):
    area: Area
    mailbox: Mailbox
    sender: Sender
    idva: Idva
    security: Security
    agencies: list[Agency] = []
    limits: Limits = Limits()
    rules: Rules = Rules()
    meetings: Meetings = Meetings()
    matching: Matching = Matching()
    documents: Documents = Documents()
    tracker: Tracker = Tracker()
    schedule: Schedule = Schedule()
    logging: Logging = Logging()
    home: Path = Path("var")

    @property
    def agency_domains(self) -> list[str]:
        """Every domain a referral may come from, as the sender checks take them."""
        return [domain for agency in self.agencies for domain in agency.domains]

    @model_validator(mode="after")
    def _idva_on_secure_domain(self) -> "Config":
        if not is_secure_address(self.idva.email, self.security.secure_domains):
            raise ValueError(f"the IDVA address {self.idva.email} is not on a secure domain listed in "
                             "[security] secure_domains")
        return self


def _secrets(model: BaseModel) -> list[Secret]:
    found: list[Secret] = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, Secret):
            found.append(value)
        elif isinstance(value, BaseModel):
            found.extend(_secrets(value))
    return found


def usable_problems(config: Config) -> list[str]:
    """What stops this valid configuration from running here: missing secrets, unbuilt backends."""
    problems: list[str] = []
    for secret in _secrets(config):
        try:
            secret.read()
        except ConfigError as exc:
            problems.extend(exc.problems)
    if config.sender.backend in ("ews", "graph") and config.mailbox.backend != config.sender.backend:
        problems.append(f"the '{config.sender.backend}' sender sends from the mailbox account, so it needs "
                        f"[mailbox] backend = \"{config.sender.backend}\"")
    return problems + template_problems(config.documents.templates)


def template_problems(folder: Path) -> list[str]:
    """Every meeting template opens, and uses only variables the service provides, in whole tags."""
    from generators.documents.check import EXPECTED
    from generators.documents.check import template_problems as check
    problems: list[str] = []
    for kind, expected in EXPECTED.items():
        path = folder / kind
        if not path.exists():
            problems.append(f"the template {path} is missing")
            continue
        problems.extend(check(path.read_bytes(), expected, name=path.name))
    return problems


def is_secure_address(address: str, secure_domains: list[str]) -> bool:
    domain = address.rpartition("@")[2].lower().strip().rstrip(">")
    return any(domain == d or domain.endswith("." + d) for d in secure_domains)


def _sentence(error: dict) -> str:  # type: ignore[type-arg]
    where = ".".join(str(p) for p in error["loc"] if not str(p).startswith("function-after"))
    where = where.replace(".maildir", "").replace(".local", "").replace(".smtp", "").replace(".imap", "")
    kind, msg = error["type"], error["msg"]
    if kind == "missing":
        return f"'{where}' is missing from the configuration."
    if kind == "extra_forbidden":
        return f"'{where}' is not a setting this service knows (check the spelling)."
    if kind == "union_tag_invalid":
        ctx = error.get("ctx", {})
        return (f"'{where}.backend' is '{ctx.get('tag')}', which is not one of "
                f"{ctx.get('expected_tags', '').replace(chr(39), '')}.")
    text = msg.removeprefix("Value error, ")
    return f"'{where}': {text}." if where else f"{text[0].upper()}{text[1:]}."


def load(path: Path, home: Path | None = None) -> Config:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError([f"the configuration file {path} does not exist"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"the configuration file {path} is not valid TOML ({exc})"]) from None
    if home is not None:
        data["home"] = str(home)
    documents = data.get("documents")
    if isinstance(documents, dict) and isinstance(documents.get("templates"), str):
        # Relative template folders are the project's, wherever the command is run from.
        documents["templates"] = str(PROJECT_ROOT / documents["templates"])
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError([_sentence(e) for e in exc.errors()]) from None

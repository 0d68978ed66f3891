"""The service's configuration: one TOML file, validated at start with a plain sentence per mistake.

`ConfigError` is the adapters' `SettingsError` under the name the service uses: one exception for
every configuration mistake, wherever it is found.

Secrets never live in the file: it names an environment variable or a file that holds them.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, ValidationError, field_validator

# The mail adapters' settings live with the adapters; the configuration embeds them.
from intake.portals import check_file as _portal_file
from intake.settings import Mailbox, Secret, Sender
from intake.settings import SettingsError as ConfigError
from intake.settings import Strict as _Strict
from marac.config_areas import Area, AreaSettings, Email, overlap_problems, read_file, serves_areas, split
from marac.config_areas import written_served_here
from marac.config_checks import Findings, MeetingRule, Party, covered, meeting_findings, party_findings
from marac.config_checks import lead_findings, secure_domain_findings, template_problems
from marac.config_meetings import Meetings
from marac.config_report import AgencyType, Report
from marac.config_sections import Logging, Retention, Schedule, Store, Tracker
from marac.config_text import validation_sentence
from marac.config_transfers import MaracArea, area_findings

PROJECT_ROOT = Path(__file__).resolve().parents[1]


class Idva(_Strict):
    """The IDVA service: sent a copy of every referral at once, and, as it attends every MARAC, the
    agenda and its own research form, like an agency, when its Information Sharing Protocol is in date."""
    service: str = "IDVA service"
    email: Email
    isp_signed: dt.date | None = None
    isp_expires: dt.date | None = None


class Agency(_Strict):
    name: str
    email: Email
    representative: str | None = None
    # Addresses referrals may come from (issue: who may send), e.g. "exampleshire.police.uk".
    domains: list[str] = []
    isp_signed: dt.date | None = None
    isp_expires: dt.date | None = None
    children_agency: bool = False
    type: AgencyType = "other"  # how the SafeLives return counts its referrals
    # Passwords its referrers lock forms with, tried in turn on its mail: [{ env = "..." }, { file = "..." }].
    passwords: list[Secret] = []


class Security(_Strict):
    # Case information goes only to addresses on these domains (or their subdomains).
    secure_domains: list[str] = Field(min_length=1)
    # Referrals are processed only from the [[agencies]] domains; anything else goes to the desk.
    require_known_sender: bool = True
    # Where the server adds Authentication-Results, a DMARC or DKIM failure goes to the desk too.
    check_authentication_results: bool = True
    portal_patterns: Annotated[Path, AfterValidator(_portal_file)] | None = None  # added to intake/data/portals.toml

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


class Matching(_Strict):
    # At or above `sure` the same victim is assumed; between `possible` and `sure` a person decides.
    sure: float = Field(default=0.9, gt=0, le=1)
    possible: float = Field(default=0.6, gt=0, le=1)


class Documents(_Strict):
    templates: Path = PROJECT_ROOT / "templates"  # agenda.docx, research.docx, minutes.docx, actions.docx
    # The agenda and research forms go out automatically this many working days before the meeting.
    circulate_working_days: int = Field(default=2, ge=0, le=20)
    password_protect: bool = False
    # Where the password goes: a separate email to the same recipient, or only to the coordinator
    # (written beside the documents) to give by phone.
    password_channel: Literal["separate-email", "coordinator"] = "separate-email"


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
    retention: Retention = Retention()
    report: Report = Report()
    logging: Logging = Logging()
    store: Store = Store()
    marac_areas: list[MaracArea] = Field(default_factory=list)  # neighbouring MARACs: transfers out and in
    home: Path = Path("var")

    @property
    def agency_domains(self) -> list[str]:
        """Every domain a referral may come from, as the sender checks take them."""
        return [domain for agency in self.agencies for domain in agency.domains] + [
            domain for area in self.marac_areas for domain in area.domains]


def _secrets(model: BaseModel) -> list[Secret]:
    found: list[Secret] = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        for item in value if isinstance(value, list) else [value]:  # agencies, and each one's passwords
            if isinstance(item, Secret):
                found.append(item)
            elif isinstance(item, BaseModel):
                found.extend(_secrets(item))
    return found


def usable_problems(config: Config) -> list[str]:
    """Every error `check-config` refuses (exit 2): those that stop the service, mistakes the running
    service would carry on past, missing secrets, unbuilt backends, faulty templates. Warnings are apart
    (`config_findings`)."""
    problems: list[str] = []
    for secret in _secrets(config):
        try:
            secret.read()
        except ConfigError as exc:
            problems.extend(exc.problems)
    if config.sender.backend in ("ews", "graph") and config.mailbox.backend != config.sender.backend:
        problems.append(f"the '{config.sender.backend}' sender sends from the mailbox account, so it needs "
                        f"[mailbox] backend = \"{config.sender.backend}\"")
    found = findings(config)
    return found.unsafe + found.errors + problems + template_problems(config.documents.templates,
                                                                       config.meetings.model == "virtual")


def config_findings(config: Config) -> tuple[list[str], list[str]]:
    """(errors, warnings): errors fail `check-config`; warnings are printed and fail nothing."""
    return usable_problems(config), findings(config).warnings


def _party(agency: Agency) -> Party:
    return Party(agency.name, agency.email, tuple(agency.domains), agency.isp_signed, agency.isp_expires)


def _idva_party(idva: Idva) -> Party:
    return Party(idva.service, idva.email, (), idva.isp_signed, idva.isp_expires, idva=True)


def _rule(meetings: Meetings) -> MeetingRule:
    return MeetingRule(meetings.frequency, meetings.weekday, "weekday" in meetings.model_fields_set,
                       meetings.first_date, tuple(meetings.dates), meetings.on_bank_holiday == "skip")


def _check(secure: Security | None, agencies: list[Agency] | None, idva: Idva | None,
           meetings: Meetings | None, today: dt.date) -> Findings:
    found = Findings()
    domains = secure.secure_domains if secure else None
    if domains is not None:
        found.add(secure_domain_findings(domains))
    if agencies is not None and not agencies:
        found.errors.append("no agencies are configured ([[agencies]]), so referrals from every address would go "
                            "to the exceptions desk and meeting documents to no one")
    parties = [_party(a) for a in agencies or []] + ([_idva_party(idva)] if idva else [])
    found.add(party_findings(parties, domains, today))
    if meetings is not None:
        found.add(meeting_findings(_rule(meetings), today))
    return found


def findings(config: Config, today: dt.date | None = None) -> Findings:
    """What the checks beyond each setting's own shape find in a configuration that parsed."""
    found = _check(config.security, config.agencies, config.idva, config.meetings, today or dt.date.today())
    found.add(area_findings(config.marac_areas, config.security.secure_domains, today or dt.date.today(),
                            tuple(d for agency in config.agencies for d in agency.domains)))
    found.add(lead_findings(config.meetings.cutoff_working_days,
                            config.meetings.lead(config.documents.circulate_working_days)))
    return found


def is_secure_address(address: str, secure_domains: list[str]) -> bool:
    return covered(address.rpartition("@")[2].strip().rstrip(">"), secure_domains)


def _section(model: type[BaseModel], value: object) -> BaseModel | None:
    """The section as far as it validates: settings already reported as wrong are left out, so the
    rest (an agency's address, say) is still checked."""
    for _ in range(2):
        try:
            return model.model_validate(value) if value is not None else None
        except ValidationError as exc:
            if not isinstance(value, dict):
                return None
            value = {k: v for k, v in value.items() if k not in {str(e["loc"][0]) for e in exc.errors() if e["loc"]}}
    return None


def _partial_findings(data: dict[str, object]) -> Findings:
    """The checks on whichever sections did validate, so one mistake does not hide the next."""
    secure = _section(Security, data.get("security"))
    raw = data.get("agencies", [])
    agencies = None
    if isinstance(raw, list):
        agencies = [a for a in (_section(Agency, entry) for entry in raw) if isinstance(a, Agency)]
        if len(agencies) < len(raw):
            agencies = agencies or None  # one that failed is reported already; "none at all" would be wrong
    idva, meetings = _section(Idva, data.get("idva")), _section(Meetings, data.get("meetings", {}))
    return _check(secure if isinstance(secure, Security) else None, agencies,
                  idva if isinstance(idva, Idva) else None,
                  meetings if isinstance(meetings, Meetings) else None, dt.date.today())


def _project_paths(data: dict[str, object]) -> dict[str, object]:
    documents = data.get("documents")
    if isinstance(documents, dict) and isinstance(documents.get("templates"), str):
        # Relative template folders are the project's, wherever the command is run from.
        documents["templates"] = str(PROJECT_ROOT / documents["templates"])
    return data


def _validated(data: dict[str, object], unreadable: list[str], set_aside: set[str]) -> tuple[Config | None,
                                                                                              list[str]]:
    """One area's configuration and the problems that refuse it (none: it may be used). Mistakes that
    do not put anyone at risk are left to `usable_problems` (check-config) so the service runs."""
    try:
        config = Config.model_validate(_project_paths(data))
    except ValidationError as exc:
        # A setting on a line that could not be read is reported once, not again as missing.
        problems = [validation_sentence(e, data) for e in exc.errors()  # type: ignore[arg-type]
                    if not (e["type"] == "missing" and str(e["loc"][-1]) in set_aside)]
        found = _partial_findings(data)
        return None, list(dict.fromkeys(problems + found.unsafe + found.errors))
    if unreadable or findings(config).unsafe:
        return config, usable_problems(config)
    return config, []


def _areas(path: Path, home: Path | None) -> tuple[list[AreaSettings], list[str], list[str], set[str]]:
    """The areas a file serves, its unreadable lines (with their settings' names), and the problems of
    the file as a whole (areas that overlap)."""
    data, unreadable, set_aside = read_file(path)
    if not serves_areas(data):
        if home is not None:
            data["home"] = str(home)
        area = data.get("area")
        code = area.get("code") if isinstance(area, dict) else None
        return [AreaSettings("", code.strip().upper() if isinstance(code, str) else "", data)], unreadable, \
            written_served_here(data.get("marac_areas")), set_aside
    base = home if home is not None else Path(str(data.get("home", "var")))
    areas, shape = split(data, frozenset(Config.model_fields) - {"area", "home"}, base)
    return areas, unreadable, shape + overlap_problems(areas), set_aside


def _one(area: AreaSettings, unreadable: list[str], set_aside: set[str]) -> tuple[Config | None, list[str]]:
    config, problems = _validated(area.data, unreadable, set_aside)
    return config, [f"{area.label}: {p}" if area.label else p for p in problems]


def load(path: Path, home: Path | None = None, area: str | None = None) -> Config:
    """The configuration of one area, or ConfigError with every mistake that can be found in one go:
    unreadable lines, settings of the wrong shape, and whatever could send case data somewhere unsafe.

    A file serving several areas (`[[areas]]`) gives the one whose code is `area` (any case); without
    one, it is refused unless the file serves a single area. Each problem of an area begins "area NOR: "."""
    areas, unreadable, overall, set_aside = _areas(path, home)
    if not areas:
        raise ConfigError(unreadable + overall)
    codes = [a.code for a in areas]
    wanted = area.strip().upper() if area is not None else None
    if wanted is not None and wanted not in codes:
        if "" in codes:
            load_service(path, home)  # an area's code is missing or unreadable: its mistakes come first
        raise ConfigError([f"there is no area '{area}' in {path.name}; it serves {', '.join(codes)}"])
    if wanted is None and len(areas) > 1:
        raise ConfigError([f"this configuration serves several areas ({', '.join(c for c in codes if c)}): "
                           "choose one with --area"])
    config, refused = _one(areas[codes.index(wanted)] if wanted else areas[0], unreadable, set_aside)
    if unreadable or overall or refused or config is None:
        raise ConfigError(list(dict.fromkeys(unreadable + overall + refused)))
    return config


def load_service(path: Path, home: Path | None = None) -> list[Config]:
    """Every area the file serves, each a complete single-area configuration with its own home
    (`<home>/areas/<CODE>`); a file without `[[areas]]` gives one, exactly as `load` does. Any area's
    problem refuses them all, each problem naming its area."""
    areas, unreadable, overall, set_aside = _areas(path, home)
    problems = unreadable + overall
    configs: list[Config] = []
    for area in areas:
        config, refused = _one(area, unreadable, set_aside)
        problems += refused
        if config is not None:
            configs.append(config)
    if problems:
        raise ConfigError(list(dict.fromkeys(problems)))
    return configs

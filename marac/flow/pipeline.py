"""One message in, one outcome out: a case with its IDVA copy queued, or a folder on the desk.

Durable record first, side effects after: the ledger row, the case and the queued IDVA copy are
committed in one transaction, and only then is the message moved out of the inbox and the copy sent.
A crash anywhere leaves either nothing recorded (the message is simply handled again) or everything
recorded (the message is recognised in the ledger and only moved).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Literal
from zoneinfo import ZoneInfo

from generators.idva_copy import build_idva_copy, idva_message_id
from intake import body, plain, portals
from intake.attachments import Attachment, Letter, read_letter, sender_of
from intake.headers import HeaderLimits, header_problems
from intake.identity import MessageKey, key_of
from intake.mailbox import Incoming
from intake.sender_policy import sender_problems
from marac import logs
from marac.config import Config
from marac.config_passwords import passwords_for
from marac.referral import rules
from marac.store import cases, desk_rows, ledger, outbox, transfers
from marac.store.db import Connection, transaction
from parsers.join import join
from parsers.problem import Problem
from parsers.sandbox import ParserPool
from parsers.text import BODY_FILENAME, reads_like_referral

from . import casework, desk_folder, transfer_in

# review: a case was opened (and the IDVA copy queued) but a person must check it on the desk.
Outcome = Literal["referral", "review", "exception", "duplicate"]

ASK_REFERRER = ("Contact the referrer (details in message.eml) for what is missing or unreadable. Then type "
                "the corrections into review.xlsx (in the yellow column), or put the corrected form in this "
                "folder, and move the folder into exceptions/approved/. To turn the referral down, write why "
                "in reason.txt and move the folder into exceptions/rejected/. The original message is kept "
                "here untouched.")
CHECK_SENDER = ("Check with the sender by phone (not by replying) that the referral is genuine. If it is, "
                "move this folder into exceptions/approved/ and add the agency's email domain to the "
                "configuration; if not, write why in reason.txt and move it into exceptions/rejected/.")
MATCH_HELP = ("If this is the same person as the earlier case, move this folder into exceptions/approved/. "
              "If it is a different person, move it into exceptions/rejected/. Either way the referral is then "
              "listed; nothing else needs doing.")
ASK_RESEND = ("Look at the message (message.eml). If it is a referral, ask the referrer for the referral form "
              "and DASH checklist as Word or PDF, put them in this folder and move the folder into "
              "exceptions/approved/ (or ask the referrer to send them to the MARAC mailbox). If it is not a "
              "referral, write why in reason.txt and move the folder into exceptions/rejected/.")


LONDON = ZoneInfo("Europe/London")


def _defects(letter: Letter) -> list[dict[str, Any]]:
    """What went wrong unpacking the message (a refused zip, say): worth a look, not a stop on its own."""
    return [Problem(d, severity="warning").as_dict() for d in letter.defects]


def _notes(problems: list[dict[str, Any]]) -> list[str]:
    """The warnings among the problems, as one-line notes for the case (file named where known)."""
    notes = []
    for p in problems:
        if p.get("severity") == "warning":
            where = f"{p['file']}: " if p.get("file") else ""
            notes.append(plain.one_line(f"{where}{p['message']}", 400))
    return list(dict.fromkeys(notes))


def local_date(moment: dt.datetime) -> dt.date:
    """The day in England a message arrived: cut-offs are local days, and 23:30 UTC in summer is tomorrow."""
    return moment.astimezone(LONDON).date()


@dataclass
class Staged:
    """A message read and checked as far as it can be without parsing its forms."""
    item: Incoming
    key: MessageKey
    letter: Letter
    forms: list[Attachment]
    from_body: bool = False  # the referral was typed into the email: its text is the one "form"


@dataclass
class Pipeline:
    conn: Connection
    config: Config
    parsers: ParserPool
    exceptions_dir: Path
    mailbox_name: str
    # Another area served by this service whose victims these are: the application hands the referral over
    # (`marac.daemon.areas`). Called with that area's code, the message read and its forms' parses.
    handover: "Callable[[str, Staged, list[dict[str, Any]]], Outcome] | None" = None

    def handle(self, item: Incoming) -> Outcome:
        outcome = next(self.handle_many([item]))[1]
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    def handle_many(self, items: list[Incoming]) -> Iterator[tuple[Incoming, Outcome | Exception]]:
        return self.handle_stream(iter(items), window=max(1, len(items)))

    def handle_stream(self, items: Iterator[Incoming], window: int = 8, stop: Callable[[], bool] = lambda: False,
                      refill: Callable[[], Iterator[Incoming]] | None = None,
                      ) -> Iterator[tuple[Incoming, Outcome | Exception]]:
        """Handle messages as the mailbox offers them, yielding each outcome as soon as it is recorded.

        Up to `window` messages have their forms read at once, in parallel; as each finishes the next is
        taken, so a slow message never holds back the ones behind it (`parsers.sandbox.Scheduler`).
        Everything else, and above all each message's transaction, happens one message at a time.
        `stop` is asked before each new message is taken; the messages in hand are finished. While
        messages are in hand, `refill` (the mailbox's listing again) is asked about once a second, so
        mail that lands meanwhile does not wait for the slowest of them.
        """
        budget = self.config.limits.message_seconds
        reading = self.parsers.scheduler(budget)
        in_hand: dict[int, Staged] = {}
        seen: set[str] = set()  # offered in this stream already (in hand, or kept for a retry)
        more, listed = True, time.monotonic()
        lost: Exception | None = None  # the mailbox went away: finish what is in hand, then say so
        while True:
            if not more and in_hand and refill is not None and lost is None and time.monotonic() - listed >= 1.0:
                items, more, listed = refill(), True, time.monotonic()
            while more and len(in_hand) < window and not stop():
                try:
                    item = next(items, None)
                except (ConnectionError, OSError) as exc:
                    if not in_hand:
                        raise
                    item, lost = None, exc
                if item is None:
                    more = False
                    break
                if item.source_key in seen:
                    continue
                seen.add(item.source_key)
                try:
                    st = self._stage(item)
                except Exception as exc:  # noqa: BLE001 - one message must not stop the others
                    yield item, exc
                    continue
                if isinstance(st, Staged):
                    in_hand[reading.add([(a.data, a.filename) for a in st.forms])] = st
                else:
                    yield item, st
            if not in_hand:
                if lost is not None:
                    raise lost
                return
            for group, parses, over_budget in reading.step():
                st = in_hand.pop(group)
                try:
                    if over_budget:
                        yield st.item, self._exception(st.item, st.key, st.letter, desk_folder.DeskNote(
                            f"Reading the attached files took longer than the {budget:g} seconds allowed for "
                            "one message, so it was set aside.", ASK_RESEND), reason="too-slow")
                    else:
                        yield st.item, self._finish(st, parses)
                except Exception as exc:  # noqa: BLE001
                    yield st.item, exc

    def _stage(self, item: Incoming) -> Staged | Outcome:
        """The cheap checks first, in an order that lets no sender cost the service much: the size the
        mailbox states (before the message is read whole), the header block as bytes (before any header
        is parsed), the sender and its server's authentication (for every sender, the coordinator too),
        and only then unpacking attachments and containers."""
        key = key_of(item.raw)
        if ledger.find(self.conn, key) is not None:
            logs.event("message.already_handled", msg=key.short)
            return "duplicate"
        limits = self.config.limits
        if item.truncated or item.stated_size > limits.max_message_bytes:
            size, limit = -(-item.stated_size // 1_000_000), limits.max_message_bytes // 1_000_000
            kept = " (only its headers are in message.eml: the whole message is still in the mailbox)" \
                if item.truncated else ""
            return self._exception(item, key, None, desk_folder.DeskNote(
                f"The message is about {size} MB, larger than the {limit} MB allowed, so it was not opened"
                f"{kept}.", ASK_RESEND), reason="too-large")
        bad_headers = header_problems(item.raw, HeaderLimits(limits.max_header_block_bytes, limits.max_header_bytes,
                                                             limits.max_headers))
        if bad_headers:
            return self._exception(item, key, None, desk_folder.DeskNote(
                "The message's headers are malformed or far larger than any real email's, so it was not "
                "opened.", ASK_RESEND, [Problem(m).as_dict() for m in bad_headers]), reason="bad-headers")
        security = self.config.security
        refused = sender_problems(item.raw, self.config.agency_domains, security.require_known_sender,
                                  security.check_authentication_results,
                                  trusted=[str(self.config.area.coordinator_email or ""),
                                           *(area.email for area in self.config.marac_areas)])
        if refused:
            return self._exception(item, key, read_letter(item.raw, open_containers=False), desk_folder.DeskNote(
                "The message was not processed: it did not come from a known agency, or failed its "
                "authentication checks.", CHECK_SENDER,
                [Problem(m).as_dict() for m in refused]),
                reason="unknown-sender")
        try:
            letter = read_letter(item.raw, passwords=passwords_for(self.config, sender_of(item.raw)))
        except Exception:  # noqa: BLE001 - the email package can fail on hostile input in many ways
            return self._exception(item, key, None, desk_folder.DeskNote(
                "The message is malformed and could not be read as an email.", ASK_RESEND),
                reason="malformed")
        forms = letter.forms[: self.config.limits.max_attachments]
        locked = desk_folder.locked_title(letter.attachments)  # forms no configured password opened
        if not forms and locked:
            return self._exception(item, key, letter, desk_folder.DeskNote(
                locked, desk_folder.UNLOCK, _defects(letter)), reason="password-protected")
        if not forms:
            return self._no_form(item, key, letter)
        return Staged(item, key, letter, forms)

    def _no_form(self, item: Incoming, key: MessageKey, letter: Letter) -> Staged | Outcome:
        """No form attached: a secure portal's notice (the desk says how to fetch the form), a referral typed
        into the email (read like a form, then checked by a person), or a message for a person to read."""
        text = body.read_body(item.raw)
        notice = portals.notice_in(item.raw, letter, text, portals.load(self.config.security.portal_patterns))
        if notice is not None:
            return self._exception(item, key, letter, desk_folder.DeskNote(notice.title, notice.what_to_do,
                                                                           _defects(letter)), reason="secure-portal")
        if body.reads_like_referral(text):
            return Staged(item, key, letter, [Attachment(BODY_FILENAME, "text/plain", text.text.encode())], True)
        return self._no_attachment(item, key, letter)

    def _no_attachment(self, item: Incoming, key: MessageKey, letter: Letter) -> Outcome:
        return self._exception(item, key, letter, desk_folder.DeskNote(
            "The message has no attachment that could be a referral form (Word or PDF).", ASK_RESEND,
            _defects(letter)), reason="no-attachment")

    def take_over(self, st: Staged, parses: list[dict[str, Any]], handed_from: str) -> Outcome:
        """A referral another area served here received for a victim living in this one: opened here, as
        if it had come to this area's mailbox, its IDVA copy to this area's IDVA, marked where it came from."""
        return self._finish(st, parses, handed_from)

    def _finish(self, st: Staged, parses: list[dict[str, Any]], handed_from: str | None = None) -> Outcome:
        if ledger.find(self.conn, st.key) is not None:  # the same message twice in one batch
            logs.event("message.already_handled", msg=st.key.short)
            return "duplicate"
        if st.from_body and not any(reads_like_referral(p) for p in parses):
            return self._no_attachment(st.item, st.key, st.letter)  # "Label: value" lines, but no referral
        if st.from_body:  # the text read goes to the desk and, as the referral, to the IDVA service
            st.letter = dataclasses.replace(st.letter, attachments=[*st.letter.attachments, *st.forms])
        joined = join(parses)
        problems = rules.check(joined, self.config.rules) + _defects(st.letter)
        if joined["referral"] is None:
            locked = desk_folder.locked_title(st.letter.attachments)  # the referral may be the form still locked
            return self._exception(st.item, st.key, st.letter, desk_folder.DeskNote(
                locked or "No referral form could be read from the attachments.",
                desk_folder.UNLOCK if locked else ASK_RESEND, problems),
                reason="no-referral", fields=joined)
        elsewhere = casework.served_elsewhere(self.config, joined) if handed_from is None else None
        if elsewhere is not None and self.handover is not None:
            return self.handover(elsewhere, st, parses)
        return self._accept(st.item, st.key, st.letter, joined, problems, handed_from)

    def evaluate(self, joined: dict[str, Any], problems: list[dict[str, Any]],
                 received: dt.date) -> tuple[casework.Placement, list[dict[str, Any]]]:
        """Where the referral goes and everything a person must look at before it is listed."""
        placement = casework.place(self.conn, self.config, joined, received)
        found = rules.criteria(joined, self.config.rules, repeat=placement.kind == "repeat")
        problems = [*problems, *rules.criteria_problems(found, joined, self.config.rules),
                    *casework.area_problems(self.config, joined), *casework.repeat_problems(joined, placement)]
        if placement.kind == "possible" and placement.previous_case is not None:
            earlier = cases.number_of(self.conn, placement.previous_case)
            problems.append(Problem(f"this may be the same victim as case {earlier} "
                                    f"({'; '.join(placement.evidence)}): please confirm or reject the match",
                                    "referral.victim").as_dict())
        return placement, problems

    def _accept(self, item: Incoming, key: MessageKey, letter: Letter, joined: dict[str, Any],
                problems: list[dict[str, Any]], handed_from: str | None = None) -> Outcome:
        received = item.received
        placement, problems = self.evaluate(joined, problems, local_date(received))
        review = rules.needs_a_person(problems)
        with transaction(self.conn):
            case_id, number = self.open_case(placement, received, review)
            # Whatever went wrong reading the message or its files reaches a person even when the
            # referral is fine otherwise: a note on the case, shown by `cases` and on the desk.
            cases.add_warnings(self.conn, case_id, _notes(problems))
            folder = None
            if review:
                folder = desk_folder.put(self.exceptions_dir, key.short, desk_folder.DeskNote(
                    "The referral needs checking before it can be listed.",
                    MATCH_HELP if placement.kind == "possible" else ASK_REFERRER, problems,
                    case_number=number, idva_copy_sent=True), item.raw, sender=letter.sender,
                    subject=letter.subject, attachments=letter.attachments, ignored=letter.ignored,
                    fields=joined)
            message_row = ledger.record(self.conn, mailbox=self.mailbox_name, source_key=item.source_key,
                                        key=key, size=len(item.raw), outcome="referral", case_id=case_id,
                                        exception_dir=folder.name if folder else None,
                                        received=received.isoformat(timespec="seconds"))
            cases.add_referral(self.conn, case_id=case_id, message=message_row, parsed=joined,
                               received=received.isoformat(timespec="seconds"))
            transfer_in.mark(self.conn, self.config, case_id, letter.sender, letter.subject,  # from another MARAC?
                             [a.filename for a in letter.attachments], joined)
            if handed_from is not None:
                transfers.mark_from(self.conn, case_id, handed_from)
            if folder is not None:
                desk_rows.add(self.conn, folder.name, "match" if placement.kind == "possible" else "review",
                              case_id=case_id, message=message_row, match_case=placement.previous_case)
            self.queue_idva_copy(key, number, joined, letter, received, review)
        logs.event("referral.accepted", case=number, msg=key.short, forms=",".join(joined["forms"]),
                   state="exception" if review else "listed", meeting=placement.meeting.isoformat(),
                   reason=placement.kind)
        return "review" if review else "referral"

    def open_case(self, placement: casework.Placement, received: dt.datetime, review: bool) -> tuple[int, str]:
        if placement.kind == "joined" and placement.case_id is not None:
            return placement.case_id, cases.number_of(self.conn, placement.case_id)
        meetings = self.config.meetings
        cases.ensure_meeting(self.conn, placement.meeting.isoformat(), meetings.venue, meetings.chair)
        return cases.new_case(self.conn, self.config.area.case_number_prefix, received.year,
                              status="exception" if review else "listed", meeting=placement.meeting.isoformat(),
                              repeat=placement.kind == "repeat",
                              previous_case=placement.previous_case if placement.kind == "repeat" else None,
                              warnings=placement.warnings)

    def queue_idva_copy(self, key: MessageKey, number: str, joined: dict[str, Any], letter: Letter,
                         now: dt.datetime, review: bool) -> None:
        area, idva = self.config.area, self.config.idva
        message_id = idva_message_id(key.content_hash, area.mailbox_address)
        payload = build_idva_copy(case_number=number, area_name=area.name, mailbox_address=area.mailbox_address,
                                  idva_address=idva.email, agency=joined["referral"]["referrer"]["agency"],
                                  received=now, attachments=letter.attachments, message_id=message_id,
                                  for_review=review)
        outbox.enqueue(self.conn, purpose="idva-copy", dedupe_key=f"idva-copy:{key.content_hash}",
                       header_message_id=message_id, recipients=[idva.email], case_number=number,
                       document="referral (IDVA copy)", payload=payload)

    def _exception(self, item: Incoming, key: MessageKey, letter: Letter | None,
                   what: desk_folder.DeskNote, reason: str, fields: dict[str, Any] | None = None) -> Outcome:
        folder = desk_folder.put(self.exceptions_dir, key.short, what, item.raw,
                          sender=letter.sender if letter else None, subject=letter.subject if letter else "",
                          attachments=letter.attachments if letter else [],
                          ignored=letter.ignored if letter else [], fields=fields)
        with transaction(self.conn):
            row = ledger.record(self.conn, mailbox=self.mailbox_name, source_key=item.source_key, key=key,
                                size=len(item.raw), outcome="exception", exception_dir=folder.name, reason=reason,
                                received=item.received.isoformat(timespec="seconds"))
            desk_rows.add(self.conn, folder.name, "unread", message=row)
        logs.warning("message.exception", msg=key.short, reason=reason)
        return "exception"

    def quarantine(self, item: Incoming, reason: str) -> Outcome:
        """A message the service failed on again and again goes to a person instead of looping."""
        key = key_of(item.raw)
        return self._exception(item, key, None, desk_folder.DeskNote(
            "The service failed to process this message several times, so it is set aside for you.",
            "Forward message.eml to whoever supports the MARAC service, and handle the referral by hand "
            "meanwhile."), reason=reason)

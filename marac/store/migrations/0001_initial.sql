-- A table is created before any table that refers to it: PostgreSQL runs this file too (marac/store/migrate.py).

CREATE TABLE meetings (
    date    TEXT PRIMARY KEY,                -- YYYY-MM-DD
    venue   TEXT,
    chair   TEXT,
    status  TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled'))
);

CREATE TABLE cases (
    id            INTEGER PRIMARY KEY,
    case_number   TEXT NOT NULL UNIQUE,
    year          INTEGER NOT NULL,
    sequence      INTEGER NOT NULL,
    meeting       TEXT REFERENCES meetings(date),
    status        TEXT NOT NULL CHECK (status IN ('listed', 'heard', 'closed', 'exception')),
    repeat        INTEGER NOT NULL DEFAULT 0,
    previous_case INTEGER REFERENCES cases(id),
    created_at    TEXT NOT NULL,
    UNIQUE (year, sequence)
);

-- The message ledger: one row per distinct message the service has taken from any mailbox.
CREATE TABLE messages (
    id            INTEGER PRIMARY KEY,
    mailbox       TEXT NOT NULL,             -- backend name, e.g. maildir:inbox
    source_key    TEXT NOT NULL,             -- backend's own key (file name, uidvalidity:uid, ...)
    message_id    TEXT,                      -- the Message-ID header, if any
    content_hash  TEXT NOT NULL,             -- sha256 of the message without transport headers
    size          INTEGER NOT NULL,
    received_at   TEXT NOT NULL,
    outcome       TEXT NOT NULL CHECK (outcome IN ('referral', 'exception', 'duplicate')),
    case_id       INTEGER REFERENCES cases(id),
    exception_dir TEXT,
    reason        TEXT
);
CREATE UNIQUE INDEX messages_dedupe ON messages(content_hash, coalesce(message_id, ''));
CREATE INDEX messages_source ON messages(mailbox, source_key);

CREATE TABLE referrals (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases(id),
    message       INTEGER NOT NULL REFERENCES messages(id),
    agency        TEXT,
    received_at   TEXT NOT NULL,
    parsed        TEXT NOT NULL,             -- JSON: the merged parse of the message's forms
    victim_name   TEXT,                      -- kept for matching; never logged
    victim_dob    TEXT,
    has_children  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX referrals_case ON referrals(case_id);

CREATE TABLE actions (
    id            INTEGER PRIMARY KEY,
    action_ref    TEXT NOT NULL UNIQUE,
    case_id       INTEGER NOT NULL REFERENCES cases(id),
    meeting       TEXT REFERENCES meetings(date),
    description   TEXT NOT NULL,
    agency        TEXT NOT NULL,
    owner         TEXT,
    deadline      TEXT,
    status        TEXT NOT NULL DEFAULT 'open',
    status_reported TEXT,
    notes         TEXT,
    updated_at    TEXT NOT NULL
);

-- Transactional outbox: a row is written in the same transaction as the record that causes it,
-- and a sender worker delivers it afterwards.
CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY,
    purpose       TEXT NOT NULL,             -- e.g. idva-copy
    dedupe_key    TEXT NOT NULL UNIQUE,      -- one outgoing message per purpose and subject
    header_message_id TEXT NOT NULL UNIQUE,  -- stable Message-ID, the same on every retry
    recipients    TEXT NOT NULL,             -- JSON list
    case_number   TEXT,
    document      TEXT NOT NULL,             -- what is disclosed, for the audit
    payload       BLOB NOT NULL,             -- the complete RFC 5322 message
    payload_sha256 TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'refused')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error    TEXT,
    created_at    TEXT NOT NULL,
    sent_at       TEXT
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);

-- Every disclosure (what went to whom, when, with the document's hash) and every decision.
CREATE TABLE audit (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    event         TEXT NOT NULL,             -- disclosure, refused, decision
    case_number   TEXT,
    document      TEXT,
    recipient     TEXT,
    sha256        TEXT,
    detail        TEXT
);
CREATE INDEX audit_case ON audit(case_number);

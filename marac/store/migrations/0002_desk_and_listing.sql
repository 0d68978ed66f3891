-- Warnings a coordinator should see on the case list (e.g. heard later than the target).
ALTER TABLE cases ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';

-- The coordinator's desk: one row per folder in exceptions/, and what was decided about it.
CREATE TABLE desk (
    folder      TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('review', 'unread', 'match', 'outbox')),
    case_id     INTEGER REFERENCES cases(id),
    message     INTEGER REFERENCES messages(id),
    match_case  INTEGER REFERENCES cases(id),  -- for 'match': the earlier case it may be the same as
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'rejected')),
    created_at  TEXT NOT NULL,
    decided_at  TEXT
);

-- An emergency MARAC is called for one case, on a day the calendar has no meeting; its papers say so.
ALTER TABLE meetings ADD COLUMN kind TEXT NOT NULL DEFAULT 'scheduled';

-- A virtual MARAC holds no meeting: each agency writes what it knows about a case in the case's
-- "information and updates" document. What it wrote is kept here (its actions go to `actions`).
CREATE TABLE agency_updates (
    meeting      TEXT NOT NULL REFERENCES meetings(date),
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    agency       TEXT NOT NULL,
    information  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (meeting, case_id, agency)
);

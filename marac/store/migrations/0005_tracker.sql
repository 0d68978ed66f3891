-- The shared action tracker (marac/tracker_sync.py). Statements are split on a semicolon at a line end,
-- so comments here never end a line with one.

-- The common ancestor of the three-way merge: per action, the values of the columns people edit
-- (status, date status reported, notes) as they were last written to, or read from, the workbook.
-- A value that differs from this in the workbook was changed by a person, in the store by the service.
-- While a conflict is open the ancestor stays where it was, so the conflict stays visible.
CREATE TABLE tracker_sync (
    action_ref      TEXT PRIMARY KEY,
    status          TEXT,
    status_reported TEXT,
    notes           TEXT,
    synced_at       TEXT NOT NULL
);

-- A person and the service changed the same cell differently since the last sync. The store keeps the
-- service's value, the workbook keeps the person's, the coordinator decides (Conflicts sheet).
-- Resolved rows stay as the record of what was decided.
CREATE TABLE tracker_conflicts (
    id             INTEGER PRIMARY KEY,
    action_ref     TEXT NOT NULL,
    field          TEXT NOT NULL CHECK (field IN ('status', 'status_reported', 'notes')),
    workbook_value TEXT,
    store_value    TEXT,
    detected_at    TEXT NOT NULL,
    resolved_at    TEXT,
    resolution     TEXT CHECK (resolution IN ('spreadsheet', 'service', 'merged', 'gone'))
);
CREATE UNIQUE INDEX tracker_conflicts_open ON tracker_conflicts(action_ref, field) WHERE resolved_at IS NULL;

-- What the service last wrote at each workbook path: the file's hash (a different hash means a person
-- saved it since) and a fingerprint of the content (the same content need not be written again).
CREATE TABLE tracker_state (
    path        TEXT PRIMARY KEY,
    sha256      TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    written_at  TEXT NOT NULL
);

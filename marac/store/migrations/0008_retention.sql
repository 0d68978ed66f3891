-- A legal hold keeps a case whatever the retention settings say, until it is released.
CREATE TABLE holds (
    case_number TEXT PRIMARY KEY,
    why         TEXT NOT NULL,
    placed_at   TEXT NOT NULL
);

-- What was purged, when and why: case numbers and counts only, never what the records said.
CREATE TABLE purges (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    case_number TEXT,
    what        TEXT NOT NULL,
    count       INTEGER NOT NULL,
    why         TEXT NOT NULL
);

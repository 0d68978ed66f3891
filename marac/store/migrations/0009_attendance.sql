-- Who came to each meeting, as the minutes read back say: the steering group watches attendance.
CREATE TABLE attendance (
    meeting          TEXT NOT NULL REFERENCES meetings(date),
    agency           TEXT NOT NULL,
    representative   TEXT,
    status           TEXT NOT NULL CHECK (status IN ('present', 'apologies', 'absent', 'unknown')),
    information_sent INTEGER,
    recorded_at      TEXT NOT NULL,
    PRIMARY KEY (meeting, agency)
);

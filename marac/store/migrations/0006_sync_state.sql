-- Where a mailbox backend that reads changes (EWS sync state, Graph delta link) got to. A row is written
-- only once every message up to that point has been handled and moved, so a restart never skips mail;
-- at worst it sees some again, and the ledger knows them.
CREATE TABLE sync_state (
    mailbox    TEXT PRIMARY KEY,
    state      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- A document names many cases: each recipient's disclosure is recorded once per case it carries.
ALTER TABLE outbox ADD COLUMN cases TEXT NOT NULL DEFAULT '[]';

-- Which documents have gone out for which meeting, so automatic circulation happens once.
CREATE TABLE circulations (
    meeting     TEXT NOT NULL,
    document    TEXT NOT NULL,             -- agenda, research, minutes, actions
    created_at  TEXT NOT NULL,
    PRIMARY KEY (meeting, document)
);

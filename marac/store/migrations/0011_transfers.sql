-- Inter-MARAC transfers. A case that came from another area's MARAC names it (the agenda shows
-- "Transferred from ..."); a case sent on to another MARAC is closed (status 'closed') and names where
-- it went, with the day, so `cases` shows it as transferred rather than merely closed.
ALTER TABLE cases ADD COLUMN transferred_from TEXT;
ALTER TABLE cases ADD COLUMN transferred_to TEXT;
ALTER TABLE cases ADD COLUMN transferred_at TEXT

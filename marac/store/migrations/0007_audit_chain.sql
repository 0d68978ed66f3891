-- Each audit entry carries the hash of the one before it and its own (store/chain.py): an entry
-- changed, removed or inserted afterwards breaks the chain at that point. Entries made before this
-- migration are chained once, in order, when it runs.
ALTER TABLE audit ADD COLUMN prev_hash TEXT;
ALTER TABLE audit ADD COLUMN hash TEXT;

-- Blocking keys for victim matching (name tokens, date of birth): a new referral is compared only with
-- earlier referrals sharing a key, not with every referral ever received.
CREATE TABLE victim_keys (
    referral_id INTEGER NOT NULL REFERENCES referrals(id),
    key         TEXT NOT NULL,
    PRIMARY KEY (key, referral_id)
);

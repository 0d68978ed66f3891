"""What is decided about one referral, with no I/O: is it complete and does it meet the criteria
(`rules`), who is it about and is that a victim we know (`identity`, `matching`), and which meeting can
hear it (`meeting_dates`)."""

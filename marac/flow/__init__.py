"""One message in, one outcome out: the pipeline (`pipeline`), where a checked referral goes
(`casework`), the coordinator's desk folders (`desk_folder`) and decisions (`decisions`), and the
delivery of what the outbox holds (`delivery`)."""

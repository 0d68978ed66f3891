"""The long-running service: the mail loop (`service`), the table of scheduled jobs (`jobs`) and the
one-service-per-home lock (`lock`)."""

"""The MARAC service: the domain and the application, in rooms that follow a referral's path.

- `config`, `logs`: the configuration and the guarded log, used by every room below.
- `referral/`: pure rules about one referral: criteria, victim identity and matching, meeting dates.
- `store/`: the database; every SQL statement lives here.
- `flow/`: one message to one outcome: the pipeline, where a referral goes, the desk, delivery.
- `meetings/`: one meeting's papers: the pack, circulation, minutes read back, reminders.
- `tracker/`: the shared Excel action tracker kept in step with the store.
- `daemon/`: the long-running service, its scheduled jobs and its lock.
- `cli/`: the command line (docs/cli.md).

Imports run one way: cli → daemon → flow | meetings | tracker → store → referral → config, logs →
the adapters (generators, intake, parsers). `make test` checks it (import-linter, `.importlinter`).
"""

"""The command line (docs/cli.md): `main` parses the command and runs it; `readable` prints a parse for
a person; `demo` puts invented referrals in the local mailbox."""

#!/usr/bin/env python3
"""Command-line entry point: `python run.py --help`."""
import sys
from pathlib import Path

if sys.version_info < (3, 11):
    sys.exit("The MARAC service needs Python 3.11 or later: use `make run`, or .venv/bin/python run.py.")
try:
    from marac.cli.main import main
except ModuleNotFoundError as missing:  # started with a Python that lacks the service's libraries
    venv = Path(__file__).resolve().parent / ".venv" / "bin" / "python"
    how = f"or run it as {venv} run.py" if venv.exists() else "which sets up .venv with everything it needs"
    sys.exit(f"This Python ({sys.executable}) does not have the libraries the MARAC service uses "
             f"('{missing.name}' is missing). Use `make run`, {how}.")

if __name__ == "__main__":
    sys.exit(main())

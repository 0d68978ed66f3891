#!/usr/bin/env python3
"""Command-line entry point: `python run.py --help`."""
import sys

from marac.cli.main import main

if __name__ == "__main__":
    sys.exit(main())

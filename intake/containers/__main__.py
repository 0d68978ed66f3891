"""The Outlook item / winmail.dat reader's child process: `python -m intake.containers KIND ...`
(started by intake.containers.outlook.unpack_in_child)."""
import sys

from .outlook import child_main

sys.exit(child_main(sys.argv[1:]))

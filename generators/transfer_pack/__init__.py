"""The inter-MARAC transfer pack: everything another area's MARAC needs to hear one case, as one
message (`compose`): the referral forms as received, a summary of what was read from them (the DASH
checklist's answers too), the case's earlier hearings with the extracts of minutes about this case
only, and its open actions. Pure: plain data in, bytes out; no store, no configuration."""
from .message import compose, pack_files
from .minutes_extract import case_section
from .model import PackAction, TransferPack

__all__ = ["PackAction", "TransferPack", "case_section", "compose", "pack_files"]

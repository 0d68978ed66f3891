"""A virtual MARAC's "information and updates" document: one per case, one section per agency with its
information and its actions table; rendered from templates/information-and-updates.docx and read back
when agencies return it completed."""

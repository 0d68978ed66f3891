"""Old binary Office files (OLE containers): `reader.read_ole` reads a Word 97-2003 .doc by converting it
to .docx with LibreOffice, and says when the file is password-protected instead.
"""

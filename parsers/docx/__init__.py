"""Word .docx files: `reader.read_docx` reads named controls and fields, then the printed layout.

Layered top to bottom: reader; layout (the walker) and legacy_fields (FORMTEXT and friends); tables
(a Word table made plain rows for the shared table rules, parsers.tables) and dash_lines (a checklist
as numbered paragraphs); walk (the Word hooks of the shared walk state: controls marked as read,
highlighted words); text (WordprocessingML rendered as the page shows it). What a row, a cell or a
Yes / No grid means is parsers.tables', shared with the PDF reader.
"""

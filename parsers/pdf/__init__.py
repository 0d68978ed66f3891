"""PDF files: `reader.read_pdf` reads AcroForm fields, XFA data, a PDF's printed text, or says it is a scan.

Layered top to bottom: reader; text (a PDF without fields) and unnamed (fields with meaningless
names placed by their printed labels); tables (ruled tables made plain rows for the shared table
rules, and positional tables) and widgets (where each widget's words are); grid (what a grid of text
cells means), acroform (the field tree), dash_lines (a checklist as numbered question lines), unread
(where tick boxes the file does not carry the state of are) and open_items (what the text reader
holds open down a page); layout (words, lines and cells on a page) and walk (the shared walk state's
PDF hooks); chars (a page's characters loaded once); marks (tick boxes drawn or typed in a symbol
font, struck-out options, as the page's characters); prompts (placeholder prompts left out).

A form saved as PDF from Word reads as its Word original: a ruled table's rows and cells are handed
to the same rules the Word reader uses (parsers.tables), so both readers apply one rule to the same
table; only the cues differ (a PDF's bold text, shading, ruling lines and page breaks instead of
Word's XML), and tick boxes whose state the file does not carry are left unknown by a hook.
"""

"""PDF files: `reader.read_pdf` reads AcroForm fields, XFA data, a PDF's printed text, or says it is a scan.

Layered top to bottom: reader; text (a PDF without fields) and unnamed (fields with meaningless
names placed by their printed labels); tables (ruled and positional tables) and widgets (where each
widget's words are); grid (what a grid of text cells means) and acroform (the field tree); layout
(words, lines and cells on a page).
"""

"""Word .docx files: `reader.read_docx` reads named controls and fields, then the printed layout.

Layered top to bottom: reader; layout (the walker) and legacy_fields (FORMTEXT and friends); tables;
dash_grid (Yes / No / Don't know grids); walk (the walker's state and table shapes); text
(WordprocessingML rendered as the page shows it).
"""

"""The rules for reading a form's tables, one set for every format.

Each format reader (parsers.docx, parsers.pdf) builds the same plain rows and cells (parsers.tables.walk:
text, a label cue, grid column and span, header and claimed flags) from its own file and hands them
here, so a form saved as PDF reads as its Word original and a rule lives in one place:

- walk: the rows, cells and reading state (Walk) the rules share, with the hooks a format fills in;
- cells: what one cell holds, read as text (values, ticks, instructions, labels inside a cell);
- dash_answers, dash_grid: Yes / No / Don't know grids, the DASH checklist among them;
- columns: people side by side, one column each;
- rows: a table row by row (headings, label | value pairs, label-above-value blocks, person tables);
- questions: numbered checklist questions written as lines of text, and their answers.
"""

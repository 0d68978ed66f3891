"""The SafeLives data return and the steering group's report: figures in, an xlsx workbook and a PDF out.

Pure functions over `model.Figures`, which holds counts and durations only: nothing here can name a
person, because nothing that could is ever passed in.
"""

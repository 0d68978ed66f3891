"""The SafeLives return as an Excel workbook: one row per meeting and a totals row (sheet "Return"), the
rates beside SafeLives' levels ("Rates"), how the service is doing ("Service") and native Excel charts
("Charts", drawn from the cells, so they follow any correction made in Excel).

Fixed places (HEADER_ROW, FIRST_ROW, the column order of `return_columns`) so the return can be copied
into SafeLives' own sheet column by column, and so the tests can check it cell by cell.
"""
from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .model import AGENCY_COLUMNS, EQUALITY_COLUMNS, Figures, MeetingRow, Spread

MARKING = "OFFICIAL-SENSITIVE"
HEADER_ROW, FIRST_ROW = 4, 5
BOLD = Font(bold=True)


def return_columns() -> list[str]:
    """The headings of the "Return" sheet, left to right."""
    equality = [h for _, label in EQUALITY_COLUMNS for h in (label, f"{label}: not known")]
    return (["Meeting date", "Cases discussed", "Repeat cases"] + [label for _, label in AGENCY_COLUMNS]
            + ["Children in the households"] + equality)


def meeting_values(row: MeetingRow) -> list[object]:
    equality = [n for key, _ in EQUALITY_COLUMNS for n in (row.equality[key].yes, row.equality[key].unknown)]
    return ([row.date if row.date else "Total", row.cases, row.repeats]
            + [row.by_agency[key] for key, _ in AGENCY_COLUMNS] + [row.children] + equality)


def _marked(ws: Worksheet, title: str) -> None:
    """Every printed page says what it is and its page number; the sheet prints landscape, fitted wide."""
    ws.oddHeader.center.text = MARKING
    ws.oddHeader.right.text = title
    ws.oddFooter.center.text = MARKING
    ws.oddFooter.right.text = "Page &P of &N"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _heading(ws: Worksheet, figures: Figures, what: str) -> None:
    ws["A1"] = f"{figures.area}: {what}, {figures.period}"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = f"{MARKING}. Counts only: no person is named in this workbook."


def _return_sheet(ws: Worksheet, figures: Figures) -> int:
    _heading(ws, figures, "MARAC data return")
    for col, text in enumerate(return_columns(), 1):
        cell = ws.cell(HEADER_ROW, col, text)
        cell.font, cell.alignment = BOLD, Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(col)].width = 12 if col > 1 else 14
    for n, row in enumerate(figures.meetings + [figures.totals]):
        for col, value in enumerate(meeting_values(row), 1):
            cell = ws.cell(FIRST_ROW + n, col, value)
            if col == 1 and row.date:
                cell.number_format = "dd/mm/yyyy"
            if row.date is None:
                cell.font = BOLD
    ws.freeze_panes = ws.cell(FIRST_ROW, 2)
    notes_row = FIRST_ROW + len(figures.meetings) + 2
    for n, note in enumerate(["'Not known': the referral form did not say, so the case is not counted as 'no'."]
                             + figures.notes):
        ws.cell(notes_row + n, 1, note)
    return FIRST_ROW + len(figures.meetings)  # the totals row


def _rates_sheet(ws: Worksheet, figures: Figures) -> None:
    _heading(ws, figures, "rates beside SafeLives' levels")
    ws.append([])
    ws.append(["Measure", "This MARAC", "SafeLives recommended", f"National ({figures.national_period})", "Note"])
    for comparison in figures.rates:
        ws.append([comparison.label, comparison.ours, comparison.recommended, comparison.national, comparison.note])
    ws.append([])
    ws.append(["Cases this period", figures.totals.cases, None, figures.national_cases, "national: a year's cases"])
    ws.append(["Children in the households", figures.totals.children, None, figures.national_children,
               "national: a year's children"])
    for cell in ws[HEADER_ROW]:
        cell.font = BOLD
    for col, width in zip("ABCDE", (44, 14, 22, 30, 50)):
        ws.column_dimensions[col].width = width


def _spread_row(spread: Spread) -> list[object]:
    return [spread.label, spread.count, spread.median, spread.p95, spread.unit]


def _service_sheet(ws: Worksheet, figures: Figures) -> None:
    s = figures.service
    _heading(ws, figures, "how the service is doing")
    ws.append([])
    ws.append(["Measure", "Count", "Median", "95th percentile", "Unit"])
    for spread in (s.idva_copy, s.listed, s.heard, s.desk_wait):
        ws.append(_spread_row(spread))
    ws.append([])
    share = round(100 * s.heard_within_target / s.heard.count, 1) if s.heard.count else None
    ws.append([f"Cases heard within {s.heard_target_weeks} weeks of the referral", s.heard_within_target,
               None, None, "cases"])
    ws.append([f"Share heard within {s.heard_target_weeks} weeks (%)", share, None, None, "% of cases heard"])
    ws.append(["Desk items opened in the period", s.desk_items, None, None, "items"])
    ws.append(["Desk items still open", s.desk_open, None, None, "items"])
    ws.append(["Agencies' attendance", s.attendance])
    if s.attendance_rows:
        ws.append(["Agency", "Meetings recorded", "Present", "Apologies", "of which sent information", "Absent"])
        for a in s.attendance_rows:
            ws.append([a.agency, a.meetings, a.present, a.apologies, a.apologies_with_information, a.absent])
    ws.append([])
    ws.append(["Actions set at the period's meetings, by agency"])
    ws.append(["Agency", "Actions", "Done on time", "Done late", "Overdue", "Open, not yet due"])
    for a in s.actions:
        ws.append([a.agency, a.total, a.done_on_time, a.done_late, a.overdue, a.open_not_due])
    for cell in ws[HEADER_ROW]:
        cell.font = BOLD
    for col, width in zip("ABCDEF", (48, 12, 12, 16, 12, 16)):
        ws.column_dimensions[col].width = width


def _chart_data(ws: Worksheet, figures: Figures) -> tuple[int, int]:
    """The equality shares and the weeks to hearing as cells the charts read; returns their first rows."""
    _heading(ws, figures, "figures behind the charts")
    ws.append([])
    ws.append(["Equality fact", "Share of cases (%)", "Cases", "Not known"])
    equality_row = ws.max_row + 1
    cases = figures.totals.cases
    for key, label in EQUALITY_COLUMNS:
        tally = figures.totals.equality[key]
        ws.append([label, round(100 * tally.yes / cases, 1) if cases else 0, tally.yes, tally.unknown])
    ws.append([])
    ws.append(["Time from referral to hearing", "Cases"])
    weeks_row = ws.max_row + 1
    for label, count in figures.service.heard_weeks:
        ws.append([label, count])
    ws.column_dimensions["A"].width = 46
    return equality_row, weeks_row


def _bar(title: str, y_title: str, data: Reference, cats: Reference, from_rows: bool = False) -> BarChart:
    chart = BarChart()
    chart.type, chart.title, chart.style = "col", title, 10
    chart.y_axis.title = y_title
    chart.add_data(data, titles_from_data=True, from_rows=from_rows)
    chart.set_categories(cats)
    chart.height, chart.width = 7.5, 16
    return chart


def _charts(ws: Worksheet, ret: Worksheet, data: Worksheet, totals_row: int, figures: Figures,
            equality_row: int, weeks_row: int) -> None:
    last = totals_row - 1
    dates = Reference(ret, min_col=1, min_row=FIRST_ROW, max_row=max(last, FIRST_ROW))
    charts = [
        _bar("Cases discussed per meeting", "Cases", Reference(ret, min_col=2, min_row=HEADER_ROW,
             max_row=max(last, FIRST_ROW)), dates),
        _bar("Repeat cases per meeting", "Cases", Reference(ret, min_col=3, min_row=HEADER_ROW,
             max_row=max(last, FIRST_ROW)), dates),
        _bar("Cases by referring agency type", "Cases",
             Reference(ret, min_col=1, max_col=3 + len(AGENCY_COLUMNS), min_row=totals_row, max_row=totals_row),
             Reference(ret, min_col=4, max_col=3 + len(AGENCY_COLUMNS), min_row=HEADER_ROW), from_rows=True),
        _bar("Equality: share of cases (%)", "%", Reference(data, min_col=2, min_row=equality_row - 1,
             max_row=equality_row + len(EQUALITY_COLUMNS) - 1),
             Reference(data, min_col=1, min_row=equality_row, max_row=equality_row + len(EQUALITY_COLUMNS) - 1)),
        _bar("Time from referral to hearing", "Cases", Reference(data, min_col=2, min_row=weeks_row - 1,
             max_row=weeks_row + len(figures.service.heard_weeks) - 1),
             Reference(data, min_col=1, min_row=weeks_row, max_row=weeks_row + len(figures.service.heard_weeks) - 1)),
    ]
    # The agency chart's row starts at column A ("Total") so its series is named; its values start at D.
    charts[2].series[0].val.numRef.f = (f"'{ret.title}'!$D${totals_row}:$"
                                        f"{get_column_letter(3 + len(AGENCY_COLUMNS))}${totals_row}")
    for chart in charts[2:]:
        # Text categories are a string reference; openpyxl writes a number one, which Excel shows as 1, 2, 3.
        for series in chart.series:
            series.cat = AxDataSource(strRef=StrRef(f=series.cat.numRef.f))
    for n, chart in enumerate(charts):
        ws.add_chart(chart, f"A{3 + 16 * n}")


def build_workbook(figures: Figures) -> bytes:
    wb = Workbook()
    ret = wb.active
    ret.title = "Return"
    rates, service, charts, data = (wb.create_sheet(t) for t in ("Rates", "Service", "Charts", "Chart data"))
    totals_row = _return_sheet(ret, figures)
    _rates_sheet(rates, figures)
    _service_sheet(service, figures)
    equality_row, weeks_row = _chart_data(data, figures)
    _heading(charts, figures, "charts")
    _charts(charts, ret, data, totals_row, figures, equality_row, weeks_row)
    for ws, title in ((ret, "MARAC data return"), (rates, "Rates"), (service, "Service"), (charts, "Charts"),
                      (data, "Chart data")):
        _marked(ws, title)
    wb.properties.title = f"{figures.area}: MARAC data return, {figures.period}"
    wb.properties.creator = "MARAC referral service"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()

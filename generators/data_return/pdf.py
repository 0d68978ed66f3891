"""The steering group's report as a PDF: the same figures and charts as the workbook, with the rates
beside SafeLives' recommended levels and the national figures.

A count from 1 to `small_count` - 1 is printed "fewer than N" and drawn as a hatched bar N high, so no one
can be recognised from a small number (the workbook for SafeLives keeps exact counts). Zero is shown: it
identifies no one.
"""
from __future__ import annotations

import io
import textwrap

import matplotlib

matplotlib.use("Agg")  # no display: the service runs headless
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from .model import AGENCY_COLUMNS, EQUALITY_COLUMNS, Figures  # noqa: E402

MARKING = "OFFICIAL-SENSITIVE"
PAGES = 4
HEADINGS = ("Summary", "Rates beside SafeLives' levels", "Cases per meeting", "Repeat cases per meeting",
            "Referrals by agency type", "Equality of access", "Time from referral to hearing",
            "How the service is doing", "Actions by agency")


def shown(count: int, small: int) -> str:
    return f"fewer than {small}" if 0 < count < small else f"{count:,}"


def _value(value: float | None, unit: str = "") -> str:
    return "not worked out" if value is None else f"{value:,.1f}{unit}"


def _page(figures: Figures, number: int) -> Figure:
    fig = plt.figure(figsize=(8.27, 11.69))  # A4 portrait
    fig.text(0.5, 0.975, MARKING, ha="center", fontsize=10, weight="bold")
    fig.text(0.5, 0.015, f"{MARKING} - {figures.area}, {figures.period} - page {number} of {PAGES}",
             ha="center", fontsize=8)
    return fig


def _lines(fig: Figure, top: float, lines: list[tuple[str, bool]]) -> float:
    """Text down the page from `top`; (text, is_heading). Returns where it ended."""
    y = top
    for text, heading in lines:
        for part in textwrap.wrap(text, 100, subsequent_indent="    ") or [""]:
            fig.text(0.08, y, part, fontsize=12 if heading else 9.5, weight="bold" if heading else "normal")
            y -= 0.03 if heading else 0.021
    return y


def _bars(ax: Axes, title: str, labels: list[str], counts: list[int], small: int, ylabel: str = "Cases") -> None:
    heights = [small if 0 < c < small else c for c in counts]
    bars = ax.bar(range(len(counts)), heights, color="#3b6ea5")
    for bar, count in zip(bars, counts):
        if 0 < count < small:
            bar.set_hatch("//")
            bar.set_facecolor("#c9d6e8")
        ax.annotate(shown(count, small), (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    ha="center", va="bottom", fontsize=7)
    ax.set_title(title, fontsize=11, weight="bold", loc="left")
    wrapped = ["\n".join(textwrap.wrap(label, 16)) for label in labels]
    if len(labels) <= 6:  # few bars: the labels fit level, wrapped
        ax.set_xticks(range(len(counts)), wrapped, fontsize=7.5)
    else:
        ax.set_xticks(range(len(counts)), labels, rotation=35, ha="right", fontsize=7.5)
    ax.set_ylabel(ylabel)
    ax.set_ylim(0, max(heights + [small]) * 1.25)


def _summary_page(figures: Figures, small: int) -> Figure:
    fig, t = _page(figures, 1), figures.totals
    lines = [(f"{figures.area}: MARAC steering group report", True), (figures.period, False), ("", False),
             ("Summary", True),
             (f"Meetings held: {len(figures.meetings)}", False),
             (f"Cases discussed: {shown(t.cases, small)}", False),
             (f"Repeat cases: {shown(t.repeats, small)}", False),
             (f"Children in the households: {shown(t.children, small)}", False), ("", False),
             ("Rates beside SafeLives' levels", True)]
    for c in figures.rates:
        recommended = f"; SafeLives recommends {_value(c.recommended)}" if c.recommended is not None else ""
        lines.append((f"{c.label}: {_value(c.ours)}{recommended}; national {_value(c.national)}", False))
        if c.note:
            lines.append((f"    ({c.note})", False))
    lines += [(f"National figures ({figures.national_period}): {figures.national_cases:,} cases, "
               f"{figures.national_children:,} children.", False), ("", False)]
    lines += [(note, False) for note in figures.notes]
    lines.append((f"Counts from 1 to {small - 1} are shown as 'fewer than {small}' so no one can be recognised.",
                  False))
    _lines(fig, 0.92, lines)
    return fig


def _meeting_page(figures: Figures, small: int) -> Figure:
    fig = _page(figures, 2)
    dates = [f"{row.date:%d/%m/%Y}" for row in figures.meetings if row.date]
    top, bottom = fig.add_axes((0.1, 0.55, 0.85, 0.36)), fig.add_axes((0.1, 0.1, 0.85, 0.36))
    _bars(top, "Cases per meeting", dates, [r.cases for r in figures.meetings], small)
    _bars(bottom, "Repeat cases per meeting", dates, [r.repeats for r in figures.meetings], small)
    return fig


def _agency_page(figures: Figures, small: int) -> Figure:
    fig, t = _page(figures, 3), figures.totals
    top, bottom = fig.add_axes((0.1, 0.6, 0.85, 0.31)), fig.add_axes((0.1, 0.25, 0.85, 0.25))
    _bars(top, "Referrals by agency type", [label for _, label in AGENCY_COLUMNS],
          [t.by_agency[k] for k, _ in AGENCY_COLUMNS], small)
    _bars(bottom, "Equality of access", [label for _, label in EQUALITY_COLUMNS],
          [t.equality[k].yes for k, _ in EQUALITY_COLUMNS], small)
    unknown = [f"{label}: {shown(t.equality[k].unknown, small)}" for k, label in EQUALITY_COLUMNS
               if t.equality[k].unknown]
    _lines(fig, 0.15, [("Not known (not on the form): " + ("; ".join(unknown) if unknown else "none"), False)])
    return fig


def _service_page(figures: Figures, small: int) -> Figure:
    fig, s = _page(figures, 4), figures.service
    ax = fig.add_axes((0.1, 0.64, 0.85, 0.27))
    _bars(ax, "Time from referral to hearing", [label for label, _ in s.heard_weeks],
          [n for _, n in s.heard_weeks], small)
    share = f"{100 * s.heard_within_target / s.heard.count:.1f}%" if s.heard.count else "not worked out"
    lines = [("How the service is doing", True)]
    for spread in (s.idva_copy, s.listed, s.heard, s.desk_wait):
        lines.append((f"{spread.label}: none in the period" if not spread.count else
                      f"{spread.label}: median {_value(spread.median)} {spread.unit}, 95th percentile "
                      f"{_value(spread.p95)} {spread.unit} ({shown(spread.count, small)})", False))
    lines += [(f"Heard within {s.heard_target_weeks} weeks of the referral: {share}", False),
              (f"Desk items opened: {shown(s.desk_items, small)}; still open: {shown(s.desk_open, small)}", False),
              (f"Agencies' attendance: {s.attendance}", False)]
    lines += [(f"{a.agency}: present at {shown(a.present, small)} of {shown(a.meetings, small)}; apologies "
               f"{shown(a.apologies, small)} (information sent {shown(a.apologies_with_information, small)}); "
               f"absent {shown(a.absent, small)}", False) for a in s.attendance_rows]
    lines += [("", False), ("Actions by agency", True)]
    lines += [(f"{a.agency}: {shown(a.total, small)} actions; done on time {shown(a.done_on_time, small)}, "
               f"late {shown(a.done_late, small)}, overdue {shown(a.overdue, small)}, not yet due "
               f"{shown(a.open_not_due, small)}", False) for a in s.actions] or [("No actions were set.", False)]
    _lines(fig, 0.56, lines)
    return fig


def build_pdf(figures: Figures, small_count: int = 5) -> bytes:
    out = io.BytesIO()
    # TrueType text in the PDF, so it can be searched and read out by a screen reader.
    with plt.rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans"}), PdfPages(out) as pdf:
        info = pdf.infodict()
        info["Title"] = f"{figures.area}: MARAC steering group report, {figures.period}"
        info["Subject"] = MARKING
        for build in (_summary_page, _meeting_page, _agency_page, _service_page):
            fig = build(figures, small_count)
            pdf.savefig(fig)
            plt.close(fig)
    return out.getvalue()

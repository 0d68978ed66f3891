#!/usr/bin/env python3
"""How long `parsers.parse_bytes` takes per file, per layout, against the bare library read of the
same file.

    .venv/bin/python bench/bench_parse.py [--runs 30] [--wordings safelives,client,survivor]

Layouts: the service's own Word and PDF forms ("own docx", "own pdf"), other areas' Word layouts
W1-W4 (tests/corpus/docx_layouts.py) and PDF layouts acroform / printed / word-export
(tests/corpus/pdf_layouts.py; word-export needs LibreOffice). One filled file per wording, each
parsed `--runs` times in this process after one untimed warm-up; the figure is the median of all
runs of the layout's files.

Bare reads, timed the same way on the same bytes:
- fields: pypdf `PdfReader(...).get_fields()` (PDFs with form fields);
- words:  pdfplumber `extract_words()` of every page (every PDF);
- open:   python-docx `Document(...)` (.docx).
`x` columns are parse time / bare time. Pages are the PDF's page count, or for a .docx the page
count of LibreOffice's rendering (blank when LibreOffice is not installed). The aim (issue 3) is a
median under 150 ms for a four-page form. All data is invented.
"""
from __future__ import annotations

import argparse
import gc
import io
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generators.fake_referrals import invented_referral  # noqa: E402
from generators.forms.docx_form import build_referral_docx  # noqa: E402
from generators.forms.pdf_fill import fill_referral_pdf  # noqa: E402
from generators.forms.pdf_form import build_referral_pdf  # noqa: E402
from parsers import parse_bytes  # noqa: E402
from tests.corpus import docx_layouts, pdf_layouts  # noqa: E402
from tests.corpus.wordings import WORDINGS  # noqa: E402

LAYOUTS = ("own docx", "own pdf", *docx_layouts.LAYOUTS, *pdf_layouts.LAYOUTS)
AIM_MS = 150.0


def build_files(wordings: list[str]) -> dict[str, list[tuple[str, bytes]]]:
    """layout -> [(filename, bytes)], one filled form per wording."""
    files: dict[str, list[tuple[str, bytes]]] = {layout: [] for layout in LAYOUTS}
    blank = build_referral_pdf()
    for seed, _ in enumerate(wordings):
        values = invented_referral(random.Random(f"bench-own-{seed}"), children=2)
        files["own docx"].append((f"own-{seed}.docx", build_referral_docx(values)))
        files["own pdf"].append((f"own-{seed}.pdf", fill_referral_pdf(blank, values)))
    for wording in wordings:
        values = docx_layouts.corpus_values()
        for layout in docx_layouts.LAYOUTS:
            files[layout].append((f"{layout}-{wording}.docx", docx_layouts.build(layout, wording, values)))
    pdf_values = {w: pdf_layouts.corpus_values(w) for w in wordings}
    exporting = pdf_layouts.soffice() is not None
    if exporting:
        pdf_layouts.prebuild_word_exports(list(pdf_values.items()))
    for layout in pdf_layouts.LAYOUTS:
        if layout == "word-export" and not exporting:
            print("word-export: skipped (LibreOffice is not installed)", file=sys.stderr)
            continue
        for wording in wordings:
            files[layout].append((f"{layout}-{wording}.pdf", pdf_layouts.build(layout, wording, pdf_values[wording])))
    return {layout: found for layout, found in files.items() if found}


def pdf_pages(data: bytes) -> int:
    from pypdf import PdfReader
    return len(PdfReader(io.BytesIO(data)).pages)


def docx_pages(files: dict[str, list[tuple[str, bytes]]]) -> dict[str, int]:
    """Pages of each .docx as LibreOffice lays it out (one conversion run for all of them)."""
    documents = {f"d{i}": data for i, (name, data) in enumerate(
        (name, data) for found in files.values() for name, data in found if name.endswith(".docx"))}
    names = [name for found in files.values() for name, _ in found if name.endswith(".docx")]
    if not documents or pdf_layouts.soffice() is None:
        return {}
    try:
        pdfs = pdf_layouts.export_with_libreoffice(documents)
    except Exception as exc:  # noqa: BLE001 - page counts are a nicety; the timings stand alone
        print(f"page count of .docx skipped: {exc}", file=sys.stderr)
        return {}
    return {name: pdf_pages(pdfs[f"d{i}"]) for i, name in enumerate(names)}


# --- the bare reads ---------------------------------------------------------------------------

def pypdf_fields(data: bytes) -> object:
    from pypdf import PdfReader
    return PdfReader(io.BytesIO(data)).get_fields()


def plumber_words(data: bytes) -> object:
    import pdfplumber
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_words() for page in pdf.pages]


def docx_open(data: bytes) -> object:
    from docx import Document
    return Document(io.BytesIO(data))


def has_fields(data: bytes) -> bool:
    from pypdf import PdfReader
    return bool(PdfReader(io.BytesIO(data)).get_fields())


def median_ms(call: Callable[[], object], runs: int, cpu: list[float] | None = None) -> list[float]:
    """Wall times of `runs` calls, in ms; their CPU times (this process's) go to `cpu` when given: on a
    machine shared with other work the wall time waits for the CPU, the CPU time does not."""
    call()  # warm-up: imports, the label table, caches
    times = []
    gc.collect()
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        times.append((time.perf_counter() - start) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - start_cpu) * 1000)
    return times


def measure(files: dict[str, list[tuple[str, bytes]]], runs: int) -> list[dict[str, object]]:
    pages = docx_pages(files)
    rows = []
    for layout, found in files.items():
        timings: dict[str, list[float]] = {"parse": [], "cpu": [], "fields": [], "words": [], "open": []}
        layout_pages = []
        for name, data in found:
            timings["parse"] += median_ms(lambda: parse_bytes(data, name), runs, timings["cpu"])
            if name.endswith(".pdf"):
                layout_pages.append(pdf_pages(data))
                if has_fields(data):
                    timings["fields"] += median_ms(lambda: pypdf_fields(data), runs)
                timings["words"] += median_ms(lambda: plumber_words(data), runs)
            else:
                layout_pages.append(pages.get(name))
                timings["open"] += median_ms(lambda: docx_open(data), runs)
        known = [p for p in layout_pages if p is not None]
        row: dict[str, object] = {"layout": layout, "files": len(found),
                                  "pages": (f"{min(known)}-{max(known)}" if known and min(known) != max(known)
                                            else str(known[0]) if known else "")}
        for key, values in timings.items():
            row[key] = statistics.median(values) if values else None
        rows.append(row)
        print(f"  {layout}: {row['parse']:.1f} ms", file=sys.stderr, flush=True)
    return rows


def table(rows: list[dict[str, object]], runs: int) -> str:
    def ms(value: object) -> str:
        return f"{value:.1f}" if isinstance(value, float) else "-"

    def ratio(parse: object, bare: object) -> str:
        return f"{parse / bare:.1f}" if isinstance(parse, float) and isinstance(bare, float) and bare else "-"

    head = ("layout", "files", "pages", "parse ms", "cpu ms", "fields ms", "x", "words ms", "x", "open ms", "x")
    lines = [head]
    for r in rows:
        lines.append((str(r["layout"]), str(r["files"]), str(r["pages"]), ms(r["parse"]), ms(r["cpu"]),
                      ms(r["fields"]), ratio(r["parse"], r["fields"]), ms(r["words"]), ratio(r["parse"], r["words"]),
                      ms(r["open"]), ratio(r["parse"], r["open"])))
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = [" | ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(line))
           for line in lines]
    out.insert(1, "-+-".join("-" * w for w in widths))
    slow = [str(r["layout"]) for r in rows if isinstance(r["parse"], float) and r["parse"] > AIM_MS]
    out.append("")
    out.append(f"median of {runs} runs per file; cpu = the parse's CPU time (time.process_time); fields = pypdf "
               "get_fields, words = pdfplumber words of every page, open = python-docx Document(); x = parse / bare")
    verdict = f"over it: {', '.join(slow)}" if slow else "all within"
    out.append(f"aim: median under {AIM_MS:.0f} ms per form: {verdict}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="timed runs per file (default 30)")
    parser.add_argument("--wordings", default=",".join(WORDINGS),
                        help="comma-separated wordings, one file per layout each (default: all)")
    parser.add_argument("--layouts", default=",".join(LAYOUTS), help="comma-separated layouts (default: all)")
    args = parser.parse_args(argv)
    wordings = [w for w in args.wordings.split(",") if w]
    unknown = [w for w in wordings if w not in WORDINGS]
    if unknown:
        parser.error(f"unknown wording(s): {', '.join(unknown)}")
    wanted = [layout for layout in args.layouts.split(",") if layout]
    files = {layout: found for layout, found in build_files(wordings).items() if layout in wanted}
    print(table(measure(files, args.runs), args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())

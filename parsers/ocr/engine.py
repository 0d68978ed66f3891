"""Tesseract, run as a command of its own with its own time and memory limits: page image in, words out
with their boxes (in the image's pixels) and Tesseract's confidence in each (0-100).

The form reader already runs in a sandboxed child (parsers.sandbox); Tesseract is a further child with
a tighter memory cap (setrlimit before it starts) and a wall-clock timeout, so one huge or hostile image
costs that page, never the reader. OMP_THREAD_LIMIT=1: on a small server the form readers already use
every core, and Tesseract's own threads would only fight them.
"""
from __future__ import annotations

import html
import re
import resource
import shutil
import subprocess
from dataclasses import dataclass

from ..child_limits import child_env, limit_memory

TIMEOUT_SECONDS = 20.0  # one page; a form's whole budget is the sandbox's
MEMORY_MB = 1024  # Tesseract on an A4 page at 300 dpi needs about 150 MB
PAGE_MODE = "3"  # fully automatic page segmentation: the form's blocks found by Tesseract
BLOCK_MODE = "6"  # one block of lines: the stacked cut-outs of parsers.ocr.leftovers
ORIENTATION_MODE = "0"  # orientation and script detection only


class OcrError(Exception):
    """Tesseract could not read a page; the message is a plain sentence for the coordinator."""


@dataclass(frozen=True)
class OcrWord:
    text: str
    x0: int
    top: int
    x1: int
    bottom: int
    conf: float  # Tesseract's confidence, 0-100
    line: int  # words with the same number Tesseract read as one line
    size: float  # the line's letter size (Tesseract's x_size), pixels
    baseline: float  # where the word's letters sit, pixels from the top


def available() -> bool:
    return shutil.which("tesseract") is not None


def _limits() -> None:
    # Within the sandbox the reader's own cap is inherited and cannot be raised: keep the lower one.
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    cap = MEMORY_MB * 1024 * 1024
    limit_memory(MEMORY_MB if hard == resource.RLIM_INFINITY or hard > cap else hard // (1024 * 1024))


def _run(png: bytes, mode: str, output: str, timeout: float) -> str:
    if not available():
        raise OcrError("this form is a scan and Tesseract (the OCR program) is not installed, so it could "
                       "not be read")
    try:
        done = subprocess.run(["tesseract", "stdin", "stdout", "--psm", mode, "-l", "eng", *([output] if output else [])],
                              input=png, capture_output=True, timeout=timeout, preexec_fn=_limits,
                              env=child_env(OMP_THREAD_LIMIT="1"), check=False)
    except subprocess.TimeoutExpired:
        raise OcrError(f"reading a scanned page took longer than {timeout:g} seconds, so it was stopped; the "
                       "image may be too large or damaged") from None
    if done.returncode != 0:
        raise OcrError("a scanned page could not be read by OCR; the image may be too large or damaged")
    return done.stdout.decode("utf-8", errors="replace")


_LINE = re.compile(r"class='ocr_(?:line|header|caption|textfloat)'[^>]*title=\"bbox (\d+) (\d+) (\d+) (\d+); baseline (-?[\d.]+) (-?[\d.]+); x_size ([\d.]+)")
_WORD = re.compile(r"class='ocrx_word'[^>]*title='bbox (\d+) (\d+) (\d+) (\d+); x_wconf (\d+)'>(.*?)</span>")
_TAG = re.compile(r"<[^>]+>")


def read_words(png: bytes, timeout: float = TIMEOUT_SECONDS, mode: str = PAGE_MODE) -> list[OcrWord]:
    """The words Tesseract finds on one page image (PNG bytes), with boxes, confidences, and their line's
    letter size and baseline (hOCR: the TSV output carries neither)."""
    words = []
    line_no, line = 0, (0, 0, 0.0, 0.0, 0.0)  # x0, bottom, slope, offset, size
    for row in _run(png, mode, "hocr", timeout).splitlines():
        found = _LINE.search(row)
        if found:
            x0, _, _, bottom = (int(v) for v in found.groups()[:4])
            line_no, line = line_no + 1, (x0, bottom, float(found[5]), float(found[6]), float(found[7]))
            continue
        found = _WORD.search(row)
        if not found:
            continue
        text = html.unescape(_TAG.sub("", found[6])).strip()
        if not text:
            continue
        x0, top, x1, bottom = (int(v) for v in found.groups()[:4])
        baseline = line[1] + line[3] + line[2] * ((x0 + x1) / 2 - line[0])
        size = line[4]
        if not top + 0.4 * (bottom - top) <= baseline <= bottom + 2 or not bottom - top <= size * 1.4 <= 3 * (bottom - top):
            # A "line" Tesseract drew across two rows of a table: the word's own box says better.
            size, baseline = (bottom - top) / 0.93, bottom - 0.2 * (bottom - top)
        words.append(OcrWord(text, x0, top, x1, bottom, float(found[5]), line_no, size, baseline))
    return words


def orientation(png: bytes, timeout: float = TIMEOUT_SECONDS) -> int:
    """How far the page is turned (0, 90, 180 or 270 degrees clockwise to set it upright); 0 if unsure."""
    try:
        text = _run(png, ORIENTATION_MODE, "", timeout)
    except OcrError:
        return 0
    for line in text.splitlines():
        if line.startswith("Rotate:"):
            return int(line.split(":")[1].strip() or 0)
    return 0

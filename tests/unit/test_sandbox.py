"""A file that hangs or is oversized costs a child process, never the service, and becomes a problem."""
from __future__ import annotations

from parsers.sandbox import ParserPool


def test_a_parse_that_runs_out_of_time_is_stopped_and_the_pool_carries_on(blank_pdf):
    with ParserPool(seconds=0.001) as slow:
        result = slow.parse(blank_pdf, "slow.pdf")
    assert result["forms"] == [] and "took longer than" in result["problems"][0]["message"]
    with ParserPool(seconds=30) as pool:
        first = pool.parse(blank_pdf, "a.pdf")
        pool._kill()  # as if the child had crashed
        second = pool.parse(blank_pdf, "b.pdf")
    assert first["source"]["kind"] == second["source"]["kind"] == "pdf-acroform"


def test_an_oversized_file_is_not_opened():
    with ParserPool(max_bytes=1000) as pool:
        result = pool.parse(b"%PDF-1.7" + b"0" * 2000, "big.pdf")
    assert "larger than" in result["problems"][0]["message"]
    assert result["source"]["sha256"] and result["forms"] == []


def test_a_zip_bomb_dressed_as_word_is_a_problem_not_a_crash(tmp_path):
    import io
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b"a" * 200_000_000 + b">")
    with ParserPool(seconds=60) as pool:
        result = pool.parse(buf.getvalue(), "bomb.docx")
    assert result["forms"] == [] and result["problems"]


def test_form_readers_never_hold_the_services_secrets(monkeypatch) -> None:
    """A reader fooled by a hostile file could read its own environment: it has none of the service's."""
    import os
    from pathlib import Path

    from parsers.sandbox import ParserPool
    monkeypatch.setenv("MARAC_TEST_MAILBOX_PASSWORD", "invented-secret-value")
    with ParserPool(seconds=30, workers=2) as pool:
        pool.start()
        pids = [w.proc.pid for w in pool._workers]
        result = pool.parse(b"%PDF-1.4 not really", "x.pdf")
        assert result["problems"]  # the pool works
        for pid in pids:
            initial = Path(f"/proc/{pid}/environ").read_bytes()
            assert b"invented-secret-value" not in initial and b"PATH=" in initial
    assert os.environ["MARAC_TEST_MAILBOX_PASSWORD"] == "invented-secret-value"  # the service keeps its own

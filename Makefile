# Two commands on a fresh machine: `make run` and `make test`. Everything else is set up on the way.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SYSTEM_PACKAGES := libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils dovecot-imapd fonts-dejavu-core tesseract-ocr tesseract-ocr-eng postgresql
ARGS ?=
# The suite runs on this many processes (pytest-xdist): two cores, two workers. 0 runs it in one process.
WORKERS ?= 2

.PHONY: install run demo test test-fast lint-imports bench system-packages forms clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python run.py run

demo: install
	$(BIN)/python run.py demo

# Tests use real LibreOffice, poppler, Dovecot and PostgreSQL (initdb and pg_ctl: Debian keeps them in
# /usr/lib/postgresql/<version>/bin, off PATH). Installed here when missing and running as root;
# otherwise the command to run is printed and the tests that need them say they were skipped.
system-packages:
	@missing=""; \
	if command -v dpkg-query >/dev/null 2>&1; then \
	  for pkg in $(SYSTEM_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$pkg"; \
	  done; \
	else \
	  command -v soffice >/dev/null 2>&1 || missing="$$missing LibreOffice (Writer and Calc)"; \
	  command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	  command -v dovecot >/dev/null 2>&1 || missing="$$missing dovecot-imapd"; \
	  command -v tesseract >/dev/null 2>&1 || missing="$$missing tesseract-ocr"; \
	  { command -v initdb || ls /usr/lib/postgresql/*/bin/initdb; } >/dev/null 2>&1 || missing="$$missing postgresql"; \
	fi; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing system packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "Missing system packages:$$missing. Install them with:"; \
	    echo "  sudo apt-get install -y --no-install-recommends$$missing"; \
	  fi; \
	fi

# The direction of imports (.importlinter): application -> domain -> adapters, and no import circles.
lint-imports: install
	$(BIN)/lint-imports

test: install system-packages lint-imports
	@$(BIN)/python -m pytest -n $(WORKERS) $(ARGS); rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; exit 0; fi; exit $$rc

# The fast loop: no real servers, LibreOffice or subprocess daemons (tests/unit, and nothing marked integration).
test-fast: install lint-imports
	@$(BIN)/python -m pytest -n $(WORKERS) -m "not integration" tests/unit $(ARGS); rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; exit 0; fi; exit $$rc

bench: install
	$(BIN)/python bench/bench_pipeline.py

forms: install
	$(BIN)/python templates/forms/build_forms.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis

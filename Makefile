# Two commands do all the set-up: `make book` and `make test`.
# Both create .venv, install the pinned requirements and the package, and are idempotent.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
LAB_STAMP := $(VENV)/.lab-installed
# Default period (empty): the CLI takes the newest YYYY-MM folder in data/ that is not
# invented example data. PERIOD=2025-12 builds another.
PERIOD ?=
# A period with several nämnder (data/<period>/kommun.yaml): every nämnd, or NAMND=<its folder>.
NAMND  ?=
P      := $(if $(PERIOD),--period $(PERIOD)) $(if $(NAMND),--namnd $(NAMND))

.PHONY: book check pdf publish new-period arbetsbok indikatorer bench preview test test-snabb lab clean setup chromium pdf-deps

setup: $(STAMP)

$(STAMP): requirements.txt constraints.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

book: $(STAMP) pdf-deps
	$(PY) -m kommunrapport build $(P)

# Check the period's data: a table of errors and warnings; errors give a non-zero exit.
check: $(STAMP)
	$(PY) -m kommunrapport check $(P)

# Scaffold data/$(PERIOD)/ from data/$(FROM)/: structure kept, figures and texts emptied.
new-period: $(STAMP)
	@test -n "$(PERIOD)" -a -n "$(FROM)" || { echo "Ange den nya perioden och den att utgå från: make new-period PERIOD=2026-04 FROM=2025-12"; exit 2; }
	$(PY) -m kommunrapport new-period $(P) --from $(FROM)

# Write each nämnd's arbetsbok.xlsx again once the figures are in: what is written stays,
# each deviation and the analyses it asks for are added.
arbetsbok: $(STAMP)
	$(PY) -m kommunrapport arbetsbok $(P)

# Serve the book on 127.0.0.1:8000 (PORT=8001: another port, for a second writer) and rebuild
# it when a notebook or data file is saved.
PORT   ?=
preview: $(STAMP)
	$(PY) -m kommunrapport preview $(P) $(if $(PORT),--port $(PORT))

# Build times on this machine, printed (not asserted): clean, unchanged, one chapter changed.
bench: $(STAMP) chromium pdf-deps
	$(PY) -m kommunrapport.bench

# Fetch the period's declared Kolada KPIs into data/$(PERIOD)/kolada.json (the only online step).
indikatorer: $(STAMP)
	$(PY) -m kommunrapport indikatorer $(P)

# Copy the built report to TO/<period>/ atomically and rewrite TO/index.html.
publish: $(STAMP)
	@test -n "$(TO)" || { echo "Ange mappen: make publish TO=<mapp> (och PERIOD=ÅÅÅÅ-MM för en annan period)"; exit 2; }
	$(PY) -m kommunrapport publish $(P) --to "$(TO)"

# Only the PDF, from the chapters executed for the period's HTML (built first if missing).
pdf: $(STAMP) pdf-deps
	$(PY) -m kommunrapport pdf $(P)

# WeasyPrint needs Debian's pango and a font; as root, install them when missing.
pdf-deps:
	@ldconfig -p | grep -q libpangoft2-1.0 && test -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; }

# The browser test uses Debian's Chromium (never a downloaded browser); as root, install it.
test: $(STAMP) $(LAB_STAMP) chromium pdf-deps
	$(PY) -m pytest

# The edit-test loop: every test that builds no book and starts no kernel or browser.
test-snabb: $(STAMP)
	$(PY) -m pytest -m "not bygger" -q --hypothesis-profile=snabb -n 2

chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# JupyterLab is for writers (and the test that drives it), so `make book` does not install it.
$(LAB_STAMP): requirements-lab.txt $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-lab.txt
	touch $(LAB_STAMP)

# The chapters and the period's texts in JupyterLab on 127.0.0.1, the chapters showing
# PERIOD and NAMND (NAMND=kommunen: the municipality's own report); saving keeps outputs out.
lab: $(LAB_STAMP)
	$(PY) -m kommunrapport lab $(P)

clean:
	rm -rf _build book/[0-9][0-9][0-9][0-9]-[0-9][0-9]

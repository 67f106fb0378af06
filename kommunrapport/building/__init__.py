"""Building a report: what is built (target.py), the book prepared (prepare.py: data checked,
chapters run in warm kernels and cached), rendered (site.py) and switched in whole (build.py,
outputs.py), with its identity and lock; and the preview (preview.py)."""

"""Kommunrapport: Swedish municipal follow-up reports as a Jupyter Book."""

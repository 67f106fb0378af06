"""The report's model: one nämnd's period loaded and checked (report.Report), its parts
(ekonomi, personal, mål, indicators, verksamhet), history across periods, and every figure in
words for the prose (figures.py)."""

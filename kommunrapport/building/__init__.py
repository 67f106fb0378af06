"""Building a period's book: chapters executed in warm kernels and cached, the build's
identity, its lock, Jupyter Book and the PDF, outputs switched in whole; and the preview."""

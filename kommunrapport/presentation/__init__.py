"""What a reader sees: the chapter notebooks' calls, tables, charts, the start page's cards,
and the executed chapters made into the pages Jupyter Book reads."""

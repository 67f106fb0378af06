"""Reading a period's data as it is delivered: the ledger export and the report-shaped tables,
the YAML declarations, the writer's texts, and Kolada's values (the only online step)."""

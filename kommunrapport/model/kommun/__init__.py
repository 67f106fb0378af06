"""The municipality's own report: its statements from the ledger (resultaträkning,
balansräkning, kassaflödesanalys), the balanskravsutredning, the financial goals of god
ekonomisk hushållning, and the nämnder together."""

"""Reading the ekonomisystem's own export: one ledger (saldolista) for the whole municipality,
mapped by the kontoplan and the organisation to every nämnd's report tables.

    read.py         the ledger file, with the municipality's column names, into kronor
    organisation.py which ansvar belong to which nämnd, the investment projects (kommun.yaml)
    kontoplan.py    which account is an intäkt, a kostnad (personal, kapital), an investment
    aggregate.py    a nämnd's result summary, operating statement, analysis split and
                    investments in tkr, and the reconciliation of every krona
"""

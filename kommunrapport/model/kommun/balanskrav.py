"""The balanskravsutredning (LKBR 11 kap. 10–14 §§): årets resultat less the realisation gains,
adjusted for what the law exempts and for unrealised changes in securities, then for the
resultatutjämningsreserv; then the deficits of earlier years still to restore. In a
delårsrapport it is made on the year's prognos (RKR R17)."""
from __future__ import annotations

from dataclasses import dataclass

from ...sources.kommunen import Balanskravsjusteringar


@dataclass
class Balanskrav:
    lines: list[tuple[str, float]]  # label, kronor; a label starting "=" is a sum
    after_adjustments: float        # årets resultat efter balanskravsjusteringar
    result: float                   # årets balanskravsresultat
    to_restore: float               # balanskravsunderskott left to restore (≤ 0)

    @property
    def met(self) -> bool:
        return self.result >= 0


def utredning(result: float, gains: float, unrealised: float,
              decided: Balanskravsjusteringar) -> Balanskrav:
    """result, gains (all realisationsvinster, +) and unrealised (gains + and losses − in
    securities, as the ledger's accounts sum) in kronor; `decided`: kommunfullmäktige's."""
    adjusted = (result - gains + decided.realisationsvinster_undantag
                + decided.realisationsforluster_undantag - unrealised)
    final = (adjusted - decided.till_resultatutjamningsreserv
             + decided.fran_resultatutjamningsreserv)
    lines = [("Årets resultat enligt resultaträkningen", result),
             ("Samtliga realisationsvinster", -gains),
             ("Realisationsvinster enligt undantagsmöjlighet",
              decided.realisationsvinster_undantag),
             ("Realisationsförluster enligt undantagsmöjlighet",
              decided.realisationsforluster_undantag),
             ("Orealiserade vinster (−) och förluster (+) i värdepapper", -unrealised),
             ("=Årets resultat efter balanskravsjusteringar", adjusted),
             ("Medel till resultatutjämningsreserv", -decided.till_resultatutjamningsreserv),
             ("Medel från resultatutjämningsreserv", decided.fran_resultatutjamningsreserv),
             ("=Årets balanskravsresultat", final)]
    earlier = max(0.0, decided.underskott_tidigare_ar - decided.synnerliga_skal)
    left = min(0.0, final - earlier)  # a surplus restores the earlier deficits first
    lines.append(("Balanskravsunderskott från tidigare år att återställa",
                  -decided.underskott_tidigare_ar))
    if decided.synnerliga_skal:
        lines.append(("Underskott som inte återställs enligt beslut om synnerliga skäl",
                      decided.synnerliga_skal))
    lines.append(("=Balanskravsunderskott att återställa", left))
    return Balanskrav(lines, adjusted, final, left)

"""The invented example's finansförvaltning and balance accounts: what turns the four
nämnder's ledger into a whole municipality's (PÅHITTADE EXEMPELDATA, like the rest).

Amounts in kronor as the ledger signs them (debet positive: costs and assets +, income,
equity and liabilities −). The result rows give a result of a little over 2 % of skatteintäkter
and generella statsbidrag; the balance rows are the balansräkning at the year's start (IB) and
the year's movements, with every voucher's counter-entry, so the ledger balances: bank takes
what the other accounts do not.
"""
from __future__ import annotations

ANSVAR = 9000            # finansförvaltningen
BALANCE_ANSVAR = 9050    # the balansräkning's accounts
VHT = 99                 # Finansiering

# Statsbidrag and finance, utfall and budget (kr, income −).
GRANTS = {8210: (-196_400_000, -195_100_000),   # inkomstutjämning
          8220: (-14_800_000, -15_200_000),     # kostnadsutjämning
          8230: (-9_600_000, -9_600_000),       # regleringsbidrag
          8240: (6_100_000, 6_100_000),         # LSS-utjämning (avgift)
          8250: (-38_200_000, -37_900_000),     # kommunal fastighetsavgift
          8410: (-2_150_000, -1_800_000),       # ränteintäkter
          8420: (-1_480_000, -1_200_000),       # utdelning
          8510: (9_830_000, 10_400_000),        # räntekostnader på lån
          8540: (920_000, 900_000)}             # ränta på pensionsavsättning
PENSIONS = (5110, 38_640_000, 37_900_000)       # pensionskostnader, centrally
SALE = {3960: -1_250_000}                       # realisationsvinst, a sold building
RESULT_SHARE = (0.0231, 0.0150)                 # årets resultat / (skatt + bidrag)

# The balansräkning at the year's start (IB), and the movements that are not the result's
# own counter-entries (kr, debet +). 2090 (övrigt eget kapital) makes the IB balance, 1930
# (bank) the movements.
OPENING = {1110: 1_650_000_000, 1119: -620_000_000, 1210: 142_000_000, 1219: -88_000_000,
           1310: 52_000_000, 1350: 18_000_000, 1410: 14_500_000, 1510: 21_300_000,
           1610: 38_200_000, 1710: 46_900_000, 1930: 71_400_000,
           2020: -24_000_000, 2210: -46_800_000, 2290: -12_300_000, 2310: -512_000_000,
           2440: -58_700_000, 2710: -16_200_000, 2910: -84_600_000}
MOVED = {1110: -2_000_000,   # the sold building's book value
         1410: 1_200_000, 1510: 1_800_000, 1610: -3_200_000, 1710: 2_100_000,
         2210: -2_400_000,   # the pension provision grows
         2290: 300_000, 2310: -15_000_000,  # 35 mnkr borrowed, 20 mnkr repaid
         2440: -4_300_000, 2710: 400_000, 2910: -2_900_000}


def result_rows(nämnder: list[tuple]) -> list[tuple]:
    """The finansförvaltning's result rows (ansvar, vht, konto, projekt, side, kr), with the
    kommunalskatt that gives the intended result against the nämnder's net cost."""
    rows = []
    for side, share in zip(("u", "b"), RESULT_SHARE):
        i = 0 if side == "u" else 1
        net = sum(kr for _, _, konto, _, s, kr in nämnder if s == side and konto >= 3000)
        others = sum(v[i] for v in GRANTS.values()) + PENSIONS[1 + i] \
            + (sum(SALE.values()) if side == "u" else 0)
        grants = sum(v[i] for k, v in GRANTS.items() if 8200 <= k < 8400)
        # result = −(net + others + tax) = share · −(tax + grants): solve for tax.
        tax = round((-(net + others) + share * grants) / (1 - share))
        rows += [(ANSVAR, VHT, 8010, "", side, tax)]
        rows += [(ANSVAR, VHT, konto, "", side, v[i]) for konto, v in GRANTS.items()]
        rows += [(ANSVAR + 10, VHT, PENSIONS[0], "", side, PENSIONS[1 + i])]
        if side == "u":
            rows += [(BALANCE_ANSVAR, VHT, konto, "", side, kr) for konto, kr in SALE.items()]
    return rows


def balance_rows(book: dict[tuple, list[int]]) -> dict[tuple, tuple[int, int]]:
    """(ansvar, vht, konto) -> (IB, utfall) of the balance accounts: the opening balance,
    the depreciation's and investments' counter-entries, the movements, and the bank."""
    opening = dict(OPENING)
    opening[2090] = -sum(opening.values())
    moved = dict(MOVED)
    depreciation = sum(u for (_, _, konto, _), (u, _) in book.items() if 7800 <= konto < 7900)
    moved[1119] = -round(depreciation * 0.8)
    moved[1219] = -depreciation - moved[1119]
    others = sum(u for u, _ in book.values()) + sum(moved.values())
    moved[1930] = -others
    return {(BALANCE_ANSVAR, VHT, konto): (opening.get(konto, 0), moved.get(konto, 0))
            for konto in sorted(set(opening) | set(moved))}


def last_year(utfall: int) -> int:
    """The same period's utfall a year before: about 3,5 % less, as costs and income grew."""
    return round(utfall / 1.035)

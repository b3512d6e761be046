"""Numbers written in digits or words, and TimeML durations ("P3Y", "PT5H", "P2Y6M", "PXD")."""

from __future__ import annotations

import re

from .vocab import SMALL, TENS, UNITS


def words_to_number(s: str) -> float | None:
    """A cardinal written in words ('two hundred and five'), or None."""
    total = 0.0
    current = 0.0
    seen = False
    for w in re.split(r"[\s-]+", s.lower()):
        if w in ("and", ""):
            continue
        if w in SMALL:
            current += SMALL[w]
        elif w in TENS:
            current += TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w == "thousand":
            total += (current or 1) * 1000
            current = 0
        elif w == "dozen":
            current = (current or 1) * 12
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(s: str) -> float | None:
    """A cardinal written in digits or words; None for vague quantities ("several", "a few")."""
    t = " ".join(s.lower().replace(",", "").split())
    half = 0.0
    for suffix in (" and a half", " 1/2", "½"):
        if t.endswith(suffix):
            t = t[: -len(suffix)].strip()
            half = 0.5
    if t in ("a", "an", "one", "a single"):
        return 1 + half
    if t in ("half", "half a", "half an", "a half"):
        return 0.5
    if t in ("a hundred", "a thousand"):
        return (100 if t.endswith("hundred") else 1000) + half
    if t in ("a couple of", "a couple"):
        return 2 + half
    if t == "a dozen":
        return 12 + half
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t) + half
    n = words_to_number(t)
    return None if n is None else n + half


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration_value(n: float | None, unit: str) -> str:
    """A TimeML duration: P3Y, PT5H, P2Y6M, PXD..."""
    code = UNITS.get(unit.lower(), unit)
    time_unit = code in ("H", "S") or (code == "M" and unit.lower().startswith("min"))
    if n is None:
        if code == "DE":
            return "PXY"
        if code == "CE":
            return "PXC"
        if code == "F":
            return "PXW"
        return ("PTX" if time_unit else "PX") + code
    if code == "DE":
        n, code = n * 10, "Y"
    elif code == "CE":
        n, code = n * 100, "Y"
    elif code == "ML":
        n, code = n * 1000, "Y"
    elif code == "F":
        n, code = n * 2, "W"
    elif code == "WE":
        n, code = n * 2, "D"
    elif code == "Q":
        n, code = n * 3, "M"
    if n != int(n):  # fractions go one unit down
        whole = int(n)
        frac = n - whole
        down = {"Y": (12, "M"), "M": (30, "D") if not time_unit else (60, "S"), "W": (7, "D"), "D": (24, "H"),
                "H": (60, "M")}.get(code)
        if down:
            sub = frac * down[0]
            sub_s = _fmt_num(round(sub, 2))
            if code == "D":
                return f"P{whole}DT{sub_s}H" if whole else f"PT{sub_s}H"
            if time_unit or code == "D":
                head = f"{whole}{code}" if whole else ""
                return f"PT{head}{sub_s}{down[1]}"
            head = f"{whole}{code}" if whole else ""
            return f"P{head}{sub_s}{down[1]}"
    return ("PT" if time_unit else "P") + _fmt_num(n) + code

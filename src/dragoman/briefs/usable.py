"""Which coded events a brief may state: the ones a reader can use."""

from __future__ import annotations

# Sectors that do not use force: "a journalist at the scene used military force" misreads the sentence.
NON_FORCE_SECTORS = {"MED", "EDU", "HLH", "LAB", "BUS", "AGR", "HRI", "NGO", "REL", "ENV", "REF"}
FORCE_ROOTS = {"15", "17", "18", "19", "20"}


def usable(m: dict) -> bool:
    """A known actor acts on a known actor or on nobody in particular, and is one that can do such a thing."""
    if not m["source_code"] or (m["target_text"] and not m["target_code"]):
        return False
    sector = (m["source_code"] or "")[3:6]
    return not (m["root"] in FORCE_ROOTS and sector in NON_FORCE_SECTORS)


def key_fact(m: dict) -> bool:
    """A key fact: a usable event that happened (status reported)."""
    return m["status"] == "reported" and usable(m)

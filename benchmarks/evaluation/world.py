"""Event-level scoring against blind gold events on real news (world-events-dev and benchmarks/gold/).

Predicted and gold events are paired one to one within an item when they are in the same sentence
(normalised text: one contains the other, or token Jaccard >= 0.6), best pairs first. Levels:
  sentence  same sentence, any code
  root      + same CAMEO root
  actors    + source and target compatible (country equal; sector equal when both have one; IGO/NGO codes
            compared on their first six letters; a gold code marked uncertain compared on sector alone; a
            target is compatible when both are absent or both compatible)
  full      + status equal and date equal at the gold's precision
Precision = matched predictions / predictions; recall = matched gold / gold (per level).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE.parent / "gold"))
LEVELS = ("sentence", "root", "actors", "full")


@dataclass
class Item:
    id: str
    set: str
    text: str
    published: str | None
    gold: list[dict] = field(default_factory=list)


def load_items(data: Path) -> list[Item]:
    """Every gold item: world-events-dev's two sets and the project's own gold (texts from ../shared/data)."""
    import items as gold_items

    out: dict[str, Item] = {}
    world = data / "world-events-dev"
    for set_name, texts, gold in (("iraq-dev", "iraq-set.jsonl", "gold-iraq.jsonl"),
                                  ("conflibert-dev", "conflibert-set.jsonl", "gold-conflibert.jsonl")):
        for line in (world / texts).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out[row["id"]] = Item(row["id"], set_name, row["text"], row.get("published"))
        for line in (world / gold).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out[row["article"]].gold.append(row)
    own = HERE.parent / "gold"
    for ident in (own / "world-items.txt").read_text().split():
        text, published = gold_items.item(ident, data)
        out[ident] = Item(ident, "own-" + ident.rpartition("-")[0].replace("_", "-"), text, published)
    for line in (own / "world-events.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        text = out[row["article"]].text
        ev = dict(row, sentence=text[slice(*row["sentence"])], trigger=text[slice(*row["trigger"])])
        for side in ("source", "target"):
            if row.get(side):
                ev[side] = {"text": text[slice(*row[side]["span"])], "code": row[side]["code"]}
        out[row["article"]].gold.append(ev)
    return list(out.values())


def _norm(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.lower()))


def same_sentence(a: str, b: str) -> bool:
    x, y = _norm(a), _norm(b)
    if not x or not y:
        return False
    if x in y or y in x:
        return True
    tx, ty = set(x.split()), set(y.split())
    return len(tx & ty) / len(tx | ty) >= 0.6


def _parts(code: str | None) -> tuple[str | None, str | None, bool]:
    """(country, sector, is_org) of an actor code."""
    if not code:
        return None, None, False
    code = code.upper()
    if code[:3] in ("IGO", "NGO", "MNC"):
        return code[:6], None, True
    if len(code) == 3 and not re.fullmatch(r"[A-Z]{3}", code):
        return None, None, False
    sectors = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "SEP", "INS", "CVL", "MED", "HRI", "BUS",
               "EDU", "REL", "LAB", "SPY", "ELI", "NGO", "CRM", "UAF", "HLH", "REF", "AGR", "ENV", "MOD", "RAD",
               "IMG", "PRO", "IGO"}
    if code[:3] in sectors:  # a sector alone ("REB"): no country
        return None, code[:3], False
    return code[:3], (code[3:6] or None), False


def actor_ok(pred: dict | None, gold: dict | None) -> bool:
    if gold is None:
        return pred is None or not pred.get("code")
    if pred is None or not pred.get("code"):
        return False
    pc, ps, porg = _parts(pred["code"])
    gc, gs, gorg = _parts(gold["code"])
    if gold.get("uncertain") or gc is None:
        return gs is not None and ps == gs
    if porg or gorg:
        return pc == gc
    if pc != gc:
        return False
    return ps is None or gs is None or ps == gs


def _date_ok(pred: str | None, gold: str | None) -> bool:
    if not gold:
        return not pred
    return bool(pred) and pred[: len(gold)] == gold


def level(pred: dict, gold: dict) -> int:
    """How many levels the pair satisfies (0 = not the same sentence)."""
    if not same_sentence(pred["sentence"], gold["sentence"]):
        return 0
    if pred["root"] != gold["root"]:
        return 1
    src_gold = dict(gold["source"], uncertain=gold.get("uncertain")) if gold.get("source") else None
    tgt_gold = dict(gold["target"], uncertain=gold.get("uncertain")) if gold.get("target") else None
    if not (actor_ok(pred.get("source"), src_gold) and actor_ok(pred.get("target"), tgt_gold)):
        if not (gold.get("joint") and actor_ok(pred.get("source"), tgt_gold) and actor_ok(pred.get("target"), src_gold)):
            return 2
    if pred["status"] != gold["status"] or not _date_ok(pred.get("date"), gold.get("date")):
        return 3
    return 4


def match(preds: list[dict], golds: list[dict], at: int) -> list[tuple[int, int]]:
    """One-to-one pairs satisfying level `at` (1..4), best pairs first."""
    cands = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            lv = level(p, g)
            if lv >= at:
                trig = 1 if _norm(g["trigger"]) and _norm(g["trigger"]).split()[0] in _norm(p["trigger"]) else 0
                cands.append((-lv, -trig, i, j))
    cands.sort()
    used_p, used_g, pairs = set(), set(), []
    for _, _, i, j in cands:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


@dataclass
class Counts:
    preds: int = 0
    gold: int = 0
    matched: dict = field(default_factory=lambda: {lv: [0, 0] for lv in LEVELS})  # [pred matched, gold matched]

    def add(self, preds: list[dict], golds: list[dict]) -> None:
        self.preds += len(preds)
        self.gold += len(golds)
        for k, name in enumerate(LEVELS, 1):
            n = len(match(preds, golds, k))
            self.matched[name][0] += n
            self.matched[name][1] += n

    def figures(self) -> dict:
        out = {"predicted": self.preds, "gold": self.gold}
        for name, (mp, mg) in self.matched.items():
            p = mp / self.preds if self.preds else 0.0
            r = mg / self.gold if self.gold else 0.0
            out[name] = {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}
        return out


def predicted_events(doc) -> list[dict]:
    """The extraction's events as plain dicts with their sentence text."""
    out = []
    for e in doc.events:
        out.append({"sentence": doc.text[e.sentence.start:e.sentence.end], "trigger": e.trigger.text, "code": e.code,
                    "root": e.root, "status": e.status, "date": e.date, "confidence": e.confidence,
                    "source": {"text": e.source.text, "code": e.source.code} if e.source else None,
                    "target": {"text": e.target.text, "code": e.target.code} if e.target else None,
                    "rule": e.rule})
    return out


def extract_items(items: list[Item]) -> dict[str, list[dict]]:
    from dragoman.extract import InputDoc, extractor

    docs = list(extractor().extract_stream(InputDoc(text=it.text, id=it.id, published=it.published)
                                           for it in items))
    failed = [x.doc for x in docs if x.doc.error]
    if failed:  # a document the extractor gave up on would silently count as 'no events'
        raise RuntimeError(f"{len(failed)} gold items failed to extract, e.g. {failed[0].id}: {failed[0].error}")
    return {x.doc.id: predicted_events(x.doc) for x in docs}

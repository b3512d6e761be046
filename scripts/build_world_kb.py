#!/usr/bin/env python3
"""Rebuild the world actor knowledge base (src/dragoman/data/actors/world/) from the PETRARCH/Phoenix
dictionaries (openeventdata/petrarch2, MIT licence).

    python scripts/build_world_kb.py [DICTIONARY_FOLDER] [--out FOLDER]

The folder holds Phoenix.Countries.actors.txt, Phoenix.International.actors.txt,
Phoenix.MilNonState.actors.txt and Phoenix.agents.txt (default: ../shared/data/phoenix-dictionaries
beside the repository). The output is deterministic: the same dictionaries and build_rules.yaml give
byte-identical files. What the files hold is described in src/dragoman/data/actors/README.md.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dragoman.actors.kb import words_of  # noqa: E402
from dragoman.actors.phoenix import (  # noqa: E402
    DictEntry,
    DictionaryError,
    parse_actor_dictionary,
    parse_agent_dictionary,
)

OUT = ROOT / "src" / "dragoman" / "data" / "actors" / "world"
DEFAULT_DICTIONARIES = ROOT.parent / "shared" / "data" / "phoenix-dictionaries"
_BAD_CHARS = re.compile(r"[\ufffd\x00-\x1f]")
_PAREN = re.compile(r"\([^)]*\)|[()]")


@dataclass
class Record:
    """One dictionary entry on its way into the knowledge base."""

    tag: str  # which file: countries, international, milnonstate
    entry: DictEntry
    names: list[str]  # normalised keys of the names as written, in order
    title: str  # the first name as written (cleaned), for display
    kind: str = ""


@dataclass
class Rules:
    raw: dict
    role_blocks: set[str]
    armed_blocks: set[str]
    org_words: set[str]
    titles: set[str]
    particles: set[str]
    lower: set[str]
    upper: set[str]
    given_names: set[str]

    @classmethod
    def load(cls, path: Path) -> Rules:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls(raw, set(raw["role_blocks"]), set(raw["armed_blocks"]), set(raw["organisation_words"]),
                   set(raw["title_words"]), set(raw["name_particles"]), set(raw["display_lower"]),
                   set(raw["display_upper"]), set())


# ---- names -------------------------------------------------------------------------------------

def key_of(name: str) -> str:
    """A name as the knowledge base indexes it: lower case, words_of tokens joined by single spaces."""
    return " ".join(words_of(name))


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def clean_name(name: str) -> str | None:
    """The dictionary phrase without parenthesised acronyms; None for names with broken characters."""
    if _BAD_CHARS.search(name):
        return None
    name = " ".join(_PAREN.sub(" ", name).split())
    return name or None


def variants(key: str, particles: set[str]) -> list[str]:
    """Other spellings of a key the text may use: diacritics folded, hyphens as spaces,
    'al assad' joined as 'al-assad'."""
    out: list[str] = []
    for base in dict.fromkeys([key, fold(key)]):
        spaced = " ".join(base.replace("-", " ").split())
        toks = spaced.split()
        joined, k = [], 0
        while k < len(toks):
            if toks[k] in particles and k + 1 < len(toks):
                joined.append(f"{toks[k]}-{toks[k + 1]}")
                k += 2
            else:
                joined.append(toks[k])
                k += 1
        out += [base, spaced, " ".join(joined)]
    return [v for v in dict.fromkeys(out) if v != key and usable(v)]


def usable(key: str) -> bool:
    letters = sum(c.isalpha() for c in key)
    return letters >= 2


def _acronym(word: str) -> bool:
    """NATO, IMF, UNHCR, but not Hamas or Fatah: short, or five letters with one vowel."""
    letters = [c for c in word.lower() if c.isalpha()]
    return len(letters) <= 4 or len(letters) == 5 and sum(c in "aeiou" for c in letters) <= 1


def display(name: str, kind: str, rules: Rules) -> str:
    """'BASHAR AL-ASSAD' -> 'Bashar al-Assad'; short one-word names (UNHCR, IAEA) stay upper case."""
    words = name.split()
    if len(words) == 1 and (kind != "country" and _acronym(name) or "." in name):
        return name.upper()
    out = []
    for k, word in enumerate(words):
        parts = []
        for j, part in enumerate(word.split("-")):
            low = part.lower()
            if low in rules.upper or "." in low.strip("."):
                parts.append(part.upper())
            elif (k or j) and low in rules.lower:
                parts.append(low)
            elif re.fullmatch(r"[ivx]+", low) and k:
                parts.append(part.upper())
            elif re.fullmatch(r"[a-z]'[a-z].*", low):  # d'Escoto, O'Brien
                parts.append(low[:2].upper() + low[2:3].upper() + low[3:])
            else:
                parts.append(low[:1].upper() + low[1:])
        out.append("-".join(parts))
    return " ".join(out)


# ---- kinds -------------------------------------------------------------------------------------

def _codes(rec: Record) -> list[str]:
    codes = [c for c, _, _ in rec.entry.spans]
    if rec.entry.default:
        codes.append(rec.entry.default)
    return [c.upper() for c in codes if c.strip("-")]


def _blocks(code: str) -> set[str]:
    return {code[k:k + 3] for k in range(0, len(code), 3)}


def _role_tail(code: str, rules: Rules) -> bool:
    return bool(_blocks(code[3:]) & rules.role_blocks) or code[:3] in rules.role_blocks


def from_countryinfo(rec: Record, rules: Rules) -> str | None:
    """Records generated from CountryInfo.txt are leaders and office-holders."""
    if any("countryinfo" in c.lower() for c in rec.entry.comments) and not _has_org_word(rec.names[0].split(), rules):
        return "person"
    return None


def from_place_codes(rec: Record, rules: Rules) -> str | None:
    """A Countries-file record coded only with places (AFG, USAGUM, GEOUNR) is a country or a place in it."""
    codes = _codes(rec)
    if rec.tag == "countries" and codes and not any(_role_tail(c, rules) for c in codes):
        return "country"
    return None


def from_organisation_words(rec: Record, rules: Rules) -> str | None:
    return _body_kind(rec, rules) if _has_org_word(rec.names[0].split(), rules) else None


def from_person_look(rec: Record, rules: Rules) -> str | None:
    """A title or a known given name before the name, dated roles, or an ELI code. Companies and
    NGOs named after people (General Electric, Dr Pepper) stay what their code says."""
    primary = rec.names[0].split()
    if not 1 <= len(primary) <= 6 or _has_org_word(primary, rules) or primary[0] == "the":
        return None
    codes = _codes(rec)
    elite = any("ELI" in _blocks(c[3:]) for c in codes)
    if len(primary) == 1:
        return "person" if elite else None
    business = any(c.startswith(("MNC", "NGO")) for c in codes)
    if not business and (primary[0] in rules.titles or primary[0] in rules.given_names):
        return "person"
    if rec.entry.spans and not all(c.startswith("MNC") for c in codes) and not from_place_codes(rec, rules):
        return "person"
    if elite or any(h.lower() in c.lower() for c in rec.entry.comments for h in rules.raw["person_comments"]):
        return "person"
    return None


def _has_org_word(words: list[str], rules: Rules) -> bool:
    return any(w in rules.org_words or w.endswith("s") and w[:-1] in rules.org_words for w in words)


def from_codes(rec: Record, rules: Rules) -> str | None:
    return _body_kind(rec, rules)


def _body_kind(rec: Record, rules: Rules) -> str:
    codes = _codes(rec)
    if rec.tag == "milnonstate" or any(_blocks(c[3:]) & rules.armed_blocks or c.startswith("IMG") for c in codes):
        return "group"
    if any(c.startswith("IGO") for c in codes):
        return "igo"
    if any(c.startswith("NGO") for c in codes):
        return "ngo"
    if any(c.startswith("MNC") for c in codes):
        return "company"
    return "organisation"


KIND_RULES: list[Callable[[Record, Rules], str | None]] = [
    from_countryinfo, from_place_codes, from_organisation_words, from_person_look, from_codes,
]


def kind_of(rec: Record, rules: Rules) -> str:
    for rule in KIND_RULES:
        kind = rule(rec, rules)
        if kind:
            return kind
    return "organisation"


# ---- reading -----------------------------------------------------------------------------------

def read_records(folder: Path, rules: Rules, warnings: list[str]) -> list[Record]:
    records = []
    for src in rules.raw["sources"]:
        path = folder / src["file"]
        text = path.read_text(encoding="utf-8", errors="replace")
        for entry in parse_actor_dictionary(text, lambda m, f=src["file"]: warnings.append(f"{f}: {m}")):
            keys, titles = [], []
            for name in entry.names:
                cleaned = clean_name(name)
                if cleaned is None:
                    warnings.append(f"{src['file']}: line {entry.line}: name {name!r} has broken characters; skipped")
                    continue
                key = key_of(cleaned)
                if usable(key) and key not in keys:
                    keys.append(key)
                    titles.append(cleaned)
            if keys:
                records.append(Record(src["tag"], entry, keys, titles[0]))
    return records


def given_names(records: list[Record], rules: Rules) -> set[str]:
    """First words of the CountryInfo people's primary names (titles, particles and stop words skipped)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    out = set()
    for rec in records:
        if from_countryinfo(rec, rules):
            toks = [t for t in rec.names[0].split() if t not in rules.titles]
            if len(toks) >= 2 and len(toks[0]) > 1 and toks[0].isalpha():
                out.add(toks[0])
    return out - set(STOP_WORDS) - rules.particles - rules.lower - rules.org_words


# ---- indexes -----------------------------------------------------------------------------------

def name_index(records: list[Record], rules: Rules) -> dict[str, list[int]]:
    """key -> entry numbers: names as written first, then generated spellings; each in file order."""
    exact: dict[str, list[int]] = {}
    extra: dict[str, list[int]] = {}
    opened: dict[str, list[int]] = {}
    for idx, rec in enumerate(records):
        for key in rec.names:
            exact.setdefault(key, []).append(idx)
        for key in rec.names:
            for var in variants(key, rules.particles):
                extra.setdefault(var, []).append(idx)
        if rec.kind == "person":
            for key in _opened_family_names(rec.names, rules):
                opened.setdefault(key, []).append(idx)
    out = {k: list(dict.fromkeys(v)) for k, v in exact.items()}
    for k, v in extra.items():
        out[k] = list(dict.fromkeys(out.get(k, []) + v))
    full = [{_loose(k) for k in rec.names} for rec in records]
    for k, v in opened.items():
        ids = list(dict.fromkeys(v))
        if k not in out and _people_count(ids, full) <= 3:  # 'bin abdullah', many princes' patronymic: left out
            out[k] = ids
    return out


def _opened_family_names(names: list[str], rules: Rules) -> list[str]:
    """'ben ali' of 'zine el abidine ben ali': the last two words of a name of three or more when the
    first of them opens a family name."""
    openers = set(rules.raw["family_name_openers"])
    out = []
    for key in names:
        toks = key.replace("-", " ").split()
        if len(toks) >= 3 and toks[-2] in openers and toks[-1].isalpha() and len(toks[-1]) >= 3:
            out.append(f"{toks[-2]} {toks[-1]}")
    return list(dict.fromkeys(out))


def drop_common_words(names: dict[str, list[int]], records: list[Record], agents: dict[str, str],
                      rules: Rules) -> list[str]:
    """Remove one-word names that are ordinary words ("senate", "youth", "organization") unless they name
    a country ("us"); the agents cover such nouns. Returns the removed names."""
    from spacy.lang.en.stop_words import STOP_WORDS

    common = set(STOP_WORDS) | {k for k in agents if " " not in k} | set(rules.raw["not_names"])
    dropped = [k for k, ids in names.items()
               if " " not in k and k in common and not any(records[i].kind == "country" for i in ids)]
    for k in dropped:
        del names[k]
    return sorted(dropped)


def _active(rec: Record, since: str) -> bool:
    spans = rec.entry.spans
    return not spans or any(until is None or until >= since for _, _, until in spans)


def surname_index(records: list[Record], names: dict[str, list[int]], agent_words: set[str],
                  rules: Rules) -> dict[str, tuple[bool, list[int]]]:
    """Family name -> (whether one person has it, the active people who have it).

    Several entries sharing a full name ("Salva Kiir" in two records) count as one person. Family
    names that are common words, titles or names of countries and organisations are left out; frequent given
    names ("Mubarak") are kept as shared, never as one person's."""
    from spacy.lang.en.stop_words import STOP_WORDS

    stop = set(rules.raw["surname_stop_words"]) | set(STOP_WORDS) | agent_words | rules.titles
    given = frequent_given_names(records, rules)  # kept, but never as one person's: 'Mubarak', 'Abbas'
    non_person = {k for k, ids in names.items() if any(records[i].kind != "person" for i in ids)}
    since = rules.raw["surname_active_since"]
    found: dict[str, list[int]] = {}
    for idx, rec in enumerate(records):
        if rec.kind != "person" or not _active(rec, since):
            continue
        for key in rec.names:
            toks = [t for t in key.split() if t not in rules.titles]
            while len(toks) > 2 and (toks[-1] in stop or re.fullmatch(r"[ivx]+", toks[-1])):
                toks = toks[:-1]  # "... jr.", "... ii"
            if len(toks) < 2:
                continue
            for cand in _surname_forms(toks[-1], rules):
                if len(cand) >= 3 and cand.isalpha() and cand not in stop and cand not in non_person:
                    found.setdefault(cand, []).append(idx)
    full = [{_loose(k) for k in rec.names} for rec in records]
    out = {}
    for surname, idxs in found.items():
        ids = list(dict.fromkeys(idxs))
        out[surname] = (surname not in given and _one_person(ids, full), ids)
    return out


def _loose(key: str) -> str:
    return " ".join(fold(key).replace("-", " ").split())


def _people_count(ids: list[int], full: list[set[str]]) -> int:
    """How many people the entries are, entries sharing a full name counting as one."""
    groups: list[set[str]] = []
    for i in ids:
        linked = [g for g in groups if g & full[i]]
        merged = set(full[i]).union(*linked)
        groups = [g for g in groups if g not in linked] + [merged]
    return len(groups)


def _one_person(ids: list[int], full: list[set[str]]) -> bool:
    """Whether the entries are linked into one group by shared full names."""
    group, names, changed = {ids[0]}, set(full[ids[0]]), True
    while changed:
        changed = False
        for i in ids:
            if i not in group and full[i] & names:
                group.add(i)
                names |= full[i]
                changed = True
    return len(group) == len(ids)


def _surname_forms(last: str, rules: Rules) -> set[str]:
    forms = {last, fold(last)}
    head, _, tail = last.partition("-")
    if tail and head in rules.particles:
        forms |= {tail, fold(tail)}
    return forms


def frequent_given_names(records: list[Record], rules: Rules, at_least: int = 3) -> set[str]:
    """Given names of at least three CountryInfo people: as a family name alone they say too little."""
    counts: dict[str, int] = {}
    for rec in records:
        if from_countryinfo(rec, rules):
            toks = [t for t in rec.names[0].split() if t not in rules.titles]
            if len(toks) >= 2:
                counts[toks[0]] = counts.get(toks[0], 0) + 1
    return {name for name, n in counts.items() if n >= at_least}


def agent_index(folder: Path, rules: Rules, warnings: list[str]) -> tuple[dict[str, str], list[str]]:
    """phrase key -> code as written ('~COP', 'IGO~'); the first line that gives a phrase wins, as in PETRARCH."""
    name = rules.raw["agents_file"]
    text = (folder / name).read_text(encoding="utf-8", errors="replace")
    out: dict[str, str] = {}
    conflicts = []
    for agent in parse_agent_dictionary(text, lambda m: warnings.append(f"{name}: {m}")):
        key = key_of(agent.phrase)
        code = f"{agent.code}~" if agent.prefix else f"~{agent.code}"
        if not usable(key):
            continue
        if key in out and out[key] != code:
            conflicts.append(f"{name}: line {agent.line}: {key!r} is {code} here but {out[key]} earlier; earlier kept")
            continue
        out.setdefault(key, code)
    return out, conflicts


# ---- writing -----------------------------------------------------------------------------------

def write_gz(path: Path, lines: list[str]) -> None:
    """A gzip file whose bytes depend only on the lines (no timestamp, no file name)."""
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))
    path.write_bytes(buf.getvalue())


def _codes_field(entry: DictEntry) -> str:
    spans = [*entry.spans, *([(entry.default, None, None)] if entry.default else [])]
    return ";".join(f"{c.upper()}|{a or ''}|{b or ''}" for c, a, b in spans)


def build(folder: Path, out: Path, rules_path: Path | None = None) -> dict:
    """Convert the dictionaries in `folder` into the compiled files in `out`; returns the manifest."""
    rules = Rules.load(rules_path or OUT / "build_rules.yaml")
    warnings: list[str] = []
    records = read_records(folder, rules, warnings)
    rules.given_names = given_names(records, rules)
    for rec in records:
        rec.kind = kind_of(rec, rules)
    names = name_index(records, rules)
    agents, conflicts = agent_index(folder, rules, warnings)
    dropped = drop_common_words(names, records, agents, rules)
    agent_words = {w for k in agents for w in k.split()}
    surnames = surname_index(records, names, agent_words, rules)

    out.mkdir(parents=True, exist_ok=True)
    rows = [f"{rec.tag}:{rec.entry.line}\t{rec.kind}\t{display(rec.title, rec.kind, rules)}\t{_codes_field(rec.entry)}"
            for rec in records]
    write_gz(out / "entries.tsv.gz", rows)
    write_gz(out / "names.tsv.gz", [f"{k}\t{','.join(map(str, v))}" for k, v in sorted(names.items())])
    write_gz(out / "agents.tsv.gz", [f"{k}\t{v}" for k, v in sorted(agents.items())])
    write_gz(out / "surnames.tsv.gz", [f"{k}\t{','.join(map(str, v))}\t{'one' if one else 'several'}"
                                       for k, (one, v) in sorted(surnames.items())])
    kinds: dict[str, int] = {}
    for rec in records:
        kinds[rec.kind] = kinds.get(rec.kind, 0) + 1
    manifest = {
        "source": "openeventdata/petrarch2 Phoenix dictionaries (MIT licence, Copyright (c) 2014 Open Event Data)",
        "inputs": {name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
                   for name in [s["file"] for s in rules.raw["sources"]] + [rules.raw["agents_file"]]},
        "counts": {"entries": len(records), "names": len(names), "agents": len(agents),
                   "surnames": sum(one for one, _ in surnames.values()),
                   "surnames_shared": sum(not one for one, _ in surnames.values()), "kinds": dict(sorted(kinds.items()))},
        "warnings": warnings,
        "names_dropped_as_common_words": dropped,
        "agent_conflicts": conflicts,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DICTIONARIES,
                    help="folder with the Phoenix dictionary files (default: %(default)s)")
    ap.add_argument("--out", type=Path, default=OUT, help="where the compiled files go (default: %(default)s)")
    ap.add_argument("--rules", type=Path, default=None, help="build rules (default: OUT/build_rules.yaml)")
    args = ap.parse_args(argv)
    try:
        manifest = build(args.folder, args.out, args.rules)
    except FileNotFoundError as exc:
        print(f"{exc.filename}: not found", file=sys.stderr)
        return 1
    except DictionaryError as exc:
        print(f"{args.folder}: {exc}", file=sys.stderr)
        return 1
    counts = manifest["counts"]
    print(f"{counts['entries']} entries, {counts['names']} names, {counts['agents']} agent phrases, "
          f"{counts['surnames']} family names; kinds {counts['kinds']}; "
          f"{len(manifest['warnings'])} warnings, {len(manifest['agent_conflicts'])} agent conflicts "
          f"(see {args.out / 'manifest.json'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

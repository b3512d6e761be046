"""The world actor knowledge base converted from the Phoenix dictionaries: the shipped data, its lookup
API, and the build script (run on a small dictionary written for these tests)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from dragoman.actors.kb import words_of
from dragoman.actors.world import WORLD, WorldEntry, WorldKB, world_kb

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_world_kb.py"
FIXTURE = Path(__file__).parent / "fixtures" / "phoenix_mini"
SHARED = ROOT.parent / "shared" / "data" / "phoenix-dictionaries"


def one(kb: WorldKB, name: str) -> WorldEntry:
    found = kb.lookup(name)
    assert found, f"{name!r} is not in the knowledge base"
    return found[0]


def names_in(kb: WorldKB, text: str) -> list[tuple[str, WorldEntry]]:
    words, i, out = list(words_of(text)), 0, []
    while i < len(words):
        hit = kb.match_at(words, i)
        if hit:
            out.append((" ".join(words[i:i + hit[0]]), hit[1][0]))
            i += hit[0]
        else:
            i += 1
    return out


# ---- the shipped knowledge base ----------------------------------------------------------------

def test_a_head_of_state_is_government_only_while_in_office():
    kb = world_kb()
    mubarak = one(kb, "hosni mubarak")
    assert mubarak.kind == "person"
    assert mubarak.code_on(date(2010, 6, 1)) == "EGYGOV"
    # ousted on 11 February 2011: the dictionary's own following role, not GOV
    assert mubarak.code_on(date(2011, 2, 12)) == "EGYELI"
    assert mubarak.code_on(None) == "EGYELI"


def test_a_role_that_ended_is_never_returned_even_without_a_following_role():
    gaddafi = one(world_kb(), "muammar gaddafi")
    assert gaddafi.code_on(date(2005, 1, 1)) == "LBYGOV"
    assert gaddafi.code_on(date(2012, 1, 1)) == "LBYELI"
    obama = one(world_kb(), "barack obama")
    assert obama.code_on(date(2012, 1, 1)) == "USAGOV"
    assert obama.code_on(date(2005, 1, 1)) == "USAELI"  # between his dated roles


def test_country_codes_follow_the_date_too():
    georgia = one(world_kb(), "georgia")
    assert georgia.kind == "country"
    assert georgia.code_on(date(1989, 1, 1)) == "USRGEO"
    assert georgia.code_on(date(2008, 8, 8)) == "GEO"


def test_longest_name_in_running_text():
    found = names_in(world_kb(), "Security forces loyal to President Bashar al-Assad shelled Homs")
    assert [(span, e.code_on(date(2012, 3, 1))) for span, e in found][:1] == [("bashar al-assad", "SYRGOV")]
    assert names_in(world_kb(), "the U.N. Security Council met")[0][0] == "u.n. security council"


def test_possessives_and_diacritics_the_dictionaries_did_not_write():
    kb = world_kb()
    assert [(span, e.name) for span, e in names_in(kb, "Gaddafi’s son and Vučić")] == [
        ("gaddafi", "Muammar Gaddafi"), ("vučić", "Aleksandar Vucic")]
    assert kb.agent_at(list(words_of("the rebels' base")), 1) == (1, "REB")
    assert kb.surname_index["Karzai's"][0].name == "Hamid Karzai"


def test_militant_groups_and_organisations_resolve_with_their_kind():
    kb = world_kb()
    for name, code in [("hamas", "PSEREBHMS"), ("hezbollah", "LBNREB"), ("taliban", "AFGREB"),
                       ("al-qaeda", "IMGMUSALQ"), ("boko haram", "NGAREB")]:
        entry = one(kb, name)
        assert (entry.kind, entry.code_on(date(2014, 1, 1))) == ("group", code), name
    assert (one(kb, "amnesty international").kind, one(kb, "world bank").kind) == ("ngo", "igo")
    assert one(kb, "afghanistan").code_on(None) == "AFG"


def test_agent_nouns_map_to_their_sector():
    kb = world_kb()

    def agent(text: str) -> tuple[int, str] | None:
        return kb.agent_at(list(words_of(text)), 0)

    assert agent("protesters gathered") == (1, "OPP")
    assert agent("rebels said") == (1, "REB")
    assert agent("troops") == (1, "MIL")
    assert agent("security forces fired") == (2, "COP")  # the longer phrase, not "security"
    assert agent("residents fled") == (1, "CVL")
    assert agent("peacekeeping troops") == (2, "IGO") and kb.agent_prefix("peacekeeping troops")
    assert agent("yesterday") is None


def test_family_names_alone():
    kb = world_kb()
    assert [e.name for e in kb.surname_index["Karzai"]] == ["Hamid Karzai"]
    assert kb.surname_index["erdogan"][0].code_on(date(2010, 1, 1)) == "TURGOV"
    # two people the dictionaries know by this name: not in the index, but both are candidates
    assert "museveni" not in kb.surname_index
    assert {e.name for e in kb.surname_candidates("Museveni")} == {"Yoweri Museveni", "Janet Museveni"}
    # common words, countries and organisations are never family names on their own
    assert not {"said", "jordan", "government", "may"} & set(kb.surname_index)


def test_counts_and_kinds_are_sane():
    kb = world_kb()
    assert len(kb) > 25_000 and kb.name_count > 30_000 and kb.agent_count > 4_000
    manifest = json.loads((WORLD / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["entries"] == len(kb)
    assert manifest["counts"]["kinds"]["person"] > 15_000


@pytest.mark.skipif(not SHARED.is_dir(), reason="the Phoenix dictionaries are not beside the repository")
def test_shipped_files_are_what_the_script_builds(tmp_path):
    out = tmp_path / "world"
    run = subprocess.run([sys.executable, str(SCRIPT), str(SHARED), "--out", str(out)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    for name in ["entries.tsv.gz", "names.tsv.gz", "agents.tsv.gz", "surnames.tsv.gz", "manifest.json"]:
        assert (out / name).read_bytes() == (WORLD / name).read_bytes(), f"{name} is stale: rerun the script"


# ---- the build script, on a dictionary written for these tests --------------------------------

@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> tuple[Path, WorldKB]:
    out = tmp_path_factory.mktemp("mini")
    run = subprocess.run([sys.executable, str(SCRIPT), str(FIXTURE), "--out", str(out)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "12 entries" in run.stdout
    return out, WorldKB(out)


def test_build_is_deterministic(mini, tmp_path):
    out, _ = mini
    run = subprocess.run([sys.executable, str(SCRIPT), str(FIXTURE), "--out", str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    for name in ["entries.tsv.gz", "names.tsv.gz", "agents.tsv.gz", "surnames.tsv.gz", "manifest.json"]:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_build_converts_dated_roles(mini):
    _, kb = mini
    kolven = one(kb, "marta kolven")
    assert (kolven.id, kolven.name, kolven.kind) == ("countries:13", "Marta Kolven", "person")
    assert kolven.codes == (("NRVELI", "1970-01-01", "2005-06-01"), ("NRVGOV", "2005-06-01", "2012-03-15"),
                            ("NRVOPP", None, None))
    assert kolven.code_on(date(2010, 1, 1)) == "NRVGOV"
    assert kolven.code_on(date(2013, 1, 1)) == "NRVOPP"  # the record's default after the presidency
    assert one(kb, "president kolven") is kolven
    # no default: after the role ends the person is ELI of the country
    assert one(kb, "jonas brell").code_on(date(2014, 1, 1)) == "NRVELI"
    # several bracketed codes on the primary line
    assert one(kb, "ilse varga").code_on(date(2001, 1, 1)) == "NRVGOVMED"
    assert one(kb, "ilse varga").code_on(None) == "NRVELI"
    esterland = one(kb, "esterlandic")
    assert (esterland.kind, esterland.code_on(date(1985, 1, 1)), esterland.code_on(None)) == ("country", "XSU", "ESL")


def test_build_follows_petrarch_record_rules(mini):
    out, kb = mini
    # a primary phrase without a code is a synonym of the record after it
    assert one(kb, "paul quent") is one(kb, "paulus quentin")
    # a record whose only date is unreadable is dropped, and the build says so
    assert kb.lookup("klaus denner") == []
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert any("line 27" in w and "0801" in w for w in manifest["warnings"])
    # spellings: underscores, hyphens, 'al' joined to the next word
    assert one(kb, "al-fajr brigades").kind == "group"
    assert one(kb, "red dawn front").code_on(None) == "NRVREB"
    assert (one(kb, "ufs").kind, one(kb, "green hands foundation").kind) == ("igo", "ngo")
    assert one(kb, "orla meinhof").code_on(date(2016, 1, 1)) == "ELI"


def test_build_expands_agents(mini):
    out, kb = mini
    agents = {phrase: kb.agent_at(phrase.split(), 0) for phrase in
              ["protesters", "armies", "thieves", "thiefs", "police", "polices", "congresswomen",
               "ministries of defence", "security forces"]}
    assert agents == {"protesters": (1, "OPP"), "armies": (1, "MIL"), "thieves": (1, "CRM"), "thiefs": None,
                      "police": (1, "COP"), "polices": None, "congresswomen": (1, "LEG"),
                      "ministries of defence": (3, "GOVMIL"), "security forces": (2, "COP")}
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert any("security force" in c for c in manifest["agent_conflicts"])
    assert any("no [code]" in w for w in manifest["warnings"])


def test_build_indexes_unambiguous_family_names(mini):
    _, kb = mini
    assert [e.name for e in kb.surname_index["kolven"]] == ["Marta Kolven"]
    assert "brell" not in kb.surname_index
    assert {e.name for e in kb.surname_candidates("brell")} == {"Jonas Brell", "Anna Brell"}


def test_build_script_names_a_missing_folder(tmp_path):
    run = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "nowhere"), "--out", str(tmp_path / "o")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "nowhere" in run.stderr and "not found" in run.stderr and len(run.stderr.strip().splitlines()) == 1

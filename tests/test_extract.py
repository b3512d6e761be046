"""Event coding behaviour on sentences written for these tests, and bad input."""

import json

import pytest

from dragoman.extract import InputDoc, extract, extractor


def main_event(doc):
    assert doc.events, doc.to_dict()
    return max(doc.events, key=lambda e: e.confidence)


def codes(doc):
    return [(e.root, e.source.code if e.source else None, e.target.code if e.target else None, e.status)
            for e in doc.events]


def event_codes(text: str, published: str) -> list[str]:
    """The CAMEO codes of the events extracted from `text`, in order."""
    return [e.code for e in extract(text, published=published).events]


def test_active_and_passive_voice_keep_direction():
    active = extract("Serbian police arrested two Kosovo police officers near the border on Sunday.",
                     published="2023-06-19")
    passive = extract("Two Kosovo police officers were arrested by Serbian police near the border on Sunday.",
                      published="2023-06-19")
    for doc in (active, passive):
        e = main_event(doc)
        assert e.root == "17"
        assert e.source.code == "SRBCOP" and e.target.code == "KSVCOP"
        assert e.date == "2023-06-18"
    assert "passive" in main_event(passive).rule


def test_met_with_and_met():
    for text in ("Serbian President Aleksandar Vucic met with Kosovo Prime Minister Albin Kurti in Brussels.",
                 "Serbian President Aleksandar Vucic met Kosovo Prime Minister Albin Kurti in Brussels."):
        e = main_event(extract(text, published="2023-02-27"))
        assert e.root == "04" and e.source.code == "SRBGOV" and e.target.code == "KSVGOV"
        assert e.source.name == "Aleksandar Vucic" and e.target.name == "Albin Kurti"
        assert e.location is not None and e.location.name == "Brussels"


def test_joint_actors():
    doc = extract("Serbia and Kosovo agreed on a plan to normalise their relations.", published="2023-03-19")
    joint = [e for e in doc.events if e.joint]
    assert joint
    assert {joint[0].source.code, joint[0].target.code} == {"SRB", "KSV"}


def test_reported_speech_codes_the_reported_event_with_attribution():
    doc = extract("Kosovo's prime minister said Serbian troops attacked a police patrol near Zubin Potok.",
                  published="2023-09-25")
    attack = [e for e in doc.events if e.root in ("18", "19")]
    assert attack
    assert attack[0].source.code == "SRBMIL"
    assert attack[0].attribution is not None and attack[0].attribution.code == "KSVGOV"
    assert main_event(doc).root in ("18", "19")  # the attack, not the statement, is the main event
    # the 'said' wraps a coded act: it adds no 010 of its own (one event per action)
    assert not [e for e in doc.events if e.root == "01"]


def test_negated_planned_hypothetical():
    neg = extract("Kosovo Prime Minister Albin Kurti did not meet Serbian President Aleksandar Vucic.",
                  published="2023-05-02")
    assert main_event(neg).status == "negated"
    planned = extract("Serbian President Aleksandar Vucic will meet Kosovo Prime Minister Albin Kurti in Brussels "
                      "next week.", published="2023-05-02")
    assert main_event(planned).status == "planned"
    hypo = extract("If Pristina forms the association, Belgrade could meet its demands.", published="2023-05-02")
    assert any(e.status == "hypothetical" for e in hypo.events)


def test_background_by_date_and_tense():
    doc = extract("NATO bombed Serbia in 1999. The EU has been mediating talks between Belgrade and Pristina. "
                  "On Monday, Serbia criticised Kosovo.", published="2024-03-04")
    bombing = [e for e in doc.events if e.root in ("18", "19", "20")]
    assert bombing and bombing[0].status == "background" and bombing[0].date == "1999"
    assert any(e.status == "background" and e.root == "04" for e in doc.events)
    crit = [e for e in doc.events if e.root == "11"]
    assert crit and crit[0].status == "reported" and crit[0].date == "2024-03-04"


def test_to_dict_round_trips_through_json():
    doc = extract("Serbia condemned the arrest of a Kosovo Serb by Kosovo police on Friday.", published="2024-02-05")
    d = json.loads(json.dumps(doc.to_dict()))
    assert list(d)[:8] == ["format", "id", "title", "outlet", "url", "published", "language", "text"]
    assert d["times"] and d["times"][0]["value"] == "2024-02-02"


@pytest.mark.parametrize("text,problem", [
    ("", "no text"),
    ("   \n\t  ", "no text"),
    ("Der serbische Präsident traf am Freitag den kosovarischen Ministerpräsidenten in Brüssel, teilte die "
     "Regierung mit. Die Gespräche sollen nächste Woche fortgesetzt werden.", "not English"),
])
def test_bad_documents_give_a_message_not_a_crash(text, problem):
    doc = extract(text)
    assert doc.events == [] and problem in (doc.error or "")


def test_numbers_table_and_empty_html_and_huge_text():
    table = extract("2019 | 2020 | 2021\n1.2 | 3.4 | 5.6\n7.8 | 9.0 | 1.1\n")
    assert table.events == []
    html = extract("<html><head><title>t</title></head><body><nav>Home</nav></body></html>")
    assert html.events == [] and html.error
    huge = extract("Serbia criticised Kosovo on Monday. " * 150_000)  # about 5 MB
    assert huge.error and "too long" in huge.error
    assert len(huge.text) <= 200_000


def test_a_bad_document_does_not_stop_the_stream():
    docs = [x.doc for x in extractor().extract_stream([
        InputDoc(text="Serbia criticised Kosovo.", id="a"), InputDoc(text="", id="b"),
        InputDoc(text="Kosovo criticised Serbia.", id="c", published="not a date"),
        InputDoc(text="Kosovo police arrested a Serbian citizen.", id="d")])]
    assert [d.id for d in docs] == ["a", "b", "c", "d"]
    assert docs[0].events and docs[3].events
    assert docs[1].error and docs[2].error and "published" in docs[2].error


def test_refusals_are_reported_rejections_not_negated_ones():
    stance = extract("Greece insists that it will not recognise the breakaway republic of North Atlantis.",
                     published="2024-03-04")
    rej = [e for e in stance.events if e.root == "12"]
    # a position stated in the present is a standing position: kept as background, with no date of its own
    assert rej and rej[0].source.code == "GRC" and rej[0].status == "background" and rej[0].date is None
    assert not any(e.status == "negated" for e in stance.events)
    declined = extract("Montenegro did not accept the Albanian proposal for a joint border commission.",
                       published="2024-03-04")
    e = main_event(declined)
    assert e.root == "12" and e.source.code == "MNE" and e.status == "reported"
    refused = extract("The Hungarian government refused to lift the ban on imports from Romania.",
                      published="2024-03-04")
    assert any(e.code.startswith("124") and e.status == "reported" and e.target.code == "ROU"
               for e in refused.events)
    later = extract("Hungary will refuse to sign the trade agreement with Austria.", published="2024-03-04")
    assert all(e.status == "planned" for e in later.events if e.root == "12")
    # a conditional refusal stays hypothetical; a negated non-concession stays negated
    cond = extract("If Bulgaria does not accept the plan, Greece will close the border.", published="2024-03-04")
    assert any(e.root == "12" and e.status == "hypothetical" for e in cond.events)
    arrest = extract("Serbian police did not arrest the two Kosovo officers.", published="2024-03-04")
    assert main_event(arrest).root == "17" and main_event(arrest).status == "negated"


@pytest.mark.parametrize("text,place", [
    ("SKOPJE - North Macedonia's parliament approved the deal.", "SKOPJE"),
    ("ATHENS, March 3 (Reuters) - Greece protested.", "ATHENS"),
    ("TIRANA (AP) — Albanian police arrested a smuggler.", "TIRANA"),
    ("Podgorica, 12 May 2019 – The government resigned.", "Podgorica"),
    ("Headline here\n\nSARAJEVO, Bosnia -- Three parties met.", "SARAJEVO"),
])
def test_datelines_are_found_with_exact_offsets(text, place):
    from dragoman.nlp.datelines import find_datelines
    from dragoman.nlp.gazetteer import is_place

    found = find_datelines(text, is_place)
    assert len(found) == 1
    d = found[0]
    assert text[d.place_start:d.place_end] == place and text[d.start:d.place_end] == place
    assert text[d.end:d.end + 1].isupper() and text[d.end - 1] == " "


@pytest.mark.parametrize("text", [
    "NATO - the alliance said little.", "Skopje - the capital - was quiet.", "Greece, Albania - and others.",
    "Greece protested - loudly - on Monday.",
])
def test_prose_is_not_a_dateline(text):
    from dragoman.nlp.datelines import find_datelines
    from dragoman.nlp.gazetteer import is_place

    assert find_datelines(text, is_place) == []


def test_dateline_city_is_not_the_subject_but_the_place():
    text = ("Leaders agree on border deal\n\nSKOPJE (Balkan Post) - Croatian Prime Minister Andrej Plenkovic and "
            "Slovenian Prime Minister Robert Golob signed an agreement on Friday on fishing rights.")
    doc = extract(text, published="2024-03-04")
    e = main_event(doc)
    assert e.root == "05" and e.joint
    assert {e.source.code, e.target.code} == {"HRVGOV", "SVNGOV"}
    assert all("SKOPJE" not in (x.text if x else "") for ev in doc.events for x in (ev.source, ev.target))
    assert e.location is not None and e.location.name == "Skopje"
    assert doc.text[e.location.start:e.location.end] == "SKOPJE"
    for x in (e.source, e.target, e.trigger):
        assert doc.text[x.start:x.end] == x.text


def test_talks_between_two_sides_are_one_event_between_them():
    doc = extract("Expert-level talks between Athens and Skopje began in Geneva in May 2019 and produced a "
                  "deal on the name.", published="2024-03-04")
    talks = [e for e in doc.events if e.trigger.text == "talks"]
    assert len(talks) == 1
    e = talks[0]
    assert e.root == "04" and e.joint
    assert (e.source.code, e.target.code) == ("GRCGOV", "MKDGOV")
    assert e.source.text == "Athens" and e.target.text == "Skopje"
    assert e.location is not None and e.location.name == "Geneva"  # said of the verb the talks are subject of
    facilitated = extract("The UN-facilitated dialogue between Athens and Skopje resumed on Monday.",
                          published="2024-03-04")
    dialogue = [e for e in facilitated.events if e.trigger.text == "dialogue"]
    assert len(dialogue) == 1 and (dialogue[0].source.code, dialogue[0].target.code) == ("GRCGOV", "MKDGOV")


def test_an_event_noun_is_never_its_own_actor():
    doc = extract("Albania's negotiations with Greece on the border began in Tirana on Monday.", published="2024-03-04")
    assert doc.events, "negotiations with a named side are an event"
    for e in doc.events:
        for ref in (e.source, e.target):
            assert ref is None or "Negotiations" not in ref.text


def test_expected_and_due_events_are_planned_with_the_subject_acting():
    doc = extract("The European Commission is expected to publish proposals next week on opening membership "
                  "negotiations with Albania and on starting talks with Moldova.", published="2024-03-04")
    coded = [e for e in doc.events if e.target is not None and e.target.code in ("ALB", "MDA")]
    assert {e.target.code for e in coded} == {"ALB", "MDA"}
    for e in coded:
        assert e.status == "planned"
        assert e.source is not None and e.source.code == "IGOEUREEC"
    due = extract("Montenegro is due to hold talks with Croatia next month.", published="2024-03-04")
    e = main_event(due)
    assert e.source.code == "MNE" and e.target.code == "HRV" and e.status == "planned"
    resume = extract("Talks between Athens and Ankara will resume next month.", published="2024-03-04")
    e = main_event(resume)
    assert e.status == "planned" and e.joint and (e.source.code, e.target.code) == ("GRCGOV", "TURGOV")


def test_a_future_week_or_month_makes_an_event_planned():
    doc = extract("Greek and Turkish diplomats meet in Athens next week.", published="2024-03-04")
    assert main_event(doc).status == "planned"
    past = extract("Greek and Turkish diplomats met in Athens last week.", published="2024-03-04")
    assert main_event(past).status == "reported"


def test_who_does_a_gerund_after_a_preposition():
    criticised = extract("Greece criticised Albania for opening talks with Turkey.", published="2024-03-04")
    opened = [e for e in criticised.events if e.root == "04"]
    assert opened and opened[0].source.code == "ALB" and opened[0].target.code == "TUR"
    by = extract("Serbia angered Kosovo by arresting two Albanian citizens.", published="2024-03-04")
    arrest = [e for e in by.events if e.root == "17"]
    assert arrest and arrest[0].source.code == "SRB"


def test_a_relative_pronoun_is_never_the_actor_its_antecedent_is():
    doc = extract("Kosovo police, who arrested two Serbian officials on Monday, said the men had crossed illegally. "
                  "The Assembly adopted a resolution that welcomed the EU offer.", published="2024-05-08")
    arrest = next(e for e in doc.events if e.code == "173")
    assert arrest.source.code == "KSVCOP" and arrest.source.text.startswith("Kosovo police")
    assert arrest.target.text == "two Serbian officials"
    welcomed = next(e for e in doc.events if e.trigger.text == "welcomed")
    assert welcomed.source is not None and welcomed.source.text == "a resolution"
    assert all(e.source is None or e.source.text.lower() not in ("who", "that", "which") for e in doc.events)


def test_a_hyphenated_participle_describes_and_does_not_place():
    doc = extract("Serbia and Kosovo reached a deal after months of EU-mediated talks. "
                  "Russia-backed separatists attacked a checkpoint.", published="2024-05-08")
    # a participle describing a noun is not an act of its own, and a backer is not the group's country
    assert not [e for e in doc.events if e.trigger.text in ("mediated", "backed")]
    attack = next(e for e in doc.events if e.trigger.text == "attacked")
    assert attack.source.text == "Russia-backed separatists" and not (attack.source.code or "").startswith("RUS")


def test_talks_named_as_a_topic_are_not_talks_that_happened():
    doc = extract("The meeting focused on reviving a dialogue between Serbia and Kosovo. "
                  "Kosovo and Serbia held talks in Brussels after resuming negotiations last month.",
                  published="2024-05-08")
    assert not [e for e in doc.events if e.trigger.text == "dialogue"]  # a topic of the meeting
    resumed = next(e for e in doc.events if e.trigger.text.startswith("resuming"))
    assert resumed.root == "04" and resumed.status == "reported"  # "after resuming": it happened


def test_which_he_said_adds_no_statement_about_a_thing_and_nobody_is_given_the_aim():
    doc = extract("Serbian Foreign Minister Marko Djuric expressed concern over legal proceedings against Serbs, "
                  "which he said aim "
                  "to create an atmosphere of insecurity.", published="2025-02-24")
    assert [(e.trigger.text, e.source.code) for e in doc.events] == [("expressed concern", "SRBGOV")]
    assert all(e.source is None or e.source.text != "Serbs" for e in doc.events)


def test_an_object_pronoun_is_someone_other_than_its_clauses_subject():
    # sentences written for this test
    urged = extract("The Greek prime minister called the Turkish president on Monday and urged him to show restraint.",
                    published="2024-05-08")
    appeal = next(e for e in urged.events if e.root == "02")
    assert (appeal.source.code, appeal.target.code, appeal.target.text) == ("GRCGOV", "TURGOV", "him")
    asked = extract("The Chilean president met the Peruvian president in Lima. The Chilean president said the "
                    "Peruvian president had asked him to reopen the border.", published="2024-05-08")
    ask = next(e for e in asked.events if e.trigger.text == "asked")
    assert (ask.source.code, ask.target.code) == ("PERGOV", "CHLGOV")


def test_a_national_body_the_kb_knows_says_which_country_the_story_is_about():
    # sentences written for this test: no country is named, but the Federal Reserve is American
    doc = extract("The Federal Reserve cut interest rates on Monday. The Federal Reserve also lent banks $20 billion. "
                  "British investors cheered. The finance minister criticised the banks on Tuesday.",
                  published="2008-10-08")
    criticism = next(e for e in doc.events if e.root == "11")
    assert criticism.source.code == "USAGOV"


def test_a_participle_acts_with_the_sentences_main_actor():
    # sentences written for this test
    comma = extract("Greece said on Monday that the island is safe, accusing Turkey of violating its airspace.",
                    published="2024-05-08")
    accusation = next(e for e in comma.events if e.root == "11")
    assert (accusation.source.code, accusation.target.code) == ("GRC", "TUR")
    after = extract("The Greek army ordered an inquiry on Monday after admitting shelling a Turkish village.",
                    published="2024-05-08")
    shelling = next(e for e in after.events if e.trigger.text == "shelling")
    assert shelling.source.code == "GRCMIL"


def test_a_us_party_label_marks_a_us_legislator():
    # sentences written for this test, in a story that names no country
    doc = extract("Jane Roe, R-Ky., criticised the bank on Monday. Roe said she would vote against the plan. "
                  "Rep. John Doe defended the bank. John Smith, a D-Day veteran, criticised the plan.",
                  published="2024-05-08")
    by_trigger = {e.trigger.text: e for e in reversed(doc.events)}  # the first event of each trigger
    assert by_trigger["criticised"].source.code == "USALEG"
    assert by_trigger["vote against"].source.code == "USALEG"  # the family name later, too
    assert by_trigger["defended"].source.sector == "LEG"  # 'Rep.' is a lawmaker's title
    veteran = [e for e in doc.events if e.source and e.source.text.startswith("John Smith")]
    assert veteran and veteran[0].source.code != "USALEG"


def test_a_party_caucus_in_congress_is_a_us_legislature():
    # sentences written for this test
    doc = extract("Senate Republicans blocked the bill on Monday. Democrats criticised the vote.",
                  published="2024-05-08")
    blocked = next(e for e in doc.events if e.root == "12")
    assert blocked.source.code == "USALEG"
    criticised = next(e for e in doc.events if e.trigger.text == "criticised")
    assert criticised.source.code == "USAPTY"  # in a story about the US Senate, the US party
    # not only the US has Democrats: the story's country decides
    italy = extract("In Rome, Democrats criticised Prime Minister Giorgia Meloni over the budget.",
                    published="2024-01-01")
    assert [e.source.code for e in italy.events] == ["ITAPTY"]


def test_an_ambiguous_body_takes_its_usual_reading_only_when_nothing_says():
    # sentences written for this test
    us = extract("The finance minister urged Congress to act on Monday.", published="2024-05-08")
    assert next(e for e in us.events if e.root == "02").target.code == "USALEG"
    peru = extract("The Peruvian president criticised Congress on Monday.", published="2024-05-08")
    assert next(e for e in peru.events if e.root == "11").target.code == "PERLEG"


def test_group_leaders_conjuncts_and_occupied_countries():
    # sentences written for this test
    leader = extract("The rebel Shia leader criticised the Iraqi government on Monday.", published="2005-08-30")
    assert next(e for e in leader.events if e.root == "11").source.code == "IRQREB"
    both = extract("US diplomats and army commanders held talks with insurgents in Iraq.", published="2006-01-08")
    assert sorted(e.source.code for e in both.events if e.root == "04") == ["USAGOV", "USAMIL"]
    # Phoenix marks Iraq 'occupied' from 2003 to 2006; CAMEO codes the country and the sector
    guards = extract("Insurgents attacked Iraqi national guardsmen in Mosul.", published="2005-01-03")
    assert next(e for e in guards.events if e.root == "19").target.code == "IRQMIL"


def test_a_one_word_name_is_not_a_famous_foreigner_the_story_never_mentions():
    # sentences written for this test
    doc = extract("Gunmen in Kandahar killed Abdullah and two of his brothers on Monday.", published="2012-08-30")
    killing = next(e for e in doc.events if e.target is not None and e.target.text == "Abdullah")
    assert not (killing.target.code or "").startswith("SAU")
    assad = extract("Syrian troops shelled Homs. Assad said the army would win.", published="2012-08-30")
    assert next(e for e in assad.events if e.root == "01").source.code == "SYRGOV"
    # a family name only one person in the world KB has names him even where his country goes unsaid
    talks = extract("Poroshenko met Putin in Minsk on Tuesday.", published="2014-08-26")
    meeting = next(e for e in talks.events if e.root == "04")
    assert (meeting.source.code, meeting.target.code) == ("UKRGOV", "RUSGOV")
    # a two-word family name opened by a particle is the person's, not the country he goes to
    fled = extract("Ben Ali travelled to Saudi Arabia after weeks of protests.", published="2011-01-14")
    assert fled.events[0].source.code.startswith("TUN")


def test_a_state_office_named_by_a_region_keeps_the_region():
    # sentence written for this test: Western governments are not the Syrian government the story is about
    doc = extract("Western governments blamed the Syrian regime for the attack near Damascus.", published="2013-08-22")
    blame = next(e for e in doc.events if e.root == "11")
    assert (blame.source.code, blame.target.code) == ("WSTGOV", "SYRGOV")


def test_a_proper_noun_after_a_place_preposition_is_a_place_and_war_vehicles_are_the_military():
    # sentences written for this test; the tagger takes 'Mali' and 'Kramatorsk' for names of people
    mali = extract("French troops launched air strikes against Islamist militants in central Mali.",
                   published="2013-01-11")
    strikes = next(e for e in mali.events if e.root == "19")
    assert (strikes.source.code, strikes.target.code) == ("FRAMIL", "MLIINS")
    storm = extract("About 200 separatists stormed the police station in Kramatorsk.", published="2014-04-13")
    assert storm.events[0].source.code == "UKRSEP"
    jets = extract("Israeli jets struck targets near Damascus on Sunday.", published="2013-05-05")
    assert jets.events[0].source.code == "ISRMIL"
    dated = extract("In March, rebels freed prisoners from a jail.", published="2014-04-01")
    assert all(not (e.target and (e.target.code or "").startswith("GBR")) for e in dated.events)


def test_what_a_vetoed_document_does_is_not_the_vetoing_side_s_act():
    # sentence written for this test
    doc = extract("Russia and China vetoed a UN Security Council resolution condemning the crackdown in Syria.",
                  published="2012-02-04")
    assert {e.root for e in doc.events} == {"12"}
    issued = extract("Amnesty International issued a report accusing the army of torture.", published="2014-06-05")
    assert any(e.root == "11" and e.source.code.startswith("NGO") for e in issued.events)


def test_a_former_official_described_by_an_international_title_acts_for_that_organisation():
    # sentence written for this test: Kofi Annan's UN office ended in 2006; in 2012 he was the UN's envoy
    doc = extract("A ceasefire brokered by UN envoy Kofi Annan took effect on Thursday.", published="2012-04-12")
    assert next(e for e in doc.events if e.root == "04").source.code == "IGOUNO"


def test_an_international_title_wins_over_a_former_national_office_but_not_over_a_current_one():
    # sentences written for this test: Obasanjo left Nigeria's presidency in 2007 and was the AU's envoy in 2022
    envoy = extract("African Union envoy Olusegun Obasanjo, a former Nigerian president, said the talks would "
                    "resume.", published="2022-11-03")
    assert envoy.events[0].source.code == "IGOAFRAFU"
    ambassador = extract("Israel's UN ambassador Gilad Erdan criticised the vote.", published="2023-10-28")
    assert ambassador.events[0].source.code == "ISRGOV"
    backed = extract("Haftar's forces attacked the UN-backed Government of National Accord in Tripoli.",
                     published="2019-04-05")
    assert backed.events[0].target.code == "LBYGOV"


def test_targets_named_past_a_clause_a_place_or_an_indirect_object():
    # sentences written for this test
    gas = extract("Venezuelan security forces fired tear gas at opposition supporters trying to bring aid "
                  "across the border.", published="2019-02-24")
    assert next(e for e in gas.events if e.root == "17").target.code == "VENOPP"
    talks = extract("The M23 seized Goma in January. Kinshasa is holding separate talks with the group in Qatar.",
                    published="2025-06-28")
    assert next(e for e in talks.events if e.code == "040").target.code == "CODREB"
    council = extract("The UN Human Rights Council voted to set up a mission. Tehran rejected the council's "
                      "decision.", published="2022-11-25")
    assert next(e for e in council.events if e.root == "12").target.code == "IGOUNO"
    asylum = extract("Edmundo Gonzalez left Venezuela on Sunday. Spain said it would grant him political asylum.",
                     published="2024-09-09")
    assert next(e for e in asylum.events if e.code == "075").target.code == "VENOPP"
    backing = extract("General Ali Mohsen al-Ahmar declares support for the protesters.", published="2011-03-21")
    assert backing.events[0].code == "051" and backing.events[0].target.sector == "OPP"


def test_an_office_that_ended_the_day_before_publication_still_counts_for_that_days_news():
    # sentences written for this test: Keita's presidency ended on 18 August 2020, reported on the 19th
    doc = extract("Mutinying soldiers detained Mali's President Ibrahim Boubacar Keita on Tuesday. Keita announced "
                  "his resignation shortly before midnight.", published="2020-08-19")
    assert next(e for e in doc.events if e.root == "17").target.code == "MLIGOV"
    assert next(e for e in doc.events if e.code.startswith("083")).source.code == "MLIGOV"
    later = extract("Keita met the mediators in Bamako.", published="2020-08-25")
    assert later.events[0].source.code != "MLIGOV"


def test_a_known_person_named_with_a_country_or_a_possessive_pronoun():
    # sentences written for this test
    deal = extract("Armenia's Pashinyan signed a deal with Azerbaijan's Aliyev to end the war.",
                   published="2020-11-10")
    assert (deal.events[0].source.code, deal.events[0].target.code) == ("ARMGOV", "AZEGOV")
    forces = extract("Armenia's Prime Minister Nikol Pashinyan declared martial law on Sunday. Azerbaijan's "
                     "President Ilham Aliyev said his forces had taken several villages.", published="2020-09-28")
    taken = next(e for e in forces.events if e.root == "19")
    assert taken.source.code == "AZEMIL"
    assert (taken.status, taken.date) == ("reported", "2020-09-28")  # told in the past: the news, not history


def test_sanctions_threatened_or_imposed_on_coordinated_measures_are_aimed_at_whom_they_name():
    # sentences written for this test
    threat = extract("US President Joe Biden threatened to reimpose sanctions on Myanmar.", published="2021-02-02")
    assert (threat.events[0].root, threat.events[0].target.code) == ("13", "MMR")
    bans = extract("Britain imposed asset freezes and travel bans on three Myanmar generals on Thursday.",
                   published="2021-02-26")
    assert (bans.events[0].code, bans.events[0].target.code) == ("163", "MMRMIL")


def test_peacekeepers_mutineers_and_defence_chiefs():
    # sentences written for this test
    doc = extract("Protesters stormed MONUSCO bases in Goma. UN peacekeepers fired on the crowd. Kinshasa has accused "
                  "the peacekeepers of failing to protect civilians.", published="2022-07-27")
    assert next(e for e in doc.events if e.root == "14").target.code == "IGOUNO"  # the mission's bases
    assert next(e for e in doc.events if e.root == "11").target.code == "IGOUNO"
    own = extract("Kenyan peacekeepers arrived in Goma.", published="2022-11-16")
    assert own.events[0].source.code.startswith("KEN")
    mutiny = extract("ECOWAS condemned the mutineers in Bamako.", published="2020-08-19")
    assert mutiny.events[0].target.sector == "MIL"
    chiefs = extract("The defence chiefs of the United States and Britain condemned the killings.",
                     published="2021-03-28")
    assert chiefs.events[0].source.code == "USAMIL"


def test_a_bare_army_belongs_to_the_story_country_among_foreign_reactions():
    # sentences written for this test
    doc = extract("The UN Security Council adopted its first resolution on Myanmar, urging the military to release "
                  "all political prisoners. China, Russia and India abstained. The text was drafted by Britain.",
                  published="2022-12-22")
    assert next(e for e in doc.events if e.root == "02").target.code == "MMRMIL"
    chiefs = extract("Security forces killed more than 100 people across Myanmar. Rebels overran an army outpost. "
                     "The defence chiefs of the United States, Britain and Japan condemned the violence.",
                     published="2021-03-28")
    assert next(e for e in chiefs.events if e.root == "19").target.code == "MMRMIL"


def test_war_coalitions_armed_groups_fighters_and_whom_ground_is_taken_from():
    # sentences written for this test
    strike = extract("A Saudi-led coalition air strike hit a bus in Dahyan.", published="2018-08-10")
    assert strike.events[0].source.code == "SAUMIL"
    retaken = extract("Iraqi forces retook the government complex in Ramadi from Islamic State.", published="2015-12-28")
    assert retaken.events[0].target.code == "IRQINS"
    threat = extract("Turkish President Tayyip Erdogan threatened the Kurdistan Regional Government with economic "
                     "sanctions.", published="2017-09-26")
    assert threat.events[0].target.code == "IRQGOV"
    resistance = extract("Resistance leader Ahmad Massoud says his forces are still fighting in the valley.",
                         published="2021-09-06")
    assert resistance.events[0].source.code == "AFGREB"
    houthis = extract("The Houthis took the city of Saada, and their fighters later stormed the port of Hodeidah.",
                      published="2015-02-07")
    assert {e.source.code for e in houthis.events} == {"YEMREB"}


def test_ground_taken_by_the_dozen_or_in_a_valley_is_taking_ground():
    # sentences written for this test
    assert event_codes("The Taliban have seized dozens of districts in the north.", "2021-07-05") == ["192"]
    assert event_codes("The Taliban captured the Panjshir valley on Monday.", "2021-09-06") == ["192"]


def test_a_threat_or_an_offer_is_aimed_at_whom_the_act_it_announces_names():
    # sentences written for this test
    threat = extract("Kinshasa threatened to cut ties with Kigali.", published="2022-06-01")
    assert (threat.events[0].root, threat.events[0].target.code) == ("13", "RWAGOV")
    offer = extract("Former President Ali Abdullah Saleh offered to open a new page with Saudi Arabia.",
                    published="2017-12-03")
    assert (offer.events[0].root, offer.events[0].target.code) == ("03", "SAU")
    led = extract("Iran condemned the Saudi-led strikes on Sanaa.", published="2015-03-27")
    assert led.events[0].target.code.startswith("SAU")  # what a country leads is its act
    sorry = extract("Iraq's Kurdistan region held its independence referendum on Monday. The US State Department said "
                    "it was deeply disappointed that the Kurdistan Regional Government went ahead with the vote.",
                    published="2017-09-26")
    assert next(e for e in sorry.events if e.root == "11").target.code == "IRQGOV"


def test_a_known_name_the_tagger_cut_short_still_names_its_person():
    # sentence written for this test: the tagger leaves the second family name 'López' out of the person
    doc = extract("Defence Minister Vladimir Padrino López denounced the move as an attempted coup.",
                  published="2019-05-01")
    assert doc.events[0].source.code == "VENGOV"


def test_a_family_name_alone_follows_the_full_name_the_text_used_before():
    # sentences written for this test; the KB's full name ends in other words than the text's
    doc = extract("South Sudan's President Salva Kiir accused his former deputy Riek Machar of attempting a coup. "
                  "Machar denied the charge.", published="2013-12-20")
    denial = next(e for e in doc.events if e.root == "01" and e.code.startswith("016"))
    assert denial.source.code.startswith("SSD")


def test_a_group_named_by_whom_it_is_for_or_against_takes_that_side():
    # sentences written for this test
    doc = extract("Thousands of opponents of President Mohamed Morsi protested outside the presidential palace. "
                  "Morsi's supporters staged a rival rally.", published="2012-12-10")
    protests = [e for e in doc.events if e.root == "14"]
    assert [e.source.code for e in protests] == ["EGYOPP", "EGYCVL"]


def test_titles_coordinated_before_a_name_describe_one_person():
    # sentences written for this test
    one = extract("Former head of the UN refugee agency and possible presidential candidate Ruud Lubbers "
                  "criticised the plan.", published="2012-10-15")
    assert [e.source.text for e in one.events] == ["Ruud Lubbers"]
    two = extract("The president and the prime minister criticised the plan.", published="2012-10-15")
    assert len([e for e in two.events if e.root == "11"]) == 2


def test_a_local_group_takes_the_country_of_the_same_group_named_before_not_of_a_reacting_country():
    # sentences written for this test
    doc = extract("Turkish tanks crossed into northern Syria to help Syrian rebels drive Islamic State out of a "
                  "border town. Officials in Ankara praised the operation. The rebels said they had taken the town.",
                  published="2016-08-24")
    taking = next(e for e in doc.events if e.source is not None and e.source.text == "The rebels")
    assert taking.source.code == "SYRREB"
    crowd = extract("The violence drew condemnation from the European Union and the United States. Later, thousands "
                    "of protesters gathered in a square in Kiev.", published="2013-11-30")
    assert next(e for e in crowd.events if e.root == "14").source.code == "UKROPP"
    food = extract("The US suspended food supplies to Somalia over fears they were helping a militant group.",
                   published="2017-01-01")
    assert any(e.target is not None and e.target.code == "SOMINS" for e in food.events)


def test_a_role_word_the_tagger_took_for_a_name_stays_a_role():
    # sentence written for this test: 'Riot' opens the sentence and the tagger calls it a person
    doc = extract("Riot police stormed the Pearl Roundabout in Manama on Thursday.", published="2011-02-17")
    assert doc.events[0].source.code == "BHRCOP"


def test_fighters_are_people_not_aircraft():
    # sentence written for this test
    doc = extract("Separatist fighters attacked the airport on Friday.", published="2014-09-05")
    assert [(e.root, e.source.code) for e in doc.events] == [("19", "SEP")]


def test_ceasefires_agreed_consequences_warned_of_and_force_authorised():
    # sentences written for this test
    # agreeing to a ceasefire is a promise of one (03x), as the ConfliBERT dev sentences code it, not a truce
    truce = extract("Israel agreed to a ceasefire with Hamas on Tuesday.", published="2014-08-05")
    assert [e.root for e in truce.events] == ["03"]
    warning = extract("Putin warned of serious consequences for Turkey.", published="2015-11-24")
    assert [e.code for e in warning.events] == ["130"]
    famine = extract("The UN agency warned of famine in the region.", published="2015-11-24")
    assert [e.code for e in famine.events] == ["012"]
    vote = extract("Turkey's parliament authorised military operations in Syria on Thursday.", published="2014-10-02")
    assert [(e.code, e.source.code) for e in vote.events] == [("138", "TURLEG")]


def test_armed_men_named_by_a_people_that_is_no_country_are_a_non_state_group():
    # sentences written for this test
    doc = extract("Fighting raged in northern Syria. Kurdish forces attacked the town on Monday.", published="2016-08-22")
    assert next(e for e in doc.events if e.root == "19").source.code == "SYRREB"
    army = extract("Fighting raged in northern Syria. Iraqi forces attacked the town on Monday.", published="2016-08-22")
    assert next(e for e in army.events if e.root == "19").source.code == "IRQMIL"


def test_a_town_the_tagger_missed_is_a_place_when_it_is_entered_or_attacked():
    # sentences written for this test; the tagger sees no entity in 'Bangui' or 'Timbuktu'
    doc = extract("Christian militias attacked Bangui at dawn on Thursday. France said it would send more troops.",
                  published="2013-12-05")
    assert next(e for e in doc.events if e.root == "19").source.code == "CAFREB"


def test_a_state_of_emergency_is_a_condition_not_a_target():
    # sentence written for this test
    doc = extract("The government of Yemen declared a state of emergency on Friday.", published="2011-03-18")
    assert [(e.code, e.target) for e in doc.events] == [("1724", None)]


def test_the_opposition_is_a_group_and_opposition_to_a_plan_a_stance():
    # sentences written for this test
    doc = extract("Syrian troops shelled Homs. The foreign minister accused the opposition of killing civilians.",
                  published="2012-06-01")
    accusation = next(e for e in doc.events if e.root == "11")
    assert accusation.target.code == "SYROPP"
    stance = extract("Opposition to the plan grew in Homs.", published="2012-06-01")
    assert all(e.source is None or e.source.code is None or "OPP" not in e.source.code for e in stance.events)


def test_breaking_up_a_protest_is_repression_of_the_protesters():
    # sentence written for this test
    doc = extract("Riot police broke up a sit-in by several hundred protesters in Kiev.", published="2013-11-30")
    assert [(e.code, e.source.code, e.target.code) for e in doc.events] == [("175", "UKRCOP", "UKROPP")]


def test_him_is_the_one_his_own_subject_acted_on_just_before():
    # sentences written for this test
    doc = extract("Russia's parliament approved the use of force. Ukraine's acting president put the army on alert. "
                  "US President Barack Obama spoke to Putin by telephone and urged him to pull his forces back.",
                  published="2014-03-01")
    urge = next(e for e in doc.events if e.trigger.text.startswith("urged"))
    assert urge.target.code == "RUSGOV"
    egypt = extract("President Hosni Mubarak said he had dismissed the government. US President Barack Obama said he had spoken to "
                    "Mubarak by telephone and urged him to take steps toward reform.", published="2011-01-29")
    urge = next(e for e in egypt.events if e.trigger.text.startswith("urged"))
    assert urge.target.code == "EGYGOV"


def test_a_family_name_many_share_is_the_one_in_office_in_the_story_s_country():
    # sentences written for this test
    doc = extract("Egyptian troops deployed in Cairo on Friday. Mubarak said he had dismissed the government.",
                  published="2011-01-29")
    assert next(e for e in doc.events if e.source is not None and e.source.text == "Mubarak").source.code == "EGYGOV"
    hadi = extract("Yemen's army attacked militants near Aden. Hadi said the army would win.", published="2013-06-01")
    assert any(e.source is not None and e.source.text == "Hadi" and e.source.code == "YEMGOV" for e in hadi.events)


def test_a_known_leader_out_of_office_is_his_country_s_elite_not_the_story_s():
    # sentences written for this test: a former US president on a visit abroad, after his term
    doc = extract("Obama held talks with President Uhuru Kenyatta in Nairobi on Sunday.", published="2018-07-15")
    assert [e.source.code for e in doc.events] == ["USAELI"], [(e.code, e.source.code) for e in doc.events]


def test_a_family_name_that_only_one_country_s_people_share_says_that_country():
    # sentences written for this test; several Papandreous are known, all Greek, and no date says which one
    doc = extract("Greek police clashed with protesters in Athens. Papandreou urged the unions to end the strike.")
    [urge] = [e for e in doc.events if e.trigger.text.startswith("urged")]
    assert urge.source.code.startswith("GRC"), (urge.source.code, urge.source.text)


def test_a_country_s_weapons_of_war_are_its_military():
    # sentences written for this test
    strike = extract("A US air strike hit a hospital in Kunduz.", published="2015-10-03")
    assert strike.events[0].source.code == "USAMIL"
    shelling = extract("Turkish artillery pounded targets in Syria.", published="2016-08-24")
    assert shelling.events[0].source.code == "TURMIL"
    jet = extract("Turkish F-16 fighter jets shot down a Russian Su-24 bomber near the border.", published="2015-11-24")
    assert (jet.events[0].source.code, jet.events[0].target.code) == ("TURMIL", "RUSMIL")
    bomber = extract("A Palestinian suicide bomber killed five people.", published="2003-06-11")
    assert bomber.events[0].source.code == "PSEINS"


def test_opposition_officials_and_an_envoy_named_in_apposition():
    # sentences written for this test
    critics = extract("Opposition officials criticised the government on Monday.", published="2011-03-16")
    assert critics.events[0].source.sector == "OPP"
    annan = extract("Kofi Annan, the UN-Arab League envoy, urged the Security Council to act.", published="2012-06-01")
    assert annan.events[0].source.code == "IGOUNO"


def test_a_peacekeeping_force_authorised_and_a_visit_by_the_subject():
    # sentences written for this test
    force = extract("The UN Security Council authorised a 12,600-strong peacekeeping force for Mali.",
                    published="2013-04-25")
    assert [e.code for e in force.events] == ["074"]
    visit = extract("Biden, visiting Ankara on Wednesday, said Kurdish forces must withdraw.", published="2016-08-24")
    assert any(e.code == "042" and e.source.code == "USAGOV" for e in visit.events)


def test_a_capital_the_tagger_took_for_a_person_still_places_the_story():
    # sentences written for this test; the tagger calls 'Kiev' a person in "Kiev's Independence Square"
    doc = extract("Riot police broke up a sit-in by several hundred protesters on Kiev's Independence Square. "
                  "The violence drew condemnation from the European Union and the United States.",
                  published="2013-11-30")
    assert doc.events[0].source.code == "UKRCOP"


def test_a_killing_participle_belongs_to_the_shooting_not_the_speaker():
    # sentence written for this test
    doc = extract("Human rights activists said security forces opened fire, killing at least four people.",
                  published="2011-03-18")
    assert all(e.source is None or e.source.sector != "HRI" for e in doc.events if e.root in ("18", "19", "20"))


def test_people_reported_killed_underwent_it():
    # sentences written for this test
    killed = extract("Three protesters were reported killed in the city of Suez.", published="2011-01-25")
    assert killed.events == [] and [i.target.text for i in killed.incidents] == ["Three protesters"]
    seized = extract("The rebels were reported to have seized the town.", published="2011-01-25")
    assert [(e.root, e.source.sector) for e in seized.events] == [("19", "REB")]


def test_two_nationalities_on_one_noun_are_two_sides_of_a_meeting():
    # sentence written for this test
    doc = extract("Iranian and US negotiators met in Geneva on Monday.", published="2013-10-15")
    assert [(e.root, e.source.code, e.target.code) for e in doc.events] == [("04", "IRNGOV", "USAGOV")]


def test_people_a_participle_describes_are_the_ones_who_act():
    # sentences written for this test: the participle says what the people just named do, not the clause's subject
    square = extract("Police fired tear gas at students trying to occupy the main square on Monday.",
                     published="2012-05-08")
    occupy = [e for e in square.events if e.trigger.text.startswith("occupy")]
    assert occupy and all(e.source.sector != "COP" for e in occupy)
    retake = extract("The army shelled rebels seeking to retake the town.", published="2012-05-08")
    assert all(e.source.sector == "REB" for e in retake.events if e.trigger.text == "seeking")
    statement = extract("The ministry issued a statement urging calm.", published="2012-05-08")
    assert [e.source.sector for e in statement.events] == ["GOV"]


def test_the_channel_of_a_statement_is_not_a_second_statement():
    # sentences written for this test
    doc = extract("In a radio interview on Sunday, the president described the protests as a coup attempt.",
                  published="2013-12-02")
    assert [e.code for e in doc.events] == ["111"]


def test_a_bare_parliament_is_the_country_s_own_even_when_the_eu_is_named():
    # sentences written for this test
    doc = extract("European Union ministers meeting in Brussels agreed to impose sanctions on Ukrainian officials. "
                  "Parliament in Kiev passed a resolution demanding the withdrawal of the riot police.",
                  published="2014-02-20")
    demand = [e for e in doc.events if e.trigger.text.startswith("demand")]
    assert demand and demand[0].source.code == "UKRLEG"


def test_the_group_is_the_organisation_named_before():
    # sentences written for this test
    doc = extract("The prime minister blamed Hezbollah for the bombing on Monday and said the group would pay.",
                  published="2012-07-19")
    threat = [e for e in doc.events if e.code == "130"]
    assert threat and threat[0].target.code.startswith("LBN")


def test_an_organisation_of_a_kind_takes_the_country_its_name_or_story_gives():
    # sentence written for this test: the name says NGO, the adjective says Congo; the ban is aimed at it
    doc = extract("The Kinshasa government banned the Zairian Association for Civic Rights on Friday.",
                  published="1996-03-01")
    bans = [e for e in doc.events if e.root == "17"]
    assert bans and bans[0].target is not None and bans[0].target.code == "CODNGO"


def test_party_names_and_party_members_in_a_legislature():
    # sentences written for this test: 'Republicans' is tagged as a group (NORP), yet it names a party
    doc = extract("In Washington, Republicans criticised President Obama over the budget.", published="2012-01-01")
    assert [(e.root, e.source.code) for e in doc.events] == [("11", "USAPTY")]
    doc = extract("Republicans in Congress criticised President Obama over the budget.", published="2012-01-01")
    assert [(e.root, e.source.code) for e in doc.events] == [("11", "USALEG")]


def test_destroying_military_targets_is_fighting_and_destroying_homes_is_not():
    # sentences written for this test
    camps = extract("The Pakistani army destroyed several militant camps near the border on Monday.",
                    published="2019-01-01")
    assert [e.root for e in camps.events] == ["19"]
    homes = extract("Israeli troops destroyed twenty homes in Hebron on Monday.", published="2019-01-01")
    assert [e.code for e in homes.events] == ["1712"]


def test_it_and_its_never_point_back_to_a_plural_noun():
    # sentence written for this test: 'its' is the air force's, not the rebels'
    doc = extract("The Yemeni air force said on Sunday that 30 rebels had been killed in raids by its planes.",
                  published="2024-03-04")
    killed = [e for e in doc.events if e.trigger.text == "killed"]
    assert [(e.source.code, e.target.code) for e in killed] == [("YEMMIL", "YEMREB")]


def test_standing_accused_is_being_accused():
    # sentences written for this test: the subject of 'stands accused' is the one accused, never the accuser
    doc = extract("The Peruvian government stands accused by rights groups of torturing prisoners.",
                  published="2008-10-01")
    assert [(e.root, e.source.code, e.target.code) for e in doc.events] == [("11", "PERHRI", "PERGOV")]
    alone = extract("The Peruvian government stands accused of torturing prisoners.", published="2008-10-01")
    assert all(e.source is None or e.source.code != "PERGOV" for e in alone.events if e.root == "11")


def test_a_sea_is_no_state_and_a_person_is_no_place():
    # sentences written for this test: 'the Gulf' is a sea; 'Murray' is also a place in Australia
    doc = extract("In Houston, the Coast Guard warned fishermen to stay away from the Gulf shore.",
                  published="2010-05-02")
    assert doc.events and all(not (e.source.code or "").startswith("PGS") for e in doc.events)
    doc = extract("In Houston, police questioned Dr. Murray about the death on Monday.", published="2009-07-01")
    assert [e.target.code for e in doc.events if e.target] and all(
        not (e.target.code or "").startswith("AUS") for e in doc.events if e.target)


def test_an_appeal_is_aimed_at_whom_the_act_it_asks_for_concerns():
    # sentences written for this test
    doc = extract("In Damascus, the Syrian opposition called for Assad's resignation on Monday.", published="2011-08-01")
    assert [(e.root, e.target.code if e.target else None) for e in doc.events] == [("02", "SYRGOV")]
    doc = extract("In Basra, the cleric is calling for unity among the Shia community.", published="2005-08-01")
    assert [e.target.code for e in doc.events if e.root == "02" and e.target] == ["IRQCVL"]


def test_human_shields_held_and_the_subject_is_not_the_whole_sentence():
    # sentence written for this test: the parser hangs 'as' on the object and the full stop on the subject
    doc = extract("Islamic State militants held around 20, 000 villagers as human shields in Tal Afar.",
                  published="2017-06-01")
    [shield] = [e for e in doc.events if e.code == "184"]
    assert shield.source.text == "Islamic State militants"


def test_an_adjective_of_criticism_or_outlook_after_a_copula_is_the_act():
    # sentences written for this test
    doc = extract("The Chilean president was sharply critical of the Peruvian government on Monday.",
                  published="2019-03-20")
    assert [(e.code, e.source.code, e.target.code) for e in doc.events] == [("111", "CHLGOV", "PERGOV")]
    doc = extract("The Chilean president said on Monday that he was confident the talks with Peru would succeed.",
                  published="2019-03-20")
    assert [e.code for e in doc.events] == ["013"]  # the outlook, not a bare statement
    assert extract("The Chilean president was in Lima on Monday.", published="2019-03-20").events == []


def test_a_story_with_no_place_takes_the_country_of_its_office_holders():
    # sentence written for this test
    doc = extract("President Mugabe accused the opposition of plotting violence.", published="2008-06-01")
    assert [(e.source.code, e.target.code) for e in doc.events] == [("ZWEGOV", "ZWEOPP")]


def test_a_full_name_is_not_another_person_sharing_its_last_word():
    # sentence written for this test: the KB knows a minister 'Aung Kyi', not the opposition leader
    doc = extract("The junta released pro-democracy leader Aung San Suu Kyi in Yangon.", published="2010-11-13")
    assert [e.target.code for e in doc.events] == ["MMROPP"]


def test_force_used_to_disperse_people_is_aimed_at_them():
    # sentence written for this test
    doc = extract("Riot police used water cannon to disperse students protesting outside parliament in Tirana.",
                  published="2019-02-16")
    assert [(e.root, e.target.code if e.target else None) for e in doc.events][:1] == [("17", "ALBOPP")]


def test_a_simple_past_after_a_reported_pluperfect_is_the_speaker_s():
    # sentence written for this test
    doc = extract("The interior ministry said two officers had died in Tunis and blamed an armed group.",
                  published="2013-07-30")
    blame = [e for e in doc.events if e.code == "112"]
    assert blame and blame[0].source.code == "TUNGOV"


def test_crisis_movements_and_groups_the_dictionaries_lack():
    # sentences written for this test
    held = extract("Police arrested senior Muslim Brotherhood leaders in Alexandria.", published="2013-09-02")
    assert held.events[0].target.code == "EGYOPP"
    from_abroad = extract("Soldiers from Chad and Cameroon attacked the militants on Tuesday.", published="2015-02-03")
    assert from_abroad.events[0].source.code == "TCDMIL"
    delegates = extract("Representatives of Colombia met the guerrilla commanders in Havana.", published="2013-05-01")
    assert delegates.events[0].source.code == "COLGOV"


def test_the_rebels_are_the_separatists_the_story_named():
    # sentences written for this test
    doc = extract("Pro-Russian separatists seized the town hall in Sloviansk on Saturday. "
                  "The rebels rejected the ultimatum from Kiev.", published="2014-04-12")
    assert {e.source.code for e in doc.events} == {"UKRSEP"}


def test_driving_fighters_out_and_pressing_an_offensive_are_fighting():
    # sentences written for this test
    out = extract("Iraqi troops drove the militants out of the town on Monday.", published="2015-03-31")
    assert [e.code for e in out.events] == ["190"]
    pressed = extract("Government forces pressed an offensive against the rebel-held city on Friday.",
                      published="2014-05-02")
    assert [e.root for e in pressed.events] == ["19"]
    people = extract("The militia drove thousands of villagers out of the valley.", published="2015-03-31")
    assert [e.code for e in people.events] == ["201"]


def test_crisis_figures_take_their_role_on_the_day():
    # sentences written for this test
    envoy = extract("Lakhdar Brahimi met President Bashar al-Assad in Damascus on Monday.", published="2012-09-17")
    assert envoy.events[0].source.code == "IGOUNO"
    rebel = extract("Riek Machar accused the army of attacking civilians in Bor.", published="2014-01-20")
    assert rebel.events[0].source.code == "SSDREB"
    deputy = extract("Riek Machar met the president in Juba.", published="2012-06-20")
    assert deputy.events[0].source.code == "SSDGOV"


def test_each_other_names_the_other_side():
    # sentence written for this test
    doc = extract("The army and the rebels blamed each other for the collapse of the truce.", published="2014-09-10")
    assert len(doc.events) == 1 and doc.events[0].joint and doc.events[0].target.sector == "REB"


def test_a_government_acting_from_abroad_does_not_place_the_story():
    # sentences written for this test: the rebels are Syria's, not the United States'
    doc = extract("The White House said on Thursday that US intelligence had concluded that Syrian government forces "
                  "had shelled rebels near Aleppo. A Kremlin aide said the evidence was weak. "
                  "Washington said it would arm the rebels.", published="2013-06-14")
    assert {e.target.code for e in doc.events if e.target and e.target.sector == "REB"} == {"SYRREB"}


def test_a_round_of_talks_that_ended_was_held():
    # sentence written for this test
    doc = extract("Yemen's government and rebels ended a third round of peace talks in Kuwait on Saturday.",
                  published="2016-08-06")
    assert [(e.code, e.source.code, e.target.code) for e in doc.events] == [("046", "YEMGOV", "YEMREB")]


def test_a_coalition_is_coded_by_the_country_leading_it():
    # sentences written for this test
    doc = extract("The US-led coalition said it had struck oil facilities held by the militants in Syria. "
                  "Coalition jets also hit a training camp near Raqqa.", published="2015-11-16")
    assert [e.source.code for e in doc.events] == ["USAMIL", "USAMIL"]  # a war coalition is its leader's military


def test_a_nationality_in_the_plural_is_its_people_and_a_demand_is_aimed_at_whoever_must_act():
    # sentences written for this test
    calm = extract("The Tunisian president called on Tunisians to stay calm.", published="2013-02-07")
    assert [(e.code, e.target.code) for e in calm.events] == [("020", "TUNCVL")]
    demand = extract("The UN Security Council demanded on Tuesday that the rebels withdraw from the capital.",
                     published="2014-09-30")
    assert demand.events[0].target.sector == "REB"


def test_a_group_named_before_its_targets_owns_them():
    # sentences written for this test
    strikes = extract("Jordanian jets struck Islamic State targets in Syria on Thursday.", published="2015-02-05")
    assert [e.target.code for e in strikes.events] == ["SYRINS"]
    pipeline = extract("The army seized two pumping stations on the Kirkuk-Baniyas pipeline in Syria.",
                       published="2013-03-01")
    assert all(e.target is None or not e.target.code for e in pipeline.events)
    led = extract("Saudi-led warplanes struck Houthi positions around Aden on Sunday.", published="2015-04-12")
    assert [e.source.code for e in led.events] == ["SAUMIL"]


def test_those_who_report_a_toll_did_not_inflict_it():
    # sentence written for this test
    doc = extract("Rebel commanders said on Monday that dozens of their fighters had been killed.",
                  published="2014-08-04")
    assert all(e.root not in ("18", "19", "20") for e in doc.events)


def test_the_speakers_of_a_closing_attribution_are_not_targets():
    # sentence written for this test; the parser coordinates 'witnesses' with the beach
    doc = extract("Two fishermen were killed on Monday when Israeli shells struck a beach near Gaza City's port where "
                  "they had been working, witnesses and medical officials said.", published="2014-07-21")
    assert all(e.target is None or e.target.sector not in ("GOV", "CVL") for e in doc.events if e.root == "19")
    listed = extract("The court sentenced Morsi, Badie and Shater to death, state media said.", published="2015-05-16")
    assert len([e for e in listed.events if e.code == "116"]) == 3


def test_the_first_country_to_act_is_the_one_acting_and_warnings_of_freezes_threaten_sanctions():
    # sentences written for this test
    first = extract("Qatar on Monday became the first Arab country to recognise the rebel council.",
                    published="2011-03-28")
    assert [(e.code, e.source.code) for e in first.events] == [("054", "QAT")]
    warned = extract("EU leaders warned Moscow of new sanctions on Thursday.", published="2014-03-06")
    assert [e.code for e in warned.events] == ["1312"]


def test_his_is_the_main_subject_of_the_sentence_before():
    # sentences written for this test
    doc = extract("A Cairo court opened the trial of Mohamed Morsi on Monday. Morsi refused to wear a prison uniform, "
                  "and the judge adjourned the hearing until January. Hundreds of his supporters demonstrated outside "
                  "the court.", published="2013-11-04")
    protest = [e for e in doc.events if e.root == "14"]
    assert protest and protest[0].source.sector == "OPP"


def test_armed_groups_are_where_they_fight_and_old_city_of_homs_is_in_syria():
    # sentences written for this test
    palmyra = extract("Islamic State fighters seized the ancient city of Palmyra on Thursday. The group had taken the "
                      "Iraqi city of Ramadi on Sunday, and Iraqi officials said thousands had fled Ramadi.",
                      published="2015-05-21")
    assert palmyra.events[0].source.code == "SYRINS"
    homs = extract("Hundreds of rebel fighters began leaving the Old City of Homs on Wednesday under a deal with the "
                   "government.", published="2014-05-07")
    assert homs.events and all(e.source.code.startswith("SYR") for e in homs.events)


def test_the_army_is_the_one_whose_soldiers_the_story_named():
    # sentences written for this test
    doc = extract("An Israeli soldier was arrested on Thursday in Hebron after a video showed him shooting a wounded "
                  "Palestinian. The army said it had opened an investigation.", published="2016-03-25")
    probe = [e for e in doc.events if e.root == "09"]
    assert probe and probe[0].source.code == "ISRMIL"


def test_a_title_word_in_a_person_s_name_is_a_name():
    # sentence written for this test
    doc = extract("Australia's foreign minister, Julie Bishop, criticised the verdict on Monday.", published="2014-06-23")
    assert doc.events[0].source.code == "AUSGOV"


def test_their_offensive_is_launched_by_the_subject():
    # sentence written for this test
    doc = extract("Hundreds of Kurdish troops launched one of their biggest offensives near Mosul on Sunday.",
                  published="2016-10-16")
    assert doc.events and doc.events[0].source.text.startswith("Hundreds of Kurdish troops")


def test_walking_out_of_talks_and_ordering_a_retirement():
    # sentences written for this test
    assert event_codes("The Salafist party withdrew from talks on forming a new government on Monday.",
                       "2013-07-08") == ["164"]
    assert event_codes("The president ordered the retirement of the army chief on Sunday.", "2012-08-12") == ["172"]


def test_an_unknown_person_is_not_from_the_country_he_accuses():
    # sentence written for this test; the name is invented so that no knowledge base knows it
    doc = extract("Tomas Veliko accused Rwanda of backing the rebels.", published="2023-01-10")
    accusation = next(e for e in doc.events if e.root == "11")
    assert accusation.target is not None and accusation.target.code == "RWA"
    assert not (accusation.source.code or "").startswith("RWA")


def test_a_role_without_a_country_is_not_from_the_capital_it_accuses():
    # sentence written for this test; the name is invented so that no knowledge base knows it
    doc = extract("President Irina Veliko accused Moscow of meddling in the vote.", published="2023-01-10")
    accusation = next(e for e in doc.events if e.root == "11")
    assert accusation.target is not None and accusation.target.code == "RUSGOV"
    assert not (accusation.source.code or "").startswith("RUS")


def test_fighting_that_broke_out_between_two_sides_is_their_fight():
    # sentence written for this test
    doc = extract("Fighting broke out between the army and rebels in the north of Chad on Saturday.",
                  published="2023-04-16")
    fight = next(e for e in doc.events if e.root == "19")
    codes = {fight.source.code, fight.target.code}
    assert codes == {"TCDMIL", "TCDREB"} and fight.joint
    assert fight.date == "2023-04-15"


def test_whom_an_attack_killed_is_its_target_when_it_names_no_other():
    # sentence written for this test
    doc = extract("Chadian warplanes bombed a market town on Friday, killing dozens of rebels.", published="2023-04-16")
    strikes = [e for e in doc.events if e.root in ("18", "19")]
    assert len(strikes) == 1
    assert strikes[0].source.code == "TCDMIL" and strikes[0].target is not None
    assert strikes[0].target.code == "TCDREB"


def test_ordering_an_ambassador_out_is_an_expulsion_and_the_signing_venue_is_no_actor():
    # sentences written for this test
    doc = extract("Chad ordered France's ambassador to leave the country within 48 hours.", published="2023-04-16")
    assert [(e.code, e.source.code, e.target.code) for e in doc.events] == [("161", "TCD", "FRAGOV")]
    doc = extract("Tomas Veliko and Irina Veliko signed the agreement in Pretoria on Wednesday.", published="2022-11-03")
    assert all(not (a and (a.code or "").startswith("ZAF")) for e in doc.events for a in (e.source, e.target))


def test_one_actor_per_country_a_phrase_names_and_mediators_do_not_mediate_each_other():
    # sentences written for this test
    doc = extract("Protesters in Bamako attacked the embassies of France and Belgium on Tuesday.", published="2023-04-16")
    assert sorted((e.source.code, e.target.code) for e in doc.events) == [("MLICVL", "BELGOV"), ("MLICVL", "FRAGOV")]
    doc = extract("The foreign ministers of Chad and Niger signed an agreement on Friday.", published="2023-04-16")
    assert [(e.source.code, e.target.code, e.joint) for e in doc.events] == [("TCDGOV", "NERGOV", True)]
    doc = extract("Delegations from the Malian army and the Tuareg rebels signed an agreement on Friday.",
                  published="2023-04-16")
    assert [(e.source.code[:3], e.target.code, e.joint) for e in doc.events] == [("MLI", "MLIREB", True)], \
        "the rebels' envoys act for the rebels"
    doc = extract("The talks were brokered by Qatar and Egypt.", published="2023-04-16")
    assert sorted((e.source.code, e.target) for e in doc.events) == [("EGY", None), ("QAT", None)]


def test_whoever_speaks_for_a_group_is_coded_as_the_group():
    # sentence written for this test
    doc = extract("A spokesman for the Houthis rejected the truce on Monday.", published="2024-03-04")
    assert doc.events[0].source.code == "YEMREB"


def test_two_nationalities_on_one_force_are_two_attackers():
    # sentence written for this test
    doc = extract("Chadian and French warplanes struck rebel positions near Abeche on Sunday.", published="2024-03-04")
    strikes = [e for e in doc.events if e.root in ("18", "19")]
    assert sorted(e.source.code for e in strikes) == ["FRAMIL", "TCDMIL"]


def test_forces_loyal_to_a_rebel_leader_are_rebels():
    # sentence written for this test; in 2019 Khalifa Haftar's forces were attacking the government in Tripoli
    doc = extract("The government blamed forces loyal to Khalifa Haftar for the air strike.", published="2019-07-03")
    assert doc.events[0].target.code == "LBYREB"


def test_a_group_named_by_its_members_acts_as_those_members():
    # sentence written for this test (the names are invented)
    doc = extract("The rival leaders, Tomas Veliko and Irina Tadeko, met each other in Geneva on Monday.",
                  published="2024-03-04")
    meeting = next(e for e in doc.events if e.root == "04")
    assert {meeting.source.text, meeting.target.text} == {"Tomas Veliko", "Irina Tadeko"} and meeting.joint


def test_a_list_of_countries_acts_one_by_one_and_aid_goes_where_it_is_sent():
    # sentences written for this test; the parser reads the second country of the list as an apposition
    doc = extract("Canada, Norway, Japan and other governments have sent tents and staff such as medics to Peru.",
                  published="2024-03-04")
    assert sorted((e.source.code, e.target.code) for e in doc.events if e.root == "07") == [
        ("CAN", "PER"), ("JPN", "PER"), ("NOR", "PER")]
    assert doc.events[0].source.text == "Canada"
    # one noun with a country and a nationality before it: two sides
    doc = extract("US and Dutch warplanes struck rebel positions near Abeche on Sunday.", published="2024-03-04")
    assert sorted(e.source.code for e in doc.events if e.root in ("18", "19")) == ["NLDMIL", "USAMIL"]


def test_ground_taken_in_an_offensive_is_its_own_event_and_meeting_resistance_is_no_meeting():
    # sentences written for this test
    assert event_codes("Rebels seized more than a dozen villages west of Homs.", "2024-03-04") == ["192"]
    assert sorted(event_codes("Rebels launched an offensive on Monday, seizing several villages north of Homs.",
                              "2024-03-04")) == ["190", "192"]
    assert "040" not in event_codes("Rebels swept into the town, meeting little resistance as troops pulled back.",
                                    "2024-03-04")


def test_students_against_their_state_are_protesters_and_students_on_strike_are_students():
    # sentences written for this test
    doc = extract("In Dhaka, students clashed with police on Thursday.", published="2024-07-19")
    assert [e.source.code for e in doc.events if e.root == "14"] == ["BGDOPP"]
    doc = extract("In Dhaka, police shot dead a student on Thursday.", published="2024-07-19")
    assert [e.target.code for e in doc.events if e.code == "175"] == ["BGDOPP"]
    doc = extract("Student leaders in Dhaka demanded the resignation of the government.", published="2024-07-19")
    assert doc.events[0].source.code == "BGDOPP"
    doc = extract("In Dhaka, students went on strike over tuition fees.", published="2024-07-19")
    assert [e.source.code for e in doc.events if e.root == "14"] == ["BGDEDU"]


def test_a_title_with_a_country_codes_a_person_the_kb_does_not_know():
    # sentence written for this test (the name is invented)
    doc = extract("Bangladesh's President Rahim Uddin dissolved parliament on Tuesday.", published="2024-08-06")
    assert doc.events[0].source.code == "BGDGOV"


def test_an_idiom_noun_is_no_target():
    # sentence written for this test
    doc = extract("Canada joined forces on Monday to fight the wildfires.", published="2024-03-04")
    assert [e.target for e in doc.events] == [None]
    doc = extract("Chile and Peru joined forces on Monday to fight wildfires.", published="2024-03-04")
    assert [(e.source.code, e.target.code, e.joint) for e in doc.events] == [("CHL", "PER", True)]


def test_dropping_a_tax_under_pressure_is_a_policy_change():
    # sentences written for this test
    assert event_codes("President Ruto abandoned the tax increases on Wednesday.", "2024-06-27") == ["0832"]
    assert event_codes("The prosecutor dropped the charges on Wednesday.", "2024-06-27") == ["080"]


def test_a_name_with_a_lower_case_arabic_article_is_known():
    # sentence written for this test
    doc = extract("Yemen's government blamed al-Qaeda for the attack on Monday.", published="2011-03-12")
    assert doc.events[0].target.code == "YEMINS"


def test_the_people_released_are_the_target_not_the_prison():
    # sentence written for this test
    doc = extract("Israel released 30 Palestinian women from its prisons on Friday.", published="2023-11-25")
    assert [(e.code, e.target.code) for e in doc.events] == [("0841", "PSECVL")]


def test_an_execution_is_a_killing():
    # sentence written for this test
    doc = extract("Iran executed two protesters on Monday.", published="2022-12-13")
    assert [(e.code, e.source.code) for e in doc.events] == [("1823", "IRN")]


def test_a_vow_to_use_force_is_a_threat_and_a_vow_to_open_a_border_a_promise():
    # sentences written for this test
    assert event_codes("The president vowed to hunt down those responsible.", "2024-03-04") == ["138"]
    assert event_codes("The president vowed to punish the officers.", "2024-03-04") == ["130"]
    assert event_codes("The president vowed to open the border.", "2024-03-04")[0].startswith("03")


def test_a_channel_is_never_the_target():
    # sentences written for this test
    for text in ("The government announced the ban on state television.",
                 "The activists rejected the plan on social media."):
        doc = extract(text, published="2024-06-27")
        assert doc.events and all(e.target is None or e.target.code is None for e in doc.events), text


def test_fighters_of_no_named_group_are_rebels():
    # sentence written for this test
    doc = extract("In Deraa, local fighters took control of the city on Saturday.", published="2024-12-07")
    assert [e.source.code[3:] for e in doc.events] == ["REB"]

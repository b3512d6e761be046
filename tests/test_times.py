"""The temporal-expression tagger and normaliser (dragoman.nlp.times), on sentences written for the tests."""

from __future__ import annotations

from datetime import date

import pytest

from dragoman.nlp.times import normalise, tag_times

MONDAY = date(2025, 2, 24)  # a Monday


@pytest.fixture(scope="module")
def nlp():
    from dragoman.nlp.pipeline import load

    return load()


def tag(nlp, text: str, anchor: date | None = MONDAY):
    return tag_times(nlp(text), anchor)


def one(nlp, text: str, expr: str, anchor: date | None = MONDAY):
    """The tagged expression whose text is expr (exactly one)."""
    found = [t for t in tag(nlp, text, anchor) if t.text == expr]
    assert len(found) == 1, (expr, [(t.text, t.value) for t in tag(nlp, text, anchor)])
    return found[0]


# -- the seed case and weekdays -----------------------------------------------------------------------------


def test_seed_sentence_friday_before_monday(nlp):
    text = ("Serbian Foreign Affairs Minister Marko Djuric met with the EU's special representative, "
            "Peter Sorensen, on Friday.")
    t = one(nlp, text, "Friday")
    assert (t.value, t.precision, t.type) == ("2025-02-21", "day", "DATE")
    assert text[t.start:t.end] == "Friday"


def test_future_weekday_points_forward(nlp):
    assert one(nlp, "The ministers will meet again on Friday in Brussels.", "Friday").value == "2025-02-28"
    assert one(nlp, "The delegation is due to arrive on Thursday.", "Thursday").value == "2025-02-27"


def test_weekday_without_tense_cue_looks_back(nlp):
    assert one(nlp, "Protests in the capital on Saturday.", "Saturday").value == "2025-02-22"


def test_weekday_of_the_anchor_is_the_anchor(nlp):
    assert one(nlp, "The prime minister resigned on Monday.", "Monday").value == "2025-02-24"
    assert normalise("Monday", MONDAY) == ("2025-02-24", "day", "DATE")


def test_last_and_next_weekday(nlp):
    assert one(nlp, "Talks collapsed last Tuesday.", "last Tuesday").value == "2025-02-18"
    assert one(nlp, "Talks resume next Tuesday.", "next Tuesday").value == "2025-02-25"


def test_weekday_part_of_day(nlp):
    t = one(nlp, "Fighting broke out on Sunday night near the border.", "Sunday night")
    assert (t.value, t.type) == ("2025-02-23TNI", "TIME")


# -- calendar dates -----------------------------------------------------------------------------------------


def test_bare_year(nlp):
    t = one(nlp, "The treaty was signed in 2008 after long talks.", "2008")
    assert (t.value, t.precision) == ("2008", "year")


def test_full_dates_in_three_spellings(nlp):
    for text, expr in [("Kosovo declared independence on 17 February 2008.", "17 February 2008"),
                       ("Kosovo declared independence on Feb. 17, 2008.", "Feb. 17, 2008"),
                       ("Kosovo declared independence on 17.2.2008, the paper wrote.", "17.2.2008")]:
        t = one(nlp, text, expr)
        assert (t.value, t.precision, t.type) == ("2008-02-17", "day", "DATE"), text


def test_month_and_year(nlp):
    t = one(nlp, "The ceasefire collapsed in March 2011.", "March 2011")
    assert (t.value, t.precision) == ("2011-03", "month")


def test_month_without_year_follows_the_tense(nlp):
    assert one(nlp, "Elections were held in November.", "November").value == "2024-11"
    assert one(nlp, "Elections will be held in November.", "November").value == "2025-11"


def test_month_day_without_year(nlp):
    assert one(nlp, "The government fell on Dec. 12, officials said.", "Dec. 12").value == "2024-12-12"


def test_may_the_modal_is_no_month(nlp):
    values = [t.text for t in tag(nlp, "Officials said they may reopen the border crossing.")]
    assert "may" not in values


def test_decades_centuries_seasons_quarters(nlp):
    assert one(nlp, "Inflation soared in the 1990s.", "the 1990s").value == "199"
    assert one(nlp, "The bridge dates from the 19th century.", "the 19th century").value == "18"
    assert one(nlp, "Talks stalled this summer.", "this summer").value == "2025-SU"
    t = one(nlp, "Profit rose 5% in the third quarter, the company said.", "the third quarter")
    assert t.value == "2024-Q3"
    assert one(nlp, "Earnings for fiscal 2024 fell.", "fiscal 2024").value == "FY2024"


# -- relative expressions -----------------------------------------------------------------------------------


def test_last_week_is_the_previous_iso_week(nlp):
    t = one(nlp, "The envoy visited Pristina last week.", "last week")
    assert (t.value, t.precision) == ("2025-W08", None)


def test_years_ago(nlp):
    t = one(nlp, "The mine closed two years ago.", "two years ago")
    assert (t.value, t.precision) == ("2023", "year")


def test_deictic_days(nlp):
    text = "The minister arrived yesterday, speaks today and leaves tomorrow; talks continue tonight."
    values = {t.text: t.value for t in tag(nlp, text)}
    assert values["yesterday"] == "2025-02-23"
    assert values["today"] == "2025-02-24"
    assert values["tomorrow"] == "2025-02-25"
    assert values["tonight"] == "2025-02-24TNI"


def test_relative_months_and_years(nlp):
    text = "Prices rose last month and will rise next month; growth slowed earlier this year."
    values = {t.text: t.value for t in tag(nlp, text)}
    assert values["last month"] == "2025-01"
    assert values["next month"] == "2025-03"
    assert values["earlier this year"] == "2025"


def test_reference_words(nlp):
    t = one(nlp, "The two sides are now closer to a deal.", "now")
    assert (t.value, t.precision, t.type) == ("PRESENT_REF", None, "DATE")
    assert one(nlp, "The army recently moved troops north.", "recently").value == "PAST_REF"
    assert one(nlp, "Nobody knows what the future holds for the town.", "the future").value == "FUTURE_REF"


def test_anaphoric_day_counts_from_the_last_date(nlp):
    text = "The fighting began on March 3, 2023. The next day, the army withdrew."
    assert one(nlp, text, "The next day").value == "2023-03-04"


# -- durations, sets, times ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text,expr,value", [
    ("The siege lasted three years.", "three years", "P3Y"),
    ("He spent 18 months in prison.", "18 months", "P18M"),
    ("The talks took a week.", "a week", "P1W"),
    ("Unemployment fell over the past two years.", "the past two years", "P2Y"),
    ("The hearing lasted 5 1/2 hours.", "5 1/2 hours", "PT5H30M"),
    ("It was a 16-hour standoff.", "16-hour", "PT16H"),
    ("The region has been unstable for decades.", "decades", "PXY"),
    ("The ceasefire held for several days.", "several days", "PXD"),
])
def test_durations(nlp, text, expr, value):
    t = one(nlp, text, expr)
    assert (t.value, t.precision, t.type) == (value, None, "DURATION")


def test_sets(nlp):
    text = "The summit is held annually and the council meets every week; exports reach $5 billion a year."
    got = {t.text: (t.value, t.type) for t in tag(nlp, text)}
    assert got["annually"] == ("P1Y", "SET")
    assert got["every week"] == ("P1W", "SET")
    assert got["a year"] == ("P1Y", "SET")


def test_clock_times(nlp):
    t = one(nlp, "The blast happened at 3 p.m. near the market.", "3 p.m.")
    assert (t.value, t.precision, t.type) == ("2025-02-24T15:00", "day", "TIME")
    expr = "10:30 a.m. Wednesday"
    assert one(nlp, "Polls closed at 10:30 a.m. Wednesday.", expr).value == "2025-02-19T10:30"
    assert one(nlp, "The vote ends at 10:30 a.m. Wednesday.", expr).value == "2025-02-26T10:30"
    assert one(nlp, "Shelling resumed this morning.", "this morning").value == "2025-02-24TMO"


# -- no anchor, spans ---------------------------------------------------------------------------------------


def test_without_anchor_relative_values_are_none(nlp):
    text = "The mayor resigned on Friday, two years ago, and left last week."
    got = {t.text: t for t in tag(nlp, text, None)}
    assert got["Friday"].value is None and got["Friday"].precision is None
    assert got["two years ago"].value is None
    assert got["last week"].value is None
    # absolute dates and durations do not need the anchor
    assert one(nlp, "He was born on 17 February 1980 and served ten years.", "17 February 1980", None).value \
        == "1980-02-17"
    assert one(nlp, "He served ten years.", "ten years", None).value == "P10Y"


def test_offsets_slice_the_text_exactly(nlp):
    text = ("On Friday, Feb. 21, the envoy said talks would resume next week.\n"
            "In 2008 Kosovo declared independence; since then, for 17 years, relations have been tense.\n"
            "The minister arrived at 10 a.m. yesterday and will stay until the end of the month.")
    found = tag(nlp, text)
    assert len(found) >= 6
    for t in found:
        assert text[t.start:t.end] == t.text
        assert not t.text.lower().startswith(("on ", "in "))
    texts = [t.text for t in found]
    assert "Friday, Feb. 21" in texts
    assert "next week" in texts
    assert "17 years" in texts


def test_no_false_alarms_on_numbers_and_names(nlp):
    text = ("About 1,500 people and 2000 soldiers gathered; April Jones said the Sunday Times reported it. "
            "The bill costs $1,999.")
    assert [t.text for t in tag(nlp, text)] == []


def test_normalise_alone():
    assert normalise("in 2008", MONDAY) == ("2008", "year", "DATE")
    assert normalise("last week", MONDAY) == ("2025-W08", None, "DATE")
    assert normalise("Friday", MONDAY, "future") == ("2025-02-28", "day", "DATE")
    assert normalise("Friday", MONDAY, "past") == ("2025-02-21", "day", "DATE")
    assert normalise("two years ago", None) == (None, None, "DATE")
    assert normalise("three years", None) == ("P3Y", None, "DURATION")
    assert normalise("no time at all", MONDAY) == (None, None, "DATE")


def test_every_rule_has_its_place_in_the_order_and_its_check_beside_it():
    from dragoman.nlp.times import checks
    from dragoman.nlp.times.grammar import RULES as registered
    from dragoman.nlp.times.rulebook import ORDER, RULES

    assert sorted(ORDER) == sorted(registered) and len(ORDER) == len(set(ORDER))
    assert [r.name for r in RULES] == ORDER
    for rule in RULES:
        assert rule.needs, rule.name  # it runs only near its trigger words
        assert rule.check is None or getattr(checks, rule.check.__name__) is rule.check
    # the ambiguous patterns carry their checks: a year against counts, a month name against the modal
    by_name = {r.name: r for r in RULES}
    assert by_name["year"].check is checks.is_year and by_name["month"].check is checks.is_month_alone


def test_holidays_come_from_the_data_file():
    # Good Friday 2024 (two days before Easter, 31 March), Thanksgiving 2025 (fourth Thursday of November)
    assert normalise("Good Friday 2024", MONDAY) == ("2024-03-29", "day", "DATE")
    assert normalise("Thanksgiving", date(2025, 11, 1), "future") == ("2025-11-27", "day", "DATE")

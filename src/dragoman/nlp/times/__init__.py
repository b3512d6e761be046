"""Temporal expressions: find them in a parsed article and normalise them against its publication date.

Values follow TimeML (TIMEX3): "2025-02-21" (day), "2025-02" (month), "2025" (year), "199" (the 1990s),
"19" (the 20th century), "2025-W08" (week), "2025-W08-WE" (weekend), "2025-SU" (season), "2025-Q1"
(quarter), "2025-H1" (half year), "FY2025" (fiscal year), "2025-02-21T15:00" and "2025-02-21TMO" (times
and parts of days), "P3Y"/"PT5H"/"PXD" (durations), "P1Y" or "XXXX-WXX-5" (sets), and "PAST_REF",
"PRESENT_REF", "FUTURE_REF".

Detection is a grammar of regular expressions over the text of the spaCy doc (rules for how English
writes dates and times), checked against the parse where a word is ambiguous ("May" the modal, years
against counts, bare month names) and completed by spaCy's own DATE/TIME entities where those normalise.
Overlapping candidates are settled longest first. Normalisation is relative to the anchor (the
publication date); weekdays, month names and quarters without a year look backwards or forwards
according to the tense of the governing verb. Anaphoric expressions ("the next day", "that year",
"two days later") count from the last date the article mentioned. Without an anchor every
anchor-relative value is None: nothing is invented.

The package, by concern: `vocab` (the words, from data/times.yaml), `grammar` (pattern fragments and the
Rule), `rules_dates`, `rules_periods` and `rules_spans` (each rule: pattern, check, handler), `checks`
(the parse and context checks), `rulebook` (the order rules are tried in), `calendar` and `numbers`
(normalisation arithmetic), `tense`, `normalise` (one expression) and `tagging` (a whole doc).
"""

from .calendar import resolve_month, resolve_month_day, resolve_weekday
from .normalise import normalise, precision_of
from .numbers import duration_value, parse_number
from .tagging import tag_times
from .tense import tense_at
from .vocab import MONTHS, WEEKDAYS

__all__ = ["tag_times", "normalise", "precision_of", "tense_at", "parse_number", "duration_value",
           "resolve_weekday", "resolve_month", "resolve_month_day", "MONTHS", "WEEKDAYS"]

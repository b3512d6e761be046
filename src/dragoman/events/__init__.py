"""Event coding: the codebook, the trigger lexicon, the sentence coder and event status."""

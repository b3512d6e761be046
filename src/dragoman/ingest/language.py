"""Language identification of article text (py3langid, offline)."""

from __future__ import annotations

from functools import cache

# Languages news about the regions dragoman follows is written in; restricting the model to them
# keeps short English texts from being taken for English-based creoles and the like.
NEWS_LANGUAGES = ["en", "fr", "de", "es", "it", "pt", "nl", "ru", "uk", "pl", "cs", "sk", "sl", "hr", "sr", "bs",
                  "mk", "bg", "sq", "el", "tr", "ro", "hu", "ar", "fa", "he", "zh", "ja", "ko", "hi", "ur", "id",
                  "sv", "da", "no", "fi", "et", "lv", "lt", "ka", "hy", "az", "vi", "th", "sw"]
SHORT = 400
ENGLISH_FUNCTION_WORDS = {"the", "of", "and", "in", "to", "a", "an", "with", "on", "for", "is", "was", "were", "said",
                          "by", "at", "from", "that", "has", "have", "had", "will", "not", "it", "its", "his", "her",
                          "their", "after", "over", "into", "who", "which", "be", "been", "are"}


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(NEWS_LANGUAGES)
    return ident


def detect_language(text: str, declared: str | None = None) -> str | None:
    """ISO 639-1 code of the text's language; the page's declared language for very short texts.

    Short texts are hard to identify: below 400 characters a non-English guess must be confident.
    """
    sample = text[:1000]  # a thousand characters of running text settle the language
    if len(sample.strip()) < 60:  # a few words cannot be identified reliably
        return declared or "en"
    ranked = _identifier().rank(sample)
    lang, prob = ranked[0]
    if lang != "en" and len(sample) < SHORT and prob < 0.95:
        # names dominate short news texts; judge by the lower-case words around them
        words = [w.strip(".,;:!?\"'()") for w in sample.split()]
        lower = [w for w in words if w and w[0].islower()]
        if lower and sum(w in ENGLISH_FUNCTION_WORDS for w in lower) / len(lower) >= 0.2:
            return "en"
    return lang

"""Text normalisation and tokenising shared by understanding and matching."""

from __future__ import annotations

import re
import unicodedata

MAX_QUESTION_CHARS = 2000  # longer input is truncated before any work is done on it

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z0-9]+)*|[\u3040-\u30ff\u3400-\u9fff]+")
_SPACES = re.compile(r"\s+")
_ASCII_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean(text: str) -> str:
    """NFKC (full-width to ASCII), drop zero-width / bidi / other invisible format characters and stacked
    combining marks, and turn control characters and line / paragraph separators into spaces.

    An invisible character inside a word is dropped, not made a space: "ca\u200brry" is "carry".
    Case is kept: upper-case state codes ("live in OR") carry meaning the parser needs.
    """
    text = text[: MAX_QUESTION_CHARS * 2]
    if text.isascii():  # most questions: NFKC changes nothing and the only characters to drop are controls
        return _SPACES.sub(" ", _ASCII_CONTROL.sub(" ", text)).strip()[:MAX_QUESTION_CHARS].rstrip()
    return _clean_unicode(text)


def _clean_unicode(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cf":
            continue  # zero-width spaces and joiners, soft hyphens, bidi marks, word joiners, BOM
        if category in ("Cc", "Zl", "Zp", "Cs", "Co", "Cn"):
            kept.append(" ")
        elif category in ("Mn", "Me") and not _is_japanese_mark(ch):
            continue  # zalgo and stray accents
        else:
            kept.append(ch)
    return _SPACES.sub(" ", "".join(kept)).strip()[:MAX_QUESTION_CHARS].rstrip()


def _is_japanese_mark(ch: str) -> bool:
    return "\u3099" <= ch <= "\u309a"


def normalise(text: str) -> str:
    """Cleaned and case-folded; what matching sees."""
    return fold(clean(text))


def fold(cleaned: str) -> str:
    """``normalise`` for text that ``clean`` has already seen."""
    return cleaned.casefold().replace("’", "'")


def words(normalised: str) -> list[str]:
    return _WORD.findall(normalised)


_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s")


def stem(word: str) -> str:
    """A deliberately light stemmer: enough to meet 'overheats' with 'overheating', never clever."""
    if len(word) <= 4 or not word.isalpha() or word.endswith("ss"):
        return word
    base = word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            break
    return base[:-1] if len(base) > 3 and base.endswith("e") else base


STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "aren't",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "can't",
        "cannot",
        "could",
        "couldn't",
        "did",
        "didn't",
        "do",
        "does",
        "doesn't",
        "doing",
        "don't",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "get",
        "got",
        "had",
        "hadn't",
        "has",
        "hasn't",
        "have",
        "haven't",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "i'd",
        "i'll",
        "i'm",
        "i've",
        "if",
        "im",
        "in",
        "into",
        "is",
        "isn't",
        "it",
        "it's",
        "its",
        "itself",
        "just",
        "let's",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "ought",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "shall",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "that's",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "there's",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "wasn't",
        "we",
        "were",
        "weren't",
        "what",
        "what's",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "won't",
        "would",
        "wouldn't",
        "you",
        "your",
        "yours",
        "yourself",
        "u",
        "ur",
        "ya",
        "yeah",
        "yes",
        "ok",
        "okay",
        "pls",
        "please",
        "plz",
        "thanks",
        "thank",
        "hey",
        "hi",
        "hello",
        "guys",
        "anyone",
        "anybody",
        "someone",
        "know",
        "knows",
        "tell",
        "really",
        "actually",
        "right",
        "like",
        "also",
        "even",
        "still",
        "tho",
        "though",
        "lol",
        "idk",
        "etc",
        "im",
        "ive",
        "whats",
        "thats",
        "theres",
        "dont",
        "cant",
        "wont",
        "isnt",
        "doesnt",
        "didnt",
        "kei",
        "truck",
        "trucks",
        "mini",
        "minitruck",
        "minitrucks",
        "keitora",
        "vehicle",
        "vehicles",
        "one",
        "ones",
        "thing",
        "stuff",
        "need",
        "want",
        "go",
        "going",
        "gonna",
        "wanna",
    ]
)

# Everyday words that say nothing about which entry is meant ("best way", "asking for a buddy").
GENERIC_WORDS = frozenset(
    """best way time good bad much many lot lots anything something everything things guy guys man dude
    bro people ppl ask asking asked question questions help idea ideas sure maybe probably around back
    basically literally honestly anyway wondering wonder curious heard hear saw seen said says
    seem seems seemed really actually exactly pretty kinda sorta cope main usa america""".split()
)
STOPWORDS = STOPWORDS | GENERIC_WORDS


# Compounds whose first half is a stopword: "off-road" must not shrink to "road".
_COMPOUNDS = re.compile(r"\boff[- ]?(road|highway)\b|\bon[- ]?(road|highway)\b")


def content_tokens(normalised: str) -> list[str]:
    """Stemmed words that carry meaning, in order."""
    joined = _COMPOUNDS.sub(lambda m: m.group(0).replace("-", "").replace(" ", ""), normalised)
    return [stem(w) for w in words(joined) if w not in STOPWORDS and (len(w) > 1 or not w.isascii())]


_MENTION = re.compile(r"@(everyone|here)|<(@[!&]?|#)\d+>")
_MARKDOWN = re.compile(r"([\\*_~`|>\[\]()])")


def escape_untrusted(text: str) -> str:
    """Make user-supplied text inert in Discord Markdown: no pings, no links, no formatting."""
    text = _MENTION.sub(lambda m: m.group(0).replace("@", "@\u200b").replace("<", "<\u200b"), text)
    return _MARKDOWN.sub(r"\\\1", text)

"""Autocomplete candidates and resolution of typed values: jurisdictions and trucks. No Discord imports.

Ranking: exact code or name first, then names that start with what was typed, then names containing it,
then typo matches ranked the way people misspell: the start of a name is usually right, doubled letters
are dropped or added ("missisipi"), letters swap ("texs") and words are spelled by ear ("road island").
Codes of two letters take part only in the exact and prefix tiers. At most 25 results (Discord's limit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.core.knowledge import KnowledgeBase
from bot.core.places import STATE_NAMES
from bot.core.schema import CANONICAL_MODELS
from bot.core.text import normalise

MAX_CHOICES = 25
FUZZY_CUTOFF = 70.0  # autocomplete (typo_score): generous, the user picks
RESOLVE_CUTOFF = 85.0  # a typed value taken as a state/model: a typo, not a different word


@dataclass(frozen=True, slots=True)
class Option:
    label: str  # what the user sees (<= 100 chars)
    value: str  # what the command receives
    keys: tuple[str, ...]  # lower-case strings the typed text is compared with


def _rank(options: list[Option], typed: str, limit: int = MAX_CHOICES) -> list[Option]:
    query = " ".join(typed.casefold().split())
    if not query:
        return options[:limit]
    tiers: list[list[Option]] = [[], [], [], []]
    for option in options:
        if any(key == query for key in option.keys):
            tiers[0].append(option)
        elif any(key.startswith(query) for key in option.keys):
            tiers[1].append(option)
        elif any(query in key for key in option.keys):
            tiers[2].append(option)
    seen = {o.value for tier in tiers for o in tier}
    if len(seen) < limit and len(query) >= 3:
        scored: dict[int, float] = {}
        for index, option in enumerate(options):
            if option.value in seen:
                continue
            score = max(typo_score(query, key) for key in option.keys)
            if score >= FUZZY_CUTOFF:
                scored[index] = score
        tiers[3] = [options[i] for i, _ in sorted(scored.items(), key=lambda kv: -kv[1])]
    ranked: list[Option] = []
    emitted: set[str] = set()
    for tier in tiers:
        for option in tier:
            if option.value not in emitted:
                emitted.add(option.value)
                ranked.append(option)
    return ranked[:limit]


_RUNS = re.compile(r"(.)\1+")
_SOUND_SPELLINGS = (("ph", "f"), ("ck", "k"), ("gh", "g"), ("q", "k"), ("z", "s"), ("y", "i"), ("w", "v"))


def _shape(text: str) -> str:
    """Doubled letters made single: "mississippi" and "missisipi" have the same shape."""
    return _RUNS.sub(r"\1", text)


def _sound(text: str) -> str:
    """A rough spelling-by-ear key: like-sounding letters merged, silent h dropped, vowel runs as one."""
    text = _shape(text)
    for spelled, heard in _SOUND_SPELLINGS:
        text = text.replace(spelled, heard)
    text = re.sub(r"(?<=[^aeiou\s])h", "", text)
    text = re.sub(r"c(?=[eiy])", "s", text).replace("c", "k")
    return _shape(re.sub(r"[aeiou]+", "a", text))


def typo_score(typed: str, key: str) -> float:
    """How likely ``typed`` (case-folded) is a misspelling of ``key``, 0-100 and a little over.

    The best of: edit similarity counting a swap of two letters as one edit (OSA), the same on the
    letter shapes, on the sound keys, and on the start of a longer name (typing is not finished yet);
    plus a bonus for each of the first three letters typed right, since people rarely get those wrong.
    Keys under three characters (state codes) are not typo targets."""
    if len(key) < 3:
        return 0.0
    typed_shape, key_shape = _shape(typed), _shape(key)
    best = max(
        OSA.normalized_similarity(typed, key) * 100,
        OSA.normalized_similarity(typed_shape, key_shape) * 100,
        OSA.normalized_similarity(_sound(typed), _sound(key)) * 100 - 5,
    )
    if len(key_shape) > len(typed_shape) + 1:
        best = max(best, OSA.normalized_similarity(typed_shape, key_shape[: len(typed_shape)]) * 100 - 8)
    lead = 0
    for a, b in zip(typed[:3], key[:3], strict=False):
        if a != b:
            break
        lead += 1
    return best + 3 * lead


# ------------------------------------------------------------------------------------------ states


def state_options() -> list[Option]:
    return [
        Option(f"{name} ({code})", code, (code.casefold(), name.casefold()))
        for code, name in sorted(STATE_NAMES.items(), key=lambda kv: kv[1])
    ]


def state_choices(typed: str) -> list[Option]:
    return _rank(state_options(), typed)


def resolve_state(typed: str) -> str | None:
    """A USPS code for a code, a name or a close misspelling of one; None if nothing is close."""
    text = " ".join(typed.strip().casefold().split())
    if not text:
        return None
    for code, name in STATE_NAMES.items():
        if text in (code.casefold(), name.casefold(), f"{name} ({code})".casefold()):
            return code
    if len(text) < 4:
        return None
    best = process.extractOne(
        text,
        {code: name.casefold() for code, name in STATE_NAMES.items()},
        scorer=fuzz.ratio,
        score_cutoff=RESOLVE_CUTOFF,
    )
    return best[2] if best else None


# ------------------------------------------------------------------------------------------ trucks


def truck_options(kb: KnowledgeBase) -> list[Option]:
    """Canonical models, their twins and other names from the KB, and chassis codes (with their model)."""
    names: dict[str, set[str]] = {
        model: {model.casefold(), model.split()[-1].casefold()} for model in CANONICAL_MODELS
    }
    codes: dict[str, str] = {}
    for entry in kb.entries:
        if entry.model:
            names.setdefault(entry.model, {entry.model.casefold()})
            if entry.family:
                names[entry.model].update(n.casefold() for n in entry.family.names)
            for code in entry.chassis_codes:
                codes.setdefault(code, entry.model)
    options = [Option(model, model, tuple(sorted(keys))) for model, keys in names.items()]
    options.extend(
        Option(f"{code} ({model})", code, (code.casefold(),)) for code, model in sorted(codes.items())
    )
    return options


def truck_choices(kb: KnowledgeBase, typed: str) -> list[Option]:
    return _rank(truck_options(kb), typed)


def resolve_model(typed: str, model_names: dict[str, str], chassis: dict[str, str]) -> str | None:
    """The canonical model for a model name, a twin or other name, or a chassis code (the answering core's
    lexicon tables); None if unknown."""
    text = typed.strip()
    if not text:
        return None
    if text.casefold() in chassis:
        return chassis[text.casefold()]
    key = normalise(text)
    if key in model_names:
        return model_names[key]
    head = text.split("(")[0].strip()  # "HA4 (Honda Acty)" typed in full
    if head != text:
        return resolve_model(head, model_names, chassis)
    match = process.extractOne(key, list(model_names), scorer=fuzz.WRatio, score_cutoff=85.0)
    return model_names[match[0]] if match else None

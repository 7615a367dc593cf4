"""Autocomplete candidates and resolution of typed values: jurisdictions and trucks. No Discord imports.

Ranking: exact code or name first, then names that start with what was typed, then names containing it,
then fuzzy matches (rapidfuzz) for typos. At most 25 results (Discord's limit).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.core.knowledge import KnowledgeBase
from bot.core.places import STATE_NAMES
from bot.core.schema import CANONICAL_MODELS
from bot.core.text import normalise

MAX_CHOICES = 25
FUZZY_CUTOFF = 70.0  # autocomplete: generous, the user picks
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
        keyed = {(i, key): key for i, o in enumerate(options) if o.value not in seen for key in o.keys}
        scored: dict[int, float] = {}
        for _, score, (index, _) in process.extract(
            query, keyed, scorer=fuzz.WRatio, score_cutoff=FUZZY_CUTOFF, limit=None
        ):
            scored[index] = max(scored.get(index, 0.0), score)
        tiers[3] = [options[i] for i, _ in sorted(scored.items(), key=lambda kv: -kv[1])]
    ranked: list[Option] = []
    emitted: set[str] = set()
    for tier in tiers:
        for option in tier:
            if option.value not in emitted:
                emitted.add(option.value)
                ranked.append(option)
    return ranked[:limit]


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

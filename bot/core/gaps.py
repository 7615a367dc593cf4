"""Gap report: cluster the questions the bot could not answer so near-identical ones are counted together.

Pure: takes already-loaded questions (anything with ``question_text`` and ``asked_at``), does no I/O.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from rapidfuzz import fuzz, process, utils

from bot.core.wordbook import word_set

DEFAULT_THRESHOLD = 80.0


class AskedQuestion(Protocol):
    @property
    def question_text(self) -> str: ...

    @property
    def asked_at(self) -> datetime: ...


@dataclass(frozen=True, slots=True)
class GapCluster:
    example: str  # the most frequent phrasing in the cluster
    count: int  # questions in the cluster, repeats included
    last_seen: datetime
    variants: tuple[str, ...]  # distinct phrasings, most frequent first


def _key(text: str) -> str:
    """Lower-case, punctuation to spaces, spaces collapsed: "Is my Carry legal?!" -> "is my carry legal"."""
    return " ".join(utils.default_process(text).split())


# Words whose presence or absence does not change what is being asked (after ``_key``: no apostrophes).
_FILLER = word_set("gap_filler_words")
SUBSTITUTION_PENALTY = 20.0


def similarity(a: str, b: str) -> float:
    """0..100: the mean of token-set and token-sort ratios, minus a penalty when a content word was swapped.

    ``token_set_ratio`` alone scores any subset as 100 ("clutch" vs "clutch kit for a ks4 sambar"), which
    would fold short questions into long ones; the sort ratio pulls such pairs down while reorderings and
    small edits still score high on both. Neither notices that "legal in texas" and "legal in oklahoma" are
    different questions, so when each side has a content word the other lacks (and no close spelling of it),
    the score drops by ``SUBSTITUTION_PENALTY``. Added filler ("where do i buy a clutch") and typos are not
    swaps.
    """
    score = (fuzz.token_set_ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 2
    words_a, words_b = set(a.split()), set(b.split())
    only_a = [w for w in words_a - words_b if w not in _FILLER]
    only_b = [w for w in words_b - words_a if w not in _FILLER]
    if only_a and only_b and _unmatched(only_a, only_b) and _unmatched(only_b, only_a):
        score -= SUBSTITUTION_PENALTY
    return max(0.0, score)


def _unmatched(words: list[str], others: list[str]) -> bool:
    """Some word in ``words`` has no close spelling (a typo) among ``others``."""
    return any(not any(fuzz.ratio(w, o) >= 80 for o in others) for w in words)


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


@dataclass(slots=True)
class _Group:
    count: int
    last_seen: datetime
    phrasings: Counter[str]


def cluster_questions(
    questions: Iterable[AskedQuestion], *, threshold: float = DEFAULT_THRESHOLD, limit: int | None = None
) -> list[GapCluster]:
    """Clusters, most frequent first (ties: most recently seen first).

    Identical questions (ignoring case and punctuation) are merged first; then each distinct question, most
    frequent first, joins the cluster whose representative (its most frequent phrasing) it is most similar to,
    if that similarity is at least ``threshold``, or starts a new cluster. Comparing against representatives
    only (not every member) stops chains of small differences from drifting into unrelated questions.
    """
    exact: dict[str, _Group] = {}
    for question in questions:
        key = _key(question.question_text)
        if not key:
            continue
        asked = _aware(question.asked_at)
        group = exact.get(key)
        if group is None:
            exact[key] = _Group(1, asked, Counter({question.question_text.strip(): 1}))
        else:
            group.count += 1
            group.last_seen = max(group.last_seen, asked)
            group.phrasings[question.question_text.strip()] += 1

    ordered = sorted(exact.items(), key=lambda kv: (-kv[1].count, -kv[1].last_seen.timestamp(), kv[0]))
    reps: list[str] = []  # representative key of each cluster, same index as members
    members: list[list[tuple[str, _Group]]] = []
    for key, group in ordered:
        best, best_score = -1, -1.0
        # similarity() can only reach ``threshold`` if token_set_ratio >= 2 * threshold - 100 (the sort
        # ratio is at most 100 and the penalty only lowers it), so that is a safe, C-speed pre-filter.
        for _, _, index in process.extract(
            key, reps, scorer=fuzz.token_set_ratio, score_cutoff=max(0.0, 2 * threshold - 100), limit=None
        ):
            score = similarity(key, reps[index])
            if score >= threshold and score > best_score:
                best, best_score = index, score
        if best < 0:
            reps.append(key)
            members.append([(key, group)])
        else:
            members[best].append((key, group))

    clusters = []
    for cluster in members:
        phrasings = [group.phrasings.most_common(1)[0][0] for _, group in cluster]
        clusters.append(
            GapCluster(
                example=phrasings[0],
                count=sum(group.count for _, group in cluster),
                last_seen=max(group.last_seen for _, group in cluster),
                variants=tuple(phrasings),
            )
        )
    clusters.sort(key=lambda c: (-c.count, -c.last_seen.timestamp(), c.example))
    return clusters if limit is None else clusters[: max(0, limit)]

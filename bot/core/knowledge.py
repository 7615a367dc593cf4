"""Loading and validating the knowledge base.

The loader reads YAML only through ``yaml.safe_load`` (after a compose pass that records line numbers
and refuses anchors/aliases), validates every entry, and reports *all* problems at once as
``file:line: entry-id: message``. A knowledge base is either wholly valid or not built at all, so a bad
reload can never replace a good one.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from pydantic import ValidationError

from bot.core.schema import STATE_CODES, Entry, Kind
from bot.core.text import content_tokens, normalise

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster start-up


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader that leaves dates as text, so a bad date is a validation error with a line number."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)

MAX_FILE_BYTES = 1_000_000  # a curated file is a few KB; anything this big is a mistake or an attack
MAX_NODES = 200_000


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    entry_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.entry_id}: {self.message}"


class KnowledgeBaseError(Exception):
    """Raised with every problem found, so a curator can fix them all in one pass."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class KnowledgeBase:
    entries: tuple[Entry, ...]
    files: tuple[str, ...]
    by_id: dict[str, Entry] = field(repr=False)
    by_state: dict[str, Entry] = field(repr=False)
    fingerprints: dict[str, str] = field(repr=False)  # entry id -> content hash, for change detection

    @classmethod
    def from_entries(cls, entries: Iterable[Entry], files: Iterable[str] = ()) -> KnowledgeBase:
        entries = tuple(entries)
        return cls(
            entries=entries,
            files=tuple(files),
            by_id={e.id: e for e in entries},
            by_state={e.state: e for e in entries if e.kind is Kind.STATE_RULE and e.state},
            fingerprints={e.id: entry_fingerprint(e) for e in entries},
        )

    def __len__(self) -> int:
        return len(self.entries)

    def stale(self, today: dt.date) -> list[Entry]:
        return [e for e in self.entries if e.review_by < today]


def entry_fingerprint(entry: Entry) -> str:
    payload = json.dumps(entry.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def load_dir(
    root: str | Path, *, require_all_states: bool = False, mirror_hosts: Sequence[HostRule] = ()
) -> KnowledgeBase:
    """Load every ``*.yaml`` under ``root``; raise KnowledgeBaseError listing every problem.

    ``mirror_hosts`` (see :func:`load_host_rules`) adds the source-host check that ``kb check`` runs.
    """
    root = Path(root)
    if not root.is_dir():
        raise KnowledgeBaseError([Problem(str(root), 0, "-", "knowledge folder not found")])
    paths = sorted(p for p in root.rglob("*.yaml") if p.is_file())
    if not paths:
        raise KnowledgeBaseError([Problem(str(root), 0, "-", "no .yaml files found")])
    problems: list[Problem] = []
    located: list[tuple[Entry, str, int]] = []
    for path in paths:
        shown = _display_path(path, root)
        for item in _load_file(path, shown, problems):
            located.append(item)
    problems.extend(_cross_checks(located, require_all_states=require_all_states))
    problems.extend(_source_host_checks(located, mirror_hosts))
    if problems:
        raise KnowledgeBaseError(problems)
    return KnowledgeBase.from_entries((e for e, _, _ in located), (str(p) for p in paths))


def _display_path(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _load_file(path: Path, shown: str, problems: list[Problem]) -> Iterator[tuple[Entry, str, int]]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(Problem(shown, 0, "-", f"file is {size} bytes; the limit is {MAX_FILE_BYTES}"))
            return
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(shown, 0, "-", f"not UTF-8 text ({exc.reason})"))
        return
    except OSError as exc:
        problems.append(Problem(shown, 0, "-", f"cannot read: {exc.strerror}"))
        return
    loader = _Loader(text)
    try:
        try:
            root_node = loader.get_single_node()
        except yaml.YAMLError as exc:
            problems.append(Problem(shown, _yaml_error_line(exc), "-", f"invalid YAML: {_yaml_message(exc)}"))
            return
        if root_node is None:
            problems.append(Problem(shown, 1, "-", "file is empty; it should be a list of entries"))
            return
        structural = _structural_problem(root_node)
        if structural:
            problems.append(Problem(shown, structural[0], "-", structural[1]))
            return
        try:  # construct from the node already composed: one parse, safe constructors only
            data = loader.construct_document(root_node)
        except yaml.YAMLError as exc:
            problems.append(Problem(shown, _yaml_error_line(exc), "-", f"invalid YAML: {_yaml_message(exc)}"))
            return
    finally:
        loader.dispose()
    if not isinstance(data, list) or not isinstance(root_node, yaml.SequenceNode):
        problems.append(Problem(shown, 1, "-", "the file must be a YAML list of entries"))
        return
    for index, (raw, node) in enumerate(zip(data, root_node.value, strict=True)):
        line = node.start_mark.line + 1
        if not isinstance(raw, dict):
            problems.append(Problem(shown, line, f"#{index + 1}", "an entry must be a mapping of fields"))
            continue
        entry_id = str(raw.get("id") or f"#{index + 1}")
        try:
            entry = Entry.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors():
                where = _node_line(node, err["loc"]) or line
                field_path = ".".join(str(p) for p in err["loc"])
                prefix = f"{field_path}: " if field_path else ""
                problems.append(Problem(shown, where, entry_id, f"{prefix}{_pydantic_message(err)}"))
            continue
        yield entry, shown, line


def _structural_problem(node: yaml.Node) -> tuple[int, str] | None:
    """Refuse anchors/aliases (a 'billion laughs' bomb needs them), tags and absurd node counts."""
    count = 0
    stack = [node]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            return current.start_mark.line + 1, "YAML anchors and aliases (& and *) are not allowed"
        seen.add(id(current))
        count += 1
        if count > MAX_NODES:
            return 1, f"more than {MAX_NODES} YAML nodes; split the file"
        tag = current.tag or ""
        if tag not in _PLAIN_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            return current.start_mark.line + 1, f"YAML tag {shown} is not allowed"
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
    return None


_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)


def _node_line(node: yaml.Node, loc: tuple) -> int | None:
    """Follow a pydantic error location through the composed YAML to the offending line."""
    line = node.start_mark.line + 1
    current = node
    for part in loc:
        if isinstance(current, yaml.MappingNode) and isinstance(part, str):
            match = next((kv for kv in current.value if getattr(kv[0], "value", None) == part), None)
            if match is None:
                return line
            line = match[0].start_mark.line + 1
            current = match[1]
        elif isinstance(current, yaml.SequenceNode) and isinstance(part, int) and part < len(current.value):
            current = current.value[part]
            line = current.start_mark.line + 1
        else:
            return line
    return line


def _pydantic_message(err: dict) -> str:
    if err["type"] == "extra_forbidden":
        return "unknown field (check the spelling against knowledge/README.md)"
    if err["type"] == "missing":
        return "required field is missing"
    message = str(err["msg"])
    return message.removeprefix("Value error, ")


def _yaml_error_line(exc: yaml.YAMLError) -> int:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else 0


def _yaml_message(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    text = " ".join(str(p) for p in (context, problem) if p)
    return text or str(exc).splitlines()[0]


def _cross_checks(located: list[tuple[Entry, str, int]], *, require_all_states: bool) -> list[Problem]:
    problems: list[Problem] = []
    first_id: dict[str, tuple[str, int]] = {}
    alias_owner: dict[tuple[str, str | None, str | None], str] = {}
    states: dict[str, str] = {}
    family_names: dict[str, str] = {}
    codes: dict[str, str] = {}
    for entry, file, line in located:
        if entry.id in first_id:
            other_file, other_line = first_id[entry.id]
            problems.append(
                Problem(file, line, entry.id, f"duplicate id (first defined at {other_file}:{other_line})")
            )
        else:
            first_id[entry.id] = (file, line)
        for alias in entry.aliases:
            key = (" ".join(alias.casefold().split()), entry.model, entry.state)
            owner = alias_owner.setdefault(key, entry.id)
            if owner != entry.id:
                problems.append(Problem(file, line, entry.id, f"alias {alias!r} is already used by {owner}"))
        if entry.state:
            owner = states.setdefault(entry.state, entry.id)
            if owner != entry.id:
                problems.append(Problem(file, line, entry.id, f"state {entry.state} already has {owner}"))
        if entry.family:
            for name in entry.family.names:
                key = name.casefold()
                owner = family_names.setdefault(key, entry.model or "")
                if owner != entry.model:
                    problems.append(Problem(file, line, entry.id, f"model name {name!r} also names {owner}"))
        for code in entry.chassis_codes:
            owner = codes.setdefault(code, entry.model or "")
            if owner != entry.model:
                problems.append(Problem(file, line, entry.id, f"chassis code {code} also belongs to {owner}"))
    problems += _one_common_word_aliases(located)
    if require_all_states:
        missing = sorted(STATE_CODES - states.keys())
        if missing:
            problems.append(Problem("knowledge/states", 0, "-", f"no state_rule for {', '.join(missing)}"))
    return problems


# An alias whose only content word is in this many entries' wording (titles, aliases, phrasings) matches
# questions about all of them: "good work truck" is the word "work" ("kei" and "truck" say nothing here), so
# "my kei truck is not working" went to the work-truck entry.
COMMON_WORD_ENTRIES = 20


def _one_common_word_aliases(located: list[tuple[Entry, str, int]]) -> list[Problem]:
    wording = {
        entry.id: {
            token
            for text in (entry.title, *entry.aliases, *entry.phrasings)
            for token in content_tokens(normalise(text))
        }
        for entry, _, _ in located
        if entry.kind is not Kind.STATE_RULE  # state entries are chosen by the state, not by wording
    }
    entries_using = Counter(token for words in wording.values() for token in words)
    problems: list[Problem] = []
    for entry, file, line in located:
        if entry.id not in wording:
            continue
        for alias in entry.aliases:
            tokens = set(content_tokens(normalise(alias)))
            if len(tokens) == 1 and entries_using[word := tokens.pop()] >= COMMON_WORD_ENTRIES:
                problems.append(
                    Problem(
                        file, line, entry.id,
                        f"alias {alias!r} is only the word {word!r}, which {entries_using[word]} entries use: "
                        "name the topic with a word of its own",
                    )
                )  # fmt: skip
    return problems


# --- source hosts: mirrors, scraper copies, staging and CDN hosts ------------------------------------

MIRROR_HOSTS_FILE = "mirror-hosts.txt"


@dataclass(frozen=True, slots=True)
class HostRule:
    """One line of ``mirror-hosts.txt``: a host name (and its subdomains) or a ``*`` glob."""

    pattern: str
    reason: str

    def matches(self, host: str) -> bool:
        if "*" in self.pattern or "?" in self.pattern:
            return fnmatch.fnmatchcase(host, self.pattern)
        return host == self.pattern or host.endswith("." + self.pattern)


def load_host_rules(path: str | Path) -> list[HostRule]:
    """Read the host list; a missing file means no rules (a test knowledge base needs none)."""
    path = Path(path)
    if not path.is_file():
        return []
    rules = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        text, _, reason = raw.partition("#")
        pattern = text.strip().casefold()
        if pattern:
            rules.append(HostRule(pattern, reason.strip() or "listed in " + path.name))
    return rules


def host_rule_for(url: str | None, rules: Sequence[HostRule]) -> HostRule | None:
    if not url or not rules:
        return None
    host = (urlsplit(url).hostname or "").casefold().rstrip(".")
    return next((rule for rule in rules if rule.matches(host)), None)


def _source_host_checks(located: list[tuple[Entry, str, int]], rules: Sequence[HostRule]) -> list[Problem]:
    """Sources, law and DMV links cite the canonical page: never a mirror, scraper copy, staging or CDN host."""
    if not rules:
        return []
    problems: list[Problem] = []
    for entry, file, line in located:
        for number, source in enumerate(entry.sources, start=1):
            rule = host_rule_for(source.url, rules)
            if rule is not None:
                problems.append(
                    Problem(
                        file,
                        line,
                        entry.id,
                        (
                            f"source {number} is on {urlsplit(source.url).hostname} ({rule.reason}); "
                            "cite the canonical page instead"
                        ),
                    )
                )
        links = [(f"laws.{i}.url", law.url) for i, law in enumerate(entry.laws)]
        if entry.dmv is not None:
            links.append(("dmv.url", entry.dmv.url))
        for where, url in links:
            rule = host_rule_for(url, rules)
            if rule is not None:
                problems.append(
                    Problem(
                        file,
                        line,
                        entry.id,
                        (
                            f"{where} is on {urlsplit(url).hostname} ({rule.reason}); point it at the canonical page"
                        ),
                    )
                )
    return problems

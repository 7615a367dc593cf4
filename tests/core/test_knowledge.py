"""The loader: every kind of breakage gives a precise file:line: entry-id: message, all at once."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from bot.core.knowledge import (
    COMMON_WORD_ENTRIES,
    MIRROR_HOSTS_FILE,
    HostRule,
    KnowledgeBaseError,
    host_rule_for,
    load_dir,
    load_host_rules,
)

GOOD = """\
- id: {id}
  kind: maintenance
  title: Timing belt
  body: Replace it.
  aliases: [{alias}]
  sources:
    - title: A source
      url: https://example.org/belt
  last_verified: 2026-11-25
  review_by: 2027-11-25
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_for(tmp_path: Path, text: str) -> list[str]:
    write(tmp_path / "kb", "broken.yaml", text)
    write(tmp_path / "kb", "good.yaml", GOOD.format(id="good-entry", alias="good alias"))
    with pytest.raises(KnowledgeBaseError) as caught:
        load_dir(tmp_path / "kb")
    return [str(p) for p in caught.value.problems]


BROKEN = {
    "bad yaml syntax": ("- id: x\n  kind: [unclosed\n", r"broken.yaml:\d+: -: invalid YAML"),
    "not a list": ("id: x\nkind: maintenance\n", "the file must be a YAML list of entries"),
    "empty file": ("", "file is empty"),
    "entry not a mapping": ("- just a string\n", "#1: an entry must be a mapping"),
    "missing sources": (GOOD.format(id="no-src", alias="a").replace(
        "  sources:\n    - title: A source\n      url: https://example.org/belt\n", ""),
        "no-src: sources: required field is missing"),
    "empty sources": (GOOD.format(id="empty-src", alias="a").replace(
        "  sources:\n    - title: A source\n      url: https://example.org/belt\n", "  sources: []\n"),
        "empty-src: sources: List should have at least 1 item"),
    "source not http": (GOOD.format(id="ftp-src", alias="a").replace("https://", "ftp://"),
                        "ftp-src: sources.0.url: source url must be an http"),
    "bad date": (GOOD.format(id="bad-date", alias="a").replace("2026-11-25", "2026-13-45"),
                 "bad-date: last_verified"),
    "review before verified": (GOOD.format(id="early", alias="a").replace("2027-11-25", "2025-01-01"),
                               "early: review_by is before last_verified"),
    "review too far": (GOOD.format(id="far", alias="a").replace("2027-11-25", "2031-01-01"),
                       "far: review_by is more than 731 days"),
    "unknown field": (GOOD.format(id="typo", alias="a") + "  soruces: []\n",
                      "typo: soruces: unknown field"),
    "wrong type": (GOOD.format(id="wrong-type", alias="a").replace("aliases: [a]", "aliases: 12"),
                   "wrong-type: aliases: Input should be a valid list"),
    "bad id": (GOOD.format(id="Bad ID!", alias="a"), "id must be lower-case"),
    "unknown kind": (GOOD.format(id="odd-kind", alias="a").replace("maintenance", "gossip"),
                     "odd-kind: kind: Input should be"),
    "unknown model": (GOOD.format(id="odd-model", alias="a") + "  model: Toyota Hilux\n",
                      "odd-model: model: model must be one of"),
    "state fields on a tip": (GOOD.format(id="stray", alias="a") + "  status: unclear\n",
                              "stray: only a state_rule may have status"),
    "state rule without status": (
        GOOD.format(id="state-xx", alias="a").replace("kind: maintenance", "kind: state_rule")
        .replace("2027-11-25", "2027-05-25") + "  state: TX\n",
        "state-xx: a state_rule needs status, summary, dmv"),
    "anchors and aliases": ("- &a {id: x}\n- *a\n", "anchors and aliases"),
    "alias bomb": (
        'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n',
        "anchors and aliases"),
    "python tag": ("- !!python/object/apply:os.system ['echo hacked']\n", "YAML tag !!python/object/apply:os.system is not allowed"),
    "custom tag": ("- !include other.yaml\n", "YAML tag !include is not allowed"),
}  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), BROKEN.values(), ids=BROKEN.keys())
def test_each_breakage_is_reported_precisely(tmp_path: Path, text: str, expected: str) -> None:
    problems = problems_for(tmp_path, text)
    assert any(__import__("re").search(expected, p) for p in problems), problems
    assert all(p.startswith("kb/broken.yaml:") for p in problems), "the good file must not be blamed"


def test_problem_points_at_the_offending_line(tmp_path: Path) -> None:
    text = GOOD.format(id="first", alias="x") + GOOD.format(id="second", alias="y").replace(
        "url: https://example.org/belt", "url: not-a-url"
    )
    problems = problems_for(tmp_path, text)
    url_line = text.splitlines().index("      url: not-a-url") + 1
    assert problems == [f"kb/broken.yaml:{url_line}: second: sources.0.url: source url must be an http(s) "
                        "URL, got 'not-a-url'"]  # fmt: skip


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    write(tmp_path / "kb", "a.yaml", GOOD.format(id="dup", alias="same alias"))
    write(tmp_path / "kb", "b.yaml", GOOD.format(id="dup", alias="same alias"))
    write(tmp_path / "kb", "c.yaml", GOOD.format(id="other", alias="Same  Alias"))
    write(tmp_path / "kb", "d.yaml", "- id: [\n")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_dir(tmp_path / "kb")
    text = str(caught.value)
    assert "kb/b.yaml:1: dup: duplicate id (first defined at kb/a.yaml:1)" in text
    assert "kb/c.yaml:1: other: alias 'Same  Alias' is already used by dup" in text
    assert "kb/d.yaml:2: -: invalid YAML" in text


def test_huge_file_is_refused_without_parsing(tmp_path: Path) -> None:
    write(tmp_path / "kb", "huge.yaml", "# " + "x" * 1_100_000 + "\n")
    with pytest.raises(KnowledgeBaseError, match=r"huge.yaml:0: -: file is \d+ bytes"):
        load_dir(tmp_path / "kb")


def test_not_utf8_is_reported(tmp_path: Path) -> None:
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "latin.yaml").write_bytes(b"- id: caf\xe9\n")
    with pytest.raises(KnowledgeBaseError, match="not UTF-8"):
        load_dir(tmp_path / "kb")


def test_missing_jurisdictions_are_named(tmp_path: Path) -> None:
    write(tmp_path / "kb", "good.yaml", GOOD.format(id="only", alias="x"))
    with pytest.raises(KnowledgeBaseError, match="no state_rule for AK, AL"):
        load_dir(tmp_path / "kb", require_all_states=True)


def test_valid_folder_loads(tmp_path: Path) -> None:
    write(tmp_path / "kb", "good.yaml", GOOD.format(id="one", alias="x") + GOOD.format(id="two", alias="y"))
    kb = load_dir(tmp_path / "kb")
    assert [e.id for e in kb.entries] == ["one", "two"]
    assert kb.fingerprints["one"] != kb.fingerprints["two"]


# --- source hosts: mirrors, scraper copies, staging and CDN hosts ------------------------------------

HOSTS = "redlib.*   # Reddit front-end\ncustomsmobile.com  # CBP rulings copy\n*.cloudfront.net\n"


def _with_sources(entry_id: str, sources: list[tuple[str, str]]) -> str:
    listed = "".join(f"    - title: {title}\n      url: {url}\n" for title, url in sources)
    return GOOD.format(id=entry_id, alias=entry_id).replace(
        "    - title: A source\n      url: https://example.org/belt\n", listed
    )


def _host_problems(tmp_path: Path, text: str) -> list[str]:
    write(tmp_path / "kb", "hosts.yaml", text)
    rules = load_host_rules(write(tmp_path, "mirror-hosts.txt", HOSTS))
    try:
        load_dir(tmp_path / "kb", mirror_hosts=rules)
    except KnowledgeBaseError as exc:
        return [str(p) for p in exc.problems]
    return []


def test_host_rules_match_hosts_subdomains_and_globs() -> None:
    rules = [HostRule("customsmobile.com", "copy"), HostRule("redlib.*", "mirror")]
    assert host_rule_for("https://www.customsmobile.com/rulings/view/N351601", rules) is rules[0]
    assert host_rule_for("https://redlib.example.xyz/r/keitruck", rules) is rules[1]
    assert host_rule_for("https://notcustomsmobile.com/x", rules) is None
    assert host_rule_for("https://rulings.cbp.gov/ruling/N351601", rules) is None
    assert host_rule_for(None, rules) is None


def test_no_source_may_be_on_a_mirror_host_even_after_the_canonical_page(tmp_path: Path) -> None:
    leading = _with_sources("leading", [("Thread (copy)", "https://redlib.example.xyz/r/keitruck/1")])
    [problem] = _host_problems(tmp_path, leading)
    assert (
        "leading: source 1 is on redlib.example.xyz (Reddit front-end); cite the canonical page instead"
        in problem
    )
    following = _with_sources(
        "following",
        [
            ("CBP ruling N351601", "https://rulings.cbp.gov/ruling/N351601"),
            ("CBP ruling N351601 (CustomsMobile copy)", "https://www.customsmobile.com/rulings/view/N351601"),
        ],
    )
    [problem] = _host_problems(tmp_path, following)
    assert (
        "following: source 2 is on www.customsmobile.com (CBP rulings copy); cite the canonical page"
        in problem
    )
    canonical_only = _with_sources(
        "canonical", [("CBP ruling N351601", "https://rulings.cbp.gov/ruling/N351601")]
    )
    assert _host_problems(tmp_path, canonical_only) == []


def test_law_and_dmv_links_must_be_canonical(tmp_path: Path) -> None:
    text = textwrap.dedent("""\
        - id: state-xx
          kind: state_rule
          state: TX
          title: Texas
          status: unclear
          summary: Unclear.
          body: Body.
          laws:
            - name: A bill
              url: https://d1.cloudfront.net/bill.pdf
          dmv:
            name: DMV
            url: https://redlib.example.xyz/r/dmv
            ask_for: Registration.
          sources:
            - title: Legislature
              url: https://capitol.texas.gov/
          last_verified: 2026-12-06
          review_by: 2027-03-01
        """)
    problems = _host_problems(tmp_path, text)
    assert any("laws.0.url is on d1.cloudfront.net" in p for p in problems), problems
    assert any("dmv.url is on redlib.example.xyz" in p for p in problems), problems


def test_without_a_host_list_the_loader_does_not_check_hosts(tmp_path: Path) -> None:
    write(tmp_path / "kb", "hosts.yaml", _with_sources("plain", [("T", "https://redlib.example.xyz/r/x")]))
    assert len(load_dir(tmp_path / "kb")) == 1


def test_the_real_host_list_parses_and_names_a_reason_for_every_pattern() -> None:
    rules = load_host_rules(Path(__file__).resolve().parents[2] / "knowledge" / MIRROR_HOSTS_FILE)
    assert len(rules) >= 40
    assert all(rule.pattern and rule.reason for rule in rules)
    assert host_rule_for("https://authoring-stage.ct.egov.com/dmv-old/x", rules) is not None
    assert host_rule_for("https://portal.ct.gov/dmv/x", rules) is None


def test_an_alias_that_is_only_a_word_many_entries_use_is_a_problem(tmp_path: Path) -> None:
    # "does it work" is the word "work" alone ("does", "it" carry nothing), and every "... not working"
    # entry uses it: that alias would answer all of them
    for n in range(COMMON_WORD_ENTRIES - 1):  # with the vague entry itself: exactly the limit
        write(tmp_path / "kb", f"w{n}.yaml", GOOD.format(id=f"fault-{n}", alias=f"part {n} not working"))
    write(tmp_path / "kb", "vague.yaml", GOOD.format(id="work-truck", alias="does it work"))
    with pytest.raises(KnowledgeBaseError) as caught:
        load_dir(tmp_path / "kb")
    problems = str(caught.value).splitlines()
    assert [p for p in problems if "work-truck" in p] == [
        f"kb/vague.yaml:1: work-truck: alias 'does it work' is only the word 'work', which "
        f"{COMMON_WORD_ENTRIES} entries use: name the topic with a word of its own"
    ]
    assert not [p for p in problems if "fault-" in p]  # "part 3 not working" has words of its own


def test_an_alias_of_a_word_fewer_entries_use_is_fine(tmp_path: Path) -> None:
    for n in range(COMMON_WORD_ENTRIES - 2):
        write(tmp_path / "kb", f"w{n}.yaml", GOOD.format(id=f"fault-{n}", alias=f"part {n} not working"))
    write(tmp_path / "kb", "vague.yaml", GOOD.format(id="work-truck", alias="does it work"))
    assert len(load_dir(tmp_path / "kb").entries) == COMMON_WORD_ENTRIES - 1


# the fields every model-spec entry needs, for tests of one more field
MODEL_SPEC_FIELDS = {
    "id": "x-specs",
    "kind": "model_spec",
    "title": "X",
    "body": "b",
    "sources": [{"title": "s", "url": "https://example.org"}],
    "last_verified": "2026-12-01",
    "review_by": "2027-01-01",
}


def test_build_months_need_years_and_a_real_month() -> None:
    import pydantic

    from bot.core.schema import Entry

    base = MODEL_SPEC_FIELDS
    assert Entry.model_validate({**base, "years": [2002, 2013], "first_month": 5}).first_month == 5
    for bad in (
        {"first_month": 5},
        {"years": [2002, 2013], "first_month": 13},
        {"years": [2002, 2002], "first_month": 9, "last_month": 3},
    ):
        with pytest.raises(pydantic.ValidationError):
            Entry.model_validate({**base, **bad})


def test_chassis_codes_are_written_like_the_plate_on_the_frame() -> None:
    import pydantic

    from bot.core.schema import Entry

    base = MODEL_SPEC_FIELDS
    assert Entry.model_validate({**base, "chassis_codes": ["DA63T", "HA4", "S110P"]}).chassis_codes
    for bad in ("da63t", "DA63TXX", "63T", "DA-63T"):
        with pytest.raises(pydantic.ValidationError, match="should look like HA4"):
            Entry.model_validate({**base, "chassis_codes": [bad]})

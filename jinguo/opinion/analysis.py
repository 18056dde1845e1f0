"""Chinese text analysis of mentions: segmentation, topic rules, place, sentiment and the near-duplicate fingerprint.

Segmentation is jieba's algorithm and dictionary through `rjieba` (jieba-rs, the Rust port: the same prefix
dictionary, DAG and HMM, some fifty times faster than the Python package, which the ingest's 1,000 mentions a second
needs), with a user dictionary of the federation's terms (data/terms.txt) and of every place name of the org tree.

`Analyzer` is built once per process from the org tree, the rules and the active sentiment model, and rebuilt when
one of them changes (`analyzer()` compares a cheap version key, one query).
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

import rjieba
from simhash import Simhash

from jinguo.opinion.places import DATA, Gazetteer
from jinguo.opinion.sentiment import NaiveBayes, features

PUNCT = re.compile(r"^[\W_]+$")
HOT_WORD_MIN = 2  # characters: single characters are not hot words


def normalise(text: str) -> str:
    """NFKC (full-width letters and digits as ASCII), lower case, runs of spaces as one."""
    return " ".join(unicodedata.normalize("NFKC", text or "").lower().split())


def federation_terms() -> list[tuple[str, int]]:
    out = []
    for line in (DATA / "terms.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts and not line.startswith("#"):
            out.append((parts[0], int(parts[1]) if len(parts) > 1 else 30000))
    return out


def split_terms(value: str) -> list[str]:
    """A rule's list of terms: separated by 、 , ， ; ； or new lines, normalised like the text."""
    return [normalise(t) for t in re.split(r"[、,，;；\n]+", value or "") if t.strip()]


@dataclass(frozen=True)
class RuleSpec:
    """A rule as the analyzer applies it (from models.Rule)."""

    pk: int
    name: str
    path: str  # the rule applies to mentions of this unit's subtree
    all_terms: tuple[str, ...] = ()
    any_terms: tuple[str, ...] = ()
    not_terms: tuple[str, ...] = ()
    near: tuple[tuple[str, str], ...] = ()
    within: int = 20

    @classmethod
    def of(cls, rule) -> "RuleSpec":
        pairs = []
        for p in split_terms(rule.near_terms):
            a, _sep, b = p.partition("+")
            if a.strip() and b.strip():
                pairs.append((a.strip(), b.strip()))
        return cls(
            pk=rule.pk,
            name=rule.name,
            path=rule.org_path,
            all_terms=tuple(split_terms(rule.all_terms)),
            any_terms=tuple(split_terms(rule.any_terms)),
            not_terms=tuple(split_terms(rule.not_terms)),
            near=tuple(pairs),
            within=rule.within,
        )

    def matches(self, text: str) -> bool:
        """`text` normalised: every `all` term, at least one `any` term (when any are given), no `not` term, and
        each `near` pair within `within` characters of each other."""
        if not (self.all_terms or self.any_terms or self.near):
            return False
        if any(t not in text for t in self.all_terms):
            return False
        if self.any_terms and not any(t in text for t in self.any_terms):
            return False
        if any(t in text for t in self.not_terms):
            return False
        return all(near(text, a, b, self.within) for a, b in self.near)


def _positions(text: str, term: str) -> list[int]:
    out, i = [], text.find(term)
    while i >= 0:
        out.append(i)
        i = text.find(term, i + 1)
    return out


def near(text: str, a: str, b: str, within: int) -> bool:
    """Some `a` and some `b` stand at most `within` characters apart (between the end of one and the start of the
    other)."""
    pa, pb = _positions(text, a), _positions(text, b)
    for i in pa:
        for j in pb:
            gap = j - (i + len(a)) if j >= i else i - (j + len(b))
            if gap <= within:
                return True
    return False


def _hash64(feature: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(feature, digest_size=8).digest(), "big")


# What reposts add around a text: 【tags】, (来源：…), #topics#, a 转发： or //@user: in front.
REPOST_NOISE = re.compile(
    r"【[^】]{0,20}】|[（(]来源[^）)]{0,20}[）)]|#[^#]{0,20}#|^(转发|转载|转|rt)[:：]\s*|//@[^:：]{0,30}[:：]", re.I
)
NOT_TEXT = re.compile(r"[\W_]+")


def fingerprint(text: str) -> int:
    """The SimHash (64 bits, as a signed integer a BigIntegerField holds) of a text's character pairs, after the
    repost markers and punctuation are taken out. Character pairs keep the order of the text; a repost with a few
    characters changed differs in the few pairs around them."""
    core = NOT_TEXT.sub("", REPOST_NOISE.sub("", text or ""))
    feats = [core[i : i + 2] for i in range(len(core) - 1)] or ([core] if core else [])
    if not feats:
        return 0
    value = Simhash(feats, f=64, hashfunc=_hash64).value
    return value - (1 << 64) if value >= 1 << 63 else value


def bands(fp: int) -> tuple[int, int, int, int]:
    """The four 16-bit quarters of a fingerprint."""
    u = fp & ((1 << 64) - 1)
    return tuple((u >> (16 * i)) & 0xFFFF for i in range(4))


def near_bands(fp: int) -> list[frozenset[int]]:
    """For each 16-bit quarter, its value and the 16 values one bit away. Two fingerprints at most 7 bits apart
    differ in at most one bit in some quarter (7 bits over 4 quarters), so a story within STORY_BITS = 7 always
    shares one of these with the mention: the look-up finds every story in reach, not only the ones with an equal
    quarter (which missed about one edited repost in 25)."""
    return [frozenset([b, *(b ^ (1 << k) for k in range(16))]) for b in bands(fp)]


def distance(a: int, b: int) -> int:
    return ((a ^ b) & ((1 << 64) - 1)).bit_count()


@dataclass
class Analysis:
    tokens: list[str]
    place: str | None  # path of the county (or league) named
    topics: list[str]  # names of the rules that matched
    rule_ids: list[int]
    sentiment: str
    score: float  # negativity 0..1
    fingerprint: int


@dataclass
class Analyzer:
    gazetteer: Gazetteer
    rules: list[RuleSpec] = field(default_factory=list)
    model: NaiveBayes | None = None
    segmenter: rjieba.Jieba = field(default_factory=rjieba.Jieba)

    def __post_init__(self):
        for word, freq in federation_terms():
            self.segmenter.add_word(word, freq, "n")
        for name in self.gazetteer.names:
            self.segmenter.add_word(name, 50000, "ns")

    def cut(self, text: str) -> list[str]:
        return self.segmenter.cut(text, False)

    def analyse(self, title: str, text: str, path: str = "") -> Analysis:
        """`path`: the unit of the mention's source; only rules of units above or at it, or below it, apply."""
        body = normalise(f"{title}\n{text}")
        tokens = self.cut(body)
        hits = [r for r in self.rules if (path.startswith(r.path) or r.path.startswith(path)) and r.matches(body)]
        model = self.model or shipped_model()
        label, score = model.predict(features(tokens))
        return Analysis(
            tokens=tokens,
            place=self.gazetteer.recognise(tokens),
            topics=[r.name for r in hits],
            rule_ids=[r.pk for r in hits],
            sentiment=label,
            score=score,
            fingerprint=fingerprint(text or title),  # reposts keep the text and often change the title
        )

    def hot_words(self, texts, top: int = 60) -> list[tuple[str, int]]:
        """The most frequent words of `texts` (two characters or more, no stop words), for the word cloud."""
        counts: dict[str, int] = {}
        stop = stop_words()
        for t in texts:
            for w in set(self.cut(normalise(t))):
                if len(w) >= HOT_WORD_MIN and w not in stop and not PUNCT.match(w) and not w.isdigit():
                    counts[w] = counts.get(w, 0) + 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]


@cache
def stop_words() -> frozenset[str]:
    return frozenset((DATA / "stopwords.txt").read_text(encoding="utf-8").split())


@cache
def shipped_model() -> NaiveBayes:
    return NaiveBayes.load(DATA / "sentiment.json")


_CACHE: dict = {}


def version_key() -> tuple:
    """Changes when a unit, a rule or the active model changes (three small queries)."""
    from django.db.models import Count, Max

    from jinguo.opinion.models import Rule, SentimentModel
    from jinguo.orgs.models import OrgUnit

    units = OrgUnit.objects.aggregate(n=Count("pk"), m=Max("pk"))
    rules = Rule.objects.aggregate(n=Count("pk"), m=Max("updated_at"))
    model = SentimentModel.objects.filter(active=True).values_list("pk", flat=True).first()
    return (units["n"], units["m"], rules["n"], rules["m"], model)


def analyzer() -> Analyzer:
    """The process's analyzer, rebuilt when the org tree, the rules or the active model changed."""
    from jinguo.opinion.models import Rule, SentimentModel
    from jinguo.orgs.models import OrgUnit

    key = version_key()
    if _CACHE.get("key") != key:
        units = OrgUnit.objects.values_list("code", "name", "level", "path")
        rules = [RuleSpec.of(r) for r in Rule.objects.filter(active=True).order_by("pk")]
        active = SentimentModel.objects.filter(active=True).first()
        model = NaiveBayes.from_params(active.params) if active else None
        _CACHE["analyzer"] = Analyzer(Gazetteer.build(units), rules, model)
        _CACHE["key"] = key
    return _CACHE["analyzer"]

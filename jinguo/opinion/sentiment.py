"""Sentiment of a mention: negative, neutral or positive, with a negativity score (0..1).

A multinomial naive Bayes classifier over the mention's words (a word after a negation such as 不 or 没有 counts as
its own feature, 不满意 ≠ 满意). Small, fast (a dictionary look-up per word) and trainable in seconds: the shipped
model (data/sentiment.json) is trained on the project's own corpus (jinguo/opinion/corpus.py, written for this
project and redistributable under its licence); a federation retrains it with its own labelled mentions on the
model page or with `jinguo opinion train`.
"""

import json
import math
import re
from collections import Counter
from pathlib import Path

CLASSES = ("neg", "neu", "pos")
NEGATORS = frozenset({"不", "没", "没有", "未", "无", "别", "不是", "并非", "毫无", "缺乏"})
_WORD = re.compile(r"\w", re.UNICODE)


def features(tokens) -> list[str]:
    """Words (no punctuation or spaces), with `!w` for a word right after a negation."""
    out, negate = [], False
    for t in tokens:
        if not _WORD.search(t):
            negate = False
            continue
        if t in NEGATORS:
            negate = True
            continue
        out.append("!" + t if negate else t)
        negate = False
    return out


class NaiveBayes:
    def __init__(self, prior: dict[str, float], logp: dict[str, list[float]], unknown: list[float]):
        self.prior = prior
        self.logp = logp
        self.unknown = unknown

    @classmethod
    def train(cls, examples, alpha: float = 0.5, min_count: int = 1) -> "NaiveBayes":
        """`examples`: (features, label) pairs."""
        counts = {c: Counter() for c in CLASSES}
        docs = Counter()
        for feats, label in examples:
            counts[label].update(set(feats))  # presence, not frequency: a word repeated adds nothing
            docs[label] += 1
        total_docs = sum(docs.values()) or 1
        vocab = {w for c in CLASSES for w, n in counts[c].items()}
        vocab = {w for w in vocab if sum(counts[c][w] for c in CLASSES) >= min_count}
        v = len(vocab) or 1
        totals = {c: sum(counts[c][w] for w in vocab) for c in CLASSES}
        logp = {
            w: [round(math.log((counts[c][w] + alpha) / (totals[c] + alpha * v)), 4) for c in CLASSES] for w in vocab
        }
        unknown = [math.log(alpha / (totals[c] + alpha * v)) for c in CLASSES]
        prior = {c: math.log((docs[c] + 1) / (total_docs + len(CLASSES))) for c in CLASSES}
        return cls(prior, logp, unknown)

    def predict(self, feats) -> tuple[str, float]:
        """(label, negativity): the most likely class and the probability of "negative"."""
        scores = [self.prior[c] for c in CLASSES]
        for f in set(feats):
            lp = self.logp.get(f)
            if lp is not None:
                scores = [s + x for s, x in zip(scores, lp, strict=True)]
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        best = max(range(len(CLASSES)), key=lambda i: scores[i])
        return CLASSES[best], round(exp[0] / total, 4)

    def params(self) -> dict:
        return {"classes": list(CLASSES), "prior": self.prior, "logp": self.logp, "unknown": self.unknown}

    @classmethod
    def from_params(cls, params: dict) -> "NaiveBayes":
        return cls(params["prior"], params["logp"], params["unknown"])

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.params(), ensure_ascii=False, separators=(",", ":"), sort_keys=True))

    @classmethod
    def load(cls, path: Path) -> "NaiveBayes":
        return cls.from_params(json.loads(Path(path).read_text(encoding="utf-8")))


def accuracy(model: NaiveBayes, examples) -> float:
    examples = list(examples)
    if not examples:
        return 0.0
    return sum(model.predict(f)[0] == label for f, label in examples) / len(examples)

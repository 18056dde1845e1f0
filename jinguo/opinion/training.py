"""Training the sentiment model: the project's corpus and lexicon, plus the federation's own labelled mentions."""

from jinguo.opinion import corpus
from jinguo.opinion.places import DATA
from jinguo.opinion.sentiment import NaiveBayes, accuracy, features

CORPUS_SIZE = 6000
LEXICON_WEIGHT = 3  # each lexicon word counts as this many one-word examples


def lexicon() -> list[tuple[list[str], str]]:
    out = []
    for line in (DATA / "sentiment_lexicon.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        label, _tab, words = line.partition("\t")
        for w in words.split():
            out += [([w], label)] * LEXICON_WEIGHT
    return out


def base_examples(cut) -> list[tuple[list[str], str]]:
    """The redistributable training data: the generated corpus and the lexicon."""
    return [(features(cut(t)), label) for t, label in corpus.generate(CORPUS_SIZE)] + lexicon()


def train(cut, own: list[tuple[str, str]] = ()) -> tuple[NaiveBayes, float]:
    """A model from the base data and `own` (text, label) pairs, with its accuracy on the held-out test set."""
    examples = base_examples(cut) + [(features(cut(t)), label) for t, label in own]
    model = NaiveBayes.train(examples)
    held_out = [(features(cut(t)), label) for t, label in corpus.test_set()]
    return model, accuracy(model, held_out)

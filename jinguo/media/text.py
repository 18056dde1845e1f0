"""Rich text of posts and the sensitive-word check.

`sanitize` keeps the formatting an editor produces and nothing that runs: nh3 (the Ammonia sanitiser) with an
allow-list of tags and attributes; script, style, event handlers, `javascript:` links and unknown tags are gone,
their text kept where it is text (a <script>'s content is dropped with it).

`found_words` looks for each word of the list in the post's text as a reader sees it: tags removed, NFKC
(full-width letters as ASCII), spaces and invisible characters removed, case folded, so 敏 感 or a word split
by a tag is still found.
"""

import html
import re
import unicodedata

import nh3

TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "blockquote", "ul", "ol", "li", "h2", "h3", "h4", "a", "img",
    "figure", "figcaption", "span", "sub", "sup", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}


def sanitize(text: str) -> str:
    """The post's HTML with only the allowed tags and attributes; links get rel="noopener noreferrer"."""
    return nh3.clean(
        text or "",
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


_TAG = re.compile(r"<[^>]*>")


def plain(text: str) -> str:
    """What a reader sees of the HTML: no tags, entities decoded."""
    return html.unescape(_TAG.sub(" ", text or ""))


def fold(text: str) -> str:
    """NFKC, case-folded, without spaces or invisible format characters."""
    t = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(ch for ch in t if not ch.isspace() and unicodedata.category(ch) != "Cf")


def found_words(text: str, words) -> list[str]:
    """The words of the list that occur in the text, in the list's order, each once."""
    folded = fold(plain(text))
    out = []
    for w in words:
        f = fold(w)
        if f and f in folded and w not in out:
            out.append(w)
    return out

"""A record's Markdown as safe HTML for the site.

CommonMark with tables, strikethrough, task lists and footnotes (markdown-it-py and its
plugins); headings get GitHub's anchors; fenced code highlighted by Pygments; ``mermaid``
fences kept as diagram sources. Everything is then sanitised by an allow-list (nh3): no
scripts, event handlers, ``javascript:``/``data:`` URLs, iframes, forms or styles survive.
Links within the page go to its headings (as GitHub spells their anchors, whatever the case
written), or stop being links; issue references become links by configured patterns. What
this makes depends on the record's text alone, so it is cached; links to other files are
resolved at each build (:mod:`~archlog.features.site.links`).
"""

from __future__ import annotations

import functools
import html
import re
import urllib.parse
from collections.abc import Callable
from typing import Any, NamedTuple

from archlog.features.site.html_policy import ATTRIBUTES, RESERVED_IDS, SCHEMES, TAGS

Issues = list[tuple[re.Pattern[str], str]]  # pattern → URL template


def markdown_to_html(text: str, issues: Issues) -> str:
    """``text`` (a record's body) as sanitised HTML."""
    md = _parser()
    raw = md.render(text)
    clean = sanitise(raw)
    clean = _resolve_fragments(clean)
    return _link_issues(clean, issues)


def visible_text(body_html: str, limit: int) -> str:
    """The words a reader sees in ``body_html`` (headings and code blocks left out), on one
    line, cut at a word before ``limit`` characters: what search snippets are taken from."""
    text = _elements(body_html, _CODE_OR_HEADING, keep=False)
    text = _BLOCK_TAG.sub(" ", text)
    text = html.unescape(_ANY_TAG.sub("", text))
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0]
    return text


#: Tags. No class repeats ``<``, which opens the next try: a run of ``<`` is one pass.
_ANY_TAG = re.compile(r"<[^<>]*>")
_BLOCK_TAG = re.compile(
    r"</?(?:p|li|td|th|h[1-6]|div|tr|br|blockquote|dd|dt|table|section|"
    r"ul|ol|hr|figcaption|summary|details)\b[^<>]*>"
)
#: The opening tag of an element :func:`visible_text` leaves out (code blocks, headings).
_CODE_OR_HEADING = re.compile(r"<(pre|h[1-6])\b[^<>]*>")
#: The opening tag of an element no issue link is made inside.
_NO_LINKS_INSIDE = re.compile(r"<(a|code|pre)\b[^<>]*>")


def _elements(text: str, opening: re.Pattern[str], *, keep: bool) -> str:
    """``text`` without (``keep=False``: replaced by a space) each element whose opening tag
    ``opening`` matches, up to its first closing tag; an element never closed is its tag
    alone. Closing tags are found with ``str.find``, and one not found is not looked for
    again: a lazy ``<pre>.*?</pre>`` would scan to the end from each opener never closed."""
    out: list[str] = []
    pos = 0
    missing: set[str] = set()
    for m in opening.finditer(text):
        if m.start() < pos:
            continue
        name = m.group(1)
        close = -1 if name in missing else text.find(f"</{name}>", m.end())
        if close == -1:
            missing.add(name)
            continue
        out.append(text[pos : m.start()])
        out.append(text[m.start() : close + len(name) + 3] if keep else " ")
        pos = close + len(name) + 3
    out.append(text[pos:])
    return "".join(out)


_PARSER: Any = None


def _parser() -> Any:
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.footnote import footnote_plugin
        from mdit_py_plugins.tasklists import tasklists_plugin

        md = MarkdownIt("commonmark", {"html": True, "highlight": _highlight, "linkify": False})
        from mdit_py_plugins.anchors import anchors_plugin

        md.enable(["table", "strikethrough"])
        md.use(footnote_plugin).use(tasklists_plugin).use(anchors_plugin, max_level=6)
        _PARSER = md
    return _PARSER


def _highlight(code: str, lang: str, _attrs: str) -> str:
    if lang.strip().lower() == "mermaid":
        return f'<pre class="mermaid">{html.escape(code)}</pre>'
    made = _highlighter(lang.strip() or "text")
    if made is None:
        return ""
    from pygments import highlight

    out: str = highlight(code, *made)
    return f'<pre class="highlight"><code class="language-{html.escape(lang)}">{out}</code></pre>'


@functools.lru_cache(maxsize=64)
def _highlighter(lang: str) -> tuple[Any, Any] | None:
    """The lexer of ``lang`` and the formatter, made once a language (a formatter makes its
    style sheet when made: that was a third of highlighting a block); None for a language
    Pygments does not know."""
    try:
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import get_lexer_by_name
        from pygments.util import ClassNotFound

        return get_lexer_by_name(lang), HtmlFormatter(nowrap=True)
    except (ClassNotFound, ImportError):
        return None


def sanitise(raw: str) -> str:
    """``raw`` HTML with only the allow-listed tags, attributes and URL schemes left."""
    return str(_cleaner()(raw))


_CLEANER: Callable[[str], str] | None = None


def _cleaner() -> Callable[[str], str]:
    """The sanitiser, made once where nh3 can (``nh3.Cleaner``, from nh3 0.3): ``nh3.clean``
    converts the allow-lists at each call, a third of the time it takes on a record."""
    global _CLEANER
    if _CLEANER is None:
        import functools

        import nh3

        options: dict[str, Any] = {
            "tags": TAGS,
            "attributes": ATTRIBUTES,
            "url_schemes": SCHEMES,
            "link_rel": "noopener noreferrer",
            "strip_comments": True,
            "attribute_filter": _attribute_filter,
        }
        made = getattr(nh3, "Cleaner", None)
        _CLEANER = (
            made(**options).clean if made is not None else functools.partial(nh3.clean, **options)
        )
    return _CLEANER


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "input" and attribute == "type" and value != "checkbox":
        return None
    if attribute == "class":  # highlighting, task lists, footnotes, mermaid: plain words only
        return " ".join(w for w in value.split() if _CLASS_WORD.fullmatch(w)) or None
    if attribute == "id" and value in RESERVED_IDS:
        return value + "-1"
    return value


class Dead(NamedTuple):
    """What a link resolves to when it goes nowhere in the site: why."""

    reason: str


Resolver = Callable[[str, str], "str | Dead"]  # (tag, URL) → the URL to use, or Dead


def rewrite_urls(text: str, resolve: Resolver) -> str:
    """Each ``<a href>`` and ``<img src>`` of sanitised HTML ``text`` pointed where
    ``resolve`` says. A dead link keeps its text (and id) but is no longer a link; a dead
    image leaves its alternative text."""

    def one(m: re.Match[str]) -> str:
        tag, whole = m.group("tag"), m.group(0)
        key = "href" if tag == "a" else "src"
        pairs = _ATTR.findall(m.group("attrs"))
        written = next((v for n, v in pairs if n == key), None)
        if written is None:
            return whole
        url = html.unescape(written)
        new = resolve(tag, url)
        if isinstance(new, str):
            if new == url:
                return whole
            return whole.replace(f'{key}="{written}"', f'{key}="{html.escape(new)}"', 1)
        title = html.escape(f"{new.reason}: {url}")
        if tag == "img":
            alt = next((v for n, v in pairs if n == "alt"), "") or "image"
            return f'<span class="dead-image" title="{title}">[{alt}]</span>'
        kept = "".join(f' {n}="{v}"' for n, v in pairs if n == "id")
        return f'<a{kept} class="dead-link" title="{title}">'

    return _LINK_TAG.sub(one, text)


_LINK_TAG = re.compile(r'<(?P<tag>a|img)(?P<attrs>(?:\s+[\w:-]+(?:="[^"]*")?)*)\s*/?>')
_ATTR = re.compile(r'([\w:-]+)="([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')
#: One word of a class attribute that is kept.
_CLASS_WORD = re.compile(r"[\w-]{1,40}")


def element_ids(text: str) -> list[str]:
    """The ids of the elements of sanitised HTML ``text``."""
    return [html.unescape(i) for i in _ID.findall(text)]


def _resolve_fragments(text: str) -> str:
    """Links to ``#a-heading`` of this page: to the anchor as GitHub spells it, whatever
    the case written; a link to no anchor of the page stops being a link."""
    ids = set(element_ids(text))

    def resolve(tag: str, url: str) -> str | Dead:
        if tag != "a" or not url.startswith("#"):
            return url
        found = anchor_in(urllib.parse.unquote(url[1:]), ids)
        return Dead("no such section in this record") if found is None else "#" + found

    return rewrite_urls(text, resolve)


def anchor_in(wanted: str, ids: set[str]) -> str | None:
    """The id of ``ids`` that a link to ``#wanted`` means (as written, else as GitHub would
    spell it from a heading), or None."""
    if wanted in ids and wanted not in RESERVED_IDS:
        return wanted
    from mdit_py_plugins.anchors.index import slugify

    for guess in (wanted, wanted.lower(), slugify(wanted)):
        if guess in RESERVED_IDS:
            guess += "-1"  # as the sanitiser renamed it
        if guess in ids:
            return guess
    return None


def _link_issues(text: str, issues: Issues) -> str:
    """Issue references in ``text`` made links, outside tags and outside the elements that
    must not hold a link (links, code)."""
    if not issues:
        return text
    out: list[str] = []
    pos = 0
    missing: set[str] = set()
    for m in _ANY_TAG.finditer(text):
        if m.start() < pos:
            continue
        end = m.end()
        inside = _NO_LINKS_INSIDE.match(m.group(0))
        if inside is not None and inside.group(1) not in missing:
            close = text.find(f"</{inside.group(1)}>", end)
            if close == -1:
                missing.add(inside.group(1))
            else:
                end = close + len(inside.group(1)) + 3
        out.append(_issue_links(text[pos : m.start()], issues))
        out.append(text[m.start() : end])
        pos = end
    out.append(_issue_links(text[pos:], issues))
    return "".join(out)


def _issue_links(segment: str, issues: Issues) -> str:
    for pattern, url in issues:

        def link(m: re.Match[str], url: str = url) -> str:
            from archlog.features.site.settings import safe_url

            target = url.format(m.group(0), *m.groups(), id=m.group(m.lastindex or 0).lstrip("#"))
            if not safe_url(html.unescape(target)):  # what the record wrote made it another link
                return m.group(0)
            return f'<a href="{html.escape(target)}" rel="noopener noreferrer">{m.group(0)}</a>'

        segment = pattern.sub(link, segment)
    return segment


def issue_rules(config: list[dict[str, str]] | None) -> Issues:
    """``[{pattern, url}]`` from configuration, e.g. ``{pattern = "#(\\\\d+)", url =
    "https://github.com/o/r/issues/{1}"}``."""
    out = []
    for item in config or []:
        out.append((re.compile(r"(?<![\w/&])" + item["pattern"] + r"\b"), item["url"]))
    return out

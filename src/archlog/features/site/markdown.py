"""A record's Markdown as safe HTML for the site.

CommonMark with tables, strikethrough, task lists and footnotes (markdown-it-py and its
plugins); fenced code highlighted by Pygments; ``mermaid`` fences kept as diagram sources.
Everything is then sanitised by an allow-list (nh3): no scripts, event handlers,
``javascript:``/``data:`` URLs, iframes, forms or styles survive. Links to other records'
files become links to their pages; issue references become links by configured patterns.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "input", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "samp", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
}  # fmt: skip
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "input": {"type", "checked", "disabled"},
    "ol": {"start", "type"},
    "li": {"value"},
    "code": {"class"},
}
_SCHEMES = {"http", "https", "mailto"}


@dataclass
class LinkRules:
    """How the site rewrites references: record files to pages, issue ids to trackers."""

    pages: dict[str, str] = field(default_factory=dict)  # record file name → page URL
    issues: list[tuple[re.Pattern[str], str]] = field(default_factory=list)  # pattern → URL


def markdown_to_html(text: str, rules: LinkRules, page_prefix: str = "") -> str:
    """``text`` (a record's body) as sanitised HTML."""
    md = _parser()
    raw = md.render(text)
    clean = sanitise(raw)
    clean = _rewrite_record_links(clean, rules, page_prefix)
    return _link_issues(clean, rules)


_PARSER: Any = None


def _parser() -> Any:
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.footnote import footnote_plugin
        from mdit_py_plugins.tasklists import tasklists_plugin

        md = MarkdownIt("commonmark", {"html": True, "highlight": _highlight, "linkify": False})
        md.enable(["table", "strikethrough"])
        md.use(footnote_plugin).use(tasklists_plugin)
        _PARSER = md
    return _PARSER


def _highlight(code: str, lang: str, _attrs: str) -> str:
    if lang.strip().lower() == "mermaid":
        return f'<pre class="mermaid">{html.escape(code)}</pre>'
    try:
        from pygments import highlight
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import get_lexer_by_name
        from pygments.util import ClassNotFound

        lexer = get_lexer_by_name(lang.strip() or "text")
    except (ClassNotFound, ImportError):
        return ""
    out: str = highlight(code, lexer, HtmlFormatter(nowrap=True))
    return f'<pre class="highlight"><code class="language-{html.escape(lang)}">{out}</code></pre>'


def sanitise(raw: str) -> str:
    """``raw`` HTML with only the allow-listed tags, attributes and URL schemes left."""
    import nh3

    return nh3.clean(
        raw, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES,
        link_rel="noopener noreferrer", strip_comments=True,
        attribute_filter=_attribute_filter,
    )  # fmt: skip


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "input" and attribute == "type" and value != "checkbox":
        return None
    if attribute == "class":  # highlighting, task lists, footnotes, mermaid: plain words only
        return " ".join(w for w in value.split() if re.fullmatch(r"[\w-]{1,40}", w)) or None
    return value


_HREF = re.compile(r'href="(?P<href>[^"#?]*?)(?P<rest>[#?][^"]*)?"')


def _rewrite_record_links(text: str, rules: LinkRules, prefix: str) -> str:
    def swap(m: re.Match[str]) -> str:
        href = m.group("href")
        name = html.unescape(href).rsplit("/", 1)[-1]
        page = rules.pages.get(name)
        if page is None or "://" in href:
            return m.group(0)
        return f'href="{prefix}{page}{m.group("rest") or ""}"'

    return _HREF.sub(swap, text)


_SKIP_INSIDE = re.compile(r"<(a|code|pre)\b[^>]*>.*?</\1>|<[^>]+>", re.DOTALL)


def _link_issues(text: str, rules: LinkRules) -> str:
    if not rules.issues:
        return text
    out: list[str] = []
    pos = 0
    for m in _SKIP_INSIDE.finditer(text):
        out.append(_issue_links(text[pos : m.start()], rules.issues))
        out.append(m.group(0))
        pos = m.end()
    out.append(_issue_links(text[pos:], rules.issues))
    return "".join(out)


def _issue_links(segment: str, issues: list[tuple[re.Pattern[str], str]]) -> str:
    for pattern, url in issues:

        def link(m: re.Match[str], url: str = url) -> str:
            from archlog.features.site.settings import safe_url

            target = url.format(m.group(0), *m.groups(), id=m.group(m.lastindex or 0).lstrip("#"))
            if not safe_url(html.unescape(target)):  # what the record wrote made it another link
                return m.group(0)
            return f'<a href="{html.escape(target)}" rel="noopener noreferrer">{m.group(0)}</a>'

        segment = pattern.sub(link, segment)
    return segment


def issue_rules(config: list[dict[str, str]] | None) -> list[tuple[re.Pattern[str], str]]:
    """``[{pattern, url}]`` from configuration, e.g. ``{pattern = "#(\\\\d+)", url =
    "https://github.com/o/r/issues/{1}"}``."""
    out = []
    for item in config or []:
        out.append((re.compile(r"(?<![\w/&])" + item["pattern"] + r"\b"), item["url"]))
    return out


def plain_text(text: str) -> str:
    """The words of a record, for search: Markdown syntax and HTML dropped."""
    text = re.sub(r"```.*?```", " ", text, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>|!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[#*_`>|~\-]+", " ", text)


Renderer = Callable[[str], str]

"""Read a saved web page for structured data: JSON-LD script blocks, microdata items, and
the page's own address (canonical link or og:url).

One pass of the standard library's HTMLParser; no third-party HTML parser. Microdata items
come out shaped like JSON-LD nodes ({"@type": "JobPosting", "title": "…", "jobLocation":
{"@type": "Place", …}}), so one mapper reads both. Property values follow the HTML
microdata rules: `content` of <meta>, `href` of <a>/<link>, `src` of <img>, `datetime` of
<time>, `value` of <data>, else the element's text. Not supported: `itemref` (properties
pulled in from elsewhere in the page), which job pages do not use in practice.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from .common import normalize_text

_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
_URL_ATTRIBUTE = {
    "a": "href",
    "area": "href",
    "link": "href",
    "audio": "src",
    "embed": "src",
    "iframe": "src",
    "img": "src",
    "source": "src",
    "track": "src",
    "video": "src",
    "object": "data",
    "meta": "content",
    "data": "value",
    "meter": "value",
}
_BLOCK = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "address",
}
_RAW_TEXT = {"script", "style", "template", "noscript"}


@dataclass(frozen=True, slots=True)
class ScriptBlock:
    line: int  # the page line (1-based) of the <script> tag
    column: int  # the 0-based column where its text starts, just after the tag
    text: str


@dataclass(frozen=True, slots=True)
class PageData:
    json_ld: tuple[ScriptBlock, ...]
    items: tuple[dict[str, Any], ...]  # top-level microdata items
    canonical_url: str


@dataclass(slots=True)
class _Property:
    names: list[str]
    owner: dict[str, Any]
    value: Any = None  # an item, or a value from an attribute
    text: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Open:
    tag: str
    item: dict[str, Any] | None  # the item this element's itemscope started
    prop: _Property | None  # the property whose value this element is


def _item_type(itemtype: str) -> str | list[str]:
    types = [url.rstrip("/").rsplit("/", 1)[-1] for url in itemtype.split()]
    return types[0] if len(types) == 1 else types


def _property_name(name: str) -> str:
    # itemprop may be a full URL ("https://schema.org/title").
    return name.rstrip("/").rsplit("/", 1)[-1]


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[ScriptBlock] = []
        self.items: list[dict[str, Any]] = []
        self.canonical = ""
        self.og_url = ""
        self._open: list[_Open] = []
        self._items: list[dict[str, Any]] = []  # the items being read, innermost last
        self._capturing: list[_Property] = []  # properties whose text is being read
        self._raw: str = ""  # inside <script>/<style>: its tag
        self._script: tuple[int, int, list[str]] | None = None

    # Tags ---------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag in _RAW_TEXT:
            self._raw = tag
            if tag == "script" and attributes.get("type", "").split(";")[0].strip().lower() in (
                "application/ld+json",
                "application/json+ld",
            ):
                line, column = self.getpos()
                tag_text = self.get_starttag_text() or ""
                if "\n" in tag_text:  # a tag over several lines: count from its last line
                    line += tag_text.count("\n")
                    column = len(tag_text.rsplit("\n", 1)[1])
                else:
                    column += len(tag_text)
                self._script = (line, column, [])
            return
        if tag == "link" and "canonical" in attributes.get("rel", "").lower().split():
            self.canonical = self.canonical or attributes.get("href", "").strip()
        if tag == "meta" and attributes.get("property", "").lower() == "og:url":
            self.og_url = self.og_url or attributes.get("content", "").strip()
        self._text_break(tag)
        prop, item = self._start_element(tag, attributes)
        if tag in _VOID:
            self._end_element(_Open(tag, item, prop))
        else:
            self._open.append(_Open(tag, item, prop))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self._text_break(tag)
        prop, item = self._start_element(tag, attributes)
        self._end_element(_Open(tag, item, prop))

    def handle_endtag(self, tag: str) -> None:
        if self._raw:
            if tag != self._raw:
                return
            self._raw = ""
            if self._script is not None:
                line, column, parts = self._script
                self.scripts.append(ScriptBlock(line=line, column=column, text="".join(parts)))
                self._script = None
            return
        self._text_break(tag, end=True)
        # Close the innermost open element of that name and, with it, any left unclosed
        # inside it (as browsers do for "<p><span>text</p>"); a stray end tag is ignored.
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth].tag == tag:
                while len(self._open) > depth:
                    self._end_element(self._open.pop())
                return

    def handle_data(self, data: str) -> None:
        if self._raw:
            if self._script is not None:
                self._script[2].append(data)
            return
        if self._capturing:
            # Line breaks in the page's source are spaces; only elements break lines.
            data = data.replace("\r", " ").replace("\n", " ")
            for prop in self._capturing:
                prop.text.append(data)

    def close(self) -> None:
        super().close()
        while self._open:
            self._end_element(self._open.pop())

    # Microdata ----------------------------------------------------------------------------
    def _start_element(
        self, tag: str, attributes: dict[str, str]
    ) -> tuple[_Property | None, dict[str, Any] | None]:
        owner = self._items[-1] if self._items else None
        names = [_property_name(name) for name in attributes.get("itemprop", "").split()]
        item: dict[str, Any] | None = None
        if "itemscope" in attributes:
            item = {}
            if attributes.get("itemtype"):
                item["@type"] = _item_type(attributes["itemtype"])
            if attributes.get("itemid"):
                item["@id"] = attributes["itemid"]
            self._items.append(item)
        prop: _Property | None = None
        if names and owner is not None:
            prop = _Property(names=names, owner=owner)
            if item is not None:
                prop.value = item
            elif tag == "time" and "datetime" in attributes:
                prop.value = attributes["datetime"]
            elif tag in _URL_ATTRIBUTE and _URL_ATTRIBUTE[tag] in attributes:
                prop.value = attributes[_URL_ATTRIBUTE[tag]]
            else:
                self._capturing.append(prop)
        elif item is not None:
            self.items.append(item)  # an item that is no other item's property
        return prop, item

    def _end_element(self, element: _Open) -> None:
        if element.item is not None and self._items and self._items[-1] is element.item:
            self._items.pop()
        prop = element.prop
        if prop is None:
            return
        if prop.value is None:
            self._capturing.remove(prop)
            prop.value = normalize_text("".join(prop.text))
        for name in prop.names:
            prop.owner.setdefault(name, []).append(prop.value)

    def _text_break(self, tag: str, *, end: bool = False) -> None:
        if not self._capturing:
            return
        if tag == "li":
            if end:  # the next item, or the list's end, breaks the line
                return
            text = "\n• "
        elif tag == "br" or tag in _BLOCK:
            text = "\n"
        else:
            return
        for prop in self._capturing:
            prop.text.append(text)


def _flatten(value: Any) -> Any:
    """Properties read once become plain values; those read several times stay lists."""
    if isinstance(value, dict):
        return {
            key: _flatten(inner[0] if isinstance(inner, list) and len(inner) == 1 else inner)
            for key, inner in value.items()
        }
    if isinstance(value, list):
        return [_flatten(inner) for inner in value]
    return value


def read_page(markup: str) -> PageData:
    """The structured data in a web page."""
    parser = _PageParser()
    parser.feed(markup)
    parser.close()
    return PageData(
        json_ld=tuple(parser.scripts),
        items=tuple(_flatten(item) for item in parser.items),
        canonical_url=parser.canonical or parser.og_url,
    )

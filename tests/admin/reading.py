"""Read admin pages by ids and classes, as staff see them, not by regular expressions."""

from django.test.html import Element, parse_html


def elements(root, *, id=None, css_class=None, name=None):
    """Every element under root (a page's HTML or an Element) matching all that is given."""
    if isinstance(root, str):
        root = parse_html(root)
    found = []
    for child in root.children:
        if not isinstance(child, Element):
            continue
        attributes = dict(child.attributes)
        if (
            (id is None or attributes.get("id") == id)
            and (css_class is None or css_class in (attributes.get("class") or "").split())
            and (name is None or child.name == name)
        ):
            found.append(child)
        found += elements(child, id=id, css_class=css_class, name=name)
    return found


def element(root, **wanted):
    """The one element matching, or an AssertionError saying none or several did."""
    found = elements(root, **wanted)
    assert len(found) == 1, f"{len(found)} elements match {wanted}"
    return found[0]


def text(node) -> str:
    """The words of an element, whitespace collapsed."""
    if isinstance(node, str):
        return " ".join(node.split())
    return " ".join(part for part in (text(child) for child in node.children) if part)


def table_rows(table):
    """A table's body rows as lists of cell texts."""
    body = element(table, name="tbody")
    return [
        [text(cell) for cell in row.children if isinstance(cell, Element)]
        for row in elements(body, name="tr")
    ]

"""Reading a label's inline SVG back into QR modules, to compare with a fresh encoding."""

import re
from html import unescape


def svg_modules(svg: str) -> set[tuple[int, int]]:
    """The dark modules (column, row) that segno's one-path SVG draws, quiet zone removed.

    segno draws each row's dark runs as `M x y.5` (or `m dx dy`) moves and `h n` lines.
    """
    path = re.search(r'<path[^>]* d="([^"]+)"', unescape(svg)).group(1)
    border = 4
    x = y = 0.0
    dark = set()
    for command, numbers in re.findall(r"([MmHh])([-\d. ]+)", path.replace("h", " h")):
        values = [float(n) for n in numbers.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        elif command == "h":
            for column in range(int(x), int(x + values[0])):
                dark.add((column - border, int(y) - border))
            x += values[0]
    return dark


def matrix_modules(qr) -> set[tuple[int, int]]:
    return {
        (column, row)
        for row, line in enumerate(qr.matrix)
        for column, module in enumerate(line)
        if module & 1
    }

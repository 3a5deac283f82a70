#!/usr/bin/env python3
"""Turns a `tmux capture-pane -p -e` dump (text with ANSI colours) into a PNG.

Usage: ansi-to-png.py INPUT.ansi OUTPUT.png WIDTH TITLE
"""
import sys

import cairosvg
from rich.console import Console
from rich.style import Style
from rich.terminal_theme import MONOKAI
from rich.text import Text


def main() -> None:
    source, target, width, title = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    with open(source, encoding="utf-8", errors="replace") as handle:
        text = Text.from_ansi(handle.read().rstrip("\n"))
    # One span per cell: the SVG places each span at its column, so a long run of one style (a selected row)
    # cannot drift from the grid when the font's advance differs a little from the cell's width.
    for index in range(len(text.plain)):
        text.stylize(Style(meta={"cell": index}), index, index + 1)
    console = Console(record=True, width=width, force_terminal=True, color_system="256", file=open("/dev/null", "w"))
    console.print(text, soft_wrap=True)
    svg = console.export_svg(title=title, theme=MONOKAI, font_aspect_ratio=0.61)
    svg = svg.replace("Fira Code", "DejaVu Sans Mono")
    cairosvg.svg2png(bytestring=svg.encode("utf-8"), write_to=target, output_width=width * 9)


if __name__ == "__main__":
    main()

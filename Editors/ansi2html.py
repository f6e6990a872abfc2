#!/usr/bin/env python3
"""ANSI SGR text (tmux capture-pane -e) on stdin → a self-contained HTML page on stdout."""
import html
import re
import sys

BASIC = ["#1e1e1e", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
         "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff"]


def color256(n):
    if n < 16:
        return BASIC[n]
    if n < 232:
        n -= 16
        levels = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (levels[n // 36], levels[n // 6 % 6], levels[n % 6])
    v = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (v, v, v)


def main():
    state = {}
    out = []
    for line in sys.stdin.read().split("\n"):
        parts = re.split(r"\x1b\[([0-9;]*)m", line)
        row = []
        for index, part in enumerate(parts):
            if index % 2 == 1:
                codes = [int(c) if c else 0 for c in part.split(";")] or [0]
                i = 0
                while i < len(codes):
                    c = codes[i]
                    if c == 0:
                        state = {}
                    elif c == 1:
                        state["bold"] = True
                    elif c == 3:
                        state["italic"] = True
                    elif c == 4:
                        state["underline"] = True
                    elif c == 7:
                        state["reverse"] = True
                    elif 30 <= c <= 37 or 90 <= c <= 97:
                        state["fg"] = BASIC[c - 30 if c < 90 else c - 90 + 8]
                    elif 40 <= c <= 47 or 100 <= c <= 107:
                        state["bg"] = BASIC[c - 40 if c < 100 else c - 100 + 8]
                    elif c in (38, 48) and i + 1 < len(codes):
                        key = "fg" if c == 38 else "bg"
                        if codes[i + 1] == 5 and i + 2 < len(codes):
                            state[key] = color256(codes[i + 2]); i += 2
                        elif codes[i + 1] == 2 and i + 4 < len(codes):
                            state[key] = "#%02x%02x%02x" % tuple(codes[i + 2:i + 5]); i += 4
                    elif c == 39:
                        state.pop("fg", None)
                    elif c == 49:
                        state.pop("bg", None)
                    i += 1
            elif part:
                fg, bg = state.get("fg"), state.get("bg")
                if state.get("reverse"):
                    fg, bg = bg or "#1e1e1e", fg or "#d4d4d4"
                style = []
                if fg: style.append(f"color:{fg}")
                if bg: style.append(f"background:{bg}")
                if state.get("bold"): style.append("font-weight:bold")
                if state.get("italic"): style.append("font-style:italic")
                if state.get("underline"): style.append("text-decoration:underline")
                row.append(f'<span style="{";".join(style)}">{html.escape(part)}</span>' if style else html.escape(part))
        out.append("".join(row))
    print('<!doctype html><meta charset="utf-8"><body style="margin:0;background:#1e1e1e">'
          '<pre style="margin:8px;font:14px/1.25 \'DejaVu Sans Mono\',monospace;color:#d4d4d4">'
          + "\n".join(out) + "</pre>")


main()

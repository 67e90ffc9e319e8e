#!/usr/bin/env python3
"""Helpers for benches/bench.sh (Python 3.11+, standard library only).

    decks.py repeat SRC.toml SLIDES OUT.toml
        Write a manifest with SRC's text before its first [[slide]] (the
        [deck], [output], [theme] tables) kept once and SRC's [[slide]]
        tables repeated in order, cut off so that the deck has SLIDES slides
        in all (counting the title slide that [deck] makes, unless
        `title_slide = false`).  The copy is checked with tomllib.

    decks.py typst SRC.toml FONT_DIR OUT.typ
        Write a Typst document with the same slides: 960 x 540 pt pages,
        deck's default theme sizes and colours, Inter from FONT_DIR, each
        slide a page whose title is a level-1 heading and whose Markdown
        body is converted to Typst markup (lists, paragraphs, emphasis,
        code, links, quotes, tables, rules).  A simple converter: enough to
        give Typst the same text to shape, lay out and embed.

    decks.py version | decks.py pages FILE.pdf
        The installed typst-py and Typst versions; a PDF's page count.
"""

import re
import sys
import tomllib

# deck's `default` theme (themes/default.toml), so the Typst pages carry
# the same sizes, margins and colours.
THEME = {
    "background": "#ffffff",
    "text": "#1b2230",
    "accent": "#1f5fbf",
    "muted": "#5b6472",
    "on_accent": "#ffffff",
    "margin_x": 64,
    "margin_top": 44,
    "margin_bottom": 40,
    "title_size": 34,
    "body_sizes": [24, 21, 19, 18],
    "statement_size": 30,
    "footer_size": 11,
    "line_height": 1.25,
    "indent": 30,
}

SLIDE_HEADER = re.compile(r"^\s*\[\[\s*slide\s*\]\]\s*(#.*)?$")
TABLE_HEADER = re.compile(r"^\s*\[")


# --------------------------------------------------------------- repeat --


def split_manifest(text):
    """(text before the first [[slide]], [text of each [[slide]] table],
    text of the tables after the slides).

    A line is only taken as a table header when it is outside a multi-line
    string; the result is checked against tomllib by the caller."""
    head, slides, tail = [], [], []
    current = head
    in_basic = in_literal = False
    for line in text.splitlines(keepends=True):
        if not (in_basic or in_literal):
            if SLIDE_HEADER.match(line):
                current = []
                slides.append(current)
            elif TABLE_HEADER.match(line) and slides:
                current = tail  # e.g. a [theme] table after the slides
        current.append(line)
        # Track multi-line strings ("""...""" and '''...''').
        i = 0
        while i < len(line):
            if in_basic:
                if line.startswith("\\", i):
                    i += 2
                    continue
                if line.startswith('"""', i):
                    in_basic = False
                    i += 3
                    continue
            elif in_literal:
                if line.startswith("'''", i):
                    in_literal = False
                    i += 3
                    continue
            else:
                if line[i] == "#":
                    break
                if line.startswith('"""', i):
                    in_basic = True
                    i += 3
                    continue
                if line.startswith("'''", i):
                    in_literal = True
                    i += 3
                    continue
                if line[i] == '"':  # one-line basic string
                    j = i + 1
                    while j < len(line) and line[j] != '"':
                        j += 2 if line[j] == "\\" else 1
                    i = j + 1
                    continue
                if line[i] == "'":  # one-line literal string
                    j = line.find("'", i + 1)
                    i = len(line) if j < 0 else j + 1
                    continue
            i += 1
    return "".join(head), ["".join(s) for s in slides], "".join(tail)


def repeat(src, slides_wanted, out):
    with open(src, "rb") as f:
        raw = f.read()
    data = tomllib.loads(raw.decode("utf-8"))
    head, slides, tail = split_manifest(raw.decode("utf-8"))
    if len(slides) != len(data.get("slide", [])) or not slides:
        sys.exit(f"decks.py: could not split {src} into its [[slide]] tables")
    title_slide = data.get("deck", {}).get("title_slide", True)
    tables = slides_wanted - (1 if title_slide else 0)
    if tables < 1:
        sys.exit(f"decks.py: {slides_wanted} slides is too few")
    parts = [head]
    for i in range(tables):
        s = slides[i % len(slides)]
        parts.append(s if s.endswith("\n") else s + "\n")
    parts.append(tail)
    text = "".join(parts)
    check = tomllib.loads(text)
    if len(check["slide"]) != tables or check.get("deck") != data.get("deck"):
        sys.exit("decks.py: the repeated manifest does not read back as expected")
    for i, s in enumerate(check["slide"]):
        if s != data["slide"][i % len(slides)]:
            sys.exit(f"decks.py: slide table {i + 1} of the copy differs")
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)


# ------------------------------------------------------- Markdown -> Typst --


def esc(s):
    """Escape text for Typst markup.  Every ASCII punctuation character may
    be escaped in Typst; quotes, dashes and dots are left alone so that
    Typst's smart quotes and `--`, `---`, `...` shorthands give the same
    typography as deck's."""
    out = []
    for ch in s:
        if ch in "\\*_`$#[]<>@~/=+:^&|%!;,?{}":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def typst_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def inline(s):
    """Inline Markdown (emphasis, strong, code, strikethrough, links,
    autolinks, backslash escapes) to Typst markup."""
    out = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "\\" and i + 1 < n and not s[i + 1].isalnum() and not s[i + 1].isspace():
            out.append(esc(s[i + 1]))
            i += 2
            continue
        if c == "`":
            m = re.match(r"`+", s[i:])
            ticks = m.group(0)
            j = s.find(ticks, i + len(ticks))
            if j >= 0:
                code = s[i + len(ticks) : j].strip()
                out.append("#raw(" + typst_str(code) + ")")
                i = j + len(ticks)
                continue
        for mark, fn in (("**", "strong"), ("__", "strong"), ("~~", "strike")):
            if s.startswith(mark, i) and (mark != "__" or i == 0 or not s[i - 1].isalnum()):
                j = s.find(mark, i + 2)
                if j > i + 2:
                    out.append(f"#{fn}[" + inline(s[i + 2 : j]) + "]")
                    i = j + 2
                    break
        else:
            if c in "*_" and i + 1 < n and not s[i + 1].isspace() and (
                c == "*" or i == 0 or not s[i - 1].isalnum()
            ):
                j = s.find(c, i + 1)
                while j > 0 and (s[j - 1].isspace() or (c == "_" and j + 1 < n and s[j + 1].isalnum())):
                    j = s.find(c, j + 1)
                if j > i + 1:
                    out.append("#emph[" + inline(s[i + 1 : j]) + "]")
                    i = j + 1
                    continue
            if c == "[":
                m = re.match(r"\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)", s[i:])
                if m:
                    out.append("#link(" + typst_str(m.group(2)) + ")[" + inline(m.group(1)) + "]")
                    i += m.end()
                    continue
            if c == "<":
                m = re.match(r"<((?:https?|mailto):[^>\s]+)>", s[i:])
                if m:
                    out.append("#link(" + typst_str(m.group(1)) + ")")
                    i += m.end()
                    continue
            m = re.match(r"https?://[^\s<]*[^\s<.,;:!?)]", s[i:])
            if m and (i == 0 or not s[i - 1].isalnum()):
                out.append("#link(" + typst_str(m.group(0)) + ")")
                i += m.end()
                continue
            out.append(esc(c))
            i += 1
            continue
        continue
    return "".join(out)


LIST_ITEM = re.compile(r"^( *)([-*+]|\d{1,9}[.)])[ \t]+(.*)$")
FENCE = re.compile(r"^ {0,3}(```+|~~~+)")
RULE = re.compile(r"^ {0,3}([-*_])( *\1){2,} *$")
ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")


def table_cells(line):
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", line)]


def blocks(md, sizes=THEME["body_sizes"]):
    """Markdown body to Typst markup, block by block; nested list items are
    set in the theme's size for their level."""
    lines = md.replace("\t", "    ").splitlines()
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        m = FENCE.match(line)
        if m:
            fence = m.group(1)
            j = i + 1
            while j < len(lines) and not lines[j].strip().startswith(fence):
                j += 1
            out.append("#raw(block: true, " + typst_str("\n".join(lines[i + 1 : j])) + ")")
            i = j + 1
            continue
        m = ATX.match(line)
        if m:
            out.append(f"#heading(level: {len(m.group(1)) + 1})[" + inline(m.group(2)) + "]")
            i += 1
            continue
        if RULE.match(line):
            out.append("#line(length: 100%)")
            i += 1
            continue
        if LIST_ITEM.match(line):
            # A list: items and their continuation lines, nested by indent.
            stack = []  # indents of the open levels
            items = []  # [level, marker, text]
            while i < len(lines) and lines[i].strip():
                m = LIST_ITEM.match(lines[i])
                if m:
                    indent = len(m.group(1))
                    while stack and indent < stack[-1]:
                        stack.pop()
                    if not stack or indent > stack[-1]:
                        stack.append(indent)
                    items.append([len(stack) - 1, m.group(2), m.group(3)])
                elif items:
                    items[-1][2] += " " + lines[i].strip()
                i += 1
                # A blank line inside a list continues it when the next
                # line is another item.
                if i + 1 < len(lines) and not lines[i].strip() and LIST_ITEM.match(lines[i + 1]):
                    i += 1
            for level, marker, text in items:
                mark = "-" if marker in "-*+" else "+"
                body = inline(text.strip())
                if level:
                    body = f"#text(size: {sizes[min(level, len(sizes) - 1)]}pt)[{body}]"
                out.append("  " * level + mark + " " + body)
            out.append("")
            continue
        if line.lstrip().startswith(">"):
            quoted = []
            while i < len(lines) and lines[i].lstrip().startswith(">"):
                quoted.append(re.sub(r"^\s*> ?", "", lines[i]))
                i += 1
            out.append("#quote(block: true)[" + blocks("\n".join(quoted), sizes) + "]")
            continue
        if "|" in line and i + 1 < len(lines) and re.match(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$", lines[i + 1]):
            header = table_cells(line)
            rows = []
            i += 2
            while i < len(lines) and "|" in lines[i] and lines[i].strip():
                rows.append(table_cells(lines[i]))
                i += 1
            cols = len(header)
            cells = ["[#strong[" + inline(c) + "]]" for c in header]
            for r in rows:
                r = (r + [""] * cols)[:cols]
                cells += ["[" + inline(c) + "]" for c in r]
            out.append(f"#table(columns: {cols}, stroke: none, " + ", ".join(cells) + ")")
            continue
        para = []
        while i < len(lines) and lines[i].strip() and not (
            LIST_ITEM.match(lines[i]) or FENCE.match(lines[i]) or ATX.match(lines[i])
        ):
            para.append(lines[i].strip())
            i += 1
        out.append(inline(" ".join(para)))
        out.append("")
    return "\n".join(out)


def to_typst(src, font_dir):
    with open(src, "rb") as f:
        data = tomllib.load(f)
    d = data.get("deck", {})
    t = dict(THEME)
    t.update(data.get("theme", {}) if isinstance(data.get("theme"), dict) else {})
    width = 720 if d.get("aspect") == "4:3" else 960
    # Typst's leading is the gap between lines; deck's line_height is the
    # baseline-to-baseline distance as a multiple of the size.
    leading = max(t["line_height"] - 0.75, 0.2)
    footer = d.get("footer")
    o = []
    o.append(f"// Generated by benches/decks.py from {src}; fonts from {font_dir}.")
    o.append(f'#set document(title: {typst_str(d.get("title", ""))}' + (
        f', author: {typst_str(d["author"])}' if d.get("author") else "") + ")")
    o.append(
        f'#set page(width: {width}pt, height: 540pt, fill: rgb("{t["background"]}"), '
        f'margin: (x: {t["margin_x"]}pt, top: {t["margin_top"]}pt, bottom: {t["margin_bottom"] + 16}pt), '
        f"footer-descent: 12pt, footer: context [#set text(size: {t['footer_size']}pt, fill: rgb(\"{t['muted']}\")); "
        + (f"{inline(footer)}" if footer else "")
        + " #h(1fr) #counter(page).display()])"
    )
    o.append(
        f'#set text(font: "Inter", size: {t["body_sizes"][0]}pt, fill: rgb("{t["text"]}"), '
        f'lang: {typst_str(d.get("lang", "en").split("-")[0])})'
    )
    o.append(f"#set par(leading: {leading:.2f}em, spacing: {leading * 2:.2f}em)")
    o.append(f"#set raw(theme: none)")
    o.append('#show raw: set text(font: "JetBrains Mono")')
    sizes = t["body_sizes"]
    o.append(
        f'#set list(indent: 0pt, body-indent: {t["indent"] - 12}pt, spacing: {leading * 1.6:.2f}em, '
        f'marker: ([#text(fill: rgb("{t["accent"]}"))[•]], [#text(fill: rgb("{t["muted"]}"))[–]], '
        f'[#text(fill: rgb("{t["muted"]}"))[◦]], [#text(fill: rgb("{t["muted"]}"))[–]]))'
    )
    o.append(f'#set enum(indent: 0pt, body-indent: {t["indent"] - 16}pt, spacing: {leading * 1.6:.2f}em)')
    o.append(f'#show heading.where(level: 1): set text(size: {t["title_size"]}pt, weight: "bold")')
    o.append(
        f'#show heading.where(level: 1): it => block(below: 30pt, stack(spacing: 12pt, it.body, '
        f'line(length: 72pt, stroke: 3pt + rgb("{t["accent"]}"))))'
    )
    o.append("")
    if d.get("title_slide", True):
        o.append(
            f'#page(footer: none, background: place(left, rect(width: 18pt, height: 100%, fill: rgb("{t["accent"]}"))))['
        )
        o.append("#v(1fr)")
        o.append(
            f'#text(size: {t["title_size"] * 1.6:.1f}pt, weight: "bold")[{inline(d.get("title", ""))}]'
        )
        if d.get("subtitle"):
            o.append(f'\n#text(size: {t["title_size"] * 0.9:.1f}pt, fill: rgb("{t["accent"]}"))[{inline(d["subtitle"])}]')
        o.append("#v(1fr)")
        foot = " #h(1fr) ".join(esc(x) for x in (d.get("author"), d.get("date")) if x)
        if foot:
            o.append(f'#text(size: 18pt, fill: rgb("{t["muted"]}"))[{foot}]')
        o.append("]")
        o.append("")
    part = 0
    for s in data.get("slide", []):
        layout = s.get("layout", "bullets")
        title = inline(s.get("title", ""))
        body = blocks(s.get("body", ""), sizes) if s.get("body") else ""
        if layout in ("section", "title"):
            part += 1
            fill = t["accent"] if layout == "section" else t["background"]
            fg = t["on_accent"] if layout == "section" else t["text"]
            o.append(f'#page(footer: none, fill: rgb("{fill}"))[#set text(fill: rgb("{fg}"))')
            o.append("#v(1fr)")
            if layout == "section":
                o.append(f"#text(size: 20pt)[Part {part}]")
                o.append("")
            o.append(f'#show heading.where(level: 1): set text(size: {t["title_size"] * 1.3:.1f}pt)')
            o.append(f"#heading(level: 1)[{title}]")
            if s.get("subtitle"):
                o.append(f'#text(size: {t["title_size"] * 0.7:.1f}pt)[{inline(s["subtitle"])}]')
            o.append("#v(1fr)")
            o.append("]")
        elif layout == "statement":
            # Show rules stay inside the slide's own content block: rules at
            # the top level would nest the rest of the document under them
            # and make Typst's cost grow with the square of the slides.
            o.append("#pagebreak(weak: true)")
            o.append(f'#[#show heading.where(level: 1): set text(size: 16pt, fill: rgb("{t["accent"]}"))')
            o.append("#v(1fr)")
            o.append(f"#heading(level: 1)[{title}]")
            o.append(f'#block[#set text(size: {t["statement_size"]}pt)')
            o.append(body)
            o.append("]")
            o.append("#v(1fr)")
            o.append("]")
        elif layout == "closing":
            o.append("#pagebreak(weak: true)")
            o.append("#align(center)[")
            o.append(f'#show heading.where(level: 1): set text(size: {t["title_size"] * 1.3:.1f}pt, fill: rgb("{t["accent"]}"))')
            o.append(f"#heading(level: 1)[{title}]")
            o.append(f'#align(left)[#block[#set text(size: {sizes[0] * 1.1:.1f}pt)')
            o.append(body)
            o.append("]]]")
        else:  # bullets, and anything else
            o.append("#pagebreak(weak: true)")
            o.append(f"#heading(level: 1)[{title}]")
            o.append(body)
        o.append("")
    return "\n".join(o) + "\n"


def typst_version():
    """"typst-py X (Typst Y)": the PyPI package's version and, from the
    SBOM that its wheel ships, the version of the Typst crates inside."""
    import importlib.metadata as md
    import json

    dist = md.distribution("typst")
    engine = "?"
    for f in dist.files or []:
        if str(f).endswith(".json") and "sbom" in str(f):
            try:
                sbom = json.loads(f.read_text())
            except (OSError, ValueError):
                continue
            for c in sbom.get("components", []):
                if c.get("name") == "typst" and c.get("version"):
                    engine = c["version"]
    return f"typst-py {dist.version} (Typst {engine})"


def pdf_pages(path):
    """Pages of a PDF whose page objects are not compressed (Typst's are
    not): the count of `/Type /Page` dictionaries, or "?"."""
    with open(path, "rb") as f:
        n = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", f.read()))
    return str(n) if n else "?"


def main(argv):
    if len(argv) == 1 and argv[0] == "version":
        print(typst_version())
    elif len(argv) == 2 and argv[0] == "pages":
        print(pdf_pages(argv[1]))
    elif len(argv) == 4 and argv[0] == "repeat":
        repeat(argv[1], int(argv[2]), argv[3])
    elif len(argv) == 4 and argv[0] == "typst":
        text = to_typst(argv[1], argv[2])
        with open(argv[3], "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])

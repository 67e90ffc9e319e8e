#!/usr/bin/env python3
"""Write the seed corpora of the fuzz targets: fuzz/corpus/deck/ and
fuzz/corpus/sources/ (Markdown-file decks and theme files, a flag byte
before each: 0 Markdown, 1 theme).

    python3 fuzz/seeds.py            # the committed seeds (project decks + Markdown edge cases)
    python3 fuzz/seeds.py --spec DIR # also one seed per CommonMark spec example, into DIR
                                     # (from tests/fixtures/commonmark/spec.json; not committed)

Seed format (see fuzz_targets/deck.rs): byte 0 flags, byte 1 layouts, then
parts split by the byte 0xFF: part 0 = [deck] lines (title, subtitle,
author, date, footer), each further part = one slide (first line the
title, the rest the body). flags & 7 == 0 means "the rest is the raw
manifest". File names are stable, so re-running rewrites the same files.
"""

import json
import os
import sys
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "corpus", "deck")

# flags
PLAIN = 0x01
ASPECT_4_3 = 0x08  # also copies each body into the slide's notes
NO_TITLE_SLIDE = 0x10
SHRINK = 0x20
ERROR = 0x40
UNSET = 0x60
CRAMPED = 0x80
# layouts byte: the same layout for every slide
BULLETS, STATEMENT, CLOSING, SECTION = 0x00, 0x55, 0xAA, 0xBF  # 0xBF: slide 4 closing (0xFF would make slide 1 a title slide)
TITLE_FIRST = 0xC3


def seed(flags, layouts, deck_lines, slides):
    """slides: list of (title, body)."""
    parts = ["\n".join(deck_lines)] + [f"{t}\n{b}" for t, b in slides]
    return bytes([flags, layouts]) + b"\xff".join(p.encode("utf-8") for p in parts)


def raw(text):
    return bytes([0x00, 0x00]) + text.encode("utf-8")


def raw_markdown(text):
    """A Markdown-file deck (raw mode with bit 3: read as `fuzz.md`)."""
    return bytes([0x08, 0x00]) + text.encode("utf-8")


def write(name, data, out=OUT):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def deck_seeds():
    decks = [
        "decks/gfmd/briefing.toml",
        "tests/decks/blocks.toml",
        "tests/decks/lists.toml",
    ]
    for rel in decks:
        path = os.path.join(ROOT, rel)
        text = open(path, encoding="utf-8").read()
        name = os.path.splitext(os.path.basename(rel))[0]
        write(f"raw-{name}", raw(text))
        manifest = tomllib.loads(text)
        d = manifest["deck"]
        deck_lines = [d.get(k, "") for k in ("title", "subtitle", "author", "date", "footer")]
        slides = [(s.get("title", ""), s.get("body", "")) for s in manifest.get("slide", [])]
        write(f"deck-{name}", seed(PLAIN, BULLETS, deck_lines, slides))
        write(f"deck-{name}-4x3-shrink", seed(PLAIN | ASPECT_4_3 | SHRINK, BULLETS, deck_lines, slides))
        write(f"deck-{name}-cramped", seed(PLAIN | CRAMPED | NO_TITLE_SLIDE, BULLETS, deck_lines, slides))
        layouts = {"bullets": BULLETS, "statement": STATEMENT, "closing": CLOSING, "section": SECTION}
        for i, s in enumerate(manifest.get("slide", [])):
            lay = layouts.get(s.get("layout", "bullets"), BULLETS)
            write(f"slide-{name}-{i + 1:02}", seed(PLAIN | NO_TITLE_SLIDE, lay, [d["title"]], [(s.get("title", ""), s.get("body", ""))]))


EDGE = {
    "empty": "",
    "spaces": "   \n\t\n  \n",
    "deep-bullets": "".join("  " * i + "- level %d\n" % i for i in range(60)),
    "deep-ordered": "".join("   " * i + "1. level %d\n" % i for i in range(40)),
    "deep-markers": "- " * 120 + "x\n",
    "deep-quotes": "> " * 200 + "quoted\n",
    "deep-mixed": "".join(("> " if i % 2 else "- ") for i in range(100)) + "mixed **bold *emph `code`***\n",
    "deep-emphasis": "*" * 200 + "x" + "*" * 200 + "\n" + "_a " * 300 + "\n",
    "deep-links": "[" * 300 + "x" + "](u)" * 300 + "\n",
    "long-word": "a" * 5000 + "\n",
    "long-words-list": "- " + " ".join(["Supercalifragilistic" * 20] * 5) + "\n  - " + "x" * 3000 + "\n",
    "long-url": "see https://example.org/" + "seg/" * 500 + " and www.example.com/" + "q" * 400 + "\n",
    "long-code-line": "```\n" + "let x = " + "0123456789" * 400 + ";\n```\n",
    "long-inline-code": "`" + "x" * 3000 + "`\n",
    "table": "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n| **x** | `y|z` | [l](u) |\n|  |  |  |\n",
    "table-wide": "|" + "|".join("c%d" % i for i in range(80)) + "|\n|" + "|".join("-" for _ in range(80)) + "|\n|" + "|".join("w" * 30 for _ in range(80)) + "|\n",
    "table-long-cell": "| h |\n|---|\n| " + "word " * 400 + "|\n| " + "z" * 2000 + " |\n",
    "table-ragged": "| a | b |\n|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 |\n| \\| | ~~s~~ |\n",
    "table-in-list": "- item\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n",
    "code-fences": "```rust\nfn main() {}\n```\n\n~~~\n\ttabbed\n~~~\n\n```\n```\n\n    indented code\n\n````\n```\nnested\n```\n````\n",
    "code-unclosed": "```\nnever closed\n\n- x\n",
    "code-in-deep-list": "".join("  " * i + "- l\n" for i in range(12)) + "  " * 12 + "```\n" + "  " * 12 + "code " * 50 + "\n" + "  " * 12 + "```\n",
    "html-block": "<div>\n<p>para</p>\n</div>\n\n<!-- comment -->\n\n<script>alert(1)</script>\n\n<![CDATA[ x ]]>\n\n<?php echo 1; ?>\n",
    "html-inline": "a <b>bold</b> <span class=\"x\">s</span> <a href='u'>l</a> </closing> <!-- c --> &amp; &copy; &#0; &#x10FFFF; &bogus;\n",
    "html-escape-attack": "</section><script>alert(1)</script>\n\n`</style>` </aside> \"<!--\"\n",
    "unicode-scripts": "- العربية والكتابة\n- עברית\n- 中文字符测试 日本語のテキスト 한국어\n- Ελληνικά Кириллица देवनागरी ไทย\n",
    "unicode-emoji": "👩‍👩‍👧‍👦 🏳️‍🌈 🇺🇳 👍🏽 " * 20 + "\n",
    "unicode-combining": "e\u0301\u0302\u0303\u0304\u0305" * 200 + " Z\u0336a\u0337l\u0338g\u0335o\n",
    "unicode-odd-spaces": "a\u00a0b\u2028c\u2029d\u200be\u200dg\u00adh\ufeffi\u3000j\u2009k\u202fl\u1680m\n",
    "unicode-specials": "\ufffd\ufffe\U0010ffff\U000e0001\U0001f600 \u0000 \u0007 \u001b[31m red \u007f \u0085\n",
    "unicode-rtl-marks": "\u202eevil\u202c \u2066isolate\u2069 \u200fmark\u200e\n",
    "crlf": "- one\r\n- two\r\n\r\n> three\r\n",
    "cr-only": "- one\r- two\r\r# three\r",
    "hard-breaks": "line  \n" * 400,
    "backslash-breaks": "a\\\nb\\\n\\\n\\\n",
    "trailing-backslash": "text \\",
    "headings": "# h1\n## h2\n### h3\n#### h4\n##### h5\n###### h6\n####### not\nSetext\n===\nSetext 2\n---\n#\n",
    "smart-punct": "\"quoted\" 'single' -- en --- em ... ellipsis ----- ''' \"\"\" \"'\"'\n",
    "links-images": "[text](http://x \"title\") ![alt *text*](img.png) [ref] <http://auto.link> <mail@example.com> www.example.com https://x.y/z?q=1&r=2 [](empty) [![nested](i)](u)\n\n[ref]: http://ref\n",
    "strike": "~~struck~~ ~single~ ~~~triple~~~ ~~*nested **deep***~~\n",
    "many-paragraphs": "".join("Paragraph %d with some words to set.\n\n" % i for i in range(300)),
    "many-items": "".join("%d. item %d\n" % (i + 1, i) for i in range(400)),
    "huge-start": "999999999. big\n1000000000. too big\n0. zero\n",
    "rules": "---\n***\n___\n- - -\n" * 30,
    "nul-bytes": "a\u0000b\n\u0000\n- \u0000\n",
    "tabs": "\t- tab\n\t\t- tabs\n-\tx\n>\tq\n",
    "only-markers": "-\n-\n*\n+\n1.\n>\n#\n",
    "footnote-like": "text[^1]\n\n[^1]: note\n",
    "entities": "&nbsp;&ouml;&#35;&#1234;&#992;&#0;&#xD800;&#99999999; &MadeUpEntity;\n",
}

TITLES = [
    "",
    "A title long enough that the title slide and the bullet slide both have to shrink it first and then wrap it onto several lines of text " * 3,
    "- a list as a title",
    "> a quote as a title",
    "# heading title",
    "``` code title",
    "**bold** *it* `code` [link](u) ~~s~~ <b>html</b>",
    "X" * 500,
]


def edge_seeds():
    flag_sets = [PLAIN, PLAIN | ASPECT_4_3 | SHRINK, PLAIN | CRAMPED | ERROR, PLAIN | NO_TITLE_SLIDE | UNSET]
    layout_sets = [BULLETS, STATEMENT, CLOSING, SECTION]
    for n, (name, body) in enumerate(sorted(EDGE.items())):
        flags = flag_sets[n % len(flag_sets)]
        write(f"md-{name}", seed(PLAIN, BULLETS, ["Edge cases"], [(name, body)]))
        write(f"md-{name}-v", seed(flags, layout_sets[n % 4], ["Edge cases"], [(name, body), ("again", body)]))
    for i, title in enumerate(TITLES):
        write(f"title-{i}", seed(PLAIN, TITLE_FIRST, [title, title, title, title, title], [(title, "- body\n"), (title, "text\n")]))
    write("deck-only-flags", bytes([PLAIN, 0]))
    write("deck-every-layout", seed(PLAIN, 0xE4, ["Layouts", "sub"], [("bullets", "- a\n- b\n"), ("statement", "One big idea."), ("closing", "- call\n- action\n"), ("section", "body ignored?")]))
    write("raw-minimal", raw('[deck]\ntitle = "t"\n'))
    for name in ["twin.md"]:
        with open(os.path.join(ROOT, "tests", "decks", name), encoding="utf-8") as f:
            write(f"mdfile-{name[:-3]}", raw_markdown(f.read()))
    write("mdfile-edges", raw_markdown(
        '+++\n[deck]\ntitle = "M"\n+++\n\n# One\n\n- a\n\n???\nnotes\n\n---\n\n+++\nlayout = "statement"\nreveal = "items"\n+++\n'
        '# Two\n\n```\n---\n```\n\n---\n---\n\n+++\nbroken = [\n+++\n'))
    write("raw-empty", raw(""))
    write("raw-no-deck", raw('[[slide]]\nbody = "x"\n'))
    write("raw-bad-keys", raw('[deck]\ntilte = "t"\n[[slide]]\nlayout = "two-column"\nleft = "l"\n[theme]\nmargin_x = -1\nbody_sizes = []\naccent = "#ggg"\n[output]\nformats = ["svg"]\nname = "../x"\n'))
    write("raw-theme-path", raw('[deck]\ntitle = "t"\ntheme = "../../etc/passwd.toml"\n'))
    write("raw-all-keys", raw(
        '[deck]\ntitle = "T"\nsubtitle = "S"\nauthor = "A"\ndate = "D"\nlang = "pt-BR"\ntheme = "default"\naspect = "4:3"\n'
        'title_slide = true\nfooter = "F"\n\n[output]\nformats = ["pdf", "html"]\ndir = "out"\nname = "n"\n\n'
        '[theme]\nbackground = "#000"\ntext = "#fff"\naccent = "#f00"\nmuted = "#0f0"\non_accent = "#00f"\n'
        'margin_x = 0\nmargin_top = 0\nmargin_bottom = 0\ntitle_size = 8\nbody_sizes = [6]\nstatement_size = 8\n'
        'footer_size = 5\nline_height = 0.8\nindent = 4\nbullets = ["disc", "dash", "ring", "square"]\nshrink_steps = [1.0, 0.3]\n\n'
        '[[slide]]\ntitle = "s"\nsubtitle = "ss"\nlayout = "closing"\nbody = "- x"\nnotes = "n"\noverflow = "shrink"\n'))


def spec_seeds(out):
    path = os.path.join(ROOT, "tests", "fixtures", "commonmark", "spec.json")
    for ex in json.load(open(path, encoding="utf-8")):
        write(f"spec-{ex['example']:03}", seed(PLAIN, BULLETS, ["CommonMark"], [(ex["section"], ex["markdown"])]), out)


def source_seeds():
    """The `sources` target: the project's Markdown decks, its themes and
    hand-written edge cases of both."""
    out = os.path.join(ROOT, "fuzz", "corpus", "sources")
    os.makedirs(out, exist_ok=True)
    files = []
    for folder, kind in [("tests/decks", 0), ("tests/decks/habits", 0), ("tests/decks/twin", 0), ("themes", 1)]:
        for name in sorted(os.listdir(os.path.join(ROOT, folder))):
            if name.endswith(".md" if kind == 0 else ".toml"):
                with open(os.path.join(ROOT, folder, name), "rb") as f:
                    files.append((f"{'md' if kind == 0 else 'theme'}-{folder.replace('/', '-')}-{name}", kind, f.read()))
    edges = [
        ("md-yaml", 0, b"---\ntitle: Y\nmarp: true\npaginate: true\n---\n\n# One\n\n- a\n\n---\nlayout: section\n---\n\n# Two\n"),
        ("md-toml", 0, b"+++\n[deck]\ntitle = \"T\"\n+++\n\n# A\n\n::: columns\n- l\n:::\n\n<!-- note -->\n"),
        ("md-unclosed", 0, b"+++\n[deck]\ntitle = \"T\"\n\n# never closed\n"),
        ("md-directives", 0, b"<!-- _class: lead -->\n<!-- paginate: false -->\n# T\n\n???\nnotes\n"),
        ("theme-extends-self", 1, b"extends = \"theme.toml\"\n"),
        ("theme-bad-values", 1, b"extends = \"dark\"\nbackground = \"#12\"\ntitle_size = -4\nmargin_x = 1e9\n[backgrounds]\ntitle = \"missing.jpg\"\n"),
        ("theme-fonts", 1, b"[fonts]\nregular = \"nope.ttf\"\nfeatures = [\"ss01\", \"zzzzz\"]\n"),
    ]
    for name, kind, data in files + edges:
        with open(os.path.join(out, name), "wb") as f:
            f.write(bytes([kind]) + data)


if __name__ == "__main__":
    deck_seeds()
    edge_seeds()
    source_seeds()
    if len(sys.argv) == 3 and sys.argv[1] == "--spec":
        spec_seeds(sys.argv[2])

#!/usr/bin/env python3
"""The code-highlighting decks of benches/bench.sh (standard library only).

    code_decks.py OUT_DIR

Writes Markdown decks of 30 code blocks, one per slide after the title
slide, three blocks in each of the 10 languages most used on GitHub
(Python, JavaScript, TypeScript, Java, C#, C++, PHP, shell, C, Go), in
turn:

    code.md         every fence names its language
    plain.md        the same blocks, no fence names a language
    code-LANG.md    only LANG's three fences name their language

and prints the languages' fence names, one a line.  `code.md` against
`plain.md` is the cost of highlighting 10 languages; `code-LANG.md`
against `plain.md` is one language's cost, its first use included.
"""

import os
import sys

# (fence name, line comment, snippet): ten lines or so of the kind put on
# slides, each block fitting on one page.
LANGUAGES = [
    ("python", "#", '''import json
from dataclasses import dataclass

@dataclass
class Config:
    name: str = "deck"

    def load(self, path) -> dict:
        """Read the settings, keeping defaults."""
        with open(path, encoding="utf-8") as f:
            return {**vars(self), **json.load(f)}  # may raise'''),
    ("javascript", "//", '''import { readFile } from 'node:fs/promises';

export async function load(path) {
  const items = JSON.parse(await readFile(path, 'utf8')).items ?? [];
  return items.filter((i) => i.visible !== false).map(({ id }) => id);
}

class Cache extends Map {
  #hits = 0;
  toString() { return `Cache(${this.size}, ${this.#hits} hits)`; }
}'''),
    ("typescript", "//", '''interface Slide { id: string; title?: string; blocks: Block[] }
type Block = { kind: "text"; text: string } | { kind: "code"; lang: string };

export async function fetchSlides(url: string): Promise<Slide[]> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const slides = (await response.json()) as Slide[];
  return slides.filter((s): s is Slide => s.blocks.length > 0);
}
enum Format { Pdf = "pdf", Html = "html" }'''),
    ("java", "//", '''package org.example.deck;

import java.util.List;
import java.util.stream.Collectors;

public record Outline(List<String> titles) {
    @Override
    public String toString() {
        return titles.stream().map(t -> "- " + t).collect(Collectors.joining("\\n"));
    }
}'''),
    ("csharp", "//", '''using System;
using System.Linq;

public record Slide(string Title, int Page);

public static class Program { public static void Main(string[] args) {
        var slides = args.Select((a, i) => new Slide(a, i + 1)).ToList();
        foreach (var s in slides.Where(s => s.Page % 2 == 1))
            Console.WriteLine($"{s.Page,3}: {s.Title}");
    } }'''),
    ("cpp", "//", '''#include <iostream>
#include <vector>

template <typename T> class Ring {
public:
    explicit Ring(std::size_t n) : items_(n) {}
    void push(T value) { items_[next_++ % items_.size()] = std::move(value); }
private:
    std::vector<T> items_;
    std::size_t next_ = 0;
};'''),
    ("php", "//", '''<?php
declare(strict_types=1);
final class Slide {
    public function __construct(private string $title, private array $blocks = []) {}
    public function render(): string {
        $body = implode("\\n", array_map(fn ($b) => "<p>{$b}</p>", $this->blocks));
        return sprintf('<h1>%s</h1>%s', htmlspecialchars($this->title), $body);
    }
}'''),
    ("bash", "#", '''#!/usr/bin/env bash
set -euo pipefail

out=${1:-out}
for deck in decks/*.toml; do
  name=$(basename "$deck" .toml)
  if ! deck build "$deck" --out-dir "$out/$name" 2>"$out/$name.log"; then
    echo "failed: $name (see $out/$name.log)" >&2
  fi
  printf '%-20s %s\\n' "$name" "$(du -h "$out/$name" | cut -f1)"
done'''),
    ("c", "//", '''#include <stdio.h>
#include <string.h>
#define MAX_LINE 256

static int count_lines(FILE *f) {
    char line[MAX_LINE];
    int n = 0;
    while (fgets(line, sizeof line, f) != NULL)
        if (strchr(line, '\\n')) n++; /* whole lines only */
    return n;
}'''),
    ("go", "//", '''package main

import ("fmt"; "net/http")

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "path %q\\n", r.URL.Path)
	})
	http.ListenAndServe(":8080", nil)
}'''),
]

BLOCKS_PER_LANGUAGE = 3


def deck(highlighted):
    """A deck whose blocks of the languages in `highlighted` name them."""
    lines = ["+++", "[deck]", 'title = "Code highlighting"', "+++", ""]
    for i in range(BLOCKS_PER_LANGUAGE * len(LANGUAGES)):
        lang, comment, code = LANGUAGES[i % len(LANGUAGES)]
        part = i // len(LANGUAGES) + 1
        if i:
            lines += ["", "---", ""]
        fence = lang if lang in highlighted else ""
        first, rest = code.split("\n", 1)
        lines += [f"# {lang} {part}", "", f"```{fence}", f"{first}  {comment} part {part}", rest, "```"]
    return "\n".join(lines) + "\n"


def main(argv):
    if len(argv) != 1:
        sys.exit(__doc__)
    out = argv[0]
    os.makedirs(out, exist_ok=True)
    names = [lang for lang, _, _ in LANGUAGES]
    decks = {"code.md": deck(set(names)), "plain.md": deck(set())}
    for name in names:
        decks[f"code-{name}.md"] = deck({name})
    for file, text in decks.items():
        with open(os.path.join(out, file), "w", encoding="utf-8") as f:
            f.write(text)
    print("\n".join(names))


if __name__ == "__main__":
    main(sys.argv[1:])

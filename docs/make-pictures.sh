#!/bin/sh
# Rebuild the pictures of the "Math" and "Diagrams" sections of
# docs/format.md from deck's own PDFs of their test decks, drawn by
# poppler's pdftocairo 480 px wide: tests/decks/math.toml pages 3 and 4,
# tests/decks/diagrams.toml pages 2 (the flowchart) and 5 (the state
# diagram). Run from anywhere in the repository.
set -eu
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
draw() { # deck (its name in tests/decks/ and in docs/), pages
    deck=$1
    shift
    cargo run -q -- build "tests/decks/$deck.toml" --out-dir "$out" --format pdf > /dev/null
    for page in "$@"; do
        pdftocairo -png -singlefile -f "$page" -l "$page" -scale-to-x 480 -scale-to-y -1 \
            "$out/$deck.pdf" "docs/$deck/slide-$page"
    done
}
draw math 3 4
draw diagrams 2 5
ls -l docs/math/*.png docs/diagrams/*.png

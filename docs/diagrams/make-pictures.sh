#!/bin/sh
# Rebuild the picture of the "Diagrams" section of docs/format.md from
# deck's own PDF of tests/decks/diagrams.toml, pages 2 (the flowchart)
# and 5 (the state diagram), drawn by poppler's pdftocairo 480 px wide. Run from anywhere in the
# repository.
set -eu
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run -q -- build tests/decks/diagrams.toml --out-dir "$out" --format pdf > /dev/null
for page in 2 5; do
    pdftocairo -png -singlefile -f "$page" -l "$page" -scale-to-x 480 -scale-to-y -1 "$out/diagrams.pdf" "docs/diagrams/slide-$page"
done
ls -l docs/diagrams/*.png

#!/bin/sh
# Rebuild the pictures of the "Math" section of docs/format.md from deck's
# own PDF of tests/decks/math.toml, pages 3 and 4, drawn by poppler's
# pdftocairo 480 px wide. Run from anywhere in the repository.
set -eu
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run -q -- build tests/decks/math.toml --out-dir "$out" --format pdf > /dev/null
for page in 3 4; do
    pdftocairo -png -singlefile -f "$page" -l "$page" -scale-to-x 480 -scale-to-y -1 "$out/math.pdf" "docs/math/slide-$page"
done
ls -l docs/math/*.png

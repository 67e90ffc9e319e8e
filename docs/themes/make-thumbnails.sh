#!/bin/sh
# Rebuild the theme thumbnails of docs/themes.md from deck's own PDF:
# docs/themes/sample.toml once per built-in theme, each page drawn by
# poppler's pdftocairo 400 px wide. Run from anywhere in the repository.
set -eu
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out" docs/themes/.sample-*.toml' EXIT
for theme in default dark institutional contrast; do
    manifest="docs/themes/.sample-$theme.toml"
    sed "s/^theme    = .*/theme    = \"$theme\"/" docs/themes/sample.toml > "$manifest"
    cargo run -q -- build "$manifest" --out-dir "$out" --format pdf > /dev/null
    pdftocairo -png -scale-to-x 400 -scale-to-y -1 "$out/.sample-$theme.pdf" "docs/themes/$theme"
done
ls -l docs/themes/*.png

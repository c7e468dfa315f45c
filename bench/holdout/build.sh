#!/bin/sh
# Rebuild bench/holdout/pdfs/*.pdf from bench/holdout/src/*.tex (pdflatex, two passes; aux files in .build, removed at the end).
status=0
# fixed dates so that rebuilding gives byte-identical PDFs (the labels record their sha256)
SOURCE_DATE_EPOCH=1717200000; FORCE_SOURCE_DATE=1; export SOURCE_DATE_EPOCH FORCE_SOURCE_DATE
here=$(cd "$(dirname "$0")" && pwd)
tmp="$here/.build"   # fixed path: pdfTeX derives the PDF /ID from it
rm -rf "$tmp"; mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$here/pdfs"
for tex in "$here"/src/*.tex; do
    name=$(basename "$tex" .tex)
    (cd "$here/src" && for pass in 1 2; do
        pdflatex -interaction=nonstopmode -halt-on-error -output-directory="$tmp" "$name.tex" >"$tmp/$name.stdout" 2>&1 \
            || { echo "pdflatex failed on $name:"; grep -A3 "^!" "$tmp/$name.stdout"; exit 1; }
    done) || { status=1; continue; }
    cp "$tmp/$name.pdf" "$here/pdfs/$name.pdf"
    echo "built pdfs/$name.pdf"
done
exit $status

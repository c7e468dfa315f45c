#!/bin/sh
# Rebuild SET/pdfs/*.pdf from SET/src/*.tex for a LaTeX paper set (bench/styles, bench/holdout):
#   sh bench/_build_set.sh bench/styles
# pdflatex, two passes; aux files in SET/.build, removed at the end.
status=0
# fixed dates so that rebuilding gives byte-identical PDFs (the labels record their sha256)
SOURCE_DATE_EPOCH=1717200000; FORCE_SOURCE_DATE=1; export SOURCE_DATE_EPOCH FORCE_SOURCE_DATE
[ -d "${1:-}/src" ] || { echo "usage: sh bench/_build_set.sh SET_DIR (with SET_DIR/src/*.tex)" >&2; exit 2; }
here=$(cd "$1" && pwd)
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

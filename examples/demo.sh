#!/usr/bin/env bash
# The demo: ingest the bundled sample corpus into demo/dragoman.db and show what dragoman did.
set -euo pipefail
cd "$(dirname "$0")/.."
DRAGOMAN=".venv/bin/dragoman"
export DRAGOMAN_DB="demo/dragoman.db"
CORPUS="examples/corpus"
mkdir -p demo
rm -f demo/dragoman.db demo/dragoman.db-wal demo/dragoman.db-shm

run() { echo; echo "\$ dragoman $*"; "$DRAGOMAN" "$@"; }

echo "dragoman demo: the Belgrade–Pristina sample corpus → $DRAGOMAN_DB"
run ingest "$CORPUS/html" "$CORPUS/feed.xml" "$CORPUS/articles.jsonl"
# plain-text articles carry no date of their own: give each its publication date
while IFS=$'\t' read -r name day; do
  run ingest --published "$day" "$CORPUS/text/$name"
done < <(.venv/bin/python -c 'import json,sys; [print(f"{k}\t{v}") for k,v in json.load(open(sys.argv[1])).items()]' "$CORPUS/dates.json")
if [ -f ../shared/seed/000_5dc3d891e69f7dcb.txt ]; then
  run ingest --published 2025-02-24 ../shared/seed/000_5dc3d891e69f7dcb.txt
fi
echo; echo "# ingesting the same inputs again adds nothing:"
run ingest "$CORPUS/html" "$CORPUS/feed.xml" "$CORPUS/articles.jsonl"
run articles --limit 30
run search "Brussels agreement normalisation" --limit 3
echo
echo "The store is $DRAGOMAN_DB. Try: $DRAGOMAN --db $DRAGOMAN_DB show 1"

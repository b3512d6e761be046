#!/usr/bin/env bash
# The demo: ingest the bundled sample corpus into demo/dragoman.db, code it, cluster it into
# stories, write the briefs, and show what dragoman found.
set -euo pipefail
cd "$(dirname "$0")/.."
DRAGOMAN=".venv/bin/dragoman"
export DRAGOMAN_DB="demo/dragoman.db"
CORPUS="examples/corpus"
SEED="../shared/seed/000_5dc3d891e69f7dcb.txt"
SEED_SHAPED="2010-07-23-danubedispatch-icj-opinion-reactions.txt"
mkdir -p demo briefs
rm -f demo/dragoman.db demo/dragoman.db-wal demo/dragoman.db-shm

run() { echo; echo "\$ dragoman $*"; "$DRAGOMAN" "$@"; }
article_id_of() {  # the stored article ingested from examples/corpus/text/NAME
  .venv/bin/python - "$1" <<'PY'
import os, sys
from dragoman.store import open_store
with open_store(os.environ["DRAGOMAN_DB"]) as s:
    print(next(a["id"] for a in s.list_articles(limit=1000) if (a.get("input_ref") or "").endswith(sys.argv[1])))
PY
}

echo "dragoman demo: the Belgrade–Pristina sample corpus → $DRAGOMAN_DB"
run ingest "$CORPUS/html" "$CORPUS/feed.xml" "$CORPUS/articles.jsonl"
# plain-text articles carry no date of their own: give each its publication date
while IFS=$'\t' read -r name day; do
  run ingest --published "$day" "$CORPUS/text/$name"
done < <(.venv/bin/python -c 'import json,sys; [print(f"{k}\t{v}") for k,v in json.load(open(sys.argv[1])).items()]' "$CORPUS/dates.json")
if [ -f "$SEED" ]; then
  run ingest --published 2025-02-24 "$SEED"
fi
echo; echo "# ingesting the same inputs again adds nothing:"
run ingest "$CORPUS/html" "$CORPUS/feed.xml" "$CORPUS/articles.jsonl"

run process
run events --dyad SRB KSV --limit 40
run stories
run timeline --dyad SRB KSV

echo; echo "# briefs of every article → briefs/"
ids=$(.venv/bin/python - <<'PY'
import os
from dragoman.store import open_store
with open_store(os.environ["DRAGOMAN_DB"]) as s:
    print(" ".join(str(a["id"]) for a in s.list_articles(limit=1000, include_duplicates=False)))
PY
)
for id in $ids; do
  "$DRAGOMAN" brief "$id" --out "briefs/article-$id.md" 2>/dev/null
  "$DRAGOMAN" brief "$id" --format html --out "briefs/article-$id.html" 2>/dev/null
done
echo "wrote $(ls briefs/*.md | wc -l) briefs (Markdown and HTML) to briefs/"

if [ -f "$SEED" ]; then
  echo; echo "# the project seed's brief (../shared is beside this checkout):"
  run brief "$SEED" --published 2025-02-24
fi
echo; echo "# the brief of the bundled seed-shaped article (examples/corpus/text/$SEED_SHAPED):"
run brief "$(article_id_of "$SEED_SHAPED")"
echo
echo "The store is $DRAGOMAN_DB. Explore it: $DRAGOMAN --db $DRAGOMAN_DB stories | events | timeline | brief ID"
echo "Open the web app on it:  $DRAGOMAN --db $DRAGOMAN_DB serve   then browse http://127.0.0.1:8765/"

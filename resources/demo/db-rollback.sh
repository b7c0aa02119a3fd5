#!/bin/sh
# Demo database rollback: reads the SQL file given as its argument and reports each statement.
# The built-in demo has no database; this prints what a real rollback script (psql -f FILE,
# flyway undo, ...) would print, at a readable pace.
set -eu
sql="${1:?usage: db-rollback.sh FILE.sql}"
[ -r "$sql" ] || { echo "db-rollback: cannot read $sql" >&2; exit 2; }
echo "db-rollback: connecting to orders-db (demo)"
sleep 0.3
n=0
grep -v '^[[:space:]]*--' "$sql" | tr '\n' ' ' | tr ';' '\n' | while IFS= read -r statement; do
    statement=$(echo "$statement" | sed 's/^[[:space:]]*//; s/[[:space:]][[:space:]]*/ /g')
    [ -n "$statement" ] || continue
    n=$((n + 1))
    echo "[$n] $statement;"
    sleep 0.3
    echo "    ok"
done
echo "db-rollback: done, schema at 2024_05_02_0930"

#!/bin/sh
# Demo data integrity check: the checks a team would run after a schema rollback.
# The built-in demo has no database; each check reports what a real one would compare.
set -eu
for check in "orders: row count matches the pre-deployment snapshot (1,284,113)" \
             "orders.delivery_slot: no NULL where a delivery was booked" \
             "schema_migrations: version 2024_05_02_0930" \
             "foreign keys: orders -> customers consistent"; do
    echo "check $check"
    sleep 0.2
    echo "    ok"
done
echo "integrity: 4 of 4 checks passed"

-- Demo database rollback: undoes the schema change of release 2.4 (orders.delivery_window).
-- In the built-in demo nothing is connected to a database; db-rollback.sh reads this file
-- and reports each statement as it would apply it.
BEGIN;

-- 1. Stop writes from the new code path.
DROP TRIGGER IF EXISTS orders_delivery_window_sync ON orders;

-- 2. Copy the new column back into the old one.
UPDATE orders
   SET delivery_slot = to_char(lower(delivery_window), 'YYYY-MM-DD"T"HH24:MI')
 WHERE delivery_window IS NOT NULL
   AND delivery_slot IS NULL;

-- 3. Remove the new column and its index.
DROP INDEX IF EXISTS orders_delivery_window_idx;
ALTER TABLE orders DROP COLUMN IF EXISTS delivery_window;

-- 4. Record the schema version.
UPDATE schema_migrations SET version = '2024_05_02_0930' WHERE id = 1;

COMMIT;

-- Hand-written: what Drizzle's schema language cannot say.

-- api_usage is range-partitioned by day (see 0000). This creates the daily partitions from
-- `from_day` through `days_ahead` days later; the maintenance job calls it every hour, so writes
-- never land outside a partition. A default partition catches anything older or later.
CREATE OR REPLACE FUNCTION ensure_api_usage_partitions(from_day date DEFAULT current_date, days_ahead integer DEFAULT 7)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  day date;
  created integer := 0;
  name text;
BEGIN
  FOR day IN SELECT generate_series(from_day, from_day + days_ahead, interval '1 day')::date LOOP
    name := 'api_usage_' || to_char(day, 'YYYYMMDD');
    IF to_regclass(name) IS NULL THEN
      EXECUTE format(
        'CREATE TABLE %I PARTITION OF api_usage FOR VALUES FROM (%L) TO (%L)',
        name, day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC'
      );
      created := created + 1;
    END IF;
  END LOOP;
  RETURN created;
END $$;
--> statement-breakpoint
-- Drops whole daily partitions older than `keep_days` (raw retention); rollups keep the history.
CREATE OR REPLACE FUNCTION drop_api_usage_partitions_before(cutoff date)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  part record;
  dropped integer := 0;
BEGIN
  FOR part IN
    SELECT c.relname FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    JOIN pg_class p ON p.oid = i.inhparent
    WHERE p.relname = 'api_usage' AND c.relname ~ '^api_usage_[0-9]{8}$'
      AND to_date(substring(c.relname from 11), 'YYYYMMDD') < cutoff
  LOOP
    EXECUTE format('DROP TABLE %I', part.relname);
    dropped := dropped + 1;
  END LOOP;
  RETURN dropped;
END $$;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS api_usage_default PARTITION OF api_usage DEFAULT;
--> statement-breakpoint
SELECT ensure_api_usage_partitions(current_date - 1, 8);
--> statement-breakpoint
ALTER TABLE api_usage ADD CONSTRAINT api_usage_app_check CHECK (app in ('portal', 'tenant'));
--> statement-breakpoint
ALTER TABLE api_usage ADD CONSTRAINT api_usage_status_check CHECK (status between 100 and 599);
--> statement-breakpoint
ALTER TABLE api_usage ADD CONSTRAINT api_usage_amounts_check CHECK (bytes >= 0 and duration_ms >= 0);
--> statement-breakpoint
-- The audit trail is append-only in the database itself, whatever the application does.
CREATE OR REPLACE FUNCTION reject_audit_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION reject_audit_event_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION reject_audit_event_change();

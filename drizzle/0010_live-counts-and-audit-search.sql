CREATE TABLE "conflict_counts" (
	"event_id" uuid NOT NULL,
	"stripe" integer NOT NULL,
	"open" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "conflict_counts_event_id_stripe_pk" PRIMARY KEY("event_id","stripe")
);
--> statement-breakpoint
CREATE TABLE "entrance_counts" (
	"event_id" uuid NOT NULL,
	"entrance_id" uuid NOT NULL,
	"stripe" integer NOT NULL,
	"scans" bigint DEFAULT 0 NOT NULL,
	"admitted" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "entrance_counts_event_id_entrance_id_stripe_pk" PRIMARY KEY("event_id","entrance_id","stripe")
);
--> statement-breakpoint
CREATE TABLE "scan_minute_counts" (
	"event_id" uuid NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"stripe" integer NOT NULL,
	"scans" bigint DEFAULT 0 NOT NULL,
	"accepted" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "scan_minute_counts_event_id_minute_stripe_pk" PRIMARY KEY("event_id","minute","stripe")
);
--> statement-breakpoint
CREATE TABLE "ticket_type_counts" (
	"event_id" uuid NOT NULL,
	"ticket_type_id" uuid NOT NULL,
	"stripe" integer NOT NULL,
	"total" bigint DEFAULT 0 NOT NULL,
	"admitted" bigint DEFAULT 0 NOT NULL,
	"inside" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "ticket_type_counts_event_id_ticket_type_id_stripe_pk" PRIMARY KEY("event_id","ticket_type_id","stripe")
);
--> statement-breakpoint
DROP INDEX "check_ins_event_verdict_idx";--> statement-breakpoint
DROP INDEX "check_ins_event_device_idx";--> statement-breakpoint
DROP INDEX "check_ins_event_entrance_idx";--> statement-breakpoint
ALTER TABLE "conflict_counts" ADD CONSTRAINT "conflict_counts_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entrance_counts" ADD CONSTRAINT "entrance_counts_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_minute_counts" ADD CONSTRAINT "scan_minute_counts_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_type_counts" ADD CONSTRAINT "ticket_type_counts_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "check_ins_event_id_idx" ON "check_ins" USING btree ("event_id","id");--> statement-breakpoint
CREATE INDEX "check_ins_event_disputed_idx" ON "check_ins" USING btree ("event_id","id") WHERE "check_ins"."server_verdict" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "check_ins_event_verdict_idx" ON "check_ins" USING btree ("event_id","verdict","id");--> statement-breakpoint
CREATE INDEX "check_ins_event_device_idx" ON "check_ins" USING btree ("event_id","device_id","id");--> statement-breakpoint
CREATE INDEX "check_ins_event_entrance_idx" ON "check_ins" USING btree ("event_id","entrance_id","id");
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- The audit's text search finds attendees by name or code first (this index), then their
-- check-ins by attendee; codes that match no attendee are searched in check_ins directly.
CREATE INDEX IF NOT EXISTS "attendees_search_trgm_idx" ON "attendees"
  USING gin (("first_name" || ' ' || "last_name" || ' ' || "ticket_code") gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "check_ins_unknown_code_trgm_idx" ON "check_ins"
  USING gin ("ticket_code" gin_trgm_ops) WHERE "attendee_id" IS NULL;
--> statement-breakpoint
-- A scan counts as an admission at its entrance when it admitted a person in for the first
-- time (not a re-entry); a void takes it back. Conflicts count until voided.
CREATE OR REPLACE FUNCTION fastcheck_first_admission(verdict verdict, direction scan_direction, result jsonb) RETURNS boolean
  LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(verdict = 'accepted' AND direction = 'in' AND coalesce((result->>'reentry')::boolean, false) = false, false)
$$;
--> statement-breakpoint
-- check_ins are only ever inserted (append-only): each new row adds to its backend's own
-- counter rows (never waiting on another backend); a void takes back what the scan it voids
-- had added. Per row, with plain upserts: cheapest for the scan path's one-row inserts.
CREATE OR REPLACE FUNCTION fastcheck_count_check_ins() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s integer := pg_backend_pid();
  nil uuid := '00000000-0000-0000-0000-000000000000';
  voided check_ins%ROWTYPE;
BEGIN
  IF NEW.kind = 'scan' THEN
    INSERT INTO entrance_counts AS c (event_id, entrance_id, stripe, scans, admitted)
    VALUES (NEW.event_id, coalesce(NEW.entrance_id, nil), s, 1, fastcheck_first_admission(NEW.verdict, NEW.direction, NEW.result)::int)
    ON CONFLICT (event_id, entrance_id, stripe) DO UPDATE SET scans = c.scans + 1, admitted = c.admitted + excluded.admitted;
    INSERT INTO scan_minute_counts AS c (event_id, minute, stripe, scans, accepted)
    VALUES (NEW.event_id, date_trunc('minute', NEW.scanned_at), s, 1, (NEW.verdict IS NOT DISTINCT FROM 'accepted')::int)
    ON CONFLICT (event_id, minute, stripe) DO UPDATE SET scans = c.scans + 1, accepted = c.accepted + excluded.accepted;
  END IF;
  IF NEW.verdict = 'conflict' THEN
    INSERT INTO conflict_counts AS c (event_id, stripe, open) VALUES (NEW.event_id, s, 1)
    ON CONFLICT (event_id, stripe) DO UPDATE SET open = c.open + 1;
  END IF;
  IF NEW.voids_scan_id IS NOT NULL THEN
    SELECT * INTO voided FROM check_ins WHERE scan_id = NEW.voids_scan_id;
    IF FOUND AND voided.kind = 'scan' AND fastcheck_first_admission(voided.verdict, voided.direction, voided.result) THEN
      INSERT INTO entrance_counts AS c (event_id, entrance_id, stripe, scans, admitted)
      VALUES (voided.event_id, coalesce(voided.entrance_id, nil), s, 0, -1)
      ON CONFLICT (event_id, entrance_id, stripe) DO UPDATE SET admitted = c.admitted - 1;
    END IF;
    IF FOUND AND voided.verdict = 'conflict' THEN
      INSERT INTO conflict_counts AS c (event_id, stripe, open) VALUES (voided.event_id, s, -1)
      ON CONFLICT (event_id, stripe) DO UPDATE SET open = c.open - 1;
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER check_ins_count AFTER INSERT ON check_ins FOR EACH ROW EXECUTE FUNCTION fastcheck_count_check_ins();
--> statement-breakpoint
-- Attendees: what each row adds (valid ones only). Inserts and deletes (imports, syncs) are
-- counted per statement over their transition table (the source is chosen per operation).
CREATE OR REPLACE FUNCTION fastcheck_count_attendees() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src text := CASE TG_OP WHEN 'INSERT' THEN 'SELECT *, 1 AS sign FROM new_rows' ELSE 'SELECT *, -1 AS sign FROM old_rows' END;
BEGIN
  EXECUTE format($q$
    INSERT INTO ticket_type_counts AS c (event_id, ticket_type_id, stripe, total, admitted, inside)
    SELECT event_id, coalesce(ticket_type_id, '00000000-0000-0000-0000-000000000000'), pg_backend_pid(),
      sum(sign), sum(sign * (checkins_used > 0 OR inside)::int), sum(sign * inside::int)
    FROM (%s) r WHERE status = 'valid'
    GROUP BY 1, 2
    HAVING sum(sign) <> 0 OR sum(sign * (checkins_used > 0 OR inside)::int) <> 0 OR sum(sign * inside::int) <> 0
    ORDER BY 1, 2
    ON CONFLICT (event_id, ticket_type_id, stripe) DO UPDATE
      SET total = c.total + excluded.total, admitted = c.admitted + excluded.admitted, inside = c.inside + excluded.inside
  $q$, src);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER attendees_count_insert AFTER INSERT ON attendees REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fastcheck_count_attendees();
--> statement-breakpoint
-- An update (a check-in on the scan path, a sync changing a ticket) is counted per row, and
-- only when it changes what a count sees: the WHEN test runs without calling the function, so
-- a second admission of a multi-entry ticket or a renamed attendee costs nothing.
CREATE OR REPLACE FUNCTION fastcheck_count_attendee_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ticket_type_counts AS c (event_id, ticket_type_id, stripe, total, admitted, inside)
  SELECT event_id, ticket_type_id, pg_backend_pid(), sum(sign), sum(sign * admitted), sum(sign * inside)
  FROM (VALUES
    (OLD.event_id, coalesce(OLD.ticket_type_id, '00000000-0000-0000-0000-000000000000'), -1,
      (OLD.checkins_used > 0 OR OLD.inside)::int, OLD.inside::int, OLD.status = 'valid'),
    (NEW.event_id, coalesce(NEW.ticket_type_id, '00000000-0000-0000-0000-000000000000'), 1,
      (NEW.checkins_used > 0 OR NEW.inside)::int, NEW.inside::int, NEW.status = 'valid')
  ) AS d(event_id, ticket_type_id, sign, admitted, inside, valid)
  WHERE valid
  GROUP BY 1, 2
  HAVING sum(sign) <> 0 OR sum(sign * admitted) <> 0 OR sum(sign * inside) <> 0
  ORDER BY 1, 2
  ON CONFLICT (event_id, ticket_type_id, stripe) DO UPDATE
    SET total = c.total + excluded.total, admitted = c.admitted + excluded.admitted, inside = c.inside + excluded.inside;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER attendees_count_update AFTER UPDATE ON attendees FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.inside IS DISTINCT FROM NEW.inside
    OR (OLD.checkins_used > 0) IS DISTINCT FROM (NEW.checkins_used > 0)
    OR OLD.ticket_type_id IS DISTINCT FROM NEW.ticket_type_id OR OLD.event_id IS DISTINCT FROM NEW.event_id)
  EXECUTE FUNCTION fastcheck_count_attendee_change();
--> statement-breakpoint
CREATE TRIGGER attendees_count_delete AFTER DELETE ON attendees REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fastcheck_count_attendees();
--> statement-breakpoint
-- Folds the rows of backends that have gone into stripe 0 (run now and then); live backends'
-- rows are never touched, so a fold never waits on a check-in.
CREATE OR REPLACE FUNCTION fastcheck_fold_counts() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('fastcheck_fold_counts'));
  WITH gone AS (DELETE FROM entrance_counts WHERE stripe <> 0 AND stripe NOT IN (SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL) RETURNING *)
  INSERT INTO entrance_counts AS c (event_id, entrance_id, stripe, scans, admitted)
  SELECT event_id, entrance_id, 0, sum(scans), sum(admitted) FROM gone GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (event_id, entrance_id, stripe) DO UPDATE SET scans = c.scans + excluded.scans, admitted = c.admitted + excluded.admitted;
  WITH gone AS (DELETE FROM ticket_type_counts WHERE stripe <> 0 AND stripe NOT IN (SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL) RETURNING *)
  INSERT INTO ticket_type_counts AS c (event_id, ticket_type_id, stripe, total, admitted, inside)
  SELECT event_id, ticket_type_id, 0, sum(total), sum(admitted), sum(inside) FROM gone GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (event_id, ticket_type_id, stripe) DO UPDATE
    SET total = c.total + excluded.total, admitted = c.admitted + excluded.admitted, inside = c.inside + excluded.inside;
  WITH gone AS (DELETE FROM scan_minute_counts WHERE stripe <> 0 AND stripe NOT IN (SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL) RETURNING *)
  INSERT INTO scan_minute_counts AS c (event_id, minute, stripe, scans, accepted)
  SELECT event_id, minute, 0, sum(scans), sum(accepted) FROM gone GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (event_id, minute, stripe) DO UPDATE SET scans = c.scans + excluded.scans, accepted = c.accepted + excluded.accepted;
  WITH gone AS (DELETE FROM conflict_counts WHERE stripe <> 0 AND stripe NOT IN (SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL) RETURNING *)
  INSERT INTO conflict_counts AS c (event_id, stripe, open)
  SELECT event_id, 0, sum(open) FROM gone GROUP BY 1 ORDER BY 1
  ON CONFLICT (event_id, stripe) DO UPDATE SET open = c.open + excluded.open;
END $$;
--> statement-breakpoint
-- Counts everything stored afresh into stripe 0: run once here, and after loading data with
-- triggers off (a restore, the benchmark's bulk seed).
CREATE OR REPLACE FUNCTION fastcheck_recount() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('fastcheck_fold_counts'));
  DELETE FROM ticket_type_counts;
  DELETE FROM entrance_counts;
  DELETE FROM scan_minute_counts;
  DELETE FROM conflict_counts;
  INSERT INTO ticket_type_counts (event_id, ticket_type_id, stripe, total, admitted, inside)
  SELECT event_id, coalesce(ticket_type_id, '00000000-0000-0000-0000-000000000000'), 0,
    count(*), count(*) FILTER (WHERE checkins_used > 0 OR inside), count(*) FILTER (WHERE inside)
  FROM attendees WHERE status = 'valid' GROUP BY 1, 2;
  INSERT INTO entrance_counts (event_id, entrance_id, stripe, scans, admitted)
  SELECT s.event_id, coalesce(s.entrance_id, '00000000-0000-0000-0000-000000000000'), 0, count(*),
    count(*) FILTER (WHERE fastcheck_first_admission(s.verdict, s.direction, s.result) AND v.id IS NULL)
  FROM check_ins s LEFT JOIN check_ins v ON v.voids_scan_id = s.scan_id
  WHERE s.kind = 'scan' GROUP BY 1, 2;
  INSERT INTO scan_minute_counts (event_id, minute, stripe, scans, accepted)
  SELECT event_id, date_trunc('minute', scanned_at), 0, count(*), count(*) FILTER (WHERE verdict = 'accepted')
  FROM check_ins WHERE kind = 'scan' GROUP BY 1, 2;
  INSERT INTO conflict_counts (event_id, stripe, open)
  SELECT s.event_id, 0, count(*) FROM check_ins s
  WHERE s.verdict = 'conflict' AND NOT EXISTS (SELECT 1 FROM check_ins v WHERE v.voids_scan_id = s.scan_id)
  GROUP BY 1;
END $$;
--> statement-breakpoint
SELECT fastcheck_recount();

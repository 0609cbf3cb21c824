-- Live counters append-only (issue 10: nothing may slow the scan path). Each check-in used to
-- update its backend's counter rows in place (4 upserts in 3 trigger calls); while any long
-- transaction (an export, a backup, a report) held back the cleanup, every update of one hot
-- row left a dead version that the next upsert had to walk, so the scan path slowed as the
-- night went on (measured: a one-row upsert from 1.6 to 6.3 ms over 60,000 updates). Now a
-- write only INSERTs a row of differences (stripe 1), one trigger call per check_ins row, and
-- fastcheck_fold_counts() (every few seconds, server/stats/fold-counts-service.ts) sums them
-- into one row per count (stripe 0, unique). Readers already sum all rows of a count.
-- The counters lose their foreign keys (each insert's check would share-lock the event row);
-- an event's counts are deleted with it by a trigger instead.
ALTER TABLE "conflict_counts" DROP CONSTRAINT "conflict_counts_event_id_events_id_fk";
--> statement-breakpoint
ALTER TABLE "entrance_counts" DROP CONSTRAINT "entrance_counts_event_id_events_id_fk";
--> statement-breakpoint
ALTER TABLE "scan_minute_counts" DROP CONSTRAINT "scan_minute_counts_event_id_events_id_fk";
--> statement-breakpoint
ALTER TABLE "ticket_type_counts" DROP CONSTRAINT "ticket_type_counts_event_id_events_id_fk";
--> statement-breakpoint
ALTER TABLE "conflict_counts" DROP CONSTRAINT "conflict_counts_event_id_stripe_pk";--> statement-breakpoint
ALTER TABLE "entrance_counts" DROP CONSTRAINT "entrance_counts_event_id_entrance_id_stripe_pk";--> statement-breakpoint
ALTER TABLE "scan_minute_counts" DROP CONSTRAINT "scan_minute_counts_event_id_minute_stripe_pk";--> statement-breakpoint
ALTER TABLE "ticket_type_counts" DROP CONSTRAINT "ticket_type_counts_event_id_ticket_type_id_stripe_pk";--> statement-breakpoint
CREATE INDEX "conflict_counts_event_idx" ON "conflict_counts" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "conflict_counts_folded_key" ON "conflict_counts" USING btree ("event_id") WHERE "conflict_counts"."stripe" = 0;--> statement-breakpoint
CREATE INDEX "entrance_counts_event_idx" ON "entrance_counts" USING btree ("event_id","entrance_id");--> statement-breakpoint
CREATE UNIQUE INDEX "entrance_counts_folded_key" ON "entrance_counts" USING btree ("event_id","entrance_id") WHERE "entrance_counts"."stripe" = 0;--> statement-breakpoint
CREATE INDEX "scan_minute_counts_event_idx" ON "scan_minute_counts" USING btree ("event_id","minute");--> statement-breakpoint
CREATE UNIQUE INDEX "scan_minute_counts_folded_key" ON "scan_minute_counts" USING btree ("event_id","minute") WHERE "scan_minute_counts"."stripe" = 0;--> statement-breakpoint
CREATE INDEX "ticket_type_counts_event_idx" ON "ticket_type_counts" USING btree ("event_id","ticket_type_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_type_counts_folded_key" ON "ticket_type_counts" USING btree ("event_id","ticket_type_id") WHERE "ticket_type_counts"."stripe" = 0;

--> statement-breakpoint
DROP TRIGGER IF EXISTS check_ins_count_inside ON check_ins;
--> statement-breakpoint
DROP FUNCTION IF EXISTS fastcheck_count_inside();
--> statement-breakpoint
-- One trigger call per check_ins row: scans, first admissions and inside-by-entrance (the
-- entrance of the attendee's latest accepted, unvoided scan by scan time, when it is an `in`;
-- drizzle/0013) in one row of differences for the scan's entrance, another row only for an
-- entrance a person leaves, per-minute scans, and open conflicts.
CREATE OR REPLACE FUNCTION fastcheck_count_check_ins() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  nil uuid := '00000000-0000-0000-0000-000000000000';
  gate uuid := coalesce(NEW.entrance_id, nil);
  voided check_ins%ROWTYPE;
  prev record;
  was uuid;
  now_at uuid;
  here integer := 0;
BEGIN
  IF NEW.attendee_id IS NOT NULL AND NEW.voids_scan_id IS NULL AND NEW.kind = 'scan' AND NEW.verdict = 'accepted' THEN
    SELECT c.direction, c.entrance_id, c.scanned_at, c.id INTO prev
    FROM check_ins c
    WHERE c.attendee_id = NEW.attendee_id AND c.kind = 'scan' AND c.verdict = 'accepted' AND c.id <> NEW.id
      AND NOT EXISTS (SELECT 1 FROM check_ins v WHERE v.voids_scan_id = c.scan_id)
    ORDER BY c.scanned_at DESC, c.id DESC
    LIMIT 1;
    IF FOUND AND prev.direction = 'in' THEN
      was := coalesce(prev.entrance_id, nil);
    END IF;
    -- An older scan arriving late (offline) changes nothing: the latest one decides.
    IF NOT FOUND OR (NEW.scanned_at, NEW.id) > (prev.scanned_at, prev.id) THEN
      now_at := CASE WHEN NEW.direction = 'in' THEN gate END;
    ELSE
      now_at := was;
    END IF;
  ELSIF NEW.attendee_id IS NOT NULL AND NEW.voids_scan_id IS NOT NULL THEN
    was := fastcheck_inside_gate(NEW.attendee_id, NEW.id);
    now_at := fastcheck_inside_gate(NEW.attendee_id, 0);
  END IF;
  IF was IS DISTINCT FROM now_at THEN
    IF NEW.kind = 'scan' AND was = gate THEN
      here := here - 1;
    ELSIF was IS NOT NULL THEN
      INSERT INTO entrance_counts (event_id, entrance_id, stripe, inside) VALUES (NEW.event_id, was, 1, -1);
    END IF;
    IF NEW.kind = 'scan' AND now_at = gate THEN
      here := here + 1;
    ELSIF now_at IS NOT NULL THEN
      INSERT INTO entrance_counts (event_id, entrance_id, stripe, inside) VALUES (NEW.event_id, now_at, 1, 1);
    END IF;
  END IF;
  IF NEW.kind = 'scan' THEN
    INSERT INTO entrance_counts (event_id, entrance_id, stripe, scans, admitted, inside)
    VALUES (NEW.event_id, gate, 1, 1, fastcheck_first_admission(NEW.verdict, NEW.direction, NEW.result)::int, here);
    INSERT INTO scan_minute_counts (event_id, minute, stripe, scans, accepted)
    VALUES (NEW.event_id, date_trunc('minute', NEW.scanned_at), 1, 1, (NEW.verdict IS NOT DISTINCT FROM 'accepted')::int);
  END IF;
  IF NEW.verdict = 'conflict' THEN
    INSERT INTO conflict_counts (event_id, stripe, open) VALUES (NEW.event_id, 1, 1);
  END IF;
  IF NEW.voids_scan_id IS NOT NULL THEN
    SELECT * INTO voided FROM check_ins WHERE scan_id = NEW.voids_scan_id;
    IF FOUND AND voided.kind = 'scan' AND fastcheck_first_admission(voided.verdict, voided.direction, voided.result) THEN
      INSERT INTO entrance_counts (event_id, entrance_id, stripe, admitted) VALUES (voided.event_id, coalesce(voided.entrance_id, nil), 1, -1);
    END IF;
    IF FOUND AND voided.verdict = 'conflict' THEN
      INSERT INTO conflict_counts (event_id, stripe, open) VALUES (voided.event_id, 1, -1);
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Attendees inserted or deleted (imports, syncs), per statement over the transition table.
CREATE OR REPLACE FUNCTION fastcheck_count_attendees() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src text := CASE TG_OP WHEN 'INSERT' THEN 'SELECT *, 1 AS sign FROM new_rows' ELSE 'SELECT *, -1 AS sign FROM old_rows' END;
BEGIN
  EXECUTE format($q$
    INSERT INTO ticket_type_counts (event_id, ticket_type_id, stripe, total, admitted, inside)
    SELECT event_id, coalesce(ticket_type_id, '00000000-0000-0000-0000-000000000000'), 1,
      sum(sign), sum(sign * (checkins_used > 0 OR inside)::int), sum(sign * inside::int)
    FROM (%s) r WHERE status = 'valid'
    GROUP BY 1, 2
    HAVING sum(sign) <> 0 OR sum(sign * (checkins_used > 0 OR inside)::int) <> 0 OR sum(sign * inside::int) <> 0
  $q$, src);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- An attendee updated (a check-in, a sync): the common case (same event, type and status) is
-- one row of differences, written only when admitted or inside changed.
CREATE OR REPLACE FUNCTION fastcheck_count_attendee_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  nil uuid := '00000000-0000-0000-0000-000000000000';
  old_type uuid := coalesce(OLD.ticket_type_id, nil);
  new_type uuid := coalesce(NEW.ticket_type_id, nil);
  old_valid boolean := coalesce(OLD.status = 'valid', false);
  new_valid boolean := coalesce(NEW.status = 'valid', false);
  old_admitted integer := (OLD.checkins_used > 0 OR OLD.inside)::integer;
  new_admitted integer := (NEW.checkins_used > 0 OR NEW.inside)::integer;
  old_inside integer := OLD.inside::integer;
  new_inside integer := NEW.inside::integer;
BEGIN
  IF old_valid AND new_valid AND OLD.event_id = NEW.event_id AND old_type = new_type THEN
    IF old_admitted <> new_admitted OR old_inside <> new_inside THEN
      INSERT INTO ticket_type_counts (event_id, ticket_type_id, stripe, admitted, inside)
      VALUES (NEW.event_id, new_type, 1, new_admitted - old_admitted, new_inside - old_inside);
    END IF;
    RETURN NULL;
  END IF;
  IF old_valid THEN
    INSERT INTO ticket_type_counts (event_id, ticket_type_id, stripe, total, admitted, inside)
    VALUES (OLD.event_id, old_type, 1, -1, -old_admitted, -old_inside);
  END IF;
  IF new_valid THEN
    INSERT INTO ticket_type_counts (event_id, ticket_type_id, stripe, total, admitted, inside)
    VALUES (NEW.event_id, new_type, 1, 1, new_admitted, new_inside);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Sums the rows of differences into one row per count. Only rows this statement sees are
-- deleted and added, so differences committed meanwhile stay for the next fold: nothing is
-- lost or counted twice, and no check-in waits on a fold.
CREATE OR REPLACE FUNCTION fastcheck_fold_counts() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('fastcheck_fold_counts'));
  WITH d AS (DELETE FROM entrance_counts WHERE stripe <> 0 RETURNING *)
  INSERT INTO entrance_counts AS c (event_id, entrance_id, stripe, scans, admitted, inside)
  SELECT event_id, entrance_id, 0, sum(scans), sum(admitted), sum(inside) FROM d GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (event_id, entrance_id) WHERE stripe = 0 DO UPDATE
    SET scans = c.scans + excluded.scans, admitted = c.admitted + excluded.admitted, inside = c.inside + excluded.inside;
  WITH d AS (DELETE FROM ticket_type_counts WHERE stripe <> 0 RETURNING *)
  INSERT INTO ticket_type_counts AS c (event_id, ticket_type_id, stripe, total, admitted, inside)
  SELECT event_id, ticket_type_id, 0, sum(total), sum(admitted), sum(inside) FROM d GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (event_id, ticket_type_id) WHERE stripe = 0 DO UPDATE
    SET total = c.total + excluded.total, admitted = c.admitted + excluded.admitted, inside = c.inside + excluded.inside;
  WITH d AS (DELETE FROM scan_minute_counts WHERE stripe <> 0 RETURNING *)
  INSERT INTO scan_minute_counts AS c (event_id, minute, stripe, scans, accepted)
  SELECT event_id, minute, 0, sum(scans), sum(accepted) FROM d GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (event_id, minute) WHERE stripe = 0 DO UPDATE SET scans = c.scans + excluded.scans, accepted = c.accepted + excluded.accepted;
  WITH d AS (DELETE FROM conflict_counts WHERE stripe <> 0 RETURNING *)
  INSERT INTO conflict_counts AS c (event_id, stripe, open)
  SELECT event_id, 0, sum(open) FROM d GROUP BY 1 ORDER BY 1
  ON CONFLICT (event_id) WHERE stripe = 0 DO UPDATE SET open = c.open + excluded.open;
END $$;
--> statement-breakpoint
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
  INSERT INTO entrance_counts AS c (event_id, entrance_id, stripe, inside)
  SELECT event_id, gate, 0, count(*) FROM (
    SELECT DISTINCT ON (s.attendee_id) s.event_id, coalesce(s.entrance_id, '00000000-0000-0000-0000-000000000000') AS gate, s.direction
    FROM check_ins s
    WHERE s.kind = 'scan' AND s.verdict = 'accepted' AND s.attendee_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM check_ins v WHERE v.voids_scan_id = s.scan_id)
    ORDER BY s.attendee_id, s.scanned_at DESC, s.id DESC
  ) latest
  WHERE direction = 'in' GROUP BY 1, 2
  ON CONFLICT (event_id, entrance_id) WHERE stripe = 0 DO UPDATE SET inside = excluded.inside;
  INSERT INTO scan_minute_counts (event_id, minute, stripe, scans, accepted)
  SELECT event_id, date_trunc('minute', scanned_at), 0, count(*), count(*) FILTER (WHERE verdict = 'accepted')
  FROM check_ins WHERE kind = 'scan' GROUP BY 1, 2;
  INSERT INTO conflict_counts (event_id, stripe, open)
  SELECT s.event_id, 0, count(*) FROM check_ins s
  WHERE s.verdict = 'conflict' AND NOT EXISTS (SELECT 1 FROM check_ins v WHERE v.voids_scan_id = s.scan_id)
  GROUP BY 1;
END $$;
--> statement-breakpoint
-- An event's counts go with it (they no longer have a foreign key to cascade).
CREATE OR REPLACE FUNCTION fastcheck_drop_event_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM entrance_counts WHERE event_id = OLD.id;
  DELETE FROM ticket_type_counts WHERE event_id = OLD.id;
  DELETE FROM scan_minute_counts WHERE event_id = OLD.id;
  DELETE FROM conflict_counts WHERE event_id = OLD.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER events_drop_counts AFTER DELETE ON events FOR EACH ROW EXECUTE FUNCTION fastcheck_drop_event_counts();
--> statement-breakpoint
-- The rows each backend kept so far (one per stripe) become the folded rows.
SELECT fastcheck_fold_counts();

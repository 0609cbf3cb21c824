-- The scan path's triggers, made cheap (issue 10: nothing may slow the scan path). On
-- PostgreSQL 15 a LANGUAGE sql function whose body is a query is parsed and planned again on
-- every call from a trigger (0.3 ms each, twice per admission); PL/pgSQL keeps its plans for
-- the session. And a new accepted scan needs one look at the attendee's history, not two.
CREATE OR REPLACE FUNCTION fastcheck_inside_gate(att bigint, skip bigint) RETURNS uuid LANGUAGE plpgsql STABLE AS $$
DECLARE
  gate uuid;
BEGIN
  SELECT CASE WHEN s.direction = 'in' THEN coalesce(s.entrance_id, '00000000-0000-0000-0000-000000000000') END INTO gate
  FROM check_ins s
  WHERE s.attendee_id = att AND s.kind = 'scan' AND s.verdict = 'accepted' AND s.id <> skip
    AND NOT EXISTS (SELECT 1 FROM check_ins v WHERE v.voids_scan_id = s.scan_id AND v.id <> skip)
  ORDER BY s.scanned_at DESC, s.id DESC
  LIMIT 1;
  RETURN gate;
END $$;
--> statement-breakpoint
-- Inside now, by entrance (drizzle/0013): the entrance before the row and after it, each
-- side's count moved by one when they differ. A new scan (not a void) changes the state only
-- when it is the attendee's latest accepted scan, so one look at the latest other one tells both.
CREATE OR REPLACE FUNCTION fastcheck_count_inside() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  nil uuid := '00000000-0000-0000-0000-000000000000';
  was uuid;
  now_at uuid;
  prev record;
BEGIN
  IF NEW.voids_scan_id IS NULL THEN
    SELECT s.direction, s.entrance_id, s.scanned_at, s.id INTO prev
    FROM check_ins s
    WHERE s.attendee_id = NEW.attendee_id AND s.kind = 'scan' AND s.verdict = 'accepted' AND s.id <> NEW.id
      AND NOT EXISTS (SELECT 1 FROM check_ins v WHERE v.voids_scan_id = s.scan_id)
    ORDER BY s.scanned_at DESC, s.id DESC
    LIMIT 1;
    IF FOUND AND prev.direction = 'in' THEN
      was := coalesce(prev.entrance_id, nil);
    END IF;
    IF NEW.kind = 'scan' AND NEW.verdict = 'accepted' AND (NOT FOUND OR (NEW.scanned_at, NEW.id) > (prev.scanned_at, prev.id)) THEN
      now_at := CASE WHEN NEW.direction = 'in' THEN coalesce(NEW.entrance_id, nil) END;
    ELSE
      now_at := was;
    END IF;
  ELSE
    was := fastcheck_inside_gate(NEW.attendee_id, NEW.id);
    now_at := fastcheck_inside_gate(NEW.attendee_id, 0);
  END IF;
  IF was IS NOT DISTINCT FROM now_at THEN
    RETURN NULL;
  END IF;
  IF was IS NOT NULL THEN
    INSERT INTO entrance_counts AS c (event_id, entrance_id, stripe, inside) VALUES (NEW.event_id, was, pg_backend_pid(), -1)
    ON CONFLICT (event_id, entrance_id, stripe) DO UPDATE SET inside = c.inside - 1;
  END IF;
  IF now_at IS NOT NULL THEN
    INSERT INTO entrance_counts AS c (event_id, entrance_id, stripe, inside) VALUES (NEW.event_id, now_at, pg_backend_pid(), 1)
    ON CONFLICT (event_id, entrance_id, stripe) DO UPDATE SET inside = c.inside + 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Ticket-type counts on an attendee update (drizzle/0010): the common case (a check-in: same
-- event, type and status) is one upsert of the differences, without grouping a VALUES list.
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
      INSERT INTO ticket_type_counts AS c (event_id, ticket_type_id, stripe, total, admitted, inside)
      VALUES (NEW.event_id, new_type, pg_backend_pid(), 0, new_admitted - old_admitted, new_inside - old_inside)
      ON CONFLICT (event_id, ticket_type_id, stripe) DO UPDATE
        SET admitted = c.admitted + excluded.admitted, inside = c.inside + excluded.inside;
    END IF;
    RETURN NULL;
  END IF;
  IF old_valid THEN
    INSERT INTO ticket_type_counts AS c (event_id, ticket_type_id, stripe, total, admitted, inside)
    VALUES (OLD.event_id, old_type, pg_backend_pid(), -1, -old_admitted, -old_inside)
    ON CONFLICT (event_id, ticket_type_id, stripe) DO UPDATE
      SET total = c.total + excluded.total, admitted = c.admitted + excluded.admitted, inside = c.inside + excluded.inside;
  END IF;
  IF new_valid THEN
    INSERT INTO ticket_type_counts AS c (event_id, ticket_type_id, stripe, total, admitted, inside)
    VALUES (NEW.event_id, new_type, pg_backend_pid(), 1, new_admitted, new_inside)
    ON CONFLICT (event_id, ticket_type_id, stripe) DO UPDATE
      SET total = c.total + excluded.total, admitted = c.admitted + excluded.admitted, inside = c.inside + excluded.inside;
  END IF;
  RETURN NULL;
END $$;

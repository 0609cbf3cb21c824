ALTER TABLE "entrance_counts" ADD COLUMN "inside" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Inside now, by the entrance people came in through: an attendee counts at the entrance of
-- their latest accepted scan (by scan time) that is not voided, when that scan is an `in`.
-- This function answers it for one attendee, leaving out the check_ins row `skip` (a new scan,
-- or a void, to see the state before it). A handful of rows per attendee, by index.
CREATE OR REPLACE FUNCTION fastcheck_inside_gate(att bigint, skip bigint) RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN s.direction = 'in' THEN coalesce(s.entrance_id, '00000000-0000-0000-0000-000000000000') END
  FROM check_ins s
  WHERE s.attendee_id = att AND s.kind = 'scan' AND s.verdict = 'accepted' AND s.id <> skip
    AND NOT EXISTS (SELECT 1 FROM check_ins v WHERE v.voids_scan_id = s.scan_id AND v.id <> skip)
  ORDER BY s.scanned_at DESC, s.id DESC
  LIMIT 1
$$;
--> statement-breakpoint
-- An accepted scan or a void may move one person between entrances (or in, or out): the
-- entrance before the row and after it are compared, and each side's count moves by one.
CREATE OR REPLACE FUNCTION fastcheck_count_inside() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was uuid;
  now_at uuid;
BEGIN
  was := fastcheck_inside_gate(NEW.attendee_id, NEW.id);
  now_at := fastcheck_inside_gate(NEW.attendee_id, 0);
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
-- Only rows that can change it call the function: refusals and unknown codes cost nothing.
CREATE TRIGGER check_ins_count_inside AFTER INSERT ON check_ins FOR EACH ROW
  WHEN (NEW.attendee_id IS NOT NULL AND (NEW.verdict = 'accepted' OR NEW.voids_scan_id IS NOT NULL))
  EXECUTE FUNCTION fastcheck_count_inside();
--> statement-breakpoint
-- Folding and recounting (drizzle/0010) now carry `inside` too.
CREATE OR REPLACE FUNCTION fastcheck_fold_counts() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('fastcheck_fold_counts'));
  WITH gone AS (DELETE FROM entrance_counts WHERE stripe <> 0 AND stripe NOT IN (SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL) RETURNING *)
  INSERT INTO entrance_counts AS c (event_id, entrance_id, stripe, scans, admitted, inside)
  SELECT event_id, entrance_id, 0, sum(scans), sum(admitted), sum(inside) FROM gone GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (event_id, entrance_id, stripe) DO UPDATE
    SET scans = c.scans + excluded.scans, admitted = c.admitted + excluded.admitted, inside = c.inside + excluded.inside;
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
  ON CONFLICT (event_id, entrance_id, stripe) DO UPDATE SET inside = excluded.inside;
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

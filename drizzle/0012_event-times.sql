ALTER TABLE "events" ADD COLUMN "end_confirmed" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "doors_open_minutes_before" integer DEFAULT 120 NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "rehearsal" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_doors_open_lead" CHECK ("events"."doors_open_minutes_before" BETWEEN 0 AND 1440);--> statement-breakpoint
-- The doors-open lead and rehearsal are rules a phone decides by: they bump rules_version
-- like the window does (see 0007), so the next delta sync carries them to every door.
CREATE OR REPLACE FUNCTION fastcheck_event_rules_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.name, NEW.location, NEW.timezone, NEW.starts_at, NEW.ends_at, NEW.reentry_allowed, NEW.ticket_code_exact_case,
      NEW.doors_open_minutes_before, NEW.rehearsal)
     IS DISTINCT FROM (OLD.name, OLD.location, OLD.timezone, OLD.starts_at, OLD.ends_at, OLD.reentry_allowed, OLD.ticket_code_exact_case,
      OLD.doors_open_minutes_before, OLD.rehearsal) THEN
    NEW.rules_version := NEW.rules_version + 1;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- Tickera events whose end is exactly start + 6 h got it from the old silent assumption:
-- the console asks their organisers to confirm it (an end that really is 6 h is confirmed in one click).
UPDATE events SET end_confirmed = false
  WHERE tickera_site_url IS NOT NULL AND starts_at IS NOT NULL AND ends_at = starts_at + interval '6 hours';

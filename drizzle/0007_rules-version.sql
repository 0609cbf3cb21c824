DROP INDEX "entrances_event_name_key";--> statement-breakpoint
ALTER TABLE "entrances" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "rules_version" bigint DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "entrances_event_name_key" ON "entrances" USING btree ("event_id","name") WHERE "entrances"."removed_at" IS NULL;--> statement-breakpoint
-- Rules version: what a phone decides by (the event's window, re-entry, code case and the
-- names it shows; every ticket type and entrance of the event) bumps events.rules_version,
-- and nothing else does, so a phone's delta sync compares one number.
CREATE OR REPLACE FUNCTION fastcheck_event_rules_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.name, NEW.location, NEW.timezone, NEW.starts_at, NEW.ends_at, NEW.reentry_allowed, NEW.ticket_code_exact_case)
     IS DISTINCT FROM (OLD.name, OLD.location, OLD.timezone, OLD.starts_at, OLD.ends_at, OLD.reentry_allowed, OLD.ticket_code_exact_case) THEN
    NEW.rules_version := NEW.rules_version + 1;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_rules_version BEFORE UPDATE ON events
  FOR EACH ROW EXECUTE FUNCTION fastcheck_event_rules_changed();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION fastcheck_event_setup_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A write that changes nothing but the timestamp (a Tickera re-sync) is not a change.
  IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'updated_at') = (to_jsonb(OLD) - 'updated_at') THEN
    RETURN NULL;
  END IF;
  UPDATE events SET rules_version = rules_version + 1
    WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.event_id ELSE NEW.event_id END;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER entrances_rules_version AFTER INSERT OR UPDATE OR DELETE ON entrances
  FOR EACH ROW EXECUTE FUNCTION fastcheck_event_setup_changed();
--> statement-breakpoint
CREATE TRIGGER ticket_types_rules_version AFTER INSERT OR UPDATE OR DELETE ON ticket_types
  FOR EACH ROW EXECUTE FUNCTION fastcheck_event_setup_changed();

DROP INDEX "check_ins_event_verdict_idx";--> statement-breakpoint
DROP INDEX "check_ins_event_device_idx";--> statement-breakpoint
DROP INDEX "check_ins_event_entrance_idx";--> statement-breakpoint
CREATE INDEX "check_ins_event_id_idx" ON "check_ins" USING btree ("event_id","id");--> statement-breakpoint
CREATE INDEX "check_ins_event_disputed_idx" ON "check_ins" USING btree ("event_id","id") WHERE "check_ins"."server_verdict" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "check_ins_event_verdict_idx" ON "check_ins" USING btree ("event_id","verdict","id");--> statement-breakpoint
CREATE INDEX "check_ins_event_device_idx" ON "check_ins" USING btree ("event_id","device_id","id");--> statement-breakpoint
CREATE INDEX "check_ins_event_entrance_idx" ON "check_ins" USING btree ("event_id","entrance_id","id");--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- The audit's text search finds attendees by name or code first (this index), then their
-- check-ins by attendee; codes that match no attendee are searched in check_ins directly.
CREATE INDEX IF NOT EXISTS "attendees_search_trgm_idx" ON "attendees"
  USING gin (("first_name" || ' ' || "last_name" || ' ' || "ticket_code") gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "check_ins_unknown_code_trgm_idx" ON "check_ins"
  USING gin ("ticket_code" gin_trgm_ops) WHERE "attendee_id" IS NULL;

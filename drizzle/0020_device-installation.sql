ALTER TABLE "devices" ADD COLUMN "installation_id" uuid;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "session_generation" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "devices_event_installation_key" ON "devices" USING btree ("event_id","installation_id");
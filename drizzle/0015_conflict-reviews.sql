CREATE TYPE "public"."conflict_review_action" AS ENUM('annotate', 'resolve', 'reopen');--> statement-breakpoint
CREATE TABLE "conflict_reviews" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "conflict_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"event_id" uuid NOT NULL,
	"scan_id" uuid NOT NULL,
	"action" "conflict_review_action" NOT NULL,
	"note" text,
	"user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conflict_reviews" ADD CONSTRAINT "conflict_reviews_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_reviews" ADD CONSTRAINT "conflict_reviews_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conflict_reviews_scan_idx" ON "conflict_reviews" USING btree ("scan_id","id");--> statement-breakpoint
-- Reviews are an audit of their own: appended, never changed (fastcheck_refuse_change from 0001).
CREATE TRIGGER conflict_reviews_append_only BEFORE UPDATE OR DELETE ON conflict_reviews
  FOR EACH ROW EXECUTE FUNCTION fastcheck_refuse_change();
--> statement-breakpoint
CREATE TRIGGER conflict_reviews_no_truncate BEFORE TRUNCATE ON conflict_reviews
  FOR EACH STATEMENT EXECUTE FUNCTION fastcheck_refuse_change();

CREATE TYPE "public"."scan_time_flag" AS ENUM('future', 'past');--> statement-breakpoint
ALTER TABLE "check_ins" ADD COLUMN "phone_scanned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "check_ins" ADD COLUMN "time_flag" "scan_time_flag";
-- Append-only tables: the database itself refuses UPDATE, DELETE and TRUNCATE.
CREATE OR REPLACE FUNCTION fastcheck_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER check_ins_append_only BEFORE UPDATE OR DELETE ON check_ins
  FOR EACH ROW EXECUTE FUNCTION fastcheck_refuse_change();
--> statement-breakpoint
CREATE TRIGGER check_ins_no_truncate BEFORE TRUNCATE ON check_ins
  FOR EACH STATEMENT EXECUTE FUNCTION fastcheck_refuse_change();
--> statement-breakpoint
CREATE TRIGGER admin_audit_append_only BEFORE UPDATE OR DELETE ON admin_audit
  FOR EACH ROW EXECUTE FUNCTION fastcheck_refuse_change();
--> statement-breakpoint
CREATE TRIGGER admin_audit_no_truncate BEFORE TRUNCATE ON admin_audit
  FOR EACH STATEMENT EXECUTE FUNCTION fastcheck_refuse_change();
--> statement-breakpoint
-- Delta-sync stamp: every write to an attendee takes the writing transaction's id and a
-- fresh sequence number. Readers page by (change_xid, change_seq) and only return rows
-- whose transaction is older than every transaction still running, so a slow writer can
-- never commit "behind" a cursor a phone already holds.
CREATE SEQUENCE attendee_change_seq;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION fastcheck_stamp_attendee() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.change_xid := pg_current_xact_id()::text::bigint;
  NEW.change_seq := nextval('attendee_change_seq');
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER attendees_stamp BEFORE INSERT OR UPDATE ON attendees
  FOR EACH ROW EXECUTE FUNCTION fastcheck_stamp_attendee();

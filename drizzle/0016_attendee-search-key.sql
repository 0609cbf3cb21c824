-- Folds text for search exactly as shared/search-fold.ts does (server/db/repos/search-fold.test.ts
-- compares the two on every Latin letter): decompose, drop combining marks, lower-case, spell
-- out letters without a mark to drop. ASCII text (most names) only needs lower(). Immutable:
-- normalize() and lower() are, and the generated column search_key depends on that.
CREATE OR REPLACE FUNCTION fastcheck_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN octet_length(t) = length(t) THEN lower(t) ELSE
    replace(replace(replace(replace(
      translate(lower(regexp_replace(normalize(t, NFD), '[\u0300-\u036f]', '', 'g')), 'øłđðħı', 'olddhi'),
      'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe'), 'þ', 'th')
  END
$$;
--> statement-breakpoint
ALTER TABLE "attendees" ADD COLUMN "search_key" text GENERATED ALWAYS AS (fastcheck_fold(first_name || ' ' || last_name || ' ' || email || ' ' || ticket_code)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "attendees_search_key_trgm_idx" ON "attendees" USING gin ("search_key" gin_trgm_ops);
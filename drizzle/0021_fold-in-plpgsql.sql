-- fastcheck_fold (drizzle/0016) as PL/pgSQL, same result: as a LANGUAGE sql function it was not
-- inlined into the generated column attendees.search_key (its argument is used more than once),
-- so every UPDATE statement of an attendee set the SQL function up afresh, about 0.1 ms on each
-- check-in's one-row update. PL/pgSQL keeps the function ready for the session.
-- server/db/repos/search-fold.test.ts still holds it to shared/search-fold.ts on every letter.
CREATE OR REPLACE FUNCTION fastcheck_fold(t text) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  IF octet_length(t) = length(t) THEN
    RETURN lower(t);
  END IF;
  RETURN replace(replace(replace(replace(
      translate(lower(regexp_replace(normalize(t, NFD), '[\u0300-\u036f]', '', 'g')), 'øłđðħı', 'olddhi'),
      'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe'), 'þ', 'th');
END $$;

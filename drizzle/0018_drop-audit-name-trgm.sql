-- The audit's text search now finds attendees through search_key (attendees_search_key_trgm_idx,
-- drizzle/0016), folded like the attendees tab, so the older trigram index over first name,
-- last name and code (drizzle/0010) is read by nothing and only slows every attendee write.
DROP INDEX IF EXISTS "attendees_search_trgm_idx";

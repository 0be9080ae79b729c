-- The journal entry's hash, computed by the statement that writes the entry, so that a transition
-- takes the chain head, writes its entries and moves the head in one round trip (the head stays
-- locked for that statement and the commit only). It is the same function as entryHash in
-- workflows/journal/hash.ts — SHA-256 of canonical JSON: keys sorted at every depth, no spaces,
-- JSON string escapes — and `npm run journal:verify` recomputes every hash with that one, so the
-- two implementations check each other (tests/integration/journal-hash.test.ts compares them on
-- generated payloads). Numbers in payloads are integers (jsonb prints 1e-7 as 0.0000001).
CREATE OR REPLACE FUNCTION journal_canonical_json(v jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  result text;
BEGIN
  CASE jsonb_typeof(v)
    WHEN 'object' THEN
      -- Code-point order of the keys: JavaScript's order for every key outside the astral planes.
      SELECT '{' || coalesce(string_agg(to_jsonb(key)::text || ':' || journal_canonical_json(value), ',' ORDER BY key COLLATE "C"), '') || '}'
        INTO result FROM jsonb_each(v);
    WHEN 'array' THEN
      SELECT '[' || coalesce(string_agg(journal_canonical_json(elem), ',' ORDER BY pos), '') || ']'
        INTO result FROM jsonb_array_elements(v) WITH ORDINALITY AS a(elem, pos);
    ELSE
      -- Strings, numbers, booleans print as JSON.stringify prints them; SQL NULL is JSON null.
      result := coalesce(v::text, 'null');
  END CASE;
  RETURN result;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION journal_entry_hash(
  chain text, seq bigint, at timestamptz, actor_id uuid, actor_role text, office_code text, action text,
  subject_inn text, entity_type text, entity_id text, before jsonb, after jsonb, prev_hash text
) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to(journal_canonical_json(jsonb_build_object(
    'chain', chain, 'seq', seq, 'at', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'actorId', actor_id, 'actorRole', actor_role, 'officeCode', office_code, 'action', action,
    'subjectInn', subject_inn, 'entityType', entity_type, 'entityId', entity_id,
    'before', before, 'after', after, 'prevHash', prev_hash
  )), 'UTF8')), 'hex')
$$;

-- Lead assignment explanations and queue reasons become jsonb: a Text ({"$t": key, "params": …},
-- rendered in each reader's language) or, for rows logged before texts were translated, the plain
-- sentence as a JSON string. Until now the Text's JSON sat in a text column and was recognised by
-- its opening characters on every read.
ALTER TABLE lead_assignments
  ALTER COLUMN explanation TYPE jsonb
    USING (CASE WHEN explanation LIKE '{"$t"%' THEN explanation::jsonb ELSE to_jsonb(explanation) END),
  ALTER COLUMN queued_reason TYPE jsonb
    USING (CASE WHEN queued_reason LIKE '{"$t"%' THEN queued_reason::jsonb ELSE to_jsonb(queued_reason) END);

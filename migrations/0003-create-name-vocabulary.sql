-- 0003-create-name-vocabulary.sql — why: fuzzy child search must stay fast at national scale (#2:
-- search by name p95 ≤ 100 ms over 12 million children). Trigram matching over every child's name is
-- too slow once a name is common; instead the fuzzy match runs over the vocabulary of distinct names
-- (thousands of rows, not millions) and children are then found by exact name through b-tree indexes.
-- The per-child trigram GIN indexes go: they cost more on every insert than they gave on search.

CREATE TABLE name_vocabulary (
  name text PRIMARY KEY
);
CREATE INDEX name_vocabulary_trgm ON name_vocabulary USING gist (name gist_trgm_ops);
CREATE INDEX name_vocabulary_prefix ON name_vocabulary (name text_pattern_ops);

CREATE INDEX children_family_name_lower_idx ON children (lower(family_name));
CREATE INDEX children_given_name_lower_idx ON children (lower(given_name));
DROP INDEX children_family_name_trgm;
DROP INDEX children_given_name_trgm;

INSERT INTO name_vocabulary (name)
  SELECT lower(given_name) FROM children UNION SELECT lower(family_name) FROM children
  ON CONFLICT DO NOTHING;

-- Kept current by statement-level triggers, so bulk loads (COPY, multi-row INSERT) pay once per
-- statement. On Citus, where statement triggers on distributed tables are not available, the
-- application maintains the vocabulary instead (docs/adr/0002-distribution-plan.md).
CREATE FUNCTION children_names_to_vocabulary() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO name_vocabulary (name)
    SELECT lower(given_name) FROM new_rows UNION SELECT lower(family_name) FROM new_rows
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER children_names_vocabulary_insert AFTER INSERT ON children
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION children_names_to_vocabulary();
CREATE TRIGGER children_names_vocabulary_update AFTER UPDATE ON children
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION children_names_to_vocabulary();

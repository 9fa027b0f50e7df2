-- 0001-create-spine.sql — why: the spine every later feature stands on (#2): organisations, teams and
-- users; the child record with its identifiers, names, addresses and relationships; dated status
-- episodes from which flags are derived; manual flags with provenance; the legitimate relationships
-- that give a user scope over a child; sessions; and the hash-chained audit log.
--
-- Child-scoped tables carry child_id as the first column of their primary key so they can be
-- distributed by child_id on Citus (see docs/adr/0002-distribution-plan.md).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE organisations (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  kind text NOT NULL,
  parent_id uuid REFERENCES organisations (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE teams (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  name text NOT NULL,
  kind text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX teams_organisation_idx ON teams (organisation_id);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  role_id text NOT NULL,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  team_id uuid REFERENCES teams (id),
  active boolean NOT NULL DEFAULT true,
  failed_sign_ins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  id text PRIMARY KEY,              -- sha256 of the cookie token; the token itself is never stored
  user_id uuid NOT NULL REFERENCES users (id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  absolute_expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Adults (parents, carers, household members) known to services. Not children's records.
CREATE TABLE people (
  id uuid PRIMARY KEY,
  given_name text NOT NULL,
  family_name text NOT NULL,
  date_of_birth date,
  nhs_number text,
  phone text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE children (
  id uuid PRIMARY KEY,
  nhs_number text,
  nhs_number_status text NOT NULL DEFAULT 'unverified',   -- unverified | verified (PDS traced) | none
  la_child_id text,
  given_name text NOT NULL,
  family_name text NOT NULL,
  date_of_birth date,
  expected_due_on date,
  is_unborn boolean NOT NULL DEFAULT false,
  born_as_child_id uuid,              -- on an unborn record: the child record it became at birth
  unborn_record_id uuid,              -- on a born child: the unborn record it came from
  mother_person_id uuid REFERENCES people (id),
  sex text NOT NULL DEFAULT 'unknown',
  ethnicity text,
  registered_practice_id uuid REFERENCES organisations (id),
  school_id uuid REFERENCES organisations (id),
  responsible_la_id uuid REFERENCES organisations (id),
  placement_area text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT children_nhs_number_format CHECK (nhs_number IS NULL OR nhs_number ~ '^[0-9]{10}$'),
  CONSTRAINT children_unborn_dob CHECK (is_unborn OR date_of_birth IS NOT NULL)
);
CREATE UNIQUE INDEX children_nhs_number_key ON children (nhs_number) WHERE nhs_number IS NOT NULL;
CREATE UNIQUE INDEX children_la_child_id_key ON children (la_child_id) WHERE la_child_id IS NOT NULL;
CREATE INDEX children_dob_idx ON children (date_of_birth);
CREATE INDEX children_practice_idx ON children (registered_practice_id);
CREATE INDEX children_family_name_trgm ON children USING gin (family_name gin_trgm_ops);
CREATE INDEX children_given_name_trgm ON children USING gin (given_name gin_trgm_ops);

CREATE TABLE child_identifiers (
  child_id uuid NOT NULL REFERENCES children (id),
  id uuid NOT NULL,
  kind text NOT NULL,                 -- e.g. upn, hospital_number, previous_la_child_id
  value text NOT NULL,
  issuer text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (child_id, id)
);
CREATE INDEX child_identifiers_value_idx ON child_identifiers (kind, value);

CREATE TABLE child_names (
  child_id uuid NOT NULL REFERENCES children (id),
  id uuid NOT NULL,
  given_name text NOT NULL,
  family_name text NOT NULL,
  kind text NOT NULL DEFAULT 'usual', -- usual | previous | alias
  valid_from date,
  valid_to date,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (child_id, id)
);

CREATE TABLE child_addresses (
  child_id uuid NOT NULL REFERENCES children (id),
  id uuid NOT NULL,
  line1 text NOT NULL,
  town text,
  postcode text NOT NULL,
  valid_from date NOT NULL,
  valid_to date,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (child_id, id)
);

CREATE TABLE relationships (
  child_id uuid NOT NULL REFERENCES children (id),
  id uuid NOT NULL,
  kind text NOT NULL,                 -- mother, father, parent, sibling, household_member, foster_carer, ...
  related_child_id uuid REFERENCES children (id),
  related_person_id uuid REFERENCES people (id),
  has_parental_responsibility boolean NOT NULL DEFAULT false,
  lives_with boolean NOT NULL DEFAULT false,
  valid_from date,
  valid_to date,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (child_id, id),
  CONSTRAINT relationships_one_party CHECK ((related_child_id IS NULL) <> (related_person_id IS NULL))
);
CREATE INDEX relationships_related_child_idx ON relationships (related_child_id);
CREATE INDEX relationships_related_person_idx ON relationships (related_person_id);

CREATE TABLE status_episodes (
  child_id uuid NOT NULL REFERENCES children (id),
  id uuid NOT NULL,
  kind text NOT NULL,                 -- early_help | child_in_need | child_protection | looked_after | care_leaver
  started_on date NOT NULL,
  ended_on date,
  cp_category text,
  legal_status text,
  placement_type text,
  placement_provider text,
  placement_in_area boolean,
  extended_to_25 boolean NOT NULL DEFAULT false,
  source text NOT NULL,
  recorded_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (child_id, id),
  CONSTRAINT status_episodes_dates CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX status_episodes_open_idx ON status_episodes (kind, child_id) WHERE ended_on IS NULL;

CREATE TABLE manual_flags (
  child_id uuid NOT NULL REFERENCES children (id),
  id uuid NOT NULL,
  kind text NOT NULL,                 -- fgm_risk | marac | cse_concern | ...
  note text,
  source text NOT NULL,
  recorded_by uuid NOT NULL REFERENCES users (id),
  recorded_at timestamptz NOT NULL,
  review_on date NOT NULL,
  ended_on date,
  disclosure_decision text NOT NULL,  -- disclosed | not_disclosed
  disclosure_reason text,
  PRIMARY KEY (child_id, id)
);

-- Legitimate relationships between a user (or team) and a child: the basis of scope.
CREATE TABLE caseload_allocations (
  child_id uuid NOT NULL REFERENCES children (id),
  id uuid NOT NULL,
  team_id uuid NOT NULL REFERENCES teams (id),
  user_id uuid REFERENCES users (id),
  service text NOT NULL,              -- health_visiting | school_nursing | midwifery | camhs | ...
  started_on date NOT NULL,
  ended_on date,
  PRIMARY KEY (child_id, id)
);
CREATE INDEX caseload_team_idx ON caseload_allocations (team_id, child_id) WHERE ended_on IS NULL;
CREATE INDEX caseload_user_idx ON caseload_allocations (user_id, child_id) WHERE ended_on IS NULL;

CREATE TABLE presentations (
  child_id uuid NOT NULL REFERENCES children (id),
  id uuid NOT NULL,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  user_id uuid NOT NULL REFERENCES users (id),
  reason text NOT NULL,
  started_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (child_id, id)
);
CREATE INDEX presentations_org_idx ON presentations (organisation_id, child_id);

-- Append-only audit log, hash-chained per chain. Several chains let concurrent transactions append
-- without queueing on one row; `clasp audit verify` checks every chain.
CREATE TABLE audit_chains (
  chain_id integer PRIMARY KEY,
  seq bigint NOT NULL DEFAULT 0,
  prev_hash text NOT NULL DEFAULT '',
  last_hash text NOT NULL
);
INSERT INTO audit_chains (chain_id, last_hash)
  SELECT g, repeat('0', 64) FROM generate_series(0, 15) AS g;

CREATE TABLE audit_events (
  chain_id integer NOT NULL,
  seq bigint NOT NULL,
  occurred_at timestamptz NOT NULL,
  actor_id uuid,
  action text NOT NULL,
  outcome text NOT NULL,              -- allowed | denied | not_found | failed
  child_id uuid,
  record text NOT NULL,               -- canonical JSON of the event, exactly as hashed
  prev_hash text NOT NULL,
  hash text NOT NULL,
  -- Arrival order across all chains, for investigations and exports (not part of the hash).
  logged_order bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (chain_id, seq)
);
CREATE INDEX audit_events_child_idx ON audit_events (child_id, occurred_at) WHERE child_id IS NOT NULL;
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, occurred_at);

-- The audit log is append-only: refuse updates and deletes at the database.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END $$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

CREATE TABLE app_settings (
  key text PRIMARY KEY,
  value text NOT NULL
);

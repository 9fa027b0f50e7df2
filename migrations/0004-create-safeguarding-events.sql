-- 0004-create-safeguarding-events.sql — why: #3. Health services hold pieces of a child's story that do
-- not reach each other (CQC Bedford 2015 recs 1.1, 1.16, 2.8, 3.8). An append-only typed event log per
-- child; routing of each event to team worklists by versioned rules; items that must be acknowledged
-- and actioned, and escalate to the team manager when they are not.
--
-- Child-scoped tables are keyed (child_id, id) so they can be distributed by child_id (ADR 0002).

-- Who a team's escalations go to, and which team takes work for children with no allocated team.
ALTER TABLE teams ADD COLUMN manager_user_id uuid REFERENCES users (id);
ALTER TABLE teams ADD COLUMN receives_unallocated boolean NOT NULL DEFAULT false;

CREATE TABLE child_events (
  child_id uuid NOT NULL REFERENCES children (id),
  id uuid NOT NULL,
  type text NOT NULL,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  recorded_by uuid,                     -- the signed-in user (no FK: checked per row it cost a fifth of feed ingest)
  organisation_id uuid REFERENCES organisations (id),   -- where it happened / who told us
  service text NOT NULL,
  source text NOT NULL,                 -- ui | api | feed
  source_system text,                   -- the sending system (feed name, integration)
  source_id text,                       -- its id for the event: a re-send is idempotent
  significance text NOT NULL,           -- routine | significant | critical
  confidentiality text NOT NULL DEFAULT 'standard',
  -- An adult-focused event (e.g. a police DV notification) is recorded on every child of the household;
  -- the copies share this id so a household chronology shows it once.
  household_event_id uuid,
  summary text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  routing_version integer NOT NULL,
  PRIMARY KEY (child_id, id)
);
CREATE INDEX child_events_chronology_idx ON child_events (child_id, occurred_at DESC, id DESC);
-- No (child_id, type) index: per-child reads by type walk the chronology index (a child has few events), and
-- every index is paid for on each of a feed's rows (≥ 5,000 events/s ingest target).
CREATE UNIQUE INDEX child_events_source_key ON child_events (child_id, source_system, source_id) WHERE source_id IS NOT NULL;
CREATE INDEX child_events_source_idx ON child_events (source_system, source_id) WHERE source_id IS NOT NULL;
CREATE INDEX child_events_household_idx ON child_events (household_event_id) WHERE household_event_id IS NOT NULL;

-- The event log is append-only: a correction is a new event, never an edit.
CREATE FUNCTION child_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'child_events is append-only';
END $$;
CREATE TRIGGER child_events_no_update BEFORE UPDATE OR DELETE ON child_events
  FOR EACH ROW EXECUTE FUNCTION child_events_append_only();

CREATE TABLE worklist_items (
  child_id uuid NOT NULL,               -- checked through (child_id, event_id) → child_events → children
  id uuid NOT NULL,
  event_id uuid NOT NULL,
  team_id uuid NOT NULL,                -- resolved from teams in the routing transaction (no per-row FK check)
  rule_id text NOT NULL,
  rule_version integer NOT NULL,
  action text NOT NULL,                 -- check | follow_up | copy | file_plan
  priority text NOT NULL,               -- urgent | routine
  reason text NOT NULL,                 -- the rule's plain-English reason, as routed
  created_at timestamptz NOT NULL,
  escalate_at timestamptz,              -- not acknowledged by then: escalates to the team manager
  escalated_at timestamptz,
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES users (id),
  actioned_at timestamptz,
  actioned_by uuid REFERENCES users (id),
  outcome text,
  outcome_note text,
  PRIMARY KEY (child_id, id),
  FOREIGN KEY (child_id, event_id) REFERENCES child_events (child_id, id),
  CONSTRAINT worklist_items_ack_before_action CHECK (actioned_at IS NULL OR acknowledged_at IS NOT NULL)
);
CREATE UNIQUE INDEX worklist_items_once_key ON worklist_items (child_id, event_id, team_id, rule_id);
-- A team's queue in the order it is worked (urgent first, then oldest): the first page is read straight off
-- this index and stops at the page size, however many items the team has.
CREATE INDEX worklist_items_team_queue_idx ON worklist_items (team_id, (priority = 'urgent') DESC, created_at, id) WHERE actioned_at IS NULL;
-- The "done" tab: partial, so routing a new (open) item never touches it.
CREATE INDEX worklist_items_team_done_idx ON worklist_items (team_id, actioned_at DESC) WHERE actioned_at IS NOT NULL;
CREATE INDEX worklist_items_due_idx ON worklist_items (escalate_at) WHERE acknowledged_at IS NULL AND escalated_at IS NULL;

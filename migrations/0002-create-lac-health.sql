-- 0002-create-lac-health.sql — why: the looked-after children's health pipeline (#4): SSDA903 episodes,
-- reviews and missing episodes from the local authority; health activity (assessments, dental and
-- development checks, immunisations, SDQ); statutory health assessments as versioned forms with
-- contributions; SMART health plans whose unmet actions carry forward; QA reviews of assessments.
-- Every table is child-scoped with child_id first in its key (docs/adr/0002-distribution-plan.md).

-- SSDA903 episode detail on the looked-after status episodes. source_key makes re-imports idempotent:
-- 'ssda903:<DECOM>' for an episode from the return.
ALTER TABLE status_episodes
  ADD COLUMN source_key text,
  ADD COLUMN reason_new_episode text,
  ADD COLUMN category_of_need text,
  ADD COLUMN reason_ceased text,
  ADD COLUMN reason_place_change text,
  ADD COLUMN home_postcode text,
  ADD COLUMN placement_postcode text,
  ADD COLUMN urn text;
CREATE UNIQUE INDEX status_episodes_source_key ON status_episodes (child_id, source_key) WHERE source_key IS NOT NULL;

CREATE TABLE lac_reviews (
  child_id uuid NOT NULL REFERENCES children (id),
  id uuid NOT NULL,
  review_on date NOT NULL,
  review_code text,
  source_key text NOT NULL,
  PRIMARY KEY (child_id, id),
  UNIQUE (child_id, source_key)
);

CREATE TABLE missing_episodes (
  child_id uuid NOT NULL REFERENCES children (id),
  id uuid NOT NULL,
  kind text NOT NULL,                 -- M missing | A away without authorisation
  started_on date NOT NULL,
  ended_on date,
  source_key text NOT NULL,
  PRIMARY KEY (child_id, id),
  UNIQUE (child_id, source_key)
);

-- Health activity for looked-after children: from a previous system (import) or recorded in CLASP.
CREATE TABLE health_activities (
  child_id uuid NOT NULL REFERENCES children (id),
  id uuid NOT NULL,
  activity text NOT NULL,             -- health_assessment | dental_check | development_check | immunisation_status | sdq
  activity_on date NOT NULL,
  result text,                        -- IHA/RHA; up_to_date/not_up_to_date; SDQ total 0-40
  source text NOT NULL,
  source_key text,
  recorded_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (child_id, id)
);
CREATE UNIQUE INDEX health_activities_source_key ON health_activities (child_id, source_key) WHERE source_key IS NOT NULL;
CREATE INDEX health_activities_activity_idx ON health_activities (activity, activity_on);

-- SDQ returns: item responses (as answered on the form, 0/1/2, null unanswered) and computed scores.
CREATE TABLE sdq_returns (
  child_id uuid NOT NULL REFERENCES children (id),
  id uuid NOT NULL,
  completed_on date NOT NULL,
  informant text NOT NULL DEFAULT 'carer',
  responses jsonb,                    -- {"q1":0,...,"q25":2} or null when only a total is known
  emotional integer,
  conduct integer,
  hyperactivity integer,
  peer integer,
  prosocial integer,
  total_difficulties integer,
  band text,
  scoring_version text NOT NULL,
  recorded_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (child_id, id)
);

-- Statutory health assessments (IHA/RHA), captured on versioned forms.
CREATE TABLE health_assessments (
  child_id uuid NOT NULL REFERENCES children (id),
  id uuid NOT NULL,
  kind text NOT NULL,                 -- IHA | RHA
  status text NOT NULL,               -- requested | booked | completed | declined | did_not_attend | cancelled
  due_on date NOT NULL,
  booked_at timestamptz,
  location text,
  completed_on date,
  form_id text,
  form_version integer,
  answers jsonb,
  practitioner_id uuid REFERENCES users (id),
  team_id uuid REFERENCES teams (id),
  breach_reason text,
  out_of_area boolean NOT NULL DEFAULT false,
  host_area text,
  host_requested_on date,
  host_received_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (child_id, id)
);
CREATE INDEX health_assessments_status_idx ON health_assessments (status, due_on);

-- Contributions requested for an assessment: GP (4.11), CAMHS progress (rec 3.9), school, carer SDQ.
CREATE TABLE assessment_contributions (
  child_id uuid NOT NULL REFERENCES children (id),
  id uuid NOT NULL,
  assessment_id uuid NOT NULL,
  contributor text NOT NULL,          -- gp | camhs | school | carer_sdq | host_area
  requested_on date NOT NULL,
  due_on date NOT NULL,
  received_on date,
  summary text,
  PRIMARY KEY (child_id, id)
);

CREATE TABLE health_plans (
  child_id uuid NOT NULL REFERENCES children (id),
  id uuid NOT NULL,
  assessment_id uuid,
  sequence integer NOT NULL,          -- 1 for the child's first plan; each new plan supersedes the last
  created_on date NOT NULL,
  created_by uuid REFERENCES users (id),
  PRIMARY KEY (child_id, id),
  UNIQUE (child_id, sequence)
);

CREATE TABLE health_plan_actions (
  child_id uuid NOT NULL REFERENCES children (id),
  id uuid NOT NULL,
  plan_id uuid NOT NULL,
  need text NOT NULL,
  action text NOT NULL,
  owner_name text NOT NULL,
  owner_role text NOT NULL,
  measurable_outcome text NOT NULL,
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'open', -- open | met | unmet | carried_forward
  carried_from_action_id uuid,
  history jsonb NOT NULL DEFAULT '[]'::jsonb,
  PRIMARY KEY (child_id, id)
);

-- Quality assurance of completed assessments against a versioned checklist (rec 1.6).
CREATE TABLE qa_reviews (
  child_id uuid NOT NULL REFERENCES children (id),
  id uuid NOT NULL,
  assessment_id uuid NOT NULL,
  checklist_id text NOT NULL,
  checklist_version integer NOT NULL,
  answers jsonb NOT NULL,
  score integer NOT NULL,
  max_score integer NOT NULL,
  reviewer_id uuid REFERENCES users (id),
  practitioner_id uuid REFERENCES users (id),
  team_id uuid REFERENCES teams (id),
  internal boolean NOT NULL,
  reviewed_at timestamptz NOT NULL,
  PRIMARY KEY (child_id, id)
);

-- 0005-create-safeguarding-loops.sql — why: #3 "closed loops on timers". A safeguarding message is only
-- safe once it has been received and acknowledged: verbal MASH referrals not confirmed in writing (CQC
-- Bedford 2015 rec 2.8), CP plans not on every service's record (rec 3.8), CAMHS progress not informing
-- the LAC health review (rec 3.9), GP reports to conference (rec 4.3). Each loop is a set of steps, one per
-- agency and thing expected, with when it is expected by, when it was received and acknowledged, and when
-- it escalated. Whether a loop is closed is derived from its steps (and, for a CP plan, from each service's
-- worklist item), never stored, so it cannot disagree with them.
--
-- Child-scoped tables keyed (child_id, id) so they can be distributed by child_id (ADR 0002).

CREATE TABLE safeguarding_loops (
  child_id uuid NOT NULL REFERENCES children (id),
  id uuid NOT NULL,
  kind text NOT NULL,                   -- mash_referral | cp_conference | camhs_progress
  opened_at timestamptz NOT NULL,
  opened_by uuid REFERENCES users (id),
  -- mash_referral: the referral event that opened it; cp_conference: the plan event once received.
  source_event_id uuid,
  plan_event_id uuid,
  -- Who made the referral (the outcome goes back to them).
  referrer_organisation_id uuid REFERENCES organisations (id),
  referral_mode text,                   -- verbal | written
  conference_kind text,                 -- initial | review
  conference_at timestamptz,
  -- camhs_progress: the LAC health assessment and its CAMHS contribution (migration 0002).
  assessment_id uuid,
  contribution_id uuid,
  PRIMARY KEY (child_id, id)
);
CREATE UNIQUE INDEX safeguarding_loops_source_key ON safeguarding_loops (child_id, kind, source_event_id) WHERE source_event_id IS NOT NULL;
CREATE UNIQUE INDEX safeguarding_loops_contribution_key ON safeguarding_loops (child_id, contribution_id) WHERE contribution_id IS NOT NULL;
CREATE INDEX safeguarding_loops_child_idx ON safeguarding_loops (child_id, opened_at DESC);

CREATE TABLE safeguarding_loop_steps (
  child_id uuid NOT NULL REFERENCES children (id),
  id uuid NOT NULL,
  loop_id uuid NOT NULL,
  step text NOT NULL,                   -- written_confirmation | mash_decision | outcome_to_referrer | gp_report | health_report | plan_received | camhs_progress
  agency text NOT NULL,                 -- referrer | mash | gp | health_visiting | school_nursing | camhs | midwifery | lac_health | childrens_social_care ...
  agency_organisation_id uuid REFERENCES organisations (id),
  sequence integer NOT NULL,
  expected_by timestamptz NOT NULL,
  rule text NOT NULL,                   -- the timescale and its source (domain-rules §)
  needs_acknowledgement boolean NOT NULL DEFAULT false,
  received_at timestamptz,
  received_by uuid REFERENCES users (id),
  received_event_id uuid,
  received_note text,
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES users (id),
  escalated_at timestamptz,
  PRIMARY KEY (child_id, id),
  FOREIGN KEY (child_id, loop_id) REFERENCES safeguarding_loops (child_id, id),
  CONSTRAINT safeguarding_loop_steps_ack_after_receipt CHECK (acknowledged_at IS NULL OR received_at IS NOT NULL)
);
CREATE UNIQUE INDEX safeguarding_loop_steps_once_key ON safeguarding_loop_steps (child_id, loop_id, step, agency);
CREATE INDEX safeguarding_loop_steps_due_idx ON safeguarding_loop_steps (expected_by) WHERE escalated_at IS NULL AND acknowledged_at IS NULL;

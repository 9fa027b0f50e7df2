-- 0006-create-break-glass.sql — why: #5 "break-glass" and "step-up re-authentication". A clinician outside a
-- child's scope may need the record now (an ED clinician at 3 a.m. with a child who is not presenting at
-- their organisation). Emergency access is a time-boxed grant with a reason from a list plus free text,
-- notified at once to the designated and named nurses and reviewed by them, each use closed as justified or
-- escalated. The grant is a legitimate relationship for scope only while expires_at is in the future
-- (children.scope.ts), so an expired grant gives nothing. Step-up: the session remembers when the password
-- was last re-entered; break-glass and sealed categories need it to be fresh (domain/access/break-glass.ts).
--
-- break_glass_grants is child-scoped, keyed (child_id, id) so it can be distributed by child_id (ADR 0002).
-- notifications are per recipient user, keyed (recipient_user_id, id).

CREATE TABLE break_glass_grants (
  child_id uuid NOT NULL REFERENCES children (id),
  id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  team_id uuid REFERENCES teams (id),
  role_id text NOT NULL,                -- the role at the time of the grant
  reason_code text NOT NULL,            -- BREAK_GLASS_REASONS (versioned data), with reasons_version
  reasons_version integer NOT NULL,
  reason_text text NOT NULL,            -- stored for the reviewer; never copied into the audit log
  granted_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  reviewed_at timestamptz,
  reviewed_by uuid REFERENCES users (id),
  review_outcome text,                  -- justified | escalated
  review_note text,
  PRIMARY KEY (child_id, id),
  CONSTRAINT break_glass_grants_window CHECK (expires_at > granted_at AND expires_at <= granted_at + interval '4 hours'),
  CONSTRAINT break_glass_grants_outcome CHECK (review_outcome IS NULL OR review_outcome IN ('justified', 'escalated')),
  CONSTRAINT break_glass_grants_review_complete CHECK ((reviewed_at IS NULL) = (review_outcome IS NULL) AND (reviewed_at IS NULL) = (reviewed_by IS NULL))
);
-- The scope predicate: is there an unexpired grant for this user and child?
CREATE INDEX break_glass_grants_scope_idx ON break_glass_grants (child_id, user_id, expires_at);
CREATE INDEX break_glass_grants_grant_idx ON break_glass_grants (id);
CREATE INDEX break_glass_grants_open_idx ON break_glass_grants (granted_at DESC) WHERE reviewed_at IS NULL;

CREATE TABLE notifications (
  recipient_user_id uuid NOT NULL REFERENCES users (id),
  id uuid NOT NULL,
  kind text NOT NULL,                   -- break_glass.granted
  child_id uuid REFERENCES children (id),
  ref_id uuid,                          -- the grant (or other object) it is about
  created_at timestamptz NOT NULL,
  read_at timestamptz,
  PRIMARY KEY (recipient_user_id, id)
);
CREATE INDEX notifications_unread_idx ON notifications (recipient_user_id, created_at DESC) WHERE read_at IS NULL;
CREATE INDEX notifications_ref_idx ON notifications (ref_id);

-- Step-up re-authentication: when the password was last re-entered in this session.
ALTER TABLE sessions ADD COLUMN stepped_up_at timestamptz;

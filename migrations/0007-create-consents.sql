-- 0007-create-consents.sql — why: #5 "Consent". Consent is recorded per purpose (share with a named service,
-- include in a report), given by the young person when competent (Gillick / Fraser, or presumed at 16+) or by
-- a person with parental responsibility otherwise, with date, scope and withdrawal. Sharing checks consent at
-- the moment of sharing (domain/consent/consent.ts); a safeguarding override — sharing without consent to
-- protect a child — is its own permission, needs a reason and is audited. Every share, with consent or under
-- an override, is a row in `shares` (what, with whom, why, on what basis, by whom, when).
--
-- Recipient model (one, for consents and shares): a named service is an organisation, optionally narrowed to
-- one of its services (a team kind, domain/organisations.ts TEAM_KINDS). A share goes to a team (its
-- organisation and kind) or to an organisation. "Include in a report" names no recipient.
--
-- Both tables are child-scoped, keyed (child_id, id), so they can be distributed by child_id (ADR 0002).

CREATE TABLE consents (
  child_id uuid NOT NULL REFERENCES children (id),
  id uuid NOT NULL,
  purpose text NOT NULL,                          -- share_with_service | include_in_report
  recipient_organisation_id uuid REFERENCES organisations (id),
  recipient_service text,                          -- a team kind; NULL = any service of the organisation
  categories text[] NOT NULL,                      -- confidentiality categories covered (domain/access/confidentiality.ts)
  scope text NOT NULL DEFAULT '',                  -- what the young person / PR holder agreed to, in their words
  given_by text NOT NULL,                          -- young_person | parental_responsibility
  parental_responsibility_relationship_id uuid,   -- the PR holder (relationships row with has_parental_responsibility)
  competence_basis text,                           -- gillick | fraser | aged_16_or_over (given by the young person)
  competence_assessed_by uuid REFERENCES users (id),
  given_on date NOT NULL,
  expires_on date,
  recorded_by uuid NOT NULL REFERENCES users (id),
  recorded_at timestamptz NOT NULL,
  withdrawn_on date,
  withdrawn_at timestamptz,                        -- the instant it stopped allowing anything
  withdrawn_by uuid REFERENCES users (id),
  withdrawn_reason text,
  PRIMARY KEY (child_id, id),
  FOREIGN KEY (child_id, parental_responsibility_relationship_id) REFERENCES relationships (child_id, id),
  CONSTRAINT consents_purpose CHECK (purpose IN ('share_with_service', 'include_in_report')),
  CONSTRAINT consents_recipient CHECK ((purpose = 'share_with_service') = (recipient_organisation_id IS NOT NULL)),
  CONSTRAINT consents_service_needs_org CHECK (recipient_service IS NULL OR recipient_organisation_id IS NOT NULL),
  CONSTRAINT consents_categories CHECK (cardinality(categories) > 0),
  CONSTRAINT consents_given_by CHECK (given_by IN ('young_person', 'parental_responsibility')),
  CONSTRAINT consents_young_person CHECK (
    given_by <> 'young_person' OR (competence_basis IN ('gillick', 'fraser', 'aged_16_or_over') AND competence_assessed_by IS NOT NULL AND parental_responsibility_relationship_id IS NULL)),
  CONSTRAINT consents_parental_responsibility CHECK (
    given_by <> 'parental_responsibility' OR (parental_responsibility_relationship_id IS NOT NULL AND competence_basis IS NULL)),
  CONSTRAINT consents_expiry CHECK (expires_on IS NULL OR expires_on >= given_on),
  CONSTRAINT consents_withdrawal_complete CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL) AND (withdrawn_at IS NULL) = (withdrawn_on IS NULL))
);
CREATE INDEX consents_child_purpose_idx ON consents (child_id, purpose);

CREATE TABLE shares (
  child_id uuid NOT NULL REFERENCES children (id),
  id uuid NOT NULL,
  event_ids uuid[] NOT NULL,                       -- what was shared (child_events ids of this child)
  purpose text NOT NULL,                           -- share_with_service | include_in_report
  recipient_team_id uuid REFERENCES teams (id),
  recipient_organisation_id uuid REFERENCES organisations (id),
  report text,                                     -- include_in_report: gp_report_draft | chronology_csv | chronology_print
  basis text NOT NULL,                             -- consent | safeguarding_override
  consent_ids uuid[] NOT NULL DEFAULT '{}',        -- the consents relied on (basis consent)
  override_reason text,                            -- basis safeguarding_override: why, kept here and never in the audit log
  shared_by uuid NOT NULL REFERENCES users (id),
  shared_at timestamptz NOT NULL,
  PRIMARY KEY (child_id, id),
  CONSTRAINT shares_purpose CHECK (purpose IN ('share_with_service', 'include_in_report')),
  CONSTRAINT shares_recipient CHECK (
    (purpose = 'share_with_service' AND recipient_organisation_id IS NOT NULL AND report IS NULL)
    OR (purpose = 'include_in_report' AND recipient_organisation_id IS NULL AND recipient_team_id IS NULL AND report IS NOT NULL)),
  CONSTRAINT shares_basis CHECK (
    (basis = 'consent' AND cardinality(consent_ids) > 0 AND override_reason IS NULL)
    OR (basis = 'safeguarding_override' AND override_reason IS NOT NULL AND length(btrim(override_reason)) > 0))
);
CREATE INDEX shares_child_idx ON shares (child_id, shared_at DESC);
CREATE INDEX shares_override_idx ON shares (shared_at DESC) WHERE basis = 'safeguarding_override';

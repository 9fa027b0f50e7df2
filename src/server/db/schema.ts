import type { ColumnType, Generated } from 'kysely';

/** Dates (`date` columns) are returned as 'YYYY-MM-DD' strings: see the type parser in database.ts. */
type IsoDateColumn = string;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrganisationsTable {
  id: string;
  code: string;
  name: string;
  kind: string;
  parent_id: string | null;
  created_at: TimestampDefault;
}
export interface TeamsTable {
  id: string;
  organisation_id: string;
  name: string;
  kind: string;
  /** Whose queue this team's escalated worklist items go to (#3). */
  manager_user_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Takes routed work for children with no team of the routed service allocated (#3). */
  receives_unallocated: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: TimestampDefault;
}
export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role_id: string;
  organisation_id: string;
  team_id: string | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  failed_sign_ins: ColumnType<number, number | undefined, number>;
  locked_until: Timestamp | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: TimestampDefault;
}
export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  absolute_expires_at: Timestamp;
  revoked_at: Timestamp | null;
  /** Step-up re-authentication (#5 break-glass, sealed categories): when the password was last re-entered. */
  stepped_up_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
export interface PeopleTable {
  id: string;
  given_name: string;
  family_name: string;
  date_of_birth: IsoDateColumn | null;
  nhs_number: string | null;
  phone: string | null;
  created_at: TimestampDefault;
}
export interface ChildrenTable {
  id: string;
  nhs_number: string | null;
  nhs_number_status: ColumnType<string, string | undefined, string>;
  la_child_id: string | null;
  given_name: string;
  family_name: string;
  date_of_birth: IsoDateColumn | null;
  expected_due_on: IsoDateColumn | null;
  is_unborn: ColumnType<boolean, boolean | undefined, boolean>;
  born_as_child_id: string | null;
  unborn_record_id: string | null;
  mother_person_id: string | null;
  sex: ColumnType<string, string | undefined, string>;
  ethnicity: string | null;
  registered_practice_id: string | null;
  school_id: string | null;
  responsible_la_id: string | null;
  placement_area: string | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}
export interface ChildIdentifiersTable {
  confidentiality: ColumnType<string, string | undefined, string>;
  child_id: string;
  id: string;
  kind: string;
  value: string;
  issuer: string | null;
  created_at: TimestampDefault;
}
export interface ChildNamesTable {
  confidentiality: ColumnType<string, string | undefined, string>;
  child_id: string;
  id: string;
  given_name: string;
  family_name: string;
  kind: string;
  valid_from: IsoDateColumn | null;
  valid_to: IsoDateColumn | null;
  recorded_at: TimestampDefault;
}
export interface ChildAddressesTable {
  confidentiality: ColumnType<string, string | undefined, string>;
  child_id: string;
  id: string;
  line1: string;
  town: string | null;
  postcode: string;
  valid_from: IsoDateColumn;
  valid_to: IsoDateColumn | null;
  recorded_at: TimestampDefault;
}
export interface RelationshipsTable {
  child_id: string;
  id: string;
  kind: string;
  related_child_id: string | null;
  related_person_id: string | null;
  has_parental_responsibility: ColumnType<boolean, boolean | undefined, boolean>;
  lives_with: ColumnType<boolean, boolean | undefined, boolean>;
  valid_from: IsoDateColumn | null;
  valid_to: IsoDateColumn | null;
  recorded_at: TimestampDefault;
}
export interface StatusEpisodesTable {
  child_id: string;
  id: string;
  kind: string;
  started_on: IsoDateColumn;
  ended_on: IsoDateColumn | null;
  cp_category: string | null;
  legal_status: string | null;
  placement_type: string | null;
  placement_provider: string | null;
  placement_in_area: boolean | null;
  extended_to_25: ColumnType<boolean, boolean | undefined, boolean>;
  source: string;
  recorded_by: string | null;
  recorded_at: TimestampDefault;
  source_key: ColumnType<string | null, string | null | undefined, string | null>;
  reason_new_episode: ColumnType<string | null, string | null | undefined, string | null>;
  category_of_need: ColumnType<string | null, string | null | undefined, string | null>;
  reason_ceased: ColumnType<string | null, string | null | undefined, string | null>;
  reason_place_change: ColumnType<string | null, string | null | undefined, string | null>;
  home_postcode: ColumnType<string | null, string | null | undefined, string | null>;
  placement_postcode: ColumnType<string | null, string | null | undefined, string | null>;
  urn: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface ManualFlagsTable {
  confidentiality: ColumnType<string, string | undefined, string>;
  child_id: string;
  id: string;
  kind: string;
  note: string | null;
  source: string;
  recorded_by: string;
  recorded_at: Timestamp;
  review_on: IsoDateColumn;
  ended_on: IsoDateColumn | null;
  disclosure_decision: string;
  disclosure_reason: string | null;
}
export interface CaseloadAllocationsTable {
  child_id: string;
  id: string;
  team_id: string;
  user_id: string | null;
  service: string;
  started_on: IsoDateColumn;
  ended_on: IsoDateColumn | null;
}
export interface PresentationsTable {
  child_id: string;
  id: string;
  organisation_id: string;
  user_id: string;
  reason: string;
  started_at: Timestamp;
  expires_at: Timestamp;
}
export interface AuditChainsTable {
  chain_id: number;
  seq: ColumnType<string, string | number, string | number>;
  prev_hash: string;
  last_hash: string;
}
export interface AuditEventsTable {
  chain_id: number;
  seq: ColumnType<string, string | number, string | number>;
  occurred_at: Timestamp;
  actor_id: string | null;
  action: string;
  outcome: string;
  child_id: string | null;
  record: string;
  prev_hash: string;
  hash: string;
  logged_order: Generated<string>;
}
export interface AppSettingsTable {
  key: string;
  value: string;
}
export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

type Json = ColumnType<unknown, string | undefined | null, string | null>;

export interface LacReviewsTable {
  child_id: string;
  id: string;
  review_on: IsoDateColumn;
  review_code: string | null;
  source_key: string;
}
export interface MissingEpisodesTable {
  child_id: string;
  id: string;
  kind: string;
  started_on: IsoDateColumn;
  ended_on: IsoDateColumn | null;
  source_key: string;
}
export interface HealthActivitiesTable {
  child_id: string;
  id: string;
  activity: string;
  activity_on: IsoDateColumn;
  result: string | null;
  source: string;
  source_key: string | null;
  recorded_by: string | null;
  recorded_at: TimestampDefault;
}
export interface SdqReturnsTable {
  child_id: string;
  id: string;
  completed_on: IsoDateColumn;
  informant: ColumnType<string, string | undefined, string>;
  responses: Json;
  emotional: number | null;
  conduct: number | null;
  hyperactivity: number | null;
  peer: number | null;
  prosocial: number | null;
  total_difficulties: number | null;
  band: string | null;
  scoring_version: string;
  recorded_by: string | null;
  recorded_at: TimestampDefault;
}
export interface HealthAssessmentsTable {
  child_id: string;
  id: string;
  kind: string;
  status: string;
  due_on: IsoDateColumn;
  booked_at: Timestamp | null;
  location: string | null;
  completed_on: IsoDateColumn | null;
  form_id: string | null;
  form_version: number | null;
  answers: Json;
  practitioner_id: string | null;
  team_id: string | null;
  breach_reason: string | null;
  out_of_area: ColumnType<boolean, boolean | undefined, boolean>;
  host_area: string | null;
  host_requested_on: IsoDateColumn | null;
  host_received_on: IsoDateColumn | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}
export interface AssessmentContributionsTable {
  child_id: string;
  id: string;
  assessment_id: string;
  contributor: string;
  requested_on: IsoDateColumn;
  due_on: IsoDateColumn;
  received_on: IsoDateColumn | null;
  summary: string | null;
}
export interface HealthPlansTable {
  child_id: string;
  id: string;
  assessment_id: string | null;
  sequence: number;
  created_on: IsoDateColumn;
  created_by: string | null;
}
export interface HealthPlanActionsTable {
  child_id: string;
  id: string;
  plan_id: string;
  need: string;
  action: string;
  owner_name: string;
  owner_role: string;
  measurable_outcome: string;
  due_on: IsoDateColumn;
  status: ColumnType<string, string | undefined, string>;
  carried_from_action_id: string | null;
  history: ColumnType<unknown, string | undefined, string>;
}
export interface QaReviewsTable {
  child_id: string;
  id: string;
  assessment_id: string;
  checklist_id: string;
  checklist_version: number;
  answers: ColumnType<unknown, string, string>;
  score: number;
  max_score: number;
  reviewer_id: string | null;
  practitioner_id: string | null;
  team_id: string | null;
  internal: boolean;
  reviewed_at: Timestamp;
}

export interface NameVocabularyTable {
  name: string;
}

export interface ChildEventsTable {
  child_id: string;
  id: string;
  type: string;
  occurred_at: Timestamp;
  recorded_at: Timestamp;
  recorded_by: string | null;
  organisation_id: string | null;
  service: string;
  source: string;
  source_system: string | null;
  source_id: string | null;
  significance: string;
  confidentiality: ColumnType<string, string | undefined, string>;
  household_event_id: string | null;
  summary: string;
  details: ColumnType<Record<string, unknown>, string, string>;
  routing_version: number;
}
export interface WorklistItemsTable {
  child_id: string;
  id: string;
  event_id: string;
  team_id: string;
  rule_id: string;
  rule_version: number;
  action: string;
  priority: string;
  reason: string;
  created_at: Timestamp;
  escalate_at: Timestamp | null;
  escalated_at: Timestamp | null;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  actioned_at: Timestamp | null;
  actioned_by: string | null;
  outcome: string | null;
  outcome_note: string | null;
}

// #3 closed loops (migration 0005) — safeguarding-loops module
export interface SafeguardingLoopsTable {
  child_id: string;
  id: string;
  kind: string;
  opened_at: Timestamp;
  opened_by: string | null;
  source_event_id: string | null;
  plan_event_id: string | null;
  referrer_organisation_id: string | null;
  referral_mode: string | null;
  conference_kind: string | null;
  conference_at: Timestamp | null;
  assessment_id: string | null;
  contribution_id: string | null;
}
export interface SafeguardingLoopStepsTable {
  child_id: string;
  id: string;
  loop_id: string;
  step: string;
  agency: string;
  agency_organisation_id: string | null;
  sequence: number;
  expected_by: Timestamp;
  rule: string;
  needs_acknowledgement: ColumnType<boolean, boolean | undefined, boolean>;
  received_at: Timestamp | null;
  received_by: string | null;
  received_event_id: string | null;
  received_note: string | null;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  escalated_at: Timestamp | null;
}
// end #3 closed loops

// #5 break-glass (migration 0006)
export interface BreakGlassGrantsTable {
  child_id: string;
  id: string;
  user_id: string;
  organisation_id: string;
  team_id: string | null;
  role_id: string;
  reason_code: string;
  reasons_version: number;
  reason_text: string;
  granted_at: Timestamp;
  expires_at: Timestamp;
  reviewed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  reviewed_by: ColumnType<string | null, string | null | undefined, string | null>;
  review_outcome: ColumnType<string | null, string | null | undefined, string | null>;
  review_note: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface NotificationsTable {
  recipient_user_id: string;
  id: string;
  kind: string;
  child_id: string | null;
  ref_id: string | null;
  created_at: Timestamp;
  read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
// end #5 break-glass

// #5 consent and sharing (migration 0007)
export interface ConsentsTable {
  child_id: string;
  id: string;
  purpose: string;
  recipient_organisation_id: string | null;
  recipient_service: string | null;
  categories: string[];
  scope: ColumnType<string, string | undefined, string>;
  given_by: string;
  parental_responsibility_relationship_id: string | null;
  competence_basis: string | null;
  competence_assessed_by: string | null;
  given_on: IsoDateColumn;
  expires_on: IsoDateColumn | null;
  recorded_by: string;
  recorded_at: Timestamp;
  withdrawn_on: ColumnType<IsoDateColumn | null, IsoDateColumn | null | undefined, IsoDateColumn | null>;
  withdrawn_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  withdrawn_by: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawn_reason: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface SharesTable {
  child_id: string;
  id: string;
  event_ids: string[];
  purpose: string;
  recipient_team_id: string | null;
  recipient_organisation_id: string | null;
  report: string | null;
  basis: string;
  consent_ids: ColumnType<string[], string[] | undefined, string[]>;
  override_reason: string | null;
  shared_by: string;
  shared_at: Timestamp;
}
// end #5 consent and sharing

export interface Database {
  break_glass_grants: BreakGlassGrantsTable; // #5 break-glass
  notifications: NotificationsTable; // #5 break-glass
  consents: ConsentsTable; // #5 consent
  shares: SharesTable; // #5 consent
  safeguarding_loops: SafeguardingLoopsTable; // #3 closed loops
  safeguarding_loop_steps: SafeguardingLoopStepsTable; // #3 closed loops
  child_events: ChildEventsTable;
  worklist_items: WorklistItemsTable;
  name_vocabulary: NameVocabularyTable;
  organisations: OrganisationsTable;
  teams: TeamsTable;
  users: UsersTable;
  sessions: SessionsTable;
  people: PeopleTable;
  children: ChildrenTable;
  child_identifiers: ChildIdentifiersTable;
  child_names: ChildNamesTable;
  child_addresses: ChildAddressesTable;
  relationships: RelationshipsTable;
  status_episodes: StatusEpisodesTable;
  manual_flags: ManualFlagsTable;
  caseload_allocations: CaseloadAllocationsTable;
  presentations: PresentationsTable;
  audit_chains: AuditChainsTable;
  audit_events: AuditEventsTable;
  app_settings: AppSettingsTable;
  schema_migrations: SchemaMigrationsTable;
  lac_reviews: LacReviewsTable;
  missing_episodes: MissingEpisodesTable;
  health_activities: HealthActivitiesTable;
  sdq_returns: SdqReturnsTable;
  health_assessments: HealthAssessmentsTable;
  assessment_contributions: AssessmentContributionsTable;
  health_plans: HealthPlansTable;
  health_plan_actions: HealthPlanActionsTable;
  qa_reviews: QaReviewsTable;
}

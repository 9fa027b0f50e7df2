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
  child_id: string;
  id: string;
  kind: string;
  value: string;
  issuer: string | null;
  created_at: TimestampDefault;
}
export interface ChildNamesTable {
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
}
export interface ManualFlagsTable {
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

export interface Database {
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
}

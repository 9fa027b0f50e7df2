/**
 * Roles and their permissions, as versioned data (Primero's three axes: action on a resource type,
 * record scope, and read/write per form). Checked only through the pure functions in permissions.ts.
 *
 * Scope is granted by legitimate relationships between the user and the child (#2, review 5.1.4, 1.23):
 * - `own_caseload`     the user is the allocated practitioner
 * - `team_caseload`    the child is allocated to the user's team
 * - `organisation_caseload` the child is allocated to any team in the user's organisation
 * - `registered_practice` the child is registered with the user's GP practice
 * - `looked_after`     the child is looked after or a care leaver (the LAC health team)
 * - `presenting`       the child is presenting at the user's organisation now (ED; the act is audited)
 * - `all`              every child in the area (designated professionals, MASH health)
 */
export const ROLE_DEFINITIONS_VERSION = 1;

export const RESOURCES = ['child', 'status_episode', 'flag', 'relationship', 'presentation', 'cohort', 'user', 'audit', 'organisation', 'health_assessment', 'health_plan', 'sdq', 'qa_review', 'lac_report', 'safeguarding_event', 'worklist', 'safeguarding_loop', 'consent', 'share', 'break_glass', 'access_review'] as const;
export type Resource = (typeof RESOURCES)[number];
export const ACTIONS = ['read', 'create', 'update', 'search', 'verify', 'import', 'override', 'review', 'export'] as const;
export type Action = (typeof ACTIONS)[number];

export const SCOPE_GRANTS = [
  'own_caseload',
  'team_caseload',
  'organisation_caseload',
  'registered_practice',
  'looked_after',
  'presenting',
  'all',
] as const;
export type ScopeGrant = (typeof SCOPE_GRANTS)[number];

export type FormAccess = 'r' | 'rw';

export interface RoleDefinition {
  label: string;
  /** Kind of organisation the role normally sits in (used by seeding and the user form). */
  service: string;
  scope: readonly ScopeGrant[];
  /**
   * Unscheduled care may look up a child's CP-IS style flags by NHS number for any child (audited);
   * CP-IS gives emergency settings exactly this view.
   */
  unscheduledCareFlagLookup?: boolean;
  actions: Partial<Record<Resource, readonly Action[]>>;
  forms: Record<string, FormAccess>;
}

const clinicalRead = {
  child: ['read', 'search'],
  status_episode: ['read'],
  flag: ['read', 'create', 'update'],
  relationship: ['read'],
} as const satisfies Partial<Record<Resource, readonly Action[]>>;

const clinicalWrite = {
  child: ['read', 'search', 'create', 'update'],
  status_episode: ['read'],
  flag: ['read', 'create', 'update'],
  relationship: ['read', 'create'],
} as const satisfies Partial<Record<Resource, readonly Action[]>>;

/** The LAC health pipeline (#4): statutory assessments, plans, SDQ, QA and the LAC reports. */
const lacHealthWrite = {
  health_assessment: ['read', 'create', 'update'],
  health_plan: ['read', 'create', 'update'],
  sdq: ['read', 'create'],
  qa_review: ['read', 'create'],
  lac_report: ['read'],
} as const satisfies Partial<Record<Resource, readonly Action[]>>;

const lacHealthRead = {
  health_assessment: ['read'],
  health_plan: ['read'],
  sdq: ['read'],
} as const satisfies Partial<Record<Resource, readonly Action[]>>;

/**
 * Safeguarding events, routed worklists and closed loops (#3). Recording an event and working one's own
 * team's worklist is part of every clinical role; which events a child's record shows is still limited
 * by scope and by confidentiality category.
 */
const events = {
  safeguarding_event: ['read', 'create'],
  worklist: ['read', 'update'],
  safeguarding_loop: ['read', 'create', 'update'],
} as const satisfies Partial<Record<Resource, readonly Action[]>>;

/** Sending a feed of events (ED, clinics, police) for any child in the area: the sender is a source system, not a reader. */
const eventFeeds = { safeguarding_event: ['read', 'create', 'import'] } as const satisfies Partial<Record<Resource, readonly Action[]>>;

/**
 * Confidentiality (#5): consent per purpose, sharing that checks it (a safeguarding override — sharing without
 * consent to protect a child — is its own permission, `share: override`), break-glass emergency access for
 * clinicians outside a child's scope, and the access review ("who looked at this child and why").
 */
const consentAndSharing = {
  consent: ['read', 'create', 'update'],
  share: ['create'],
  break_glass: ['create'],
} as const satisfies Partial<Record<Resource, readonly Action[]>>;
const safeguardingLead = {
  ...consentAndSharing,
  share: ['create', 'override'],
  break_glass: ['create', 'read', 'review'],
  access_review: ['read', 'export'],
} as const satisfies Partial<Record<Resource, readonly Action[]>>;

/**
 * Importing the local authority's SSDA903 return or a health-activity file writes episodes for every child in it,
 * whoever they are: its own permission, for the LAC health team and the designated professionals only (found by the
 * access matrix: `status_episode: create` alone let any role that records a CP plan import the whole return).
 */
const lacReturns = { status_episode: ['read', 'create', 'update', 'import'] } as const satisfies Partial<Record<Resource, readonly Action[]>>;

const statusWrite = {
  child: ['read', 'search', 'create', 'update'],
  status_episode: ['read', 'create', 'update'],
  flag: ['read', 'create', 'update'],
  relationship: ['read', 'create'],
} as const satisfies Partial<Record<Resource, readonly Action[]>>;

export const ROLES = {
  midwife: { label: 'Midwife', service: 'maternity', scope: ['own_caseload', 'team_caseload'], actions: { ...consentAndSharing, ...clinicalWrite, ...events }, forms: { child_summary: 'rw' } },
  safeguarding_midwife: { label: 'Safeguarding midwife', service: 'maternity', scope: ['organisation_caseload'], actions: { ...consentAndSharing, share: ['create', 'override'], ...statusWrite, ...events }, forms: { child_summary: 'rw' } },
  health_visitor: { label: 'Health visitor', service: 'health_visiting', scope: ['own_caseload', 'team_caseload'], actions: { ...consentAndSharing, ...clinicalWrite, ...events }, forms: { child_summary: 'rw' } },
  school_nurse: { label: 'School nurse', service: 'school_nursing', scope: ['own_caseload', 'team_caseload'], actions: { ...consentAndSharing, ...clinicalWrite, ...events }, forms: { child_summary: 'rw' } },
  zero_to_nineteen_team_manager: { label: '0-19 team manager', service: 'health_visiting', scope: ['organisation_caseload'], actions: { ...consentAndSharing, ...events, ...clinicalWrite, cohort: ['read'] }, forms: { child_summary: 'rw' } },
  ed_clinician: { label: 'Emergency department clinician', service: 'emergency_department', scope: ['presenting'], unscheduledCareFlagLookup: true, actions: { ...consentAndSharing, ...events, ...clinicalRead, child: ['read', 'search'], presentation: ['create', 'read'] }, forms: { child_summary: 'r' } },
  paediatric_liaison_nurse: { label: 'Paediatric liaison nurse', service: 'emergency_department', scope: ['presenting', 'team_caseload'], unscheduledCareFlagLookup: true, actions: { ...consentAndSharing, ...events, ...eventFeeds, ...clinicalRead, presentation: ['create', 'read'] }, forms: { child_summary: 'r' } },
  paediatrician: { label: 'Paediatrician', service: 'paediatrics', scope: ['team_caseload', 'presenting', 'looked_after'], unscheduledCareFlagLookup: true, actions: { ...consentAndSharing, ...events, ...clinicalWrite, ...lacHealthWrite, qa_review: ['read'], presentation: ['create', 'read'] }, forms: { child_summary: 'rw', initial_health_assessment: 'rw', review_health_assessment: 'rw' } },
  gp: { label: 'GP', service: 'general_practice', scope: ['registered_practice'], actions: { ...consentAndSharing, ...events, ...clinicalWrite, ...lacHealthRead, cohort: ['read'] }, forms: { child_summary: 'rw', initial_health_assessment: 'r', review_health_assessment: 'r' } },
  named_gp: { label: 'Named GP for safeguarding', service: 'general_practice', scope: ['registered_practice', 'all'], actions: { ...safeguardingLead, ...events, ...clinicalRead, cohort: ['read'] }, forms: { child_summary: 'r' } },
  camhs_practitioner: { label: 'CAMHS practitioner', service: 'camhs', scope: ['own_caseload', 'team_caseload'], actions: { ...consentAndSharing, ...clinicalWrite, ...events }, forms: { child_summary: 'rw' } },
  lac_camhs_practitioner: { label: 'LAC CAMHS practitioner', service: 'camhs', scope: ['own_caseload', 'team_caseload'], actions: { ...consentAndSharing, ...events, ...clinicalWrite, ...lacHealthRead, sdq: ['read', 'create'] }, forms: { child_summary: 'rw', review_health_assessment: 'r' } },
  lac_nurse: { label: 'Looked-after children nurse', service: 'lac_health', scope: ['looked_after', 'team_caseload'], actions: { ...consentAndSharing, ...events, ...statusWrite, ...lacReturns, ...lacHealthWrite, cohort: ['read'] }, forms: { child_summary: 'rw', initial_health_assessment: 'r', review_health_assessment: 'rw' } },
  designated_nurse: { label: 'Designated nurse', service: 'icb', scope: ['all'], actions: { ...safeguardingLead, ...events, ...eventFeeds, ...statusWrite, ...lacReturns, ...lacHealthWrite, cohort: ['read'], audit: ['read'] }, forms: { child_summary: 'rw', initial_health_assessment: 'rw', review_health_assessment: 'rw' } },
  designated_doctor: { label: 'Designated doctor', service: 'icb', scope: ['all'], actions: { ...safeguardingLead, ...events, ...eventFeeds, ...statusWrite, ...lacReturns, ...lacHealthWrite, cohort: ['read'], audit: ['read'] }, forms: { child_summary: 'rw', initial_health_assessment: 'rw', review_health_assessment: 'rw' } },
  named_nurse: { label: 'Named nurse for safeguarding', service: 'safeguarding', scope: ['organisation_caseload', 'presenting'], actions: { ...safeguardingLead, ...events, ...eventFeeds, ...statusWrite, cohort: ['read'], audit: ['read'] }, forms: { child_summary: 'rw' } },
  mash_health_practitioner: { label: 'MASH health practitioner', service: 'mash', scope: ['all'], actions: { ...consentAndSharing, share: ['create', 'override'], ...statusWrite, ...events, ...eventFeeds }, forms: { child_summary: 'rw' } },
  sexual_health_practitioner: { label: 'Sexual health practitioner', service: 'sexual_health', scope: ['own_caseload'], actions: { ...consentAndSharing, ...clinicalRead, ...events }, forms: { child_summary: 'r' } },
  substance_misuse_worker: { label: 'Substance misuse worker', service: 'substance_misuse', scope: ['own_caseload'], actions: { ...consentAndSharing, ...clinicalRead, ...events }, forms: { child_summary: 'r' } },
  commissioner: { label: 'Commissioner', service: 'icb', scope: [], actions: { lac_report: ['read'] }, forms: {} },
  system_administrator: { label: 'System administrator', service: 'administration', scope: [], actions: { user: ['read', 'create', 'update'], organisation: ['read', 'create'], audit: ['verify'], safeguarding_event: ['import'] }, forms: {} },
} as const satisfies Record<string, RoleDefinition>;

export type RoleId = keyof typeof ROLES;
export const ROLE_IDS = Object.keys(ROLES) as RoleId[];

export function isRoleId(value: string): value is RoleId {
  return Object.hasOwn(ROLES, value);
}

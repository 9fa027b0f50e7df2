/**
 * Safeguarding event types (#3): the pieces of a child's story that different health services hold and
 * that must reach each other (CQC Bedford 2015 recs 1.1, 1.16, 2.8, 3.8, 3.9; review 1.17, 1.23, 5.2.7).
 * Versioned data; the details each type carries are zod schemas in src/contracts/events.ts.
 */
export const EVENT_TYPES_VERSION = 1;

export const EVENT_TYPES = [
  'ed_attendance',
  'admission',
  'missed_appointment',
  'police_dv_notification',
  'marac_referral',
  'marac_outcome',
  'mash_referral',
  'mash_decision',
  'strategy_discussion',
  'cp_conference',
  'cin_plan_received',
  'health_contact',
  'maternity_booking',
  'new_birth_notification',
  'camhs_progress_report',
  'placement_change',
  'significant_event',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const SIGNIFICANCE = ['routine', 'significant', 'critical'] as const;
export type Significance = (typeof SIGNIFICANCE)[number];

export const EVENT_SOURCES = ['ui', 'api', 'feed'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

export interface EventTypeDefinition {
  label: string;
  /** The service that usually records it (for filters and the chronology's "service" column). */
  service: string;
  defaultSignificance: Significance;
  /** The event is about an adult in the household; it is recorded on every child of that household. */
  household: boolean;
  /** Feed name for `clasp import events --type <feed>` (EDs, clinics, police), when fed by CSV. */
  feed?: string;
}

export const EVENT_TYPE_DEFINITIONS: Record<EventType, EventTypeDefinition> = {
  ed_attendance: { label: 'Emergency department attendance', service: 'emergency_department', defaultSignificance: 'significant', household: false, feed: 'ed-attendance' },
  admission: { label: 'Hospital admission', service: 'paediatrics', defaultSignificance: 'significant', household: false, feed: 'admission' },
  missed_appointment: { label: 'Missed appointment', service: 'outpatients', defaultSignificance: 'significant', household: false, feed: 'missed-appointment' },
  police_dv_notification: { label: 'Police domestic abuse notification', service: 'police', defaultSignificance: 'critical', household: true, feed: 'police-dv-notification' },
  marac_referral: { label: 'MARAC referral', service: 'marac', defaultSignificance: 'critical', household: true },
  marac_outcome: { label: 'MARAC outcome', service: 'marac', defaultSignificance: 'significant', household: true },
  mash_referral: { label: 'MASH referral', service: 'mash', defaultSignificance: 'critical', household: false },
  mash_decision: { label: 'MASH threshold decision', service: 'mash', defaultSignificance: 'significant', household: false },
  strategy_discussion: { label: 'Strategy discussion', service: 'childrens_social_care', defaultSignificance: 'critical', household: false },
  cp_conference: { label: 'Child protection conference', service: 'childrens_social_care', defaultSignificance: 'critical', household: false },
  cin_plan_received: { label: 'Child in need plan received', service: 'childrens_social_care', defaultSignificance: 'significant', household: false },
  health_contact: { label: 'Health contact or home visit', service: 'health_visiting', defaultSignificance: 'routine', household: false },
  maternity_booking: { label: 'Maternity booking', service: 'maternity', defaultSignificance: 'significant', household: false },
  new_birth_notification: { label: 'New birth notification', service: 'maternity', defaultSignificance: 'significant', household: false },
  camhs_progress_report: { label: 'CAMHS progress report', service: 'camhs', defaultSignificance: 'significant', household: false },
  placement_change: { label: 'Placement change', service: 'childrens_social_care', defaultSignificance: 'significant', household: false },
  significant_event: { label: 'Significant event', service: 'any', defaultSignificance: 'significant', household: false },
};

export function eventTypeForFeed(feed: string): EventType | null {
  const entry = Object.entries(EVENT_TYPE_DEFINITIONS).find(([, def]) => def.feed === feed);
  return entry ? (entry[0] as EventType) : null;
}

export const FEEDS = Object.values(EVENT_TYPE_DEFINITIONS)
  .map((def) => def.feed)
  .filter((feed): feed is string => Boolean(feed));

/** Plain words for the services events come from (chronology filters and columns, web and exports alike). */
export const SERVICE_LABELS: Readonly<Record<string, string>> = {
  emergency_department: 'Emergency department',
  paediatrics: 'Paediatrics',
  outpatients: 'Outpatients',
  police: 'Police',
  marac: 'MARAC',
  mash: 'MASH',
  childrens_social_care: 'Children’s social care',
  health_visiting: 'Health visiting',
  school_nursing: 'School nursing',
  maternity: 'Maternity',
  camhs: 'CAMHS',
  general_practice: 'General practice',
  lac_health: 'Looked-after children’s health',
  sexual_health: 'Sexual health',
  substance_misuse: 'Substance misuse',
  safeguarding: 'Safeguarding',
  any: 'Any service',
};


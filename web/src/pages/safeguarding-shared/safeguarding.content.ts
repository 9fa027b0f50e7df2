import { EVENT_TYPE_DEFINITIONS, EVENT_TYPES, type EventType } from '../../../../src/domain/safeguarding/event-types.js';

/** Words shared by the safeguarding pages (#3): labels for codes the server sends. */

export const EVENT_TYPE_LABELS: Record<string, string> = Object.fromEntries(EVENT_TYPES.map((type) => [type, EVENT_TYPE_DEFINITIONS[type].label]));
export const eventTypeLabel = (type: string | null | undefined): string => (type ? (EVENT_TYPE_LABELS[type] ?? type) : '');
export const isEventType = (value: string | null | undefined): value is EventType => Boolean(value && (EVENT_TYPES as readonly string[]).includes(value));

export const ACTION_LABELS: Record<string, string> = { check: 'Check', copy: 'For information', follow_up: 'Follow up', file_plan: 'File the plan' };
export const PRIORITY_LABELS: Record<string, string> = { urgent: 'Urgent', routine: 'Routine' };
export const STATE_LABELS: Record<string, string> = { open: 'Not acknowledged', acknowledged: 'Acknowledged', actioned: 'Done' };
export const SIGNIFICANCE_LABELS: Record<string, string> = { routine: 'Routine', significant: 'Significant', critical: 'Critical' };
export const SOURCE_LABELS: Record<string, string> = { ui: 'Recorded in CLASP', api: 'Sent by another system', feed: 'Feed import' };

export const OUTCOME_LABELS: Record<string, string> = {
  no_further_action: 'No further action needed',
  contact_made: 'Contact made with the family',
  visit_arranged: 'Visit arranged',
  record_updated: 'Record updated',
  referred_to_mash: 'Referred to MASH',
  discussed_with_safeguarding_team: 'Discussed with the safeguarding team',
  plan_filed: 'Plan filed on our record',
  other: 'Other',
};

export const CONFIDENTIALITY_LABELS: Record<string, string> = {
  standard: 'Standard',
  sexual_health: 'Sexual health',
  dv_disclosure: 'Domestic abuse disclosure',
  young_person_private: 'Young person’s private statement',
  camhs_therapy: 'CAMHS therapy notes',
  sealed_identity: 'Sealed identity (adoption)',
};

export const AGENCY_LABELS: Record<string, string> = {
  gp: 'GP',
  health_visiting: 'Health visiting',
  school_nursing: 'School nursing',
  camhs: 'CAMHS',
  midwifery: 'Midwifery',
  lac_health: 'Looked-after children’s health',
  paediatrics: 'Paediatrics',
  sexual_health: 'Sexual health',
  substance_misuse: 'Substance misuse',
};

export const restrictedText = (whomToAsk: string) => `Restricted entry — ask ${whomToAsk}`;
export const restrictedShort = (whomToAsk: string) => `Restricted — ask ${whomToAsk}`;

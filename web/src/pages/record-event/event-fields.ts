import {
  ACCOMPANYING_RELATIONSHIPS,
  CONTACT_KINDS,
  DV_RISK_LEVELS,
  ED_DISCHARGES,
  MASH_DECISIONS,
  MATERNITY_RISK_FACTORS,
  MISSED_KINDS,
  PLANNED_CARE_TYPES,
} from '../../../../src/contracts/events.js';
import type { EventType } from '../../../../src/domain/safeguarding/event-types.js';
import { collectDates, textValue, type FormValues } from '../../lib/forms.js';

/**
 * The form fields of each event type's details (the shapes are EVENT_DETAILS in src/contracts/events.ts;
 * the browser validates with those same schemas). Field ids are the server's field-error keys
 * (`details.presentingComplaint`), so a server error links straight to its field.
 */
export type FieldSpec =
  | { name: string; kind: 'text' | 'textarea'; label: string; hint?: string; optional?: boolean }
  | { name: string; kind: 'enum'; label: string; hint?: string; options: readonly { value: string; label: string }[]; optional?: boolean; select?: boolean }
  | { name: string; kind: 'boolean'; label: string; hint?: string; ifYes?: FieldSpec }
  | { name: string; kind: 'multi'; label: string; hint?: string; options: readonly { value: string; label: string }[] }
  | { name: string; kind: 'number'; label: string; hint?: string; optional?: boolean; suffix?: string }
  | { name: string; kind: 'date'; label: string; hint?: string; optional?: boolean }
  | { name: string; kind: 'adult'; label: string };

/** "was_not_brought" → "Was not brought". */
export function humanise(code: string): string {
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
const options = (codes: readonly string[], labels: Record<string, string> = {}) => codes.map((value) => ({ value, label: labels[value] ?? humanise(value) }));

export const MASH_DECISION_LABELS: Record<string, string> = {
  no_further_action: 'No further action',
  information_and_advice: 'Information and advice',
  early_help: 'Early help',
  child_in_need_assessment: 'Child in need assessment (section 17)',
  strategy_discussion: 'Strategy discussion (section 47)',
  already_open: 'Already open to children’s social care',
};

const DATE_HINT = 'For example, 27 11 2026';

export const EVENT_FIELDS: Record<EventType, readonly FieldSpec[]> = {
  ed_attendance: [
    { name: 'presentingComplaint', kind: 'text', label: 'Presenting complaint' },
    { name: 'accompaniedBy', kind: 'enum', label: 'Who came with the child?', options: options(ACCOMPANYING_RELATIONSHIPS, { alone: 'Came alone', ambulance_crew: 'Ambulance crew' }), select: true },
    { name: 'accompanyingAdultName', kind: 'text', label: 'Name of the accompanying adult', optional: true },
    { name: 'accompanyingAdultHasParentalResponsibility', kind: 'enum', label: 'Does the accompanying adult have parental responsibility?', options: options(['yes', 'no', 'unknown'], { unknown: 'Not known' }) },
    { name: 'injury', kind: 'boolean', label: 'Does the child have an injury?', ifYes: { name: 'injuryMechanism', kind: 'textarea', label: 'How did the injury happen?', hint: 'The mechanism, and who gave this account' } },
    { name: 'discharge', kind: 'enum', label: 'Discharge', options: options(ED_DISCHARGES, { left_before_seen: 'Left before being seen' }) },
    { name: 'safeguardingConcern', kind: 'boolean', label: 'Is there a safeguarding concern?', ifYes: { name: 'safeguardingConcernNote', kind: 'textarea', label: 'Describe the safeguarding concern' } },
  ],
  admission: [
    { name: 'ward', kind: 'text', label: 'Ward' },
    { name: 'reason', kind: 'textarea', label: 'Reason for admission' },
  ],
  missed_appointment: [
    { name: 'kind', kind: 'enum', label: 'Was the child not brought, or did they not attend?', options: options(MISSED_KINDS, { did_not_attend: 'Did not attend (young person’s own appointment)' }) },
    { name: 'service', kind: 'text', label: 'Service' },
    { name: 'clinic', kind: 'text', label: 'Clinic', optional: true },
    { name: 'plannedCareType', kind: 'enum', label: 'Type of planned care', options: options(PLANNED_CARE_TYPES, { camhs: 'CAMHS' }), select: true },
  ],
  police_dv_notification: [
    { name: 'policeReference', kind: 'text', label: 'Police reference' },
    { name: 'riskLevel', kind: 'enum', label: 'DASH risk level', options: options(DV_RISK_LEVELS) },
    { name: 'childrenPresent', kind: 'enum', label: 'Were children present?', options: options(['yes', 'no', 'unknown'], { unknown: 'Not known' }) },
    { name: 'adultsInvolved', kind: 'adult', label: 'Adult involved' },
  ],
  marac_referral: [
    { name: 'riskLevel', kind: 'enum', label: 'DASH risk level', options: options(DV_RISK_LEVELS) },
    { name: 'meetingOn', kind: 'date', label: 'MARAC meeting date', hint: DATE_HINT, optional: true },
  ],
  marac_outcome: [{ name: 'outcome', kind: 'textarea', label: 'MARAC outcome' }],
  mash_referral: [
    { name: 'mode', kind: 'enum', label: 'Was the referral made verbally or in writing?', options: options(['verbal', 'written'], { verbal: 'Verbal (telephone or in person)' }) },
    { name: 'concern', kind: 'textarea', label: 'Concern' },
    { name: 'referrerName', kind: 'text', label: 'Referrer’s name' },
    { name: 'referrerRole', kind: 'text', label: 'Referrer’s role' },
  ],
  mash_decision: [
    { name: 'decision', kind: 'enum', label: 'MASH decision', options: options(MASH_DECISIONS, MASH_DECISION_LABELS) },
    { name: 'rationale', kind: 'textarea', label: 'Rationale', optional: true },
  ],
  strategy_discussion: [{ name: 'outcome', kind: 'enum', label: 'Outcome', options: options(['section_47_enquiry', 'no_further_action', 'child_in_need'], { section_47_enquiry: 'Section 47 enquiry' }) }],
  cp_conference: [
    { name: 'kind', kind: 'enum', label: 'Conference', options: options(['initial', 'review'], { initial: 'Initial child protection conference', review: 'Review child protection conference' }) },
    { name: 'outcome', kind: 'enum', label: 'Outcome', options: options(['plan_made', 'plan_continued', 'plan_ended', 'no_plan'], { plan_made: 'Child protection plan made', no_plan: 'No plan' }) },
    { name: 'category', kind: 'enum', label: 'Category of abuse', options: options(['neglect', 'physical', 'emotional', 'sexual', 'multiple']), optional: true },
    { name: 'nextReviewOn', kind: 'date', label: 'Next review date', hint: DATE_HINT, optional: true },
  ],
  cin_plan_received: [{ name: 'planDate', kind: 'date', label: 'Date of the plan', hint: DATE_HINT }],
  health_contact: [
    { name: 'kind', kind: 'enum', label: 'Kind of contact', options: options(CONTACT_KINDS, { no_access_visit: 'No access visit' }) },
    { name: 'childSeen', kind: 'boolean', label: 'Was the child seen?' },
  ],
  maternity_booking: [
    { name: 'gestationWeeks', kind: 'number', label: 'Gestation at booking', suffix: 'weeks' },
    { name: 'riskFactors', kind: 'multi', label: 'Risks identified at booking', hint: 'Select all that apply', options: options(MATERNITY_RISK_FACTORS) },
  ],
  new_birth_notification: [
    { name: 'place', kind: 'text', label: 'Place of birth' },
    { name: 'birthWeightGrams', kind: 'number', label: 'Birth weight', suffix: 'grams', optional: true },
  ],
  camhs_progress_report: [{ name: 'reportDate', kind: 'date', label: 'Date of the report', hint: DATE_HINT }],
  placement_change: [
    { name: 'toPlacement', kind: 'text', label: 'New placement' },
    { name: 'inArea', kind: 'boolean', label: 'Is the new placement in the area?' },
  ],
  significant_event: [{ name: 'category', kind: 'text', label: 'Category', hint: 'For example, “Disclosure at school”' }],
};

export const fieldId = (name: string) => `details.${name}`;

/** Every field id of a type's details, in page order (for the error summary). */
export function detailFieldIds(type: EventType): string[] {
  const ids: string[] = [];
  for (const field of EVENT_FIELDS[type]) {
    if (field.kind === 'adult') ids.push(fieldId('adultsInvolved'), 'details.adultsInvolved.0.name', 'details.adultsInvolved.0.role', 'details.adultsInvolved.0.relationshipToChild');
    else ids.push(fieldId(field.name));
    if (field.kind === 'boolean' && field.ifYes) ids.push(fieldId(field.ifYes.name));
  }
  return ids;
}

/** The details object from the form's values (what the user typed, for the shared schema to judge). */
export function collectDetails(type: EventType, values: FormValues): { details: Record<string, unknown>; dateErrors: Record<string, string> } {
  const details: Record<string, unknown> = {};
  const dateErrors: Record<string, string> = {};
  const add = (field: FieldSpec) => {
    const id = fieldId(field.name);
    switch (field.kind) {
      case 'text':
      case 'textarea':
      case 'enum': {
        const value = textValue(values, id);
        if (value !== undefined) details[field.name] = value;
        break;
      }
      case 'boolean': {
        const raw = values[id];
        if (raw === 'yes') details[field.name] = true;
        else if (raw === 'no') details[field.name] = false;
        if (raw === 'yes' && field.ifYes) add(field.ifYes);
        break;
      }
      case 'multi':
        details[field.name] = (values[id] ?? '').split(',').filter(Boolean);
        break;
      case 'number': {
        const value = textValue(values, id);
        if (value !== undefined) details[field.name] = /^-?\d+$/.test(value) ? Number(value) : value;
        break;
      }
      case 'date': {
        const { dates, errors } = collectDates(values, { [id]: { incomplete: `${field.label} must include a day, month and year`, invalid: `${field.label} must be a real date` } });
        if (dates[id] !== undefined) details[field.name] = dates[id];
        Object.assign(dateErrors, errors);
        break;
      }
      case 'adult': {
        const adult = {
          name: textValue(values, 'details.adultsInvolved.0.name'),
          role: textValue(values, 'details.adultsInvolved.0.role'),
          relationshipToChild: textValue(values, 'details.adultsInvolved.0.relationshipToChild'),
        };
        details.adultsInvolved = adult.name || adult.role || adult.relationshipToChild ? [adult] : [];
        break;
      }
    }
  };
  for (const field of EVENT_FIELDS[type]) add(field);
  return { details, dateErrors };
}

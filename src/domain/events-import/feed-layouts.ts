/**
 * CSV layouts of the safeguarding event feeds (#3): one layout per feed named in
 * `EVENT_TYPE_DEFINITIONS[type].feed` — emergency departments (ed-attendance, admission), clinics
 * (missed-appointment) and the police (police-dv-notification). Each row becomes one event body in the
 * shape the API takes (`recordEventBody` in src/contracts/events.ts), so a feed row and an API call are
 * held to the same rules. docs/feeds.md describes the same layouts for the people who send the files.
 *
 * Sources: CQC Bedford 2015 review 1.17, 1.23, 5.2.7 (every under-18 ED attendance reaches the
 * paediatric liaison nurse and the child's HV/SN and GP); rec 1.1 and domain-rules.md §10 (record "was
 * not brought" for children reliant on adults); rec 1.16 (police DV notifications reach health teams).
 *
 * Pure data: no I/O.
 */
import type { EventType } from '../safeguarding/event-types.js';

/** How a cell is read. Codes are matched case-insensitively; `yes_no` becomes a boolean. */
export type FeedColumnKind = 'id' | 'nhs_number' | 'instant' | 'text' | 'code' | 'yes_no';

export interface FeedColumn {
  /** The header name, exactly (lower case, snake_case). */
  readonly name: string;
  readonly kind: FeedColumnKind;
  /** Where the value goes in the event body (`details.presentingComplaint`); null for the NHS number. */
  readonly path: readonly string[] | null;
  /** The column may be left out of the header altogether (its cells are then all blank). */
  readonly optionalColumn?: boolean;
  /** One line for docs/feeds.md and the header error. */
  readonly description: string;
}

export interface FeedLayout {
  readonly feed: string;
  readonly eventType: EventType;
  readonly columns: readonly FeedColumn[];
  /** Confidentiality category when the confidentiality column is blank or absent. */
  readonly defaultConfidentiality: string;
  /** A one-line summary when the summary column is blank or absent (from the row's own details). */
  readonly summarise: (details: Readonly<Record<string, unknown>>) => string;
}

const common = {
  sourceId: { name: 'source_id', kind: 'id', path: ['sourceId'], description: 'the sending system’s own id for this event (unique per source system); a re-sent row with the same id is skipped' },
  nhsNumber: { name: 'nhs_number', kind: 'nhs_number', path: null, description: 'the child’s NHS number, 10 digits (spaces allowed), Modulus 11 checked; it must be known to CLASP' },
  summary: { name: 'summary', kind: 'text', path: ['summary'], optionalColumn: true, description: 'a one-line summary; blank: made from the row' },
  significance: { name: 'significance', kind: 'code', path: ['significance'], optionalColumn: true, description: 'routine | significant | critical; blank: the event type’s default' },
  confidentiality: { name: 'confidentiality', kind: 'code', path: ['confidentiality'], optionalColumn: true, description: 'a confidentiality category (standard, dv_disclosure, …); blank: the feed’s default' },
} as const satisfies Record<string, FeedColumn>;

const occurredAt = (description: string): FeedColumn => ({ name: 'occurred_at', kind: 'instant', path: ['occurredAt'], description });
const detail = (name: string, kind: FeedColumnKind, field: string, description: string, optionalColumn = false): FeedColumn => ({
  name,
  kind,
  path: ['details', field],
  description,
  ...(optionalColumn ? { optionalColumn } : {}),
});

/** Adults named on a police DV notification: up to this many, as adult1_… adult3_… columns. */
export const DV_ADULT_SLOTS = 3;

function adultColumns(): FeedColumn[] {
  const columns: FeedColumn[] = [];
  for (let slot = 1; slot <= DV_ADULT_SLOTS; slot += 1) {
    const optionalColumn = slot > 1;
    columns.push(
      { name: `adult${slot}_name`, kind: 'text', path: ['details', 'adultsInvolved', String(slot), 'name'], description: `adult ${slot}’s name${slot === 1 ? ' (at least one adult)' : ''}`, ...(optionalColumn ? { optionalColumn } : {}) },
      { name: `adult${slot}_role`, kind: 'code', path: ['details', 'adultsInvolved', String(slot), 'role'], description: 'victim | alleged_perpetrator | other', ...(optionalColumn ? { optionalColumn } : {}) },
      { name: `adult${slot}_relationship`, kind: 'text', path: ['details', 'adultsInvolved', String(slot), 'relationshipToChild'], description: 'the adult’s relationship to the child (mother, mother’s partner, …)', ...(optionalColumn ? { optionalColumn } : {}) },
    );
  }
  return columns;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

export const FEED_LAYOUTS: Readonly<Record<string, FeedLayout>> = {
  'ed-attendance': {
    feed: 'ed-attendance',
    eventType: 'ed_attendance',
    defaultConfidentiality: 'standard',
    columns: [
      common.sourceId,
      common.nhsNumber,
      occurredAt('arrival time, ISO 8601 with a UTC offset: 2026-11-27T03:10:00Z or 2026-11-27T03:10:00+00:00'),
      detail('presenting_complaint', 'text', 'presentingComplaint', 'the presenting complaint, as triaged'),
      detail('accompanied_by', 'code', 'accompaniedBy', 'who came with the child: mother | father | parent | step_parent | foster_carer | kinship_carer | residential_carer | relative | friend | social_worker | police | ambulance_crew | school_staff | alone | other'),
      detail('accompanying_adult_name', 'text', 'accompanyingAdultName', 'the accompanying adult’s name (blank if alone)', true),
      detail('parental_responsibility', 'code', 'accompanyingAdultHasParentalResponsibility', 'does the accompanying adult have parental responsibility: yes | no | unknown'),
      detail('injury', 'yes_no', 'injury', 'yes | no'),
      detail('injury_mechanism', 'text', 'injuryMechanism', 'how the injury happened; required when injury is yes', true),
      detail('discharge', 'code', 'discharge', 'home | admitted | transferred | left_before_seen | other'),
      detail('safeguarding_concern', 'yes_no', 'safeguardingConcern', 'did the ED raise a safeguarding concern: yes | no'),
      detail('safeguarding_concern_note', 'text', 'safeguardingConcernNote', 'the concern; required when safeguarding_concern is yes', true),
      common.summary,
      common.significance,
      common.confidentiality,
    ],
    summarise: (d) => {
      const complaint = text(d.presentingComplaint);
      return complaint ? `Emergency department attendance: ${complaint}` : 'Emergency department attendance';
    },
  },
  admission: {
    feed: 'admission',
    eventType: 'admission',
    defaultConfidentiality: 'standard',
    columns: [
      common.sourceId,
      common.nhsNumber,
      occurredAt('admission time, ISO 8601 with a UTC offset'),
      detail('ward', 'text', 'ward', 'the ward'),
      detail('reason', 'text', 'reason', 'the reason for admission'),
      detail('discharged_at', 'instant', 'dischargedAt', 'discharge time, ISO 8601 with a UTC offset; blank while still in hospital', true),
      common.summary,
      common.significance,
      common.confidentiality,
    ],
    summarise: (d) => {
      const ward = text(d.ward);
      const reason = text(d.reason);
      return `Admitted${ward ? ` to ${ward}` : ''}${reason ? `: ${reason}` : ''}`;
    },
  },
  'missed-appointment': {
    feed: 'missed-appointment',
    eventType: 'missed_appointment',
    defaultConfidentiality: 'standard',
    columns: [
      common.sourceId,
      common.nhsNumber,
      occurredAt('the appointment time, ISO 8601 with a UTC offset'),
      detail('kind', 'code', 'kind', 'was_not_brought (a child reliant on an adult) | did_not_attend (a young person attending alone)'),
      detail('service', 'text', 'service', 'the service (e.g. Paediatric outpatients)'),
      detail('clinic', 'text', 'clinic', 'the clinic', true),
      detail('planned_care_type', 'code', 'plannedCareType', 'physiotherapy | paediatrics | outpatients | dental | immunisation | health_review | speech_and_language | camhs | audiology | other'),
      common.summary,
      common.significance,
      common.confidentiality,
    ],
    summarise: (d) => {
      const kind = d.kind === 'was_not_brought' ? 'Was not brought' : d.kind === 'did_not_attend' ? 'Did not attend' : 'Missed appointment';
      const service = text(d.service);
      const clinic = text(d.clinic);
      return `${kind}${service ? `: ${service}` : ''}${clinic ? ` (${clinic})` : ''}`;
    },
  },
  'police-dv-notification': {
    feed: 'police-dv-notification',
    eventType: 'police_dv_notification',
    // CQC Bedford 2015 rec 2.2: domestic-violence disclosures are recorded confidentially.
    defaultConfidentiality: 'dv_disclosure',
    columns: [
      common.sourceId,
      common.nhsNumber,
      occurredAt('the incident time, ISO 8601 with a UTC offset'),
      detail('police_reference', 'text', 'policeReference', 'the police reference'),
      detail('risk_level', 'code', 'riskLevel', 'the DASH risk level: standard | medium | high'),
      detail('children_present', 'code', 'childrenPresent', 'were children present: yes | no | unknown'),
      ...adultColumns(),
      common.summary,
      common.significance,
      common.confidentiality,
    ],
    summarise: (d) => {
      const reference = text(d.policeReference);
      const risk = text(d.riskLevel);
      return `Police domestic abuse notification${reference ? ` ${reference}` : ''}${risk ? ` (${risk} risk)` : ''}`;
    },
  },
};

export const FEED_NAMES = Object.keys(FEED_LAYOUTS);

export function feedLayout(feed: string): FeedLayout | null {
  return Object.hasOwn(FEED_LAYOUTS, feed) ? FEED_LAYOUTS[feed]! : null;
}

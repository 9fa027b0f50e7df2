/** Words for the codes the server sends (shared by several pages). */

export const STATUS_KIND_LABELS: Record<string, string> = {
  early_help: 'Early help',
  child_in_need: 'Child in need plan',
  child_protection: 'Child protection plan',
  looked_after: 'Looked after',
  care_leaver: 'Care leaver',
};

export const CP_CATEGORY_LABELS: Record<string, string> = {
  neglect: 'Neglect',
  physical: 'Physical abuse',
  emotional: 'Emotional abuse',
  sexual: 'Sexual abuse',
  multiple: 'Multiple categories',
};

export const MANUAL_FLAG_KIND_LABELS: Record<string, string> = {
  fgm_risk: 'FGM risk',
  marac: 'MARAC (multi-agency risk assessment conference)',
  cse_concern: 'Child sexual exploitation concern',
  dv_in_household: 'Domestic violence in household',
  other: 'Other safeguarding alert',
};

export const SEX_LABELS: Record<string, string> = {
  male: 'Male',
  female: 'Female',
  indeterminate: 'Indeterminate',
  unknown: 'Not known',
};

export const RELATIONSHIP_KIND_LABELS: Record<string, string> = {
  mother: 'Mother',
  father: 'Father',
  parent: 'Parent',
  step_parent: 'Step-parent',
  person_with_parental_responsibility: 'Person with parental responsibility',
  sibling: 'Sibling',
  half_sibling: 'Half-sibling',
  household_member: 'Household member',
  foster_carer: 'Foster carer',
  kinship_carer: 'Kinship carer',
  special_guardian: 'Special guardian',
};

export const IDENTIFIER_KIND_LABELS: Record<string, string> = {
  upn: 'Unique pupil number',
  hospital_number: 'Hospital number',
  previous_la_child_id: 'Previous local authority child ID',
  local_id: 'Local identifier',
};

export const NHS_NUMBER_STATUS_LABELS: Record<string, string> = {
  verified: 'Verified (traced on PDS)',
  unverified: 'Not verified: trace on PDS before relying on it',
  none: 'No NHS number',
};

export const DISCLOSURE_LABELS: Record<string, string> = {
  disclosed: 'Told about this alert',
  not_disclosed: 'Not told about this alert',
};

export const NAME_KIND_LABELS: Record<string, string> = {
  usual: 'Usual name',
  previous: 'Previous name',
  alias: 'Also known as',
};

/** The label for a code, or the code itself when there is no label yet (never blank). */
export function labelFor(labels: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '';
  return labels[code] ?? code.replace(/_/g, ' ');
}

// ---- Looked-after children's health (#4) ----

export const ASSESSMENT_KIND_LABELS: Record<string, string> = {
  IHA: 'Initial health assessment',
  RHA: 'Review health assessment',
};

/** Short forms for tables. */
export const ASSESSMENT_KIND_SHORT: Record<string, string> = { IHA: 'IHA', RHA: 'RHA' };

export const ASSESSMENT_STATUS_LABELS: Record<string, string> = {
  requested: 'Requested, not booked',
  booked: 'Booked',
  completed: 'Completed',
  declined: 'Declined by the young person',
  did_not_attend: 'Did not attend',
  cancelled: 'Cancelled',
};

export const CLOCK_STATUS_LABELS: Record<string, string> = { due: 'Due', overdue: 'Overdue', booked: 'Booked' };

export const CONTRIBUTOR_LABELS: Record<string, string> = {
  gp: 'GP',
  camhs: 'CAMHS progress report',
  school: 'School or nursery',
  carer_sdq: 'Carer’s SDQ',
  host_area: 'Host area’s assessment',
};

export const EXCEPTION_REASON_LABELS: Record<string, string> = {
  refused: 'Refused',
  missed: 'Missed (did not attend)',
  overdue: 'Overdue',
};

export const SDQ_BAND_LABELS: Record<string, string> = {
  normal: 'Normal (0 to 13)',
  borderline: 'Borderline (14 to 16)',
  concern: 'Cause for concern (17 to 40)',
};

export const PLAN_ACTION_STATUS_LABELS: Record<string, string> = {
  open: 'Open',
  met: 'Met',
  unmet: 'Not met',
  carried_forward: 'Carried forward',
};

export const PLAN_HISTORY_EVENT_LABELS: Record<string, string> = {
  created: 'Added to the plan',
  updated: 'Changed',
  met: 'Reviewed: met',
  unmet: 'Reviewed: not met',
  carried_forward: 'Carried forward to the next plan',
};

export const HEALTH_ACTIVITY_LABELS: Record<string, string> = {
  health_assessment: 'Health assessment',
  dental_check: 'Dental check',
  development_check: 'Development check',
  immunisation_status: 'Immunisation status',
  sdq: 'Strengths and Difficulties Questionnaire',
};

export const IMMUNISATION_RESULT_LABELS: Record<string, string> = {
  up_to_date: 'Up to date',
  not_up_to_date: 'Not up to date',
};

export const VOICE_OF_CHILD_GAP_LABELS: Record<string, string> = {
  missing: 'nothing written',
  too_short: 'fewer than 10 words',
  not_in_own_words: 'not in the child’s own words (“I …”) and not written by the child',
};

export const QA_ANSWER_LABELS: Record<string, string> = { met: 'Met', not_met: 'Not met', not_applicable: 'Not applicable' };

export const QA_ORIGIN_LABELS: Record<string, string> = { internal: 'Internal (our practitioners)', out_of_area: 'Out of area (other providers)' };

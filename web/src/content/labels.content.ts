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

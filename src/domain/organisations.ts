/** Kinds of organisation named in the review (CQC Bedford 2015, "Context of the review"). */
export const ORGANISATION_KINDS = {
  nhs_trust: 'NHS trust',
  gp_practice: 'GP practice',
  school: 'School',
  local_authority: 'Local authority',
  childrens_social_care: "Children's social care",
  icb: 'Integrated care board (formerly CCG)',
  voluntary_provider: 'Voluntary or independent provider',
  mash: 'Multi-Agency Safeguarding Hub',
} as const;
export type OrganisationKind = keyof typeof ORGANISATION_KINDS;

/** Kinds of team; a caseload allocation names the team and the service. */
export const TEAM_KINDS = {
  maternity: 'Maternity',
  health_visiting: 'Health visiting (0-19)',
  school_nursing: 'School nursing (0-19)',
  emergency_department: 'Emergency department',
  paediatrics: 'Paediatrics',
  general_practice: 'General practice',
  camhs: 'CAMHS',
  lac_camhs: 'LAC CAMHS',
  lac_health: "Looked-after children's health team",
  safeguarding: 'Safeguarding team',
  mash_health: 'MASH health',
  sexual_health: 'Sexual health',
  substance_misuse: 'Substance misuse',
  commissioning: 'Commissioning',
  administration: 'Administration',
} as const;
export type TeamKind = keyof typeof TEAM_KINDS;

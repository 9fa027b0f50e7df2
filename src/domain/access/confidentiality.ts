import { isStepUpFresh } from './break-glass.js';
import type { RoleId } from './roles.js';

/**
 * Confidentiality categories (#5; #3 applies them to events and chronologies). Who may see each category
 * is role data, versioned like the roles. Anyone else sees only that a restricted entry exists, when,
 * and whom to ask — never its content (CQC Bedford 2015 rec 2.2: domestic-violence disclosures recorded
 * confidentially; 1.27: sexual-health services see young people who would not attend otherwise;
 * "What people told us": health reviews "are private and don't get sent onto others").
 */
export const CONFIDENTIALITY_VERSION = 1;

export const CONFIDENTIALITY_CATEGORIES = [
  'standard',
  'sexual_health',
  'dv_disclosure',
  'young_person_private',
  'camhs_therapy',
  'sealed_identity',
] as const;
export type ConfidentialityCategory = (typeof CONFIDENTIALITY_CATEGORIES)[number];

export interface CategoryDefinition {
  label: string;
  /** Shown instead of the content to anyone not entitled. */
  whomToAsk: string;
  /** Roles entitled to the content. `standard` is open to everyone with the child in scope. */
  roles: readonly RoleId[] | 'all_in_scope';
  /** Viewing needs a fresh re-authentication (step-up), even for entitled roles. */
  stepUp: boolean;
}

const SAFEGUARDING_LEADS = ['designated_nurse', 'designated_doctor', 'named_nurse'] as const;

export const CONFIDENTIALITY: Record<ConfidentialityCategory, CategoryDefinition> = {
  standard: { label: 'Standard', whomToAsk: '', roles: 'all_in_scope', stepUp: false },
  sexual_health: {
    label: 'Sexual health',
    whomToAsk: 'the young person’s sexual health service',
    roles: ['sexual_health_practitioner', ...SAFEGUARDING_LEADS],
    stepUp: false,
  },
  dv_disclosure: {
    label: 'Domestic abuse disclosure',
    whomToAsk: 'the named nurse for safeguarding',
    roles: ['health_visitor', 'school_nurse', 'midwife', 'safeguarding_midwife', 'zero_to_nineteen_team_manager', 'gp', 'named_gp', 'mash_health_practitioner', 'paediatric_liaison_nurse', 'lac_nurse', ...SAFEGUARDING_LEADS],
    stepUp: false,
  },
  young_person_private: {
    label: 'Young person’s private statement',
    whomToAsk: 'the practitioner who recorded it',
    roles: ['lac_nurse', 'school_nurse', ...SAFEGUARDING_LEADS],
    stepUp: false,
  },
  camhs_therapy: {
    label: 'CAMHS therapy notes',
    whomToAsk: 'the child’s CAMHS practitioner',
    roles: ['camhs_practitioner', 'lac_camhs_practitioner'],
    stepUp: false,
  },
  sealed_identity: {
    label: 'Sealed identity',
    whomToAsk: 'the designated doctor for looked-after children',
    roles: ['designated_doctor', 'designated_nurse'],
    stepUp: true,
  },
};

/** Whether a role may see the content of an entry of this category (scope is checked separately). */
export function canSeeCategory(role: RoleId, category: ConfidentialityCategory): boolean {
  const { roles } = CONFIDENTIALITY[category];
  return roles === 'all_in_scope' || (roles as readonly string[]).includes(role);
}

/** Roles entitled to a category, as SQL-friendly data (null = everyone in scope). */
export function rolesForCategory(category: ConfidentialityCategory): readonly RoleId[] | null {
  const { roles } = CONFIDENTIALITY[category];
  return roles === 'all_in_scope' ? null : roles;
}

/**
 * Whether a role may see the content of an entry of this category now: entitled by role data, and — for a
 * category that needs step-up (sealed identity) — the reader re-entered their password within the last
 * 10 minutes (#5 "step-up re-authentication before viewing a sealed category"). Scope is checked separately.
 */
export function canSeeContent({ role, category, steppedUpAt, now }: { role: RoleId; category: ConfidentialityCategory; steppedUpAt: Date | null | undefined; now: Date }): boolean {
  if (!canSeeCategory(role, category)) return false;
  return !CONFIDENTIALITY[category].stepUp || isStepUpFresh({ steppedUpAt, now });
}

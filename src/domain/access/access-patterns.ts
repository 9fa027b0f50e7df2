/**
 * Access review (#5): which accesses to a child's record a reviewer should look at first, as versioned data
 * and pure rules. The review itself is "who looked at this child and why" (CLASP issue #5, "Access review");
 * domain-rules §12 (CP-IS: "access history is the audit trail seen by the LA") is the model for showing a
 * child's access history to the people responsible for the child.
 *
 * The thresholds are CLASP defaults, not national rules [R]: no source gives a number of children "too many"
 * to view or the hours that count as "out of hours" for an access review. A local information governance
 * lead should confirm them; changing one changes ACCESS_PATTERN_RULES.version.
 */
import type { AccessBasis } from './permissions.js';

export const ACCESS_PATTERN_RULES = {
  version: 1,
  /** Local (Europe/London) working hours: an access at or after `endHour`, or before `startHour`, is out of hours. */
  workingHours: { startHour: 8, endHour: 18 },
  /**
   * Bases that reach a child without a caseload relationship: an area-wide role ('all'), an emergency
   * presentation ('presenting'), or break-glass. Viewing many children this way is what "a user viewing many
   * children outside their caseload" (#5) looks like in the audit.
   */
  areaWideBases: ['all', 'presenting', 'break_glass'] as readonly AccessBasis[],
  /** Many children: at least `distinctChildren` different children per `perDays` days (never fewer than `distinctChildren`). */
  manyChildren: { distinctChildren: 20, perDays: 7 },
} as const;

export const UNUSUAL_REASONS = ['break_glass', 'refused', 'out_of_hours', 'many_children_area_wide'] as const;
export type UnusualReason = (typeof UNUSUAL_REASONS)[number];

export const UNUSUAL_REASON_TEXT: Record<UnusualReason, string> = {
  break_glass: 'Emergency access (break-glass)',
  refused: 'Refused or not found',
  out_of_hours: 'Outside 08:00 to 18:00',
  many_children_area_wide: 'Viewed many children outside a caseload',
};

export type AuditOutcomeCode = 'allowed' | 'denied' | 'not_found' | 'failed';

/** Whether a local time of day ("HH:MM" or "HH:MM:SS", Europe/London) is outside working hours. */
export function isOutOfHours(localTime: string): boolean {
  const match = /^(\d{2}):(\d{2})/.exec(localTime);
  if (!match) throw new Error(`not a time of day: ${localTime}`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  const { startHour, endHour } = ACCESS_PATTERN_RULES.workingHours;
  return minutes < startHour * 60 || minutes >= endHour * 60;
}

export function isAreaWideBasis(basis: string | null | undefined): boolean {
  return basis !== null && basis !== undefined && (ACCESS_PATTERN_RULES.areaWideBases as readonly string[]).includes(basis);
}

/** How many different children, viewed on an area-wide basis within `days` days, count as "many". */
export function manyChildrenThreshold({ days }: { days: number }): number {
  const { distinctChildren, perDays } = ACCESS_PATTERN_RULES.manyChildren;
  return Math.max(distinctChildren, Math.ceil((distinctChildren * Math.max(days, 0)) / perDays));
}

export function isManyChildren({ distinctChildren, days }: { distinctChildren: number; days: number }): boolean {
  return distinctChildren >= manyChildrenThreshold({ days });
}

/** Why one access (one audit row) stands out, in the order a reviewer should read them; empty when it does not. */
export function unusualReasonsForAccess({ basis, outcome, localTime }: { basis: string | null; outcome: AuditOutcomeCode; localTime: string }): UnusualReason[] {
  const reasons: UnusualReason[] = [];
  if (basis === 'break_glass') reasons.push('break_glass');
  if (outcome !== 'allowed') reasons.push('refused');
  if (isOutOfHours(localTime)) reasons.push('out_of_hours');
  return reasons;
}

/** Why a person stands out over a period: the reasons of their accesses, plus breadth of area-wide viewing. */
export function unusualReasonsForPerson({ accessReasons, areaWideDistinctChildren, days }: { accessReasons: readonly UnusualReason[]; areaWideDistinctChildren: number; days: number }): UnusualReason[] {
  const reasons = new Set(accessReasons);
  if (isManyChildren({ distinctChildren: areaWideDistinctChildren, days })) reasons.add('many_children_area_wide');
  return UNUSUAL_REASONS.filter((r) => reasons.has(r));
}

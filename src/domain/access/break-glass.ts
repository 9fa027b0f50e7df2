/**
 * Break-glass emergency access and step-up re-authentication (#5), as versioned data and pure rules.
 *
 * Source: CLASP issue #5 ("A user outside a child's scope can request emergency access: a reason from a list
 * plus free text, time-boxed (e.g. 1 hour), immediately notified to the designated/named nurse, and put in a
 * review queue"; "step-up re-authentication before break-glass and before viewing a sealed category"). The
 * model follows CP-IS (domain-rules §12: any access from unscheduled care notifies the responsible party, and
 * the access history is the audit trail they see) and the NHS Smartcard "legitimate relationship" / "seal
 * break" pattern. Durations are CLASP defaults (domain-rules §13 style: confirm locally before relying on them).
 */
export const BREAK_GLASS_REASONS_VERSION = 1;

export const BREAK_GLASS_REASON_CODES = ['unscheduled_care_emergency', 'safeguarding_concern_immediate_risk', 'out_of_hours_no_other_access', 'other'] as const;
export type BreakGlassReasonCode = (typeof BREAK_GLASS_REASON_CODES)[number];

/** The reasons offered, in order; the free text is always required as well. */
export const BREAK_GLASS_REASONS: Record<BreakGlassReasonCode, { label: string }> = {
  unscheduled_care_emergency: { label: 'Emergency care of the child now (not presenting at my organisation)' },
  safeguarding_concern_immediate_risk: { label: 'Safeguarding concern: the child may be at immediate risk' },
  out_of_hours_no_other_access: { label: 'Out of hours: the professionals who hold the record cannot be reached' },
  other: { label: 'Other (explain below)' },
};

/** A grant lasts 1 hour unless asked otherwise, at most 4 hours (#5: "time-boxed (e.g. 1 hour)"). */
export const BREAK_GLASS_DEFAULT_MINUTES = 60;
export const BREAK_GLASS_MIN_MINUTES = 15;
export const BREAK_GLASS_MAX_MINUTES = 240;
/** The reason text must say something a reviewer can judge. */
export const BREAK_GLASS_REASON_TEXT_MIN = 10;
export const BREAK_GLASS_REASON_TEXT_MAX = 2000;

/** A step-up (password re-entered) is fresh for 10 minutes. */
export const STEP_UP_FRESH_MS = 10 * 60 * 1000;

export const BREAK_GLASS_REVIEW_OUTCOMES = ['justified', 'escalated'] as const;
export type BreakGlassReviewOutcome = (typeof BREAK_GLASS_REVIEW_OUTCOMES)[number];

export function isBreakGlassReasonCode(value: string): value is BreakGlassReasonCode {
  return (BREAK_GLASS_REASON_CODES as readonly string[]).includes(value);
}

/** Whether a step-up taken at `steppedUpAt` still counts at `now` (never in the future, never older than 10 minutes). */
export function isStepUpFresh({ steppedUpAt, now }: { steppedUpAt: Date | null | undefined; now: Date }): boolean {
  if (!steppedUpAt) return false;
  const age = now.getTime() - steppedUpAt.getTime();
  return age >= 0 && age <= STEP_UP_FRESH_MS;
}

/** When a grant asked for `minutes` (default 1 hour) ends; out-of-range requests are refused, not clamped. */
export function breakGlassWindow({ grantedAt, minutes = BREAK_GLASS_DEFAULT_MINUTES }: { grantedAt: Date; minutes?: number }): { ok: true; expiresAt: Date } | { ok: false; reason: 'minutes_out_of_range' } {
  if (!Number.isInteger(minutes) || minutes < BREAK_GLASS_MIN_MINUTES || minutes > BREAK_GLASS_MAX_MINUTES) return { ok: false, reason: 'minutes_out_of_range' };
  return { ok: true, expiresAt: new Date(grantedAt.getTime() + minutes * 60 * 1000) };
}

/** A grant is active from granted_at until (not including) expires_at; the scope SQL applies the same rule. */
export function isGrantActive({ grantedAt, expiresAt, now }: { grantedAt: Date; expiresAt: Date; now: Date }): boolean {
  return grantedAt.getTime() <= now.getTime() && now.getTime() < expiresAt.getTime();
}

/** Review state of a use: open until a reviewer closes it; `expired` tells the reviewer the access has ended. */
export function breakGlassStatus({ expiresAt, reviewOutcome, now }: { expiresAt: Date; reviewOutcome: BreakGlassReviewOutcome | null; now: Date }): 'active' | 'awaiting_review' | BreakGlassReviewOutcome {
  if (reviewOutcome) return reviewOutcome;
  return now.getTime() < expiresAt.getTime() ? 'active' : 'awaiting_review';
}

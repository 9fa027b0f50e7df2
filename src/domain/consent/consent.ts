import { CONFIDENTIALITY_CATEGORIES, type ConfidentialityCategory } from '../access/confidentiality.js';

/**
 * Consent to share a child's information (#5 "Consent"), as pure rules: who may give it, and whether the
 * consents on record allow a given share at a given instant.
 *
 * Sources (cited beside each rule below; anything not confirmed is marked [R]):
 * - Gillick v West Norfolk and Wisbech AHA [1985] UKHL 7, [1986] AC 112 — a child under 16 may consent when
 *   they have sufficient understanding and intelligence to understand fully what is proposed ("Gillick
 *   competence"); Lord Fraser's five criteria for contraceptive advice and treatment ("Fraser guidelines").
 * - Family Law Reform Act 1969 s8(1) — a 16- or 17-year-old's consent to treatment is as effective as an adult's.
 * - Mental Capacity Act 2005 s1(2) (a person must be assumed to have capacity unless it is established that
 *   they lack it) and s2(5) (the Act's powers apply to people aged 16 and over).
 * - Children Act 1989 s2–s3 — parental responsibility: who holds it, and that it includes consenting for a
 *   child who cannot consent for themselves.
 * - HM Government, "Information sharing: advice for practitioners providing safeguarding services" (2018,
 *   updated 2024) — share without consent where it is necessary to protect a child; record the reason.
 */
export const CONSENT_RULES_VERSION = 1;

export const CONSENT_PURPOSES = ['share_with_service', 'include_in_report'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CONSENT_GIVERS = ['young_person', 'parental_responsibility'] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];

export const COMPETENCE_BASES = ['gillick', 'fraser', 'aged_16_or_over'] as const;
export type CompetenceBasis = (typeof COMPETENCE_BASES)[number];

export const CONSENT_PURPOSE_LABELS: Record<ConsentPurpose, string> = {
  share_with_service: 'Share with a named service',
  include_in_report: 'Include in a report',
};
export const CONSENT_GIVER_LABELS: Record<ConsentGiver, string> = {
  young_person: 'The young person',
  parental_responsibility: 'A person with parental responsibility',
};
export const COMPETENCE_BASIS_LABELS: Record<CompetenceBasis, string> = {
  gillick: 'Gillick competent (under 16)',
  fraser: 'Fraser guidelines (contraception and sexual health, under 16)',
  aged_16_or_over: 'Aged 16 or over (capacity presumed)',
};

/** The age from which a young person's capacity is presumed (FLRA 1969 s8(1); MCA 2005 s1(2), s2(5)). */
export const PRESUMED_CAPACITY_AGE = 16;

export type ConsentGiverCheck =
  | { ok: true }
  | { ok: false; field: 'givenBy' | 'competenceBasis' | 'categories'; reason: ConsentGiverRefusal; message: string };
export type ConsentGiverRefusal =
  | 'no_young_person'
  | 'use_presumed_capacity'
  | 'not_16_yet'
  | 'fraser_outside_sexual_health'
  | 'young_person_presumed_capable'
  | 'young_person_has_decided';

/**
 * Who may consent (checked when a consent is recorded).
 *
 * - Aged 16 or over: the young person, whose capacity is presumed — FLRA 1969 s8(1); MCA 2005 s1(2), s2(5).
 *   Basis `aged_16_or_over`; Gillick/Fraser are for under-16s, so they are refused here (the presumption
 *   replaces them). A person with parental responsibility may not consent for them: MCA 2005 s1(2) presumes
 *   capacity, and a 16–17-year-old who lacks it is decided for under MCA 2005 s4 (best interests), not by a
 *   parent's consent [R: confirm with the trust's Caldicott guardian; a "lacks capacity" route is not built].
 * - Under 16, basis `gillick`: assessed as having sufficient understanding and intelligence to understand
 *   fully what is proposed — Gillick [1986] AC 112 (Lord Scarman).
 * - Under 16, basis `fraser`: Lord Fraser's guidelines apply to contraception and sexual-health advice and
 *   treatment — Gillick [1986] AC 112 (Lord Fraser). CLASP accepts it only for consents that cover the
 *   sexual-health category alone; anything else needs a Gillick assessment [R: applying Fraser to consent to
 *   share sexual-health information is CLASP's reading, as sexual-health services do in practice].
 * - Under 16 and not assessed competent (or an unborn child, or no date of birth): a person with parental
 *   responsibility — Children Act 1989 s2–s3. Where the young person has already made a decision on the same
 *   purpose as a competent young person (a consent given or withdrawn by them), a parent cannot consent over
 *   it: the competent young person's confidentiality is owed to them [R: GMC "0–18 years" (2007, 2018),
 *   confidentiality paras 42–52 — paragraph numbers not confirmed]. (Hazard H-K3.)
 */
export function checkConsentGiver({
  givenBy,
  competenceBasis,
  ageYears,
  categories,
  youngPersonHasDecided,
}: {
  givenBy: ConsentGiver;
  competenceBasis: CompetenceBasis | null;
  /** Age on the day consent was given; null for an unborn child or an unknown date of birth. */
  ageYears: number | null;
  categories: readonly ConfidentialityCategory[];
  /** The young person has given or withdrawn a consent for the same purpose and recipient. */
  youngPersonHasDecided: boolean;
}): ConsentGiverCheck {
  if (givenBy === 'young_person') {
    if (ageYears === null) return { ok: false, field: 'givenBy', reason: 'no_young_person', message: 'An unborn child, or a child with no date of birth, cannot give consent: record the consent of a person with parental responsibility' };
    if (ageYears >= PRESUMED_CAPACITY_AGE) {
      if (competenceBasis !== 'aged_16_or_over') return { ok: false, field: 'competenceBasis', reason: 'use_presumed_capacity', message: 'The young person is 16 or over: their capacity is presumed, choose "Aged 16 or over"' };
      return { ok: true };
    }
    if (competenceBasis === 'aged_16_or_over') return { ok: false, field: 'competenceBasis', reason: 'not_16_yet', message: 'The young person is under 16: choose Gillick or Fraser and record who assessed their competence' };
    if (competenceBasis === 'fraser' && !categories.every((c) => c === 'sexual_health'))
      return { ok: false, field: 'competenceBasis', reason: 'fraser_outside_sexual_health', message: 'The Fraser guidelines cover sexual health only: choose Gillick for the other categories, or record them as a separate consent' };
    if (competenceBasis === null) return { ok: false, field: 'competenceBasis', reason: 'not_16_yet', message: 'Choose how the young person’s competence was assessed' };
    return { ok: true };
  }
  if (ageYears !== null && ageYears >= PRESUMED_CAPACITY_AGE)
    return { ok: false, field: 'givenBy', reason: 'young_person_presumed_capable', message: 'The young person is 16 or over: they give or refuse consent themselves' };
  if (youngPersonHasDecided)
    return { ok: false, field: 'givenBy', reason: 'young_person_has_decided', message: 'The young person has already made this decision as a competent young person: a parent cannot consent over it' };
  return { ok: true };
}

/** Where a share goes: an organisation and, when known, the service (team kind) within it. Null for a report. */
export interface ConsentRecipient {
  organisationId: string;
  service: string | null;
}

/** A consent as the rules see it (instants as Date, calendar dates as ISO strings). */
export interface ConsentRecord {
  id: string;
  purpose: ConsentPurpose;
  recipient: ConsentRecipient | null;
  categories: readonly ConfidentialityCategory[];
  givenOn: string;
  expiresOn: string | null;
  withdrawnAt: Date | null;
}

export type ConsentRefusal = 'none' | 'withdrawn' | 'expired' | 'out_of_scope';
export type ConsentDecision =
  /** consentId is null when nothing needed consent (a report of standard entries only). */
  | { allowed: true; consentId: string | null; consentIds: string[] }
  | { allowed: false; reason: ConsentRefusal; missing: ConfidentialityCategory[] };

/**
 * Which categories need consent for a purpose. Sharing with a service needs consent for everything shared,
 * standard entries included (#5: "Sharing checks consent at the moment of sharing"). A report needs consent
 * only for the non-standard categories: the standard record is what a conference report is for (Working
 * Together to Safeguard Children 2023, ch. 2: agencies contribute what they know) [R: CLASP's line].
 */
export function categoriesNeedingConsent({ purpose, categories }: { purpose: ConsentPurpose; categories: readonly ConfidentialityCategory[] }): ConfidentialityCategory[] {
  const unique = CONFIDENTIALITY_CATEGORIES.filter((c) => categories.includes(c));
  return purpose === 'include_in_report' ? unique.filter((c) => c !== 'standard') : unique;
}

/** A consent's recipient covers the share's: same organisation, and any service or the same one. */
function recipientCovers(consent: ConsentRecipient | null, wanted: ConsentRecipient | null): boolean {
  if (wanted === null) return true;
  if (consent === null) return false;
  return consent.organisationId === wanted.organisationId && (consent.service === null || consent.service === wanted.service);
}

const REFUSAL_ORDER: readonly ConsentRefusal[] = ['withdrawn', 'expired', 'out_of_scope', 'none'];

/**
 * Whether the consents on record allow sharing these categories for this purpose with this recipient at this
 * instant. Checked at the moment of sharing: a consent withdrawn a minute ago no longer allows anything
 * (`withdrawnAt` is an instant, compared with `at`), one not yet given (givenOn after today) or past its
 * expiry date does not either. Each category must be covered by some live consent; when one is not, the
 * reason is the most telling one found across the categories missing: withdrawn, then expired, then
 * out of scope (a consent exists for this purpose but not for this recipient or category), then none.
 */
export function consentDecision({
  consents,
  purpose,
  recipient,
  categories,
  at,
  today,
}: {
  consents: readonly ConsentRecord[];
  purpose: ConsentPurpose;
  recipient: ConsentRecipient | null;
  categories: readonly ConfidentialityCategory[];
  at: Date;
  /** The calendar date of `at` in England (expiry and given-on are calendar dates). */
  today: string;
}): ConsentDecision {
  const needed = categoriesNeedingConsent({ purpose, categories });
  const forPurpose = consents.filter((c) => c.purpose === purpose && c.givenOn <= today);
  const used: string[] = [];
  const missing: ConfidentialityCategory[] = [];
  const reasons = new Set<ConsentRefusal>();
  for (const category of needed) {
    const matching = forPurpose.filter((c) => recipientCovers(c.recipient, recipient) && c.categories.includes(category));
    const live = matching.filter((c) => (c.withdrawnAt === null || c.withdrawnAt.getTime() > at.getTime()) && (c.expiresOn === null || c.expiresOn >= today));
    if (live.length > 0) {
      // Prefer a consent already relied on, so one consent covering everything is reported as the one.
      const chosen = live.find((c) => used.includes(c.id)) ?? live[0]!;
      if (!used.includes(chosen.id)) used.push(chosen.id);
      continue;
    }
    missing.push(category);
    if (matching.some((c) => c.withdrawnAt !== null && c.withdrawnAt.getTime() <= at.getTime())) reasons.add('withdrawn');
    else if (matching.some((c) => c.expiresOn !== null && c.expiresOn < today)) reasons.add('expired');
    else if (forPurpose.length > 0) reasons.add('out_of_scope');
    else reasons.add('none');
  }
  if (missing.length > 0) return { allowed: false, reason: REFUSAL_ORDER.find((r) => reasons.has(r)) ?? 'none', missing };
  return { allowed: true, consentId: used[0] ?? null, consentIds: used };
}

/** Whether a consent is live (given, not withdrawn, not expired) at an instant. */
export function consentStatus({ consent, at, today }: { consent: ConsentRecord; at: Date; today: string }): 'active' | 'withdrawn' | 'expired' | 'not_yet_given' {
  if (consent.withdrawnAt !== null && consent.withdrawnAt.getTime() <= at.getTime()) return 'withdrawn';
  if (consent.expiresOn !== null && consent.expiresOn < today) return 'expired';
  if (consent.givenOn > today) return 'not_yet_given';
  return 'active';
}

/** An override (sharing without consent to protect a child) must say why, in words a reviewer can judge. */
export const OVERRIDE_REASON_MIN = 10;
export const OVERRIDE_REASON_MAX = 2000;

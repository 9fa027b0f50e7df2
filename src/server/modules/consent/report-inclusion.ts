import { randomUUID } from 'node:crypto';
import type { ReportOverrideQuery } from '../../../contracts/consent.js';
import { CONFIDENTIALITY, type ConfidentialityCategory } from '../../../domain/access/confidentiality.js';
import { canPerform } from '../../../domain/access/permissions.js';
import { categoriesNeedingConsent, consentDecision, OVERRIDE_REASON_MIN } from '../../../domain/consent/consent.js';
import { recordAudit } from '../../audit/audit.js';
import type { Db } from '../../db/database.js';
import { createForbiddenError, fieldError } from '../../shared/app-error.js';
import type { Actor } from '../../shared/actor.js';
import { insertShare, loadConsents, toConsentRecord } from './consent.repository.js';

/**
 * "Include in a report" (#5): a report — the GP conference report draft, the chronology CSV and print — leaves
 * out every entry of a non-standard confidentiality category unless there is a live include-in-report consent
 * for that category (domain consentDecision, checked at the moment the report is made) or the request carries
 * a safeguarding override (`?override=1&reason=…`, permission `share: override`). An override is recorded as
 * a share row (purpose include_in_report, basis safeguarding_override, the reason, the entries it let in) and
 * audited as 'report.override' with ids and codes only.
 */
export type ReportKind = 'gp_report_draft' | 'chronology_csv' | 'chronology_print';

export interface ReportOverride {
  reason: string;
}

/**
 * Checks an override request before the report is read: no permission → 403 (audited as report.override
 * denied); no reason → 400 naming `reason`. Returns null when no override was asked for.
 */
export async function checkReportOverride(db: Db, { actor, childId, query, report, now }: { actor: Actor; childId: string; query: ReportOverrideQuery; report: ReportKind; now: Date }): Promise<ReportOverride | null> {
  if (query.override !== '1') return null;
  if (!canPerform({ role: actor.role, resource: 'share', action: 'override' })) {
    await recordAudit(db, { actor, action: 'report.override', outcome: 'denied', childId: null, details: { reason: 'role', report, requestedChildId: childId }, at: now });
    throw createForbiddenError({ message: 'Your role does not allow including information in a report without consent (safeguarding override)' });
  }
  const reason = (query.reason ?? '').trim();
  if (reason.length < OVERRIDE_REASON_MIN) throw fieldError('reason', `Enter why you are including information without consent, in at least ${OVERRIDE_REASON_MIN} characters`);
  return { reason };
}

export interface ReportInclusion {
  /** Whether an entry of this category goes into the report. */
  includes(category: string): boolean;
  /** The include-in-report consents relied on. */
  consentIds: string[];
  /** Records the entries let in only by the override, and audits it; call once, after the report is built. */
  finish(entries: { eventId: string; category: string }[]): Promise<{ omitted: number }>;
}

/** Decides, for one child's report made now, which categories may go in (inside the report's transaction). */
export async function reportInclusion(tx: Db, { actor, childId, report, override, now, today }: { actor: Actor; childId: string; report: ReportKind; override: ReportOverride | null; now: Date; today: string }): Promise<ReportInclusion> {
  const consents = (await loadConsents(tx, { childId, purpose: 'include_in_report', lock: true })).map((row) => toConsentRecord(row, now));
  const consented = new Map<string, string | null>();
  const consentIds = new Set<string>();
  const byConsent = (category: ConfidentialityCategory): boolean => {
    if (!consented.has(category)) {
      const decision = consentDecision({ consents, purpose: 'include_in_report', recipient: null, categories: [category], at: now, today });
      consented.set(category, decision.allowed ? (decision.consentId ?? '') : null);
    }
    const id = consented.get(category);
    if (id) consentIds.add(id);
    return id !== null && id !== undefined;
  };
  const known = (category: string): ConfidentialityCategory => (Object.hasOwn(CONFIDENTIALITY, category) ? (category as ConfidentialityCategory) : 'sealed_identity');
  const needsConsent = (category: string) => categoriesNeedingConsent({ purpose: 'include_in_report', categories: [known(category)] }).length > 0;
  return {
    includes: (category) => !needsConsent(category) || byConsent(known(category)) || override !== null,
    get consentIds() {
      return [...consentIds];
    },
    async finish(entries) {
      const restricted = entries.filter((e) => needsConsent(e.category));
      const withoutConsent = restricted.filter((e) => !byConsent(known(e.category)));
      if (override === null) return { omitted: withoutConsent.length };
      const shareId = randomUUID();
      const eventIds = withoutConsent.map((e) => e.eventId);
      await insertShare(tx, { childId, id: shareId, eventIds, purpose: 'include_in_report', recipientTeamId: null, recipientOrganisationId: null, report, basis: 'safeguarding_override', consentIds: [], overrideReason: override.reason, sharedBy: actor.userId, sharedAt: now });
      await recordAudit(tx, {
        actor,
        action: 'report.override',
        outcome: 'allowed',
        childId,
        details: { shareId, report, eventIds, categories: [...new Set(withoutConsent.map((e) => e.category))].sort() },
        at: now,
      });
      return { omitted: 0 };
    },
  };
}

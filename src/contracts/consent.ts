import { z } from 'zod';
import { CONFIDENTIALITY_CATEGORIES } from '../domain/access/confidentiality.js';
import { COMPETENCE_BASES, CONSENT_GIVERS, CONSENT_PURPOSES, OVERRIDE_REASON_MAX } from '../domain/consent/consent.js';
import { TEAM_KINDS } from '../domain/organisations.js';
import { isoDate, uuid } from './common.js';

const TEAM_KIND_IDS = Object.keys(TEAM_KINDS) as [keyof typeof TEAM_KINDS, ...(keyof typeof TEAM_KINDS)[]];

/** A consent to record (#5). Cross-field rules (who may consent, recipient per purpose) are checked by the use-case. */
export const consentBody = z.object({
  purpose: z.enum(CONSENT_PURPOSES, 'Select what the consent is for'),
  recipientOrganisationId: uuid.optional(),
  recipientService: z.enum(TEAM_KIND_IDS, 'Select a service').optional(),
  categories: z.array(z.enum(CONFIDENTIALITY_CATEGORIES, 'Select a category'), 'Select the kinds of information covered').min(1, 'Select the kinds of information covered').max(CONFIDENTIALITY_CATEGORIES.length),
  scope: z.string().trim().max(2000, 'Scope must be 2000 characters or fewer').default(''),
  givenBy: z.enum(CONSENT_GIVERS, 'Select who gave consent'),
  parentalResponsibilityRelationshipId: uuid.optional(),
  competenceBasis: z.enum(COMPETENCE_BASES, 'Select how the young person’s competence was assessed').optional(),
  competenceAssessedByUserId: uuid.optional(),
  givenOn: isoDate('the date consent was given'),
  expiresOn: isoDate('the date consent ends').optional(),
});
export type ConsentBody = z.output<typeof consentBody>;

export const withdrawConsentBody = z.object({
  reason: z.string('Enter why consent was withdrawn').trim().min(1, 'Enter why consent was withdrawn').max(2000, 'Reason must be 2000 characters or fewer'),
  withdrawnOn: isoDate('the date consent was withdrawn').optional(),
});

export const consentParams = z.object({ childId: uuid, consentId: uuid });

export const consentView = z.object({
  id: z.string(),
  purpose: z.string(),
  purposeLabel: z.string(),
  recipient: z.object({ organisationId: z.string(), organisationName: z.string(), service: z.string().nullable(), serviceLabel: z.string().nullable() }).nullable(),
  categories: z.array(z.object({ code: z.string(), label: z.string() })),
  scope: z.string(),
  givenBy: z.string(),
  givenByLabel: z.string(),
  parentalResponsibility: z.object({ relationshipId: z.string(), name: z.string().nullable(), kind: z.string() }).nullable(),
  competenceBasis: z.string().nullable(),
  competenceBasisLabel: z.string().nullable(),
  competenceAssessedBy: z.string().nullable(),
  givenOn: z.string(),
  expiresOn: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  withdrawn: z.object({ on: z.string(), at: z.string(), by: z.string(), reason: z.string() }).nullable(),
  status: z.enum(['active', 'withdrawn', 'expired', 'not_yet_given']),
});
export type ConsentView = z.infer<typeof consentView>;

const option = z.object({ id: z.string(), label: z.string() });
export const consentListResponse = z.object({
  consents: z.array(consentView),
  /** Who may give consent for this child: the people with parental responsibility on record, and the child's age. */
  parentalResponsibilityHolders: z.array(z.object({ relationshipId: z.string(), name: z.string().nullable(), kind: z.string() })),
  ageYears: z.number().nullable(),
  canOverride: z.boolean(),
  options: z.object({ purposes: z.array(option), givers: z.array(option), competenceBases: z.array(option), categories: z.array(option), services: z.array(option) }),
});

/** Share events with a service (#5): consent is checked now; a safeguarding override needs its own permission and a reason. */
export const shareBody = z.object({
  eventIds: z.array(uuid, 'Select the entries to share').min(1, 'Select the entries to share').max(200, 'Share at most 200 entries at once'),
  recipientTeamId: uuid.optional(),
  recipientOrganisationId: uuid.optional(),
  purpose: z.literal('share_with_service', 'Sharing with a service is the only purpose a share can have').default('share_with_service'),
  override: z.object({ reason: z.string().trim().max(OVERRIDE_REASON_MAX, `Reason must be ${OVERRIDE_REASON_MAX} characters or fewer`).default('') }).optional(),
});
export type ShareBody = z.output<typeof shareBody>;

export const shareResponse = z.object({
  share: z.object({
    id: z.string(),
    basis: z.enum(['consent', 'safeguarding_override']),
    consentIds: z.array(z.string()),
    eventIds: z.array(z.string()),
    recipient: z.object({ teamId: z.string(), teamName: z.string(), organisationId: z.string(), organisationName: z.string() }),
    worklistItemIds: z.array(z.string()),
    sharedAt: z.string(),
  }),
});

/** What sharing these entries with that recipient would need, now (the share form shows it before sending). */
export const shareDecisionQuery = z.object({
  eventIds: z
    .string('Select the entries to share')
    .trim()
    .min(1, 'Select the entries to share')
    .transform((text) => text.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(uuid).min(1, 'Select the entries to share').max(200, 'Share at most 200 entries at once')),
  recipientTeamId: uuid.optional(),
  recipientOrganisationId: uuid.optional(),
});
export const shareDecisionResponse = z.object({
  allowed: z.boolean(),
  reason: z.enum(['none', 'withdrawn', 'expired', 'out_of_scope']).nullable(),
  missing: z.array(z.object({ code: z.string(), label: z.string() })),
  consentIds: z.array(z.string()),
  canOverride: z.boolean(),
});

export const shareRecipientsResponse = z.object({
  teams: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), kindLabel: z.string(), organisationId: z.string(), organisationName: z.string() })),
  organisations: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
});

export const sharesListResponse = z.object({
  shares: z.array(
    z.object({
      id: z.string(),
      purpose: z.string(),
      basis: z.string(),
      eventIds: z.array(z.string()),
      recipient: z.string().nullable(),
      report: z.string().nullable(),
      overrideReason: z.string().nullable(),
      sharedBy: z.string(),
      sharedAt: z.string(),
    }),
  ),
});

/**
 * A report (GP conference report draft, chronology CSV or print) may include entries of a non-standard
 * category only with an include-in-report consent for that category, or under a safeguarding override:
 * `?override=1&reason=…` (the `share: override` permission; audited; the reason kept in the share row).
 */
export const reportOverrideQuery = z.object({
  override: z.enum(['0', '1'], 'Override must be 0 or 1').optional(),
  reason: z.string().trim().max(OVERRIDE_REASON_MAX, `Reason must be ${OVERRIDE_REASON_MAX} characters or fewer`).optional(),
});
export type ReportOverrideQuery = z.output<typeof reportOverrideQuery>;

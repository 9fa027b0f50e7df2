import { z } from 'zod';
import { ETHNICITY, LEGAL_STATUS, PLACEMENT_TYPE, PLACEMENT_PROVIDER } from '../domain/codes/dfe-codes.js';
import { CP_CATEGORIES, MANUAL_FLAG_KINDS, STATUS_KINDS } from '../domain/status/flags.js';
import { CONFIDENTIALITY_CATEGORIES } from '../domain/access/confidentiality.js';
import { isoDate, nhsNumber, uuid } from './common.js';

/** A confidentiality category for an entry or field (#5); standard unless chosen. */
const confidentiality = z.enum(CONFIDENTIALITY_CATEGORIES, { error: 'Select a confidentiality category' }).optional();
/** What a reader not entitled to an entry sees instead of it: that it exists, its category and whom to ask. */
export const restrictedSchema = z.object({ category: z.string(), label: z.string(), whomToAsk: z.string() }).nullable();

const codes = (list: readonly { code: string }[]) => list.map((entry) => entry.code) as [string, ...string[]];
const codeOf = (list: readonly { code: string }[], label: string) =>
  z.string().refine((value) => codes(list).includes(value), { message: `Select a valid ${label} code` });

export const SEXES = ['male', 'female', 'indeterminate', 'unknown'] as const;
export const RELATIONSHIP_KINDS = [
  'mother',
  'father',
  'parent',
  'step_parent',
  'person_with_parental_responsibility',
  'sibling',
  'half_sibling',
  'household_member',
  'foster_carer',
  'kinship_carer',
  'special_guardian',
] as const;

const trimmedName = (label: string) => z.string({ error: `Enter the ${label}` }).trim().min(1, `Enter the ${label}`).max(100, `${label} must be 100 characters or fewer`);
const postcode = z
  .string({ error: 'Enter a postcode' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/, 'Enter a real postcode, like MK40 1AA');

export const addressInput = z.object({
  line1: z.string().trim().min(1, 'Enter the first line of the address').max(200),
  town: z.string().trim().max(100).optional(),
  postcode,
  validFrom: isoDate('the date the child started living here'),
  /** e.g. dv_disclosure for a refuge address kept from a parent who could be the abuser. */
  confidentiality,
});

export const identifierInput = z.object({
  kind: z.enum(['upn', 'hospital_number', 'previous_la_child_id', 'local_id'], { error: 'Select the identifier type' }),
  value: z.string().trim().min(1, 'Enter the identifier').max(50),
  issuer: z.string().trim().max(100).optional(),
  /** e.g. sealed_identity for an adopted child's previous NHS number. */
  confidentiality,
});

export const createChildBody = z
  .object({
    nhsNumber: nhsNumber.optional(),
    laChildId: z.string().trim().min(1).max(20, 'Local authority child ID must be 20 characters or fewer').optional(),
    givenName: trimmedName('given name'),
    familyName: trimmedName('family name'),
    isUnborn: z.boolean().default(false),
    dateOfBirth: isoDate('the date of birth').optional(),
    expectedDueOn: isoDate('the expected due date').optional(),
    /** For an unborn child: the pregnant mother, recorded as a person with a 'mother' relationship. */
    mother: z
      .object({
        givenName: trimmedName('mother\'s given name'),
        familyName: trimmedName('mother\'s family name'),
        dateOfBirth: isoDate('the mother\'s date of birth').optional(),
        nhsNumber: nhsNumber.optional(),
      })
      .optional(),
    sex: z.enum(SEXES, { error: 'Select the sex' }).default('unknown'),
    ethnicity: codeOf(ETHNICITY, 'ethnicity').optional(),
    registeredPracticeId: uuid.optional(),
    schoolId: uuid.optional(),
    placementArea: z.string().trim().max(100).optional(),
    address: addressInput.optional(),
    otherIdentifiers: z.array(identifierInput).max(20).default([]),
    /** Set after the user has looked at the possible duplicates and confirmed this is a different child. */
    confirmedNotDuplicate: z.boolean().default(false),
  })
  .superRefine((value, ctx) => {
    if (!value.isUnborn && !value.dateOfBirth) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Enter the date of birth' });
    if (value.isUnborn && !value.expectedDueOn) ctx.addIssue({ code: 'custom', path: ['expectedDueOn'], message: 'Enter the expected due date' });
    if (value.isUnborn && value.dateOfBirth) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'An unborn child has no date of birth yet' });
  });
export type CreateChildBody = z.input<typeof createChildBody>;

export const childParams = z.object({ childId: uuid });

/** Changes to a child's details; the name and address have their own history-keeping endpoints. */
export const updateChildBody = z
  .object({
    nhsNumber: nhsNumber.optional(),
    laChildId: z.string().trim().min(1).max(20, 'Local authority child ID must be 20 characters or fewer').optional(),
    sex: z.enum(SEXES, { error: 'Select the sex' }).optional(),
    ethnicity: codeOf(ETHNICITY, 'ethnicity').optional(),
    registeredPracticeId: uuid.nullable().optional(),
    schoolId: uuid.nullable().optional(),
    placementArea: z.string().trim().max(100).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'Change at least one detail' });

export const searchChildrenQuery = z
  .object({
    nhsNumber: nhsNumber.optional(),
    name: z.string().trim().min(2, 'Enter at least 2 letters of the name').max(100).optional(),
    dateOfBirth: isoDate('the date of birth').optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .refine((q) => q.nhsNumber || q.name || q.dateOfBirth, { message: 'Enter an NHS number, a name or a date of birth', path: ['name'] });

export const statusEpisodeBody = z
  .object({
    kind: z.enum(STATUS_KINDS, { error: 'Select the status' }),
    startedOn: isoDate('the start date'),
    endedOn: isoDate('the end date').optional(),
    cpCategory: z.enum(CP_CATEGORIES, { error: 'Select the child protection category' }).optional(),
    legalStatus: codeOf(LEGAL_STATUS, 'legal status').optional(),
    placementType: codeOf(PLACEMENT_TYPE, 'placement type').optional(),
    placementProvider: codeOf(PLACEMENT_PROVIDER, 'placement provider').optional(),
    placementInArea: z.boolean().optional(),
    extendedTo25: z.boolean().default(false),
    source: z.string().trim().min(1, 'Enter where this information came from').max(200),
  })
  .superRefine((value, ctx) => {
    if (value.endedOn && value.endedOn < value.startedOn) ctx.addIssue({ code: 'custom', path: ['endedOn'], message: 'End date must be on or after the start date' });
    if (value.kind === 'child_protection' && !value.cpCategory) ctx.addIssue({ code: 'custom', path: ['cpCategory'], message: 'Select the child protection category' });
    if (value.kind === 'looked_after' && !value.legalStatus) ctx.addIssue({ code: 'custom', path: ['legalStatus'], message: 'Select the legal status' });
  });

export const endEpisodeBody = z.object({ endedOn: isoDate('the end date') });
export const episodeParams = z.object({ childId: uuid, episodeId: uuid });

export const manualFlagBody = z
  .object({
    kind: z.enum(MANUAL_FLAG_KINDS, { error: 'Select the alert type' }),
    note: z.string().trim().max(1000).optional(),
    source: z.string().trim().min(1, 'Enter where this information came from').max(200),
    reviewOn: isoDate('the review date'),
    disclosureDecision: z.enum(['disclosed', 'not_disclosed'], { error: 'Select whether the person has been told about this alert' }),
    disclosureReason: z.string().trim().max(500).optional(),
    confidentiality,
  })
  .superRefine((value, ctx) => {
    if (value.disclosureDecision === 'not_disclosed' && !value.disclosureReason)
      ctx.addIssue({ code: 'custom', path: ['disclosureReason'], message: 'Enter why the person has not been told' });
  });

export const relationshipBody = z
  .object({
    kind: z.enum(RELATIONSHIP_KINDS, { error: 'Select the relationship' }),
    relatedChildId: uuid.optional(),
    person: z
      .object({
        givenName: trimmedName('given name'),
        familyName: trimmedName('family name'),
        dateOfBirth: isoDate('the date of birth').optional(),
        nhsNumber: nhsNumber.optional(),
      })
      .optional(),
    hasParentalResponsibility: z.boolean().default(false),
    livesWith: z.boolean().default(false),
    validFrom: isoDate('the start date').optional(),
  })
  .refine((v) => Boolean(v.relatedChildId) !== Boolean(v.person), { message: 'Give either a related child or a person, not both', path: ['person'] });

export const nameChangeBody = z.object({
  givenName: trimmedName('given name'),
  familyName: trimmedName('family name'),
  validFrom: isoDate('the date the name changed'),
  /** The category of the name being replaced: sealed_identity on adoption (the previous identity is linked but hidden). */
  previousNameConfidentiality: confidentiality,
});

export const birthBody = z.object({
  givenName: trimmedName('given name'),
  familyName: trimmedName('family name'),
  dateOfBirth: isoDate('the date of birth'),
  sex: z.enum(SEXES, { error: 'Select the sex' }),
  nhsNumber: nhsNumber.optional(),
});

export const presentationBody = z.object({
  reason: z.string().trim().min(3, 'Enter the reason the child is presenting').max(200),
});

export const flagLookupQuery = z.object({ nhsNumber });

export const cohortQuery = z.object({ practiceId: uuid.optional() });

// ---- Responses ----

export const flagSchema = z.object({
  code: z.string(),
  priority: z.number(),
  label: z.string(),
  since: z.string(),
  until: z.string().nullable(),
  detail: z.string().nullable(),
  source: z.enum(['status_episode', 'manual']),
  sourceId: z.string(),
  reviewOverdue: z.boolean().optional(),
});
export type Flag = z.infer<typeof flagSchema>;

const orgRef = z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable();

export const episodeSchema = z.object({
  id: z.string(),
  kind: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  cpCategory: z.string().nullable(),
  legalStatus: z.string().nullable(),
  legalStatusLabel: z.string().nullable(),
  placementType: z.string().nullable(),
  placementTypeLabel: z.string().nullable(),
  placementProvider: z.string().nullable(),
  placementInArea: z.boolean().nullable(),
  extendedTo25: z.boolean(),
  source: z.string(),
  recordedAt: z.string(),
});

export const manualFlagSchema = z.object({
  id: z.string(),
  kind: z.string(),
  label: z.string(),
  note: z.string().nullable(),
  source: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  reviewOn: z.string(),
  endedOn: z.string().nullable(),
  disclosureDecision: z.string(),
  disclosureReason: z.string().nullable(),
  restricted: restrictedSchema,
});

export const relationshipSchema = z.object({
  id: z.string(),
  kind: z.string(),
  relatedChildId: z.string().nullable(),
  /** Whether the related child's record is in the reader's scope (link shown only then). */
  relatedChildInScope: z.boolean(),
  name: z.string(),
  dateOfBirth: z.string().nullable(),
  hasParentalResponsibility: z.boolean(),
  livesWith: z.boolean(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  flags: z.array(z.string()),
});

export const childSummarySchema = z.object({
  id: z.string(),
  nhsNumber: z.string().nullable(),
  nhsNumberFormatted: z.string().nullable(),
  nhsNumberStatus: z.string(),
  laChildId: z.string().nullable(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string().nullable(),
  ageYears: z.number().nullable(),
  expectedDueOn: z.string().nullable(),
  isUnborn: z.boolean(),
  bornAsChildId: z.string().nullable(),
  unbornRecordId: z.string().nullable(),
  sex: z.string(),
  ethnicity: z.object({ code: z.string(), label: z.string() }).nullable(),
  registeredPractice: orgRef,
  school: orgRef,
  responsibleLocalAuthority: orgRef,
  placementArea: z.string().nullable(),
  identifiers: z.array(z.object({ id: z.string(), kind: z.string(), value: z.string(), issuer: z.string().nullable(), restricted: restrictedSchema })),
  names: z.array(z.object({ id: z.string(), givenName: z.string(), familyName: z.string(), kind: z.string(), validFrom: z.string().nullable(), validTo: z.string().nullable(), restricted: restrictedSchema })),
  addresses: z.array(z.object({ id: z.string(), line1: z.string(), town: z.string().nullable(), postcode: z.string(), validFrom: z.string(), validTo: z.string().nullable(), restricted: restrictedSchema })),
  relationships: z.array(relationshipSchema),
  episodes: z.array(episodeSchema),
  manualFlags: z.array(manualFlagSchema),
  flags: z.array(flagSchema),
  /** Drift (#3): risks with no follow-up, referrals with no outcome, items past escalation — shown in the summary. */
  drift: z.array(
    z.object({
      ruleId: z.string().nullable(),
      since: z.string(),
      description: z.string(),
      eventIds: z.array(z.string()),
      restricted: z.object({ category: z.string(), label: z.string(), whomToAsk: z.string() }).nullable(),
    }),
  ),
  accessBasis: z.string(),
});
export type ChildSummary = z.infer<typeof childSummarySchema>;

export const childResponse = z.object({ child: childSummarySchema });

export const possibleDuplicateSchema = z.object({
  childId: z.string().nullable(),
  inScope: z.boolean(),
  displayName: z.string(),
  dateOfBirth: z.string().nullable(),
  reasons: z.array(z.string()),
});
export const createChildResponse = z.object({ child: childSummarySchema, possibleDuplicates: z.array(possibleDuplicateSchema) });

export const searchResultSchema = z.object({
  id: z.string(),
  nhsNumber: z.string().nullable(),
  nhsNumberFormatted: z.string().nullable(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string().nullable(),
  isUnborn: z.boolean(),
  postcode: z.string().nullable(),
  /** Empty when the child is outside the reader's scope (identification only, e.g. ED before attendance). */
  flags: z.array(z.object({ code: z.string(), label: z.string() })),
  inScope: z.boolean(),
});
export const searchChildrenResponse = z.object({ results: z.array(searchResultSchema) });

export const flagLookupResponse = z.object({
  child: z.object({ id: z.string(), nhsNumber: z.string().nullable(), givenName: z.string(), familyName: z.string(), dateOfBirth: z.string().nullable() }),
  flags: z.array(flagSchema),
  responsibleLocalAuthority: orgRef,
});

export const cohortResponse = z.object({
  practice: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  counts: z.object({ lookedAfter: z.number(), childProtection: z.number(), childInNeed: z.number(), total: z.number() }),
  children: z.array(
    z.object({
      id: z.string(),
      nhsNumberFormatted: z.string().nullable(),
      givenName: z.string(),
      familyName: z.string(),
      dateOfBirth: z.string().nullable(),
      statuses: z.array(z.object({ kind: z.string(), label: z.string(), startedOn: z.string(), detail: z.string().nullable() })),
    }),
  ),
});

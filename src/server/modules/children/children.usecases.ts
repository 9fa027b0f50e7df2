import { randomUUID } from 'node:crypto';
import { CONFIDENTIALITY, CONFIDENTIALITY_CATEGORIES, canSeeContent, type ConfidentialityCategory } from '../../../domain/access/confidentiality.js';
import { accessBasis, canAccessRecord, canPerform, hasUnscheduledCareFlagLookup, type RecordRelationships } from '../../../domain/access/permissions.js';
import type { Action, Resource } from '../../../domain/access/roles.js';
import { ageInYears, compareIsoDates } from '../../../domain/calendar/iso-date.js';
import { describeCode, ETHNICITY, LEGAL_STATUS, PLACEMENT_TYPE } from '../../../domain/codes/dfe-codes.js';
import { formatNhsNumber } from '../../../domain/identity/nhs-number.js';
import { isPossibleDuplicate, type DuplicateReason } from '../../../domain/identity/name-similarity.js';

const DUPLICATE_REASON_TEXT: Record<DuplicateReason, string> = {
  same_nhs_number: 'Same NHS number',
  same_date_of_birth_and_similar_name: 'Same date of birth and a similar name',
  transposed_date_of_birth_and_similar_family_name: 'Day and month of birth swapped, similar family name',
};
import { deriveFlags, flagLabel, type CpCategory, type ManualFlag, type ManualFlagKind, type StatusKind } from '../../../domain/status/flags.js';
import type { z } from 'zod';
import type { birthBody, ChildSummary, createChildBody, updateChildBody, manualFlagBody, nameChangeBody, relationshipBody, statusEpisodeBody, addressInput, identifierInput } from '../../../contracts/children.js';
import type { Db } from '../../db/database.js';
import { applyReadAuditCommit, recordAudit } from '../../audit/audit.js';
import { AppError, createForbiddenError, fieldError } from '../../shared/app-error.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { inTransaction } from '../../shared/transaction.js';
import {
  createChildNotFoundError,
  createEpisodeNotFoundError,
  createFlagNotFoundError,
  createLaChildIdTakenError,
  createNhsNumberTakenError,
  createNotUnbornError,
  createPossibleDuplicatesError,
} from './children.errors.js';
import { driftForChild } from '../drift/drift.usecases.js';
import {
  childrenInScope,
  findChildWithRelationships,
  findDuplicateCandidates,
  loadEpisodes,
  loadManualFlags,
  loadOrganisations,
  loadRecordParts,
  lookupFlagsAudited,
  searchChildren as searchChildrenQuery,
  type ChildRow,
  type SearchCriteria,
} from './children.repository.js';

export interface Deps {
  db: Db;
  clock: Clock;
}


interface ChildAccess {
  child: ChildRow;
  relationships: RecordRelationships;
  basis: string;
}

/**
 * Every read and write of one child's record goes through here: the role must allow the action (else
 * 403), the child must be in the actor's scope (else 404, exactly like a missing child), and the
 * attempt is audited in the same transaction — allowed, denied or not found.
 */
export async function withChild<T>(
  { db, clock }: Deps,
  { actor, childId, resource, action, auditAction, details }: { actor: Actor; childId: string; resource: Resource; action: Action; auditAction: string; details?: Record<string, unknown> },
  work: (tx: Db, access: ChildAccess) => Promise<T>,
): Promise<T> {
  const at = { today: clock.today(), now: clock.now() };
  return inTransaction<T>(db, async (tx) => {
    if (action === 'read') await applyReadAuditCommit(tx);
    if (!canPerform({ role: actor.role, resource, action })) {
      await recordAudit(tx, { actor, action: auditAction, outcome: 'denied', childId, details: { reason: 'role', ...details }, at: at.now });
      return { ok: false, error: createForbiddenError() };
    }
    const found = await findChildWithRelationships(tx, { childId, actor, at });
    if (!found || !canAccessRecord({ role: actor.role, relationships: found.relationships })) {
      await recordAudit(tx, { actor, action: auditAction, outcome: 'not_found', childId: found ? childId : null, details: { reason: found ? 'scope' : 'missing', requestedChildId: childId, ...details }, at: at.now });
      return { ok: false, error: createChildNotFoundError() };
    }
    const basis = accessBasis({ role: actor.role, relationships: found.relationships }) ?? 'none';
    try {
      const value = await work(tx, { child: found.child, relationships: found.relationships, basis });
      await recordAudit(tx, { actor, action: auditAction, outcome: 'allowed', childId, details: { basis, ...details }, at: at.now });
      return { ok: true, value };
    } catch (error) {
      // A refused write rolls back whole; the refusal is then audited in its own transaction.
      if (error instanceof AppError) throw new RefusedWrite(error);
      throw error;
    }
  }).catch(async (error: unknown) => {
    if (!(error instanceof RefusedWrite)) throw error;
    await recordAudit(db, { actor, action: auditAction, outcome: 'failed', childId, details: { reason: error.refusal.code, ...details }, at: at.now });
    throw error.refusal;
  });
}

class RefusedWrite extends Error {
  constructor(readonly refusal: AppError) {
    super(refusal.message);
  }
}

// ---------------------------------------------------------------------------------------------
// Confidentiality (#5): entries and fields of a category the reader may not see are replaced by the fact
// that they exist, their category and whom to ask. An unknown category fails closed (treated as sealed).

type Restricted = { category: string; label: string; whomToAsk: string };

export function restrictionFor(actor: Actor, category: string, now: Date = new Date()): Restricted | null {
  const known = (CONFIDENTIALITY_CATEGORIES as readonly string[]).includes(category) ? (category as ConfidentialityCategory) : 'sealed_identity';
  const definition = CONFIDENTIALITY[known];
  // A sealed identity needs a fresh step-up (re-entered password) even for the roles entitled to it.
  if (canSeeContent({ role: actor.role, category: known, steppedUpAt: actor.steppedUpAt, now })) return null;
  return { category: known, label: definition.label, whomToAsk: definition.whomToAsk };
}

const RESTRICTED = 'Restricted';

/** A restricted alert still raises a flag — as a neutral "Safeguarding alert" — but never says what it is. */
function visibleManualFlag<T extends ManualFlag>(actor: Actor, flag: T & { confidentiality: string }): T & { restricted: Restricted | null } {
  const restricted = restrictionFor(actor, flag.confidentiality);
  if (!restricted) return { ...flag, restricted: null };
  return { ...flag, kind: 'other', note: `Restricted alert — ask ${restricted.whomToAsk}`, source: RESTRICTED, disclosureReason: null, restricted };
}

// ---------------------------------------------------------------------------------------------
// Reads

export async function getChildSummary(deps: Deps, { actor, childId }: { actor: Actor; childId: string }): Promise<ChildSummary> {
  return withChild(deps, { actor, childId, resource: 'child', action: 'read', auditAction: 'child.read' }, (tx, access) => buildSummary(tx, deps.clock, actor, access));
}

async function buildSummary(tx: Db, clock: Clock, actor: Actor, { child, basis }: ChildAccess): Promise<ChildSummary> {
  const today = clock.today();
  const [episodesMap, manualMap, parts, orgs, drift] = await Promise.all([
    loadEpisodes(tx, [child.id]),
    loadManualFlags(tx, [child.id]),
    loadRecordParts(tx, child.id),
    loadOrganisations(tx, [child.registered_practice_id, child.school_id, child.responsible_la_id]),
    driftForChild(tx, child.id, clock.now(), { role: actor.role }),
  ]);
  const episodes = episodesMap.get(child.id) ?? [];
  const manualFlags = (manualMap.get(child.id) ?? []).map((flag) => visibleManualFlag(actor, flag));
  const relatedChildIds = parts.relationships.map((r) => r.related_child_id).filter((id): id is string => Boolean(id));
  const [inScope, relatedEpisodes, relatedFlags] = await Promise.all([
    childrenInScope(tx, { childIds: relatedChildIds, actor, at: { today, now: clock.now() } }),
    loadEpisodes(tx, relatedChildIds),
    loadManualFlags(tx, relatedChildIds),
  ]);
  const orgRef = (id: string | null) => (id ? (orgs.get(id) ?? null) : null);
  return {
    id: child.id,
    nhsNumber: child.nhs_number,
    nhsNumberFormatted: child.nhs_number ? formatNhsNumber(child.nhs_number) : null,
    nhsNumberStatus: child.nhs_number_status,
    laChildId: child.la_child_id,
    givenName: child.given_name,
    familyName: child.family_name,
    dateOfBirth: child.date_of_birth,
    ageYears: child.date_of_birth ? ageInYears({ dateOfBirth: child.date_of_birth, on: today }) : null,
    expectedDueOn: child.expected_due_on,
    isUnborn: child.is_unborn,
    bornAsChildId: child.born_as_child_id,
    unbornRecordId: child.unborn_record_id,
    sex: child.sex,
    ethnicity: child.ethnicity ? { code: child.ethnicity, label: describeCode(ETHNICITY, child.ethnicity) ?? child.ethnicity } : null,
    registeredPractice: orgRef(child.registered_practice_id),
    school: orgRef(child.school_id),
    responsibleLocalAuthority: orgRef(child.responsible_la_id),
    placementArea: child.placement_area,
    identifiers: parts.identifiers.map((i) => {
      const restricted = restrictionFor(actor, i.confidentiality);
      return restricted ? { id: i.id, kind: i.kind, value: RESTRICTED, issuer: null, restricted } : { id: i.id, kind: i.kind, value: i.value, issuer: i.issuer, restricted: null };
    }),
    names: parts.names.map((n) => {
      const restricted = restrictionFor(actor, n.confidentiality);
      return restricted
        ? { id: n.id, givenName: RESTRICTED, familyName: RESTRICTED, kind: n.kind, validFrom: null, validTo: null, restricted }
        : { id: n.id, givenName: n.given_name, familyName: n.family_name, kind: n.kind, validFrom: n.valid_from, validTo: n.valid_to, restricted: null };
    }),
    addresses: parts.addresses.map((a) => {
      const restricted = restrictionFor(actor, a.confidentiality);
      return restricted
        ? { id: a.id, line1: RESTRICTED, town: null, postcode: RESTRICTED, validFrom: a.valid_from, validTo: a.valid_to, restricted }
        : { id: a.id, line1: a.line1, town: a.town, postcode: a.postcode, validFrom: a.valid_from, validTo: a.valid_to, restricted: null };
    }),
    relationships: parts.relationships.map((r) => {
      const relatedInScope = r.related_child_id ? inScope.has(r.related_child_id) : false;
      // A household member's flags are shown only where the reader may see that child's record.
      const flags =
        r.related_child_id && relatedInScope
          ? deriveFlags({ episodes: relatedEpisodes.get(r.related_child_id) ?? [], manualFlags: (relatedFlags.get(r.related_child_id) ?? []).map((flag) => visibleManualFlag(actor, flag)), today, dateOfBirth: null }).map((f) => f.label)
          : [];
      return {
        id: r.id,
        kind: r.kind,
        relatedChildId: relatedInScope ? r.related_child_id : null,
        relatedChildInScope: relatedInScope,
        name: r.name,
        dateOfBirth: r.date_of_birth,
        hasParentalResponsibility: r.has_parental_responsibility,
        livesWith: r.lives_with,
        validFrom: r.valid_from,
        validTo: r.valid_to,
        flags,
      };
    }),
    episodes: episodes.map((e) => ({
      id: e.id,
      kind: e.kind,
      startedOn: e.startedOn,
      endedOn: e.endedOn,
      cpCategory: e.cpCategory ?? null,
      legalStatus: e.legalStatus ?? null,
      legalStatusLabel: e.legalStatus ? (describeCode(LEGAL_STATUS, e.legalStatus) ?? null) : null,
      placementType: e.placementType ?? null,
      placementTypeLabel: e.placementType ? (describeCode(PLACEMENT_TYPE, e.placementType) ?? null) : null,
      placementProvider: e.placementProvider ?? null,
      placementInArea: e.placementInArea ?? null,
      extendedTo25: e.extendedTo25 ?? false,
      source: e.source,
      recordedAt: e.recordedAt,
    })),
    manualFlags: manualFlags.map((f) => ({
      id: f.id,
      kind: f.kind,
      label: flagLabel(f.kind),
      note: f.note ?? null,
      source: f.source,
      recordedBy: f.recordedByName,
      recordedAt: f.recordedAt,
      reviewOn: f.reviewOn,
      endedOn: f.endedOn,
      disclosureDecision: f.disclosureDecision,
      disclosureReason: f.disclosureReason ?? null,
      restricted: f.restricted,
    })),
    flags: deriveFlags({ episodes, manualFlags, today, dateOfBirth: child.date_of_birth, isUnborn: child.is_unborn }),
    drift: drift.map(({ ruleId, since, description, eventIds, restricted }) => ({ ruleId, since, description, eventIds, restricted })),
    accessBasis: basis,
  };
}

export async function searchChildren(deps: Deps, { actor, criteria }: { actor: Actor; criteria: SearchCriteria }) {
  const { db, clock } = deps;
  const at = { today: clock.today(), now: clock.now() };
  const criteriaKinds = Object.entries(criteria).filter(([k, v]) => k !== 'limit' && v).map(([k]) => k);
  return inTransaction(db, async (tx) => {
    if (!canPerform({ role: actor.role, resource: 'child', action: 'search' })) {
      await recordAudit(tx, { actor, action: 'child.search', outcome: 'denied', details: { criteria: criteriaKinds }, at: at.now });
      return { ok: false, error: createForbiddenError() };
    }
    // Unscheduled care identifies a child before any relationship exists: they may search everyone,
    // see identification details only, and must record an attendance to open the record.
    const scoped = !hasUnscheduledCareFlagLookup(actor.role);
    const rows = await searchChildrenQuery(tx, { criteria, actor, at, scoped });
    const inScopeIds = rows.filter((r) => r.in_scope).map((r) => r.id);
    const [episodes, manual] = await Promise.all([loadEpisodes(tx, inScopeIds), loadManualFlags(tx, inScopeIds)]);
    const results = rows.map((row) => ({
      id: row.id,
      nhsNumber: row.nhs_number,
      nhsNumberFormatted: row.nhs_number ? formatNhsNumber(row.nhs_number) : null,
      givenName: row.given_name,
      familyName: row.family_name,
      dateOfBirth: row.date_of_birth,
      isUnborn: row.is_unborn,
      postcode: row.postcode,
      inScope: Boolean(row.in_scope),
      flags: row.in_scope
        ? deriveFlags({ episodes: episodes.get(row.id) ?? [], manualFlags: (manual.get(row.id) ?? []).map((flag) => visibleManualFlag(actor, flag)), today: at.today, dateOfBirth: row.date_of_birth, isUnborn: row.is_unborn }).map((f) => ({ code: f.code, label: f.label }))
        : [],
    }));
    await recordAudit(tx, { actor, action: 'child.search', outcome: 'allowed', details: { criteria: criteriaKinds, resultChildIds: results.map((r) => r.id) }, at: at.now });
    return { ok: true, value: { results } };
  });
}

/**
 * CP-IS style flag lookup by NHS number (the ED's first question). Unscheduled care may look up any
 * child; others only children in scope. Always audited, including "no such child".
 */
export async function lookupFlags(deps: Deps, { actor, nhsNumber }: { actor: Actor; nhsNumber: string }) {
  const { db, clock } = deps;
  const at = { today: clock.today(), now: clock.now() };
  if (!canPerform({ role: actor.role, resource: 'flag', action: 'read' })) {
    await recordAudit(db, { actor, action: 'flag.lookup', outcome: 'denied', details: { reason: 'role' }, at: at.now });
    throw createForbiddenError();
  }
  const row = await lookupFlagsAudited(db, { nhsNumber, actor, at, anyChild: hasUnscheduledCareFlagLookup(actor.role) });
  if (row.outcome !== 'allowed' || !row.id) throw createChildNotFoundError();
  const flags = deriveFlags({
    episodes: (row.episodes ?? []).map((e) => ({ ...e, kind: e.kind as StatusKind, cpCategory: e.cpCategory as CpCategory | null })),
    manualFlags: (row.manual_flags ?? []).map((f) => visibleManualFlag(actor, { ...f, kind: f.kind as ManualFlagKind, recordedAt: new Date(f.recordedAt).toISOString() })),
    today: at.today,
    dateOfBirth: row.date_of_birth,
    isUnborn: row.is_unborn ?? false,
  });
  return {
    child: { id: row.id, nhsNumber: row.nhs_number, givenName: row.given_name ?? '', familyName: row.family_name ?? '', dateOfBirth: row.date_of_birth },
    flags,
    responsibleLocalAuthority: row.responsible_la,
  };
}

// ---------------------------------------------------------------------------------------------
// Creating a child

type CreateChildInput = z.output<typeof createChildBody>;

export async function checkDuplicates(deps: Deps, { actor, input }: { actor: Actor; input: Pick<CreateChildInput, 'nhsNumber' | 'givenName' | 'familyName' | 'dateOfBirth'> }) {
  const { db, clock } = deps;
  const at = { today: clock.today(), now: clock.now() };
  // Only a role that may add a child checks for duplicates: the answer says that a child with these details
  // exists (initials and date of birth when out of scope). Found by the access matrix (#5).
  if (!canPerform({ role: actor.role, resource: 'child', action: 'create' })) {
    await recordAudit(db, { actor, action: 'child.duplicate_check', outcome: 'denied', details: { reason: 'role' }, at: at.now });
    throw createForbiddenError();
  }
  const candidates = await findDuplicateCandidates(db, input);
  const matches = candidates
    .map((c) => ({
      row: c,
      verdict: isPossibleDuplicate({
        candidate: { nhsNumber: input.nhsNumber, givenName: input.givenName, familyName: input.familyName, dateOfBirth: input.dateOfBirth },
        existing: { nhsNumber: c.nhs_number ?? undefined, givenName: c.given_name, familyName: c.family_name, dateOfBirth: c.date_of_birth ?? undefined },
      }),
    }))
    .filter((m) => m.verdict.duplicate);
  const inScope = await childrenInScope(db, { childIds: matches.map((m) => m.row.id), actor, at });
  // Out-of-scope matches are shown masked (initials and date of birth) so the user knows to ask,
  // without revealing who the child is.
  return matches.map(({ row, verdict }) => {
    const visible = inScope.has(row.id);
    return {
      childId: visible ? row.id : null,
      inScope: visible,
      displayName: visible ? `${row.given_name} ${row.family_name}` : `${row.given_name.charAt(0)}. ${row.family_name.charAt(0)}.`,
      dateOfBirth: row.date_of_birth,
      reasons: verdict.reasons.map((reason) => DUPLICATE_REASON_TEXT[reason]),
    };
  });
}

export async function createChild(deps: Deps, { actor, input }: { actor: Actor; input: CreateChildInput }) {
  const now = deps.clock.now();
  if (!canPerform({ role: actor.role, resource: 'child', action: 'create' })) {
    await recordAudit(deps.db, { actor, action: 'child.create', outcome: 'denied', details: { reason: 'role' }, at: now });
    throw createForbiddenError();
  }
  try {
    return await createChildChecked(deps, { actor, input });
  } catch (error) {
    // A refused create (future date, taken NHS number, possible duplicates…) is audited too (found by the access matrix).
    if (error instanceof AppError) await recordAudit(deps.db, { actor, action: 'child.create', outcome: 'failed', details: { reason: error.code }, at: now });
    throw error;
  }
}

async function createChildChecked(deps: Deps, { actor, input }: { actor: Actor; input: CreateChildInput }) {
  const { db, clock } = deps;
  const now = clock.now();
  const today = clock.today();
  if (input.dateOfBirth && compareIsoDates(input.dateOfBirth, today) > 0) throw fieldError('dateOfBirth', 'Date of birth must be today or in the past', 'children.date_of_birth_in_future');
  if (input.address && compareIsoDates(input.address.validFrom, today) > 0) throw fieldError('address.validFrom', 'The date the child started living here must be today or in the past');
  const possibleDuplicates = await checkDuplicates(deps, { actor, input });
  if (input.nhsNumber && (await db.selectFrom('children').select('id').where('nhs_number', '=', input.nhsNumber).executeTakeFirst())) throw createNhsNumberTakenError();
  if (possibleDuplicates.length > 0 && !input.confirmedNotDuplicate) throw createPossibleDuplicatesError();
  const childId = randomUUID();
  await inTransaction(db, async (tx) => {
    const refs = await checkOrganisationRefs(tx, input);
    if (refs) return { ok: false, error: refs };
    if (input.laChildId && (await tx.selectFrom('children').select('id').where('la_child_id', '=', input.laChildId).executeTakeFirst())) return { ok: false, error: createLaChildIdTakenError() };
    // The area's own local authority is responsible unless the record says otherwise (one LA per CLASP area).
    const localAuthorities = await tx.selectFrom('organisations').select('id').where('kind', '=', 'local_authority').limit(2).execute();
    const homeLocalAuthority = localAuthorities.length === 1 ? localAuthorities[0] : undefined;
    let motherPersonId: string | null = null;
    if (input.mother) {
      motherPersonId = randomUUID();
      await tx.insertInto('people').values({ id: motherPersonId, given_name: input.mother.givenName, family_name: input.mother.familyName, date_of_birth: input.mother.dateOfBirth ?? null, nhs_number: input.mother.nhsNumber ?? null, phone: null }).execute();
    }
    await tx
      .insertInto('children')
      .values({
        id: childId,
        nhs_number: input.nhsNumber ?? null,
        nhs_number_status: input.nhsNumber ? 'unverified' : 'none',
        la_child_id: input.laChildId ?? null,
        given_name: input.givenName,
        family_name: input.familyName,
        date_of_birth: input.dateOfBirth ?? null,
        expected_due_on: input.expectedDueOn ?? null,
        is_unborn: input.isUnborn,
        mother_person_id: motherPersonId,
        sex: input.sex,
        ethnicity: input.ethnicity ?? null,
        registered_practice_id: input.registeredPracticeId ?? null,
        school_id: input.schoolId ?? null,
        placement_area: input.placementArea ?? null,
        born_as_child_id: null,
        unborn_record_id: null,
        responsible_la_id: homeLocalAuthority?.id ?? null,
      })
      .execute();
    await tx.insertInto('child_names').values({ child_id: childId, id: randomUUID(), given_name: input.givenName, family_name: input.familyName, kind: 'usual', valid_from: input.dateOfBirth ?? null, valid_to: null }).execute();
    if (motherPersonId)
      await tx.insertInto('relationships').values({ child_id: childId, id: randomUUID(), kind: 'mother', related_child_id: null, related_person_id: motherPersonId, has_parental_responsibility: true, lives_with: true, valid_from: null, valid_to: null }).execute();
    if (input.address) await tx.insertInto('child_addresses').values({ child_id: childId, id: randomUUID(), line1: input.address.line1, town: input.address.town ?? null, postcode: input.address.postcode, valid_from: input.address.validFrom, valid_to: null, confidentiality: input.address.confidentiality ?? 'standard' }).execute();
    for (const identifier of input.otherIdentifiers) await tx.insertInto('child_identifiers').values({ child_id: childId, id: randomUUID(), kind: identifier.kind, value: identifier.value, issuer: identifier.issuer ?? null, confidentiality: identifier.confidentiality ?? 'standard' }).execute();
    // The creator's team takes the child onto its caseload, so the person who made the record can see it.
    if (actor.teamId) {
      const team = await tx.selectFrom('teams').select('kind').where('id', '=', actor.teamId).executeTakeFirst();
      await tx.insertInto('caseload_allocations').values({ child_id: childId, id: randomUUID(), team_id: actor.teamId, user_id: actor.userId, service: team?.kind ?? 'other', started_on: today, ended_on: null }).execute();
    }
    await recordAudit(tx, { actor, action: 'child.create', outcome: 'allowed', childId, details: { possibleDuplicatesAcknowledged: possibleDuplicates.length }, at: now });
    return { ok: true, value: null };
  }).catch((error: unknown) => {
    throw mapUniqueViolation(error);
  });
  const child = await getChildSummary(deps, { actor, childId });
  return { child, possibleDuplicates };
}

async function checkOrganisationRefs(tx: Db, input: { registeredPracticeId?: string | undefined; schoolId?: string | undefined }): Promise<AppError | null> {
  const checks: [string, string | undefined, string][] = [
    ['registeredPracticeId', input.registeredPracticeId, 'gp_practice'],
    ['schoolId', input.schoolId, 'school'],
  ];
  for (const [field, id, kind] of checks) {
    if (!id) continue;
    const org = await tx.selectFrom('organisations').select('kind').where('id', '=', id).executeTakeFirst();
    if (!org || org.kind !== kind) return fieldError(field, kind === 'gp_practice' ? 'Select a GP practice from the list' : 'Select a school from the list', 'children.unknown_organisation');
  }
  return null;
}

function mapUniqueViolation(error: unknown): unknown {
  const e = error as { code?: string; constraint?: string };
  if (e?.code === '23505' && e.constraint?.includes('nhs_number')) return createNhsNumberTakenError();
  if (e?.code === '23505' && e.constraint?.includes('la_child_id')) return createLaChildIdTakenError();
  return error;
}

// ---------------------------------------------------------------------------------------------
// Writes to an existing record

function ensureNotFuture(today: string, value: string | undefined, field: string, label: string) {
  if (value && compareIsoDates(value, today) > 0) throw fieldError(field, `${label} must be today or in the past`);
}

export async function updateChild(deps: Deps, { actor, childId, input }: { actor: Actor; childId: string; input: z.output<typeof updateChildBody> }) {
  await withChild(deps, { actor, childId, resource: 'child', action: 'update', auditAction: 'child.update', details: { fields: Object.keys(input) } }, async (tx, { child }) => {
    const refs = await checkOrganisationRefs(tx, { registeredPracticeId: input.registeredPracticeId ?? undefined, schoolId: input.schoolId ?? undefined });
    if (refs) throw refs;
    if (input.nhsNumber && input.nhsNumber !== child.nhs_number && (await tx.selectFrom('children').select('id').where('nhs_number', '=', input.nhsNumber).executeTakeFirst())) throw createNhsNumberTakenError();
    if (input.laChildId && input.laChildId !== child.la_child_id && (await tx.selectFrom('children').select('id').where('la_child_id', '=', input.laChildId).executeTakeFirst())) throw createLaChildIdTakenError();
    await tx
      .updateTable('children')
      .set({
        ...(input.nhsNumber !== undefined && input.nhsNumber !== child.nhs_number ? { nhs_number: input.nhsNumber, nhs_number_status: 'unverified' } : {}),
        ...(input.laChildId !== undefined ? { la_child_id: input.laChildId } : {}),
        ...(input.sex !== undefined ? { sex: input.sex } : {}),
        ...(input.ethnicity !== undefined ? { ethnicity: input.ethnicity } : {}),
        ...(input.registeredPracticeId !== undefined ? { registered_practice_id: input.registeredPracticeId } : {}),
        ...(input.schoolId !== undefined ? { school_id: input.schoolId } : {}),
        ...(input.placementArea !== undefined ? { placement_area: input.placementArea } : {}),
        updated_at: deps.clock.now(),
      })
      .where('id', '=', childId)
      .execute();
  });
  return getChildSummary(deps, { actor, childId });
}

export async function addStatusEpisode(deps: Deps, { actor, childId, input }: { actor: Actor; childId: string; input: z.output<typeof statusEpisodeBody> }) {
  const id = randomUUID();
  await withChild(deps, { actor, childId, resource: 'status_episode', action: 'create', auditAction: 'status_episode.create', details: { episodeId: id, kind: input.kind } }, async (tx, { child }) => {
    ensureNotFuture(deps.clock.today(), input.startedOn, 'startedOn', 'Start date');
    if (child.date_of_birth && compareIsoDates(input.startedOn, child.date_of_birth) < 0 && input.kind !== 'child_protection')
      throw fieldError('startedOn', 'Start date must be on or after the date of birth');
    await tx
      .insertInto('status_episodes')
      .values({
        child_id: childId,
        id,
        kind: input.kind,
        started_on: input.startedOn,
        ended_on: input.endedOn ?? null,
        cp_category: input.kind === 'child_protection' ? (input.cpCategory ?? null) : null,
        legal_status: input.kind === 'looked_after' ? (input.legalStatus ?? null) : null,
        placement_type: input.kind === 'looked_after' ? (input.placementType ?? null) : null,
        placement_provider: input.kind === 'looked_after' ? (input.placementProvider ?? null) : null,
        placement_in_area: input.kind === 'looked_after' ? (input.placementInArea ?? null) : null,
        extended_to_25: input.kind === 'care_leaver' ? input.extendedTo25 : false,
        source: input.source,
        recorded_by: actor.userId,
        recorded_at: deps.clock.now(),
      })
      .execute();
  });
  return getChildSummary(deps, { actor, childId });
}

export async function endStatusEpisode(deps: Deps, { actor, childId, episodeId, endedOn }: { actor: Actor; childId: string; episodeId: string; endedOn: string }) {
  await withChild(deps, { actor, childId, resource: 'status_episode', action: 'update', auditAction: 'status_episode.end', details: { episodeId } }, async (tx) => {
    const episode = await tx.selectFrom('status_episodes').select(['started_on', 'ended_on']).where('child_id', '=', childId).where('id', '=', episodeId).executeTakeFirst();
    if (!episode) throw createEpisodeNotFoundError();
    if (compareIsoDates(endedOn, episode.started_on) < 0) throw fieldError('endedOn', 'End date must be on or after the start date');
    await tx.updateTable('status_episodes').set({ ended_on: endedOn }).where('child_id', '=', childId).where('id', '=', episodeId).execute();
  });
  return getChildSummary(deps, { actor, childId });
}

export async function addManualFlag(deps: Deps, { actor, childId, input }: { actor: Actor; childId: string; input: z.output<typeof manualFlagBody> }) {
  const id = randomUUID();
  await withChild(deps, { actor, childId, resource: 'flag', action: 'create', auditAction: 'flag.create', details: { flagId: id, kind: input.kind } }, async (tx) => {
    if (compareIsoDates(input.reviewOn, deps.clock.today()) <= 0) throw fieldError('reviewOn', 'Review date must be in the future');
    await tx
      .insertInto('manual_flags')
      .values({
        child_id: childId,
        id,
        kind: input.kind as ManualFlagKind,
        note: input.note ?? null,
        source: input.source,
        recorded_by: actor.userId,
        recorded_at: deps.clock.now(),
        review_on: input.reviewOn,
        ended_on: null,
        disclosure_decision: input.disclosureDecision,
        disclosure_reason: input.disclosureReason ?? null,
        confidentiality: input.confidentiality ?? 'standard',
      })
      .execute();
  });
  return getChildSummary(deps, { actor, childId });
}

export async function endManualFlag(deps: Deps, { actor, childId, flagId, endedOn }: { actor: Actor; childId: string; flagId: string; endedOn: string }) {
  await withChild(deps, { actor, childId, resource: 'flag', action: 'update', auditAction: 'flag.end', details: { flagId } }, async (tx) => {
    const result = await tx.updateTable('manual_flags').set({ ended_on: endedOn }).where('child_id', '=', childId).where('id', '=', flagId).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw createFlagNotFoundError();
  });
  return getChildSummary(deps, { actor, childId });
}

export async function addRelationship(deps: Deps, { actor, childId, input }: { actor: Actor; childId: string; input: z.output<typeof relationshipBody> }) {
  const id = randomUUID();
  await withChild(deps, { actor, childId, resource: 'relationship', action: 'create', auditAction: 'relationship.create', details: { relationshipId: id, kind: input.kind } }, async (tx) => {
    let personId: string | null = null;
    if (input.relatedChildId) {
      if (input.relatedChildId === childId) throw fieldError('relatedChildId', 'A child cannot be related to themselves');
      const other = await tx.selectFrom('children').select('id').where('id', '=', input.relatedChildId).executeTakeFirst();
      if (!other) throw fieldError('relatedChildId', 'Select a child that exists');
    } else if (input.person) {
      personId = randomUUID();
      await tx.insertInto('people').values({ id: personId, given_name: input.person.givenName, family_name: input.person.familyName, date_of_birth: input.person.dateOfBirth ?? null, nhs_number: input.person.nhsNumber ?? null, phone: null }).execute();
    }
    await tx
      .insertInto('relationships')
      .values({ child_id: childId, id, kind: input.kind, related_child_id: input.relatedChildId ?? null, related_person_id: personId, has_parental_responsibility: input.hasParentalResponsibility, lives_with: input.livesWith, valid_from: input.validFrom ?? null, valid_to: null })
      .execute();
    // Siblings are symmetrical: record the reverse link too, so each child's household shows the other.
    if (input.relatedChildId && (input.kind === 'sibling' || input.kind === 'half_sibling' || input.kind === 'household_member')) {
      await tx
        .insertInto('relationships')
        .values({ child_id: input.relatedChildId, id: randomUUID(), kind: input.kind, related_child_id: childId, related_person_id: null, has_parental_responsibility: false, lives_with: input.livesWith, valid_from: input.validFrom ?? null, valid_to: null })
        .execute();
    }
  });
  return getChildSummary(deps, { actor, childId });
}

export async function changeName(deps: Deps, { actor, childId, input }: { actor: Actor; childId: string; input: z.output<typeof nameChangeBody> }) {
  await withChild(deps, { actor, childId, resource: 'child', action: 'update', auditAction: 'child.name_change' }, async (tx) => {
    ensureNotFuture(deps.clock.today(), input.validFrom, 'validFrom', 'The date the name changed');
    await tx
      .updateTable('child_names')
      .set({ valid_to: input.validFrom, kind: 'previous', ...(input.previousNameConfidentiality ? { confidentiality: input.previousNameConfidentiality } : {}) })
      .where('child_id', '=', childId)
      .where('kind', '=', 'usual')
      .where('valid_to', 'is', null)
      .execute();
    await tx.insertInto('child_names').values({ child_id: childId, id: randomUUID(), given_name: input.givenName, family_name: input.familyName, kind: 'usual', valid_from: input.validFrom, valid_to: null }).execute();
    await tx.updateTable('children').set({ given_name: input.givenName, family_name: input.familyName, updated_at: deps.clock.now() }).where('id', '=', childId).execute();
  });
  return getChildSummary(deps, { actor, childId });
}

export async function addAddress(deps: Deps, { actor, childId, input }: { actor: Actor; childId: string; input: z.output<typeof addressInput> }) {
  await withChild(deps, { actor, childId, resource: 'child', action: 'update', auditAction: 'child.address_add' }, async (tx) => {
    ensureNotFuture(deps.clock.today(), input.validFrom, 'validFrom', 'The date the child started living here');
    await tx.updateTable('child_addresses').set({ valid_to: input.validFrom }).where('child_id', '=', childId).where('valid_to', 'is', null).execute();
    await tx.insertInto('child_addresses').values({ child_id: childId, id: randomUUID(), line1: input.line1, town: input.town ?? null, postcode: input.postcode, valid_from: input.validFrom, valid_to: null, confidentiality: input.confidentiality ?? 'standard' }).execute();
  });
  return getChildSummary(deps, { actor, childId });
}

export async function addIdentifier(deps: Deps, { actor, childId, input }: { actor: Actor; childId: string; input: z.output<typeof identifierInput> }) {
  await withChild(deps, { actor, childId, resource: 'child', action: 'update', auditAction: 'child.identifier_add', details: { kind: input.kind } }, async (tx) => {
    await tx.insertInto('child_identifiers').values({ child_id: childId, id: randomUUID(), kind: input.kind, value: input.value, issuer: input.issuer ?? null, confidentiality: input.confidentiality ?? 'standard' }).execute();
  });
  return getChildSummary(deps, { actor, childId });
}

/**
 * Birth: the unborn record becomes the child's own record. A new child record is created, linked both
 * ways; open plans (a pre-birth CP plan continues as the baby's CP plan), manual flags, relationships and
 * caseload allocations are carried over; the unborn record's open episodes end on the date of birth.
 */
export async function recordBirth(deps: Deps, { actor, childId, input }: { actor: Actor; childId: string; input: z.output<typeof birthBody> }) {
  const newId = randomUUID();
  await withChild(deps, { actor, childId, resource: 'child', action: 'create', auditAction: 'child.birth', details: { newChildId: newId } }, async (tx, { child }) => {
    if (!child.is_unborn || child.born_as_child_id) throw createNotUnbornError();
    ensureNotFuture(deps.clock.today(), input.dateOfBirth, 'dateOfBirth', 'Date of birth');
    if (input.nhsNumber && (await tx.selectFrom('children').select('id').where('nhs_number', '=', input.nhsNumber).executeTakeFirst())) throw createNhsNumberTakenError();
    await tx
      .insertInto('children')
      .values({
        id: newId,
        nhs_number: input.nhsNumber ?? null,
        la_child_id: null,
        given_name: input.givenName,
        family_name: input.familyName,
        date_of_birth: input.dateOfBirth,
        expected_due_on: null,
        is_unborn: false,
        born_as_child_id: null,
        unborn_record_id: childId,
        mother_person_id: child.mother_person_id,
        sex: input.sex,
        ethnicity: child.ethnicity,
        registered_practice_id: child.registered_practice_id,
        school_id: null,
        responsible_la_id: child.responsible_la_id,
        placement_area: child.placement_area,
      })
      .execute();
    await tx.insertInto('child_names').values({ child_id: newId, id: randomUUID(), given_name: input.givenName, family_name: input.familyName, kind: 'usual', valid_from: input.dateOfBirth, valid_to: null }).execute();
    const openEpisodes = await tx.selectFrom('status_episodes').selectAll().where('child_id', '=', childId).where('ended_on', 'is', null).execute();
    for (const e of openEpisodes) {
      await tx.insertInto('status_episodes').values({ ...e, child_id: newId, id: randomUUID(), started_on: input.dateOfBirth, source: `Carried over at birth from the unborn record (${e.source})`, recorded_by: actor.userId, recorded_at: deps.clock.now() }).execute();
    }
    await tx.updateTable('status_episodes').set({ ended_on: input.dateOfBirth }).where('child_id', '=', childId).where('ended_on', 'is', null).where('started_on', '<=', input.dateOfBirth).execute();
    const flags = await tx.selectFrom('manual_flags').selectAll().where('child_id', '=', childId).where('ended_on', 'is', null).execute();
    for (const f of flags) await tx.insertInto('manual_flags').values({ ...f, child_id: newId, id: randomUUID() }).execute();
    const relationships = await tx.selectFrom('relationships').selectAll().where('child_id', '=', childId).where('valid_to', 'is', null).execute();
    for (const r of relationships) await tx.insertInto('relationships').values({ ...r, child_id: newId, id: randomUUID() }).execute();
    await tx.updateTable('relationships').set({ related_child_id: newId }).where('related_child_id', '=', childId).execute();
    const allocations = await tx.selectFrom('caseload_allocations').selectAll().where('child_id', '=', childId).where('ended_on', 'is', null).execute();
    for (const a of allocations) await tx.insertInto('caseload_allocations').values({ ...a, child_id: newId, id: randomUUID(), started_on: input.dateOfBirth }).execute();
    // The unborn record keeps its history and stays visible to the same services through the link.
    await tx.updateTable('children').set({ born_as_child_id: newId, updated_at: deps.clock.now() }).where('id', '=', childId).execute();
    await recordAudit(tx, { actor, action: 'child.create_at_birth', outcome: 'allowed', childId: newId, details: { unbornRecordId: childId }, at: deps.clock.now() });
  });
  return getChildSummary(deps, { actor, childId: newId });
}

/** Presentations give unscheduled care scope over a child for 24 hours (review 1.23–1.24). */
export const PRESENTATION_SCOPE_HOURS = 24;

export async function recordPresentation(deps: Deps, { actor, childId, reason }: { actor: Actor; childId: string; reason: string }) {
  const { db, clock } = deps;
  const now = clock.now();
  await inTransaction(db, async (tx) => {
    if (!canPerform({ role: actor.role, resource: 'presentation', action: 'create' })) {
      await recordAudit(tx, { actor, action: 'presentation.create', outcome: 'denied', childId, details: { reason: 'role' }, at: now });
      return { ok: false, error: createForbiddenError() };
    }
    const child = await tx.selectFrom('children').select('id').where('id', '=', childId).executeTakeFirst();
    if (!child) {
      await recordAudit(tx, { actor, action: 'presentation.create', outcome: 'not_found', details: { requestedChildId: childId }, at: now });
      return { ok: false, error: createChildNotFoundError() };
    }
    const id = randomUUID();
    await tx
      .insertInto('presentations')
      .values({ child_id: childId, id, organisation_id: actor.organisationId, user_id: actor.userId, reason, started_at: now, expires_at: new Date(now.getTime() + PRESENTATION_SCOPE_HOURS * 3600 * 1000) })
      .execute();
    await recordAudit(tx, { actor, action: 'presentation.create', outcome: 'allowed', childId, details: { presentationId: id }, at: now });
    return { ok: true, value: null };
  });
  return getChildSummary(deps, { actor, childId });
}

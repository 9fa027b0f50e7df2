import { randomUUID } from 'node:crypto';
import type { ConsentBody, ConsentView, ShareBody } from '../../../contracts/consent.js';
import { canSeeContent, CONFIDENTIALITY, CONFIDENTIALITY_CATEGORIES, type ConfidentialityCategory } from '../../../domain/access/confidentiality.js';
import { canPerform } from '../../../domain/access/permissions.js';
import { ROLES } from '../../../domain/access/roles.js';
import { ageInYears, compareIsoDates } from '../../../domain/calendar/iso-date.js';
import { addWorkingHours } from '../../../domain/calendar/working-days.js';
import {
  checkConsentGiver,
  COMPETENCE_BASES,
  COMPETENCE_BASIS_LABELS,
  CONSENT_GIVER_LABELS,
  CONSENT_GIVERS,
  CONSENT_PURPOSE_LABELS,
  CONSENT_PURPOSES,
  CONSENT_RULES_VERSION,
  consentDecision,
  consentStatus,
  OVERRIDE_REASON_MIN,
  type CompetenceBasis,
  type ConsentGiver,
  type ConsentRecipient,
} from '../../../domain/consent/consent.js';
import { TEAM_KINDS } from '../../../domain/organisations.js';
import { recordAudit } from '../../audit/audit.js';
import type { Db } from '../../db/database.js';
import { createForbiddenError, fieldError } from '../../shared/app-error.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { withChild } from '../children/children.usecases.js';
import { bankHolidays } from '../lac-health/calendar.js';
import { createAlreadyWithdrawnError, createCategoryNotVisibleError, createConsentNotFoundError, createConsentRequiredError, createYoungPersonDecidesError } from './consent.errors.js';
import {
  findConsent,
  findTeam,
  insertConsent,
  insertShare,
  insertShareWorklistItems,
  listShareRecipients,
  loadChildEvents,
  loadConsents,
  loadShares,
  organisationNames,
  parentalResponsibilityHolders,
  teamForOrganisation,
  toConsentRecord,
  userNames,
  withdrawConsent as withdrawConsentRow,
  type ConsentRow,
} from './consent.repository.js';

export interface Deps {
  db: Db;
  clock: Clock;
}

/** A manual share is acknowledged within the same window as a routine routed copy (routing-rules.ts, ED copy: 16 working hours). */
export const SHARE_ACKNOWLEDGE_WITHIN_WORKING_HOURS = 16;

const iso = (d: Date | string) => new Date(d).toISOString();
const categoryLabel = (code: string) => (Object.hasOwn(CONFIDENTIALITY, code) ? CONFIDENTIALITY[code as ConfidentialityCategory].label : code);
const serviceLabel = (code: string | null) => (code && Object.hasOwn(TEAM_KINDS, code) ? TEAM_KINDS[code as keyof typeof TEAM_KINDS] : code);

export function canOverride(actor: Actor): boolean {
  return canPerform({ role: actor.role, resource: 'share', action: 'override' });
}

async function toViews(tx: Db, rows: ConsentRow[], { childId, at, today }: { childId: string; at: Date; today: string }): Promise<ConsentView[]> {
  const [users, orgs, holders] = await Promise.all([
    userNames(tx, rows.flatMap((r) => [r.recorded_by, r.competence_assessed_by, r.withdrawn_by].filter((id): id is string => Boolean(id)))),
    organisationNames(tx, rows.map((r) => r.recipient_organisation_id).filter((id): id is string => Boolean(id))),
    // Every relationship of the child, past ones too: a consent given by someone who has since lost PR still names them.
    tx
      .selectFrom('relationships as r')
      .leftJoin('people as p', 'p.id', 'r.related_person_id')
      .select(['r.id', 'r.kind', 'p.given_name', 'p.family_name'])
      .where('r.child_id', '=', childId)
      .execute()
      .then((all) => new Map(all.map((r) => [r.id, { kind: r.kind, name: r.given_name || r.family_name ? `${r.given_name ?? ''} ${r.family_name ?? ''}`.trim() : null }]))),
  ]);
  return rows.map((r) => {
    const pr = r.parental_responsibility_relationship_id ? holders.get(r.parental_responsibility_relationship_id) : undefined;
    return {
      id: r.id,
      purpose: r.purpose,
      purposeLabel: CONSENT_PURPOSE_LABELS[r.purpose as keyof typeof CONSENT_PURPOSE_LABELS] ?? r.purpose,
      recipient: r.recipient_organisation_id ? { organisationId: r.recipient_organisation_id, organisationName: orgs.get(r.recipient_organisation_id) ?? '', service: r.recipient_service, serviceLabel: serviceLabel(r.recipient_service) } : null,
      categories: r.categories.map((code) => ({ code, label: categoryLabel(code) })),
      scope: r.scope,
      givenBy: r.given_by,
      givenByLabel: CONSENT_GIVER_LABELS[r.given_by as ConsentGiver] ?? r.given_by,
      parentalResponsibility: r.parental_responsibility_relationship_id ? { relationshipId: r.parental_responsibility_relationship_id, name: pr?.name ?? null, kind: pr?.kind ?? '' } : null,
      competenceBasis: r.competence_basis,
      competenceBasisLabel: r.competence_basis ? (COMPETENCE_BASIS_LABELS[r.competence_basis as CompetenceBasis] ?? r.competence_basis) : null,
      competenceAssessedBy: r.competence_assessed_by ? (users.get(r.competence_assessed_by) ?? null) : null,
      givenOn: r.given_on,
      expiresOn: r.expires_on,
      recordedBy: users.get(r.recorded_by) ?? '',
      recordedAt: iso(r.recorded_at),
      withdrawn: r.withdrawn_at && r.withdrawn_on ? { on: r.withdrawn_on, at: iso(r.withdrawn_at), by: users.get(r.withdrawn_by ?? '') ?? '', reason: r.withdrawn_reason ?? '' } : null,
      status: consentStatus({ consent: toConsentRecord(r, at), at, today }),
    };
  });
}

/** A child's consents, who may give them (PR holders, age), and the form's options. Audited as consent.list. */
export async function listConsents(deps: Deps, { actor, childId }: { actor: Actor; childId: string }) {
  const now = deps.clock.now();
  const today = deps.clock.today();
  return withChild(deps, { actor, childId, resource: 'consent', action: 'read', auditAction: 'consent.list' }, async (tx, { child }) => {
    const rows = await loadConsents(tx, { childId });
    return {
      consents: await toViews(tx, rows, { childId, at: now, today }),
      parentalResponsibilityHolders: await parentalResponsibilityHolders(tx, { childId, on: today }),
      ageYears: child.date_of_birth && compareIsoDates(child.date_of_birth, today) <= 0 ? ageInYears({ dateOfBirth: child.date_of_birth, on: today }) : null,
      canOverride: canOverride(actor),
      options: {
        purposes: CONSENT_PURPOSES.map((id) => ({ id, label: CONSENT_PURPOSE_LABELS[id] })),
        givers: CONSENT_GIVERS.map((id) => ({ id, label: CONSENT_GIVER_LABELS[id] })),
        competenceBases: COMPETENCE_BASES.map((id) => ({ id, label: COMPETENCE_BASIS_LABELS[id] })),
        categories: CONFIDENTIALITY_CATEGORIES.map((id) => ({ id, label: CONFIDENTIALITY[id].label })),
        services: (Object.keys(TEAM_KINDS) as (keyof typeof TEAM_KINDS)[]).filter((k) => k !== 'administration' && k !== 'commissioning').map((id) => ({ id, label: TEAM_KINDS[id] })),
      },
    };
  });
}

/**
 * Records a consent (#5). Order: role (403) → scope (404) → the form's cross-field rules (400, naming the
 * field) → who may consent (domain checkConsentGiver: 400 naming the field, or 409 when a parent would
 * consent over a competent young person's own decision) → insert → audit (codes and ids only: the scope
 * text and names stay in the consent row).
 */
export async function recordConsent(deps: Deps, { actor, childId, input }: { actor: Actor; childId: string; input: ConsentBody }) {
  const now = deps.clock.now();
  const today = deps.clock.today();
  const details: Record<string, unknown> = { purpose: input.purpose, givenBy: input.givenBy, categories: [...input.categories].sort(), rulesVersion: CONSENT_RULES_VERSION };
  return withChild(deps, { actor, childId, resource: 'consent', action: 'create', auditAction: 'consent.record', details }, async (tx, { child }) => {
    if (input.givenOn > today) throw fieldError('givenOn', 'The date consent was given must be today or in the past');
    if (child.date_of_birth && input.givenOn < child.date_of_birth) throw fieldError('givenOn', 'The date consent was given must be on or after the child’s date of birth');
    if (input.expiresOn && input.expiresOn < input.givenOn) throw fieldError('expiresOn', 'The date consent ends must be the same as or after the date it was given');
    if (input.purpose === 'share_with_service' && !input.recipientOrganisationId) throw fieldError('recipientOrganisationId', 'Select the service the young person agreed to share with');
    if (input.purpose === 'include_in_report' && (input.recipientOrganisationId || input.recipientService)) throw fieldError('recipientOrganisationId', 'A consent to include information in a report names no service: leave the service empty');
    if (input.recipientOrganisationId && (await organisationNames(tx, [input.recipientOrganisationId])).size === 0) throw fieldError('recipientOrganisationId', 'Select a service from the list');
    let prRelationshipId: string | null = null;
    let competenceBasis: CompetenceBasis | null = null;
    let assessedBy: string | null = null;
    if (input.givenBy === 'parental_responsibility') {
      if (input.competenceBasis) throw fieldError('competenceBasis', 'Competence is assessed only when the young person gives consent themselves');
      if (!input.parentalResponsibilityRelationshipId) throw fieldError('parentalResponsibilityRelationshipId', 'Select the person with parental responsibility who gave consent');
      const holders = await parentalResponsibilityHolders(tx, { childId, on: input.givenOn });
      if (!holders.some((h) => h.relationshipId === input.parentalResponsibilityRelationshipId))
        throw fieldError('parentalResponsibilityRelationshipId', 'Select a person recorded as having parental responsibility for this child on that date');
      prRelationshipId = input.parentalResponsibilityRelationshipId;
    } else {
      if (input.parentalResponsibilityRelationshipId) throw fieldError('parentalResponsibilityRelationshipId', 'Leave the person with parental responsibility empty when the young person gives consent');
      if (!input.competenceBasis) throw fieldError('competenceBasis', 'Select how the young person’s competence was assessed');
      competenceBasis = input.competenceBasis;
      assessedBy = input.competenceAssessedByUserId ?? actor.userId;
      if ((await userNames(tx, [assessedBy])).size === 0) throw fieldError('competenceAssessedByUserId', 'Select the practitioner who assessed the young person’s competence');
    }
    const ageYears = child.date_of_birth && !child.is_unborn ? ageInYears({ dateOfBirth: child.date_of_birth, on: input.givenOn }) : null;
    const earlier = await loadConsents(tx, { childId, purpose: input.purpose, lock: true });
    const youngPersonHasDecided = earlier.some((c) => c.given_by === 'young_person' && c.recipient_organisation_id === (input.recipientOrganisationId ?? null) && c.categories.some((k) => (input.categories as readonly string[]).includes(k)));
    const check = checkConsentGiver({ givenBy: input.givenBy, competenceBasis, ageYears, categories: input.categories, youngPersonHasDecided });
    if (!check.ok) {
      details.refusal = check.reason;
      if (check.reason === 'young_person_has_decided') throw createYoungPersonDecidesError();
      throw fieldError(check.field, check.message, `consent.${check.reason}`);
    }
    const id = randomUUID();
    await insertConsent(tx, {
      child_id: childId,
      id,
      purpose: input.purpose,
      recipient_organisation_id: input.recipientOrganisationId ?? null,
      recipient_service: input.recipientService ?? null,
      categories: [...new Set(input.categories)],
      scope: input.scope,
      given_by: input.givenBy,
      parental_responsibility_relationship_id: prRelationshipId,
      competence_basis: competenceBasis,
      competence_assessed_by: assessedBy,
      given_on: input.givenOn,
      expires_on: input.expiresOn ?? null,
      recorded_by: actor.userId,
      recorded_at: now,
    });
    details.consentId = id;
    if (competenceBasis) details.competenceBasis = competenceBasis;
    const [row] = (await loadConsents(tx, { childId })).filter((c) => c.id === id);
    const [view] = await toViews(tx, [row!], { childId, at: now, today });
    return { consent: view! };
  });
}

/**
 * Withdraws a consent: from this instant it allows nothing (a share decided after this commits sees it —
 * hazard H-K1). The reason is kept in the consent row, not in the audit log.
 */
export async function withdrawConsent(deps: Deps, { actor, childId, consentId, reason, withdrawnOn }: { actor: Actor; childId: string; consentId: string; reason: string; withdrawnOn: string | undefined }) {
  const now = deps.clock.now();
  const today = deps.clock.today();
  return withChild(deps, { actor, childId, resource: 'consent', action: 'update', auditAction: 'consent.withdraw', details: { consentId } }, async (tx) => {
    const row = await findConsent(tx, { childId, consentId });
    if (!row) throw createConsentNotFoundError();
    if (row.withdrawn_at) throw createAlreadyWithdrawnError();
    const on = withdrawnOn ?? today;
    if (on > today) throw fieldError('withdrawnOn', 'The date consent was withdrawn must be today or in the past');
    if (on < row.given_on) throw fieldError('withdrawnOn', 'The date consent was withdrawn must be on or after the date it was given');
    await withdrawConsentRow(tx, { childId, consentId, on, at: now, by: actor.userId, reason });
    const updated = (await loadConsents(tx, { childId })).filter((c) => c.id === consentId);
    const [view] = await toViews(tx, updated, { childId, at: now, today });
    return { consent: view! };
  });
}

interface ResolvedRecipient {
  teamId: string;
  teamName: string;
  organisationId: string;
  organisationName: string;
  service: string;
}

async function resolveRecipient(tx: Db, { recipientTeamId, recipientOrganisationId }: { recipientTeamId?: string | undefined; recipientOrganisationId?: string | undefined }): Promise<ResolvedRecipient> {
  if (recipientTeamId && recipientOrganisationId) throw fieldError('recipientTeamId', 'Select either a team or an organisation to share with, not both');
  if (recipientTeamId) {
    const team = await findTeam(tx, recipientTeamId);
    if (!team) throw fieldError('recipientTeamId', 'Select a team from the list');
    return { teamId: team.id, teamName: team.name, organisationId: team.organisation_id, organisationName: team.organisation_name, service: team.kind };
  }
  if (recipientOrganisationId) {
    const found = await teamForOrganisation(tx, recipientOrganisationId);
    if (!found.organisationExists) throw fieldError('recipientOrganisationId', 'Select an organisation from the list');
    if (!found.team) throw fieldError('recipientTeamId', found.teams === 0 ? 'This organisation has no team in CLASP to receive the share' : 'This organisation has several teams: select the team to share with');
    return { teamId: found.team.id, teamName: found.team.name, organisationId: found.team.organisation_id, organisationName: found.team.organisation_name, service: found.team.kind };
  }
  throw fieldError('recipientTeamId', 'Select the team or organisation to share with');
}

/** What the consents on record say about sharing these entries with that recipient now (the share form shows it). */
export async function shareDecision(deps: Deps, { actor, childId, eventIds, recipientTeamId, recipientOrganisationId }: { actor: Actor; childId: string; eventIds: string[]; recipientTeamId?: string | undefined; recipientOrganisationId?: string | undefined }) {
  const now = deps.clock.now();
  const today = deps.clock.today();
  return withChild(deps, { actor, childId, resource: 'consent', action: 'read', auditAction: 'consent.decision', details: { eventIds } }, async (tx) => {
    const recipient = await resolveRecipient(tx, { recipientTeamId, recipientOrganisationId });
    const events = await loadChildEvents(tx, { childId, eventIds });
    if (events.length !== new Set(eventIds).size) throw fieldError('eventIds', 'Some of the selected entries are not in this child’s record');
    const decision = consentDecision({
      consents: (await loadConsents(tx, { childId, purpose: 'share_with_service' })).map((row) => toConsentRecord(row, now)),
      purpose: 'share_with_service',
      recipient: { organisationId: recipient.organisationId, service: recipient.service },
      categories: events.map((e) => e.confidentiality as ConfidentialityCategory),
      at: now,
      today,
    });
    return decision.allowed
      ? { allowed: true, reason: null, missing: [], consentIds: decision.consentIds, canOverride: canOverride(actor) }
      : { allowed: false, reason: decision.reason, missing: decision.missing.map((code) => ({ code, label: categoryLabel(code) })), consentIds: [], canOverride: canOverride(actor) };
  });
}

/**
 * Shares entries of a child's record with a team (#5). Order: role `share: create` (403) → an override
 * attempt needs `share: override` (403, audited as share.override denied) and a reason (400 naming
 * override.reason) → scope (404) → recipient and entries (400) → the sharer may see every entry shared
 * (403) → consent for the entries' categories, checked now, under a share lock on the child's consents
 * (409 consent.required naming what is missing, unless overriding) → share row, a 'manual-share' copy
 * on the recipient team's worklist per entry, audit rows. A share that consent already allows is recorded
 * on the basis of consent even when an override was offered: the override is used only when it is needed.
 */
export async function shareEvents(deps: Deps, { actor, childId, input }: { actor: Actor; childId: string; input: ShareBody }) {
  const now = deps.clock.now();
  const today = deps.clock.today();
  const overriding = input.override !== undefined;
  if (overriding && canPerform({ role: actor.role, resource: 'share', action: 'create' }) && !canOverride(actor)) {
    await recordAudit(deps.db, { actor, action: 'share.override', outcome: 'denied', childId: null, details: { reason: 'role', requestedChildId: childId }, at: now });
    throw createForbiddenError({ message: 'Your role does not allow sharing without consent (safeguarding override): ask your named or designated professional' });
  }
  if (overriding && canOverride(actor) && (input.override?.reason ?? '').length < OVERRIDE_REASON_MIN)
    throw fieldError('override.reason', `Enter why you are sharing without consent, in at least ${OVERRIDE_REASON_MIN} characters`);
  const details: Record<string, unknown> = { purpose: input.purpose, eventIds: [...input.eventIds].sort(), override: overriding };
  return withChild(deps, { actor, childId, resource: 'share', action: 'create', auditAction: 'share.create', details }, async (tx) => {
    const recipient = await resolveRecipient(tx, input);
    details.recipientTeamId = recipient.teamId;
    const eventIds = [...new Set(input.eventIds)];
    const events = await loadChildEvents(tx, { childId, eventIds });
    if (events.length !== eventIds.length) throw fieldError('eventIds', `${eventIds.length - events.length} of the selected entries are not in this child’s record`);
    for (const e of events) {
      const category = (Object.hasOwn(CONFIDENTIALITY, e.confidentiality) ? e.confidentiality : 'sealed_identity') as ConfidentialityCategory;
      if (!canSeeContent({ role: actor.role, category, steppedUpAt: actor.steppedUpAt, now })) throw createCategoryNotVisibleError();
    }
    const categories = [...new Set(events.map((e) => e.confidentiality as ConfidentialityCategory))];
    const consentRecipient: ConsentRecipient = { organisationId: recipient.organisationId, service: recipient.service };
    const decision = consentDecision({ consents: (await loadConsents(tx, { childId, purpose: 'share_with_service', lock: true })).map((row) => toConsentRecord(row, now)), purpose: 'share_with_service', recipient: consentRecipient, categories, at: now, today });
    details.categories = categories.sort();
    if (!decision.allowed) {
      details.consentRefusal = decision.reason;
      details.missing = decision.missing;
      if (!overriding) throw createConsentRequiredError({ missing: decision.missing.map((code) => ({ code, label: categoryLabel(code) })), reason: decision.reason, recipientName: `${recipient.teamName} (${recipient.organisationName})` });
    }
    const basis = decision.allowed ? ('consent' as const) : ('safeguarding_override' as const);
    const shareId = randomUUID();
    await insertShare(tx, {
      childId,
      id: shareId,
      eventIds,
      purpose: 'share_with_service',
      recipientTeamId: recipient.teamId,
      recipientOrganisationId: recipient.organisationId,
      report: null,
      basis,
      consentIds: decision.allowed ? decision.consentIds : [],
      overrideReason: basis === 'safeguarding_override' ? (input.override?.reason ?? null) : null,
      sharedBy: actor.userId,
      sharedAt: now,
    });
    const reason =
      basis === 'consent'
        ? `Shared with your team by a ${ROLES[actor.role].label.toLowerCase()} (share with a named service), with consent`
        : `Shared with your team by a ${ROLES[actor.role].label.toLowerCase()} (share with a named service) without consent, under a safeguarding override`;
    const escalateAt = new Date(addWorkingHours({ from: now.toISOString(), hours: SHARE_ACKNOWLEDGE_WITHIN_WORKING_HOURS, bankHolidays: bankHolidays() }));
    const worklistItemIds = await insertShareWorklistItems(tx, { childId, eventIds, teamId: recipient.teamId, reason, createdAt: now, escalateAt, newId: randomUUID });
    Object.assign(details, { shareId, basis, consentIds: decision.allowed ? decision.consentIds : [], worklistItemIds });
    if (basis === 'safeguarding_override') {
      // Its own audit row, so override use can be counted and reviewed (hazard H-K2); the reason text stays in the share row.
      await recordAudit(tx, { actor, action: 'share.override', outcome: 'allowed', childId, details: { shareId, purpose: 'share_with_service', recipientTeamId: recipient.teamId, eventIds, categories, missing: decision.allowed ? [] : decision.missing, consentRefusal: decision.allowed ? null : decision.reason }, at: now });
    }
    return {
      share: {
        id: shareId,
        basis,
        consentIds: decision.allowed ? decision.consentIds : [],
        eventIds,
        recipient: { teamId: recipient.teamId, teamName: recipient.teamName, organisationId: recipient.organisationId, organisationName: recipient.organisationName },
        worklistItemIds,
        sharedAt: iso(now),
      },
    };
  });
}

/** The shares of a child's record (with consent or under an override), newest first. */
export async function listShares(deps: Deps, { actor, childId }: { actor: Actor; childId: string }) {
  return withChild(deps, { actor, childId, resource: 'consent', action: 'read', auditAction: 'share.list' }, async (tx) => {
    const rows = await loadShares(tx, { childId });
    return {
      shares: rows.map((r) => ({
        id: r.id,
        purpose: r.purpose,
        basis: r.basis,
        eventIds: r.event_ids,
        recipient: r.team_name ? `${r.team_name}${r.organisation_name ? ` (${r.organisation_name})` : ''}` : (r.organisation_name ?? null),
        report: r.report,
        overrideReason: r.override_reason,
        sharedBy: r.shared_by_name,
        sharedAt: iso(r.shared_at),
      })),
    };
  });
}

/** Teams and organisations one may share with (no child data: not audited). */
export async function shareRecipients(deps: Deps, { actor }: { actor: Actor }) {
  if (!canPerform({ role: actor.role, resource: 'share', action: 'create' })) {
    await recordAudit(deps.db, { actor, action: 'share.recipients', outcome: 'denied', details: { reason: 'role' }, at: deps.clock.now() });
    throw createForbiddenError();
  }
  const { teams, organisations } = await listShareRecipients(deps.db);
  return {
    teams: teams.map((t) => ({ id: t.id, name: t.name, kind: t.kind, kindLabel: serviceLabel(t.kind) ?? t.kind, organisationId: t.organisation_id, organisationName: t.organisation_name })),
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, kind: o.kind })),
  };
}

import { canPerform } from '../../../domain/access/permissions.js';
import { CONFIDENTIALITY, canSeeCategory, type ConfidentialityCategory } from '../../../domain/access/confidentiality.js';
import type { RoleId } from '../../../domain/access/roles.js';
import { DRIFT_RULES, DRIFT_RULES_VERSION, findDrift, type DriftFinding, type DriftRule } from '../../../domain/safeguarding/drift.js';
import type { Db } from '../../db/database.js';
import { recordAudit, recordAuditBatch } from '../../audit/audit.js';
import { createForbiddenError, fieldError } from '../../shared/app-error.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { bankHolidays } from '../lac-health/calendar.js';
import { createDriftTeamNotFoundError } from './drift.errors.js';
import { findTeam, loadDriftFacts, teamChildrenInScope } from './drift.repository.js';

export interface Deps {
  db: Db;
  clock: Clock;
}

/**
 * Roles that may read any team's drift list (issue #3 brief): the designated and named professionals
 * and MASH health, who oversee the area. Their scope still limits which children they see.
 */
export const AREA_WIDE_ROLES: ReadonlySet<RoleId> = new Set<RoleId>(['designated_nurse', 'designated_doctor', 'named_nurse', 'mash_health_practitioner']);

/** A finding as a reader sees it: drift about a restricted entry shows that it exists and whom to ask, not what it is. */
export interface VisibleDriftFinding {
  ruleId: string | null;
  ruleVersion: number | null;
  since: string;
  description: string;
  eventIds: string[];
  worklistItemId: string | null;
  teamId: string | null;
  restricted: { category: string; label: string; whomToAsk: string } | null;
}

function visibleFinding(finding: DriftFinding, { role, confidentiality }: { role: RoleId; confidentiality: ReadonlyMap<string, string> }): VisibleDriftFinding {
  const { ruleId, ruleVersion, since, description, eventIds, worklistItemId, teamId } = finding;
  const hidden = eventIds.map((id) => confidentiality.get(id) as ConfidentialityCategory | undefined).find((category) => category !== undefined && !canSeeCategory(role, category));
  if (!hidden) return { ruleId, ruleVersion, since, description, eventIds, worklistItemId, teamId, restricted: null };
  const definition = CONFIDENTIALITY[hidden];
  return {
    ruleId: null,
    ruleVersion: null,
    since,
    description: `A restricted entry has not been followed up. Ask ${definition.whomToAsk}.`,
    eventIds,
    worklistItemId,
    teamId,
    restricted: { category: hidden, label: definition.label, whomToAsk: definition.whomToAsk },
  };
}

/**
 * GET /drift?teamId= — the team's drifting children (#3): children allocated to the team or with work
 * routed to it, that the reader may see, each with its drift findings, oldest drift first.
 * Access: the role must read worklists (403); the reader must be a member or manager of the team, or
 * hold an area-wide role — otherwise the team is "not found" (404, as for worklists). Every child
 * listed is audited ('drift.list'), in the same transaction as the read.
 */
export async function listTeamDrift({ db, clock }: Deps, { actor, teamId, rules = DRIFT_RULES }: { actor: Actor; teamId?: string | undefined; rules?: readonly DriftRule[] }) {
  const now = clock.now();
  const at = { today: clock.today(), now };
  if (!canPerform({ role: actor.role, resource: 'worklist', action: 'read' })) {
    await recordAudit(db, { actor, action: 'drift.list', outcome: 'denied', details: { reason: 'role', teamId: teamId ?? null }, at: now });
    throw createForbiddenError();
  }
  const wanted = teamId ?? actor.teamId;
  if (!wanted) throw fieldError('teamId', 'Select the team whose drift list you want to see');
  const team = await findTeam(db, wanted);
  const entitled = team !== null && (team.id === actor.teamId || team.managerUserId === actor.userId || AREA_WIDE_ROLES.has(actor.role));
  if (!team || !entitled) {
    await recordAudit(db, { actor, action: 'drift.list', outcome: 'not_found', details: { teamId: wanted, reason: team ? 'not_member' : 'missing' }, at: now });
    throw createDriftTeamNotFoundError();
  }
  return db.transaction().execute(async (tx) => {
    const candidates = await teamChildrenInScope(tx, { teamId: team.id, actor, at });
    const { facts, confidentiality } = await loadDriftFacts(tx, { childIds: candidates.map((c) => c.id), now });
    const calendar = bankHolidays();
    const drifting = candidates
      .map((child) => ({ child, findings: findDrift({ child: facts.get(child.id) ?? { childId: child.id, events: [], worklistItems: [] }, rules, now: now.toISOString(), bankHolidays: calendar }) }))
      .filter(({ findings }) => findings.length > 0)
      .sort((a, b) => Date.parse(a.findings[0]!.since) - Date.parse(b.findings[0]!.since));
    if (drifting.length > 0) {
      await recordAuditBatch(
        tx,
        drifting.map(({ child, findings }) => ({ actor, action: 'drift.list', outcome: 'allowed' as const, childId: child.id, details: { teamId: team.id, ruleIds: [...new Set(findings.map((f) => f.ruleId))] }, at: now })),
      );
    } else {
      // The read is audited even when it lists nobody.
      await recordAudit(tx, { actor, action: 'drift.list', outcome: 'allowed', details: { teamId: team.id, children: 0 }, at: now });
    }
    return {
      team: { id: team.id, name: team.name },
      asOf: now.toISOString(),
      rulesVersion: DRIFT_RULES_VERSION,
      children: drifting.map(({ child, findings }) => ({
        childId: child.id,
        givenName: child.givenName,
        familyName: child.familyName,
        dateOfBirth: child.dateOfBirth,
        nhsNumber: child.nhsNumber,
        isUnborn: child.isUnborn,
        findings: findings.map((f) => visibleFinding(f, { role: actor.role, confidentiality })),
      })),
    };
  });
}

/**
 * One child's drift findings at `now`, for the child's summary. No access check and no audit here: the
 * caller is already inside `withChild` (scope checked, read audited). Pass `role` to show restricted
 * entries as the reader may see them (as the team list does); without it the findings are unmasked.
 */
export async function driftForChild(tx: Db, childId: string, now: Date, { role, rules = DRIFT_RULES }: { role?: RoleId; rules?: readonly DriftRule[] } = {}): Promise<VisibleDriftFinding[]> {
  const { facts, confidentiality } = await loadDriftFacts(tx, { childIds: [childId], now });
  const findings = findDrift({ child: facts.get(childId)!, rules, now: now.toISOString(), bankHolidays: bankHolidays() });
  return findings.map((f) => (role ? visibleFinding(f, { role, confidentiality }) : { ...f, restricted: null }));
}

/** GET /drift-rules — the rules, for any signed-in user (like the routing rules). */
export function listDriftRules() {
  return { version: DRIFT_RULES_VERSION, rules: DRIFT_RULES };
}

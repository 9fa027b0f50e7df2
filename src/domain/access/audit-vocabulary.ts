/**
 * The audit log in plain words, for the access review (#5) and audit exports: what an action code means,
 * what an access basis means, and what an outcome means. Codes not listed here are shown by a fallback
 * built from the code itself, so a new action is never hidden from a reviewer.
 */
import { ROLES, isRoleId } from './roles.js';

const ACTION_TEXT: Record<string, string> = {
  'child.read': 'viewed the record',
  'child.search': 'searched for children',
  'child.create': 'created the record',
  'child.create_at_birth': 'created the record at birth',
  'child.birth': 'recorded the birth',
  'child.update': 'changed the record',
  'child.name_change': 'changed a name',
  'child.address_add': 'added an address',
  'child.identifier_add': 'added an identifier',
  'relationship.create': 'recorded a relationship',
  'status_episode.create': 'recorded a status (plan, looked after, in need)',
  'status_episode.end': 'ended a status',
  'flag.create': 'added an alert',
  'flag.end': 'ended an alert',
  'flag.lookup': 'looked up the child protection flags',
  'presentation.create': 'recorded an attendance',
  'chronology.read': 'viewed the chronology',
  'chronology.export': 'exported the chronology',
  'event.record': 'recorded an event',
  'event.record_household_copy': 'recorded an event (household copy)',
  'event.import': 'imported an event from a feed',
  'event.feed_import': 'imported an event feed',
  'lac_health.read': 'viewed the health assessments',
  'health_assessment.request': 'requested a health assessment',
  'health_assessment.contribution': 'recorded a contribution to a health assessment',
  'health_assessment.complete': 'completed a health assessment',
  'health_assessment.breach_reason': 'recorded why a health assessment was late',
  'health_plan.draft': 'viewed the health plan draft',
  'health_plan.create': 'recorded a health plan',
  'sdq.create': 'recorded an SDQ',
  'qa_review.create': 'recorded a quality review',
  'ssda903.import': 'imported the SSDA903 return',
  'health_activity.import': 'imported health activity',
  'safeguarding_loop.read': 'viewed the safeguarding loops',
  'safeguarding_loop.gp_report_draft': 'drafted the GP conference report',
  'safeguarding_loop.conference_invite': 'recorded a conference invitation',
  'safeguarding_loop.report_received': 'recorded a conference report',
  'safeguarding_loop.acknowledge': 'acknowledged a safeguarding loop step',
  'safeguarding_loop.escalate': 'escalated a safeguarding loop step',
  'worklist.escalate': 'escalated a worklist item',
  'break_glass.grant': 'used emergency access (break-glass)',
  'break_glass.granted': 'used emergency access (break-glass)',
  'break_glass.review': 'reviewed an emergency access',
  'access_review.read': 'viewed this access review',
  'audit.export': 'exported audit rows',
  'consent.create': 'recorded consent',
  'consent.read': 'viewed consents',
  'consent.withdraw': 'recorded a consent withdrawal',
  'share.create': 'shared information',
  'share.override': 'shared information without consent (safeguarding override)',
};

/** "viewed the record", "exported the chronology"…; unknown codes as their words ("cohort read"). */
export function describeAuditAction(action: string): string {
  const known = ACTION_TEXT[action];
  if (known) return known;
  if (action.startsWith('health_assessment.')) return `updated a health assessment (${action.slice('health_assessment.'.length).replaceAll('_', ' ')})`;
  return action.replaceAll('.', ' ').replaceAll('_', ' ');
}

const BASIS_TEXT: Record<string, string> = {
  own_caseload: 'On their own caseload',
  team_caseload: 'On their team’s caseload',
  organisation_caseload: 'On their organisation’s caseload',
  registered_practice: 'Registered with their GP practice',
  looked_after: 'Looked after (the looked-after children’s health team)',
  presenting: 'Presenting at their service',
  all: 'Area-wide role (designated or named professional, MASH)',
  break_glass: 'Emergency access (break-glass)',
  none: 'No relationship',
};

/** The relationship that explained an access, in plain words; null when none was recorded. */
export function describeAccessBasis(basis: string | null | undefined): string {
  if (!basis) return 'Not recorded';
  return BASIS_TEXT[basis] ?? basis.replaceAll('_', ' ');
}

/** The outcome in plain words; a refusal says why when the row says so (reason codes only, never free text). */
export function describeAuditOutcome({ outcome, reason }: { outcome: string; reason?: string | null }): string {
  switch (outcome) {
    case 'allowed':
      return 'Allowed';
    case 'denied':
      return 'Refused: their role does not allow it';
    case 'not_found':
      return reason === 'missing' ? 'Refused: no such record' : 'Refused: outside their scope';
    case 'failed':
      return reason?.endsWith('forbidden') ? 'Refused: not permitted for this child' : 'Refused: the change was not accepted';
    default:
      return outcome;
  }
}

export type AuditChannel = 'web' | 'api' | 'cli';

/** The surface an access came through, in plain words. */
export function describeChannel(channel: string | null | undefined): string {
  switch (channel) {
    case 'web':
      return 'Web';
    case 'api':
      return 'API';
    case 'cli':
      return 'Command line';
    default:
      return 'Not recorded';
  }
}

export function describeRole(role: string | null | undefined): string {
  if (!role) return 'Not recorded';
  return isRoleId(role) ? ROLES[role].label : role;
}

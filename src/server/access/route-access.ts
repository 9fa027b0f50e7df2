import { randomUUID } from 'node:crypto';
import type { Action, Resource } from '../../domain/access/roles.js';

/**
 * The access decision of every API route, in one table (#5 "a new route without an access decision fails
 * a test": route-access.test.ts compares this table with the routes the built app registers, both ways).
 * The table documents the system: each entry says what the route's use-case checks, read from the code,
 * and access-matrix.test.ts proves it for every role.
 *
 * - `public`     reachable without a session (sign-in, the session probe, meta).
 * - `signed_in`  any signed-in user: reference data, or the user's own data (notifications, own grant).
 * - `role`       not about one child, gated by the role alone: canPerform(resource, action) or 403.
 *                What such a list shows is limited to the children in the user's scope by the use-case.
 * - `child`      one child's record, through withChild (or the same order by hand): the role lacks the
 *                action → 403 (audited 'denied'); the child is outside the user's scope → 404, the same
 *                body as a missing child (audited 'not_found'); otherwise the work runs, audited 'allowed'
 *                (or 'failed' when the write is refused).
 */
export type ChildScopeRule =
  /** The child must be in the user's scope (the default). */
  | 'in_scope'
  /** Roles with unscheduledCareFlagLookup may reach any child (CP-IS style flag lookup); others need scope. */
  | 'any_child_for_unscheduled_care'
  /** Opens scope: recording a presentation is what makes the child in scope (only a missing child is 404). */
  | 'opens_scope'
  /** Break-glass: only for a child outside scope (in scope → 409 already_in_scope). */
  | 'outside_scope_only';

/** Where the child's identity is in the request. */
export type ChildLocator = 'params' | 'query.childId' | 'query.nhsNumber' | 'body.nhsNumber';

export type AccessDecision =
  | { kind: 'public' }
  | { kind: 'signed_in'; why: string }
  | { kind: 'role'; resource: Resource; action: Action }
  | {
      kind: 'child';
      resource: Resource;
      action: Action;
      scope?: ChildScopeRule;
      childIn?: ChildLocator;
      /**
       * The access review: roles with access_review:read review any child in scope; other roles need
       * child:read and to be the child's allocated practitioner (else 403 access_review.forbidden, audited 'failed').
       */
      namedProfessionalUnless?: { resource: Resource; action: Action };
      /** A second permission the request needs, checked before scope (a safeguarding override: share:override). */
      alsoRequires?: { resource: Resource; action: Action };
    };

/** The ids a sample request may use (fixture ids; `child` is the child the request is about). */
export interface SampleContext {
  child: { id: string; nhsNumber: string };
  /** A GP practice (the matrix passes one whose children are outside most roles' scope). */
  practiceId: string;
  /** The asking user's own team. */
  teamId: string;
}

export interface SampleRequest {
  query?: Record<string, string>;
  body?: unknown;
  /** text/csv bodies (feeds). */
  contentType?: string;
}

export interface RouteAccess {
  access: AccessDecision;
  /** A request that passes validation (zod runs before the access check: an invalid body is 400 whoever asks). */
  sample: (ctx: SampleContext) => SampleRequest;
  /**
   * Left out of the generic matrix, with the reason (the matrix proves these in their own tests, or they would
   * end the session the matrix runs on).
   */
  matrix?: { skip: string };
  /** The same route with a flag that needs another permission (a safeguarding override), proven as its own row of the matrix. */
  variants?: { name: string; access: AccessDecision; sample: (ctx: SampleContext) => SampleRequest }[];
}

const overrideReason = 'Immediate risk of significant harm: MASH must know now';
const reportOverride = { kind: 'child', resource: 'safeguarding_event', action: 'read', alsoRequires: { resource: 'share', action: 'override' } } as const;

const day = '2026-11-01';
const none = (): SampleRequest => ({});
const later = '2026-11-26T10:00:00Z';

export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  // ---- auth and meta
  'POST /api/v1/auth/sign-in': { access: { kind: 'public' }, sample: () => ({ body: { username: 'nobody', password: 'x' } }), matrix: { skip: 'signs in' } },
  'GET /api/v1/auth/session': { access: { kind: 'public' }, sample: none },
  'GET /api/v1/meta': { access: { kind: 'public' }, sample: none },
  'POST /api/v1/auth/sign-out': { access: { kind: 'signed_in', why: 'ends the caller’s own session' }, sample: none, matrix: { skip: 'would end the session the matrix runs on' } },
  'POST /api/v1/auth/step-up': { access: { kind: 'signed_in', why: 'the caller re-enters their own password' }, sample: () => ({ body: { password: 'not-the-password' } }), matrix: { skip: 'proven in the break-glass test' } },

  // ---- reference data (no child, no role gate)
  'GET /api/v1/organisations': { access: { kind: 'signed_in', why: 'reference data: organisations to choose a GP practice or school' }, sample: none },
  'GET /api/v1/forms': { access: { kind: 'signed_in', why: 'reference data: versioned form definitions' }, sample: none },
  'GET /api/v1/routing-rules': { access: { kind: 'signed_in', why: 'reference data: routing rules, event types, confidentiality categories' }, sample: none },
  'GET /api/v1/drift-rules': { access: { kind: 'signed_in', why: 'reference data: drift rules' }, sample: none },
  'GET /api/v1/break-glass/reasons': { access: { kind: 'signed_in', why: 'reference data: break-glass reasons' }, sample: none },
  'GET /api/v1/notifications': { access: { kind: 'signed_in', why: 'the caller’s own notifications' }, sample: none },
  'POST /api/v1/notifications/:notificationId/read': { access: { kind: 'signed_in', why: 'the caller’s own notification (another user’s is 404)' }, sample: none },
  'GET /api/v1/children/:childId/break-glass': { access: { kind: 'signed_in', why: 'the caller’s own active grant; says nothing about the child' }, sample: none },

  // ---- children (the spine)
  'GET /api/v1/children': { access: { kind: 'role', resource: 'child', action: 'search' }, sample: () => ({ query: { name: 'Matrixworth' } }) },
  'POST /api/v1/children/duplicate-check': {
    access: { kind: 'role', resource: 'child', action: 'create' },
    sample: () => ({ body: { givenName: 'Zzyzx', familyName: 'Nobody', dateOfBirth: '2020-01-01' } }),
  },
  // A date of birth in the future passes zod but is refused by the use-case after the role check: nothing is added.
  'POST /api/v1/children': { access: { kind: 'role', resource: 'child', action: 'create' }, sample: () => ({ body: { givenName: 'Zzyzx', familyName: 'Nobody', dateOfBirth: '2030-01-01' } }) },
  'GET /api/v1/children/:childId': { access: { kind: 'child', resource: 'child', action: 'read' }, sample: none },
  'PATCH /api/v1/children/:childId': { access: { kind: 'child', resource: 'child', action: 'update' }, sample: () => ({ body: { placementArea: 'Testborough' } }) },
  'POST /api/v1/children/:childId/status-episodes': { access: { kind: 'child', resource: 'status_episode', action: 'create' }, sample: () => ({ body: { kind: 'early_help', startedOn: day, endedOn: day, source: 'access matrix' } }) },
  'PATCH /api/v1/children/:childId/status-episodes/:episodeId': { access: { kind: 'child', resource: 'status_episode', action: 'update' }, sample: () => ({ body: { endedOn: day } }) },
  'POST /api/v1/children/:childId/flags': {
    access: { kind: 'child', resource: 'flag', action: 'create' },
    sample: () => ({ body: { kind: 'other', note: 'access matrix', source: 'access matrix', reviewOn: '2027-06-01', disclosureDecision: 'disclosed' } }),
  },
  'PATCH /api/v1/children/:childId/flags/:flagId': { access: { kind: 'child', resource: 'flag', action: 'update' }, sample: () => ({ body: { endedOn: day } }) },
  'POST /api/v1/children/:childId/relationships': { access: { kind: 'child', resource: 'relationship', action: 'create' }, sample: () => ({ body: { kind: 'household_member', person: { givenName: 'Hollis', familyName: 'Quenby' } } }) },
  'POST /api/v1/children/:childId/names': { access: { kind: 'child', resource: 'child', action: 'update' }, sample: () => ({ body: { givenName: 'Matrix', familyName: 'Renamed', validFrom: day } }) },
  'POST /api/v1/children/:childId/addresses': { access: { kind: 'child', resource: 'child', action: 'update' }, sample: () => ({ body: { line1: '1 Matrix Row', postcode: 'MK40 1AA', validFrom: day } }) },
  'POST /api/v1/children/:childId/identifiers': { access: { kind: 'child', resource: 'child', action: 'update' }, sample: () => ({ body: { kind: 'local_id', value: `AM-${randomUUID().slice(0, 8)}` } }) },
  'POST /api/v1/children/:childId/birth': { access: { kind: 'child', resource: 'child', action: 'create' }, sample: () => ({ body: { givenName: 'Matrix', familyName: 'Born', dateOfBirth: '2026-11-20', sex: 'unknown' } }) },
  'POST /api/v1/children/:childId/presentations': {
    access: { kind: 'child', resource: 'presentation', action: 'create', scope: 'opens_scope' },
    sample: () => ({ body: { reason: 'Attending the emergency department' } }),
    matrix: { skip: 'opens scope: proven on children of its own in the presentations test' },
  },
  'GET /api/v1/flags': { access: { kind: 'child', resource: 'flag', action: 'read', scope: 'any_child_for_unscheduled_care', childIn: 'query.nhsNumber' }, sample: ({ child }) => ({ query: { nhsNumber: child.nhsNumber } }) },
  'GET /api/v1/cohorts/practice': { access: { kind: 'role', resource: 'cohort', action: 'read' }, sample: ({ practiceId }) => ({ query: { practiceId } }) },

  // ---- looked-after children's health (#4)
  'GET /api/v1/lac/worklist': { access: { kind: 'role', resource: 'health_assessment', action: 'read' }, sample: none },
  'GET /api/v1/lac/exceptions': { access: { kind: 'role', resource: 'health_assessment', action: 'read' }, sample: none },
  'GET /api/v1/lac/oc2': { access: { kind: 'role', resource: 'lac_report', action: 'read' }, sample: () => ({ query: { yearEnding: '2026-03-31' } }) },
  'GET /api/v1/lac/oc2.csv': { access: { kind: 'role', resource: 'lac_report', action: 'read' }, sample: () => ({ query: { yearEnding: '2026-03-31' } }) },
  'GET /api/v1/lac/care-leavers': { access: { kind: 'role', resource: 'health_assessment', action: 'read' }, sample: none },
  'GET /api/v1/lac/qa-summary': { access: { kind: 'role', resource: 'qa_review', action: 'read' }, sample: none },
  'POST /api/v1/children/:childId/health-assessments': { access: { kind: 'child', resource: 'health_assessment', action: 'create' }, sample: () => ({ body: { kind: 'RHA' } }) },
  'POST /api/v1/children/:childId/health-assessments/:assessmentId/contributions': { access: { kind: 'child', resource: 'health_assessment', action: 'update' }, sample: () => ({ body: { contributor: 'gp', receivedOn: day } }) },
  'POST /api/v1/children/:childId/health-assessments/:assessmentId/breach-reason': { access: { kind: 'child', resource: 'health_assessment', action: 'update' }, sample: () => ({ body: { breachReason: 'Carer unwell on the day' } }) },
  'POST /api/v1/children/:childId/health-assessments/:assessmentId/outcome': { access: { kind: 'child', resource: 'health_assessment', action: 'update' }, sample: () => ({ body: { status: 'cancelled' } }) },
  'POST /api/v1/children/:childId/health-assessments/:assessmentId/complete': { access: { kind: 'child', resource: 'health_assessment', action: 'update' }, sample: () => ({ body: { completedOn: day, answers: {} } }) },
  'GET /api/v1/children/:childId/lac-health': { access: { kind: 'child', resource: 'health_assessment', action: 'read' }, sample: none },
  'GET /api/v1/children/:childId/health-plans/draft': { access: { kind: 'child', resource: 'health_plan', action: 'read' }, sample: none },
  'POST /api/v1/children/:childId/health-plans': { access: { kind: 'child', resource: 'health_plan', action: 'create' }, sample: () => ({ body: { assessmentId: randomUUID() } }) },
  'POST /api/v1/children/:childId/qa-reviews': { access: { kind: 'child', resource: 'qa_review', action: 'create' }, sample: () => ({ body: { assessmentId: randomUUID(), answers: {} } }) },
  'POST /api/v1/children/:childId/sdq': { access: { kind: 'child', resource: 'sdq', action: 'create' }, sample: () => ({ body: { completedOn: day, totalOnly: 12 } }) },
  // Imports write status episodes for the whole area: gated by status_episode:create (see the report: no narrower permission).
  'POST /api/v1/lac/imports/ssda903': { access: { kind: 'role', resource: 'status_episode', action: 'import' }, sample: () => ({ body: { files: { 'header.csv': 'not,a,header\n', 'episodes.csv': 'not,episodes\n' } } }) },
  'POST /api/v1/lac/imports/health-activity': { access: { kind: 'role', resource: 'status_episode', action: 'import' }, sample: () => ({ body: { fileName: 'activity.csv', text: 'not,a,header\n' } }) },

  // ---- safeguarding events, worklists, loops, chronology, drift (#3)
  'POST /api/v1/children/:childId/events': {
    access: { kind: 'child', resource: 'safeguarding_event', action: 'create' },
    sample: () => ({ body: { type: 'health_contact', occurredAt: later, summary: 'Access matrix clinic contact', details: { kind: 'clinic', childSeen: true } } }),
  },
  'GET /api/v1/worklists/teams': { access: { kind: 'role', resource: 'worklist', action: 'read' }, sample: none },
  'GET /api/v1/worklists': { access: { kind: 'role', resource: 'worklist', action: 'read' }, sample: none },
  'POST /api/v1/children/:childId/worklist-items/:itemId/acknowledge': { access: { kind: 'child', resource: 'worklist', action: 'update' }, sample: none },
  'POST /api/v1/children/:childId/worklist-items/:itemId/action': { access: { kind: 'child', resource: 'worklist', action: 'update' }, sample: () => ({ body: { outcome: 'contact_made' } }) },
  'POST /api/v1/imports/events': {
    access: { kind: 'role', resource: 'safeguarding_event', action: 'import' },
    sample: () => ({ query: { type: 'ed-attendance', sourceSystem: 'matrix' }, body: 'not,a,feed\n', contentType: 'text/csv' }),
  },
  'GET /api/v1/children/:childId/loops': { access: { kind: 'child', resource: 'safeguarding_loop', action: 'read' }, sample: none },
  'GET /api/v1/loops/overdue': { access: { kind: 'role', resource: 'safeguarding_loop', action: 'read' }, sample: none },
  'POST /api/v1/children/:childId/cp-conferences': { access: { kind: 'child', resource: 'safeguarding_loop', action: 'create' }, sample: () => ({ body: { kind: 'initial', conferenceAt: '2026-12-10T10:00:00Z', invitedServices: ['paediatrics'] } }) },
  'GET /api/v1/children/:childId/cp-conferences/:conferenceId/gp-report-draft': {
    access: { kind: 'child', resource: 'safeguarding_loop', action: 'read' },
    sample: none,
    variants: [{ name: 'safeguarding override', access: { kind: 'child', resource: 'safeguarding_loop', action: 'read', alsoRequires: { resource: 'share', action: 'override' } }, sample: () => ({ query: { override: '1', reason: overrideReason } }) }],
  },
  'POST /api/v1/children/:childId/cp-conferences/:conferenceId/reports': { access: { kind: 'child', resource: 'safeguarding_loop', action: 'update' }, sample: () => ({ body: { agency: 'gp' } }) },
  'POST /api/v1/children/:childId/loops/:loopId/steps/:stepId/acknowledge': { access: { kind: 'child', resource: 'safeguarding_loop', action: 'update' }, sample: none },
  'GET /api/v1/children/:childId/chronology': { access: { kind: 'child', resource: 'safeguarding_event', action: 'read' }, sample: none },
  'GET /api/v1/children/:childId/household-chronology': { access: { kind: 'child', resource: 'safeguarding_event', action: 'read' }, sample: none },
  'GET /api/v1/children/:childId/chronology.csv': {
    access: { kind: 'child', resource: 'safeguarding_event', action: 'read' },
    sample: none,
    variants: [{ name: 'safeguarding override', access: reportOverride, sample: () => ({ query: { override: '1', reason: overrideReason } }) }],
  },
  'GET /api/v1/children/:childId/chronology/print': {
    access: { kind: 'child', resource: 'safeguarding_event', action: 'read' },
    sample: none,
    variants: [{ name: 'safeguarding override', access: reportOverride, sample: () => ({ query: { override: '1', reason: overrideReason } }) }],
  },
  'GET /api/v1/drift': { access: { kind: 'role', resource: 'worklist', action: 'read' }, sample: none },

  // ---- consent and sharing (#5)
  'GET /api/v1/children/:childId/consents': { access: { kind: 'child', resource: 'consent', action: 'read' }, sample: none },
  'POST /api/v1/children/:childId/consents': {
    access: { kind: 'child', resource: 'consent', action: 'create' },
    sample: () => ({ body: { purpose: 'include_in_report', categories: ['standard'], givenBy: 'parental_responsibility', parentalResponsibilityRelationshipId: randomUUID(), givenOn: day } }),
  },
  'POST /api/v1/children/:childId/consents/:consentId/withdraw': { access: { kind: 'child', resource: 'consent', action: 'update' }, sample: () => ({ body: { reason: 'Changed their mind' } }) },
  'GET /api/v1/children/:childId/shares/decision': { access: { kind: 'child', resource: 'consent', action: 'read' }, sample: ({ teamId }) => ({ query: { eventIds: randomUUID(), recipientTeamId: teamId } }) },
  'GET /api/v1/children/:childId/shares': { access: { kind: 'child', resource: 'consent', action: 'read' }, sample: none },
  'POST /api/v1/children/:childId/shares': {
    access: { kind: 'child', resource: 'share', action: 'create' },
    sample: ({ teamId }) => ({ body: { eventIds: [randomUUID()], recipientTeamId: teamId } }),
    variants: [
      {
        name: 'safeguarding override',
        access: { kind: 'child', resource: 'share', action: 'create', alsoRequires: { resource: 'share', action: 'override' } },
        sample: ({ teamId }) => ({ body: { eventIds: [randomUUID()], recipientTeamId: teamId, override: { reason: overrideReason } } }),
      },
    ],
  },
  'GET /api/v1/share-recipients': { access: { kind: 'role', resource: 'share', action: 'create' }, sample: none },

  // ---- break-glass (#5)
  'POST /api/v1/children/:childId/break-glass': {
    access: { kind: 'child', resource: 'break_glass', action: 'create', scope: 'outside_scope_only' },
    sample: () => ({ body: { reasonCode: 'unscheduled_care_emergency', reasonText: 'Child unconscious in resus, no allocated team reachable', minutes: 60 } }),
    matrix: { skip: 'proven in the break-glass test (needs a step-up, writes a grant)' },
  },
  'POST /api/v1/break-glass': {
    access: { kind: 'child', resource: 'break_glass', action: 'create', scope: 'outside_scope_only', childIn: 'body.nhsNumber' },
    sample: ({ child }) => ({ body: { nhsNumber: child.nhsNumber, reasonCode: 'unscheduled_care_emergency', reasonText: 'Child unconscious in resus, no allocated team reachable', minutes: 60 } }),
    matrix: { skip: 'proven in the break-glass test (needs a step-up, writes a grant)' },
  },
  'GET /api/v1/break-glass/review-queue': { access: { kind: 'role', resource: 'break_glass', action: 'review' }, sample: none },
  'POST /api/v1/break-glass/:grantId/review': { access: { kind: 'role', resource: 'break_glass', action: 'review' }, sample: () => ({ body: { outcome: 'justified' } }) },

  // ---- access review and audit export (#5)
  'GET /api/v1/children/:childId/access-review': {
    access: { kind: 'child', resource: 'child', action: 'read', namedProfessionalUnless: { resource: 'access_review', action: 'read' } },
    sample: none,
  },
  'GET /api/v1/access-review/unusual': { access: { kind: 'role', resource: 'access_review', action: 'read' }, sample: none },
  'GET /api/v1/audit/export': { access: { kind: 'child', resource: 'access_review', action: 'export', childIn: 'query.childId' }, sample: ({ child }) => ({ query: { childId: child.id } }) },
};

/** `'METHOD /url'`, as keyed in ROUTE_ACCESS. */
export function routeKey(route: { method: string; url: string }): string {
  return `${route.method} ${route.url}`;
}

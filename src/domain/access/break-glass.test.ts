import { describe, expect, test } from 'vitest';
import { breakGlassStatus, breakGlassWindow, isGrantActive, isStepUpFresh } from './break-glass.js';
import { canSeeContent } from './confidentiality.js';
import { accessBasis, canAccessRecord, canPerform, type RecordRelationships } from './permissions.js';
import { ROLE_IDS } from './roles.js';

const at = (iso: string) => new Date(iso);
const none: RecordRelationships = { allocatedToUser: false, allocatedToUsersTeam: false, allocatedToUsersOrganisation: false, registeredWithUsersPractice: false, lookedAfterOrCareLeaver: false, presentingAtUsersOrganisation: false, routedToUsersTeam: false, breakGlass: false };

describe('a step-up is fresh for 10 minutes (#5)', () => {
  test.each([
    ['never stepped up', null, '2026-11-27T03:00:00Z', false],
    ['just now', '2026-11-27T03:00:00Z', '2026-11-27T03:00:00Z', true],
    ['exactly 10 minutes ago', '2026-11-27T02:50:00Z', '2026-11-27T03:00:00Z', true],
    ['10 minutes and 1 second ago', '2026-11-27T02:49:59Z', '2026-11-27T03:00:00Z', false],
    ['in the future (clock skew) does not count', '2026-11-27T03:01:00Z', '2026-11-27T03:00:00Z', false],
  ])('%s', (_, steppedUpAt, now, fresh) => {
    expect(isStepUpFresh({ steppedUpAt: steppedUpAt ? at(steppedUpAt) : null, now: at(now) })).toBe(fresh);
  });
});

describe('a grant is time-boxed: 1 hour by default, 15 minutes to 4 hours', () => {
  test.each([
    ['default one hour', undefined, '2026-11-27T04:00:00.000Z'],
    ['15 minutes', 15, '2026-11-27T03:15:00.000Z'],
    ['4 hours', 240, '2026-11-27T07:00:00.000Z'],
  ])('%s', (_, minutes, expiresAt) => {
    const window = breakGlassWindow({ grantedAt: at('2026-11-27T03:00:00Z'), ...(minutes === undefined ? {} : { minutes }) });
    expect(window).toEqual({ ok: true, expiresAt: new Date(expiresAt) });
  });
  test.each([[0], [14], [241], [60.5]])('%s minutes is refused, not clamped', (minutes) => {
    expect(breakGlassWindow({ grantedAt: at('2026-11-27T03:00:00Z'), minutes })).toEqual({ ok: false, reason: 'minutes_out_of_range' });
  });
  test('active from granted_at until, not including, expires_at', () => {
    const grant = { grantedAt: at('2026-11-27T03:00:00Z'), expiresAt: at('2026-11-27T04:00:00Z') };
    expect(isGrantActive({ ...grant, now: at('2026-11-27T03:00:00Z') })).toBe(true);
    expect(isGrantActive({ ...grant, now: at('2026-11-27T03:59:59Z') })).toBe(true);
    expect(isGrantActive({ ...grant, now: at('2026-11-27T04:00:00Z') })).toBe(false);
    expect(isGrantActive({ ...grant, now: at('2026-11-27T02:59:59Z') })).toBe(false);
  });
  test('review status: active, then awaiting review, until closed as justified or escalated', () => {
    const expiresAt = at('2026-11-27T04:00:00Z');
    expect(breakGlassStatus({ expiresAt, reviewOutcome: null, now: at('2026-11-27T03:30:00Z') })).toBe('active');
    expect(breakGlassStatus({ expiresAt, reviewOutcome: null, now: at('2026-11-27T04:00:00Z') })).toBe('awaiting_review');
    expect(breakGlassStatus({ expiresAt, reviewOutcome: 'escalated', now: at('2026-11-27T03:30:00Z') })).toBe('escalated');
  });
});

describe('a break-glass grant is a legitimate relationship for every role, reported as its own basis', () => {
  test.each(ROLE_IDS)('%s: a grant alone gives scope, and the basis says break_glass', (role) => {
    expect(canAccessRecord({ role, relationships: { ...none, breakGlass: true } })).toBe(true);
    if (role === 'designated_nurse' || role === 'designated_doctor' || role === 'mash_health_practitioner' || role === 'named_gp') expect(accessBasis({ role, relationships: { ...none, breakGlass: true } })).toBe('all');
    else expect(accessBasis({ role, relationships: { ...none, breakGlass: true } })).toBe('break_glass');
  });
  test('a role’s own grant comes first in the basis', () => {
    expect(accessBasis({ role: 'ed_clinician', relationships: { ...none, presentingAtUsersOrganisation: true, breakGlass: true } })).toBe('presenting');
  });
  test('without a grant or a relationship there is no access', () => {
    expect(canAccessRecord({ role: 'ed_clinician', relationships: none })).toBe(false);
  });
  test('who may break glass and who reviews is role data: commissioners and administrators may not', () => {
    expect(canPerform({ role: 'ed_clinician', resource: 'break_glass', action: 'create' })).toBe(true);
    expect(canPerform({ role: 'commissioner', resource: 'break_glass', action: 'create' })).toBe(false);
    expect(canPerform({ role: 'system_administrator', resource: 'break_glass', action: 'create' })).toBe(false);
    expect(canPerform({ role: 'designated_nurse', resource: 'break_glass', action: 'review' })).toBe(true);
    expect(canPerform({ role: 'named_nurse', resource: 'break_glass', action: 'review' })).toBe(true);
    expect(canPerform({ role: 'ed_clinician', resource: 'break_glass', action: 'review' })).toBe(false);
  });
});

describe('content of a step-up category needs a fresh step-up, even for an entitled role', () => {
  const now = at('2026-11-27T03:00:00Z');
  test.each([
    ['designated doctor, sealed identity, no step-up', 'designated_doctor', 'sealed_identity', null, false],
    ['designated doctor, sealed identity, stepped up 5 minutes ago', 'designated_doctor', 'sealed_identity', '2026-11-27T02:55:00Z', true],
    ['designated doctor, sealed identity, stepped up 11 minutes ago', 'designated_doctor', 'sealed_identity', '2026-11-27T02:49:00Z', false],
    ['health visitor, sealed identity, stepped up: not entitled', 'health_visitor', 'sealed_identity', '2026-11-27T02:55:00Z', false],
    ['health visitor, standard, no step-up needed', 'health_visitor', 'standard', null, true],
    ['designated nurse, sexual health, no step-up needed', 'designated_nurse', 'sexual_health', null, true],
  ] as const)('%s', (_, role, category, steppedUpAt, visible) => {
    expect(canSeeContent({ role, category, steppedUpAt: steppedUpAt ? at(steppedUpAt) : null, now })).toBe(visible);
  });
});

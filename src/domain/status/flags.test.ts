import { describe, expect, test } from 'vitest';
import { deriveFlags, type ManualFlag, type StatusEpisode } from './flags.js';

const ep = (over: Partial<StatusEpisode>): StatusEpisode => ({ id: 'e1', kind: 'child_in_need', startedOn: '2025-01-01', endedOn: null, ...over });
const codes = (flags: ReturnType<typeof deriveFlags>) => flags.map((f) => f.code);
const today = '2026-11-27';

describe('flags are derived from status episodes (CQC Bedford 2015 rec 4.6)', () => {
  test.each([
    ['an open CP plan is a current CP flag', [ep({ kind: 'child_protection', cpCategory: 'neglect' })], ['child_protection_plan']],
    ['a CP plan that ended 11 months ago is "in the last 12 months" (CP-IS history window)', [ep({ kind: 'child_protection', endedOn: '2025-12-28' })], ['previous_child_protection_plan']],
    ['a CP plan that ended 13 months ago shows nothing', [ep({ kind: 'child_protection', endedOn: '2025-10-26' })], []],
    ['looked after and previously CP both show, looked after first', [ep({ id: 'a', kind: 'looked_after', legalStatus: 'C2' }), ep({ id: 'b', kind: 'child_protection', endedOn: '2026-06-01' })], ['looked_after', 'previous_child_protection_plan']],
    ['a current CP plan hides an older ended one', [ep({ id: 'a', kind: 'child_protection' }), ep({ id: 'b', kind: 'child_protection', startedOn: '2023-01-01', endedOn: '2024-01-01' })], ['child_protection_plan']],
    ['an episode starting in the future is not yet a flag', [ep({ kind: 'child_in_need', startedOn: '2026-12-01' })], []],
    ['an episode ending today still applies today', [ep({ kind: 'child_in_need', endedOn: today })], ['child_in_need']],
    ['CP ranks above CIN and early help', [ep({ id: 'a', kind: 'early_help' }), ep({ id: 'b', kind: 'child_in_need' }), ep({ id: 'c', kind: 'child_protection' })], ['child_protection_plan', 'child_in_need', 'early_help']],
  ])('%s', (_, episodes, expected) => {
    expect(codes(deriveFlags({ episodes, today, dateOfBirth: '2015-05-05' }))).toEqual(expected);
  });

  test('a pre-birth CP plan on an unborn record is an unborn CP plan', () => {
    expect(codes(deriveFlags({ episodes: [ep({ kind: 'child_protection' })], today, dateOfBirth: null, isUnborn: true }))).toEqual(['unborn_child_protection_plan']);
  });

  test.each([
    ['a care leaver aged 20 is flagged (support to 21)', '2006-06-01', false, ['care_leaver']],
    ['a care leaver on their 21st birthday is no longer flagged', '2005-11-27', false, []],
    ['a care leaver aged 23 with support extended to 25 is flagged', '2003-06-01', true, ['care_leaver']],
    ['a care leaver aged 25 is not flagged even when extended', '2001-11-27', true, []],
  ])('%s', (_, dateOfBirth, extendedTo25, expected) => {
    expect(codes(deriveFlags({ episodes: [ep({ kind: 'care_leaver', startedOn: '2024-01-01', extendedTo25 })], today, dateOfBirth }))).toEqual(expected);
  });

  test('manual flags carry their review state; ended ones drop off', () => {
    const manual = (over: Partial<ManualFlag>): ManualFlag => ({ id: 'm', kind: 'fgm_risk', source: 'Maternity booking', recordedBy: 'u', recordedAt: '2026-01-01T10:00:00Z', reviewOn: '2026-06-01', endedOn: null, disclosureDecision: 'disclosed', ...over });
    const flags = deriveFlags({ episodes: [], manualFlags: [manual({}), manual({ id: 'n', kind: 'marac', endedOn: '2026-02-01' })], today, dateOfBirth: '2015-01-01' });
    expect(flags).toEqual([expect.objectContaining({ code: 'fgm_risk', reviewOverdue: true, source: 'manual', since: '2026-01-01' })]);
  });
});

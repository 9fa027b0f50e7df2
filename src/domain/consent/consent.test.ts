import { describe, expect, test } from 'vitest';
import type { ConfidentialityCategory } from '../access/confidentiality.js';
import { categoriesNeedingConsent, checkConsentGiver, consentDecision, consentStatus, type CompetenceBasis, type ConsentGiver, type ConsentRecord } from './consent.js';

describe('who may consent (checkConsentGiver)', () => {
  const sexualHealth: ConfidentialityCategory[] = ['sexual_health'];
  const standard: ConfidentialityCategory[] = ['standard'];
  test.each<[string, ConsentGiver, CompetenceBasis | null, number | null, ConfidentialityCategory[], boolean, string | null]>([
    // Gillick [1986] AC 112 (Lord Scarman): an under-16 assessed as understanding fully what is proposed.
    ['Gillick: a 14-year-old assessed competent consents for herself', 'young_person', 'gillick', 14, standard, false, null],
    ['Gillick: an under-16 must say how competence was assessed', 'young_person', null, 14, standard, false, 'not_16_yet'],
    // Lord Fraser's guidelines: contraception and sexual-health advice and treatment.
    ['Fraser: a 15-year-old consents to share sexual-health information', 'young_person', 'fraser', 15, sexualHealth, false, null],
    ['Fraser does not cover a category other than sexual health', 'young_person', 'fraser', 15, ['sexual_health', 'camhs_therapy'], false, 'fraser_outside_sexual_health'],
    ['Fraser does not cover standard entries either', 'young_person', 'fraser', 15, standard, false, 'fraser_outside_sexual_health'],
    // FLRA 1969 s8(1); MCA 2005 s1(2), s2(5): capacity presumed from 16.
    ['16+: a 16-year-old on their birthday consents on presumed capacity', 'young_person', 'aged_16_or_over', 16, standard, false, null],
    ['16+: a 17-year-old is not assessed under Gillick — capacity is presumed', 'young_person', 'gillick', 17, standard, false, 'use_presumed_capacity'],
    ['16+: "aged 16 or over" is refused for a 15-year-old', 'young_person', 'aged_16_or_over', 15, standard, false, 'not_16_yet'],
    ['16+: a parent cannot consent for a 16-year-old', 'parental_responsibility', null, 16, standard, false, 'young_person_presumed_capable'],
    // Children Act 1989 s2–s3: a person with parental responsibility consents for a child who cannot.
    ['PR: a parent consents for a 4-year-old', 'parental_responsibility', null, 4, standard, false, null],
    ['PR: a parent consents for an unborn child', 'parental_responsibility', null, null, standard, false, null],
    ['PR: a parent cannot consent over a competent young person’s own decision', 'parental_responsibility', null, 13, sexualHealth, true, 'young_person_has_decided'],
    ['an unborn child cannot consent for itself', 'young_person', 'gillick', null, standard, false, 'no_young_person'],
  ])('%s', (_, givenBy, competenceBasis, ageYears, categories, youngPersonHasDecided, refusal) => {
    const result = checkConsentGiver({ givenBy, competenceBasis, ageYears, categories, youngPersonHasDecided });
    if (refusal === null) expect(result).toEqual({ ok: true });
    else expect(result).toMatchObject({ ok: false, reason: refusal });
  });
});

describe('consentDecision: checked at the moment of sharing', () => {
  const camhs = { organisationId: 'org-camhs', service: 'camhs' };
  const base: ConsentRecord = { id: 'c1', purpose: 'share_with_service', recipient: { organisationId: 'org-camhs', service: null }, categories: ['standard', 'camhs_therapy'], givenOn: '2026-11-01', expiresOn: null, withdrawnAt: null };
  const at = new Date('2026-11-27T12:00:00Z');
  const today = '2026-11-27';
  const decide = (consents: ConsentRecord[], categories: ConfidentialityCategory[], overrides: Partial<Parameters<typeof consentDecision>[0]> = {}) =>
    consentDecision({ consents, purpose: 'share_with_service', recipient: camhs, categories, at, today, ...overrides });

  test.each<[string, ConsentRecord[], ConfidentialityCategory[], ReturnType<typeof consentDecision>]>([
    ['a live consent to the organisation (any service) covers a share to its CAMHS team', [base], ['standard'], { allowed: true, consentId: 'c1', consentIds: ['c1'] }],
    ['no consent at all: none', [], ['standard'], { allowed: false, reason: 'none', missing: ['standard'] }],
    ['a consent withdrawn a minute ago no longer allows it', [{ ...base, withdrawnAt: new Date('2026-11-27T11:59:00Z') }], ['standard'], { allowed: false, reason: 'withdrawn', missing: ['standard'] }],
    ['a withdrawal recorded for a later instant has not yet taken effect', [{ ...base, withdrawnAt: new Date('2026-11-27T12:01:00Z') }], ['standard'], { allowed: true, consentId: 'c1', consentIds: ['c1'] }],
    ['a consent that expired yesterday: expired', [{ ...base, expiresOn: '2026-11-26' }], ['standard'], { allowed: false, reason: 'expired', missing: ['standard'] }],
    ['a consent expiring today still allows it today', [{ ...base, expiresOn: '2026-11-27' }], ['standard'], { allowed: true, consentId: 'c1', consentIds: ['c1'] }],
    ['a consent dated tomorrow does not allow it today', [{ ...base, givenOn: '2026-11-28' }], ['standard'], { allowed: false, reason: 'none', missing: ['standard'] }],
    ['a category the consent does not cover: out of scope', [base], ['standard', 'sexual_health'], { allowed: false, reason: 'out_of_scope', missing: ['sexual_health'] }],
    ['a consent to another organisation: out of scope', [{ ...base, recipient: { organisationId: 'org-other', service: null } }], ['standard'], { allowed: false, reason: 'out_of_scope', missing: ['standard'] }],
    ['a consent to another service of the same organisation: out of scope', [{ ...base, recipient: { organisationId: 'org-camhs', service: 'school_nursing' } }], ['standard'], { allowed: false, reason: 'out_of_scope', missing: ['standard'] }],
    ['a consent to include in a report does not allow sharing with a service', [{ ...base, purpose: 'include_in_report', recipient: null }], ['standard'], { allowed: false, reason: 'none', missing: ['standard'] }],
    [
      'two consents together cover two categories',
      [{ ...base, categories: ['standard'] }, { ...base, id: 'c2', categories: ['camhs_therapy'] }],
      ['camhs_therapy', 'standard'],
      { allowed: true, consentId: 'c1', consentIds: ['c1', 'c2'] },
    ],
    [
      'a withdrawn consent and a live one for the same category: the live one allows it',
      [{ ...base, withdrawnAt: new Date('2026-11-20T10:00:00Z') }, { ...base, id: 'c2' }],
      ['standard'],
      { allowed: true, consentId: 'c2', consentIds: ['c2'] },
    ],
  ])('%s', (_, consents, categories, expected) => {
    expect(decide(consents, categories)).toEqual(expected);
  });

  test('include in a report: standard entries need no consent, others do', () => {
    const report: ConsentRecord = { ...base, id: 'r1', purpose: 'include_in_report', recipient: null, categories: ['sexual_health'] };
    expect(consentDecision({ consents: [], purpose: 'include_in_report', recipient: null, categories: ['standard'], at, today })).toEqual({ allowed: true, consentId: null, consentIds: [] });
    expect(consentDecision({ consents: [report], purpose: 'include_in_report', recipient: null, categories: ['standard', 'sexual_health'], at, today })).toEqual({ allowed: true, consentId: 'r1', consentIds: ['r1'] });
    expect(consentDecision({ consents: [report], purpose: 'include_in_report', recipient: null, categories: ['dv_disclosure'], at, today })).toEqual({ allowed: false, reason: 'out_of_scope', missing: ['dv_disclosure'] });
  });

  test('categoriesNeedingConsent: every category for a share, non-standard for a report, each once', () => {
    expect(categoriesNeedingConsent({ purpose: 'share_with_service', categories: ['sexual_health', 'standard', 'standard'] })).toEqual(['standard', 'sexual_health']);
    expect(categoriesNeedingConsent({ purpose: 'include_in_report', categories: ['sexual_health', 'standard'] })).toEqual(['sexual_health']);
  });

  test.each<[string, Partial<ConsentRecord>, string]>([
    ['live', {}, 'active'],
    ['withdrawn before now', { withdrawnAt: new Date('2026-11-27T11:00:00Z') }, 'withdrawn'],
    ['expired', { expiresOn: '2026-11-01' }, 'expired'],
    ['dated in the future', { givenOn: '2026-12-01' }, 'not_yet_given'],
  ])('consentStatus: %s', (_, change, expected) => {
    expect(consentStatus({ consent: { ...base, ...change }, at, today })).toBe(expected);
  });
});

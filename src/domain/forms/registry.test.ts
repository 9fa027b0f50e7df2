import { describe, expect, test } from 'vitest';
import { checkFormDefinition, formFields, validateAnswers, visibleFieldIds, type Answers } from './form-definition.js';
import { FORMS, getForm, latestForm } from './registry.js';

const FORBIDDEN_WORDING = [/strengths and difficulties questionnaire item/i, /BAAF/i, /considerate of other people's feelings/i, /restless, overactive/i];

/** A complete, valid IHA for a 14-year-old placed in area. */
const completeIha: Answers = {
  consentDiscussed: 'yes',
  fraserCompetent: 'yes',
  consentGiven: 'yes',
  consentGivenBy: 'young_person',
  signatureOrEquivalent: 'signed',
  voiceOfChildInOwnWords: 'I like my foster family and I want to keep doing football after school',
  voiceOfChildWrittenBy: 'child',
  attendees: ['carer', 'social_worker'],
  parentsInvited: 'yes',
  familyHealthHistory: 'Mother has asthma; no other known conditions',
  birthHistory: 'Born at 39 weeks, no neonatal problems recorded',
  physicalHealth: 'Well; height and weight on the 50th centile',
  emotionalHealth: 'Some worries about contact with birth family',
  sdqConsidered: 'yes',
  camhsInvolvement: 'none',
  development: 'Year 9, on track in most subjects',
  dentalRegistered: 'yes',
  lastDentalCheckOn: '2025-01-15',
  immunisationsUpToDate: 'yes',
  visionScreening: 'up_to_date_no_concerns',
  hearingScreening: 'up_to_date_no_concerns',
  sexuallyActive: 'no',
  cseConsidered: 'yes',
  cseOutcome: 'no_concerns',
  gpContribution: 'requested_received',
  camhsContribution: 'not_known_to_camhs',
  schoolContribution: 'requested_received',
  carerSdqContribution: 'requested_received',
  appointmentPlace: 'home',
  appointmentTime: 'saturday',
  youngPersonChosePlaceAndTime: 'yes',
  placedOutOfArea: 'no',
};

describe('FORMS: versioned health assessment forms as data', () => {
  test('ids + versions are unique', () => {
    const keys = FORMS.map((form) => `${form.id}@${form.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(['initial-health-assessment@1', 'review-health-assessment@1']);
  });

  test.each(FORMS.map((form) => [`${form.id} v${form.version}`, form] as const))('%s is a sound definition', (_, form) => {
    expect(checkFormDefinition(form)).toEqual([]);
  });

  test.each(FORMS.map((form) => [`${form.id} v${form.version}`, form] as const))('%s ships no wording from licensed tools', (_, form) => {
    const text = JSON.stringify(form);
    for (const pattern of FORBIDDEN_WORDING) expect(text).not.toMatch(pattern);
  });

  test.each(FORMS.map((form) => [`${form.id} v${form.version}`, form] as const))('%s has the required sections (issue #4)', (_, form) => {
    const sections = form.sections.map((s) => s.id);
    for (const id of ['consent', 'voice_of_child', 'attendees', 'physical_health', 'emotional_mental_health', 'development', 'dental', 'immunisations', 'vision_hearing', 'sexual_health', 'contributions', 'appointment', 'out_of_area']) {
      expect(sections).toContain(id);
    }
    const voice = formFields(form).find(({ field }) => field.id === 'voiceOfChildInOwnWords')?.field;
    expect(voice).toMatchObject({ type: 'textarea', required: true, label: 'In my own words' });
  });

  test('only the IHA asks for family and birth history; only the RHA reviews the previous plan', () => {
    expect(getForm({ id: 'initial-health-assessment', version: 1 })?.sections.map((s) => s.id)).toContain('family_and_birth_history');
    expect(getForm({ id: 'review-health-assessment', version: 1 })?.sections.map((s) => s.id)).not.toContain('family_and_birth_history');
    expect(getForm({ id: 'review-health-assessment', version: 1 })?.sections.map((s) => s.id)).toContain('previous_plan');
  });

  test('lookup by id and version; unknown gives null', () => {
    expect(getForm({ id: 'initial-health-assessment', version: 2 })).toBeNull();
    expect(latestForm('review-health-assessment')?.version).toBe(1);
    expect(latestForm('nope')).toBeNull();
  });
});

describe('initial health assessment v1: validation on real answers', () => {
  const iha = getForm({ id: 'initial-health-assessment', version: 1 });
  if (iha === null) throw new Error('IHA v1 missing');
  const context = { ageYears: 14, today: '2025-03-10' };

  test('a complete IHA for a 14-year-old is valid', () => {
    expect(validateAnswers({ form: iha, answers: completeIha, context })).toEqual({ valid: true, fieldErrors: {} });
  });

  test.each<[string, Answers, string[]]>([
    ['the voice of the child is required', { ...completeIha, voiceOfChildInOwnWords: '' }, ['voiceOfChildInOwnWords']],
    ['a signature not obtained needs a reason (CQC 4.5)', { ...completeIha, signatureOrEquivalent: 'not_obtained' }, ['signatureNotObtainedReason']],
    ['a refusal is recorded in the young person\'s words', { ...completeIha, consentGiven: 'no', consentGivenBy: undefined }, ['refusalInOwnWords']],
    ['a sexually active young person needs a follow-up (CQC 4.3)', { ...completeIha, sexuallyActive: 'yes' }, ['sexualHealthFollowUp']],
    ['CSE considered needs an outcome', { ...completeIha, cseOutcome: undefined }, ['cseOutcome']],
    ['placed out of area needs the host area and the request date', { ...completeIha, placedOutOfArea: 'yes' }, ['hostArea', 'hostAssessmentRequestedOn']],
    ['immunisations not up to date need a plan', { ...completeIha, immunisationsUpToDate: 'not_known' }, ['immunisationsPlan']],
    ['a dental check date in the future is refused', { ...completeIha, lastDentalCheckOn: '2025-04-01' }, ['lastDentalCheckOn']],
  ])('%s', (_, answers, fields) => {
    const result = validateAnswers({ form: iha, answers, context });
    expect(result.valid).toBe(false);
    expect(Object.keys(result.fieldErrors)).toEqual(fields);
  });

  test('a 3-year-old sees no sexual health section and no SDQ questions', () => {
    const visible = visibleFieldIds({ form: iha, answers: {}, context: { ageYears: 3 } });
    for (const id of ['sexuallyActive', 'cseConsidered', 'sdqConsidered', 'carerSdqContribution']) expect(visible.has(id)).toBe(false);
  });

  test('a 10-year-old sees the SDQ questions but not the sexual health section; at 11 it appears', () => {
    const at10 = visibleFieldIds({ form: iha, answers: {}, context: { ageYears: 10 } });
    const at11 = visibleFieldIds({ form: iha, answers: {}, context: { ageYears: 11 } });
    expect([at10.has('sdqConsidered'), at10.has('sexuallyActive'), at11.has('sexuallyActive')]).toEqual([true, false, true]);
  });

  test('a 17-year-old is past the SDQ age (4–16)', () => {
    expect(visibleFieldIds({ form: iha, answers: {}, context: { ageYears: 17 } }).has('carerSdqContribution')).toBe(false);
  });
});

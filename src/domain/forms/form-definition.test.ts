import { describe, expect, test } from 'vitest';
import {
  checkFormDefinition,
  evaluateCondition,
  pruneHiddenAnswers,
  validateAnswers,
  visibleFieldIds,
  type Answers,
  type Condition,
  type FormDefinition,
} from './form-definition.js';

/** A small form exercising every field type and condition kind. */
const form: FormDefinition = {
  id: 'test-form',
  version: 1,
  title: 'Test form',
  source: 'test',
  effectiveFrom: '2025-01-01',
  sections: [
    {
      id: 'main',
      title: 'Main',
      fields: [
        { id: 'consentGiven', type: 'yesNo', label: 'Consent given?', required: true, requiredMessage: 'Select yes if consent was given' },
        { id: 'refusal', type: 'textarea', label: 'Refusal', required: true, showWhen: { equals: { field: 'consentGiven', value: 'no' } } },
        { id: 'signature', type: 'radios', label: 'Signature', required: true, options: [{ value: 'signed', label: 'Signed' }, { value: 'not_obtained', label: 'Not obtained' }] },
        { id: 'attendees', type: 'checkboxes', label: 'Attendees', required: true, options: [{ value: 'carer', label: 'Carer' }, { value: 'other', label: 'Other' }] },
        { id: 'attendeesOther', type: 'text', label: 'Who else', required: true, maxLength: 20, showWhen: { includes: { field: 'attendees', value: 'other' } } },
        { id: 'seenOn', type: 'date', label: 'Seen on', required: true, notInFuture: true },
        { id: 'note', type: 'text', label: 'Note', required: false },
      ],
    },
    {
      id: 'teen',
      title: 'Teenager',
      showWhen: { ageAtLeast: 11 },
      fields: [
        { id: 'sexuallyActive', type: 'yesNo', label: 'Sexually active?', required: true },
        { id: 'cseFollowUp', type: 'textarea', label: 'CSE follow-up', required: true, showWhen: { all: [{ ageAtLeast: 13 }, { equals: { field: 'sexuallyActive', value: 'yes' } }] } },
      ],
    },
  ],
};

const context = { ageYears: 14, today: '2025-03-10' };
const valid: Answers = { consentGiven: 'yes', signature: 'signed', attendees: ['carer'], seenOn: '2025-03-10', sexuallyActive: 'no' };

describe('evaluateCondition: conditions are data (equals, includes, ageAtLeast, ageBelow, all, any)', () => {
  test.each<[string, Condition, Answers, number | null, boolean]>([
    ['equals matches the answer', { equals: { field: 'a', value: 'yes' } }, { a: 'yes' }, 10, true],
    ['equals fails on another answer', { equals: { field: 'a', value: 'yes' } }, { a: 'no' }, 10, false],
    ['equals fails when unanswered', { equals: { field: 'a', value: 'yes' } }, {}, 10, false],
    ['equals on checkboxes needs exactly that one value', { equals: { field: 'c', value: 'x' } }, { c: ['x'] }, 10, true],
    ['includes finds a checkbox value', { includes: { field: 'c', value: 'other' } }, { c: ['carer', 'other'] }, 10, true],
    ['includes fails without it', { includes: { field: 'c', value: 'other' } }, { c: ['carer'] }, 10, false],
    ['ageAtLeast 11 at 11', { ageAtLeast: 11 }, {}, 11, true],
    ['ageAtLeast 11 at 10', { ageAtLeast: 11 }, {}, 10, false],
    ['ageAtLeast with the age unknown shows the question', { ageAtLeast: 11 }, {}, null, true],
    ['ageBelow 17 at 16', { ageBelow: 17 }, {}, 16, true],
    ['ageBelow 17 at 17', { ageBelow: 17 }, {}, 17, false],
    ['all needs every condition', { all: [{ ageAtLeast: 4 }, { ageBelow: 17 }] }, {}, 3, false],
    ['all holds when every condition does', { all: [{ ageAtLeast: 4 }, { ageBelow: 17 }] }, {}, 9, true],
    ['any needs one condition', { any: [{ equals: { field: 'a', value: 'no' } }, { equals: { field: 'a', value: 'not_known' } }] }, { a: 'not_known' }, 9, true],
    ['any fails when none holds', { any: [{ equals: { field: 'a', value: 'no' } }] }, { a: 'yes' }, 9, false],
  ])('%s', (_, condition, answers, ageYears, expected) => {
    expect(evaluateCondition({ condition, answers, context: { ageYears } })).toBe(expected);
  });
});

describe('visibleFieldIds: hidden fields, hidden sections, and questions that depend on hidden ones', () => {
  test('a 10-year-old does not see the teenager section', () => {
    const visible = visibleFieldIds({ form, answers: {}, context: { ageYears: 10 } });
    expect(visible.has('sexuallyActive')).toBe(false);
    expect(visible.has('consentGiven')).toBe(true);
  });

  test('a question depending on a hidden question is hidden, even with a stale answer', () => {
    const visible = visibleFieldIds({ form, answers: { sexuallyActive: 'yes' }, context: { ageYears: 10 } });
    expect(visible.has('cseFollowUp')).toBe(false);
  });

  test('pruneHiddenAnswers drops answers to hidden questions', () => {
    const answers = { ...valid, consentGiven: 'yes', refusal: 'left over', sexuallyActive: 'yes' };
    expect(pruneHiddenAnswers({ form, answers, context: { ageYears: 10 } })).not.toHaveProperty('refusal');
    expect(pruneHiddenAnswers({ form, answers, context: { ageYears: 10 } })).not.toHaveProperty('sexuallyActive');
  });

  test('a condition cycle in a definition is a programmer error', () => {
    const cyclic: FormDefinition = {
      ...form,
      sections: [
        {
          id: 's',
          title: 'S',
          fields: [
            { id: 'a', type: 'yesNo', label: 'A', required: false, showWhen: { equals: { field: 'b', value: 'yes' } } },
            { id: 'b', type: 'yesNo', label: 'B', required: false, showWhen: { equals: { field: 'a', value: 'yes' } } },
          ],
        },
      ],
    };
    expect(() => visibleFieldIds({ form: cyclic, answers: {}, context })).toThrow(/cycle/);
    expect(checkFormDefinition(cyclic)).toContain('a depends on b, which comes later');
  });
});

describe('validateAnswers: required, options, real dates; hidden fields not required', () => {
  test('a complete answer set is valid', () => {
    expect(validateAnswers({ form, answers: valid, context })).toEqual({ valid: true, fieldErrors: {} });
  });

  test.each<[string, Answers, Record<string, string[]>]>([
    ['a required yes/no left empty uses the field message', { ...valid, consentGiven: undefined }, { consentGiven: ['Select yes if consent was given'] }],
    ['a shown conditional field becomes required', { ...valid, consentGiven: 'no' }, { refusal: ['Enter an answer'] }],
    ['a radio answer not among the options', { ...valid, signature: 'thumbprint' }, { signature: ['Select one of the options'] }],
    ['a yes/no answer other than yes or no', { ...valid, consentGiven: 'maybe' }, { consentGiven: ['Select one of the options'] }],
    ['no checkbox ticked', { ...valid, attendees: [] }, { attendees: ['Select at least one option'] }],
    ['a checkbox value not in the list', { ...valid, attendees: ['carer', 'dog'] }, { attendees: ['Select only options from the list'] }],
    ['"other" ticked requires who', { ...valid, attendees: ['other'] }, { attendeesOther: ['Enter an answer'] }],
    ['text over its maximum length', { ...valid, attendees: ['other'], attendeesOther: 'x'.repeat(21) }, { attendeesOther: ['Answer must be 20 characters or fewer'] }],
    ['a date that is not a real date', { ...valid, seenOn: '2025-02-29' }, { seenOn: ['Date must be a real date'] }],
    ['a date in dd/mm/yyyy is refused', { ...valid, seenOn: '10/03/2025' }, { seenOn: ['Date must be a real date'] }],
    ['a date in the future where not allowed', { ...valid, seenOn: '2025-03-11' }, { seenOn: ['Date must be today or in the past'] }],
    ['an answer to a question not on the form', { ...valid, shoeSize: '5' }, { shoeSize: ['This question is not on the form'] }],
    ['the teenager section is required at 14', { ...valid, sexuallyActive: undefined }, { sexuallyActive: ['Select an answer'] }],
    ['follow-up required for a sexually active 14-year-old', { ...valid, sexuallyActive: 'yes' }, { cseFollowUp: ['Enter an answer'] }],
  ])('%s', (_, answers, fieldErrors) => {
    expect(validateAnswers({ form, answers, context })).toEqual({ valid: false, fieldErrors });
  });

  test.each<[string, Answers, number]>([
    ['hidden section questions are not required for a 10-year-old', { ...valid, sexuallyActive: undefined }, 10],
    ['an answer to a hidden question is ignored, not validated', { ...valid, consentGiven: 'yes', refusal: '' }, 14],
    ['an optional field may be empty', { ...valid, note: '' }, 14],
    ['follow-up not required for a sexually active 12-year-old under this test form (needs 13+)', { ...valid, sexuallyActive: 'yes' }, 12],
  ])('%s', (_, answers, ageYears) => {
    expect(validateAnswers({ form, answers, context: { ageYears, today: '2025-03-10' } }).valid).toBe(true);
  });
});

describe('checkFormDefinition: a sound definition has no problems', () => {
  test('the test form is sound', () => {
    expect(checkFormDefinition(form)).toEqual([]);
  });

  test('duplicate ids, empty options and unknown references are reported', () => {
    const broken: FormDefinition = {
      ...form,
      sections: [
        {
          id: 's',
          title: 'S',
          fields: [
            { id: 'a', type: 'radios', label: 'A', required: true, options: [] },
            { id: 'a', type: 'text', label: 'A again', required: false, showWhen: { equals: { field: 'zzz', value: 'x' } } },
          ],
        },
      ],
    };
    expect(checkFormDefinition(broken)).toEqual(['a has no options', 'duplicate field id a', 'a depends on unknown field zzz']);
  });
});

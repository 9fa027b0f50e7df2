import { describe, expect, test } from 'vitest';
import { isVoiceOfChildComplete, voiceOfChildCompleteness } from './voice-of-child.js';

describe('isVoiceOfChildComplete: the child\'s view in their own words, ≥ 10 words (CQC 4.2, rec 1.2)', () => {
  test.each<[string, string | undefined, string | undefined, boolean, string[]]>([
    ['first person, written down word for word', 'I like living with Sam and I want to see my brother more often', 'practitioner_verbatim', true, []],
    ['written by the child themselves, even without "I"', 'Football on Saturdays is the best thing and school is fine now', 'child', true, []],
    ['nothing written', undefined, undefined, false, ['missing']],
    ['only spaces', '   ', 'child', false, ['missing']],
    ['too short', 'I am fine', 'child', false, ['too_short']],
    // The review's failure: the adults' account recorded instead of the child's.
    ['a third-person summary by the practitioner', 'Child was happy and engaged throughout, carer reports sleeping well and eating a good diet', 'practitioner_verbatim', false, ['not_in_own_words']],
    ['third person and too short', 'Child seemed happy', undefined, false, ['too_short', 'not_in_own_words']],
  ])('%s', (_, words, writtenBy, complete, gaps) => {
    const answers = { voiceOfChildInOwnWords: words, voiceOfChildWrittenBy: writtenBy };
    expect(isVoiceOfChildComplete(answers)).toBe(complete);
    expect(voiceOfChildCompleteness(answers).gaps).toEqual(gaps);
  });

  test('"I" inside another word is not first person', () => {
    expect(voiceOfChildCompleteness({ voiceOfChildInOwnWords: 'Interested in trains and is doing well in his maths and his science', voiceOfChildWrittenBy: 'practitioner_verbatim' }).gaps).toEqual(['not_in_own_words']);
  });
});

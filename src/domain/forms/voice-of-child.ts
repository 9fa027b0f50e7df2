import type { Answers } from './form-definition.js';
import { HEALTH_ASSESSMENT_FIELD_IDS } from './definitions/health-assessment-sections.v1.js';

/**
 * The "voice of the child" KPI for IHAs/RHAs: is the child's view recorded in their own words?
 * Source: CQC Bedford 2015 para 4.2 ("did not … clearly articulate the voice of the child, however the
 * reported information from accompanying adults was comprehensively recorded") and recommendation 1.2
 * ("The voice of the child is developed in initial and review health assessments"); issue #4 ("the voice
 * of the child as a required section in the child's own words … whose completeness is a KPI").
 * The thresholds are CLASP policy (`VOICE_OF_CHILD_KPI_VERSION`).
 */
export const VOICE_OF_CHILD_KPI_VERSION = 'clasp-voice-1' as const;

/** Fewest words that count as the child's view rather than a token entry. */
export const VOICE_OF_CHILD_MIN_WORDS = 10;

export const VOICE_OF_CHILD_GAPS = ['missing', 'too_short', 'not_in_own_words'] as const;
export type VoiceOfChildGap = (typeof VOICE_OF_CHILD_GAPS)[number];

const FIRST_PERSON = /\b(i|me|my|mine|myself)\b/i;

/**
 * Why the voice-of-the-child section does or does not count for the KPI:
 * - `missing`: nothing written;
 * - `too_short`: fewer than 10 words;
 * - `not_in_own_words`: not written by the child AND not in the first person ("I …", "my …") — a
 *   practitioner's third-person summary ("Child was happy …") is the failure the review describes.
 * Complete when there is no gap.
 */
export function voiceOfChildCompleteness(answers: Answers): { complete: boolean; gaps: VoiceOfChildGap[]; words: number } {
  const raw = answers[HEALTH_ASSESSMENT_FIELD_IDS.voiceOfChild];
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') return { complete: false, gaps: ['missing'], words: 0 };
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const gaps: VoiceOfChildGap[] = [];
  if (words < VOICE_OF_CHILD_MIN_WORDS) gaps.push('too_short');
  const writtenByChild = answers[HEALTH_ASSESSMENT_FIELD_IDS.voiceOfChildWrittenBy] === 'child';
  if (!writtenByChild && !FIRST_PERSON.test(text)) gaps.push('not_in_own_words');
  return { complete: gaps.length === 0, gaps, words };
}

/**
 * KPI: the voice of the child is recorded — non-empty, at least 10 words, and either written in the
 * first person or marked as written by the child. See `voiceOfChildCompleteness` for the reasons.
 */
export function isVoiceOfChildComplete(answers: Answers): boolean {
  return voiceOfChildCompleteness(answers).complete;
}

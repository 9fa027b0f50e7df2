import type { AssessmentState } from './useAssessment.js';
import { ASSESSMENT_KIND_LABELS, ASSESSMENT_STATUS_LABELS, labelFor } from '../../content/labels.content.js';
import { formatDate } from '../../lib/format.js';
import { lacContent } from './lac.content.js';

/** One line naming the assessment a form is about ("Initial health assessment, due 24 July 2026: requested, not booked."). */
export function AssessmentIntro({ state }: { state: AssessmentState }) {
  if (state.status !== 'ok') return null;
  const { assessment } = state;
  return <p className="nhsuk-body">{lacContent.assessmentLine(labelFor(ASSESSMENT_KIND_LABELS, assessment.kind), formatDate(assessment.dueOn), labelFor(ASSESSMENT_STATUS_LABELS, assessment.status).toLowerCase())}</p>;
}

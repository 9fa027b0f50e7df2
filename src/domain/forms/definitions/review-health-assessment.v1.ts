import type { FormDefinition, FormSection } from '../form-definition.js';
import {
  APPOINTMENT_SECTION,
  ATTENDEES_SECTION,
  CONSENT_SECTION,
  CONTRIBUTIONS_SECTION,
  HEALTH_SECTIONS,
  OUT_OF_AREA_SECTION,
  VOICE_OF_CHILD_SECTION,
} from './health-assessment-sections.v1.js';

/**
 * Review of the previous plan: actions checked and carried forward, previous assessments pulled through.
 * Source: CQC Bedford 2015 para 4.4 ("transfer of targets and checks on previous actions from one plan
 * to the next") and para 4.5 ("previous medical assessments and outcome being pulled through").
 */
const PREVIOUS_PLAN_SECTION: FormSection = {
  id: 'previous_plan',
  title: 'Previous health plan',
  fields: [
    { id: 'previousActionsReviewed', type: 'yesNo', label: 'Were the actions in the previous health plan reviewed?', required: true, requiredMessage: 'Select yes if the previous actions were reviewed' },
    {
      id: 'previousActionsNotReviewedReason',
      type: 'textarea',
      label: 'Why were they not reviewed?',
      required: true,
      showWhen: { equals: { field: 'previousActionsReviewed', value: 'no' } },
      requiredMessage: 'Enter why the previous actions were not reviewed',
    },
    { id: 'changesSinceLastAssessment', type: 'textarea', label: 'Changes since the last assessment, including placement and family health history', required: true, requiredMessage: 'Enter the changes since the last assessment, or that there are none' },
  ],
};

/**
 * Review health assessment (RHA), form version 1 — data, not code. Never edit once shipped: make v2.
 * Same as the IHA without the family and birth history section, plus a review of the previous plan.
 * Source: CPPCR 2010 reg 7 and Schedule 1 para 1 via domain-rules.md §1.1–1.2 ([S]/[C]); CQC Bedford 2015
 * paras 4.2–4.11 and recommendations 1.2, 1.3, 1.4, 3.9; issue #4 "Assessments".
 */
export const REVIEW_HEALTH_ASSESSMENT_V1: FormDefinition = {
  id: 'review-health-assessment',
  version: 1,
  title: 'Review health assessment',
  source: 'CPPCR 2010 reg 7, Sch 1 para 1; CQC Bedford 2015 paras 4.2-4.11, recs 1.2, 1.3, 1.4, 3.9',
  effectiveFrom: '2025-01-01',
  sections: [
    CONSENT_SECTION,
    VOICE_OF_CHILD_SECTION,
    ATTENDEES_SECTION,
    PREVIOUS_PLAN_SECTION,
    ...HEALTH_SECTIONS,
    CONTRIBUTIONS_SECTION,
    APPOINTMENT_SECTION,
    OUT_OF_AREA_SECTION,
  ],
};

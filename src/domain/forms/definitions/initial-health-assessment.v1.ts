import type { FormDefinition } from '../form-definition.js';
import {
  APPOINTMENT_SECTION,
  ATTENDEES_SECTION,
  CONSENT_SECTION,
  CONTRIBUTIONS_SECTION,
  FAMILY_AND_BIRTH_HISTORY_SECTION,
  HEALTH_SECTIONS,
  OUT_OF_AREA_SECTION,
  VOICE_OF_CHILD_SECTION,
} from './health-assessment-sections.v1.js';

/**
 * Initial health assessment (IHA), form version 1 — data, not code. Never edit once shipped: make v2.
 * Source: CPPCR 2010 reg 7 and Schedule 1 para 1 via domain-rules.md §1.1–1.2 ([S]/[C]); CQC Bedford 2015
 * paras 4.2–4.11 and recommendations 1.2, 1.3, 3.9; issue #4 "Assessments".
 */
export const INITIAL_HEALTH_ASSESSMENT_V1: FormDefinition = {
  id: 'initial-health-assessment',
  version: 1,
  title: 'Initial health assessment',
  source: 'CPPCR 2010 reg 7, Sch 1 para 1; CQC Bedford 2015 paras 4.2-4.11, recs 1.2, 1.3, 3.9',
  effectiveFrom: '2025-01-01',
  sections: [
    CONSENT_SECTION,
    VOICE_OF_CHILD_SECTION,
    ATTENDEES_SECTION,
    FAMILY_AND_BIRTH_HISTORY_SECTION,
    ...HEALTH_SECTIONS,
    CONTRIBUTIONS_SECTION,
    APPOINTMENT_SECTION,
    OUT_OF_AREA_SECTION,
  ],
};

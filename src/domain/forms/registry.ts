import type { FormDefinition } from './form-definition.js';
import { INITIAL_HEALTH_ASSESSMENT_V1 } from './definitions/initial-health-assessment.v1.js';
import { REVIEW_HEALTH_ASSESSMENT_V1 } from './definitions/review-health-assessment.v1.js';

/**
 * Every shipped form version. Stored answers record `form_id` + `form_version`, so old versions stay
 * here for as long as records made with them exist. Add new versions; never remove or edit one.
 */
export const FORMS: readonly FormDefinition[] = [INITIAL_HEALTH_ASSESSMENT_V1, REVIEW_HEALTH_ASSESSMENT_V1];

/** The form with this id and version, or null. */
export function getForm({ id, version }: { id: string; version: number }): FormDefinition | null {
  return FORMS.find((form) => form.id === id && form.version === version) ?? null;
}

/** The highest version of the form with this id, or null. */
export function latestForm(id: string): FormDefinition | null {
  return FORMS.filter((form) => form.id === id).reduce<FormDefinition | null>((latest, form) => (latest === null || form.version > latest.version ? form : latest), null);
}

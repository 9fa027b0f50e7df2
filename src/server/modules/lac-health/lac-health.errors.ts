import { createErrorFactory } from '../../shared/app-error.js';

export const createAssessmentNotFoundError = createErrorFactory({ code: 'health_assessments.not_found', statusCode: 404, message: 'Health assessment not found' });
export const createAssessmentClosedError = createErrorFactory({ code: 'health_assessments.closed', statusCode: 409, message: 'This health assessment has already been completed or cancelled' });
export const createNotLookedAfterError = createErrorFactory({ code: 'health_assessments.not_looked_after', statusCode: 409, message: 'This child is not looked after, so no statutory health assessment is due' });
export const createPlanNotSmartError = createErrorFactory({ code: 'health_plans.not_smart', statusCode: 400, message: 'Every action in the health plan must be SMART' });
export const createFormInvalidError = createErrorFactory({ code: 'health_assessments.form_invalid', statusCode: 400, message: 'The assessment form is not complete' });
export const createAssessmentAlreadyOpenError = createErrorFactory({ code: 'health_assessments.already_open', statusCode: 409, message: 'This child already has a health assessment requested or booked. Update that one instead' });

import { createErrorFactory } from '../../shared/app-error.js';

export const createConferenceNotFoundError = createErrorFactory({ code: 'safeguarding_loops.conference_not_found', statusCode: 404, message: 'Child protection conference not found' });
export const createStepNotFoundError = createErrorFactory({ code: 'safeguarding_loops.step_not_found', statusCode: 404, message: 'Step not found' });
export const createReportAlreadyReceivedError = createErrorFactory({ code: 'safeguarding_loops.report_already_received', statusCode: 409, message: 'This service’s report has already been recorded as received' });
export const createNoAcknowledgementNeededError = createErrorFactory({ code: 'safeguarding_loops.no_acknowledgement_needed', statusCode: 409, message: 'This step does not need acknowledging' });
export const createNotYetReceivedError = createErrorFactory({ code: 'safeguarding_loops.not_received', statusCode: 409, message: 'This step cannot be acknowledged before it has been received' });
export const createAlreadyAcknowledgedError = createErrorFactory({ code: 'safeguarding_loops.already_acknowledged', statusCode: 409, message: 'This step has already been acknowledged' });
export const createNotRecipientError = createErrorFactory({ code: 'safeguarding_loops.not_recipient', statusCode: 403, message: 'Only the organisation this was sent to can acknowledge it' });
export const createPlanFiledThroughWorklistError = createErrorFactory({ code: 'safeguarding_loops.acknowledge_in_worklist', statusCode: 409, message: 'A plan is filed by acknowledging the service’s worklist item' });

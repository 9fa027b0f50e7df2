import { createErrorFactory } from '../../shared/app-error.js';

export const createChildNotFoundError = createErrorFactory({ code: 'children.not_found', statusCode: 404, message: 'No child found. The record does not exist or is not available to you' });
export const createNhsNumberTakenError = createErrorFactory({ code: 'children.nhs_number_taken', statusCode: 409, message: 'A child with this NHS number already exists. Search for the child instead of adding a new record' });
export const createLaChildIdTakenError = createErrorFactory({ code: 'children.la_child_id_taken', statusCode: 409, message: 'A child with this local authority child ID already exists' });
export const createPossibleDuplicatesError = createErrorFactory({ code: 'children.possible_duplicates', statusCode: 409, message: 'This child may already have a record. Check the possible matches, then confirm this is a different child' });
export const createEpisodeNotFoundError = createErrorFactory({ code: 'children.episode_not_found', statusCode: 404, message: 'Status episode not found' });
export const createFlagNotFoundError = createErrorFactory({ code: 'children.flag_not_found', statusCode: 404, message: 'Alert not found' });
export const createNotUnbornError = createErrorFactory({ code: 'children.not_unborn', statusCode: 409, message: 'This record is not an unborn child, or the birth has already been recorded' });
export const createPracticeNotFoundError = createErrorFactory({ code: 'cohorts.practice_not_found', statusCode: 404, message: 'GP practice not found' });

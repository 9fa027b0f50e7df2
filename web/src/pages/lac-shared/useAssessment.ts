import { endpoints } from '../../api/endpoints.js';
import type { Assessment, LacHealth } from '../../api/lac-schemas.js';
import { useLoad } from '../../api/useLoad.js';

export type AssessmentState = { status: 'loading' } | { status: 'ok'; assessment: Assessment; health: LacHealth } | { status: 'not-found' } | { status: 'error' };

/** One of the child's health assessments (from the child's LAC health), for the pages that act on it. */
export function useAssessment(childId: string, assessmentId: string): AssessmentState {
  const state = useLoad(() => endpoints.lacHealth(childId), [childId]);
  if (state.status === 'loading') return { status: 'loading' };
  if (state.status === 'not-found' || state.status === 'forbidden') return { status: 'not-found' };
  if (state.status === 'error') return { status: 'error' };
  const assessment = state.data.assessments.find((a) => a.id === assessmentId);
  return assessment ? { status: 'ok', assessment, health: state.data } : { status: 'not-found' };
}

/** `?returnTo=` when it is a page of this app (the worklist sends people back to itself), else the default. */
export function returnPath(search: URLSearchParams, fallback: string): string {
  const to = search.get('returnTo');
  return to && to.startsWith('/') && !to.startsWith('//') && !to.startsWith('/\\') ? to : fallback;
}

import { londonDateOf } from '../../domain/calendar/working-days.js';

export interface Clock {
  now(): Date;
  /** Today's calendar date in England (Europe/London), YYYY-MM-DD. */
  today(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => londonDateOf(Date.now()),
};

export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  return { now: () => new Date(at), today: () => londonDateOf(at.getTime()) };
}

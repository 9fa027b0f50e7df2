export interface Clock {
  now(): Date;
  /** Today's calendar date in England (Europe/London), YYYY-MM-DD. */
  today(): string;
}

const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => londonDate.format(new Date()),
};

export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  return { now: () => new Date(at), today: () => londonDate.format(at) };
}

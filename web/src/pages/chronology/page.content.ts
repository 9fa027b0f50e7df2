import { SERVICE_LABELS as DOMAIN_SERVICE_LABELS } from '../../../../src/domain/safeguarding/event-types.js';
export const content = {
  title: 'Chronology',
  heading: 'Chronology',
  householdHeading: 'Household chronology',
  back: 'Back to the child’s record',
  intro: 'Every significant event across services, newest first. Entries you are not entitled to read show only when they happened and whom to ask.',
  filters: {
    heading: 'Filter the chronology',
    type: 'Type of event',
    typeOption: (label: string, count: number) => `${label} (${count})`,
    service: 'Service',
    significance: 'Significance',
    scope: 'Whose events',
    child: 'This child only',
    household: 'The whole household (children you can see)',
    submit: 'Apply filters',
    clear: 'Clear filters',
  },
  exports: { heading: 'Print or export', csv: 'Download as CSV (spreadsheet)', print: 'Open the print view (for conferences and supervision)' },
  showing: (shown: number, total: number) => `Showing ${shown} of ${total} ${total === 1 ? 'entry' : 'entries'}.`,
  restrictedHidden: (n: number) => `${n} restricted ${n === 1 ? 'entry is' : 'entries are'} not shown: a type or service filter cannot match an entry you may not read.`,
  none: 'No entries match.',
  loadMore: 'Load more entries',
  loadingMore: 'Loading…',
  strip: {
    heading: 'Timeline',
    label: (n: number, from: string, to: string) => `Timeline of ${n} ${n === 1 ? 'entry' : 'entries'} from ${from} to ${to}. The table below lists the same entries.`,
    key: { critical: 'Critical', significant: 'Significant', routine: 'Routine', restricted: 'Restricted entry' },
  },
  table: {
    caption: 'Entries, newest first',
    columns: { when: 'When', event: 'Event', service: 'Service', significance: 'Significance', recorded: 'Recorded by', worklists: 'Sent to' },
    restricted: (whom: string) => `Restricted entry — ask ${whom}`,
    notRouted: 'Not routed',
    worklist: (team: string, state: string) => `${team}: ${state}`,
    escalated: 'escalated',
    outcome: (label: string) => `Outcome: ${label}`,
    household: 'Household event',
  },
  drift: {
    heading: 'Drift',
    intro: 'Findings of the drift rules for this child on your team’s drift list.',
    none: 'No drift found for this child on your team’s drift list.',
    unavailable: 'Drift findings could not be loaded.',
    since: (date: string) => `since ${date}`,
    teamLink: 'Your team’s drift list',
  },
  errors: { failed: 'Sorry, more entries could not be loaded. Try again later' },
} as const;

/** The services to filter by: the domain's labels (one list for server exports and this page). */
export const SERVICE_LABELS: Record<string, string> = Object.fromEntries(Object.entries(DOMAIN_SERVICE_LABELS).filter(([service]) => service !== 'any'));

import { SubNav } from '../../components/index.js';

/** The safeguarding pages of one child: chronology, record an event, ED attendance, MASH referral, loops. */
export function ChildSafeguardingNav({ childId, current }: { childId: string; current: 'chronology' | 'event' | 'ed' | 'mash' | 'loops' | 'conference' }) {
  const base = `/children/${encodeURIComponent(childId)}`;
  const items = [
    { key: 'chronology', href: `${base}/chronology`, text: 'Chronology' },
    { key: 'event', href: `${base}/events/new`, text: 'Record an event' },
    { key: 'ed', href: `${base}/ed-attendance`, text: 'ED attendance' },
    { key: 'mash', href: `${base}/mash-referral`, text: 'MASH referral' },
    { key: 'loops', href: `${base}/loops`, text: 'Closed loops' },
  ] as const;
  return <SubNav label="Safeguarding" heading="Safeguarding pages" items={items.map((item) => ({ href: item.href, text: item.text, current: item.key === current }))} />;
}

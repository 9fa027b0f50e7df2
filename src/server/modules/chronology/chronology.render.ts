import { createHash } from 'node:crypto';
import type { ChronologyEntry, ChronologyFilters } from '../../../contracts/chronology.js';
import { csvLine, detailsText, eventTypeLabel, londonTime, serviceLabel } from './chronology.models.js';

/**
 * The chronology's exports: CSV and a print-styled HTML page for conferences and supervision. Neither
 * holds any content of an entry the reader may not read — the entries arrive already redacted.
 */

export const CSV_HEADER = ['Date and time (UK)', 'Event', 'Service', 'Significance', 'Source', 'Recorded by', 'Role', 'Organisation', 'Summary', 'Details', 'Routed to'] as const;

function routedText(entry: ChronologyEntry): string {
  return entry.worklistItems
    .map((item) => `${item.teamName}: ${item.state}${item.escalated ? ' (escalated)' : ''}${item.outcome ? ` — ${item.outcome.replaceAll('_', ' ')}` : ''}`)
    .join('; ');
}

function restrictedText(entry: ChronologyEntry): string {
  return `Restricted entry — ask ${entry.restricted?.whomToAsk ?? 'the named nurse for safeguarding'}`;
}

/** RFC 4180 with CRLF, a UTF-8 byte-order mark (so spreadsheets read ’ and — correctly), one header line. */
export function renderChronologyCsv(entries: readonly ChronologyEntry[]): string {
  let out = `\uFEFF${csvLine(CSV_HEADER)}`;
  for (const e of entries) {
    if (e.restricted) {
      out += csvLine([londonTime(e.occurredAt), '', '', e.significance, e.source, '', '', '', restrictedText(e), `Restricted category: ${e.restricted.label}`, '']);
      continue;
    }
    out += csvLine([
      londonTime(e.occurredAt),
      e.typeLabel,
      e.serviceLabel,
      e.significance,
      e.source,
      e.recorder?.name,
      e.recorder?.roleLabel,
      e.organisation,
      e.summary,
      detailsText(e.details),
      routedText(e),
    ]);
  }
  return out;
}

export function escapeHtml(text: string | null | undefined): string {
  return (text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The page's only styles. The route allows exactly this text by its hash in the page's CSP. */
export const PRINT_STYLE = `
@page { size: A4 landscape; margin: 12mm; }
body { font-family: Arial, Helvetica, sans-serif; font-size: 10pt; color: #212b32; margin: 16px; }
h1 { font-size: 16pt; margin: 0 0 4px; }
.marking { font-weight: bold; text-transform: uppercase; letter-spacing: 0.05em; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0 12px; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #768692; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #e8edee; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
tr.critical td:first-child { border-left: 4px solid #d5281b; }
tr.restricted td { background: #f0f4f5; font-style: italic; }
.details { color: #4c6272; font-size: 9pt; }
footer { margin-top: 12px; font-size: 9pt; color: #4c6272; }
@media print { body { margin: 0; } a { color: inherit; text-decoration: none; } }
`;

export const PRINT_STYLE_HASH = `sha256-${createHash('sha256').update(PRINT_STYLE, 'utf8').digest('base64')}`;

function filtersText(filters: ChronologyFilters): string {
  const parts: string[] = [];
  if (filters.type?.length) parts.push(`Event: ${filters.type.map(eventTypeLabel).join(', ')}`);
  if (filters.service?.length) parts.push(`Service: ${filters.service.map(serviceLabel).join(', ')}`);
  if (filters.significance?.length) parts.push(`Significance: ${filters.significance.join(', ')}`);
  if (filters.from) parts.push(`From: ${filters.from}`);
  if (filters.to) parts.push(`To: ${filters.to}`);
  return parts.length ? parts.join('; ') : 'None — every entry';
}

export function renderChronologyHtml({
  child,
  generatedBy,
  generatedAt,
  filters,
  entries,
}: {
  child: { name: string; nhsNumber: string | null; dateOfBirth: string | null };
  generatedBy: { name: string; roleLabel: string };
  generatedAt: Date;
  filters: ChronologyFilters;
  entries: readonly ChronologyEntry[];
}): { html: string; styleHash: string } {
  const restricted = entries.filter((e) => e.restricted).length;
  const rows = entries
    .map((e) => {
      if (e.restricted)
        return `<tr class="restricted${e.significance === 'critical' ? ' critical' : ''}"><td>${escapeHtml(londonTime(e.occurredAt))}</td><td colspan="4">Restricted entry (${escapeHtml(e.restricted.label)}) — ask ${escapeHtml(e.restricted.whomToAsk)}</td><td>${escapeHtml(e.significance)}</td><td></td></tr>`;
      const details = detailsText(e.details);
      const recorder = e.recorder ? `${e.recorder.name} (${e.recorder.roleLabel})` : '';
      return `<tr${e.significance === 'critical' ? ' class="critical"' : ''}><td>${escapeHtml(londonTime(e.occurredAt))}</td><td>${escapeHtml(e.typeLabel)}</td><td>${escapeHtml(e.serviceLabel)}${e.organisation ? `<br>${escapeHtml(e.organisation)}` : ''}</td><td>${escapeHtml(e.summary)}${details ? `<div class="details">${escapeHtml(details)}</div>` : ''}</td><td>${escapeHtml(recorder)}</td><td>${escapeHtml(e.significance)}</td><td>${escapeHtml(routedText(e))}</td></tr>`;
    })
    .join('\n');
  const html = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chronology: ${escapeHtml(child.name)}</title>
<style>${PRINT_STYLE}</style>
</head>
<body>
<p class="marking">Official-sensitive: personal and safeguarding information</p>
<h1>Chronology: ${escapeHtml(child.name)}</h1>
<dl class="meta">
<dt>NHS number</dt><dd>${escapeHtml(child.nhsNumber ?? 'Not known')}</dd>
<dt>Date of birth</dt><dd>${escapeHtml(child.dateOfBirth ?? 'Unborn')}</dd>
<dt>Filters</dt><dd>${escapeHtml(filtersText(filters))}</dd>
<dt>Entries</dt><dd>${entries.length}${restricted ? ` (${restricted} restricted: their content is not shown to your role)` : ''}</dd>
<dt>Generated by</dt><dd>${escapeHtml(generatedBy.name)} (${escapeHtml(generatedBy.roleLabel)})</dd>
<dt>Generated at</dt><dd>${escapeHtml(londonTime(generatedAt))} (UK time)</dd>
</dl>
<table>
<thead><tr><th scope="col">Date and time</th><th scope="col">Event</th><th scope="col">Service</th><th scope="col">What happened</th><th scope="col">Recorded by</th><th scope="col">Significance</th><th scope="col">Routed to</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="7">No entries match these filters.</td></tr>'}
</tbody>
</table>
<footer>Printed from CLASP. Newest first. This copy was correct when it was generated; check CLASP for later entries. Store and destroy it as your organisation’s information governance policy requires.</footer>
</body>
</html>
`;
  return { html, styleHash: PRINT_STYLE_HASH };
}

import { CONFIDENTIALITY, CONFIDENTIALITY_CATEGORIES, canSeeContent, type ConfidentialityCategory } from '../../../domain/access/confidentiality.js';
import { isRoleId, ROLES, type RoleId } from '../../../domain/access/roles.js';
import { EVENT_TYPE_DEFINITIONS, type EventType, SERVICE_LABELS } from '../../../domain/safeguarding/event-types.js';

/**
 * Pure helpers of the chronology: which categories a reader may read, what a restricted entry says,
 * the keyset cursor, labels, and CSV cells that a spreadsheet cannot run as formulas.
 */

/**
 * The categories whose content this role may read in a chronology. A category that needs a fresh
 * re-authentication (step-up, e.g. sealed identity) is readable only by an entitled role that stepped up in
 * the last 10 minutes (#5, canSeeContent); without a step-up it fails closed and shows the entry as restricted.
 */
export function readableCategories(role: RoleId, stepUp: { steppedUpAt: Date | null | undefined; now: Date } = { steppedUpAt: null, now: new Date(0) }): ConfidentialityCategory[] {
  return CONFIDENTIALITY_CATEGORIES.filter((category) => canSeeContent({ role, category, ...stepUp }));
}

/** What a reader who may not read the entry sees instead (an unknown stored category fails closed). */
export function restrictionFor(category: string): { category: string; label: string; whomToAsk: string } {
  const definition = (CONFIDENTIALITY as Record<string, (typeof CONFIDENTIALITY)[ConfidentialityCategory] | undefined>)[category];
  if (!definition || category === 'standard') return { category, label: 'Restricted', whomToAsk: 'the named nurse for safeguarding' };
  return { category, label: definition.label, whomToAsk: definition.whomToAsk };
}

export function eventTypeLabel(type: string): string {
  return (EVENT_TYPE_DEFINITIONS as Record<string, { label: string } | undefined>)[type]?.label ?? type;
}


export function serviceLabel(service: string): string {
  return SERVICE_LABELS[service] ?? (service.charAt(0).toUpperCase() + service.slice(1)).replaceAll('_', ' ');
}

export function roleLabel(role: string): string {
  return isRoleId(role) ? ROLES[role].label : role;
}

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_TYPE_DEFINITIONS, type);
}

// ---------------------------------------------------------------------------------------------
// Keyset cursor: the last entry's (occurred_at, id). occurred_at travels as PostgreSQL's own text at
// microsecond precision, so a page boundary between two events in the same millisecond is exact.

export interface ChronologyCursor {
  occurredAt: string;
  id: string;
}

const CURSOR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(cursor: ChronologyCursor): string {
  return Buffer.from(`${cursor.occurredAt}|${cursor.id}`, 'utf8').toString('base64url');
}

/** null when the text is not a cursor this server made. */
export function decodeCursor(text: string): ChronologyCursor | null {
  const decoded = Buffer.from(text, 'base64url').toString('utf8');
  const [occurredAt, id, ...rest] = decoded.split('|');
  if (rest.length > 0 || !occurredAt || !id || !CURSOR_INSTANT.test(occurredAt) || !UUID.test(id)) return null;
  return { occurredAt, id };
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180, CRLF). A cell a spreadsheet would read as a formula (= + - @, or a leading tab or
// carriage return) is prefixed with a single quote (OWASP "CSV injection").

export function csvCell(value: string | null | undefined): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly (string | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** One line of a details object: `key: value; key: value` (nested values as JSON). */
export function detailsText(details: Record<string, unknown> | null): string {
  if (!details) return '';
  return Object.entries(details)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v)}`)
    .join('; ');
}

const londonDateTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

/** 'YYYY-MM-DD HH:MM' in England's local time (what a conference reads). */
export function londonTime(instant: string | Date): string {
  const parts = Object.fromEntries(londonDateTime.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour === '24' ? '00' : parts.hour}:${parts.minute}`;
}

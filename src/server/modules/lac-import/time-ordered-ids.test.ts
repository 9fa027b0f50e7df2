import { describe, expect, test } from 'vitest';
import { timeOrderedUuids } from './time-ordered-ids.js';

describe('timeOrderedUuids (UUID version 7, RFC 9562)', () => {
  test('ids are well-formed v7 UUIDs carrying the time', () => {
    const at = new Date('2025-06-01T12:00:00.123Z');
    const id = timeOrderedUuids(at)();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(at.getTime());
  });

  test('each id sorts after the one before, and none repeat', () => {
    const next = timeOrderedUuids(new Date('2025-06-01T12:00:00Z'));
    const ids = Array.from({ length: 50_000 }, next);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

import { describe, expect, test } from 'vitest';
import { formatImportError } from '../../../domain/lac-import/import-error.js';
import { validateSsda903 } from '../../../domain/lac-import/ssda903.js';
import { generateSsda903Return } from './generate-return.js';

describe('generateSsda903Return (synthetic returns for tests and the benchmark)', () => {
  test('a generated return passes every rule the import checks', () => {
    const files = generateSsda903Return({ children: 1500, seed: 11 });
    const result = validateSsda903({ files, today: '2025-06-01' });
    if (!result.ok) throw new Error(result.errors.slice(0, 20).map(formatImportError).join('\n'));
    expect(result.value.children).toHaveLength(1500);
    // About 3.5 episodes per child, as in the national return (85,000 children, ~300,000 episodes).
    expect(result.value.episodes.length / 1500).toBeGreaterThan(3.2);
    expect(result.value.episodes.length / 1500).toBeLessThan(3.9);
    expect(result.value.reviews.length).toBeGreaterThan(1500);
    expect(result.value.missing.length).toBeGreaterThan(0);
    expect(result.value.oc2.length).toBeGreaterThan(0);
  });

  test('the same seed gives the same files; another seed, others', () => {
    expect(generateSsda903Return({ children: 50, seed: 3 })).toEqual(generateSsda903Return({ children: 50, seed: 3 }));
    expect(generateSsda903Return({ children: 50, seed: 3 })['episodes.csv']).not.toBe(generateSsda903Return({ children: 50, seed: 4 })['episodes.csv']);
  });
});

import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openDatabase, type DatabaseHandle } from './database.js';
import { migrate, readMigrations } from './migrate.js';

let handle: DatabaseHandle | undefined;
afterEach(async () => handle?.close());

describe('migrations', () => {
  test('files are numbered NNNN-verb-object.sql and applied once, in order', async () => {
    const files = readMigrations();
    expect(files.length).toBeGreaterThan(0);
    expect(files.map((f) => f.name)).toEqual([...files.map((f) => f.name)].sort());
    handle = await openDatabase({ dataDir: 'memory://' });
    expect((await migrate(handle.db)).applied).toEqual(files.map((f) => f.name));
    expect((await migrate(handle.db)).applied).toEqual([]);
  });

  test('an applied migration that has since changed stops the run (forward-only)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clasp-migrations-'));
    const source = readMigrations();
    for (const file of source) writeFileSync(join(dir, file.name), file.sql);
    handle = await openDatabase({ dataDir: 'memory://' });
    await migrate(handle.db, dir);
    const first = readdirSync(dir).sort()[0]!;
    writeFileSync(join(dir, first), `${readFileSync(join(dir, first), 'utf8')}\n-- edited after merge\n`);
    await expect(migrate(handle.db, dir)).rejects.toThrow(/forward-only/);
  });
});

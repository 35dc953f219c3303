import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const frontend = path.resolve(import.meta.dirname, '../..');

describe('generated API types', () => {
  it('match the committed openapi.yaml (run `npm run generate-api` when this fails)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'api-schema-'));
    try {
      const fresh = path.join(dir, 'api-schema.d.ts');
      execFileSync(path.join(frontend, 'node_modules/.bin/openapi-typescript'), ['../openapi.yaml', '-o', fresh], {
        cwd: frontend,
        stdio: 'pipe',
      });
      const committed = readFileSync(path.join(frontend, 'src/lib/api-schema.d.ts'), 'utf8');
      expect(readFileSync(fresh, 'utf8') === committed, 'src/lib/api-schema.d.ts is stale: run `npm run generate-api`').toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

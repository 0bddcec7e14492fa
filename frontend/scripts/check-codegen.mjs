#!/usr/bin/env node
// Fails when the committed src/gql/ is stale compared with the GraphQL schema
// (SCHEMA_PATH, default ../schema.graphql) and the documents in src/.
//
// It runs graphql-codegen into a temporary directory (via CODEGEN_OUT_DIR, read
// by codegen.ts) and compares that output, file by file, with src/gql/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const committedDir = join(root, 'src', 'gql');
const schemaPath = resolve(root, process.env.SCHEMA_PATH ?? '../schema.graphql');

if (!existsSync(schemaPath)) {
  console.error(`codegen:check: schema not found at ${schemaPath} (set SCHEMA_PATH to override)`);
  process.exit(2);
}

const bin = join(root, 'node_modules', '.bin', 'graphql-codegen');
if (!existsSync(bin)) {
  console.error('codegen:check: graphql-codegen is not installed; run `npm ci` first');
  process.exit(2);
}

/** @param {string} dir @returns {Map<string, string>} relative path -> contents */
function readTree(dir) {
  const files = new Map();
  if (!existsSync(dir)) return files;
  const walk = (current) => {
    for (const name of readdirSync(current).sort()) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(dir, full).split('\\').join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

/** First differing line, to make the failure readable. */
function firstDifference(expected, actual) {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if (a[i] !== b[i]) {
      return `    line ${i + 1}:\n      committed: ${JSON.stringify(b[i] ?? '<none>')}\n      expected:  ${JSON.stringify(a[i] ?? '<none>')}`;
    }
  }
  return '';
}

const tempDir = mkdtempSync(join(tmpdir(), 'pixvault-codegen-'));
let exitCode = 0;
try {
  const result = spawnSync(bin, ['--config', 'codegen.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, CODEGEN_OUT_DIR: `${tempDir}/` },
  });
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    console.error(`codegen:check: graphql-codegen failed (exit ${result.status ?? result.signal})`);
    exitCode = 2;
  } else {
    const expected = readTree(tempDir);
    const committed = readTree(committedDir);
    const problems = [];
    for (const [path, contents] of expected) {
      if (!committed.has(path)) problems.push(`  missing: src/gql/${path}`);
      else if (committed.get(path) !== contents)
        problems.push(`  stale:   src/gql/${path}\n${firstDifference(contents, committed.get(path))}`);
    }
    for (const path of committed.keys()) {
      if (!expected.has(path)) problems.push(`  extra:   src/gql/${path}`);
    }
    if (problems.length > 0) {
      console.error(
        `codegen:check: src/gql/ is out of date with ${relative(root, schemaPath)}:\n${problems.join('\n')}\n` +
          'Run `npm run codegen` in frontend/ and commit the result.',
      );
      exitCode = 1;
    } else {
      console.log(`codegen:check: src/gql/ is up to date (${expected.size} files).`);
    }
  }
} finally {
  rmSync(tempDir, { recursive: true, force: true });
}
process.exit(exitCode);

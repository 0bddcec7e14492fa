#!/usr/bin/env node
// Writes the persisted-query manifest of the web app's documents: {sha256: document} for
// every operation codegen generated in src/gql/graphql.ts, printed exactly as the web app
// sends it (graphql-js `print`, src/lib/graphql.ts). The backend ships it
// (backend/pixvault/graph/persisted-queries.json) and, with PIXVAULT_PERSISTED_QUERIES=only,
// runs nothing else.
//
//   node scripts/persisted-queries.mjs            write the manifest
//   node scripts/persisted-queries.mjs --check    fail when the committed one is stale
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { print } from 'graphql';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const generated = readFileSync(resolve(root, 'src/gql/graphql.ts'), 'utf8');
const target = resolve(
  root,
  process.env.PERSISTED_QUERIES_OUT ?? '../backend/pixvault/graph/persisted-queries.json',
);

const documents = {};
const pattern = /^export const \w+Document = (\{.*\}) as unknown as DocumentNode<.*>;$/gm;
for (const match of generated.matchAll(pattern)) {
  const text = print(JSON.parse(match[1]));
  documents[createHash('sha256').update(text).digest('hex')] = text;
}
if (Object.keys(documents).length === 0) {
  console.error('persisted-queries: no documents found in src/gql/graphql.ts');
  process.exit(2);
}
const sorted = Object.fromEntries(Object.entries(documents).sort(([a], [b]) => a.localeCompare(b)));
const manifest = `${JSON.stringify(sorted, null, 1)}\n`;

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // missing: stale
  }
  if (committed !== manifest) {
    console.error(`persisted-queries: ${target} is stale; run npm run persisted-queries`);
    process.exit(1);
  }
  console.log(`persisted-queries: ${Object.keys(sorted).length} documents, up to date`);
} else {
  writeFileSync(target, manifest);
  console.log(`persisted-queries: wrote ${Object.keys(sorted).length} documents to ${target}`);
}

#!/usr/bin/env node
// Import boundaries of the web app (CONTRIBUTING.md, "Add a page"), which Biome cannot say
// per folder for relative paths:
//   - a feature (src/features/<area>/) imports its own files, components/, lib/ and gql/, and
//     another feature only through that feature's index.ts (its public face), never its
//     internals; never the app shell;
//   - components/ and lib/ (shared) import only each other and gql/;
//   - tests (*.test.ts[x]) may also import the app shell and src/test/, to render the app.
// Exits 1 and lists each import that crosses a boundary.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
const SHARED = ['components', 'lib', 'gql'];

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (/\.tsx?$/.test(entry.name)) yield path;
  }
}

/** 'features/admin', 'components', 'app', … : the part of src a file belongs to. */
function area(path) {
  const parts = relative(src, path).split('/');
  const folder = existsSync(path) && statSync(path).isDirectory();
  if (parts.length === 1 && !folder) return 'root'; // main.tsx, apiGuideExample.ts: entry points
  return parts[0] === 'features' ? `features/${parts[1]}` : parts[0];
}

export function violations() {
  const found = [];
  const importPattern = /(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g;
  for (const file of sources(src)) {
    const from = area(file);
    if (from === 'gql') continue;
    const isTest = /\.test\.tsx?$/.test(file) || from === 'test';
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(importPattern)) {
      const target = resolve(dirname(file), spec);
      const to = area(target);
      if (to === from || SHARED.includes(to)) continue;
      const publicFace = to.startsWith('features/') && relative(src, target).replace(/\/index$/, '') === to;
      if (publicFace && from.startsWith('features/')) continue;
      if (isTest && (to === 'app' || to === 'test')) continue;
      if (from === 'app' || from === 'root') continue; // the shell and entry points compose it all
      found.push(`${relative(src, file)} imports ${spec} (${from} may not import ${to})`);
    }
  }
  return found;
}

const found = violations();
if (found.length > 0) {
  console.error(`import boundaries: ${found.length} import(s) cross a boundary:`);
  for (const line of found) console.error(`  ${line}`);
  process.exit(1);
}
console.log('import boundaries: features import themselves, components/, lib/, gql/ and other features only by their index.ts');

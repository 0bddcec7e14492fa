#!/usr/bin/env node
// Copies GraphiQL's browser files out of their npm packages into backend/pixvault/graphiql/,
// so /graphql serves the IDE offline (no CDN). The versions and files are exactly those that
// Strawberry's GraphiQL page names (with their integrity hashes, which the browser checks);
// each file lands at <package>@<version>/<path>, the path the page asks /graphql/ide/ for.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const FILES = {
  'react@18.2.0': ['umd/react.production.min.js'],
  'react-dom@18.2.0': ['umd/react-dom.production.min.js'],
  'js-cookie@3.0.5': ['dist/js.cookie.min.js'],
  'graphiql@3.8.3': ['graphiql.min.css', 'graphiql.min.js'],
  '@graphiql/plugin-explorer@1.0.2': ['dist/style.css', 'dist/index.umd.js'],
};

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = resolve(root, process.env.GRAPHIQL_ASSETS_DIR ?? 'backend/pixvault/graphiql');
const wanted = Object.entries(FILES).flatMap(([spec, paths]) => paths.map((p) => join(target, spec, p)));
if (wanted.every((file) => existsSync(file)) && !process.argv.includes('--force')) {
  console.log(`graphiql-assets: ${target} is complete`);
  process.exit(0);
}
const work = mkdtempSync(join(tmpdir(), 'graphiql-assets-'));
try {
  for (const [spec, paths] of Object.entries(FILES)) {
    const [{ filename }] = JSON.parse(
      execFileSync('npm', ['pack', spec, '--json', '--pack-destination', work], { encoding: 'utf8' }),
    );
    const unpacked = join(work, spec.replace('/', '_'));
    mkdirSync(unpacked, { recursive: true });
    execFileSync('tar', ['-xzf', join(work, filename), '-C', unpacked]);
    for (const path of paths) {
      const destination = join(target, spec, path);
      mkdirSync(dirname(destination), { recursive: true });
      copyFileSync(join(unpacked, 'package', path), destination);
    }
  }
  console.log(`graphiql-assets: wrote ${wanted.length} files to ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * Starts a live Pixvault server for the end-to-end tests: a fresh temporary data directory
 * (SQLite, outbox), `pixvault migrate`, staff accounts from `pixvault create-user`, then
 * `pixvault serve` on a free port. The built web app must already be in the package's static
 * folder (`npm run test:e2e` runs `npm run build` first).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ADMIN, PRIVACY_OFFICER, SUPPORT } from './accounts';
import { FAKE_STRIPE_API_KEY, FAKE_STRIPE_WEBHOOK_SECRET, startFakeStripe } from './fakeStripe';
import { codeAt, currentStep, remember } from './totp';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    dataDir: string;
  }
}

const root = resolve(import.meta.dirname, '..');
const pixvault = process.env.PIXVAULT_BIN ?? resolve(root, '../.venv/bin/pixvault');

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function run(args: string[], env: NodeJS.ProcessEnv, input?: string): string {
  const result = spawnSync(pixvault, args, { env, encoding: 'utf8', input });
  if (result.status !== 0) {
    throw new Error(`pixvault ${args[0]} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

async function waitForHealth(url: string, server: ChildProcess, logs: () => string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`pixvault serve exited early:\n${logs()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`pixvault serve did not become healthy in 30 s:\n${logs()}`);
}

async function call(
  baseURL: string,
  query: string,
  variables: Record<string, unknown>,
  cookie = '',
): Promise<{ body: { data: Record<string, Record<string, unknown>> }; cookie: string }> {
  const response = await fetch(`${baseURL}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'pixvault', Cookie: cookie },
    body: JSON.stringify({ query, variables }),
  });
  const set = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { body: (await response.json()) as { data: Record<string, Record<string, unknown>> }, cookie: set || cookie };
}

async function setUpSecondFactor(baseURL: string, dataDir: string, email: string, password: string) {
  const logIn = await call(
    baseURL,
    'mutation($i: LogInInput!) { logIn(input: $i) { errors { kind } } }',
    { i: { email, password } },
  );
  const begin = await call(baseURL, 'mutation { beginTwoFactorSetup { secret } }', {}, logIn.cookie);
  const seed = String(begin.body.data['beginTwoFactorSetup']!['secret']);
  const step = currentStep();
  const enable = await call(
    baseURL,
    'mutation($c: String!) { enableTwoFactor(code: $c) { errors { kind } } }',
    { c: codeAt(seed, step) },
    logIn.cookie,
  );
  const errors = enable.body.data['enableTwoFactor']!['errors'] as unknown[];
  if (errors.length > 0) throw new Error(`two-factor set-up of ${email} failed: ${JSON.stringify(errors)}`);
  remember(dataDir, email, seed, step);
}

export default async function setup(project: TestProject) {
  if (!existsSync(pixvault)) {
    throw new Error(`${pixvault} not found: run \`make install\` (or uv sync) at the repository root`);
  }
  if (!existsSync(resolve(root, '../backend/pixvault/static/index.html'))) {
    throw new Error('the web app is not built: run `npm run build` first');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'pixvault-e2e-'));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  // payments through a local fake Stripe (e2e/fakeStripe.ts), never the real one
  const stripe = await startFakeStripe(baseURL);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PIXVAULT_ENV: 'development',
    PIXVAULT_DATA_DIR: dataDir,
    PIXVAULT_PUBLIC_URL: baseURL,
    PIXVAULT_LOG_LEVEL: 'WARNING',
    // Each browser context sends its own X-Forwarded-For (e2e/browser.ts newContext).
    PIXVAULT_TRUSTED_PROXIES: '127.0.0.1',
    PIXVAULT_STRIPE_API_KEY: FAKE_STRIPE_API_KEY,
    PIXVAULT_STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_WEBHOOK_SECRET,
    PIXVAULT_STRIPE_API_BASE: stripe.url,
    PIXVAULT_SUPERVISORY_AUTHORITY_NAME: 'Data Protection Authority of Testland',
    PIXVAULT_SUPERVISORY_AUTHORITY_URL: 'https://dpa.example.org',
  };
  for (const key of ['PIXVAULT_DATABASE_URL', 'PIXVAULT_REDIS_URL', 'PIXVAULT_STORAGE_URL', 'PIXVAULT_SMTP_URL']) {
    delete env[key];
  }

  const t0 = Date.now();
  const log = (m: string) => process.env.PIXVAULT_E2E_DEBUG && console.log(`[e2e setup +${Date.now() - t0}ms] ${m}`);
  log('migrate');
  run(['migrate'], env);
  log('migrated');
  for (const account of [ADMIN, SUPPORT, PRIVACY_OFFICER]) {
    run(
      [
        'create-user',
        '--email', account.email,
        '--name', account.name,
        '--password-stdin',
        ...account.roles.flatMap((role) => ['--role', role]),
      ],
      env,
      `${account.password}\n`,
    );
  }

  let output = '';
  const server = spawn(pixvault, ['serve', '--host', '127.0.0.1', '--port', String(port)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  log('serving');
  await waitForHealth(baseURL, server, () => output);
  log('healthy');
  // Staff roles answer only with two-factor log-in on: set it up for each staff account.
  for (const account of [ADMIN, SUPPORT, PRIVACY_OFFICER]) {
    await setUpSecondFactor(baseURL, dataDir, account.email, account.password);
  }
  log('second factors set up');

  project.provide('baseURL', baseURL);
  project.provide('dataDir', dataDir);

  return async () => {
    server.kill('SIGTERM');
    await new Promise<void>((r) => {
      if (server.exitCode !== null) r();
      else {
        const timer = setTimeout(() => {
          server.kill('SIGKILL');
          r();
        }, 5_000);
        server.once('exit', () => {
          clearTimeout(timer);
          r();
        });
      }
    });
    await stripe.close();
    if (!process.env.PIXVAULT_E2E_KEEP) rmSync(dataDir, { recursive: true, force: true });
  };
}

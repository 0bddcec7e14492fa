/**
 * The tests' authenticator app: RFC 6238 codes (HMAC-SHA1, 6 digits, 30-second steps), as the
 * server computes them. A code is accepted once, so `nextCode` never hands out a step it has
 * used before (it moves to the next step, which the server's ±1 tolerance accepts); the steps
 * used are kept in a file of the data directory, so test files share them.
 */
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const STEP_SECONDS = 30;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Decode(seed: string): Buffer {
  let bits = '';
  for (const char of seed.replace(/=+$/, '').toUpperCase()) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) throw new Error(`not base32: ${char}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

export function currentStep(): number {
  return Math.floor(Date.now() / 1000 / STEP_SECONDS);
}

export function codeAt(seed: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(seed)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, '0');
}

interface Entry {
  seed: string;
  lastStep: number;
}

const file = (dataDir: string) => join(dataDir, 'second-factors.json');

function load(dataDir: string): Record<string, Entry> {
  return existsSync(file(dataDir)) ? (JSON.parse(readFileSync(file(dataDir), 'utf8')) as Record<string, Entry>) : {};
}

/** Remember the seed of `email`'s authenticator app (and the step its set-up used). */
export function remember(dataDir: string, email: string, seed: string, lastStep: number): void {
  const all = load(dataDir);
  all[email] = { seed, lastStep };
  writeFileSync(file(dataDir), JSON.stringify(all));
}

export function hasSecondFactor(dataDir: string, email: string): boolean {
  return email in load(dataDir);
}

/** A code the server has not seen yet for `email`, waiting for the next step if need be. */
export async function nextCode(dataDir: string, email: string): Promise<string> {
  const all = load(dataDir);
  const entry = all[email];
  if (!entry) throw new Error(`no second factor known for ${email}`);
  while (entry.lastStep + 1 > currentStep() + 1) {
    await new Promise((r) => setTimeout(r, 1000));
  }
  const step = Math.max(currentStep(), entry.lastStep + 1);
  entry.lastStep = step;
  writeFileSync(file(dataDir), JSON.stringify(all));
  return codeAt(entry.seed, step);
}

/** The emails the server under test writes to its outbox (DATA_DIR/outbox, one file each), for
 * the flows that read an email and follow its links. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { dataDir } from './harness';

/** Quoted-printable undone: soft line breaks, then =XX escapes. */
export function decode(message: string): string {
  return message
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The text of the newest email to `to` whose subject is `subject` (or matches it), waiting
 * for it to be written. */
export async function emailTo(to: string, subject: string | RegExp): Promise<string> {
  const outbox = join(dataDir, 'outbox');
  const matches = (text: string) =>
    typeof subject === 'string' ? text.includes(`Subject: ${subject}`) : subject.test(text);
  let found: string | undefined;
  await expect
    .poll(
      () => {
        found = readdirSync(outbox)
          .map((name) => join(outbox, name))
          .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
          .map((path) => decode(readFileSync(path, 'utf8')))
          .filter((text) => text.includes(`To: ${to}`) && matches(text))
          .at(-1);
        return found !== undefined;
      },
      { timeout: 30_000, interval: 250 },
    )
    .toBe(true);
  return found!;
}

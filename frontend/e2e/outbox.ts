/** The emails the server under test writes to its outbox (DATA_DIR/outbox, one file each), for
 * the flows that read an email and follow its links. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import catalogue from './emailKinds.json';
import { baseURL, dataDir, PATIENCE } from './harness';

/** Quoted-printable undone: soft line breaks, then =XX escapes. */
export function decode(message: string): string {
  return message
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Every email to `to` written so far, oldest first, decoded. */
export function emailsTo(to: string): string[] {
  const outbox = join(dataDir, 'outbox');
  let names: string[] = [];
  try {
    names = readdirSync(outbox);
  } catch {
    return []; // nothing sent yet
  }
  return names
    .map((name) => join(outbox, name))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
    .map((path) => decode(readFileSync(path, 'utf8')))
    .filter((text) => text.includes(`To: ${to}`));
}

/** The text of the newest email to `to` whose subject is `subject` (or matches it), waiting
 * for it to be written. */
export async function emailTo(to: string, subject: string | RegExp): Promise<string> {
  const matches = (text: string) =>
    typeof subject === 'string' ? text.includes(`Subject: ${subject}`) : subject.test(text);
  let found: string | undefined;
  await expect
    .poll(
      () => {
        found = emailsTo(to).filter(matches).at(-1);
        return found !== undefined;
      },
      { timeout: PATIENCE, interval: 250 },
    )
    .toBe(true);
  return found!;
}

/** The links in the body to this site (not the headers: List-Unsubscribe is for mail clients,
 * not people). */
export function linksToUs(message: string): string[] {
  const body = message.slice(message.search(/\r?\n\r?\n/));
  const links = body.match(/https?:\/\/[^\s"<>]+/g) ?? [];
  return [...new Set(links.filter((link) => link.startsWith(baseURL)))];
}

/** Opens a link; it must load a page of the app that is not "not found". */
export async function opensAPage(page: Page, link: string): Promise<void> {
  const response = await page.goto(link);
  expect(response?.status(), link).toBe(200);
  await page
    .getByRole('heading', { level: 1 })
    .first()
    .waitFor()
    .catch((error: unknown) => {
      throw new Error(`${link} shows no page heading (now at ${page.url()}): ${String(error)}`);
    });
  expect(await page.getByText('Page not found').count(), link).toBe(0);
}

/** Reads emails and opens their links, keeping the kinds it followed, so that a flow file can
 * check it followed every kind emailKinds.json gives it. */
export class EmailFollower {
  private readonly followed = new Set<string>();
  private readonly page: () => Page;

  constructor(page: () => Page) {
    this.page = page;
  }

  /** Reads the newest email to `to` with `subject`, opens every link in its body to this site
   * unless `open` is false, and returns the email and its links. */
  async follow(kind: string, to: string, subject: string, open = true): Promise<{ message: string; links: string[] }> {
    const message = await emailTo(to, subject);
    const links = linksToUs(message);
    if (open) for (const link of links) await opensAPage(this.page(), link);
    this.followed.add(kind);
    return { message, links };
  }

  /** Checks this follower read every kind the catalogue assigns to `file`. */
  followedEveryKindOf(file: string): void {
    const mine = Object.entries(catalogue)
      .filter(([, owner]) => owner === file)
      .map(([kind]) => kind);
    expect([...this.followed].sort()).toEqual(mine.sort());
  }
}

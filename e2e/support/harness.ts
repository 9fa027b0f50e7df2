import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { startServer } from '../../src/server/start.js';
import { WEB_DIST } from './global-setup.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

type Server = Awaited<ReturnType<typeof startServer>>;

/**
 * One in-process server (in-memory database, demo borough) and one headless Chromium that may talk
 * to nothing but that server. Every request elsewhere is aborted and recorded, and so is every CSP
 * violation, uncaught page error or unexpected console error; `assertClean()` fails the test on any.
 */
export class Harness {
  readonly blockedRequests: string[] = [];
  readonly pageProblems: string[] = [];
  readonly axeChecked: string[] = [];
  private constructor(
    readonly server: Server,
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly profileDir: string,
  ) {}

  static async start(): Promise<Harness> {
    const server = await startServer({ dataDir: 'memory://', host: '127.0.0.1', port: 0, demo: true, webDistDir: WEB_DIST });
    const profileDir = mkdtempSync(join(tmpdir(), 'chromium-'));
    let context: BrowserContext;
    try {
      context = await chromium.launchPersistentContext(profileDir, {
        executablePath: CHROMIUM,
        headless: true,
        viewport: { width: 1280, height: 900 },
        locale: 'en-GB',
        timezoneId: 'Europe/London',
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
    } catch (error) {
      await server.close();
      rmSync(profileDir, { recursive: true, force: true });
      throw error;
    }
    const page = context.pages()[0] ?? (await context.newPage());
    const harness = new Harness(server, context, page, profileDir);
    await harness.watch();
    return harness;
  }

  get origin(): string {
    return new URL(this.server.url).origin;
  }

  private async watch(): Promise<void> {
    const origin = this.origin;
    await this.context.route('**/*', async (route) => {
      const url = route.request().url();
      let allowed = false;
      try {
        allowed = new URL(url).origin === origin;
      } catch {
        allowed = false;
      }
      if (allowed) return route.continue();
      this.blockedRequests.push(url);
      return route.abort('blockedbyclient');
    });
    this.page.on('pageerror', (error) => this.pageProblems.push(`page error: ${error.message}`));
    this.page.on('console', (message) => {
      const text = message.text();
      if (/Content Security Policy|Refused to (load|apply|execute|connect|evaluate)/i.test(text)) this.pageProblems.push(`CSP: ${text}`);
      else if (message.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(text)) this.pageProblems.push(`console error: ${text}`);
    });
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    await this.server.close().catch(() => undefined);
    rmSync(this.profileDir, { recursive: true, force: true });
  }

  /** No third-party request was attempted, no CSP violation, no page error. */
  assertClean(): void {
    const blocked = this.blockedRequests.splice(0);
    const problems = this.pageProblems.splice(0);
    expect(blocked, 'requests to anywhere but the test server').toEqual([]);
    expect(problems, 'CSP violations, page errors and console errors').toEqual([]);
  }

  /** Run axe (WCAG 2.0/2.1/2.2 A and AA) on the page as it is now; fail on any violation. */
  async checkA11y(label: string): Promise<void> {
    const results = await new AxeBuilder({ page: this.page }).withTags(AXE_TAGS).analyze();
    const summary = results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(' ')} :: ${node.failureSummary ?? ''}`),
    }));
    expect(summary, `axe violations on ${label} (${this.page.url()})`).toEqual([]);
    this.axeChecked.push(label);
    // CLASP_E2E_SCREENSHOTS=dir: keep a picture of every checked page, to look at.
    const dir = process.env.CLASP_E2E_SCREENSHOTS;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      await this.page.screenshot({ path: join(dir, `${String(this.axeChecked.length).padStart(2, '0')}-${label.replace(/[^a-z0-9]+/gi, '-')}.png`), fullPage: true });
    }
  }

  /** Wait for the page to settle: no "Loading…" left and an h1 on screen. */
  async settled(): Promise<void> {
    await this.page.waitForSelector('#maincontent h1');
    await this.page.waitForFunction(() => !document.querySelector('#maincontent [data-loading]'));
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(new URL(path, this.server.url).toString());
    await this.settled();
  }

  async signIn(username: string): Promise<void> {
    await this.context.clearCookies();
    await this.goto('/sign-in');
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password', { exact: true }).fill(this.server.demoPassword);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.waitForURL((url) => url.pathname !== '/sign-in');
    await this.settled();
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await this.page.waitForURL((url) => url.pathname === '/sign-in');
    await this.settled();
  }
}

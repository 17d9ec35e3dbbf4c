// Debian's Chromium driven by playwright-core (which downloads no browser).
import { chromium } from 'playwright-core';
import { chromiumPath } from './paths.mjs';

const ARGS = [
  '--no-sandbox', // we run as root in CI containers
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Starts Chromium with its profile in the work dir (a persistent context is
 * the only kind whose profile we can place) and returns the context and its page.
 * @param {import('./workdir.mjs').WorkDir} w
 * @param {{ headless?: boolean, env?: Record<string,string> }} [o]
 */
export async function launchChromium(w, { headless = true, env } = {}) {
  const context = await chromium.launchPersistentContext(w.chromium, {
    executablePath: chromiumPath,
    headless,
    args: ARGS,
    env,
    viewport: { width: 1400, height: 900 },
    // Lets the page bridge read what the extension copies (clipboard tests).
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = context.pages()[0] ?? await context.newPage();
  return { context, page };
}

/** "Chromium 156" for the host line. @param {import('playwright-core').Page} page */
export async function browserVersion(page) {
  const ua = await page.evaluate(() => navigator.userAgent);
  return `Chromium ${/Chrome\/(\d+)/.exec(ua)?.[1] ?? '?'}`;
}

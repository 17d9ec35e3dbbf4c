// The driver's half of the page bridge (the suite's half is
// test/integration/bridge.ts): tests in the extension host write request
// files into the bridge dir; we act on the real page with Playwright and
// write the answer next to them. Requests are served one at a time, in order.
import * as fs from 'node:fs';
import * as path from 'node:path';

const POLL_MS = 25;

/**
 * @param {object} o
 * @param {import('playwright-core').Page} o.page
 * @param {string} o.dir          the bridge dir shared with the extension host
 * @param {string} o.artifactsDir screenshots go to <artifactsDir>/screenshots
 * @param {(line: string) => void} o.log
 */
export function startPageBridge({ page, dir, artifactsDir, log }) {
  let stopped = false;
  const actions = pageActions(page, artifactsDir);

  const serve = async (file) => {
    const reqPath = path.join(dir, file);
    const req = JSON.parse(fs.readFileSync(reqPath, 'utf8'));
    fs.rmSync(reqPath, { force: true });
    let response;
    try {
      const action = actions[req.action];
      if (!action) throw new Error(`unknown page action "${req.action}"`);
      response = { ok: true, value: (await action(req.args, req.timeoutMs)) ?? null };
    } catch (err) {
      response = { ok: false, error: firstLines(err instanceof Error ? err.message : String(err)) };
      log(`page bridge: ${req.action} ${JSON.stringify(req.args)} failed: ${response.error}`);
    }
    const resPath = path.join(dir, `${req.id}.res.json`);
    fs.writeFileSync(`${resPath}.tmp`, JSON.stringify(response));
    fs.renameSync(`${resPath}.tmp`, resPath);
  };

  const loop = (async () => {
    while (!stopped) {
      const pending = fs.readdirSync(dir).filter((f) => f.endsWith('.req.json')).sort();
      for (const file of pending) {
        if (stopped) break;
        await serve(file);
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  })();

  return {
    async stop() {
      stopped = true;
      await loop.catch(() => {});
    },
  };
}

/** Playwright's messages carry a long, coloured call log; the first lines say what went wrong. */
function firstLines(text, n = 6) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '').split('\n').slice(0, n).join('\n');
}

/** @param {import('playwright-core').Page} page @param {string} artifactsDir */
function pageActions(page, artifactsDir) {
  const first = (selector) => page.locator(selector).first();
  const inWebview = async (args, timeoutMs, probe = args.selector) => {
    const frame = await findWebviewFrame(page, { ...args, probe, timeoutMs });
    return { frame, el: frame.locator(args.selector).first() };
  };

  return {
    press: ({ key }) => page.keyboard.press(key),
    type: ({ text }) => page.keyboard.type(text),
    click: ({ selector }, timeout) => first(selector).click({ timeout }),
    text: ({ selector }, timeout) => first(selector).innerText({ timeout }),
    waitFor: ({ selector, state }, timeout) => first(selector).waitFor({ state, timeout }),
    evaluate: ({ expression }) => page.evaluate(expression),
    // The real pointer: the page sees mousemove/mouseover at that spot, as when a person moves
    // the mouse (hover widgets, terminal links). Steps make intermediate moves, as a hand does.
    hover: async ({ selector, x, y }, timeout) => {
      if (selector) await first(selector).hover({ timeout });
      else await page.mouse.move(x, y, { steps: 4 });
    },
    // A click at a point with modifier keys held down (e.g. Ctrl+click on a terminal link):
    // Playwright gives the mouse events the modifiers the keyboard holds.
    clickAt: async ({ x, y, modifiers = [] }) => {
      for (const key of modifiers) await page.keyboard.down(key);
      try {
        await page.mouse.click(x, y);
      } finally {
        for (const key of [...modifiers].reverse()) await page.keyboard.up(key);
      }
    },
    settle: () => settle(page),

    webviewClick: async (args, timeout) => (await inWebview(args, timeout)).el.click({ timeout }),
    webviewFill: async (args, timeout) => (await inWebview(args, timeout)).el.fill(args.text, { timeout }),
    webviewType: async (args, timeout) => (await inWebview(args, timeout)).el.pressSequentially(args.text, { timeout }),
    webviewPress: async (args, timeout) => (await inWebview(args, timeout)).el.press(args.key, { timeout }),
    webviewText: async (args, timeout) => (await inWebview(args, timeout)).el.innerText({ timeout }),
    webviewTexts: async (args, timeout) => {
      const { frame } = await inWebview(args, timeout);
      return frame.locator(args.selector).allInnerTexts();
    },
    webviewWaitFor: async (args, timeout) => {
      // Waiting for something to go away: any webview of ours will do.
      const gone = args.state === 'hidden' || args.state === 'detached';
      const { el } = await inWebview(args, timeout, gone ? 'body' : args.selector);
      await el.waitFor({ state: args.state, timeout });
    },
    // A string is evaluated through the debugger protocol, so the webview's
    // Content-Security-Policy (no eval) does not apply.
    webviewEvaluate: async (args, timeout) => (await inWebview(args, timeout, 'body')).frame.evaluate(args.expression),

    screenshot: async ({ name, selector }) => {
      const file = path.join(artifactsDir, 'screenshots', `${safeName(name)}.png`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await settle(page);
      if (selector) await first(selector).screenshot({ path: file, animations: 'disabled' });
      else await page.screenshot({ path: file, animations: 'disabled' });
      return file;
    },
  };
}

/** Lets pending layout and paint happen (e.g. after a theme change). */
async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForTimeout(150);
}

/** Keeps a name inside screenshots/: path segments of letters, digits, dot, dash, underscore. */
function safeName(name) {
  const parts = String(name).split('/').map((p) => p.replace(/[^\w.-]+/g, '-').replace(/^\.+/, '')).filter(Boolean);
  return parts.join('/') || 'screenshot';
}

/**
 * A webview's document is two frames deep: VS Code's host iframe
 * (`iframe.webview.ready`, its src names the extension) holds `#active-frame`
 * with the extension's HTML. Returns the first visible one of ours whose
 * document has `probe`, polling until `timeoutMs`. The iframes float above
 * the workbench rather than inside the view they show, so `within` (a
 * workbench selector, e.g. the sidebar part) keeps those whose centre lies
 * inside that element's box.
 * @param {import('playwright-core').Page} page
 */
async function findWebviewFrame(page, { extensionId, srcContains, within, probe, timeoutMs }) {
  let outerSelector = `iframe.webview.ready[src*="extensionId=${extensionId}"]`;
  if (srcContains) outerSelector += `[src*=${JSON.stringify(srcContains)}]`;
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  for (;;) {
    const outers = await page.locator(outerSelector).all();
    const area = within ? await page.locator(within).first().boundingBox().catch(() => null) : undefined;
    seen = outers.length;
    for (const outer of outers) {
      if (!(await outer.isVisible())) continue;
      if (area !== undefined && !centreInside(await outer.boundingBox(), area)) continue;
      const frame = await (await outer.elementHandle())?.contentFrame();
      const inner = await (await frame?.$('#active-frame'))?.contentFrame();
      if (inner && (await inner.locator(probe).count()) > 0) return inner;
    }
    if (Date.now() > deadline) {
      const where = [srcContains && `src*=${srcContains}`, within && `within ${within}`].filter(Boolean).join(', ');
      throw new Error(`no visible webview of ${extensionId}${where ? ` (${where})` : ''} contains ${probe} after ${timeoutMs} ms (${seen} webview iframe(s) of it found)`);
    }
    await page.waitForTimeout(100);
  }
}

function centreInside(box, area) {
  if (!box || !area) return false;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  return x >= area.x && x <= area.x + area.width && y >= area.y && y <= area.y + area.height;
}

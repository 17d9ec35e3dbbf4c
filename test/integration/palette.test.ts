// The command palette, driven through the real page as a person would:
// open it, type the command's title, press Enter, see its input box.
import * as assert from 'node:assert/strict';
import { ui } from './ui';
import { waitFor } from './wait';

/** The quick input widget serves both the palette and showInputBox(). */
const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_FIELD = `${QUICK_INPUT} .quick-input-box input`;

/** The quick input's value while it is shown, else null. */
const READ_QUICK_INPUT = `(() => {
  const widget = document.querySelector(${JSON.stringify(QUICK_INPUT)});
  const input = widget?.querySelector('.quick-input-box input');
  return widget && input && getComputedStyle(widget).display !== 'none' ? input.value : null;
})()`;

suite('command palette (real UI)', () => {
  teardown(async () => {
    // Leave no quick input open for the next test.
    if (ui.available()) await ui.press('Escape');
  });

  test('"Reuse Doctor: Diagnose Error" runs from the palette and asks for the error', async function () {
    ui.skipUnlessAvailable(this);
    await ui.press('F1');
    await ui.waitFor(QUICK_INPUT_FIELD);
    await ui.type('Reuse Doctor: Diagnose Error');
    // Wait until our command is the focused row, so Enter runs it and not a stale first match.
    await ui.waitFor(`${QUICK_INPUT} .monaco-list-row.focused[aria-label*="Reuse Doctor: Diagnose Error"]`);
    await ui.press('Enter');

    // The palette gives way to the command's showInputBox: the same widget,
    // but empty instead of holding the palette's ">…" text.
    const value = await waitFor('the command\'s input box', async () => {
      const v = await ui.evaluate<string | null>(READ_QUICK_INPUT);
      return v !== null && !v.startsWith('>') ? v : undefined;
    });
    assert.equal(value, '', 'the command should open an empty input box');
    const message = await ui.text(`${QUICK_INPUT} .quick-input-message`).catch(() => '');
    const placeholder = await ui.evaluate<string>(`document.querySelector(${JSON.stringify(QUICK_INPUT_FIELD)})?.placeholder ?? ''`);
    assert.ok(`${message} ${placeholder}`.trim().length > 0, 'the input box should tell the user what to paste');
  });
});

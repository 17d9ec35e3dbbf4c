// Acting on the real VS Code page from a test, as a person would: keys,
// clicks, text typed into webviews, screenshots. Every call goes to the
// driver through the page bridge (bridge.ts); only the code-server host has a
// page, so UI tests call `ui.skipUnlessAvailable(this)` first.
import * as vscode from 'vscode';
import { bridgeAvailable, bridgeRequest } from './bridge';

/** Our webviews are the iframes whose src names this extension. */
export const EXTENSION_ID = 'reuse-doctor.reuse-doctor';

export type ElementState = 'attached' | 'detached' | 'visible' | 'hidden';

export interface WaitOptions {
  state?: ElementState;
  timeoutMs?: number;
}

/**
 * Which webview to act in. By default: any visible webview of this extension
 * whose document has the selector, which is usually enough; narrow it when
 * several could match.
 */
export interface WebviewTarget {
  /**
   * Only webviews drawn over this workbench element, e.g. `SIDEBAR` or
   * `EDITOR_AREA`: the iframes float above the workbench, so this compares boxes.
   */
  within?: string;
  /**
   * Extra substring of the outer iframe's src. Beware: `purpose=webviewView`
   * is present when a view is first shown but not after it is hidden and shown again.
   */
  srcContains?: string;
  timeoutMs?: number;
}

/** Workbench parts, for `WebviewTarget.within` and `ui.screenshot`'s selector. */
export const SIDEBAR = '#workbench\\.parts\\.sidebar';
export const AUXILIARY_BAR = '#workbench\\.parts\\.auxiliarybar';
export const EDITOR_AREA = '#workbench\\.parts\\.editor';
export const PANEL = '#workbench\\.parts\\.panel';

/** A point of the page, in CSS pixels from its top-left corner (as `getBoundingClientRect`). */
export interface Point {
  x: number;
  y: number;
}

export type Modifier = 'Control' | 'Shift' | 'Alt' | 'Meta';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

/** Built-in themes, and the class the workbench root gets once it repainted. */
const THEMES: Record<ThemeKind, { label: string; workbenchClass: string }> = {
  light: { label: 'Default Light Modern', workbenchClass: 'vs' },
  dark: { label: 'Default Dark Modern', workbenchClass: 'vs-dark' },
  'high-contrast': { label: 'Default High Contrast', workbenchClass: 'hc-black' },
  'high-contrast-light': { label: 'Default High Contrast Light', workbenchClass: 'hc-light' },
};

function webviewArgs(target: WebviewTarget | undefined): Record<string, unknown> {
  return { extensionId: EXTENSION_ID, srcContains: target?.srcContains, within: target?.within };
}

const DEFAULT_TIMEOUT_MS = 10_000;

export const ui = {
  available: bridgeAvailable,

  /** Skips the calling test (pass `this`) on hosts without a page. */
  skipUnlessAvailable(context: Mocha.Context): void {
    if (!bridgeAvailable()) context.skip();
  },

  /** Presses a key or chord in the page, e.g. `F1`, `Control+Shift+P`, `Enter`. */
  press(key: string): Promise<void> {
    return bridgeRequest('press', { key });
  },

  /** Types text into whatever has focus, key by key. */
  type(text: string): Promise<void> {
    return bridgeRequest('type', { text });
  },

  /** Clicks an element of the workbench (outside webviews). */
  click(selector: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    return bridgeRequest('click', { selector }, timeoutMs);
  },

  /** The rendered text of a workbench element. */
  text(selector: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string> {
    return bridgeRequest('text', { selector }, timeoutMs);
  },

  /** Waits until a workbench element reaches a state (default: visible). */
  waitFor(selector: string, options: WaitOptions = {}): Promise<void> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return bridgeRequest('waitFor', { selector, state: options.state ?? 'visible' }, timeoutMs);
  },

  /** Moves the mouse over a workbench element (its centre) or to a point of the page. */
  hover(target: string | Point, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    const args = typeof target === 'string' ? { selector: target } : { x: target.x, y: target.y };
    return bridgeRequest('hover', args, timeoutMs);
  },

  /** Clicks at a point of the page holding modifier keys, e.g. `['Control']` for Ctrl+click. */
  clickAt(point: Point, modifiers: Modifier[] = []): Promise<void> {
    return bridgeRequest('clickAt', { x: point.x, y: point.y, modifiers });
  },

  /** Evaluates a JavaScript expression in the workbench page; the value must be JSON. */
  evaluate<T>(expression: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
    return bridgeRequest('evaluate', { expression }, timeoutMs);
  },

  webviewClick(selector: string, target?: WebviewTarget): Promise<void> {
    return bridgeRequest('webviewClick', { selector, ...webviewArgs(target) }, target?.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  },

  /** Replaces the value of an input or textarea at once, like a paste. */
  webviewFill(selector: string, text: string, target?: WebviewTarget): Promise<void> {
    return bridgeRequest('webviewFill', { selector, text, ...webviewArgs(target) }, target?.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  },

  /** Types into an element key by key, as a person would. */
  webviewType(selector: string, text: string, target?: WebviewTarget): Promise<void> {
    return bridgeRequest('webviewType', { selector, text, ...webviewArgs(target) }, target?.timeoutMs ?? 30_000);
  },

  webviewPress(selector: string, key: string, target?: WebviewTarget): Promise<void> {
    return bridgeRequest('webviewPress', { selector, key, ...webviewArgs(target) }, target?.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  },

  /** The rendered text (innerText) of the first element matching the selector. */
  webviewText(selector: string, target?: WebviewTarget): Promise<string> {
    return bridgeRequest('webviewText', { selector, ...webviewArgs(target) }, target?.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  },

  /** The rendered texts of all elements matching the selector (e.g. every card title). */
  webviewTexts(selector: string, target?: WebviewTarget): Promise<string[]> {
    return bridgeRequest('webviewTexts', { selector, ...webviewArgs(target) }, target?.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  },

  webviewWaitFor(selector: string, options: WaitOptions & WebviewTarget = {}): Promise<void> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return bridgeRequest('webviewWaitFor', { selector, state: options.state ?? 'visible', ...webviewArgs(options) }, timeoutMs);
  },

  /** Evaluates a JavaScript expression inside the webview's document; the value must be JSON. */
  webviewEvaluate<T>(expression: string, target?: WebviewTarget): Promise<T> {
    return bridgeRequest('webviewEvaluate', { expression, ...webviewArgs(target) }, target?.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  },

  /**
   * Saves a PNG under test-artifacts/screenshots/<name>.png and returns its path.
   * With `selector`, only that workbench element (e.g. `#workbench.parts.sidebar`).
   */
  screenshot(name: string, options: { selector?: string } = {}): Promise<string> {
    return bridgeRequest('screenshot', { name, selector: options.selector }, 30_000);
  },

  /**
   * Switches the colour theme through the user setting and waits until the
   * page shows it. Works without a page too (then only the setting changes).
   */
  async setTheme(kind: ThemeKind): Promise<void> {
    const theme = THEMES[kind];
    await vscode.workspace.getConfiguration('workbench')
      .update('colorTheme', theme.label, vscode.ConfigurationTarget.Global);
    if (bridgeAvailable()) {
      await bridgeRequest('waitFor', { selector: `.monaco-workbench.${theme.workbenchClass}`, state: 'attached' });
      await bridgeRequest('settle', {});
    }
  },
};

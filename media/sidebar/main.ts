/**
 * The sidebar page. Talks to the host only through the typed protocol; keeps what it shows in
 * the webview state so hiding and showing the view loses nothing.
 */
import { createPatternSearch } from '../../src/extension/patternSearch';
import type { PatternSearch } from '../../src/extension/patternSearch';
import { parseHostMessage } from '../../src/extension/sidebar/protocol';
import type { ChipView, HistoryItemView, HostMessage, InitData, PageMessage, PatternSummary, PatternView, ResultView, Tab } from '../../src/extension/sidebar/protocol';
import { arrowNavigation, clear, h, icon } from './dom';
import { renderPattern, renderResult, sourceLabel } from './render';
import type { Actions } from './render';

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  getState(): unknown;
  setState(state: PageState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface PageState {
  v: 1;
  tab: Tab;
  paste: string;
  result?: ResultView;
  pattern?: PatternView;
  /** The tab the pattern was opened from: "Back" returns there. */
  patternFrom?: Tab;
  browseQuery: string;
}

const vscode = acquireVsCodeApi();
const TABS: Tab[] = ['diagnose', 'browse', 'history'];

function loadState(): PageState {
  const s = vscode.getState() as Partial<PageState> | undefined;
  const base: PageState = { v: 1, tab: 'diagnose', paste: '', browseQuery: '' };
  if (!s || s.v !== 1) return base;
  return {
    ...base,
    tab: s.tab && TABS.includes(s.tab) ? s.tab : 'diagnose',
    paste: typeof s.paste === 'string' ? s.paste : '',
    browseQuery: typeof s.browseQuery === 'string' ? s.browseQuery : '',
    ...(s.result ? { result: s.result } : {}),
    ...(s.pattern ? { pattern: s.pattern } : {}),
    ...(s.patternFrom ? { patternFrom: s.patternFrom } : {}),
  };
}

const state = loadState();
let init: InitData | undefined;
let search: PatternSearch | undefined;
let busy = false;

function save(): void {
  vscode.setState(state);
}

function post(msg: PageMessage): void {
  vscode.postMessage(msg);
}

const actions: Actions = {
  openLocation: (uri, line) => post(line === undefined ? { type: 'openLocation', uri } : { type: 'openLocation', uri, line }),
  openExternal: (url) => post({ type: 'openExternal', url }),
  copy: (text) => {
    post({ type: 'copy', text });
    say('Copied to the clipboard.');
  },
  openPattern: (id) => post({ type: 'openPattern', id }),
  searchTaxonomy: (query) => {
    state.pattern = undefined;
    state.browseQuery = query.slice(0, 96);
    browseInput.value = state.browseQuery;
    selectTab('browse');
    renderBrowse();
    browseInput.focus();
  },
  searchOnline: (query) => post({ type: 'searchOnline', query }),
};

// ---- layout ---------------------------------------------------------------------------------

const app = document.getElementById('app')!;

function tabButton(tab: Tab, label: string, iconName: string): HTMLButtonElement {
  return h(
    'button',
    {
      class: 'tab',
      id: `tab-${tab}`,
      attrs: { role: 'tab', type: 'button', 'aria-controls': `panel-${tab}`, 'aria-selected': 'false', tabindex: -1, 'data-tab': tab },
      on: { click: () => selectTab(tab, true), focus: () => selectTab(tab) },
    },
    icon(iconName),
    ' ',
    h('span', { class: 'tab-label' }, label),
  );
}

const tabList = h('div', { class: 'tabs', attrs: { role: 'tablist', 'aria-label': 'Reuse Doctor' } }, tabButton('diagnose', 'Diagnose', 'pulse'), tabButton('browse', 'Browse', 'book'), tabButton('history', 'History', 'history'));
arrowNavigation(tabList, '[role=tab]', true);

const paste = h('textarea', {
  id: 'paste',
  class: 'paste',
  attrs: { rows: 6, spellcheck: 'false', 'aria-label': 'Error text to diagnose', placeholder: 'Paste an error message or a traceback…' },
});
paste.value = state.paste;
let pasteTimer: ReturnType<typeof setTimeout> | undefined;
paste.addEventListener('input', () => {
  clearTimeout(pasteTimer);
  pasteTimer = setTimeout(() => {
    state.paste = paste.value;
    save();
  }, 250);
});
paste.addEventListener('keydown', (ev) => {
  if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
    ev.preventDefault();
    diagnosePaste();
  }
});

const hint = h('div', { class: 'hint muted', id: 'paste-hint' }, 'Ctrl+Enter to diagnose');
paste.setAttribute('aria-describedby', 'paste-hint');

function diagnosePaste(): void {
  if (busy) return;
  state.paste = paste.value;
  save();
  if (!paste.value.trim()) {
    showError('Paste an error message or a traceback first.');
    return;
  }
  post({ type: 'diagnose', text: paste.value });
}

function toolButton(id: string, label: string, iconName: string, title: string, onClick: () => void, primary = false): HTMLButtonElement {
  return h('button', { id, class: primary ? 'primary' : 'secondary', attrs: { type: 'button', title }, on: { click: onClick } }, icon(iconName), ' ', label);
}

const diagnoseButton = toolButton('diagnose', 'Diagnose', 'play', 'Diagnose the pasted text', diagnosePaste, true);
const clipboardButton = toolButton('from-clipboard', 'Clipboard', 'clippy', 'Diagnose the text on the clipboard', () => post({ type: 'diagnoseSource', source: 'clipboard' }));
const selectionButton = toolButton('from-selection', 'Selection', 'selection', 'Diagnose the text selected in the editor', () => post({ type: 'diagnoseSource', source: 'selection' }));
const terminalButton = toolButton('from-terminal', 'Last terminal failure', 'terminal', 'Diagnose the last failed terminal command', () => post({ type: 'diagnoseSource', source: 'terminal' }));
const sourceButtons = h('div', { class: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Diagnose from' } }, diagnoseButton, clipboardButton, selectionButton, terminalButton);
arrowNavigation(sourceButtons, 'button', true);

const banner = h('div', { class: 'banner', attrs: { role: 'status', hidden: true } });
const status = h('div', { class: 'status', id: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
const errorBox = h('div', { class: 'error-box', id: 'error', attrs: { role: 'alert', hidden: true } });
const resultBox = h('div', { class: 'result-box', id: 'result' });

const diagnosePanel = h(
  'div',
  { class: 'panel', id: 'panel-diagnose', attrs: { role: 'tabpanel', 'aria-labelledby': 'tab-diagnose' } },
  paste,
  hint,
  sourceButtons,
  banner,
  status,
  errorBox,
  resultBox,
);

const browseInput = h('input', {
  id: 'browse-search',
  class: 'search',
  attrs: { type: 'search', 'aria-label': 'Search the taxonomy', placeholder: 'Search the taxonomy…', autocomplete: 'off', spellcheck: 'false' },
});
browseInput.value = state.browseQuery;
browseInput.addEventListener('input', () => {
  state.browseQuery = browseInput.value;
  state.pattern = undefined;
  save();
  renderBrowse();
});
browseInput.addEventListener('keydown', (ev) => {
  if (ev.key === 'ArrowDown') {
    ev.preventDefault();
    browseBody.querySelector<HTMLElement>('.pattern-item, summary')?.focus();
  }
});
const browseCount = h('div', { class: 'muted count', attrs: { 'aria-live': 'polite' } });
const browseBody = h('div', { class: 'browse-body', id: 'browse-body' });
arrowNavigation(browseBody, '.pattern-item, .group > summary');
browseBody.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape' && state.pattern) {
    ev.preventDefault();
    closePattern();
  }
});
const browsePanel = h('div', { class: 'panel', id: 'panel-browse', attrs: { role: 'tabpanel', 'aria-labelledby': 'tab-browse', hidden: true } }, browseInput, browseCount, browseBody);

const historyList = h('ul', { class: 'history-list', id: 'history-list', attrs: { 'aria-label': 'Recent diagnoses' } });
arrowNavigation(historyList, '.history-item');
const clearButton = toolButton('clear-history', 'Clear history', 'clear-all', 'Forget every recorded diagnosis', () => post({ type: 'clearHistory' }));
const historyPanel = h(
  'div',
  { class: 'panel', id: 'panel-history', attrs: { role: 'tabpanel', 'aria-labelledby': 'tab-history', hidden: true } },
  h('div', { class: 'toolbar' }, clearButton),
  historyList,
);

app.append(tabList, diagnosePanel, browsePanel, historyPanel);

// ---- behaviour ------------------------------------------------------------------------------

function selectTab(tab: Tab, focus = false): void {
  for (const t of TABS) {
    const button = document.getElementById(`tab-${t}`)!;
    const selected = t === tab;
    button.setAttribute('aria-selected', String(selected));
    button.setAttribute('tabindex', selected ? '0' : '-1');
    document.getElementById(`panel-${t}`)!.hidden = !selected;
  }
  if (focus) document.getElementById(`tab-${tab}`)!.focus();
  if (state.tab !== tab) {
    state.tab = tab;
    save();
    post({ type: 'tabChanged', tab });
  }
}

function say(text: string): void {
  status.textContent = text;
}

function showError(message: string): void {
  errorBox.textContent = message;
  errorBox.hidden = false;
}

function clearError(): void {
  errorBox.textContent = '';
  errorBox.hidden = true;
}

function setBusy(b: boolean): void {
  busy = b;
  for (const el of [diagnoseButton, clipboardButton, selectionButton]) el.disabled = b;
  clear(status);
  if (b) status.append(icon('loading', 'codicon-modifier-spin'), ' Diagnosing…');
}

function renderCurrentResult(): void {
  clear(resultBox);
  if (state.result) resultBox.append(renderResult(state.result, actions));
}

function announce(r: ResultView): void {
  const n = r.findings.reduce((k, f) => k + f.candidates.length, 0);
  const top = r.findings[0]?.candidates[0];
  if (r.findings.length === 0) say('No error found in this text.');
  else if (top) say(`${n} likely cause${n === 1 ? '' : 's'}; best: ${top.title}`);
  else say('No confident match.');
}

function chipFor(list: ChipView[] | undefined, id: string): ChipView {
  return list?.find((c) => c.id === id) ?? { id, name: id, definition: '' };
}

function patternItem(p: PatternSummary): HTMLElement {
  return h(
    'li',
    {},
    h(
      'button',
      { class: 'pattern-item', attrs: { type: 'button', 'data-pattern': p.id, title: p.summary }, on: { click: () => actions.openPattern(p.id) } },
      h('span', { class: 'pattern-title' }, p.title),
      h('span', { class: 'pattern-id muted' }, p.id),
    ),
  );
}

function renderBrowse(): void {
  clear(browseBody);
  if (state.pattern) {
    const back = h('button', { class: 'secondary back', attrs: { type: 'button' }, on: { click: closePattern } }, icon('arrow-left'), ' Back');
    browseCount.textContent = '';
    browseBody.append(back, renderPattern(state.pattern, actions));
    return;
  }
  if (!init || !search) {
    browseCount.textContent = 'Loading the taxonomy…';
    return;
  }
  const query = state.browseQuery.trim();
  if (query) {
    const found = search.search(query, 60);
    browseCount.textContent = `${found.length} pattern${found.length === 1 ? '' : 's'} match`;
    browseBody.append(h('ul', { class: 'pattern-list' }, found.map(patternItem)));
    return;
  }
  browseCount.textContent = `${init.patterns.length} patterns by root cause`;
  const groups = new Map<string, PatternSummary[]>();
  for (const p of init.patterns) groups.set(p.rootCause, [...(groups.get(p.rootCause) ?? []), p]);
  const order = [...init.rootCauses.map((r) => r.id), ...[...groups.keys()].filter((k) => !init!.rootCauses.some((r) => r.id === k))];
  for (const id of order) {
    const list = groups.get(id);
    if (!list?.length) continue;
    const c = chipFor(init.rootCauses, id);
    browseBody.append(
      h(
        'details',
        { class: 'group', attrs: { 'data-root-cause': id } },
        h('summary', { attrs: { title: c.definition } }, h('span', { class: 'group-name' }, c.name), ' ', h('span', { class: 'badge-count' }, String(list.length))),
        h('ul', { class: 'pattern-list' }, list.map(patternItem)),
      ),
    );
  }
}

function closePattern(): void {
  const from = state.patternFrom ?? 'browse';
  state.pattern = undefined;
  state.patternFrom = undefined;
  save();
  renderBrowse();
  selectTab(from, true);
}

function timeAgo(time: number): string {
  const s = Math.max(0, Math.round((Date.now() - time) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return new Date(time).toLocaleDateString();
}

function renderHistory(items: HistoryItemView[]): void {
  clear(historyList);
  clearButton.disabled = items.length === 0;
  const tab = document.getElementById('tab-history')!;
  const unseen = items.filter((i) => i.unseen).length;
  tab.querySelector('.tab-label')!.textContent = unseen ? `History (${unseen} new)` : 'History';
  if (items.length === 0) {
    historyList.append(h('li', { class: 'muted empty' }, 'No diagnoses yet.'));
    return;
  }
  for (const item of items) {
    historyList.append(
      h(
        'li',
        {},
        h(
          'button',
          { class: `history-item${item.unseen ? ' unseen' : ''}`, attrs: { type: 'button', 'data-id': item.id }, on: { click: () => post({ type: 'openHistory', id: item.id }) } },
          item.unseen ? h('span', { class: 'dot', attrs: { 'aria-label': 'new' } }) : null,
          h('span', { class: 'history-title' }, item.title),
          h(
            'span',
            { class: 'history-meta muted' },
            `${sourceLabel(item.source)}${item.label ? ` · ${item.label}` : ''} · ${timeAgo(item.time)}${item.confidence !== undefined ? ` · ${item.confidence.toFixed(2)}` : ''}`,
          ),
        ),
      ),
    );
  }
}

function showBanner(item: HistoryItemView): void {
  clear(banner);
  banner.append(
    icon('bell-dot'),
    ' ',
    h('span', {}, `New from ${sourceLabel(item.source).toLowerCase()}: ${item.title}`),
    ' ',
    h('button', { class: 'link', attrs: { type: 'button' }, on: { click: () => { banner.hidden = true; post({ type: 'openHistory', id: item.id }); } } }, 'Show'),
    h('button', { class: 'icon-button', attrs: { type: 'button', title: 'Dismiss', 'aria-label': 'Dismiss' }, on: { click: () => { banner.hidden = true; } } }, icon('close')),
  );
  banner.hidden = false;
}

function onMessage(msg: HostMessage): void {
  switch (msg.type) {
    case 'init':
      init = msg.data;
      search = createPatternSearch(init.patterns);
      hint.textContent = `${init.modifierLabel}+Enter to diagnose`;
      browseInput.placeholder = `Search ${init.patterns.length} patterns…`;
      terminalButton.disabled = !init.hasTerminalFailure;
      renderHistory(init.history);
      renderBrowse();
      return;
    case 'showResult':
      clearError();
      state.result = msg.result;
      save();
      renderCurrentResult();
      announce(msg.result);
      selectTab('diagnose');
      // The answer starts with the error line: bring it to the top (below the sticky tabs).
      resultBox.querySelector<HTMLElement>('.result')?.scrollIntoView({ block: 'start' });
      return;
    case 'showPattern':
      state.patternFrom = state.pattern ? state.patternFrom ?? 'browse' : state.tab;
      state.pattern = msg.pattern;
      save();
      selectTab('browse');
      renderBrowse();
      browseBody.querySelector<HTMLElement>('.card')?.focus();
      return;
    case 'showTab':
      if (msg.query !== undefined) {
        state.browseQuery = msg.query;
        state.pattern = undefined;
        browseInput.value = msg.query;
        renderBrowse();
      }
      selectTab(msg.tab, true);
      if (msg.tab === 'browse') browseInput.focus();
      return;
    case 'history':
      renderHistory(msg.items);
      return;
    case 'terminalFailure':
      terminalButton.disabled = !msg.available;
      return;
    case 'busy':
      setBusy(msg.busy);
      return;
    case 'error':
      showError(msg.message);
      return;
    case 'newAutomatic':
      showBanner(msg.item);
      return;
    case 'focusInput':
      selectTab('diagnose');
      paste.focus();
      return;
  }
}

window.addEventListener('message', (ev: MessageEvent<unknown>) => {
  const msg = parseHostMessage(ev.data);
  if (msg) onMessage(msg);
});

// Restore what was shown before the view was hidden, then tell the host we are listening.
selectTab(state.tab);
renderCurrentResult();
renderBrowse();
post({ type: 'ready' });

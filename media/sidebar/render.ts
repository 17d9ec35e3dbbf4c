/**
 * The result cards, in the fixed shape of the issue: the error line (with a link to the user's
 * file), then each candidate: title, confidence, chips, why it matched, explanation, fixes,
 * references. Every piece of text from the input goes through text nodes (dom.ts).
 */
import type { CandidateView, ChipView, EvidenceView, FindingView, FixView, FrameView, LocationView, PatternView, ReferenceView, ResultView } from '../../src/extension/sidebar/protocol';
import { h, icon, uid } from './dom';
import type { Child } from './dom';

/** What a rendered card can ask the host to do. */
export interface Actions {
  openLocation(uri: string, line?: number): void;
  openExternal(url: string): void;
  copy(text: string): void;
  openPattern(id: string): void;
  searchTaxonomy(query: string): void;
  searchOnline(query: string): void;
}

const SOURCE_LABEL: Record<string, string> = {
  paste: 'Pasted text',
  input: 'Input box',
  selection: 'Editor selection',
  clipboard: 'Clipboard',
  terminal: 'Terminal',
  'terminal-link': 'Terminal line',
  notebook: 'Notebook cell',
  log: 'Log file',
  diagnostic: 'Diagnostic',
  history: 'History',
};

export function sourceLabel(source: string): string {
  return SOURCE_LABEL[source] ?? source;
}

function chip(kind: string, c: ChipView): HTMLElement {
  const tip = c.definition ? `${c.name}: ${c.definition}` : c.name;
  return h(
    'span',
    { class: `chip chip-${kind}`, attrs: { tabindex: 0, role: 'note', title: tip, 'aria-label': `${kind}: ${tip}`, 'data-id': c.id } },
    h('span', { class: 'chip-kind' }, kind),
    ' ',
    c.name,
  );
}

export function chipRow(v: { rootCause: ChipView; bugType: ChipView; impacts: ChipView[] }): HTMLElement {
  return h('div', { class: 'chips' }, chip('root cause', v.rootCause), chip('bug type', v.bugType), v.impacts.map((i) => chip('impact', i)));
}

function locationLink(loc: LocationView, actions: Actions, extraClass = ''): HTMLElement {
  if (!loc.uri) return h('span', { class: `location ${extraClass}`, attrs: { title: 'Not a file of this workspace' } }, loc.label);
  const uri = loc.uri;
  return h(
    'a',
    {
      class: `location location-link ${extraClass}`,
      attrs: { href: '#', title: `Open ${loc.label}` },
      on: {
        click: (ev) => {
          ev.preventDefault();
          actions.openLocation(uri, loc.line);
        },
      },
    },
    icon('go-to-file'),
    ' ',
    loc.label,
  );
}

function frameItem(f: FrameView, actions: Actions): HTMLElement {
  return h(
    'li',
    { class: 'frame' },
    locationLink(f.location, actions),
    f.function ? h('span', { class: 'frame-fn' }, ` in ${f.function}`) : null,
    f.library ? h('span', { class: 'frame-lib' }, ` (${f.library})`) : null,
    f.source ? h('code', { class: 'frame-source' }, f.source) : null,
  );
}

function copyButton(text: string, what: string, actions: Actions): HTMLElement {
  return h(
    'button',
    { class: 'icon-button copy', attrs: { type: 'button', title: `Copy ${what}`, 'aria-label': `Copy ${what}` }, on: { click: () => actions.copy(text) } },
    icon('copy'),
  );
}

function codeBlock(code: string, kind: 'before' | 'after', actions: Actions): HTMLElement {
  return h(
    'div',
    { class: `code-block code-${kind}` },
    h('div', { class: 'code-head' }, h('span', { class: 'code-label' }, kind === 'before' ? 'Before' : 'After'), copyButton(code, `the ${kind} code`, actions)),
    h('pre', {}, h('code', {}, code)),
  );
}

function fixList(fixes: FixView[], actions: Actions): HTMLElement {
  return h(
    'ol',
    { class: 'fixes' },
    fixes.map((f) =>
      h(
        'li',
        { class: 'fix' },
        h('div', { class: 'fix-title' }, f.title),
        f.detail ? h('div', { class: 'fix-detail' }, f.detail) : null,
        f.before ? codeBlock(f.before, 'before', actions) : null,
        f.after ? codeBlock(f.after, 'after', actions) : null,
      ),
    ),
  );
}

function referenceList(refs: ReferenceView[], actions: Actions): HTMLElement | null {
  if (refs.length === 0) return null;
  return h(
    'ul',
    { class: 'references' },
    refs.map((r) =>
      h(
        'li',
        {},
        h(
          'a',
          {
            class: 'reference',
            attrs: { href: r.url, title: `Open ${r.url} in the browser` },
            on: {
              click: (ev) => {
                // Through the host, which checks the URL is one of the taxonomy's references.
                ev.preventDefault();
                actions.openExternal(r.url);
              },
            },
          },
          icon('link-external'),
          ' ',
          r.title ?? r.url.replace(/^https?:\/\//, ''),
        ),
      ),
    ),
  );
}

/** The matched text with every evidence span marked; each mark lists the evidence it serves. */
function highlighted(text: string, evidence: EvidenceView[]): HTMLElement {
  const cuts = new Set<number>([0, text.length]);
  evidence.forEach((e) => e.spans.forEach((s) => {
    cuts.add(Math.min(text.length, s.start));
    cuts.add(Math.min(text.length, s.end));
  }));
  const points = [...cuts].sort((a, b) => a - b);
  const parts: Child[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const piece = text.slice(a, b);
    const by = evidence.flatMap((e, k) => (e.spans.some((s) => s.start <= a && s.end >= b) ? [k] : []));
    parts.push(by.length ? h('mark', { attrs: { 'data-evidence': by.join(' ') } }, piece) : piece);
  }
  return h('pre', { class: 'matched-text', attrs: { 'aria-label': 'Error text with the matched parts highlighted' } }, parts);
}

function evidenceSection(c: CandidateView, matchedText: string): HTMLElement {
  const text = highlighted(matchedText, c.evidence);
  const toggle = (k: number, on: boolean): void => {
    text.querySelectorAll('mark').forEach((m) => {
      if ((m.getAttribute('data-evidence') ?? '').split(' ').includes(String(k))) m.classList.toggle('active', on);
    });
  };
  const items = c.evidence.map((e, k) =>
    h(
      'li',
      {
        class: `evidence-item evidence-${e.kind}`,
        attrs: { tabindex: 0 },
        on: { mouseenter: () => toggle(k, true), mouseleave: () => toggle(k, false), focus: () => toggle(k, true), blur: () => toggle(k, false) },
      },
      e.text,
    ),
  );
  return h('details', { class: 'evidence', attrs: { open: true } }, h('summary', {}, 'Why it matched'), h('ul', { class: 'evidence-list' }, items), text);
}

function confidence(c: { confidence: number; confidenceWord: string }): HTMLElement {
  const pct = Math.round(c.confidence * 100);
  const bar = h('span', { class: 'meter-fill' });
  bar.style.width = `${pct}%`;
  return h(
    'span',
    { class: 'confidence', attrs: { title: `Confidence ${c.confidence.toFixed(2)}` } },
    h('span', { class: 'confidence-word' }, c.confidenceWord),
    ' ',
    h('span', { class: 'confidence-number' }, c.confidence.toFixed(2)),
    h('span', { class: 'meter', attrs: { role: 'img', 'aria-label': `${pct} percent` } }, bar),
  );
}

/** What a candidate card and a browsed pattern both show: explanation, fixes, references. */
function knowledge(v: Pick<PatternView, 'explanation' | 'fixes' | 'references'>, actions: Actions): Child[] {
  return [
    h('h4', {}, 'Explanation'),
    h('p', { class: 'explanation' }, v.explanation),
    h('h4', {}, 'Fixes'),
    fixList(v.fixes, actions),
    v.references.length ? h('h4', {}, 'References') : null,
    referenceList(v.references, actions),
  ];
}

function candidateCard(c: CandidateView, rank: number, matchedText: string, actions: Actions): HTMLElement {
  const titleId = uid('card');
  return h(
    'article',
    { class: 'card candidate', attrs: { 'aria-labelledby': titleId, 'data-pattern': c.id, tabindex: -1 } },
    h('header', { class: 'card-head' }, h('h3', { class: 'card-title', id: titleId }, h('span', { class: 'rank' }, `${rank}.`), ' ', c.title), confidence(c)),
    chipRow(c),
    h('p', { class: 'summary' }, c.summary),
    evidenceSection(c, matchedText),
    knowledge(c, actions),
    h('div', { class: 'card-foot' }, h('span', { class: 'pattern-id' }, c.id)),
  );
}

function noMatch(f: FindingView, query: string, actions: Actions): HTMLElement {
  return h(
    'div',
    { class: 'no-match', attrs: { role: 'note' } },
    h('p', { class: 'no-match-title' }, icon('question'), ' No confident match.'),
    h('p', {}, 'None of the known patterns explains this error well enough to say so.'),
    f.nearest.length
      ? h(
          'div',
          { class: 'nearest' },
          h('p', {}, 'Nearest patterns (below the confidence threshold):'),
          h(
            'ul',
            {},
            f.nearest.map((n) =>
              h(
                'li',
                {},
                h('button', { class: 'link nearest-pattern', attrs: { type: 'button', 'data-pattern': n.id }, on: { click: () => actions.openPattern(n.id) } }, n.title),
                h('span', { class: 'muted' }, ` ${n.confidenceWord} ${n.confidence.toFixed(2)}`),
              ),
            ),
          ),
        )
      : null,
    h(
      'div',
      { class: 'actions' },
      h('button', { class: 'secondary search-taxonomy', attrs: { type: 'button' }, on: { click: () => actions.searchTaxonomy(f.type ?? f.errorLine) } }, icon('search'), ' Search the taxonomy'),
      query
        ? h(
            'a',
            {
              class: 'search-online',
              attrs: { href: '#', title: 'Opens your browser: the error line is sent to the search engine (nothing is sent unless you click)' },
              on: {
                click: (ev) => {
                  ev.preventDefault();
                  actions.searchOnline(query);
                },
              },
            },
            icon('globe'),
            ' Search this error online',
          )
        : null,
    ),
  );
}

function findingSection(f: FindingView, query: string, actions: Actions, compact: boolean): HTMLElement {
  const library = f.libraryFrames.length
    ? h('details', { class: 'library-frames' }, h('summary', {}, `${f.libraryFrames.length} library frame${f.libraryFrames.length === 1 ? '' : 's'}`), h('ul', { class: 'frames' }, f.libraryFrames.map((x) => frameItem(x, actions))))
    : null;
  const userFrames = f.userFrames.length ? h('ul', { class: 'frames user-frames', attrs: { 'aria-label': 'Your code' } }, f.userFrames.map((x) => frameItem(x, actions))) : null;
  return h(
    'section',
    { class: 'finding', attrs: { 'aria-label': f.errorLine } },
    h(
      'div',
      { class: 'error-line', attrs: { role: 'heading', 'aria-level': 2 } },
      icon(f.kind === 'warning' ? 'warning' : 'error'),
      ' ',
      h('span', { class: 'error-text' }, f.errorLine),
      f.occurrences ? h('span', { class: 'muted' }, ` (×${f.occurrences})`) : null,
    ),
    f.location ? h('div', { class: 'error-location' }, locationLink(f.location, actions, 'primary-location')) : null,
    compact ? null : userFrames,
    compact ? null : library,
    f.candidates.length ? f.candidates.map((c, i) => candidateCard(c, i + 1, f.matchedText, actions)) : compact ? null : noMatch(f, query, actions),
  );
}

function timeLabel(time: number): string {
  const d = new Date(time);
  return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

export function renderResult(r: ResultView, actions: Actions): HTMLElement {
  const notes: string[] = [];
  if (r.input.truncated) notes.push('long input: its end was analysed');
  if (r.input.redactions) notes.push(`${r.input.redactions} secret${r.input.redactions === 1 ? '' : 's'} redacted`);
  const head = h(
    'div',
    { class: 'result-head' },
    h('span', { class: 'source' }, sourceLabel(r.source)),
    r.label ? h('span', { class: 'source-label', attrs: { title: r.label } }, ` · ${r.label}`) : null,
    h('span', { class: 'muted' }, ` · ${timeLabel(r.time)}`),
    notes.length ? h('div', { class: 'muted notes' }, notes.join('; ')) : null,
  );
  if (r.input.binary) return h('div', { class: 'result', attrs: { 'data-result': r.id } }, head, h('p', { class: 'no-match' }, 'This looks like binary data, not text: nothing to diagnose.'));
  if (r.findings.length === 0) return h('div', { class: 'result', attrs: { 'data-result': r.id } }, head, h('p', { class: 'no-errors' }, 'No error found in this text.'));
  const others = r.otherFindings.length
    ? h(
        'details',
        { class: 'other-findings' },
        h('summary', {}, `${r.otherFindings.length} other error${r.otherFindings.length === 1 ? '' : 's'} without a confident match`),
        r.otherFindings.map((f) => findingSection(f, r.searchQuery, actions, true)),
      )
    : null;
  return h('div', { class: 'result', attrs: { 'data-result': r.id } }, head, r.findings.map((f) => findingSection(f, r.searchQuery, actions, false)), others);
}

export function renderPattern(p: PatternView, actions: Actions): HTMLElement {
  const titleId = uid('pattern');
  return h(
    'article',
    { class: 'card pattern', attrs: { 'aria-labelledby': titleId, 'data-pattern': p.id, tabindex: -1 } },
    h('header', { class: 'card-head' }, h('h3', { class: 'card-title', id: titleId }, p.title)),
    chipRow(p),
    h('p', { class: 'summary' }, p.summary),
    knowledge(p, actions),
    p.libraries.length ? h('p', { class: 'muted' }, `Libraries: ${p.libraries.join(', ')}`) : null,
    p.tags.length ? h('p', { class: 'muted' }, `Tags: ${p.tags.join(', ')}`) : null,
    h('div', { class: 'card-foot' }, h('span', { class: 'pattern-id' }, p.id)),
  );
}

/**
 * The sidebar's host side: serves the page, answers its (validated) messages, and shows what
 * the commands and the automatic sources diagnosed. The page may be torn down whenever the view
 * is hidden; it keeps its own state (getState/setState) and says `ready` when it is back.
 */
import * as vscode from 'vscode';
import { defaultTaxonomy } from '../../core/diagnose';
import { Command, VIEW_ID } from '../commands';
import type { Diagnosis, Doctor } from '../doctor';
import type { Services } from '../services';
import { inWorkspace } from '../locations';
import { sidebarHtml } from './html';
import { parsePageMessage } from './protocol';
import type { HostMessage, InitData, PageMessage, PageSource, Tab } from './protocol';
import { toPatternSummary, toPatternView, toResultView } from './viewModel';

/** What other surfaces may ask of the sidebar. */
export interface SidebarApi {
  /** Shows a diagnosis; `reveal` brings the view forward. */
  showDiagnosis(d: Diagnosis, reveal: boolean): Promise<void>;
  /** Shows a taxonomy pattern; false when the id is unknown. */
  showPattern(id: string): Promise<boolean>;
  showTab(tab: Tab, query?: string): Promise<void>;
  reveal(focusInput?: boolean): Promise<void>;
}

export class SidebarProvider implements vscode.WebviewViewProvider, SidebarApi, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  /** The last thing shown, replayed when the page comes back (it may also have it in its state). */
  private current: HostMessage | undefined;
  private queue: HostMessage[] = [];
  /** The automatic diagnosis to show when the view is next opened (it arrived while hidden). */
  private pendingUnseen: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly referenceUrls: Set<string>;

  constructor(private readonly services: Services) {
    const { doctor } = services;
    this.referenceUrls = new Set(doctor.patterns().flatMap((p) => p.references.map((r) => r.url)));
    this.disposables.push(
      doctor.history.onDidChange(() => {
        this.post({ type: 'history', items: doctor.history.views() });
        this.updateBadge();
      }),
      doctor.onDidChangeLastFailure((d) => this.post({ type: 'terminalFailure', available: d !== undefined })),
      doctor.onDidDiagnose((d) => services.log.guard('sidebar: automatic diagnosis', () => this.onAutomatic(d))),
    );
  }

  private get doctor(): Doctor {
    return this.services.doctor;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const extensionUri = this.services.context.extensionUri;
    // HTML before options: setting options first renders the still-empty document once, which
    // VS Code reports as a webview without a content security policy.
    view.webview.html = sidebarHtml(view.webview, extensionUri);
    view.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')] };
    this.disposables.push(
      view.webview.onDidReceiveMessage((raw: unknown) => {
        const msg = parsePageMessage(raw);
        if (!msg) {
          this.services.log.warn('sidebar: ignored a malformed message from the page');
          return;
        }
        void this.services.log.guard(`sidebar: ${msg.type}`, () => this.handle(msg));
      }),
      view.onDidChangeVisibility(() => {
        // Hidden pages are torn down; the next one says `ready` again.
        if (!view.visible) this.ready = false;
        else {
          this.showUnseen();
          this.updateBadge();
        }
      }),
      view.onDidDispose(() => {
        if (this.view === view) this.view = undefined;
        this.ready = false;
      }),
    );
    this.pendingUnseen ??= this.doctor.history.list().find((e) => e.unseen)?.id;
    this.updateBadge();
    this.services.log.info('sidebar: view resolved');
  }

  private post(msg: HostMessage): void {
    if (!this.view || !this.ready) {
      // Only the latest of each kind matters once the page comes back.
      this.queue = this.queue.filter((m) => m.type !== msg.type).concat(msg);
      return;
    }
    void this.view.webview.postMessage(msg);
  }

  private initData(): InitData {
    const vocab = defaultTaxonomy().vocabulary;
    return {
      patterns: this.doctor.patterns().map(toPatternSummary),
      rootCauses: vocab.rootCauses.map((t) => ({ ...t })),
      bugTypes: vocab.bugTypes.map((t) => ({ ...t })),
      impacts: vocab.impacts.map((t) => ({ ...t })),
      history: this.doctor.history.views(),
      hasTerminalFailure: this.doctor.lastFailure !== undefined,
      // `process` may be absent in a web extension host.
      modifierLabel: globalThis.process?.platform === 'darwin' ? '⌘' : 'Ctrl',
    };
  }

  private async handle(msg: PageMessage): Promise<void> {
    switch (msg.type) {
      case 'ready': {
        this.ready = true;
        const view = this.view;
        if (!view) return;
        await view.webview.postMessage({ type: 'init', data: this.initData() } satisfies HostMessage);
        const pending = this.queue;
        this.queue = [];
        // The current result goes first, so a pending tab switch or banner lands on top of it.
        if (this.current && !pending.some((m) => m.type === this.current!.type)) pending.unshift(this.current);
        for (const m of pending) await view.webview.postMessage(m);
        this.showUnseen();
        return;
      }
      case 'diagnose':
        if (msg.text.trim() === '') return this.post({ type: 'error', message: 'Paste an error message or a traceback first.' });
        return this.diagnoseAndShow(msg.text, 'paste');
      case 'diagnoseSource':
        return this.diagnoseSource(msg.source);
      case 'openPattern':
        if (!(await this.showPattern(msg.id))) this.post({ type: 'error', message: `No pattern with id ${msg.id}.` });
        return;
      case 'openHistory': {
        const d = await this.doctor.reopen(msg.id);
        if (d) await this.showDiagnosis(d, false);
        else this.post({ type: 'error', message: 'That history entry is gone.' });
        return;
      }
      case 'clearHistory':
        return void (await vscode.commands.executeCommand(Command.ClearHistory));
      case 'openLocation':
        return this.openLocation(msg.uri, msg.line);
      case 'openExternal':
        // Only the taxonomy's own references: the page cannot make us open anything else.
        if (!this.referenceUrls.has(msg.url) || !/^https?:\/\//.test(msg.url)) {
          this.services.log.warn('sidebar: refused to open a URL that is not a taxonomy reference');
          return;
        }
        await vscode.env.openExternal(vscode.Uri.parse(msg.url, true));
        return;
      case 'searchOnline': {
        const url = this.services.config.get().searchOnlineUrl.replace('%s', encodeURIComponent(msg.query));
        this.services.log.info('sidebar: the user opened an online search for the error');
        await vscode.env.openExternal(vscode.Uri.parse(url, true));
        return;
      }
      case 'copy':
        await vscode.env.clipboard.writeText(msg.text);
        vscode.window.setStatusBarMessage('$(copy) Copied', 2000);
        return;
      case 'tabChanged':
        return;
    }
  }

  private async diagnoseAndShow(text: string, source: 'paste' | 'clipboard' | 'selection'): Promise<void> {
    this.post({ type: 'busy', busy: true });
    // Let the busy state reach the page before the (synchronous) analysis runs.
    await new Promise((r) => setTimeout(r, 0));
    try {
      const d = await this.doctor.run(text, { source });
      await this.showDiagnosis(d, false);
    } finally {
      this.post({ type: 'busy', busy: false });
    }
  }

  private async diagnoseSource(source: PageSource): Promise<void> {
    if (source === 'terminal') {
      const d = this.doctor.lastFailure;
      if (!d) return this.post({ type: 'error', message: 'No failed terminal command yet. Run it in a terminal with shell integration, then try again.' });
      return this.showDiagnosis(d, false);
    }
    if (source === 'clipboard') {
      const text = await vscode.env.clipboard.readText();
      if (!text.trim()) return this.post({ type: 'error', message: 'The clipboard is empty.' });
      return this.diagnoseAndShow(text, 'clipboard');
    }
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => !e.selection.isEmpty);
    const text = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
    if (!text.trim()) return this.post({ type: 'error', message: 'Select the error text in an editor first.' });
    return this.diagnoseAndShow(text, 'selection');
  }

  private async openLocation(raw: string, line: number | undefined): Promise<void> {
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(raw, true);
    } catch {
      return;
    }
    const cell = uri.scheme === 'vscode-notebook-cell' && vscode.workspace.notebookDocuments.some((nb) => nb.getCells().some((c) => c.document.uri.toString() === uri.toString()));
    if (!inWorkspace(uri) && !cell) {
      this.services.log.warn('sidebar: refused to open a location outside the workspace');
      return;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    const pos = new vscode.Position(Math.min(Math.max(0, (line ?? 1) - 1), doc.lineCount - 1), 0);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos), preview: true });
  }

  async showDiagnosis(d: Diagnosis, reveal: boolean): Promise<void> {
    const vocab = defaultTaxonomy().vocabulary;
    const result = toResultView(
      { id: d.id, source: d.origin.source, ...(d.origin.label !== undefined ? { label: d.origin.label } : {}), time: d.time, report: d.report },
      vocab,
      (file) => d.files.get(file)?.toString(),
      (id) => this.doctor.pattern(id),
    );
    this.current = { type: 'showResult', result };
    this.doctor.history.markSeen(d.id);
    if (reveal) await this.reveal();
    this.post(this.current);
  }

  async showPattern(id: string): Promise<boolean> {
    const p = this.doctor.pattern(id);
    if (!p) return false;
    this.current = { type: 'showPattern', pattern: toPatternView(p, defaultTaxonomy().vocabulary) };
    await this.reveal();
    this.post(this.current);
    return true;
  }

  async showTab(tab: Tab, query?: string): Promise<void> {
    await this.reveal();
    this.post(query === undefined ? { type: 'showTab', tab } : { type: 'showTab', tab, query });
  }

  async reveal(focusInput = false): Promise<void> {
    // show() does not open a hidden view container; the view's focus command does.
    if (this.view?.visible) this.view.show(true);
    else await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    if (focusInput) this.post({ type: 'focusInput' });
  }

  private onAutomatic(d: Diagnosis): void {
    if (!d.origin.automatic || !d.best) return;
    if (this.view?.visible) {
      // In sight: a banner says so, the result the user is reading stays.
      const item = this.doctor.history.views().find((h) => h.id === d.id);
      if (item) this.post({ type: 'newAutomatic', item });
      this.doctor.history.markSeen(d.id);
    } else this.pendingUnseen = d.id;
    this.updateBadge();
  }

  /** Opening the view shows the newest automatic diagnosis that arrived while it was hidden. */
  private showUnseen(): void {
    if (!this.view?.visible || !this.ready || !this.pendingUnseen) return;
    const id = this.pendingUnseen;
    this.pendingUnseen = undefined;
    void this.services.log.guard('sidebar: show unseen', async () => {
      const d = await this.doctor.reopen(id);
      this.doctor.history.markSeen();
      if (d) await this.showDiagnosis(d, false);
    });
  }

  private updateBadge(): void {
    if (!this.view) return;
    const n = this.view.visible ? 0 : this.doctor.history.unseenCount();
    this.view.badge = n > 0 ? { value: n, tooltip: `${n} new diagnos${n === 1 ? 'is' : 'es'} from the terminal or a notebook` } : undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export function registerSidebar(services: Services): SidebarProvider {
  const provider = new SidebarProvider(services);
  services.context.subscriptions.push(provider, vscode.window.registerWebviewViewProvider(VIEW_ID, provider));
  return provider;
}

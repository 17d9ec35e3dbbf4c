/**
 * Terminal capture through shell integration: each command's output goes into a bounded tail
 * buffer; when the command fails (or prints a traceback) it is diagnosed, remembered as the
 * last failure, announced per `reuseDoctor.terminal.notify`, and its diagnostics published.
 * When the same command later succeeds, what it produced is withdrawn.
 *
 * Cost: a chunk costs one array push (the buffer trims itself every 2 × cap characters), so a
 * training run printing megabytes stays cheap; the time spent is measured and logged.
 */
import * as vscode from 'vscode';
import { confidenceWord } from '../cli/format';
import { redactSecrets } from '../core/redact';
import { present } from './commandHandlers';
import { Command } from './commands';
import type { Diagnosis } from './doctor';
import type { Services } from './services';
import { CAPTURE_CHARS, clip, hasTraceback, TailBuffer } from './text';

const RECENT_PER_TERMINAL = 5;
/** How long to wait for the end event once the output stream has closed (and vice versa). */
const END_GRACE_MS = 3000;

export interface Capture {
  terminal: vscode.Terminal;
  commandLine: string;
  buffer: TailBuffer;
  /** Milliseconds spent handling output chunks. */
  cost: number;
  chunks: number;
  exitCode?: number;
}

/** What the terminal link provider needs: the captured output around a line. */
export interface TerminalApi {
  /** The most recent captured command output of `terminal` that contains `line`. */
  outputContaining(terminal: vscode.Terminal, line: string): Capture | undefined;
}

class TerminalWatcher implements TerminalApi, vscode.Disposable {
  private readonly recent = new Map<vscode.Terminal, Capture[]>();
  private readonly status = vscode.window.createStatusBarItem('reuseDoctor.terminalFailure', vscode.StatusBarAlignment.Left, 0);
  private statusKey: string | undefined;
  private readonly disposables: vscode.Disposable[] = [this.status];

  constructor(private readonly s: Services) {
    this.status.name = 'Reuse Doctor: last terminal failure';
    this.status.command = Command.DiagnoseLastTerminalFailure;
    this.disposables.push(
      vscode.window.onDidStartTerminalShellExecution((e) => this.onStart(e)),
      vscode.window.onDidCloseTerminal((t) => this.recent.delete(t)),
      s.doctor.onDidResolve((key) => {
        if (key === this.statusKey) this.hideStatus();
      }),
      s.config.onDidChange(({ config }) => {
        if (config.terminalNotify !== 'statusBar' || !config.terminalCapture) this.hideStatus();
      }),
    );
  }

  outputContaining(terminal: vscode.Terminal, line: string): Capture | undefined {
    const needle = line.trim();
    return [...(this.recent.get(terminal) ?? [])].reverse().find((c) => c.buffer.text().includes(needle));
  }

  private onStart(e: vscode.TerminalShellExecutionStartEvent): void {
    if (!this.s.config.get().terminalCapture) return;
    // Command lines carry secrets too (`HF_TOKEN=hf_… python train.py`): redacted before they are
    // logged, shown or stored as a label.
    const commandLine = redactSecrets(e.execution.commandLine.value).text;
    const capture: Capture = { terminal: e.terminal, commandLine, buffer: new TailBuffer(CAPTURE_CHARS), cost: 0, chunks: 0 };
    // read() must be called right away, or the start of the output is lost.
    const stream = e.execution.read();
    let ended!: (code: number | undefined) => void;
    const end = new Promise<number | undefined>((resolve) => (ended = resolve));
    const listener = vscode.window.onDidEndTerminalShellExecution((ev) => {
      if (ev.execution === e.execution) ended(ev.exitCode);
    });
    void this.s.log.guard('terminal: capture', async () => {
      try {
        for await (const chunk of stream) {
          const t0 = performance.now();
          capture.buffer.push(chunk);
          capture.chunks++;
          capture.cost += performance.now() - t0;
        }
        const code = await Promise.race([end, new Promise<undefined>((r) => setTimeout(() => r(undefined), END_GRACE_MS))]);
        if (code !== undefined) capture.exitCode = code;
      } finally {
        listener.dispose();
      }
      await this.finish(capture);
    });
  }

  private async finish(c: Capture): Promise<void> {
    const list = this.recent.get(c.terminal) ?? [];
    list.push(c);
    if (list.length > RECENT_PER_TERMINAL) list.shift();
    this.recent.set(c.terminal, list);

    const text = c.buffer.text();
    const failed = c.exitCode !== undefined && c.exitCode !== 0;
    const key = `terminal:${c.commandLine}`;
    this.s.log.info(
      `terminal: "${clip(c.commandLine, 80)}" exited ${c.exitCode ?? '?'}; captured ${c.buffer.total} characters in ${c.chunks} chunks, ${c.cost.toFixed(1)} ms`,
    );
    if (!failed && !hasTraceback(text)) {
      if (c.exitCode === 0) this.s.doctor.resolve(key);
      return;
    }
    if (!text.trim()) return;
    const label = clip(c.commandLine || 'terminal command', 120);
    const d = await this.s.doctor.run(text, { source: 'terminal', label, automatic: true, key });
    if (d.report.findings.length === 0) return;
    this.s.doctor.setLastFailure(d);
    if (d.best) this.notify(d, key);
  }

  private notify(d: Diagnosis, key: string): void {
    const best = d.best!.candidate;
    const how = `${confidenceWord(best.confidence)} ${best.confidence.toFixed(2)}`;
    const mode = this.s.config.get().terminalNotify;
    if (mode === 'statusBar') {
      this.status.text = `$(debug-alt) ${clip(best.title, 48)}`;
      this.status.tooltip = new vscode.MarkdownString(`**Reuse Doctor** · last terminal failure\n\n\`${d.origin.label ?? ''}\`\n\n${best.title} (${how})\n\nClick to see the diagnosis.`);
      this.status.show();
      this.statusKey = key;
    } else if (mode === 'notification') {
      void vscode.window
        .showWarningMessage(`Reuse Doctor: "${clip(d.origin.label ?? 'the command', 60)}" failed. Likely: ${best.title} (${how}).`, 'Show Diagnosis')
        .then((pick) => (pick ? present(this.s, d) : undefined));
    }
  }

  private hideStatus(): void {
    this.status.hide();
    this.statusKey = undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export function registerTerminal(s: Services): void {
  const watcher = new TerminalWatcher(s);
  s.terminal = watcher;
  s.context.subscriptions.push(watcher);
}

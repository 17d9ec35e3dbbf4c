import * as vscode from 'vscode';

/**
 * The output channel "Reuse Doctor": what the extension did and any error of its own.
 * Never logs the text being diagnosed (it may hold secrets the user did not mean to keep).
 */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Reuse Doctor', { log: true });

  info(message: string): void {
    this.channel.info(message);
  }

  warn(message: string): void {
    this.channel.warn(message);
  }

  error(what: string, err: unknown): void {
    const detail = err instanceof Error ? err.stack ?? err.message : String(err);
    this.channel.error(`${what}: ${detail}`);
  }

  show(): void {
    this.channel.show(true);
  }

  /**
   * Runs `fn`, logging instead of throwing: one surface failing must not break another
   * (nor the event loop of whoever called us).
   */
  guard<T>(what: string, fn: () => T): T | undefined {
    try {
      const r = fn();
      if (r instanceof Promise) {
        return r.catch((err: unknown) => {
          this.error(what, err);
          return undefined;
        }) as T;
      }
      return r;
    } catch (err) {
      this.error(what, err);
      return undefined;
    }
  }

  dispose(): void {
    this.channel.dispose();
  }
}

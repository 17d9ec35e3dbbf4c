/**
 * Python debugging: when a debug session stops on an exception, ask the debug adapter for the
 * exception (DAP `exceptionInfo`, which debugpy answers with the traceback) and, when the core
 * recognises it, offer the diagnosis. Quiet otherwise.
 */
import * as vscode from 'vscode';
import { confidenceWord } from '../cli/format';
import { present } from './commandHandlers';
import type { Services } from './services';
import { clip } from './text';

const PYTHON_DEBUGGERS = new Set(['python', 'debugpy']);

interface ExceptionInfo {
  exceptionId?: string;
  description?: string;
  details?: { message?: string; typeName?: string; stackTrace?: string };
}

/** The exception as a traceback text, as much of it as the adapter gave. */
export function exceptionText(info: ExceptionInfo): string {
  const type = info.details?.typeName ?? info.exceptionId ?? 'Exception';
  const message = info.details?.message ?? info.description ?? '';
  const stack = info.details?.stackTrace?.trimEnd();
  const last = `${type}: ${message}`;
  return stack ? `Traceback (most recent call last):\n${stack}\n${last}` : last;
}

export function registerDebugger(s: Services): void {
  /** One offer per stop: the same exception is reported again when stepping out of frames. */
  let lastOffered = '';

  const offer = async (session: vscode.DebugSession, threadId: number | undefined): Promise<void> => {
    if (!s.config.get().debuggerEnabled) return;
    const info = (await session.customRequest('exceptionInfo', { threadId })) as ExceptionInfo;
    const text = exceptionText(info);
    if (text === lastOffered) return;
    lastOffered = text;
    const best = s.doctor.analyse(text).best;
    s.log.info(`debugger: "${session.name}" stopped on ${info.details?.typeName ?? info.exceptionId ?? 'an exception'}; ${best ? `likely ${best.candidate.id} ${best.candidate.confidence.toFixed(2)}` : 'no confident match'}`);
    if (!best) return;
    const c = best.candidate;
    const pick = await vscode.window.showInformationMessage(
      `Reuse Doctor: likely ${clip(c.title, 100)} (${confidenceWord(c.confidence)} ${c.confidence.toFixed(2)}).`,
      'Show Diagnosis',
    );
    if (pick) await present(s, await s.doctor.run(text, { source: 'diagnostic', label: `debug: ${session.name}` }));
  };

  s.context.subscriptions.push(
    vscode.debug.registerDebugAdapterTrackerFactory('*', {
      createDebugAdapterTracker(session) {
        if (!PYTHON_DEBUGGERS.has(session.type)) return undefined;
        s.log.info(`debugger: watching "${session.name}" for exception stops`);
        return {
          onDidSendMessage(m: { type?: string; event?: string; body?: { reason?: string; threadId?: number } }) {
            if (m.type === 'event' && m.event === 'stopped' && m.body?.reason === 'exception') {
              void s.log.guard('debugger: exception stop', () => offer(session, m.body?.threadId));
            }
          },
        };
      },
    }),
  );
}

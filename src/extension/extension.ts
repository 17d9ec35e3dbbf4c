/**
 * Activation: the shared services (log, settings, the doctor), then each surface on its own.
 * A surface that throws while starting is logged and skipped; the others still start.
 */
import type * as vscode from 'vscode';
import { registerCodeActions } from './codeActions';
import { registerCommands } from './commandHandlers';
import { ConfigStore } from './config';
import { registerDebugger } from './debugger';
import { registerDiagnostics } from './diagnostics';
import { Doctor } from './doctor';
import { registerHover } from './hover';
import { Log } from './log';
import { registerLogFiles } from './logFiles';
import { registerNotebooks } from './notebooks';
import type { Services } from './services';
import { registerSidebar } from './sidebar/provider';
import { registerTerminal } from './terminal';
import { registerTerminalLinks } from './terminalLinks';

type Surface = [name: string, start: (s: Services) => void];

const SURFACES: Surface[] = [
  ['sidebar', (s) => { s.sidebar = registerSidebar(s); }],
  ['commands', registerCommands],
  ['diagnostics', registerDiagnostics],
  ['hover', registerHover],
  ['code actions', registerCodeActions],
  ['terminal', registerTerminal],
  ['terminal links', registerTerminalLinks],
  ['notebooks', registerNotebooks],
  ['log files', registerLogFiles],
  ['debugger', registerDebugger],
];

export function activate(context: vscode.ExtensionContext): void {
  const log = new Log();
  context.subscriptions.push(log);
  const config = new ConfigStore();
  const doctor = new Doctor(context, config, log);
  context.subscriptions.push(config, doctor);
  const services: Services = { context, log, config, doctor };
  for (const [name, start] of SURFACES) {
    try {
      start(services);
    } catch (err) {
      log.error(`${name} failed to start`, err);
    }
  }
  log.info(`activated (${doctor.patterns().length} patterns)`);
}

export function deactivate(): void {}

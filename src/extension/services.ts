import type * as vscode from 'vscode';
import type { ConfigStore } from './config';
import type { DiagnosticsApi } from './diagnostics';
import type { Doctor } from './doctor';
import type { Log } from './log';
import type { SidebarApi } from './sidebar/provider';
import type { TerminalApi } from './terminal';

/**
 * What every surface gets. `sidebar` is absent when the sidebar failed to register: the other
 * surfaces then fall back to a notification, and keep working.
 */
export interface Services {
  context: vscode.ExtensionContext;
  log: Log;
  config: ConfigStore;
  doctor: Doctor;
  sidebar?: SidebarApi;
  diagnostics?: DiagnosticsApi;
  terminal?: TerminalApi;
}

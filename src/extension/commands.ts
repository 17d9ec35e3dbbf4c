/**
 * Every command id, named once. Titles and menus live in package.json; the handlers in
 * commandHandlers.ts. Each command takes an optional first argument (text to diagnose, or a
 * pattern id) so the palette, hovers, links, lenses and status items share one command.
 */
export const enum Command {
  DiagnoseError = 'reuseDoctor.diagnoseError',
  DiagnoseSelection = 'reuseDoctor.diagnoseSelection',
  DiagnoseClipboard = 'reuseDoctor.diagnoseClipboard',
  DiagnoseLastTerminalFailure = 'reuseDoctor.diagnoseLastTerminalFailure',
  SearchTaxonomy = 'reuseDoctor.searchTaxonomy',
  ShowSidebar = 'reuseDoctor.showSidebar',
  ClearHistory = 'reuseDoctor.clearHistory',
  ClearDiagnostics = 'reuseDoctor.clearDiagnostics',
  /** Internal (hidden from the palette): shows a recorded diagnosis by its history id. */
  OpenDiagnosis = 'reuseDoctor.openDiagnosis',
  ShowLog = 'reuseDoctor.showLog',
}

/** The commands a trusted hover link may run (MarkdownString.isTrusted.enabledCommands). */
export const LINKABLE_COMMANDS: readonly string[] = [Command.DiagnoseError, Command.OpenDiagnosis, Command.SearchTaxonomy];

/** The sidebar's view id (package.json `contributes.views`). */
export const VIEW_ID = 'reuseDoctor.sidebar';
export const VIEW_CONTAINER_ID = 'reuseDoctor';

/** `source` of our own diagnostics. */
export const DIAGNOSTIC_SOURCE = 'Reuse Doctor';

/**
 * Documents our editor surfaces serve: local and remote files, untitled buffers, notebook cells
 * (a selector without a scheme would also match e.g. git or output documents).
 */
export const DOCUMENT_SCHEMES: readonly string[] = ['file', 'untitled', 'vscode-notebook-cell', 'vscode-remote', 'vscode-vfs'];

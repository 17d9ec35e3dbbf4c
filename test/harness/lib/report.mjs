// Turns the host's output into what a person (or CI) reads: mocha's lines as
// they come, then on failure the failing tests, their assertions and the
// VS Code log entries that explain them, and always a closing `N passed, N failed`.
import * as fs from 'node:fs';
import { inspect } from 'node:util';
import { parseTagged } from './protocol.mjs';
import { mapFrame } from './stack.mjs';

/** Our extension's own output channels: shown in full (their tail). */
const OWN_LOG = /reuse[- ]doctor/i;
const OWN_LOG_TAIL = 30;
/** Other logs: only their errors and warnings, the last few. */
const ENTRIES_PER_LOG = 12;
const LINES_PER_ENTRY = 8;
/** VS Code log lines start with a timestamp and a level; other lines continue the entry. */
const ENTRY_START = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \[(\w+)\]/;
const PROBLEM = /\[(error|warning|pageerror)\]|\b(ERR|Error|error|FATAL)\b/;
/** Messages every run has, unrelated to the extension under test. */
const NOISE = [
  /Could not identify extension for 'vscode' require call/, // the suite lives outside a fake extension's folder
  /Accessing a resource scoped configuration without providing a resource/, // vscode.git
  /Creation of workbench contribution .* took/,
  /same-origin iframe|allow-scripts and allow-same-origin|Overwriting extension <</, // web workbench set-up
  /Failed to load resource: .* 404/, // vsda, absent from code-server
  /File Watcher \(universal\)\] restarting watcher/, // at shutdown
  /integration test\(s\) failed|^\[error\]\s+at /, // the suite's own rejection, reported above
  /\[rd:(log|event)\]/,
];

export class Report {
  /** @param {string} hostLogFile where untagged host output is kept */
  constructor(hostLogFile) {
    this.hostLog = fs.createWriteStream(hostLogFile, { flags: 'a' });
    /** @type {string | undefined} the test running now, to name a hang */
    this.currentTest = undefined;
    this.tally = { passed: 0, failed: 0, pending: 0 };
    /** @type {number | undefined} when the suite started talking: the host was up */
    this.firstEventAt = undefined;
  }

  /** One line of host output: ours is printed or tracked, VS Code's is kept in the log. */
  line(text) {
    const tagged = parseTagged(text);
    if (!tagged) {
      this.hostLog.write(`${text}\n`);
      return;
    }
    if (tagged.kind === 'log') {
      console.log(`  ${mapFrame(tagged.text)}`);
      return;
    }
    const { event } = tagged;
    this.firstEventAt ??= Date.now();
    if (event.type === 'test-begin') this.currentTest = event.title;
    if (event.type === 'test-end') {
      this.currentTest = undefined;
      if (event.state in this.tally) this.tally[event.state]++;
    }
  }

  /**
   * Prints the ending and returns the exit code.
   * @param {object} outcome
   * @param {any} [outcome.result] the suite's result file, if it was written
   * @param {string} [outcome.problem] why the run ended abnormally (timeout, crash)
   * @param {{ file: string, shown: string }[]} [outcome.logs] logs to look into on failure
   */
  async finish({ result, problem, logs = [] }) {
    await new Promise((resolve) => this.hostLog.end(resolve));
    // The result file is authoritative; the live tally covers a host that died first.
    const counts = result ?? this.tally;
    const failures = [...(result?.failures ?? [])];
    if (problem) failures.push({ title: '(integration run)', message: problem });
    const failed = counts.failed + (problem ? 1 : 0);
    const ranNothing = counts.passed === 0 && failed === 0;

    if (failures.length > 0) {
      console.log('\n──── failing ────');
      failures.forEach((f, i) => printFailure(i + 1, f));
      printLogs(logs);
    }
    if (counts.pending > 0) console.log(`\n${counts.pending} skipped`);
    if (ranNothing) console.log('\nno integration test ran (check --grep and test/integration/**/*.test.ts)');
    console.log(`\n${counts.passed} passed, ${failed} failed`);
    return failed > 0 || ranNothing ? 1 : 0;
  }
}

/** Names what was going on when a run hung. @param {Report} report */
export function whereHung(report) {
  if (report.currentTest) return ` while running "${report.currentTest}"`;
  if (report.firstEventAt) return ' between tests (in a hook?)';
  return ' and no test had started (did VS Code load the extension and the suite? see the logs)';
}

function printFailure(n, f) {
  console.log(`\n${n}) ${f.title}`);
  console.log(indent(f.message));
  if (f.expected !== undefined || f.actual !== undefined) {
    console.log(indent(`expected: ${show(f.expected)}`));
    console.log(indent(`actual:   ${show(f.actual)}`));
  }
  // The first frames are enough to find the line; the message is already above.
  const frames = (f.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 6);
  if (frames.length) console.log(frames.map((l) => `    ${mapFrame(l.trim())}`).join('\n'));
}

function printLogs(logs) {
  if (logs.length === 0) return;
  console.log('\n──── VS Code logs: errors and warnings (full copies under test-artifacts/logs/) ────');
  // The workbench log reaches us by several routes (window.log, the page
  // console, codeAutomationLog): print each message once.
  const printed = new Set();
  for (const { file, shown } of logs) {
    let text;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const own = OWN_LOG.test(shown);
    const picked = own
      ? [text.trimEnd().split('\n').slice(-OWN_LOG_TAIL).join('\n')]
      : problemEntries(text).filter((entry) => {
        const key = messageKey(entry);
        if (printed.has(key)) return false;
        printed.add(key);
        return true;
      });
    if (picked.length === 0) continue;
    console.log(`\n── ${shown}${own ? '' : ' (errors and warnings)'} ──`);
    console.log(picked.join('\n'));
  }
}

/** The last error/warning entries of a log, each cut to a few lines. */
function problemEntries(text) {
  const lines = text.split('\n');
  const timestamped = lines.some((l) => ENTRY_START.test(l));
  const entries = [];
  for (const line of lines) {
    // In VS Code's own logs a line without a timestamp continues the entry above.
    if (!timestamped || ENTRY_START.test(line) || entries.length === 0) entries.push([line]);
    else entries[entries.length - 1].push(line);
  }
  return entries
    .filter(([head]) => PROBLEM.test(head) && !NOISE.some((re) => re.test(head)))
    .slice(-ENTRIES_PER_LOG)
    .map((entry) => entry.slice(0, LINES_PER_ENTRY).join('\n'));
}

/** An entry's first line without its timestamp, level and console styling. */
function messageKey(entry) {
  return entry.split('\n')[0]
    .replace(ENTRY_START, '')
    .replace(/^\[\w+\]\s*/, '')
    .replace(/%c\s*\w+\s*color: #\w+\s*/, '')
    .trim();
}

function show(value) {
  return typeof value === 'string' ? value : inspect(value, { depth: 4 });
}

function indent(text) {
  return String(text).split('\n').map((l) => `    ${l}`).join('\n');
}

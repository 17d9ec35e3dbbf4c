#!/usr/bin/env node
// Opens a VS Code with the extension loaded (from its built dist/) on a
// workspace, for trying it by hand:
//
//   node test/harness/start.mjs [--workspace <dir>]
//
// With a desktop `code` on the PATH it runs `code --extensionDevelopmentPath`;
// otherwise it serves the offline code-server on a loopback port and prints
// the URL to open. Ctrl+C stops everything it started.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { startCodeServer, workbenchUrl } from './lib/code-server.mjs';
import { harnessDir, repoRoot } from './lib/paths.mjs';
import { hasCommand } from './lib/processes.mjs';
import { createWorkDir, isolatedEnv } from './lib/workdir.mjs';

const { values: opts } = parseArgs({
  options: {
    workspace: { type: 'string', default: process.env.RD_DEMO_WORKSPACE ?? path.join(repoRoot, 'examples') },
    port: { type: 'string', default: process.env.RD_PORT },
  },
});
const workspace = path.resolve(opts.workspace);
if (!fs.existsSync(workspace)) {
  console.error(`[start] no workspace at ${workspace} (pass --workspace <dir>)`);
  process.exit(1);
}

if (hasCommand('code') && !process.env.RD_HOST?.startsWith('code-server')) {
  // The desktop VS Code owns its window; it keeps running after we return.
  console.log(`[start] opening desktop VS Code on ${workspace}`);
  const res = spawnSync('code', ['--extensionDevelopmentPath', repoRoot, workspace], { stdio: 'inherit' });
  process.exit(res.status ?? 1);
}

const setup = spawnSync(process.execPath, [path.join(harnessDir, 'setup.mjs')], { stdio: 'inherit' });
if (setup.status !== 0) process.exit(1);

const w = createWorkDir();
let stopping = false;
let server;
const stop = async () => {
  stopping = true;
  await server?.stop();
  process.exit(0); // the work dir goes on exit
};
// processes.mjs turns these signals into a plain exit (which also kills the
// group); here Ctrl+C first stops code-server gently.
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.removeAllListeners(sig);
  process.once(sig, stop);
}
server = await startCodeServer({
  workDir: w,
  env: isolatedEnv(w),
  port: opts.port ? Number(opts.port) : undefined,
});
const url = workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: repoRoot });
console.log(`[start] VS Code (code-server, offline) with Reuse Doctor on ${workspace}:\n\n  ${url}\n`);
console.log('[start] open that URL in a browser on this machine; Ctrl+C stops the server');

const code = await server.exited;
if (stopping) await new Promise(() => {}); // stop() is cleaning up and will exit
console.error(`[start] code-server exited (${code}); its log:\n${fs.readFileSync(server.logFile, 'utf8').split('\n').slice(-20).join('\n')}`);
process.exit(1);

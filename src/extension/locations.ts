/**
 * Which file names in a report are files of the workspace. A traceback's paths may come from
 * another machine (Colab's /content, a container's /workspace): when a path does not exist
 * as written, the innermost location is looked up by its trailing path segments.
 */
import * as vscode from 'vscode';
import type { Report } from '../core/types';
import type { Log } from './log';

const MAX_FILES = 30;
const MAX_SEARCHES = 3;
const EXCLUDE = '**/{node_modules,.git,site-packages,dist-packages,__pycache__}/**';

function segments(path: string): string[] {
  return path.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/** A name a traceback gives for code that is not a file: `<stdin>`, `Cell In[3]`, `<frozen …>`. */
function notAFile(path: string): boolean {
  return path.includes('<') || /^Cell In\[/.test(path) || path.trim() === '';
}

async function isFile(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}

export function inWorkspace(uri: vscode.Uri): boolean {
  return vscode.workspace.getWorkspaceFolder(uri) !== undefined;
}

async function direct(path: string): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (isAbsolute(path)) {
    const folder = folders[0];
    const uri = folder && folder.uri.scheme !== 'file' ? folder.uri.with({ path: path.replace(/\\/g, '/') }) : vscode.Uri.file(path);
    return inWorkspace(uri) && (await isFile(uri)) ? uri : undefined;
  }
  for (const folder of folders) {
    const uri = vscode.Uri.joinPath(folder.uri, ...segments(path));
    if (await isFile(uri)) return uri;
  }
  return undefined;
}

/** The workspace file sharing the longest tail of path segments with `path`, if unambiguous. */
async function bySuffix(path: string): Promise<vscode.Uri | undefined> {
  const segs = segments(path);
  const base = segs[segs.length - 1];
  if (!base || /[[\]{}*?!]/.test(base)) return undefined;
  const found = await vscode.workspace.findFiles(`**/${base}`, EXCLUDE, 50);
  let best: vscode.Uri | undefined;
  let bestScore = 0;
  let tie = false;
  for (const uri of found) {
    const theirs = segments(uri.path);
    let score = 0;
    while (score < segs.length && score < theirs.length && segs[segs.length - 1 - score] === theirs[theirs.length - 1 - score]) score++;
    if (score > bestScore) {
      best = uri;
      bestScore = score;
      tie = false;
    } else if (score === bestScore) tie = true;
  }
  return tie ? undefined : best;
}

/** File name (as the report writes it) → workspace file, for every user frame and location. */
export async function resolveFiles(report: Report, log: Log): Promise<Map<string, vscode.Uri>> {
  const out = new Map<string, vscode.Uri>();
  if (!vscode.workspace.workspaceFolders?.length) return out;
  const names: string[] = [];
  const innermost: string[] = [];
  for (const f of report.findings) {
    const loc = f.error.location?.file;
    if (loc && !notAFile(loc)) {
      names.push(loc);
      innermost.push(loc);
    }
    for (const frame of f.error.frames ?? []) if (frame.user && !notAFile(frame.file)) names.push(frame.file);
  }
  const unique = [...new Set(names)].slice(0, MAX_FILES);
  try {
    await Promise.all(
      unique.map(async (name) => {
        const uri = await direct(name);
        if (uri) out.set(name, uri);
      }),
    );
    let searches = 0;
    for (const name of new Set(innermost)) {
      if (out.has(name) || searches >= MAX_SEARCHES) continue;
      searches++;
      const uri = await bySuffix(name);
      if (uri) out.set(name, uri);
    }
  } catch (err) {
    log.error('resolving traceback paths', err);
  }
  return out;
}

// Settings and manners: the typed reader mirrors contributes.configuration, each automatic
// surface can be switched off on its own, untrusted workspaces are declared supported, the
// walkthrough's media exist.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { settingKeys } from '../../src/extension/config';
import { waitFor } from './wait';

const EXTENSION_ID = 'reuse-doctor.reuse-doctor';

interface Manifest {
  contributes: {
    configuration: { properties: Record<string, { default?: unknown }> };
    walkthroughs: { steps: { media: { markdown?: string } }[] }[];
  };
  capabilities: { untrustedWorkspaces: { supported: boolean | string } };
}

function manifest(): { pkg: Manifest; root: string } {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, 'extension loaded');
  return { pkg: ext.packageJSON as Manifest, root: ext.extensionPath };
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

suite('settings', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  test('the config reader and contributes.configuration declare the same settings', () => {
    const declared = Object.keys(manifest().pkg.contributes.configuration.properties).sort();
    assert.deepEqual(settingKeys().sort(), declared);
  });

  test('untrusted workspaces are supported (nothing of the workspace is run)', () => {
    assert.equal(manifest().pkg.capabilities.untrustedWorkspaces.supported, true);
  });

  test('every walkthrough step has its media file', () => {
    const { pkg, root } = manifest();
    for (const w of pkg.contributes.walkthroughs) {
      for (const step of w.steps) {
        if (step.media.markdown) assert.ok(fs.existsSync(path.join(root, step.media.markdown)), step.media.markdown);
      }
    }
  });

  test('hover.enabled = false switches the hover off, and only the hover', async () => {
    const doc = await vscode.workspace.openTextDocument({ content: 'x = 1\n', language: 'python' });
    const other = vscode.languages.createDiagnosticCollection('settings-test');
    const config = vscode.workspace.getConfiguration('reuseDoctor');
    try {
      const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 5), 'RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 15.78 GiB total capacity; 13.10 GiB already allocated)');
      other.set(doc.uri, [d]);
      const hover = async (): Promise<string> => hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 1)));
      await waitFor('our hover', async () => (await hover()).includes('Likely root cause'));
      await config.update('hover.enabled', false, vscode.ConfigurationTarget.Global);
      await waitFor('no hover of ours', async () => !(await hover()).includes('Likely root cause'));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
      assert.ok(actions.some((a) => a.title.startsWith('Explain with Reuse Doctor')), 'code actions still on');
      await config.update('codeActions.enabled', false, vscode.ConfigurationTarget.Global);
      await waitFor('no code actions of ours', async () => {
        const a = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
        return !a.some((x) => x.title.startsWith('Explain with Reuse Doctor'));
      });
    } finally {
      other.dispose();
      await config.update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
      await config.update('codeActions.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('diagnostics.enabled = false: a diagnosed traceback leaves no diagnostic', async () => {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root);
    const file = path.join(root, 'quiet.py');
    fs.writeFileSync(file, 'import torch\nstate = torch.load("ckpt.pt")\n');
    const config = vscode.workspace.getConfiguration('reuseDoctor');
    const tb = [
      'Traceback (most recent call last):',
      `  File "${file}", line 2, in <module>`,
      '    state = torch.load("ckpt.pt")',
      "RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.",
    ].join('\n');
    try {
      await config.update('diagnostics.enabled', false, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('reuseDoctor.diagnoseError', tb);
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(vscode.languages.getDiagnostics(vscode.Uri.file(file)).filter((d) => d.source === 'Reuse Doctor').length, 0);
      await config.update('diagnostics.enabled', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('reuseDoctor.diagnoseError', tb);
      await waitFor('the diagnostic once enabled again', () => vscode.languages.getDiagnostics(vscode.Uri.file(file)).some((d) => d.source === 'Reuse Doctor'));
    } finally {
      await config.update('diagnostics.enabled', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('reuseDoctor.clearDiagnostics');
    }
  });
});

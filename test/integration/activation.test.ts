// Smoke test: the bundled extension (dist/, what ships in the .vsix) loads and
// activates in a real VS Code, and its commands are registered.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './ui';
import { waitFor } from './wait';

suite('activation', () => {
  test('the extension is installed from its bundled dist/ build and activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded (an engines.vscode newer than the host also causes this)`);
    const main = (ext.packageJSON as { main?: string }).main ?? '';
    assert.equal(path.normalize(main), path.normalize('./dist/extension.js'), 'package.json main must be the esbuild bundle');
    // Activation through the extension's own activation events, not forced here.
    await waitFor(`${EXTENSION_ID} to activate`, () => ext.isActive, 15_000);
  });

  test('command reuseDoctor.diagnoseError is registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('reuseDoctor.diagnoseError'), 'reuseDoctor.diagnoseError is not registered');
  });
});

import * as vscode from 'vscode';

/** A fresh nonce per page load: only our own script runs. */
function nonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The sidebar page: a strict CSP (no inline code, no remote anything, one nonce'd script),
 * styles and the codicon font from the extension's own dist/.
 */
export function sidebarHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const asset = (...p: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', ...p)).toString();
  const n = nonce();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `script-src 'nonce-${n}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('codicons', 'codicon.css')}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${asset('webview.css')}">
<title>Reuse Doctor</title>
</head>
<body>
<div id="app" class="app"></div>
<script nonce="${n}" src="${asset('webview.js')}"></script>
</body>
</html>`;
}

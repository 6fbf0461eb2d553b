import vscode = require('vscode');

import { useBundle } from '../core/l10n';

// This bundle's own copy of @vscode/l10n (see src/extension.ts) speaks VS Code's display language.
useBundle(vscode.l10n.bundle);

/**
 * The accuracy lab in the editor, bundled on its own (dist/accuracy.js): the commands in
 * src/commands load it on first use, so its metric, report and CSV code stays out of dist/main.js.
 */
export { evaluateAccuracy } from './evaluate';
export { qualityReport } from './quality';
export { saveReport } from './save';

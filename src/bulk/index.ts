import vscode = require('vscode');

import { useBundle } from '../core/l10n';

// This bundle's own copy of @vscode/l10n (see src/extension.ts) speaks VS Code's display language.
useBundle(vscode.l10n.bundle);

/**
 * The bulk runner in the editor (Enroll / Update / Delete Folder…), bundled on its own
 * (dist/bulk.js): src/commands/bulkFolder.ts loads it on first use, so the runner and its CSV
 * parser stay out of dist/main.js.
 */
export { bulkFolder } from './folder';

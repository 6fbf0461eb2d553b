import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './paths';

const PUBLISHER = 'biopassid-tests';
const NAME = 'language-pack-minimal';
const VERSION = '1.0.0';

/**
 * A display language for the workbench, as small as VS Code accepts one.
 *
 * code-server (1.100 and 1.139 alike) started with `--locale pt-br` but with no language pack for
 * pt-br resolves the language to English: `vscode.env.language` is `en`, no extension's
 * `bundle.l10n.pt-br.json` or `package.nls.pt-br.json` is read. The marketplace's packs cannot be
 * fetched here, so this writes one: an extension that contributes `localizations` for the locale
 * with an empty translation of VS Code's own strings (the workbench stays English; only the
 * extensions' bundles change), packs it with vsce and installs it with `--install-extension`.
 *
 * The server reads the installed packs from `<user data>/languagepacks.json`, a cache VS Code
 * fills from the installed extensions when something lists the display languages (Configure
 * Display Language); a fresh user data folder has none yet, so this writes the entry that cache
 * holds for the pack (its id and version, their md5 as the hash, and the path of its translation).
 */
export async function installLanguagePack(
  locale: string,
  label: string,
  dirs: { build: 'latest'; userDataDir: string; extensionsDir: string },
): Promise<void> {
  const harness = (await import(
    pathToFileURL(join(REPO_ROOT, 'test/harness/code-server.mjs')).href
  )) as typeof import('../../harness/code-server.mjs');
  const stage = mkdtempSync(join(tmpdir(), 'bpid-langpack-'));
  try {
    const folder = join(stage, 'pack');
    mkdirSync(join(folder, 'translations'), { recursive: true });
    writeFileSync(
      join(folder, 'package.json'),
      JSON.stringify({
        name: NAME,
        displayName: `${label} (minimal, for the end-to-end tests)`,
        description: 'Declares the display language; translates none of the workbench.',
        publisher: PUBLISHER,
        version: VERSION,
        license: 'MIT',
        engines: { vscode: '^1.100.0' },
        categories: ['Language Packs'],
        contributes: {
          localizations: [
            {
              languageId: locale,
              languageName: label,
              localizedLanguageName: label,
              translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
            },
          ],
        },
      }),
    );
    writeFileSync(join(folder, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
    writeFileSync(join(folder, 'README.md'), `# ${label}\n`);
    const vsix = join(stage, 'pack.vsix');
    const packed = spawnSync(
      process.execPath,
      [
        join(REPO_ROOT, 'node_modules/@vscode/vsce/vsce'),
        'package',
        '--no-dependencies',
        '--allow-missing-repository',
        '--skip-license',
        '--out',
        vsix,
      ],
      { cwd: folder, encoding: 'utf8' },
    );
    if (packed.status !== 0) throw new Error(`packing the language pack failed: ${packed.stderr || packed.stdout}`);
    harness.installVsix({ build: dirs.build, vsix, extensionsDir: dirs.extensionsDir, userDataDir: dirs.userDataDir });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  const id = `${PUBLISHER}.${NAME}`;
  const installed = readdirSync(dirs.extensionsDir).find((entry) => entry.startsWith(`${id}-`));
  if (!installed) throw new Error(`the language pack is not in ${dirs.extensionsDir}`);
  writeFileSync(
    join(dirs.userDataDir, 'languagepacks.json'),
    JSON.stringify({
      [locale]: {
        hash: createHash('md5').update(id).update(VERSION).digest('hex'),
        extensions: [{ extensionIdentifier: { id }, version: VERSION }],
        translations: { vscode: join(dirs.extensionsDir, installed, 'translations', 'main.i18n.json') },
        label,
      },
    }),
  );
}

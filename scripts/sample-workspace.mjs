// Creates the sample workspace `npm start` opens: synthetic images (no real person) and a short
// guide. Re-run safe: existing files are kept, so your own experiments survive.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

export function makeSampleWorkspace(folder) {
  // Transpiled by `node scripts/build.mjs --tests`.
  const { syntheticFacePng } = require('../out/src/core/images/synthetic.js');
  const files = {
    'faces/alice.png': () => syntheticFacePng({ size: 160, variant: 0 }),
    'faces/alice-again.png': () => syntheticFacePng({ size: 160, variant: 0 }),
    'faces/bob.png': () => syntheticFacePng({ size: 160, variant: 1 }),
    'README.md': () =>
      [
        '# BioPass ID sample workspace',
        '',
        'Synthetic images drawn in code (no real person), to try the extension without your own data.',
        '',
        '- Open the Command Palette and run **BioPass ID: Show Output** to see the extension log,',
        '  including the environment requests go to.',
        '- `faces/alice.png` and `faces/alice-again.png` are the same face; `faces/bob.png` is another.',
        '',
      ].join('\n'),
  };
  for (const [name, make] of Object.entries(files)) {
    const path = join(folder, name);
    if (existsSync(path)) continue;
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, make());
  }
  return folder;
}

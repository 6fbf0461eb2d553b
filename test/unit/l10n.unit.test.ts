import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(__dirname, '../../..');

type Bundle = Record<string, string | { message: string; comment: string[] }>;

function readJson(file: string): Bundle {
  return JSON.parse(readFileSync(join(root, file), 'utf8')) as Bundle;
}

/** The English text of a bundle entry (a key with a comment is `message/comment`; its value says the message). */
function english(value: Bundle[string]): string {
  return typeof value === 'string' ? value : value.message;
}

/**
 * What a translation must carry over unchanged: `{0}` / `{name}` placeholders, `command:` links
 * and `#setting#` references of manifest markdown, and `$(icon)` codicons. Sorted, so the order
 * may change with the sentence.
 */
function tokens(text: string): string[] {
  const patterns = [/\{(?:\d+|[A-Za-z_]\w*)\}/g, /\(command:[\w.]+\)/g, /#biopassid\.\w+#/g, /\$\([\w-]+\)/g];
  return patterns.flatMap((pattern) => text.match(pattern) ?? []).sort();
}

/** Every English entry without a translation, and every translation whose tokens differ from its English. */
function translationProblems(source: Bundle, translated: Bundle): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(source)) {
    const target = translated[key];
    if (typeof target !== 'string' || target.trim() === '') {
      problems.push(`no translation: ${key}`);
      continue;
    }
    const want = tokens(english(value));
    const got = tokens(target);
    if (JSON.stringify(want) !== JSON.stringify(got)) {
      problems.push(`${key}: placeholders ${JSON.stringify(want)} became ${JSON.stringify(got)}`);
    }
  }
  for (const key of Object.keys(translated)) if (!(key in source)) problems.push(`translation of no string: ${key}`);
  return problems;
}

describe('localization', () => {
  it('l10n/bundle.l10n.json holds exactly the strings of the l10n.t calls in src/ (npm run build regenerates it)', async function () {
    // The extractor parses every file of src/ (a few seconds on an idle machine of two cores).
    this.timeout(180_000);
    const { exportBundle } = (await import(pathToFileURL(join(root, 'scripts/l10n.mjs')).href)) as {
      exportBundle(): Promise<string>;
    };
    const committed = readFileSync(join(root, 'l10n/bundle.l10n.json'), 'utf8');
    assert.equal(committed, await exportBundle(), 'l10n/bundle.l10n.json is stale: run npm run build and commit it');
  });

  it('translates every string of the bundle into Brazilian Portuguese, with the same placeholders', () => {
    const problems = translationProblems(readJson('l10n/bundle.l10n.json'), readJson('l10n/bundle.l10n.pt-br.json'));
    assert.deepEqual(problems, []);
  });

  it('translates every manifest string (package.nls.json) into Brazilian Portuguese, with the same links', () => {
    const problems = translationProblems(readJson('package.nls.json'), readJson('package.nls.pt-br.json'));
    assert.deepEqual(problems, []);
  });

  it('finds the problems it is there for: a missing translation and a lost placeholder', () => {
    assert.deepEqual(
      translationProblems(
        { 'Image {0} is empty.': 'Image {0} is empty.', 'Sent.': 'Sent.', go: '[Go](command:biopassid.getStarted)' },
        { 'Image {0} is empty.': 'A imagem está vazia.', go: '[Ir](command:x)' },
      ),
      [
        'Image {0} is empty.: placeholders ["{0}"] became []',
        'no translation: Sent.',
        'go: placeholders ["(command:biopassid.getStarted)"] became ["(command:x)"]',
      ],
    );
  });
});

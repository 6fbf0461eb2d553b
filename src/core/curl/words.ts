import { parse } from 'shell-quote';
import { l10n } from '../l10n';

export type WordsResult = { ok: true; words: string[] } | { ok: false; message: string };

/**
 * Joins the line continuations of a pasted command: a backslash at the end of a line (bash, zsh,
 * the vendor's docs), a caret (Windows cmd, where `^"` also escapes a quote) or a backtick
 * (PowerShell).
 */
function joinContinuations(text: string): string {
  const cmdStyle = /\^\r?\n/.test(text);
  let joined = text.replace(/\\\r?\n/g, ' ').replace(/`\r?\n/g, ' ');
  if (cmdStyle) joined = joined.replace(/\^\r?\n/g, ' ').replace(/\^(.)/g, '$1');
  return joined.replace(/\r?\n/g, ' ');
}

/**
 * Where a quote opened and was never closed, following the POSIX rules: nothing escapes inside
 * single quotes; a backslash escapes the next character elsewhere. shell-quote reads an open
 * quote to the end of the text without a word, so this is checked first.
 */
function unclosedQuote(text: string): { quote: string; at: number } | undefined {
  let open: { quote: string; at: number } | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (open?.quote === "'") {
      if (c === "'") open = undefined;
    } else if (c === '\\') {
      i++;
    } else if (open?.quote === '"') {
      if (c === '"') open = undefined;
    } else if (c === "'" || c === '"') {
      open = { quote: c, at: i };
    }
  }
  return open;
}

/**
 * The words of one pasted curl command, as a POSIX shell would split them. Shell variables stay
 * as written (`$BIOPASSID_API_KEY`): nothing is expanded, so no secret of this machine is read.
 */
export function curlWords(text: string): WordsResult {
  const joined = joinContinuations(text).trim();
  if (joined === '') return { ok: false, message: l10n.t('Nothing to import: the text is empty.') };
  const open = unclosedQuote(joined);
  if (open) {
    return {
      ok: false,
      message:
        open.quote === "'"
          ? l10n.t(
              'The command has a single quote that is never closed (at character {0}): paste the whole command.',
              open.at + 1,
            )
          : l10n.t(
              'The command has a double quote that is never closed (at character {0}): paste the whole command.',
              open.at + 1,
            ),
    };
  }
  const words: string[] = [];
  for (const entry of parse(joined, (name) => `$${name}`)) {
    if (typeof entry === 'string') {
      words.push(entry);
    } else if ('op' in entry && entry.op === 'glob') {
      words.push(entry.pattern);
    } else if ('comment' in entry) {
      break;
    } else {
      const op = 'op' in entry ? entry.op : '?';
      if (/^[<>]/.test(op)) {
        return {
          ok: false,
          message: l10n.t(
            'The command redirects input or output ("{0}" outside quotes): paste a curl command whose body is in --data.',
            op,
          ),
        };
      }
      return {
        ok: false,
        message: l10n.t(
          'The text holds more than one curl command (a shell operator "{0}" outside quotes): paste one curl command.',
          op,
        ),
      };
    }
  }
  const program = words[0]?.replace(/^.*[\\/]/, '').toLowerCase();
  if (program !== 'curl' && program !== 'curl.exe') {
    return {
      ok: false,
      message: l10n.t('This is not a curl command: it starts with "{0}", not curl.', (words[0] ?? '').slice(0, 40)),
    };
  }
  return { ok: true, words: words.slice(1) };
}

import { createHash } from 'node:crypto';
import { isBase64Alphabet } from './base64';
import { detectImageKind } from './images/kind';

/**
 * Everything that reaches a log line, a notification, a history entry or an error message goes
 * through one Redactor: subscription keys become `••••` plus their last four characters and long
 * base64 runs (images, templates) become a short description such as `<jpeg 182 KB sha256:1a2b3c4d>`.
 *
 * Who owns it: the output sinks, where text leaves the program, and nothing else. Code that builds
 * a message hands it on raw; each sink redacts what it is handed:
 * - the CLI: `src/cli/output.ts` wraps stdout and stderr for every command;
 * - the extension: `src/log.ts` (the output channel), `src/ui/windowApis.ts` (notifications and
 *   confirmations), `src/services/history.ts` (history entries), `src/ui/statusBar.ts` (the tooltip).
 * The one other use is the HTTP client (src/core/http/client.ts): it masks its own key in the
 * server text it cuts to length (a cut key could not be recognised afterwards) and in the
 * sentences of each Outcome, which also reach files no sink writes (journals, reports).
 */
export const DEFAULT_BASE64_THRESHOLD = 120;
const MASK = '••••';

export function maskSecret(secret: string): string {
  // Short secrets would give away too much of themselves in their last four characters.
  return secret.length >= 12 ? `${MASK}${secret.slice(-4)}` : MASK;
}

export function describeBase64(run: string): string {
  const bytes = Buffer.from(run, 'base64');
  const kind = detectImageKind(bytes) ?? 'base64';
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 8);
  return `<${kind} ${formatSize(bytes.length)} sha256:${digest}>`;
}

export function formatSize(byteCount: number): string {
  if (byteCount < 1024) return `${byteCount} B`;
  if (byteCount < 1024 * 1024) return `${Math.round(byteCount / 1024)} KB`;
  return `${(byteCount / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Replaces each run of the base64 alphabet at least minLength long, with up to two `=` of padding,
 * by describeBase64(run). A scan rather than a regex: V8's regex backtracking stack overflows on
 * a run of some ten million characters, which a large returned image reaches.
 */
function replaceBase64Runs(text: string, minLength: number): string {
  let output = '';
  let copied = 0;
  let index = 0;
  while (index < text.length) {
    if (!isBase64Alphabet(text.charCodeAt(index))) {
      index++;
      continue;
    }
    const start = index;
    while (index < text.length && isBase64Alphabet(text.charCodeAt(index))) index++;
    if (index - start < minLength) continue;
    const runEnd = index;
    while (index < text.length && index - runEnd < 2 && text.charCodeAt(index) === 61) index++;
    output += text.slice(copied, start) + describeBase64(text.slice(start, index));
    copied = index;
  }
  return copied === 0 ? text : output + text.slice(copied);
}

function formsOf(secret: string): string[] {
  const trimmed = secret.trim();
  if (trimmed.length === 0) return [];
  const escaped = JSON.stringify(trimmed).slice(1, -1);
  return escaped === trimmed ? [trimmed] : [trimmed, escaped];
}

export class Redactor {
  private readonly secrets = new Set<string>();
  /** The secrets in masking order, worked out when the set changes rather than on every text. */
  private order: { shrinking: string[]; others: string[] } | undefined;

  constructor(private readonly base64Threshold = DEFAULT_BASE64_THRESHOLD) {}

  /**
   * Registers a secret (a subscription key) to be masked wherever it appears from now on, also as
   * it reads inside a JSON string (escaped), since whole JSON texts pass through text().
   */
  remember(secret: string): void {
    for (const form of formsOf(secret)) {
      if (!this.secrets.has(form)) {
        this.secrets.add(form);
        this.order = undefined;
      }
    }
  }

  forget(secret: string): void {
    for (const form of formsOf(secret)) if (this.secrets.delete(form)) this.order = undefined;
  }

  private maskingOrder(): { shrinking: string[]; others: string[] } {
    if (this.order === undefined) {
      // Longest first, so a secret that contains another is masked whole.
      const secrets = [...this.secrets].sort((a, b) => b.length - a.length);
      const shrinks = (secret: string) => maskSecret(secret).length < secret.length;
      this.order = { shrinking: secrets.filter(shrinks), others: secrets.filter((secret) => !shrinks(secret)) };
    }
    return this.order;
  }

  text(input: string): string {
    const { shrinking, others } = this.maskingOrder();
    // The common case on the send path: a short sentence with no secret in it has nothing to mask
    // and is too short to hold a base64 run.
    const holds = (secret: string) => input.includes(secret);
    if (input.length < this.base64Threshold && !shrinking.some(holds) && !others.some(holds)) return input;
    let output = input;
    let previous: string;
    do {
      // A mask keeps the secret's last four characters, which can join the text after it into the
      // secret again ("abcdXXXXabcd" + "XXXXabcd"), so mask until nothing changes. Each pass that
      // changes something shortens the text, so the loop ends.
      previous = output;
      for (const secret of shrinking) {
        if (output.includes(secret)) output = output.split(secret).join(maskSecret(secret));
      }
    } while (output !== previous);
    for (const secret of others) {
      if (output.includes(secret)) output = output.split(secret).join(maskSecret(secret));
    }
    return replaceBase64Runs(output, this.base64Threshold);
  }

  /** Redacts every string inside a JSON-like value, keys included; returns a new value. */
  value(input: unknown): unknown {
    if (typeof input === 'string') return this.text(input);
    if (Array.isArray(input)) return input.map((item) => this.value(item));
    if (input !== null && typeof input === 'object') {
      return Object.fromEntries(Object.entries(input).map(([key, item]) => [this.text(key), this.value(item)]));
    }
    return input;
  }
}

import { l10n } from '../l10n';
import type { Redactor } from '../redact';

/** Longest server-provided text an outcome shows; the rest of a page or a stack trace helps nobody. */
export const MAX_SHOWN_TEXT = 200;

/** Turns text that came from outside into something safe to show on one line. */
export type Clean = (text: string) => string;

export function makeClean(redactor: Redactor, maxLength = MAX_SHOWN_TEXT): Clean {
  // Redact before truncating: a cut could otherwise split a key or a base64 run below the
  // Redactor's threshold and let part of it through.
  return (text) => truncate(oneLine(redactor.text(text)), maxLength);
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  return `${text.slice(0, maxLength - 1).trimEnd()}…`;
}

export function isHtml(text: string, contentType: string | undefined): boolean {
  return /html/i.test(contentType ?? '') || /^\s*</.test(text);
}

function htmlTitle(text: string): string | undefined {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  return title && oneLine(title) !== '' ? oneLine(title) : undefined;
}

function messageOfJson(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  for (const key of ['message', 'Message', 'title', 'error', 'result']) {
    const field = record[key];
    if (typeof field === 'string' && field.trim() !== '') return field;
    if (key === 'error' && field !== null && typeof field === 'object') {
      const nested = messageOfJson(field);
      if (nested) return nested;
    }
  }
  return undefined;
}

/**
 * The human part of an error body: the gateway's JSON `message`, a page's title, or plain text as
 * it is. Undefined for an empty body. Not yet cleaned.
 */
export function errorMessageOf(text: string, contentType: string | undefined): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (/^[{["]/.test(trimmed)) {
    try {
      return messageOfJson(JSON.parse(trimmed)) ?? trimmed;
    } catch {
      // Not JSON after all: fall through and show it as text.
    }
  }
  if (isHtml(trimmed, contentType)) return htmlTitle(trimmed) ?? l10n.t('an HTML page');
  return trimmed;
}

/**
 * Whether text that failed to parse is the beginning of a JSON document that stops early, as
 * opposed to something that is not JSON at all. V8's parse errors word this differently across
 * Node versions, so the brackets and strings are tracked here instead.
 */
export function isTruncatedJson(text: string): boolean {
  const trimmed = text.trim();
  if (!/^[{[]/.test(trimmed)) return false;
  const closers: string[] = [];
  let inString = false;
  let escaped = false;
  for (const char of trimmed) {
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{') closers.push('}');
    else if (char === '[') closers.push(']');
    else if (char === '}' || char === ']') {
      if (closers.pop() !== char) return false;
      if (closers.length === 0) return false;
    }
  }
  return inString || closers.length > 0;
}

/**
 * Literal syntax shared by the generated languages. One double-quoted form is valid in JSON,
 * Python and TypeScript alike, so a CustomID survives every one of them unchanged.
 */

/** A double-quoted string literal, valid as JSON, as a Python `str` and as a TypeScript string. */
export function quoteString(value: string): string {
  // JSON.stringify already escapes quotes, backslashes, C0 controls and lone surrogates; DEL, C1
  // controls and the two line separators are escaped too so nothing invisible lands in the code.
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A POSIX shell word in single quotes: nothing inside is expanded. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Text for an unquoted here-document, where only `\`, `$` and backticks are special. */
export function escapeHereDocument(text: string): string {
  return text.replace(/[\\$`]/g, (character) => `\\${character}`);
}

import { STATUS_CODES } from 'node:http';

/** One HTTP answer, built by the handlers and written by the server in one place. */
export interface Reply {
  status: number;
  contentType: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

export function jsonReply(body: unknown, status = 200): Reply {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(body) };
}

/** The service refuses a request with a plain-text 400, not JSON: clients must cope with both. */
export function plainText400(text: string): Reply {
  return { status: 400, contentType: TEXT_TYPE, body: text };
}

/** Errors raised by the gateway in front of the service (Azure API Management) are `{statusCode, message}` JSON. */
export function gatewayReply(status: number, message = STATUS_CODES[status] ?? 'Error'): Reply {
  return jsonReply({ statusCode: status, message }, status);
}

/** Guesses a content type for a body given without one, so a fault's HTML error page is labelled as HTML. */
export function sniffContentType(body: string): string {
  const start = body.trimStart();
  if (start.startsWith('<')) return 'text/html; charset=utf-8';
  if (start.startsWith('{') || start.startsWith('[')) return JSON_TYPE;
  return TEXT_TYPE;
}

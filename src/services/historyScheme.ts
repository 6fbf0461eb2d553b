/** The scheme of history entry documents; on its own so the activation bundle can register it. */
export const HISTORY_SCHEME = 'biopassid-history';

/**
 * Our choices where the API contract says "unknown". Every such decision lives here, so it is
 * documented once and easy to change when the vendor publishes the answer.
 */

/** Texts the service answers with a plain-text 400 (confirmed). */
export const KNOWN_400_TEXTS = {
  invalidJson: 'Invalid JSON format',
  noFaceTemplate: 'Failed to extract face template',
} as const;

/**
 * Duplicate CustomID on enroll, and unknown CustomID on verify/update/delete: the status and text
 * are unknown. The local sandbox answers a plain-text 400 (the service's usual way of refusing)
 * with these texts; the client shows whatever text a real service sends.
 */
export const SANDBOX_400_TEXTS = {
  duplicateCustomId: 'CustomID already enrolled',
  unknownCustomId: 'CustomID not found',
  noFingerTemplate: 'Failed to extract finger template',
} as const;

/**
 * Image size: BioPass ID publishes no limit. We refuse images over 10 MiB before reading them (a
 * setting can change it): far above any face or fingerprint capture (a face JPEG is 50-500 KB, a
 * 500 ppi fingerprint TIFF under 1 MB), small enough that a mistaken pick (a video, a disk image)
 * fails fast instead of being base64-encoded into memory.
 */
export const DEFAULT_MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/**
 * CustomID: BioPass ID publishes no length or charset limit. We take 1 to 128 characters of
 * printable ASCII (U+0020 to U+007E), not only spaces. An ID document number (what the vendor
 * suggests) fits easily; printable ASCII is what every gateway and database keeps byte for byte,
 * and what a person can type again to verify or delete the person. A longer or non-ASCII ID risks
 * being cut, normalised or re-encoded on the way, so stored differently from how it is typed.
 */
export const CUSTOM_ID_MAX_LENGTH = 128;
export const CUSTOM_ID_RULES = `1 to ${CUSTOM_ID_MAX_LENGTH} printable ASCII characters (U+0020 to U+007E), not only spaces`;

/** Match score range and NFIQ scale are unknown: shown as numbers, never judged against a scale. */
export const SCORE_SCALE_KNOWN = false;

/**
 * Retries: only a 429 is retried, honouring Retry-After up to this cap (a request refused by the
 * rate limiter was not processed, so re-sending cannot duplicate it). No published rate limits.
 */
export const MAX_RETRY_AFTER_SECONDS = 30;
export const MAX_RATE_LIMIT_RETRIES = 3;

/** Request timeout default: the API publishes none; matching a face on the service takes ~1-3 s. */
export const DEFAULT_TIMEOUT_MS = 30_000;

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
 * Answer size: BioPass ID publishes no limit. The client reads at most 64 MiB of an answer (a
 * setting and a CLI option can change it) and stops there: the largest answers echo an image
 * back (anonymize, ICAO crop), a few MB at most, while a wrong base URL, a proxy or a broken
 * service can stream without end, and the whole body is held in memory before it is parsed.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

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
 * The local sandbox's match scores (the service's range is unknown): 0 to 100, higher is more
 * alike, 100 for identical templates. A score is 100 * max(0, cosine)^exponent of the two
 * templates' feature vectors (src/core/sandbox/templates.ts). Match calls `IsGenuine` and verify
 * calls a biometric matched when the score is at or above verifyThreshold: on the sandbox's
 * synthetic samples (`biopassid samples --people 64 --images 4`) that accepts 0.2-0.6% of
 * impostors and rejects 11-23% of genuine photos (docs/accuracy.md), so both kinds of error show.
 */
export const SANDBOX_MATCH_SCORE = { min: 0, max: 100, exponent: 16, verifyThreshold: 40 } as const;

/**
 * Retries: only a 429 is retried, honouring Retry-After up to this cap (a request refused by the
 * rate limiter was not processed, so re-sending cannot duplicate it). No published rate limits.
 */
export const MAX_RETRY_AFTER_SECONDS = 30;
export const MAX_RATE_LIMIT_RETRIES = 3;

/** Request timeout default: the API publishes none; matching a face on the service takes ~1-3 s. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Time estimates before an evaluation or a quality report starts: the API publishes no latency.
 * A call to the service is taken as about one second (a face match takes ~1-3 s there, an
 * extract or a quality check about as long); to a local sandbox, a few milliseconds.
 */
export const ESTIMATED_CALL_SECONDS = { remote: 1, local: 0.005 } as const;

/**
 * ICAO `Confidence`: the API does not say its scale. The result panel draws it as a bar out of
 * 100 (the sandbox answers 0-99) and prints the number as received, so another scale still reads.
 */
export const ICAO_CONFIDENCE_SCALE = 100;

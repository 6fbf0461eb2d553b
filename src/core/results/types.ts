import type { OperationId } from '../contract/operations';
import type { VerdictContext } from '../verdict';

/** What a result view is built from: the call as sent and how it ended (src/core/http/outcome.ts). */
export interface ResultInput {
  operation: OperationId;
  /** The wire body as sent: the images shown come from it, in memory. */
  body?: unknown;
  customId?: string;
  /** The image or request file's name. */
  source?: string;
  /** Where it went, e.g. `sandbox (http://127.0.0.1:4000)`. */
  environment: string;
  context: VerdictContext;
  /** The verdict on success, the failure summary otherwise (as the Output block's second line). */
  headline: string;
  outcome: OutcomeLike;
  /** Whether the panel may offer Open Response as JSON / Save Response (a body was received). */
  hasResponse?: boolean;
}

/** The fields of an Outcome a view needs (structural, so history metadata can build one too). */
export interface OutcomeLike {
  kind: string;
  status?: number;
  latencyMs: number;
  attempts: number;
  explanation?: string;
  nextStep?: string;
  retryable?: boolean;
  reason?: string;
  cause?: string;
  problem?: string;
  body?: unknown;
  schemaWarnings?: readonly string[];
}

export type Tone = 'good' | 'bad' | 'warning' | 'neutral';

/** An image held in memory, ready for the page: its bytes as base64 when a browser can show its kind. */
export interface ShownImage {
  label: string;
  kind: string;
  /** `jpeg 12 KB, 160 × 160`. */
  description: string;
  width?: number;
  height?: number;
  /** What the page is handed (src/core/results/html.ts: PageImage), never put into its markup. */
  source?: PageImage;
}

/** An image of a page: its type and its base64 (the very string of the request or answer, not a copy). */
export interface PageImage {
  mime: string;
  base64: string;
}

export interface FaceBox {
  number: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface IcaoItem {
  name: string;
  conformed: boolean;
  confidence?: number;
}

export interface IcaoGroup {
  name: string;
  items: IcaoItem[];
}

export type FingerState = 'matched' | 'not-matched' | 'not-sent';

export interface FingerView {
  key: string;
  name: string;
  state: FingerState;
}

export interface FactRow {
  label: string;
  value: string;
  /** Offer a copy button for the value. */
  copy?: boolean;
}

export type Section =
  | { kind: 'images'; title: string; images: ShownImage[] }
  | { kind: 'faces'; image?: ShownImage; boxes: FaceBox[]; count: number; warning?: string }
  | {
      kind: 'icao';
      image?: ShownImage;
      faceImageConformed?: string;
      allConformed: boolean;
      failures: string[];
      groups: IcaoGroup[];
      confidenceScale: number;
    }
  | { kind: 'hands'; fingers: FingerView[] }
  | { kind: 'facts'; title: string; rows: FactRow[] }
  | { kind: 'failure'; explanation: string; nextStep: string }
  | { kind: 'warnings'; title: string; items: string[] }
  | { kind: 'note'; text: string };

export type ActionId = 'setKey' | 'retry' | 'viewLogs' | 'openJson' | 'saveResponse' | 'copy' | 'open';

export interface ResultAction {
  id: ActionId;
  label: string;
}

/** Everything the result panel shows for one call, every text already redacted. */
export interface ResultView {
  /** The panel's tab title, e.g. `Detect Faces: face.jpg`. */
  title: string;
  /** The Output block's first line: operation · CustomID · source · environment. */
  header: string;
  headline: string;
  tone: Tone;
  /** `HTTP 200 · success · 12 ms`. */
  statusLine: string;
  sections: Section[];
  actions: ResultAction[];
  /** The response as the Output block shows it (images described), when one was received. */
  responseJson?: string;
}

/** One tile of a multi-image run. */
export interface BatchTile {
  index: number;
  label: string;
  headline: string;
  tone: Tone;
  thumbnail?: ShownImage;
}

export interface BatchView {
  title: string;
  counts: string;
  tone: Tone;
  tiles: BatchTile[];
}

import { randomBytes } from 'node:crypto';

import vscode = require('vscode');

import { buildBatchView } from '../core/results/batch';
import { viewFromHistory } from '../core/results/fromHistory';
import { batchPage, type ResultPage, resultPage } from '../core/results/html';
import type { PageImage, ResultView } from '../core/results/types';
import { buildResultView } from '../core/results/view';
import type { HistoryEntry } from '../services/history';
import type { PanelApis } from '../ui/panelApis';
import type { PanelCall, PanelHost } from './panelHost';
import { ResponseDocuments } from './responseDocuments';
import { resultInputOf } from './resultInput';

export const RESULT_VIEW_TYPE = 'biopassid.result';

/**
 * An image as the page receives it: a plain Uint8Array over the decoded bytes (a Buffer's own
 * class name would make VS Code send it as JSON), which the webview message carries as binary.
 */
function imageBytes(image: PageImage): { mime: string; bytes: Uint8Array } {
  const decoded = Buffer.from(image.base64, 'base64');
  return { mime: image.mime, bytes: new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength) };
}

/** One open panel and what it holds in memory: the call (its images) while it is open, no longer. */
interface OpenPanel {
  readonly id: number;
  readonly panel: vscode.WebviewPanel;
  /** The calls whose images and answers this panel shows: one, or a run's. */
  results: readonly (PanelCall | undefined)[];
  retry?: () => void;
  html: string;
  /** The page's images (references to the held calls' base64), posted as bytes with the page and when it asks. */
  images: PageImage[];
  /** The id of the page shown (its nonce): a message of an older page is not answered. */
  page: string;
  /** The page whose images were posted with it: its first load gets them that way, not by asking. */
  eager?: string;
  painted: number;
}

interface PanelMessage {
  action?: string;
  value?: string;
  index?: number;
  images?: number;
  page?: string;
}

/** What an integration test or the bench can read of a panel: what it shows, never its images. */
export interface PanelSnapshot {
  id: number;
  title: string;
  html: string;
  /** How many times the webview reported its page painted (every image decoded). */
  painted: number;
  /** The calls held, an entry per call shown. */
  calls: number;
}

/**
 * The result panels: a thin adapter over the pure view and page builders of src/core/results.
 * An answer opens (or refreshes) the one automatic panel beside the editor; a tile of a run opens
 * its own. A panel holds its calls (and so their images) only while it is open: closing it drops
 * them. The page is an output sink: every text went through services.redactor (see the builders).
 */
export class ResultPanels implements vscode.Disposable {
  private readonly open = new Map<number, OpenPanel>();
  private counter = 0;
  /** The panel whose page was rendered last (its images are posted with it). */
  private latest: OpenPanel | undefined;
  /** The panel automatic results go to, while it is open. */
  private current: OpenPanel | undefined;
  private readonly paintedEmitter = new vscode.EventEmitter<PanelSnapshot>();
  /** Fires when a page reports it has painted. */
  readonly onDidPaint = this.paintedEmitter.event;

  /** The texts of Open Response as JSON documents. */
  readonly responses = new ResponseDocuments();

  constructor(
    private readonly host: PanelHost,
    readonly apis: PanelApis,
  ) {}

  /** The call's view, with every text redacted. */
  viewOf(result: PanelCall): ResultView {
    return buildResultView(resultInputOf(result), (text) => this.host.redact(text));
  }

  /** An answer, in the automatic panel (opened if needed). */
  showResult(result: PanelCall, retry?: () => void, options: { newPanel?: boolean } = {}): PanelSnapshot {
    const view = this.viewOf(result);
    const target = options.newPanel || !this.current ? this.create(view.title) : this.current;
    if (!options.newPanel) this.current = target;
    target.results = [result];
    if (retry) target.retry = retry;
    else delete target.retry;
    this.render(target, view.title, (page) => resultPage(view, page));
    return this.snapshot(target);
  }

  /** A multi-image run as a grid; a click on a tile opens that call's own panel. */
  showBatch(results: readonly (PanelCall | undefined)[]): PanelSnapshot {
    const operation = results.find((result) => result !== undefined)?.call.operation;
    const view = buildBatchView(
      operation,
      results.map((result) => (result ? resultInputOf(result) : undefined)),
      (text) => this.host.redact(text),
    );
    const target = this.current ?? this.create(view.title);
    this.current = target;
    target.results = results;
    delete target.retry;
    this.render(target, view.title, (page) => batchPage(view, page));
    return this.snapshot(target);
  }

  /** A history entry, from its metadata alone (images and bodies are not kept). */
  showHistory(entry: HistoryEntry): PanelSnapshot {
    const view = viewFromHistory(entry, (text) => this.host.redact(text));
    const target = this.create(view.title);
    target.results = [];
    this.render(target, view.title, (page) => resultPage(view, page));
    return this.snapshot(target);
  }

  /** The call shown in the active result panel, else in the automatic one (only open panels hold calls). */
  activeResult(): PanelCall | undefined {
    const single = (open: OpenPanel | undefined) => (open?.results.length === 1 ? open.results[0] : undefined);
    for (const open of this.open.values()) if (open.panel.active && single(open)) return single(open);
    return single(this.current);
  }

  /** Whether an open panel still holds the call a history entry recorded (so it can be re-sent). */
  heldCall(historyId: string): PanelCall | undefined {
    for (const open of this.open.values()) {
      const found = open.results.find((result) => result?.historyId === historyId);
      if (found) return found;
    }
    return undefined;
  }

  snapshots(): PanelSnapshot[] {
    return [...this.open.values()].map((open) => this.snapshot(open));
  }

  /** What is held in memory: open panels and the images of the calls they show. */
  stats(): { livePanels: number; heldCalls: number; heldImageChars: number } {
    let heldCalls = 0;
    let heldImageChars = 0;
    for (const open of this.open.values()) {
      for (const result of open.results) {
        if (!result) continue;
        heldCalls += 1;
        heldImageChars += JSON.stringify(result.call.body ?? null).length;
      }
    }
    return { livePanels: this.open.size, heldCalls, heldImageChars };
  }

  private snapshot(open: OpenPanel): PanelSnapshot {
    return {
      id: open.id,
      title: open.panel.title,
      html: open.html,
      painted: open.painted,
      calls: open.results.filter(Boolean).length,
    };
  }

  private create(title: string): OpenPanel {
    const panel = this.apis.createWebviewPanel(RESULT_VIEW_TYPE, title, {
      enableScripts: true,
      enableFindWidget: true,
      // Nothing from disk but our own media; images arrive in the page from memory.
      localResourceRoots: [vscode.Uri.joinPath(this.host.extensionUri, 'media')],
    });
    this.counter += 1;
    const open: OpenPanel = { id: this.counter, panel, results: [], html: '', images: [], page: '', painted: 0 };
    this.open.set(open.id, open);
    panel.onDidDispose(() => {
      // Releases the calls, their images and the page.
      open.results = [];
      open.html = '';
      open.images = [];
      delete open.retry;
      this.open.delete(open.id);
      if (this.current === open) this.current = undefined;
      if (this.latest === open) this.latest = undefined;
    });
    panel.webview.onDidReceiveMessage((message: PanelMessage) => void this.handle(open, message));
    // A hidden webview is gone with what was posted to it: shown again, its page asks anew.
    panel.onDidChangeViewState(() => {
      if (!panel.visible) delete open.eager;
    });
    return open;
  }

  private render(
    open: OpenPanel,
    title: string,
    build: (page: { nonce: string; cspSource: string }) => ResultPage,
  ): void {
    const nonce = randomBytes(16).toString('base64url');
    open.panel.title = title;
    const page = build({ nonce, cspSource: open.panel.webview.cspSource });
    open.html = page.html;
    open.images = page.images;
    open.page = nonce;
    open.panel.webview.html = open.html;
    if (!open.panel.visible) open.panel.reveal(undefined, true);
    // Sent now, not when the page asks: the bytes travel while the webview starts. Only for the
    // page rendered last: of panels opened in one go, the others are hidden before they load.
    if (open.images.length === 0) return;
    this.latest = open;
    setImmediate(() => {
      if (this.latest !== open || open.page !== nonce || !this.open.has(open.id)) return;
      open.eager = nonce;
      void this.postImages(open).then((delivered) => {
        if (!delivered && open.eager === nonce) delete open.eager;
      });
    });
  }

  /** The page's images as bytes, decoded from the held base64 now and not kept. */
  private postImages(open: OpenPanel): Thenable<boolean> {
    return open.panel.webview.postMessage({ page: open.page, images: open.images.map(imageBytes) });
  }

  private async handle(open: OpenPanel, message: PanelMessage): Promise<void> {
    const { host } = this;
    const result = open.results.length === 1 ? open.results[0] : undefined;
    switch (message.action) {
      case 'images':
        if (message.page !== open.page) return;
        // The first load of a page has its images on the way; a page loaded again asks for them.
        if (open.eager === open.page) delete open.eager;
        else void this.postImages(open);
        return;
      case 'painted':
        open.painted += 1;
        this.paintedEmitter.fire(this.snapshot(open));
        return;
      case 'viewLogs':
        host.viewLogs();
        return;
      case 'retry':
        open.retry?.();
        return;
      case 'setKey':
        if (await host.setKey()) open.retry?.();
        return;
      case 'copy':
        if (typeof message.value === 'string') await host.copy(message.value);
        return;
      case 'openJson':
        if (result) await host.executeCommand('biopassid.openResponseJson', result);
        return;
      case 'saveResponse':
        if (result) await host.executeCommand('biopassid.saveResponse', result);
        return;
      case 'open': {
        const chosen = typeof message.index === 'number' ? open.results[message.index] : undefined;
        if (chosen) this.showResult(chosen, undefined, { newPanel: true });
        return;
      }
      default:
        return;
    }
  }

  dispose(): void {
    for (const open of [...this.open.values()]) open.panel.dispose();
    this.paintedEmitter.dispose();
  }
}

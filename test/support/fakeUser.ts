import type * as vscode from 'vscode';
import type { MessageLevel, WindowApis } from '../../src/ui/windowApis';
import { waitFor } from './extension';

export type { MessageLevel };

export interface ShownMessage {
  level: MessageLevel;
  message: string;
  actions: string[];
}

export interface QuickPickShown {
  items: readonly vscode.QuickPickItem[];
  options: vscode.QuickPickOptions | undefined;
}

export interface ConfirmShown {
  message: string;
  detail: string;
  action: string;
}

type Progress = vscode.Progress<{ message?: string; increment?: number }>;
type ProgressTask = (progress: Progress, token: vscode.CancellationToken) => Thenable<unknown>;

/**
 * What the person at the keyboard answers. Anything left out is dismissed (Escape): an input box,
 * a quick pick, a file dialog or a confirmation resolves to undefined, a notification to no action.
 * withProgress runs the real progress notification unless an answer is given.
 */
export interface Answers {
  inputBox?: (options: vscode.InputBoxOptions) => string | undefined;
  quickPick?: (items: readonly vscode.QuickPickItem[], options: vscode.QuickPickOptions | undefined) => unknown;
  openDialog?: (options: vscode.OpenDialogOptions) => vscode.Uri[] | undefined;
  saveDialog?: (options: vscode.SaveDialogOptions) => vscode.Uri | undefined;
  confirm?: (shown: ConfirmShown) => string | undefined;
  message?: (shown: ShownMessage) => string | undefined;
  withProgress?: (options: vscode.ProgressOptions, task: ProgressTask) => Thenable<unknown>;
}

const STUBBED = [
  'showInputBox',
  'showQuickPick',
  'showOpenDialog',
  'showSaveDialog',
  'presentModal',
  'present',
  'withProgress',
] as const;

/**
 * Stands in for the person using VS Code: replaces the methods of the extension's own WindowApis
 * instance (the one seam the extension asks and tells through), answers as scripted and records
 * everything it was asked and shown. restore() puts the real methods back.
 */
export class FakeUser {
  readonly inputBoxes: vscode.InputBoxOptions[] = [];
  readonly quickPicks: QuickPickShown[] = [];
  readonly openDialogs: vscode.OpenDialogOptions[] = [];
  readonly saveDialogs: vscode.SaveDialogOptions[] = [];
  readonly confirms: ConfirmShown[] = [];
  readonly messages: ShownMessage[] = [];
  readonly progress: vscode.ProgressOptions[] = [];
  private answers: Answers;

  constructor(
    private readonly ui: WindowApis,
    answers: Answers = {},
  ) {
    this.answers = answers;
    const real = Object.getPrototypeOf(ui) as WindowApis;
    ui.showInputBox = async (options) => {
      this.inputBoxes.push(options);
      return this.answers.inputBox?.(options);
    };
    ui.showQuickPick = (async (items: readonly vscode.QuickPickItem[], options?: vscode.QuickPickOptions) => {
      const shown = { items: await items, options };
      this.quickPicks.push(shown);
      return this.answers.quickPick?.(shown.items, options);
    }) as WindowApis['showQuickPick'];
    ui.showOpenDialog = async (options) => {
      this.openDialogs.push(options);
      return this.answers.openDialog?.(options);
    };
    ui.showSaveDialog = async (options) => {
      this.saveDialogs.push(options);
      return this.answers.saveDialog?.(options);
    };
    // Notifications and confirmations are answered where they reach the screen, after the
    // redactor: what is recorded is what a person would see.
    ui.presentModal = async (message, detail, action) => {
      const shown = { message, detail, action };
      this.confirms.push(shown);
      return this.answers.confirm?.(shown);
    };
    ui.present = async (level, message, actions) => {
      const shown = { level, message, actions: [...actions] };
      this.messages.push(shown);
      return this.answers.message?.(shown);
    };
    ui.withProgress = ((options: vscode.ProgressOptions, task: ProgressTask) => {
      this.progress.push(options);
      return this.answers.withProgress ? this.answers.withProgress(options, task) : real.withProgress(options, task);
    }) as WindowApis['withProgress'];
  }

  /** Changes some answers from now on (the others stay). */
  answer(more: Answers): void {
    this.answers = { ...this.answers, ...more };
  }

  messagesOf(level: MessageLevel): ShownMessage[] {
    return this.messages.filter((shown) => shown.level === level);
  }

  /** Waits for a notification shown after the command returned (retries, actions chosen later). */
  waitForMessage(level: MessageLevel, fragment: string): Promise<ShownMessage> {
    return waitFor(`a ${level} message containing "${fragment}"`, () =>
      this.messages.find((shown) => shown.level === level && shown.message.includes(fragment)),
    );
  }

  restore(): void {
    for (const name of STUBBED) Reflect.deleteProperty(this.ui, name);
  }
}

/** A quick pick answer: the item whose label (or description) equals text. */
export function pickItem(text: string) {
  return (items: readonly vscode.QuickPickItem[]) =>
    items.find((item) => item.label === text || item.description === text);
}

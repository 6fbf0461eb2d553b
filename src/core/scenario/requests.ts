import { readFile, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { toBase64 } from '../images/read';
import { l10n } from '../l10n';
import { isFileReference, RequestPreparationError, readReferencedImage } from '../request/prepare';
import type { PlannedStep, ScenarioPlan } from './load';
import { holdsVariables } from './variables';

/**
 * A step's body, prepared once per run: with its images read when its `$file` paths are fixed,
 * else as written (paths made absolute), to be filled and read for each case.
 */
export interface PreparedStepBody {
  readonly body: unknown;
  readonly hasVariables: boolean;
  /** Some `$file` path holds a variable: fill, then read the images, for each case. */
  readonly filePaths: boolean;
}

export class StepRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StepRequestError';
  }
}

/** Whether `path` is inside `root` once links are followed (paths that do not exist compare as written). */
export async function insideRoot(root: string, path: string): Promise<boolean> {
  const [realRoot, target] = await Promise.all([
    realpath(root).catch(() => resolve(root)),
    realpath(path).catch(() => resolve(path)),
  ]);
  const rel = relative(realRoot, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** `with` over the request: objects merged key by key, anything else replaced. */
export function mergeOver(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over) || isFileReference(over)) return over;
  const merged: Json = { ...base };
  for (const [key, value] of Object.entries(over)) merged[key] = key in base ? mergeOver(base[key], value) : value;
  return merged;
}

/**
 * `$file` paths made absolute from the folder they were written in, so a merge keeps their
 * meaning. A path holding a variable is anchored the same way: whatever the variable fills in,
 * the path is checked against the folder before anything is read.
 */
function anchorFiles(value: unknown, folder: string): unknown {
  if (isFileReference(value)) return { $file: resolve(folder, value.$file) };
  if (Array.isArray(value)) return value.map((item) => anchorFiles(item, folder));
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, anchorFiles(item, folder)]));
  }
  return value;
}

function filePathsHoldVariables(value: unknown): boolean {
  if (isFileReference(value)) return value.$file.includes('{{');
  if (Array.isArray(value)) return value.some(filePathsHoldVariables);
  if (isObject(value)) return Object.values(value).some(filePathsHoldVariables);
  return false;
}

/** The request file a step names, resolved from the scenario file's folder. */
export function requestFileOf(plan: Pick<ScenarioPlan, 'file'>, step: PlannedStep): string | undefined {
  return step.step.request === undefined ? undefined : resolve(dirname(plan.file), step.step.request);
}

export interface ImageOptions {
  readonly allowedRoot: string;
  readonly maxImageBytes?: number;
  /**
   * The images read so far in this run, by absolute path: a file named by many steps is checked
   * and read once (a 1,000-step scenario would otherwise resolve and read it 1,000 times).
   */
  readonly images?: Map<string, Promise<string>>;
}

/**
 * Reads and encodes the `$file` images of a body with the request-file rules (readReferencedImage:
 * inside allowedRoot, links followed, an image it can read), each file once per run.
 */
export async function readStepImages(body: unknown, baseDir: string, options: ImageOptions): Promise<unknown> {
  const prepare = {
    baseDir,
    allowedRoot: options.allowedRoot,
    ...(options.maxImageBytes === undefined ? {} : { maxImageBytes: options.maxImageBytes }),
  };
  const read = (reference: string, jsonPath: (string | number)[]): Promise<string> => {
    const key = resolve(baseDir, reference);
    let image = options.images?.get(key);
    if (!image) {
      image = readReferencedImage(reference, jsonPath, prepare).then((info) => toBase64(info.bytes));
      options.images?.set(key, image);
    }
    return image;
  };
  const walk = async (node: unknown, jsonPath: (string | number)[]): Promise<unknown> => {
    if (isFileReference(node)) return read(node.$file, jsonPath);
    if (Array.isArray(node)) {
      const items: unknown[] = [];
      for (const [index, item] of node.entries()) items.push(await walk(item, [...jsonPath, index]));
      return items;
    }
    if (isObject(node)) {
      const entries: [string, unknown][] = [];
      for (const [key, item] of Object.entries(node)) {
        // As in request files, the editor-only `$schema` is not sent.
        if (jsonPath.length === 0 && key === '$schema') continue;
        entries.push([key, await walk(item, [...jsonPath, key])]);
      }
      return Object.fromEntries(entries);
    }
    return node;
  };
  try {
    return await walk(body, []);
  } catch (error) {
    throw new StepRequestError(error instanceof RequestPreparationError ? error.message : String(error));
  }
}

async function requestFileBody(file: string, step: PlannedStep, options: ImageOptions): Promise<unknown> {
  const request = step.step.request ?? '';
  if (!(await insideRoot(options.allowedRoot, file))) {
    throw new StepRequestError(
      l10n.t('request "{0}" is outside the workspace folder; only files inside it are sent', request),
    );
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? l10n.t('the file does not exist') : String(error);
    throw new StepRequestError(l10n.t('request "{0}": {1}', request, reason));
  }
  try {
    return anchorFiles(JSON.parse(text.replace(/^\uFEFF/, '')), dirname(file));
  } catch {
    throw new StepRequestError(l10n.t('request "{0}" is not valid JSON', request));
  }
}

/**
 * Reads a step's request (its file, or the inline body) and merges `with` over it; reads its
 * `$file` images now unless a path holds a variable (then per case, in the runner).
 */
export async function prepareStepBody(
  plan: Pick<ScenarioPlan, 'file'>,
  step: PlannedStep,
  options: ImageOptions,
): Promise<PreparedStepBody> {
  const scenarioDir = dirname(plan.file);
  const file = requestFileOf(plan, step);
  let base: unknown;
  if (file !== undefined) base = await requestFileBody(file, step, options);
  else if (step.step.body !== undefined) base = anchorFiles(step.step.body, scenarioDir);
  else throw new StepRequestError('the step has neither "request" nor "body"');
  const merged = step.step.with === undefined ? base : mergeOver(base, anchorFiles(step.step.with, scenarioDir));
  if (filePathsHoldVariables(merged)) return { body: merged, hasVariables: true, filePaths: true };
  const body = await readStepImages(merged, scenarioDir, options);
  return { body, hasVariables: holdsVariables(body), filePaths: false };
}

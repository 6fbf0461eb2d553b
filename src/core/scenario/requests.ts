import { readFile, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { isFileReference, prepareWireBody, RequestPreparationError } from '../request/prepare';
import type { PlannedStep, ScenarioPlan } from './load';
import { holdsVariables } from './variables';

/** A step's body with its images read, before variables are filled (done once per run). */
export interface PreparedStepBody {
  readonly body: unknown;
  readonly hasVariables: boolean;
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

/** `$file` paths made absolute from the folder they were written in, so a merge keeps their meaning. */
function anchorFiles(value: unknown, folder: string, where: string): unknown {
  if (isFileReference(value)) {
    if (value.$file.includes('{{')) {
      throw new StepRequestError(`${where}: a "$file" path cannot hold a variable ("${value.$file}")`);
    }
    return { $file: resolve(folder, value.$file) };
  }
  if (Array.isArray(value)) return value.map((item) => anchorFiles(item, folder, where));
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, anchorFiles(item, folder, where)]));
  return value;
}

/** The request file a step names, resolved from the scenario file's folder. */
export function requestFileOf(plan: Pick<ScenarioPlan, 'file'>, step: PlannedStep): string | undefined {
  return step.step.request === undefined ? undefined : resolve(dirname(plan.file), step.step.request);
}

/**
 * Reads a step's request (its file, or the inline body), merges `with` over it and reads its
 * `$file` images, only inside allowedRoot: the same rules as sending a request file.
 */
export async function prepareStepBody(
  plan: Pick<ScenarioPlan, 'file'>,
  step: PlannedStep,
  options: { allowedRoot: string; maxImageBytes?: number },
): Promise<PreparedStepBody> {
  const scenarioDir = dirname(plan.file);
  let base: unknown = {};
  const file = requestFileOf(plan, step);
  if (file !== undefined) {
    if (!(await insideRoot(options.allowedRoot, file))) {
      throw new StepRequestError(
        `request "${step.step.request}" is outside the workspace folder; only files inside it are sent`,
      );
    }
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new StepRequestError(
        `request "${step.step.request}": ${code === 'ENOENT' ? 'the file does not exist' : String(error)}`,
      );
    }
    try {
      base = anchorFiles(JSON.parse(text.replace(/^\uFEFF/, '')), dirname(file), `request "${step.step.request}"`);
    } catch (error) {
      if (error instanceof StepRequestError) throw error;
      throw new StepRequestError(`request "${step.step.request}" is not valid JSON`);
    }
  } else if (step.step.body !== undefined) {
    base = anchorFiles(step.step.body, scenarioDir, 'body');
  } else {
    throw new StepRequestError('the step has neither "request" nor "body"');
  }
  const merged =
    step.step.with === undefined ? base : mergeOver(base, anchorFiles(step.step.with, scenarioDir, 'with'));
  try {
    const { body } = await prepareWireBody(merged, {
      baseDir: scenarioDir,
      allowedRoot: options.allowedRoot,
      ...(options.maxImageBytes === undefined ? {} : { maxImageBytes: options.maxImageBytes }),
    });
    return { body, hasVariables: holdsVariables(body) };
  } catch (error) {
    throw new StepRequestError(error instanceof RequestPreparationError ? error.message : String(error));
  }
}

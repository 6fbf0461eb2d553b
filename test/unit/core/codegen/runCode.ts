import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { CodeLanguage } from '../../../../src/core/codegen';

/**
 * Runs generated code the way a user would: written to a file in a folder and started there with
 * the language's own interpreter, the subscription key only in the child's environment.
 */

/** The repository root, from out/test/unit/core/codegen. */
export const REPO_ROOT = join(__dirname, '../../../../..');

const NODE_24 = join(REPO_ROOT, 'test/harness/node/node_modules/node24/bin/node');

/** Like `which`: the first executable of that name on PATH. */
export function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** A Node that runs `.mts` files by stripping their types (22.18+ does; 24 is what the harness installs). */
function node24(): string | undefined {
  if (Number(process.versions.node.split('.')[0]) >= 24) return process.execPath;
  return existsSync(NODE_24) ? NODE_24 : undefined;
}

export interface Interpreter {
  fileName: string;
  command: string;
  args: string[];
}

/** How to run each language here, or why it cannot be (the test is then skipped with that reason). */
export function interpreterFor(language: CodeLanguage): Interpreter | string {
  switch (language) {
    case 'python': {
      const python = findOnPath('python3');
      return python ? { fileName: 'request.py', command: python, args: [] } : 'python3 is not on PATH';
    }
    case 'curl': {
      const bash = findOnPath('bash');
      if (!findOnPath('curl')) return 'curl is not on PATH';
      return bash ? { fileName: 'request.sh', command: bash, args: [] } : 'bash is not on PATH';
    }
    case 'typescript': {
      const node = node24();
      return node
        ? { fileName: 'request.mts', command: node, args: ['--no-warnings'] }
        : `neither this Node (${process.version}) nor ${NODE_24} is Node 24`;
    }
  }
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Writes the code into dir and runs it there. Asynchronous on purpose: the sandbox answering it
 * lives in this process, so a synchronous spawn would deadlock.
 */
export function runCode(
  interpreter: Interpreter,
  code: string,
  dir: string,
  apiKey: string | undefined,
): Promise<RunResult> {
  const file = join(dir, interpreter.fileName);
  writeFileSync(file, code);
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.BIOPASSID_API_KEY;
  delete env.NODE_OPTIONS;
  if (apiKey !== undefined) env.BIOPASSID_API_KEY = apiKey;
  return new Promise((resolve, reject) => {
    const child = spawn(interpreter.command, [...interpreter.args, file], { cwd: dir, env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The JSON body a run printed: the one output line that is a JSON object. */
export function printedJson(run: RunResult): Record<string, unknown> {
  const line = run.stdout.split('\n').find((each) => each.startsWith('{'));
  if (line === undefined) throw new Error(`no JSON body in the output:\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(line) as Record<string, unknown>;
}

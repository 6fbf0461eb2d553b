import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { l10n } from '../l10n';
import { isFileReference } from '../request/prepare';
import { type ExpectationKey, unproducible } from './expectations';
import type { PlannedStep, ScenarioPlan } from './load';
import { type JsonPath, type Location, locate, locationAt, stringNodeAt } from './locations';
import { classifyReference, KEY_VARIABLE, referencesIn, variableCycles } from './variables';

export type ScenarioDiagnosticCode =
  | 'invalid-scenario'
  | 'data-file'
  | 'duplicate-step'
  | 'no-operation'
  | 'request-and-body'
  | 'no-request'
  | 'missing-request-file'
  | 'outside-workspace'
  | 'missing-image-file'
  | 'variable-in-file-path'
  | 'undefined-variable'
  | 'later-step'
  | 'key-variable'
  | 'variable-cycle'
  | 'unproducible-expectation';

export interface ScenarioDiagnostic {
  readonly code: ScenarioDiagnosticCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly location: Location;
}

/** Every string in a value with its path, `$file` references apart. */
function* strings(value: unknown, path: JsonPath): Generator<{ path: JsonPath; text: string; file: boolean }> {
  if (typeof value === 'string') yield { path, text: value, file: false };
  else if (isFileReference(value)) yield { path: [...path, '$file'], text: value.$file, file: true };
  else if (Array.isArray(value)) for (const [index, item] of value.entries()) yield* strings(item, [...path, index]);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) yield* strings(item, [...path, key]);
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(resolve(root), resolve(path));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * The scenario's own checks, beyond what its JSON Schema says: variables that are undefined, name
 * a later step, read the key or form a cycle; request, image and data files that are missing or
 * outside the folder; expectations the step's operation cannot produce; steps without an operation.
 */
export function diagnoseScenario(plan: ScenarioPlan, options: { allowedRoot: string }): ScenarioDiagnostic[] {
  const found: ScenarioDiagnostic[] = [];
  const { text, scenario } = plan;
  const root = plan.rootNode();
  const add = (
    code: ScenarioDiagnosticCode,
    message: string,
    location: Location,
    severity: 'error' | 'warning' = 'error',
  ) => found.push({ code, severity, message, location });
  for (const problem of plan.problems) {
    add(problem.dataFile ? 'data-file' : 'invalid-scenario', problem.message, problem.location);
  }
  if (!scenario) return found;
  const scenarioDir = dirname(plan.file);
  const variables = scenario.variables ?? {};
  const allSteps = [...plan.steps, ...plan.teardown];
  const stepNames = new Set(allSteps.map((step) => step.name));
  const mainNames = plan.steps.map((step) => step.name);

  if (plan.csvFile && !inside(options.allowedRoot, plan.csvFile)) {
    add(
      'outside-workspace',
      l10n.t('data.csv "{0}" is outside the workspace folder', scenario.data?.csv ?? ''),
      locate(text, root, ['data', 'csv']),
    );
  }

  const checkReferences = (value: string, path: JsonPath, atStep: PlannedStep | undefined, where?: Location) => {
    const node = where ? undefined : stringNodeAt(root, path);
    for (const reference of referencesIn(value)) {
      const location =
        where ??
        (node ? locationAt(text, node.offset + 1 + reference.offset, reference.length) : locate(text, root, path));
      const kind = classifyReference(reference.name, stepNames);
      const label = `{{${reference.name}}}`;
      if (!kind) {
        add(
          'undefined-variable',
          l10n.t(
            '{0} is not a variable: use {1}, {2}, {3}, a variable or {4}',
            label,
            '{{run.id}}',
            '{{env.NAME}}',
            '{{row.COLUMN}}',
            '{{step.field}}',
          ),
          location,
        );
      } else if (kind.kind === 'env' && kind.variable === KEY_VARIABLE) {
        add(
          'key-variable',
          l10n.t('{0}: the subscription key cannot be used in a scenario; it is sent in its header only', label),
          location,
        );
      } else if (kind.kind === 'row') {
        if (!scenario.data) add('undefined-variable', l10n.t('{0}: this scenario has no "data" rows', label), location);
        else if (plan.columns && !plan.columns.includes(kind.column)) {
          add(
            'undefined-variable',
            l10n.t('{0}: the CSV has no column "{1}" (columns: {2})', label, kind.column, plan.columns.join(', ')),
            location,
          );
        }
      } else if (kind.kind === 'variable' && !(kind.variable in variables)) {
        add(
          'undefined-variable',
          stepNames.has(kind.variable)
            ? l10n.t(
                '{0} is not defined in "variables" (to read step "{1}", name a field: {2})',
                label,
                kind.variable,
                `{{${kind.variable}.Person.BioPassID}}`,
              )
            : l10n.t('{0} is not defined in "variables"', label),
          location,
        );
      } else if (kind.kind === 'answer') {
        if (!stepNames.has(kind.step))
          add('undefined-variable', l10n.t('{0}: there is no step named "{1}"', label, kind.step), location);
        else if (atStep) {
          const earlier =
            atStep.phase === 'teardown'
              ? mainNames.includes(kind.step) ||
                plan.teardown.slice(0, atStep.index).some((step) => step.name === kind.step)
              : mainNames.slice(0, atStep.index).includes(kind.step);
          if (!earlier)
            add(
              'later-step',
              l10n.t('{0}: step "{1}" has not run yet at step "{2}"', label, kind.step, atStep.name),
              location,
            );
        } else if (kind.step in variables) {
          // a variable named like a step: fine
        }
      }
    }
  };

  for (const [name, value] of Object.entries(variables)) checkReferences(value, ['variables', name], undefined);
  for (const cycle of variableCycles(variables)) {
    const first = cycle[0] ?? '';
    add(
      'variable-cycle',
      l10n.t('variables refer to each other in a cycle: {0}', cycle.join(' -> ')),
      locate(text, root, ['variables', first]),
    );
  }

  const seen = new Set<string>();
  for (const step of allSteps) {
    const at = (...path: JsonPath) => locate(text, root, [...step.path, ...path]);
    if (seen.has(step.name))
      add('duplicate-step', l10n.t('another step is already named "{0}"', step.name), step.location);
    seen.add(step.name);
    if (!step.operation) {
      add(
        'no-operation',
        l10n.t(
          'step "{0}" has no operation: set "operation", or name its request file like {1}',
          step.name,
          'alice.enroll.biopass.json',
        ),
        step.location,
      );
    }
    if (step.step.request !== undefined && step.step.body !== undefined)
      add('request-and-body', l10n.t('a step has a "request" file or a "body", not both'), at('body'));
    if (step.step.request === undefined && step.step.body === undefined)
      add('no-request', l10n.t('step "{0}" needs a "request" file or a "body"', step.name), step.location);
    if (step.step.request !== undefined) {
      const file = resolve(scenarioDir, step.step.request);
      if (!inside(options.allowedRoot, file)) {
        add(
          'outside-workspace',
          l10n.t('request "{0}" is outside the workspace folder; only files inside it are sent', step.step.request),
          at('request'),
        );
      } else if (!existsSync(file)) {
        add('missing-request-file', l10n.t('request file "{0}" does not exist', step.step.request), at('request'));
      } else {
        let requestText = '';
        try {
          requestText = readFileSync(file, 'utf8');
        } catch {}
        // Variables typed in the request file itself: checked too, reported at "request".
        for (const reference of referencesIn(requestText)) {
          checkReferences(`{{${reference.name}}}`, [...step.path, 'request'], step, at('request'));
        }
      }
    }
    for (const part of ['body', 'with'] as const) {
      for (const item of strings(step.step[part], [...step.path, part])) {
        if (!item.file) {
          checkReferences(item.text, item.path, step);
          continue;
        }
        const where = locate(text, root, item.path);
        if (item.text.includes('{{')) {
          checkReferences(item.text, item.path, step);
          for (const reference of referencesIn(item.text)) {
            if (classifyReference(reference.name, stepNames)?.kind === 'answer') {
              add(
                'variable-in-file-path',
                l10n.t(
                  '{0}: a "$file" path cannot use an answer (a server must not choose which file is read), only run.id, env, row and variables',
                  `{{${reference.name}}}`,
                ),
                where,
              );
            }
          }
        } else {
          const image = resolve(scenarioDir, item.text);
          if (!inside(options.allowedRoot, image))
            add(
              'outside-workspace',
              l10n.t('"{0}" is outside the workspace folder; only files inside it are sent', item.text),
              where,
            );
          else if (!existsSync(image))
            add('missing-image-file', l10n.t('image file "{0}" does not exist', item.text), where);
        }
      }
    }
    if (step.operation && step.step.expect) {
      for (const key of Object.keys(step.step.expect) as ExpectationKey[]) {
        const reason = unproducible(step.operation, key, step.step.expect);
        if (reason) add('unproducible-expectation', reason, at('expect', key));
      }
    }
  }
  return found;
}

import vscode = require('vscode');

import { parseScenarioText, type ScenarioPlan } from '../core/scenario/load';
import { referencesIn } from '../core/scenario/variables';
import { isScenarioDocument } from './scenarioDocuments';

/** The answer fields a later step most often reads, offered after a step name. */
const ANSWER_FIELDS = ['Person.CustomID', 'Person.BioPassID', 'Person.Match', 'Match.Score', 'ICAO.FaceImageConformed'];

interface Offer {
  label: string;
  detail: string;
}

/** Every variable a string of this scenario can use. */
function offers(plan: Omit<ScenarioPlan, 'rows' | 'columns'>): Offer[] {
  const found: Offer[] = [
    { label: 'run.id', detail: vscode.l10n.t('a unique id for this run') },
    { label: 'env.', detail: vscode.l10n.t('a process environment variable (never BIOPASSID_API_KEY)') },
  ];
  for (const [name, value] of Object.entries(plan.scenario?.variables ?? {}))
    found.push({ label: name, detail: vscode.l10n.t('variable: {0}', String(value)) });
  if (plan.scenario?.data)
    found.push({ label: 'row.', detail: vscode.l10n.t('a column of {0}', plan.scenario.data.csv) });
  for (const step of plan.steps) {
    for (const field of ANSWER_FIELDS)
      found.push({
        label: `${step.name}.${field}`,
        detail: vscode.l10n.t('from the answer of step "{0}"', step.name),
      });
  }
  return found;
}

/** Completion of `{{…}}` variables inside strings, and hover text naming what a variable holds. */
export class ScenarioVariables implements vscode.CompletionItemProvider, vscode.HoverProvider {
  static readonly triggerCharacters = ['{'];

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    if (!isScenarioDocument(document)) return [];
    const before = document.lineAt(position.line).text.slice(0, position.character);
    const open = before.lastIndexOf('{{');
    if (open === -1 || before.indexOf('}}', open) !== -1) return [];
    const plan = parseScenarioText(document.uri.fsPath, document.getText());
    const range = new vscode.Range(position.line, open + 2, position.line, position.character);
    return offers(plan).map((offer) => {
      const item = new vscode.CompletionItem(offer.label, vscode.CompletionItemKind.Variable);
      item.detail = offer.detail;
      item.range = range;
      item.insertText = offer.label.endsWith('.') ? offer.label : `${offer.label}}}`;
      return item;
    });
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!isScenarioDocument(document)) return undefined;
    const line = document.lineAt(position.line).text;
    const reference = referencesIn(line).find(
      (found) => position.character >= found.offset && position.character <= found.offset + found.length,
    );
    if (!reference) return undefined;
    const plan = parseScenarioText(document.uri.fsPath, document.getText());
    const offer = offers(plan).find(
      (candidate) =>
        candidate.label === reference.name ||
        (candidate.label.endsWith('.') && reference.name.startsWith(candidate.label)),
    );
    const [head] = reference.name.split('.');
    const text =
      offer?.detail ??
      (plan.steps.some((step) => step.name === head)
        ? vscode.l10n.t('from the answer of step "{0}"', head ?? '')
        : vscode.l10n.t('not a variable of this scenario'));
    return new vscode.Hover(
      new vscode.MarkdownString().appendCodeblock(`{{${reference.name}}}`, 'text').appendText(text),
      new vscode.Range(position.line, reference.offset, position.line, reference.offset + reference.length),
    );
  }
}

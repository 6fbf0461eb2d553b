import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { responseWithDescriptors, responseWithImageFiles } from '../core/results/responseJson';
import type { PanelCall } from '../panels/panelHost';
import { RESPONSE_SCHEME } from '../panels/responseDocuments';
import { resendEntry } from './resendHistory';

function isPanelCall(value: unknown): value is PanelCall {
  return typeof value === 'object' && value !== null && 'outcome' in value && 'call' in value;
}

/** The call an action is about: the one passed (from a panel), else the active panel's. */
function resultFrom(services: ExtensionServices, argument: unknown): PanelCall | undefined {
  return isPanelCall(argument) ? argument : services.panels.activeResult();
}

function bodyOf(result: PanelCall | undefined): unknown {
  return result && 'body' in result.outcome ? result.outcome.body : undefined;
}

function stemOf(result: PanelCall): string {
  return `${(result.call.source ?? result.call.customId ?? 'response').replace(/\.[^.]+$/, '')}.${result.call.operation}`;
}

/** Says there is nothing to show, rather than doing nothing. */
function noResponse(services: ExtensionServices): undefined {
  void services.ui.showInformationMessage(
    vscode.l10n.t('No BioPass ID response to show: run a request first (its result panel holds it).'),
  );
  return undefined;
}

/** `BioPass ID: Open Response as JSON`: a read-only JSON document, images replaced by descriptors. */
export function openResponseJson(services: ExtensionServices) {
  return async (argument?: unknown): Promise<vscode.TextDocument | undefined> => {
    const result = resultFrom(services, argument);
    const body = bodyOf(result);
    if (!result || body === undefined) return noResponse(services);
    // An output sink: the descriptors hold no image, and the redactor masks any key echoed back.
    const text = services.redactor.text(responseWithDescriptors(body));
    const path = services.panels.responses.add(`${stemOf(result)}.response.json`, text);
    const document = await services.workspace.openTextDocument(vscode.Uri.from({ scheme: RESPONSE_SCHEME, path }));
    await services.ui.showTextDocument(document, { preview: true });
    return document;
  };
}

/** `BioPass ID: Save Response…`: the described JSON, or the full JSON with its images as files. */
export function saveResponse(services: ExtensionServices) {
  return async (argument?: unknown, chosen?: unknown): Promise<vscode.Uri[] | undefined> => {
    const result = resultFrom(services, argument);
    const body = bodyOf(result);
    if (!result || body === undefined) return noResponse(services);
    const DESCRIBED = vscode.l10n.t('Response with image descriptors');
    const WITH_FILES = vscode.l10n.t('Full response, images also saved as files next to it');
    // A caller may name the format ('described' or 'files'); a person picks it.
    const format =
      chosen === 'described' || chosen === 'files'
        ? { label: chosen === 'described' ? DESCRIBED : WITH_FILES }
        : await services.ui.showQuickPick(
            [
              { label: DESCRIBED, detail: vscode.l10n.t('Images as `<jpeg 182 KB sha256:…>`: small, safe to share.') },
              {
                label: WITH_FILES,
                detail: vscode.l10n.t('The JSON as received, and every image decoded into its own file.'),
              },
            ],
            { title: vscode.l10n.t('Save BioPass ID response') },
          );
    if (!format) return undefined;
    const folder = services.workspace.workspaceFolders()[0]?.uri;
    const name = `${stemOf(result)}.response.json`;
    const uri = await services.panels.apis.showSaveDialog({
      title: vscode.l10n.t('Save BioPass ID response'),
      filters: { JSON: ['json'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
    });
    if (!uri) return undefined;
    const encoder = new TextEncoder();
    if (format.label === DESCRIBED) {
      await services.panels.apis.writeFile(uri, encoder.encode(services.redactor.text(responseWithDescriptors(body))));
      return [uri];
    }
    const stem = uri.path.slice(uri.path.lastIndexOf('/') + 1).replace(/\.json$/, '');
    const saved = responseWithImageFiles(body, stem, (text) => services.redactor.text(text));
    await services.panels.apis.writeFile(uri, encoder.encode(saved.json));
    const written = [uri];
    for (const file of saved.files) {
      const fileUri = vscode.Uri.joinPath(uri, '..', file.name);
      await services.panels.apis.writeFile(fileUri, file.bytes);
      written.push(fileUri);
    }
    services.log.info(
      `Saved the ${result.call.operation} response and ${saved.files.length} image file(s) next to it.`,
    );
    return written;
  };
}

/** Opens a history entry's result panel again, from its metadata (context-only command). */
export function openHistoryResult(services: ExtensionServices) {
  return async (id: unknown) => {
    const entry = typeof id === 'string' ? services.history.find(id) : undefined;
    if (!entry) return undefined;
    const held = services.panels.heldCall(entry.id);
    return held ? services.panels.showResult(held, undefined, { newPanel: true }) : services.panels.showHistory(entry);
  };
}

function historyIdOf(argument: unknown): string | undefined {
  if (typeof argument === 'string') return argument;
  const id = (argument as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && id.startsWith('history:') ? id.slice('history:'.length) : undefined;
}

/** Sends a history entry's request again where that is safe (src/commands/resendHistory.ts), else says why. */
export function resendHistoryEntry(services: ExtensionServices) {
  return async (argument: unknown) => {
    const id = historyIdOf(argument);
    const entry = id ? services.history.find(id) : undefined;
    if (!entry) {
      void services.ui.showInformationMessage(vscode.l10n.t('That request is no longer in the BioPass ID history.'));
      return undefined;
    }
    return resendEntry(services, entry);
  };
}

/** The CustomID a Persons item (or a plain string) names. */
export function customIdOf(argument: unknown): string | undefined {
  if (typeof argument === 'string') return argument;
  const id = (argument as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string' || !id.startsWith('person:')) return undefined;
  return id.slice(id.indexOf(':', 'person:'.length) + 1);
}

/** Copies a person's CustomID from the Persons view. */
export function copyCustomId(services: ExtensionServices) {
  return async (argument: unknown): Promise<string | undefined> => {
    const customId = customIdOf(argument);
    if (customId === undefined) return undefined;
    await services.workspace.writeClipboard(customId);
    return customId;
  };
}

/** Deletes the person a Persons item names (the Delete Person confirmation included). */
export function deleteListedPerson(services: ExtensionServices) {
  return async (argument: unknown) => {
    const customId = customIdOf(argument);
    return customId === undefined ? undefined : services.workspace.executeCommand('biopassid.deletePerson', customId);
  };
}

import vscode = require('vscode');

import { bulkFolder } from './commands/bulkFolder';
import { copyRequestAsCode } from './commands/copyRequestAsCode';
import { deletePerson } from './commands/deletePerson';
import { selectEnvironment } from './commands/environment';
import { evaluateAccuracy } from './commands/evaluateAccuracy';
import { getStarted } from './commands/getStarted';
import { clearHistory, openHistoryEntry, showHistory } from './commands/history';
import { imageOperation } from './commands/imageOperation';
import { insertImageBase64 } from './commands/insertImageBase64';
import { newRequest } from './commands/newRequest';
import { pasteCurl } from './commands/pasteCurl';
import { openSampleFace, verifyListedPerson } from './commands/personActions';
import { qualityReport } from './commands/qualityReport';
import {
  copyCustomId,
  deleteListedPerson,
  openHistoryResult,
  openResponseJson,
  resendHistoryEntry,
  saveResponse,
} from './commands/resultCommands';
import { runScenario } from './commands/runScenario';
import { startSandbox, stopSandbox } from './commands/sandbox';
import { saveReport } from './commands/saveReport';
import { sendRequest } from './commands/sendRequest';
import { clearApiKey, setApiKey } from './commands/setApiKey';
import { showKeyStatus } from './commands/showKeyStatus';
import { showOutput } from './commands/showOutput';
import type { ExtensionServices } from './context';

type CommandFactory = (services: ExtensionServices) => (...args: never[]) => unknown;

/**
 * Every command, declared once: the key is the id after `biopassid.`, the value builds the
 * handler from the services it needs. package.json contributes the same ids (a test checks).
 */
export const COMMANDS = {
  showOutput,
  setApiKey,
  clearApiKey,
  showKeyStatus,
  selectEnvironment,
  startSandbox,
  stopSandbox,
  enrollImage: imageOperation({ operation: 'enroll', biometric: 'face' }),
  verifyImage: imageOperation({ operation: 'verify', biometric: 'face' }),
  updateImage: imageOperation({ operation: 'update', biometric: 'face' }),
  enrollFinger: imageOperation({ operation: 'enroll', biometric: 'finger' }),
  verifyFinger: imageOperation({ operation: 'verify', biometric: 'finger' }),
  checkLiveness: imageOperation({ operation: 'liveness', biometric: 'face' }),
  detectFaces: imageOperation({ operation: 'face_detect', biometric: 'face' }),
  checkIcao: imageOperation({ operation: 'check_icao', biometric: 'face' }),
  cropIcao: imageOperation({ operation: 'icao_crop', biometric: 'face' }),
  anonymizeFace: imageOperation({ operation: 'anonymizer', biometric: 'face' }),
  checkNfiq: imageOperation({ operation: 'check_nfiq', biometric: 'finger' }),
  deletePerson,
  enrollFolder: bulkFolder('enroll'),
  updateFolder: bulkFolder('update'),
  deleteFolder: bulkFolder('delete'),
  showHistory,
  clearHistory,
  openHistoryEntry,
  newRequest,
  sendRequest,
  insertImageBase64,
  copyRequestAsCode,
  runScenario,
  getStarted,
  pasteCurl,
  openResponseJson,
  saveResponse,
  openHistoryResult,
  resendHistoryEntry,
  verifyListedPerson,
  deleteListedPerson,
  copyCustomId,
  openSampleFace,
  evaluateAccuracy,
  qualityReport,
  saveReport,
} satisfies Record<string, CommandFactory>;

export type CommandName = keyof typeof COMMANDS;

export function commandId(name: CommandName): string {
  return `biopassid.${name}`;
}

export type CommandHandler = (args: unknown[]) => Promise<unknown>;

/**
 * Every command's handler by id; a failure the handler did not expect is logged and shown with
 * View Logs. src/extension.ts registers the ids (from package.json) and calls these.
 */
export function commandHandlers(services: ExtensionServices): Map<string, CommandHandler> {
  return new Map(
    (Object.keys(COMMANDS) as CommandName[]).map((name) => {
      const handler = COMMANDS[name](services) as (...args: unknown[]) => unknown;
      const run: CommandHandler = async (args) => {
        try {
          return await handler(...args);
        } catch (error) {
          services.log.error(`${commandId(name)} failed`, error);
          const viewLogs = vscode.l10n.t('View Logs');
          void services.ui
            .showErrorMessage(vscode.l10n.t('BioPass ID: {0}', services.redactor.text(String(error))), viewLogs)
            .then((choice) => {
              if (choice === viewLogs) services.log.show();
            });
          return undefined;
        }
      };
      return [commandId(name), run] as const;
    }),
  );
}

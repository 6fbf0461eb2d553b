import type { ExtensionServices } from '../../src/context';
import type { Sandbox } from '../../src/core/sandbox';
import { activateExtension } from './extension';
import { FakeUser } from './fakeUser';
import { resetSettings, ScratchFolder, useExtensionSandbox } from './workbench';

export interface SandboxSession {
  readonly services: ExtensionServices;
  /** The extension's own sandbox: no persons, an empty request log and no faults at the start of each test. */
  readonly sandbox: Sandbox;
  readonly user: FakeUser;
  readonly folder: ScratchFolder;
}

/**
 * The fixture of a suite that drives commands against the extension's local sandbox: before each
 * test, default settings, an empty history, a fresh sandbox, a FakeUser and a scratch folder;
 * after it, all of them undone. Read the fields inside tests only.
 */
export function useSandboxSession(): SandboxSession {
  let current: SandboxSession | undefined;
  beforeEach(async () => {
    const services = await activateExtension();
    await resetSettings();
    await services.history.clear();
    const sandbox = await useExtensionSandbox(services);
    current = { services, sandbox, user: new FakeUser(services.ui), folder: await ScratchFolder.create() };
  });
  afterEach(async () => {
    if (!current) return;
    const { services, sandbox, user, folder } = current;
    current = undefined;
    user.restore();
    sandbox.clearFaults();
    await services.history.clear();
    await resetSettings();
    await folder.delete();
  });
  const session = (): SandboxSession => {
    if (!current) throw new Error('useSandboxSession: the session exists only inside a test');
    return current;
  };
  return {
    get services() {
      return session().services;
    },
    get sandbox() {
      return session().sandbox;
    },
    get user() {
      return session().user;
    },
    get folder() {
      return session().folder;
    },
  };
}

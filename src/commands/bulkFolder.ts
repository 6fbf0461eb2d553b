import type { ExtensionServices } from '../context';
import type { BulkOperation } from '../core/bulk/records';

/** Explorer -> BioPass ID -> Enroll / Update / Delete Folder… (src/bulk/folder.ts); loaded on first use from its own bundle. */
export function bulkFolder(operation: BulkOperation) {
  return (services: ExtensionServices) =>
    async (resource?: unknown): Promise<unknown> => {
      const bulk = await import('../bulk/index.js');
      return bulk.bulkFolder(operation)(services)(resource);
    };
}

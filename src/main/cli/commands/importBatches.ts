import type { Command } from 'commander';
import type { BatchSummary, UndoResult } from '../../import/batches';
import type { ImportService } from '../../services/import-service';

export interface ImportBatchCommandDeps {
  imports: () => ImportService;
  out(text: string): void;
  json: () => boolean;
}

/** Same wording as the Import screen's toast, so the CLI and the UI report an undo alike. */
export function undoneText(r: UndoResult): string {
  const changed = r.changedPorts.length > 0 ? `; ${r.changedPorts.length} existing port(s) lost the numbers it added` : '';
  return `Import undone: ${r.removedPorts.length} port(s) and ${r.removedNumbers} number(s) removed${changed}`;
}

function batchLine(b: BatchSummary): string {
  const when = new Date(b.createdAt).toISOString();
  const state = b.undoneAt !== null ? `undone ${new Date(b.undoneAt).toISOString()}` : b.undoRefused ? 'pushed, cannot be undone' : 'can be undone';
  return `${b.batchId}  ${when}  ${b.numbers} number(s) in ${b.ports} port(s) from ${b.source}; ${state}`;
}

/**
 * `portdesk import undo BATCH_ID` and `portdesk import list`, under the `import` command. The
 * service applies the UI's undo rule, so a refusal (anything of the batch pushed) surfaces as
 * the same one-line error, exit 1.
 */
export function registerImportBatchCommands(importCommand: Command, deps: ImportBatchCommandDeps): void {
  importCommand
    .command('undo <batchId>')
    .description('undo a whole import (its id is printed by `portdesk import`) while none of it was pushed')
    .action((batchId: string) => {
      const result = deps.imports().undo(batchId);
      deps.out(deps.json() ? JSON.stringify(result, null, 2) : undoneText(result));
    });
  importCommand
    .command('list')
    .description('recent imports, newest first, with whether each can still be undone')
    .option('--limit <n>', 'how many to show', '20')
    .action((opts: { limit: string }) => {
      const limit = Number(opts.limit);
      const batches = deps.imports().batches(Number.isInteger(limit) && limit > 0 ? limit : 20);
      if (deps.json()) deps.out(JSON.stringify(batches, null, 2));
      else deps.out(batches.length === 0 ? 'No imports yet' : batches.map(batchLine).join('\n'));
    });
}

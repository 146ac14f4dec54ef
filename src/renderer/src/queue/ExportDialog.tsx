import { useState } from 'react';
import { messageOf } from '../lib/messageOf';
import { FormModal } from '../ui/FormModal';
import { rpc } from '../rpc/transport';
import { downloadBytes, fromBase64 } from '../documents/bytes';
import { useNoticeStore } from '../stores/noticeStore';
import { AppError, type ErrorCode } from '../../../shared/errors';
import { ExportSaveAnswerSchema, type ExportSaveRequest } from '../../../shared/rpc/exportSave';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Write the export where the user says: on the desktop, main's native save dialog (null when
 * canceled); in a browser (the headless host), a download.
 */
async function exportPorts(request: ExportSaveRequest): Promise<{ name: string; ports: number; rows: number } | null> {
  const save = window.portdesk?.saveExport;
  if (save) {
    const answer = ExportSaveAnswerSchema.parse(await save(request));
    if (!answer.ok) throw new AppError(answer.error.code as ErrorCode, answer.error.message);
    return answer.saved && { name: answer.saved.path, ports: answer.saved.ports, rows: answer.saved.rows };
  }
  const file = await rpc.call('ports.export', request);
  downloadBytes(fromBase64(file.base64), file.fileName, file.contentType);
  return { name: file.fileName, ports: file.ports, rows: file.rows };
}

/** Export the ports of the current view, in its order, as a file PortDesk's import reads back as is. */
export function ExportDialog({ ids, onClose }: { ids: string[]; onClose(): void }) {
  const [format, setFormat] = useState<'csv' | 'xlsx'>('xlsx');
  const [perNumber, setPerNumber] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    try {
      const saved = await exportPorts({ ids, format, perNumber });
      if (saved) useNoticeStore.getState().toast('success', `Exported ${plural(saved.rows, 'row')} (${plural(saved.ports, 'port')}) to ${saved.name}`);
      onClose();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <FormModal
      title={`Export ${ids.length} ${ids.length === 1 ? 'port' : 'ports'}`}
      onClose={onClose}
      width={420}
      onSubmit={() => void run()}
      submitLabel="Export"
      busy={busy || ids.length === 0}
    >
      <fieldset className="export-choice">
        <legend className="field-label">Format</legend>
        <label>
          <input type="radio" name="export-format" checked={format === 'xlsx'} onChange={() => setFormat('xlsx')} /> Excel workbook (.xlsx)
        </label>
        <label>
          <input type="radio" name="export-format" checked={format === 'csv'} onChange={() => setFormat('csv')} /> CSV (.csv)
        </label>
      </fieldset>
      <fieldset className="export-choice">
        <legend className="field-label">Rows</legend>
        <label>
          <input type="radio" name="export-rows" checked={!perNumber} onChange={() => setPerNumber(false)} /> One per port (numbers in one cell)
        </label>
        <label>
          <input type="radio" name="export-rows" checked={perNumber} onChange={() => setPerNumber(true)} /> One per number
        </label>
      </fieldset>
      <p className="field-hint">The ports of this view in its order. The file imports back into PortDesk without remapping.</p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </FormModal>
  );
}

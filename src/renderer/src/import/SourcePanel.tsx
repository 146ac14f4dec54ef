import { useRef, useState, type DragEvent } from 'react';
import { Icon } from '../ui/Icon';
import { useImportStore } from './importStore';
import { ACCEPTED_FILES, MAX_WINDOW_FILE_BYTES, fileToBase64 } from './fileSource';

const COUNTRIES = ['US', 'CA', 'GB', 'AU', 'DE', 'FR', 'NL', 'IE', 'NZ', 'MX'];

/** Where numbers come from: pasted text or cells, or a dropped / opened CSV, TSV or XLSX file. */
export function SourcePanel() {
  const start = useImportStore((s) => s.start);
  const country = useImportStore((s) => s.country);
  const setCountry = useImportStore((s) => s.setCountry);
  const busy = useImportStore((s) => s.busy);
  const [text, setText] = useState('');
  const [dragging, setDragging] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const openFile = async (file: File) => {
    setFileError(null);
    if (file.size > MAX_WINDOW_FILE_BYTES) {
      setFileError(`${file.name} is ${Math.round(file.size / 1048576)} MB; the window takes files up to 46 MB. Use "portdesk import ${file.name}" for larger files.`);
      return;
    }
    await start({ kind: 'file', name: file.name, base64: await fileToBase64(file) }, `Reading ${file.name}…`);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void openFile(file);
  };

  return (
    <div className="imp-sources">
      <label className="imp-country">
        Numbers without + are in
        <select className="select" value={country} onChange={(e) => setCountry(e.target.value)} aria-label="Default country">
          {COUNTRIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <section className="imp-card imp-paste" aria-labelledby="imp-paste-title">
        <h2 id="imp-paste-title">Paste</h2>
        <p className="muted">Numbers from an e-mail, ranges like “202-555-0100 to 0199”, or cells copied from a spreadsheet (with their header row).</p>
        <textarea
          className="textarea imp-paste-box"
          aria-label="Paste numbers or spreadsheet cells"
          placeholder={'Customer\tNumber\tCarrier\nAcme\t(202) 555-0100\tVerizon'}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <div className="imp-actions">
          <button type="button" className="btn btn-primary" disabled={text.trim() === '' || busy !== null} onClick={() => void start({ kind: 'paste', text }, 'Reading pasted text…')}>
            Preview
          </button>
        </div>
      </section>
      <section
        className={`imp-card imp-drop${dragging ? ' imp-drop-active' : ''}`}
        aria-labelledby="imp-file-title"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <h2 id="imp-file-title">File</h2>
        <div className="imp-drop-zone">
          <Icon name="import" size={28} />
          <p>Drop a CSV, TSV or Excel (.xlsx) file here</p>
          <button type="button" className="btn" onClick={() => input.current?.click()} disabled={busy !== null}>
            Open file…
          </button>
          <input
            ref={input}
            type="file"
            accept={ACCEPTED_FILES}
            hidden
            aria-label="Import file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void openFile(file);
            }}
          />
        </div>
        {fileError && (
          <p className="imp-error" role="alert">
            {fileError}
          </p>
        )}
      </section>
    </div>
  );
}

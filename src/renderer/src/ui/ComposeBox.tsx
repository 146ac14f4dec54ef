import type { ReactNode } from 'react';

interface Props {
  /** Field label; also what the textarea is found by. */
  label: string;
  value: string;
  placeholder: string;
  /** Id of the error line, unique on the screen. */
  errorId: string;
  error: string | null;
  busy: boolean;
  submitLabel: string;
  maxLength?: number;
  onChange(value: string): void;
  onSubmit(): void;
  /** Controls shown before the hint and the button (e.g. a comment's flags). */
  children?: ReactNode;
}

/**
 * A multi-line box sent with a button or Ctrl+Enter (Cmd+Enter on macOS), with its error under
 * it: adding numbers to a port, writing a comment. Empty (blank) text cannot be sent.
 */
export function ComposeBox({ label, value, placeholder, errorId, error, busy, submitLabel, maxLength, onChange, onSubmit, children }: Props) {
  return (
    <div className="compose">
      <label className="field field-wide">
        <span className="field-label">{label}</span>
        <textarea
          className="textarea"
          rows={2}
          value={value}
          maxLength={maxLength}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              onSubmit();
            }
          }}
        />
      </label>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="compose-actions">
        {children}
        <span className="muted compose-hint">Ctrl+Enter to send</span>
        <button type="button" className="btn btn-primary btn-sm" disabled={busy || value.trim() === ''} onClick={onSubmit}>
          {submitLabel}
        </button>
      </div>
    </div>
  );
}

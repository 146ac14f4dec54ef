import { useRef } from 'react';
import { FormField } from './FormField';

interface TrustedCaFieldProps {
  label: string;
  value: string;
  error: string | undefined;
  onChange(text: string): void;
  onBlur?: () => void;
}

/**
 * A private authority's certificate for a connection: pasted as PEM text, or read from a chosen
 * .pem/.crt file (its text lands in the field, where it can be checked before saving).
 */
export function TrustedCaField({ label, value, error, onChange, onBlur }: TrustedCaFieldProps) {
  const file = useRef<HTMLInputElement>(null);
  return (
    <FormField
      label={label}
      error={error}
      hint="For a server with a self-signed or company certificate: paste the authority's PEM text, or choose its .pem or .crt file"
    >
      {(a11y) => (
        <div className="trusted-ca-input">
          <textarea {...a11y} className="textarea mono" rows={3} spellCheck={false} placeholder="-----BEGIN CERTIFICATE-----" value={value} onChange={(e) => onChange(e.target.value)} onBlur={onBlur} />
          <button type="button" className="btn btn-sm" onClick={() => file.current?.click()}>
            Choose file…
          </button>
          <input
            ref={file}
            type="file"
            hidden
            accept=".pem,.crt,.cer"
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              e.target.value = '';
              // Read only what could be a certificate file; the size rule then says why a big one is refused.
              if (chosen) void chosen.slice(0, 65 * 1024).text().then(onChange);
            }}
          />
        </div>
      )}
    </FormField>
  );
}

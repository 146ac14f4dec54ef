/** Files the Import screen accepts; the host checks the content, this only filters the picker. */
export const ACCEPTED_FILES = '.csv,.tsv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The host refuses RPC bodies over 64 MB; base64 makes bytes 4/3 larger. */
export const MAX_WINDOW_FILE_BYTES = 46 * 1024 * 1024;

/**
 * A file's bytes as base64, for RPC (JSON has no binary). FileReader's data URL is encoded
 * natively, far faster than building the string in JavaScript for a multi-megabyte file.
 */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(new Error(`Could not read ${file.name}`));
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

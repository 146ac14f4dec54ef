/**
 * Crash reporting is off by default: nothing is collected or uploaded unless an administrator
 * sets PORTDESK_CRASH_REPORT_URL to an https endpoint (a Crashpad/minidump collector they run).
 * Electron collects nothing until crashReporter.start is called, so "off" means never calling it.
 */
export interface CrashReporterStart {
  submitURL: string;
  uploadToServer: true;
  compress: true;
  productName: string;
  ignoreSystemCrashHandler: true;
}

/** The crashReporter.start options, or null (the default) to leave crash reporting off. */
export function crashReporterOptions(env: Record<string, string | undefined>): CrashReporterStart | null {
  const raw = env.PORTDESK_CRASH_REPORT_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  return { submitURL: url.href, uploadToServer: true, compress: true, productName: 'PortDesk', ignoreSystemCrashHandler: true };
}

import { X509Certificate } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { certificateBlocks, trustedCaProblem } from '../../shared/domain/trustedCa';

/** What Settings and `portdesk remote list` show of one trusted certificate. */
export interface CertificateInfo {
  /** The subject's common name (CN), else its whole subject on one line. */
  subject: string;
  /** SHA-256 of the certificate, "AB:CD:..." as openssl and browsers show it. */
  fingerprint: string;
  /** Last day it is valid, as the certificate says it. */
  validTo: string;
}

/** A connection's trusted certificates, read and checked: the PEM blocks to trust and what to show of each. */
export interface TrustedCa {
  /** The blocks alone, one per certificate, joined by a line break: what is stored. */
  pem: string;
  blocks: string[];
  certificates: CertificateInfo[];
}

/**
 * Read a trusted certificate text: one or more PEM certificate blocks, each parsed by
 * node:crypto. Anything else fails as a VALIDATION error on the `trustedCa` field, so nothing is
 * written. Used on input (service) and on what is read back from the database.
 */
export function readTrustedCa(text: string): TrustedCa {
  const problem = trustedCaProblem(text);
  if (problem) throw invalid(`The trusted certificate ${problem}`);
  const blocks = certificateBlocks(text).map((b) => b.replace(/\r\n/g, '\n'));
  const certificates = blocks.map((block, i) => {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(block);
    } catch {
      throw invalid(`The trusted certificate's ${blocks.length > 1 ? `block ${i + 1}` : 'block'} is not a readable X.509 certificate (damaged or cut short): copy it again`);
    }
    return { subject: subjectOf(cert.subject), fingerprint: cert.fingerprint256, validTo: cert.validTo };
  });
  return { pem: blocks.join('\n'), blocks, certificates };
}

function invalid(message: string): AppError {
  return new AppError('VALIDATION', message, { field: 'trustedCa' });
}

/** node:crypto gives the subject as "C=US\nO=Acme\nCN=Acme Root CA". */
function subjectOf(subject: string): string {
  const lines = subject.split('\n').filter((l) => l !== '');
  const cn = lines.find((l) => l.startsWith('CN='));
  return cn ? cn.slice(3) : lines.join(', ');
}

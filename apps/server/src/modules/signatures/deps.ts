import type { Sealer } from '../../crypto/sealer.js';
import type { FileStore } from '../../storage/file-store.js';
import type { SigningService } from './signing-service.js';

/** What signing needs from the app: the file store, the sealer, the signing service, the public address. */
export interface SignatureDeps {
  files: FileStore;
  secrets: Sealer;
  signing: SigningService;
  /** e.g. https://sidakin.example.go.id — the verification page is `<publicBaseUrl>/verifikasi/<code>`. */
  publicBaseUrl: string;
}

let configured: SignatureDeps | null = null;

/**
 * Set when the routes are registered, for the `…Tx` functions other modules call from inside
 * their own transactions (a step action has no app at hand). Routes pass their own deps.
 */
export function configureSignatures(deps: SignatureDeps): void {
  configured = deps;
}

export function signatureDeps(): SignatureDeps {
  if (!configured) throw new Error('signatures are not configured (register the signature routes first)');
  return configured;
}

export const verificationUrl = (publicBaseUrl: string, code: string) => `${publicBaseUrl}/verifikasi/${code}`;

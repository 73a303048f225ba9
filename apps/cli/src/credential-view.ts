// How `models status` and `doctor` describe a credential source: the documented lookup order, which step
// matched, and the non-secret details (masked key id, expiry). Pure, so it is unit-tested.
import type { CredentialSource } from './upstream.js';

/** The order Outcrop looks for credentials in (the same as the AWS SDK, bearer token first). */
export const CREDENTIAL_ORDER = [
  { kind: 'bearer-token', label: 'env: AWS_BEARER_TOKEN_BEDROCK' },
  { kind: 'env-keys', label: 'env: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY' },
  { kind: 'profile', label: 'env: AWS_PROFILE' },
  {
    kind: 'default-chain',
    label:
      'aws-sdk default chain (shared credentials, sso, credential_process, web identity, container, instance metadata)',
  },
] as const;

export interface CredentialView {
  ok: boolean;
  kind: CredentialSource['kind'];
  label: string;
  /** 1-based position in CREDENTIAL_ORDER, null when nothing matched. */
  step: number | null;
  maskedKeyId?: string;
  maskedToken?: string;
  profile?: string;
  temporary?: boolean;
  expiresAt?: string;
  expired: boolean;
  tried?: string[];
  hint?: string;
}

export function describeCredentials(source: CredentialSource, now = Date.now()): CredentialView {
  const index = CREDENTIAL_ORDER.findIndex((entry) => entry.kind === source.kind);
  const view: CredentialView = {
    ok: source.kind !== 'none',
    kind: source.kind,
    label: source.label,
    step: index >= 0 ? index + 1 : null,
    expired: false,
  };
  switch (source.kind) {
    case 'bearer-token':
      view.maskedToken = source.maskedToken;
      break;
    case 'env-keys':
      view.maskedKeyId = source.maskedKeyId;
      view.temporary = source.temporary;
      break;
    case 'profile':
      view.profile = source.profile;
      if (source.maskedKeyId) view.maskedKeyId = source.maskedKeyId;
      break;
    case 'default-chain':
      if (source.maskedKeyId) view.maskedKeyId = source.maskedKeyId;
      if (source.expiresAt) {
        view.expiresAt = source.expiresAt.toISOString();
        view.expired = source.expiresAt.getTime() <= now;
        view.ok = !view.expired;
      }
      break;
    case 'none':
      view.tried = source.tried;
      view.hint = source.hint;
      break;
  }
  return view;
}

/** A short detail for the human line: the masked key or token and expiry. */
export function credentialDetail(view: CredentialView): string {
  const parts: string[] = [];
  if (view.maskedKeyId) parts.push(`key ${view.maskedKeyId}${view.temporary ? ' (temporary)' : ''}`);
  if (view.maskedToken) parts.push(`token ${view.maskedToken}`);
  if (view.expiresAt) parts.push(view.expired ? `expired ${view.expiresAt}` : `expires ${view.expiresAt}`);
  else if (view.expired) parts.push('expired');
  return parts.join(', ');
}

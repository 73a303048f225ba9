// The checks `outcrop doctor` runs, in order. Each returns pass / warn / fail / skip with a fix hint;
// later checks skip (rather than fail again) when what they need failed earlier.

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface CheckResult {
  id: 'config' | 'credentials' | 'region' | 'listing' | 'model-access' | 'inference-profiles';
  title: string;
  status: CheckStatus;
  detail: string;
  hint?: string;
}

export const pass = (id: CheckResult['id'], title: string, detail: string): CheckResult => ({
  id,
  title,
  status: 'pass',
  detail,
});

export const problem = (
  status: 'warn' | 'fail' | 'skip',
  id: CheckResult['id'],
  title: string,
  detail: string,
  hint?: string,
): CheckResult => ({ id, title, status, detail, ...(hint ? { hint } : {}) });

/** Bedrock's words for a bare model id that must be called through an inference profile. */
export function needsInferenceProfile(message: string): boolean {
  return /on-demand throughput isn.t supported|inference profile/i.test(message);
}

/**
 * For refs that name a bare model id which discovery offers only through inference profiles, the profile
 * ref to use instead (geo profile first, as discovery orders them).
 */
export function profileAdvice(
  refs: string[],
  discovered: Array<{ id: string; baseModelId: string; invocation: string }>,
): Array<{ ref: string; use: string }> {
  const advice: Array<{ ref: string; use: string }> = [];
  for (const ref of refs) {
    if (!ref.startsWith('amazon-bedrock/')) continue;
    const id = ref.slice('amazon-bedrock/'.length);
    const sameBase = discovered.filter((model) => model.baseModelId === id);
    if (sameBase.length === 0 || sameBase.some((model) => model.invocation === 'on-demand')) continue;
    const profile = sameBase.find((model) => model.invocation === 'inference-profile');
    if (profile) advice.push({ ref, use: `amazon-bedrock/${profile.id}` });
  }
  return advice;
}

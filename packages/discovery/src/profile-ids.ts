import { baseModelIdOf, type ProfilePrefix } from './model-id.js';

/**
 * Geographic profile prefixes that can be called from a source region, most specific first, following
 * the AWS cross-region inference documentation: US and Canada regions use `us.`, GovCloud `us-gov.`,
 * Europe `eu.`, Asia Pacific `apac.` with `jp.` (Tokyo, Osaka) and `au.` (Sydney, Melbourne) where
 * AWS offers country profiles. Other regions have only the `global.` profile.
 */
export function geoPrefixesFor(region: string): ProfilePrefix[] {
  const r = region.trim().toLowerCase();
  if (r.startsWith('us-gov-')) return ['us-gov'];
  if (r.startsWith('us-') || r.startsWith('ca-')) return ['us'];
  if (r.startsWith('eu-')) return ['eu'];
  if (r === 'ap-northeast-1' || r === 'ap-northeast-3') return ['jp', 'apac'];
  if (r === 'ap-southeast-2' || r === 'ap-southeast-4') return ['au', 'apac'];
  if (r.startsWith('ap-')) return ['apac'];
  return [];
}

/**
 * System-defined profile ids a model could be called by from `region` when no discovery data is at
 * hand: the geographic ones first, then `global.`. Whether AWS offers each one for this model is only
 * known from ListInferenceProfiles; discovery uses the real list when it has it.
 */
export function profileIdsFor(baseModelId: string, region: string): string[] {
  const base = baseModelIdOf(baseModelId);
  if (base.startsWith('arn:')) return [];
  const prefixes: ProfilePrefix[] = [...geoPrefixesFor(region)];
  if (!region.trim().toLowerCase().startsWith('us-gov-')) prefixes.push('global');
  return prefixes.map((prefix) => `${prefix}.${base}`);
}

// Regions the emulator knows, grouped by the geography prefixes of system-defined inference profiles.
import type { ProfileGeo } from './catalog-types.js';

export const US = ['us-east-1', 'us-east-2', 'us-west-2'];
export const EU = ['eu-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1'];
export const APAC = ['ap-northeast-1', 'ap-northeast-2', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2'];

/** Source regions from which a system-defined profile of each geography can be called. */
export const GEO_REGIONS: Record<ProfileGeo, string[]> = {
  us: US,
  eu: EU,
  apac: APAC,
  jp: ['ap-northeast-1', 'ap-northeast-3'],
  au: ['ap-southeast-2', 'ap-southeast-4'],
  'us-gov': ['us-gov-west-1', 'us-gov-east-1'],
  global: [...US, ...EU, ...APAC, 'ca-central-1', 'sa-east-1'],
};

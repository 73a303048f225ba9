import { describe, expect, it } from 'vitest';
import { fallbackProfileId, isBareModelId } from './profile-fallback.js';

describe('profile fallback', () => {
  const id = 'anthropic.claude-sonnet-4-20250514-v1:0';

  it('only applies to bare model ids', () => {
    expect(isBareModelId(id)).toBe(true);
    expect(isBareModelId(`us.${id}`)).toBe(false);
    expect(isBareModelId(`global.${id}`)).toBe(false);
    expect(isBareModelId('arn:aws:bedrock:us-east-1:123:application-inference-profile/abc')).toBe(false);
    expect(fallbackProfileId(`eu.${id}`, 'eu-west-1')).toBeUndefined();
  });

  it('follows the geography of the region, else global', () => {
    expect(fallbackProfileId(id, 'us-west-2')).toBe(`us.${id}`);
    expect(fallbackProfileId(id, 'eu-central-1')).toBe(`eu.${id}`);
    expect(fallbackProfileId(id, 'ap-southeast-1')).toBe(`apac.${id}`);
    expect(fallbackProfileId(id, 'sa-east-1')).toBe(`global.${id}`);
  });

  it('prefers discovery data when given', () => {
    expect(fallbackProfileId(id, 'us-east-1', (base, region) => `${region}-known.${base}`)).toBe(
      `us-east-1-known.${id}`,
    );
    expect(fallbackProfileId(id, 'us-east-1', () => undefined)).toBe(`us.${id}`);
    const broken = () => {
      throw new Error('discovery cache unreadable');
    };
    expect(fallbackProfileId(id, 'us-east-1', broken)).toBe(`us.${id}`);
  });
});

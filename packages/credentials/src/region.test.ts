import { afterEach, describe, expect, it } from 'vitest';
import { createFakeHome, type FakeHome } from './__fixtures__/fake-home.js';
import { regionFromArn, resolveRegion } from './region.js';

let home: FakeHome;
afterEach(() => home?.remove());

const ARN = 'arn:aws:bedrock:eu-west-3:123456789012:application-inference-profile/abc123';

describe('resolveRegion precedence', () => {
  it('walks config, ARN, AWS_REGION, AWS_DEFAULT_REGION, profile region, default', () => {
    home = createFakeHome({ config: '[default]\nregion = sa-east-1\n' });
    const env = { AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'eu-north-1' };
    const homeDir = home.dir;
    expect(resolveRegion({ configured: 'ap-south-1', modelId: ARN, env, homeDir })).toEqual({
      region: 'ap-south-1',
      source: 'config',
    });
    expect(resolveRegion({ modelId: ARN, env, homeDir })).toEqual({
      region: 'eu-west-3',
      source: 'model-arn',
    });
    expect(resolveRegion({ env, homeDir })).toEqual({ region: 'us-west-2', source: 'AWS_REGION' });
    expect(resolveRegion({ env: { AWS_DEFAULT_REGION: 'eu-north-1' }, homeDir })).toEqual({
      region: 'eu-north-1',
      source: 'AWS_DEFAULT_REGION',
    });
    expect(resolveRegion({ env: {}, homeDir })).toEqual({ region: 'sa-east-1', source: 'aws-profile' });
    expect(resolveRegion({ env: {}, homeDir: `${homeDir}/nowhere` })).toEqual({
      region: 'us-east-1',
      source: 'default',
    });
  });

  it('whitespace-only values count as unset', () => {
    home = createFakeHome();
    expect(
      resolveRegion({
        configured: '  ',
        env: { AWS_REGION: ' ', AWS_DEFAULT_REGION: '\t' },
        homeDir: home.dir,
      }),
    ).toEqual({
      region: 'us-east-1',
      source: 'default',
    });
  });

  it("reads the AWS_PROFILE profile's region from ~/.aws/config (pi-ai PR #1800)", () => {
    home = createFakeHome({
      config:
        '[default]\nregion = us-west-1\n\n[profile work]\n# comment\nregion = eu-central-2\n[profile other]\nregion = x\n',
    });
    expect(resolveRegion({ env: { AWS_PROFILE: 'work' }, homeDir: home.dir })).toEqual({
      region: 'eu-central-2',
      source: 'aws-profile',
    });
    expect(resolveRegion({ env: {}, profile: 'work', homeDir: home.dir }).region).toBe('eu-central-2');
    expect(resolveRegion({ env: {}, homeDir: home.dir }).region).toBe('us-west-1');
  });

  it('honours AWS_CONFIG_FILE', () => {
    home = createFakeHome();
    home.writeScript('alt-config', '[default]\nregion = me-central-1\n');
    expect(
      resolveRegion({ env: { AWS_CONFIG_FILE: `${home.dir}/alt-config` }, homeDir: home.dir }).region,
    ).toBe('me-central-1');
  });

  it('a standard baseUrl is only a hint below the profile region', () => {
    home = createFakeHome({ config: '[profile eu]\nregion = eu-west-1\n' });
    const baseUrl = 'https://bedrock-runtime.us-west-2.amazonaws.com';
    expect(resolveRegion({ env: {}, baseUrl, homeDir: home.dir })).toEqual({
      region: 'us-west-2',
      source: 'base-url',
    });
    expect(resolveRegion({ env: { AWS_PROFILE: 'eu' }, baseUrl, homeDir: home.dir }).region).toBe(
      'eu-west-1',
    );
  });
});

describe('inference-profile prefixes decide the region only when the fallback cannot serve them', () => {
  const homeDir = '/nonexistent-home';
  it('eu. cannot run in us-east-1: moves to Europe', () => {
    expect(
      resolveRegion({ modelId: 'eu.anthropic.claude-sonnet-4-20250514-v1:0', env: {}, homeDir }),
    ).toEqual({
      region: 'eu-central-1',
      source: 'profile-prefix',
    });
  });
  it('eu. with a European AWS_REGION keeps it', () => {
    expect(
      resolveRegion({ modelId: 'eu.amazon.nova-lite-v1:0', env: { AWS_REGION: 'eu-west-3' }, homeDir }),
    ).toEqual({
      region: 'eu-west-3',
      source: 'AWS_REGION',
    });
  });
  it('us. and global. do not decide', () => {
    expect(
      resolveRegion({ modelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0', env: {}, homeDir }),
    ).toEqual({
      region: 'us-east-1',
      source: 'default',
    });
    expect(
      resolveRegion({
        modelId: 'global.anthropic.claude-sonnet-4-5',
        env: { AWS_REGION: 'ap-south-1' },
        homeDir,
      }),
    ).toEqual({
      region: 'ap-south-1',
      source: 'AWS_REGION',
    });
  });
  it('jp., apac. and au. go to a region of their geography', () => {
    expect(
      resolveRegion({ modelId: 'jp.anthropic.claude-sonnet-4-6', env: { AWS_REGION: 'ap-south-1' }, homeDir })
        .region,
    ).toBe('ap-northeast-1');
    expect(
      resolveRegion({ modelId: 'apac.amazon.nova-pro-v1:0', env: { AWS_REGION: 'ap-south-1' }, homeDir })
        .source,
    ).toBe('AWS_REGION');
    expect(resolveRegion({ modelId: 'au.anthropic.claude-x', env: {}, homeDir }).region).toBe(
      'ap-southeast-2',
    );
  });
  it('a plain model id has no prefix', () => {
    expect(
      resolveRegion({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', env: {}, homeDir }).source,
    ).toBe('default');
  });
});

describe('regionFromArn', () => {
  it('reads the region of any partition', () => {
    expect(regionFromArn(ARN)).toBe('eu-west-3');
    expect(regionFromArn('arn:aws-us-gov:bedrock:us-gov-west-1:1:inference-profile/us-gov.x')).toBe(
      'us-gov-west-1',
    );
    expect(regionFromArn('arn:aws:bedrock:::foundation-model/x')).toBeUndefined();
    expect(regionFromArn('anthropic.claude')).toBeUndefined();
  });
});

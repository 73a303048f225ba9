import { describe, expect, it } from 'vitest';
import {
  baseModelIdOf,
  modelIdFromFoundationArn,
  parseModelId,
  providerSegmentOf,
  regionOfModelId,
} from './model-id.js';
import { geoPrefixesFor, profileIdsFor } from './profile-ids.js';

const SONNET = 'anthropic.claude-sonnet-4-5-20250929-v1:0';

describe('parseModelId', () => {
  it('tells the five shapes apart', () => {
    expect(parseModelId(SONNET)).toEqual({ kind: 'foundation-model', baseModelId: SONNET });
    expect(parseModelId(`us.${SONNET}`)).toEqual({
      kind: 'system-profile',
      baseModelId: SONNET,
      prefix: 'us',
    });
    expect(parseModelId(`us-gov.${SONNET}`)).toMatchObject({ prefix: 'us-gov', baseModelId: SONNET });
    expect(parseModelId(`arn:aws:bedrock:us-west-2::foundation-model/${SONNET}`)).toEqual({
      kind: 'foundation-model',
      baseModelId: SONNET,
      region: 'us-west-2',
    });
    expect(parseModelId(`arn:aws:bedrock:eu-central-1:111122223333:inference-profile/eu.${SONNET}`)).toEqual({
      kind: 'system-profile',
      baseModelId: SONNET,
      prefix: 'eu',
      region: 'eu-central-1',
      accountId: '111122223333',
    });
    expect(
      parseModelId('arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/a1b2c3d4e5f6'),
    ).toEqual({
      kind: 'application-profile',
      resourceId: 'a1b2c3d4e5f6',
      region: 'us-east-1',
      accountId: '111122223333',
    });
    expect(parseModelId('arn:aws:bedrock:us-east-1:111122223333:provisioned-model/abc')).toEqual({
      kind: 'other-arn',
      resourceType: 'provisioned-model',
      region: 'us-east-1',
    });
  });

  it('does not mistake a provider named like a prefix for a profile', () => {
    // `us.x` has no provider segment after the prefix, so it is a plain id.
    expect(parseModelId('global.something').kind).toBe('foundation-model');
    expect(parseModelId('eu.amazon.nova-lite-v1:0')).toMatchObject({ kind: 'system-profile', prefix: 'eu' });
  });

  it('handles other partitions', () => {
    expect(regionOfModelId(`arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/${SONNET}`)).toBe(
      'us-gov-west-1',
    );
    expect(regionOfModelId(`arn:aws-cn:bedrock:cn-north-1::foundation-model/${SONNET}`)).toBe('cn-north-1');
  });
});

describe('baseModelIdOf', () => {
  it.each([
    [SONNET, SONNET],
    [`us.${SONNET}`, SONNET],
    [`eu.${SONNET}`, SONNET],
    [`apac.${SONNET}`, SONNET],
    [`jp.${SONNET}`, SONNET],
    [`au.${SONNET}`, SONNET],
    [`global.${SONNET}`, SONNET],
    [`arn:aws:bedrock:us-east-1::foundation-model/${SONNET}`, SONNET],
    [`arn:aws:bedrock:us-east-1:1:inference-profile/us.${SONNET}`, SONNET],
    [
      'arn:aws:bedrock:us-east-1:1:application-inference-profile/abc',
      'arn:aws:bedrock:us-east-1:1:application-inference-profile/abc',
    ],
  ])('%s -> %s', (id, base) => {
    expect(baseModelIdOf(id)).toBe(base);
  });

  it('finds the provider segment and unwraps foundation ARNs', () => {
    expect(providerSegmentOf(`global.${SONNET}`)).toBe('anthropic');
    expect(modelIdFromFoundationArn(`arn:aws:bedrock:us-east-1::foundation-model/${SONNET}`)).toBe(SONNET);
    expect(modelIdFromFoundationArn(SONNET)).toBeUndefined();
  });
});

describe('profileIdsFor', () => {
  it('follows the documented prefix rules, geographic first then global', () => {
    expect(profileIdsFor(SONNET, 'us-east-1')).toEqual([`us.${SONNET}`, `global.${SONNET}`]);
    expect(profileIdsFor(SONNET, 'us-west-2')).toEqual([`us.${SONNET}`, `global.${SONNET}`]);
    expect(profileIdsFor(SONNET, 'ca-central-1')).toEqual([`us.${SONNET}`, `global.${SONNET}`]);
    expect(profileIdsFor(SONNET, 'eu-west-3')).toEqual([`eu.${SONNET}`, `global.${SONNET}`]);
    expect(profileIdsFor(SONNET, 'ap-northeast-1')).toEqual([
      `jp.${SONNET}`,
      `apac.${SONNET}`,
      `global.${SONNET}`,
    ]);
    expect(profileIdsFor(SONNET, 'ap-southeast-2')).toEqual([
      `au.${SONNET}`,
      `apac.${SONNET}`,
      `global.${SONNET}`,
    ]);
    expect(profileIdsFor(SONNET, 'ap-south-1')).toEqual([`apac.${SONNET}`, `global.${SONNET}`]);
    expect(profileIdsFor(SONNET, 'sa-east-1')).toEqual([`global.${SONNET}`]);
    expect(profileIdsFor(SONNET, 'us-gov-west-1')).toEqual([`us-gov.${SONNET}`]);
  });

  it('accepts an id that already carries a prefix, and has nothing for application profiles', () => {
    expect(profileIdsFor(`eu.${SONNET}`, 'us-east-1')).toEqual([`us.${SONNET}`, `global.${SONNET}`]);
    expect(
      profileIdsFor('arn:aws:bedrock:us-east-1:1:application-inference-profile/abc', 'us-east-1'),
    ).toEqual([]);
    expect(geoPrefixesFor(' EU-North-1 ')).toEqual(['eu']);
  });
});

// Every class of bad input, with its exact message and location. Texts are built line by line so the
// expected line:column can be checked by eye.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: config texts contain literal ${VAR} references
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/index.js';

const lines = (...rows: string[]) => rows.join('\n');

function problems(text: string, env: Record<string, string> = {}): string[] {
  try {
    parseConfig(text, { fileName: 'outcrop.json5', env });
  } catch (error) {
    if (error instanceof ConfigError) return error.format().split('\n');
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

// The issue's own example: a provider whose model has `contextWindow: 0` on line 14, value at column 25.
const bedrockProvider = (contextWindow: string) =>
  lines(
    '// Outcrop config',
    '{',
    '  models: {',
    '    providers: {',
    "      'amazon-bedrock': {",
    "        baseUrl: 'https://bedrock-runtime.us-east-1.amazonaws.com',",
    "        api: 'bedrock-converse-stream',",
    "        auth: 'aws-sdk',",
    '        models: [',
    '         {',
    "          id: 'anthropic.claude-3-7-sonnet-20250219-v1:0',",
    '          reasoning: true,',
    "          input: ['text'],",
    `         contextWindow: ${contextWindow},`,
    '        }],',
    '      },',
    '    },',
    '  },',
    '}',
  );

describe('out of range and wrong type', () => {
  it('reports the issue example exactly', () => {
    expect(problems(bedrockProvider('0'))).toEqual([
      'models.providers.amazon-bedrock.models[0].contextWindow: expected a positive integer (outcrop.json5:14:25)',
    ]);
  });

  it('uses the same words for a fraction, and says what was got for a wrong type', () => {
    expect(problems(bedrockProvider('1.5'))).toEqual([
      'models.providers.amazon-bedrock.models[0].contextWindow: expected a positive integer (outcrop.json5:14:25)',
    ]);
    expect(problems(bedrockProvider('"200000"'))).toEqual([
      'models.providers.amazon-bedrock.models[0].contextWindow: expected a positive integer, got a string (outcrop.json5:14:25)',
    ]);
    expect(problems(bedrockProvider('Infinity'))).toEqual([
      'models.providers.amazon-bedrock.models[0].contextWindow: expected a positive integer, got Infinity (outcrop.json5:14:25)',
    ]);
  });

  it('checks gateway ranges and types', () => {
    const text = lines(
      '{',
      '  gateway: {',
      "    port: '4141',",
      '    limits: { maxBodyBytes: -1, drainTimeoutMs: 0 },',
      '  },',
      '}',
    );
    expect(problems(text)).toEqual([
      'gateway.port: expected a port number from 0 to 65535, got a string (outcrop.json5:3:11)',
      'gateway.limits.maxBodyBytes: expected a positive integer (outcrop.json5:4:29)',
    ]);
    expect(problems('{ gateway: { port: 70000 } }')).toEqual([
      'gateway.port: expected a port number from 0 to 65535 (outcrop.json5:1:20)',
    ]);
  });

  it('names the type of a wrong section and of a wrong top level', () => {
    expect(problems('{ models: { providers: [] } }')).toEqual([
      'models.providers: expected an object of provider ids to provider configs, got an array (outcrop.json5:1:24)',
    ]);
    expect(problems('[1, 2]')).toEqual(['expected an object, got an array (outcrop.json5:1:1)']);
  });

  it('lists the choices of an enum and suggests the closest, without echoing the value', () => {
    expect(problems("{ models: { providers: { b: { auth: 'aws_sdk' } } } }")).toEqual([
      'models.providers.b.auth: expected one of "aws-sdk", "api-key", "token", "none"; did you mean "aws-sdk"? (outcrop.json5:1:37)',
    ]);
    expect(
      problems(
        "{ models: { providers: { b: { auth: 'sk-live-abcdef123456', models: [{ id: 'm', input: ['txt'] }] } } } }",
      ),
    ).toEqual([
      'models.providers.b.auth: expected one of "aws-sdk", "api-key", "token", "none" (outcrop.json5:1:37)',
      'models.providers.b.models[0].input[0]: expected one of "text", "image", "document"; did you mean "text"? (outcrop.json5:1:89)',
    ]);
  });

  it('points a missing required key at the object that lacks it', () => {
    expect(problems(lines('{ models: { providers: { b: {', "  models: [{ name: 'no id' }] } } } }"))).toEqual(
      ['models.providers.b.models[0].id: is missing (expected a non-empty string) (outcrop.json5:2:12)'],
    );
  });

  it('checks relations: unique model ids, maxTokens within contextWindow, unique aliases', () => {
    const text = lines(
      '{',
      '  models: { providers: { b: { models: [',
      "    { id: 'm1', contextWindow: 1000, maxTokens: 2000 },",
      "    { id: 'm1' },",
      '  ] } } },',
      '  agents: { defaults: { models: {',
      "    'b/m1': { alias: 'fast' },",
      "    'b/m2': { alias: 'fast' },",
      "    'b/m3': { alias: 'a/b' },",
      '  } } },',
      '}',
    );
    expect(problems(text)).toEqual([
      'models.providers.b.models[0].maxTokens: must not exceed contextWindow (1000) (outcrop.json5:3:49)',
      'models.providers.b.models[1].id: duplicate model id "m1" (first defined at models[0]) (outcrop.json5:4:11)',
      'agents.defaults.models["b/m2"].alias: alias "fast" is already used by "b/m1" (outcrop.json5:8:22)',
      'agents.defaults.models["b/m3"].alias: an alias cannot contain "/" or whitespace (outcrop.json5:9:22)',
    ]);
  });

  it('rejects provider ids that would break "provider/model" refs, at the key', () => {
    expect(problems("{ models: { providers: { 'amazon/bedrock': {} } } }")).toEqual([
      'models.providers["amazon/bedrock"]: invalid key: a provider id cannot be empty or contain "/" or whitespace (outcrop.json5:1:26)',
    ]);
  });

  it('rejects header names that are not tokens and values with line breaks', () => {
    expect(
      problems("{ models: { providers: { b: { headers: { 'bad name': 'v', ok: 'a\\nb' } } } } }"),
    ).toEqual([
      'models.providers.b.headers["bad name"]: invalid key: expected a valid HTTP header name (outcrop.json5:1:42)',
      'models.providers.b.headers.ok: header values cannot contain line breaks (outcrop.json5:1:63)',
    ]);
  });
});

describe('unknown keys', () => {
  it('suggests the closest known key and points at the key', () => {
    const text = lines(
      '{',
      '  models: {',
      '    bedrockDiscovery: {',
      '      refreshIntreval: 60,',
      '    },',
      '  },',
      '}',
    );
    expect(problems(text)).toEqual([
      'models.bedrockDiscovery.refreshIntreval: unknown key "refreshIntreval"; did you mean "refreshInterval"? (outcrop.json5:4:7)',
    ]);
  });

  it('lists the allowed keys when nothing is close', () => {
    expect(problems('{ plugins: {} }')).toEqual([
      'plugins: unknown key "plugins" (allowed: $schema, models, agents, gateway) (outcrop.json5:1:3)',
    ]);
  });

  it('treats a different case as a typo', () => {
    expect(problems("{ models: { providers: { b: { baseURL: 'https://x.example' } } } }")).toEqual([
      'models.providers.b.baseURL: unknown key "baseURL"; did you mean "baseUrl"? (outcrop.json5:1:31)',
    ]);
  });

  it('finds unknown keys inside { primary, fallbacks } and keeps __proto__ a plain key', () => {
    expect(problems("{ agents: { defaults: { model: { primary: 'b/m', fallback: ['b/n'] } } } }")).toEqual([
      'agents.defaults.model.fallback: unknown key "fallback"; did you mean "fallbacks"? (outcrop.json5:1:50)',
    ]);
    expect(problems('{ "__proto__": { polluted: true } }')).toEqual([
      '__proto__: unknown key "__proto__" (allowed: $schema, models, agents, gateway) (outcrop.json5:1:3)',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('environment variables', () => {
  it('names a missing variable and points at the reference inside the string', () => {
    const text = lines(
      '{',
      '  gateway: {',
      "    auth: { tokens: ['static', 'tok-${GATEWAY_TOKEN}'] },",
      '  },',
      '}',
    );
    expect(problems(text)).toEqual([
      'gateway.auth.tokens[1]: environment variable GATEWAY_TOKEN is not set (outcrop.json5:3:37)',
    ]);
  });

  it('keeps $${VAR} as a literal ${VAR} and points past it at the real reference', () => {
    const config = parseConfig("{ gateway: { host: '$${NOT_SET}' } }", { env: {} });
    expect(config.gateway.host).toBe('${NOT_SET}');
    expect(problems("{ gateway: { host: '$${HOST} or ${HOST}' } }")).toEqual([
      'gateway.host: environment variable HOST is not set (outcrop.json5:1:33)',
    ]);
  });

  it('rejects an empty variable: a blank API key is never intended', () => {
    expect(problems("{ models: { providers: { b: { apiKey: '${KEY}' } } } }", { KEY: '' })).toEqual([
      'models.providers.b.apiKey: environment variable KEY is empty (outcrop.json5:1:40)',
    ]);
  });

  it('reports every missing variable, and never the value of a present one', () => {
    const text = "{ models: { providers: { b: { baseUrl: '${SCHEME}://${HOST}/v1', apiKey: '${KEY}' } } } }";
    const found = problems(text, { KEY: 'super-secret-value', SCHEME: 'https' });
    expect(found).toEqual([
      'models.providers.b.baseUrl: environment variable HOST is not set (outcrop.json5:1:53)',
    ]);
    expect(found.join('\n')).not.toContain('super-secret-value');
  });
});

describe('syntax errors', () => {
  it('locates an invalid character', () => {
    expect(problems(lines('{', '  gateway: { port: 4141 }', '  models: {},', '}'))).toEqual([
      "invalid JSON5: invalid character 'm' (outcrop.json5:3:3)",
    ]);
  });

  it('locates an unterminated string at the end of its line', () => {
    expect(problems(lines('{', "  gateway: { host: 'localhost", '} }'))).toEqual([
      'invalid JSON5: invalid character line break (unterminated string?) (outcrop.json5:2:30)',
    ]);
  });

  it('locates a truncated file', () => {
    expect(problems('{ gateway: {')).toEqual(['invalid JSON5: invalid end of input (outcrop.json5:1:13)']);
  });
});

describe('model refs', () => {
  it('rejects refs with an empty provider or model and refs with whitespace', () => {
    const text = lines(
      '{ agents: { defaults: {',
      "  model: { primary: 'amazon-bedrock/', fallbacks: ['/m', 'a b'] },",
      "  models: { '/x': { alias: 'x' } },",
      '} } }',
    );
    expect(problems(text)).toEqual([
      'agents.defaults.model.primary: invalid model ref "amazon-bedrock/": the model after "/" is empty (outcrop.json5:2:21)',
      'agents.defaults.model.fallbacks[0]: invalid model ref "/m": the provider before "/" is empty (outcrop.json5:2:52)',
      'agents.defaults.model.fallbacks[1]: invalid model ref "a b": a model ref cannot contain whitespace (outcrop.json5:2:58)',
      'agents.defaults.models["/x"]: invalid model ref: the provider before "/" is empty (outcrop.json5:3:13)',
    ]);
    expect(problems("{ agents: { defaults: { models: { '/x': {} } } } }")).toEqual([
      'agents.defaults.models["/x"]: invalid model ref: the provider before "/" is empty (outcrop.json5:1:35)',
    ]);
  });

  it('explains a model that is neither a ref nor { primary, fallbacks }', () => {
    expect(problems('{ agents: { defaults: { model: 42 } } }')).toEqual([
      'agents.defaults.model: expected a model ref or { primary, fallbacks }, got a number (outcrop.json5:1:32)',
    ]);
    expect(problems('{ agents: { defaults: { model: { primary: 42 } } } }')).toEqual([
      'agents.defaults.model.primary: expected a model ref such as "amazon-bedrock/<model id>", got a number (outcrop.json5:1:43)',
    ]);
  });
});

describe('several errors at once', () => {
  it('reports all of them in file order', () => {
    const text = lines(
      '{',
      '  gateway: { port: -1, auth: { tokens: ["${T}"] } },',
      '  models: {',
      "    bedrockDiscovery: { enabled: 'yes', regoin: 'us-east-1' },",
      "    providers: { b: { models: [{ id: '' }] } },",
      '  },',
      '}',
    );
    expect(problems(text)).toEqual([
      'gateway.port: expected a port number from 0 to 65535 (outcrop.json5:2:20)',
      'gateway.auth.tokens[0]: environment variable T is not set (outcrop.json5:2:42)',
      'models.bedrockDiscovery.enabled: expected true or false, got a string (outcrop.json5:4:34)',
      'models.bedrockDiscovery.regoin: unknown key "regoin"; did you mean "region"? (outcrop.json5:4:41)',
      'models.providers.b.models[0].id: expected a non-empty string (outcrop.json5:5:38)',
    ]);
  });

  it('carries structured issues on a ConfigError whose message is the formatted list', () => {
    let caught: unknown;
    try {
      parseConfig('{ gateway: { port: -1, host: "" } }', { fileName: 'outcrop.json5', env: {} });
    } catch (error) {
      caught = error;
    }
    expect(ConfigError.isInstance(caught)).toBe(true);
    const error = caught as ConfigError;
    expect(error.code).toBe('config_invalid');
    expect(error.issues).toEqual([
      {
        path: 'gateway.port',
        message: 'expected a port number from 0 to 65535',
        file: 'outcrop.json5',
        line: 1,
        column: 20,
      },
      {
        path: 'gateway.host',
        message: 'expected a non-empty string',
        file: 'outcrop.json5',
        line: 1,
        column: 30,
      },
    ]);
    expect(error.message).toBe(error.format());
    expect(ConfigError.isInstance(new Error('x'))).toBe(false);
  });

  it('omits the file name when none is given', () => {
    expect(() => parseConfig('{ gateway: { port: -1 } }', { env: {} })).toThrow(
      'gateway.port: expected a port number from 0 to 65535 (1:20)',
    );
  });
});

describe('gateway tokens', () => {
  it('rejects placeholder-looking and blank tokens with their location, never quoting the value', () => {
    const text = lines(
      '{',
      '  gateway: {',
      "    auth: { tokens: ['${gw_token}', '$GW_TOKEN', '{{token}}', '<token>', '   ', 'fine-token'] },",
      '  },',
      '}',
    );
    const found = problems(text);
    expect(found).toEqual([
      expect.stringMatching(
        /^gateway\.auth\.tokens\[0\]: a bearer token looks like an unfilled placeholder "\$\{\.\.\.\}".*\(outcrop\.json5:3:22\)$/,
      ),
      expect.stringMatching(/^gateway\.auth\.tokens\[1\]: .*"\$NAME".*\(outcrop\.json5:3:37\)$/),
      expect.stringMatching(/^gateway\.auth\.tokens\[2\]: .*"\{\{\.\.\.\}\}" \(outcrop\.json5:3:50\)$/),
      expect.stringMatching(/^gateway\.auth\.tokens\[3\]: .*"<\.\.\.>" \(outcrop\.json5:3:63\)$/),
      'gateway.auth.tokens[4]: a bearer token is blank (outcrop.json5:3:74)',
    ]);
    expect(found.join('\n')).not.toContain('gw_token');
  });

  it('rejects a token that a variable of whitespace filled in', () => {
    expect(problems("{ gateway: { auth: { tokens: ['${T}'] } } }", { T: '  ' })).toEqual([
      'gateway.auth.tokens[0]: a bearer token is blank (outcrop.json5:1:31)',
    ]);
  });
});

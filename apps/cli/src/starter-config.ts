/** The text of a starter config: JSON5 with comments that explain each setting. */
export function starterConfig(answers: { region: string; model: string; discovery: boolean }): string {
  const model = answers.model
    ? `      model: { primary: ${JSON.stringify(answers.model)}, fallbacks: [] },`
    : `      // model: { primary: "amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0", fallbacks: [] },`;
  return `// Outcrop config (JSON5: comments and trailing commas are fine).
// Check it with \`outcrop config validate\`; see every key with \`outcrop config schema\`.
{
  models: {
    providers: {
      "amazon-bedrock": {
        api: "bedrock-converse-stream",
        auth: "aws-sdk", // the AWS SDK chain: AWS_BEARER_TOKEN_BEDROCK, keys, AWS_PROFILE, SSO, instance roles
        region: ${JSON.stringify(answers.region)},
        models: [], // models listed here are merged with the discovered ones
      },
    },
    bedrockDiscovery: {
      enabled: ${answers.discovery}, // list callable models with ListFoundationModels + ListInferenceProfiles
      refreshInterval: 3600, // seconds a discovery result is cached in ~/.outcrop/cache
    },
  },
  agents: {
    defaults: {
${model}
    },
  },
}
`;
}

// @outcrop/gateway: Amazon Bedrock models over the OpenAI Chat Completions API.
export { curlExample } from './banner.js';
export { isLoopbackHost } from './bind-policy.js';
export { errorClassFor, GatewayError, type OpenAIErrorBody, openAIErrorBody } from './errors.js';
export { type Gateway, type ReloadResult, type StartGatewayOptions, startGateway } from './gateway.js';

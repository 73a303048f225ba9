// A small OpenAI-compatible chat completions server on 127.0.0.1 for the tests: it echoes the last user
// message as a stream, calls the first tool when a tool is required, and fails on request.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface ChatBody {
  model: string;
  messages: Array<{ role: string; content: unknown }>;
  tools?: Array<{ function: { name: string } }>;
  tool_choice?: unknown;
  max_tokens?: number;
}

export interface ChatServer {
  baseUrl: string;
  requests: ChatBody[];
  close(): Promise<void>;
}

export async function startChatServer(): Promise<ChatServer> {
  const requests: ChatBody[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: ChatBody;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatBody;
    } catch {
      return json(res, 400, { error: { message: 'body is not JSON' } });
    }
    requests.push(body);
    if (req.url !== '/v1/chat/completions') return json(res, 404, { error: { message: 'no such route' } });
    if (!Array.isArray(body.messages))
      return json(res, 400, { error: { message: 'messages must be an array' } });
    if (body.model === 'missing-model')
      return json(res, 404, { error: { message: 'The model `missing-model` does not exist' } });
    if (body.model === 'busy-model') return json(res, 429, { error: { message: 'Rate limit reached' } });
    res.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': `req_${requests.length}` });
    const send = async (data: unknown) => {
      if (!res.write(`data: ${JSON.stringify(data)}\n\n`)) await once(res, 'drain');
      await new Promise((resolve) => setImmediate(resolve));
    };
    const id = `chatcmpl-${requests.length}`;
    const prompt = lastUserText(body);
    const tool = body.tools?.[0]?.function.name;
    if (tool && body.tool_choice && body.tool_choice !== 'auto' && body.tool_choice !== 'none') {
      const args = JSON.stringify({ city: prompt });
      await send({
        id,
        choices: [
          { delta: { tool_calls: [{ index: 0, id: 'call_1', function: { name: tool, arguments: '' } }] } },
        ],
      });
      await send({
        id,
        choices: [{ delta: { tool_calls: [{ index: 0, function: { arguments: args.slice(0, 5) } }] } }],
      });
      await send({
        id,
        choices: [{ delta: { tool_calls: [{ index: 0, function: { arguments: args.slice(5) } }] } }],
      });
      await send({ id, choices: [{ delta: {}, finish_reason: 'tool_calls' }] });
    } else {
      const words = (prompt || 'Hello.').split(/(?<= )/);
      const limit = body.max_tokens ?? Number.POSITIVE_INFINITY;
      for (const word of words.slice(0, limit)) await send({ id, choices: [{ delta: { content: word } }] });
      if (body.model === 'stalling-model') return; // keep the stream open until the client leaves
      await send({ id, choices: [{ delta: {}, finish_reason: words.length > limit ? 'length' : 'stop' }] });
    }
    await send({
      id,
      choices: [],
      usage: { prompt_tokens: 12, completion_tokens: 7, prompt_tokens_details: { cached_tokens: 4 } },
    });
    res.end('data: [DONE]\n\n');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

function json(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}

function lastUserText(body: ChatBody): string {
  const last = [...body.messages].reverse().find((m) => m.role === 'user' || m.role === 'tool');
  if (typeof last?.content === 'string') return last.content;
  if (Array.isArray(last?.content)) return last.content.map((p: { text?: string }) => p.text ?? '').join('');
  return '';
}

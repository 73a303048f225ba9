import { describe, expect, it } from 'vitest';
import type { Message } from '../spec.js';
import { documentName, toBedrockMessages, toBytes, toolCallId } from './message-mapping.js';

const claude = { acceptsSignedReasoning: true, toolsEnabled: true };
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);

describe('toBedrockMessages', () => {
  it('groups consecutive tool results (and a following user turn) into one user message', () => {
    const messages: Message[] = [
      { role: 'user', content: 'two cities' },
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', toolCallId: 'a', toolName: 'w', arguments: { city: 'Paris' } },
          { type: 'tool-call', toolCallId: 'b', toolName: 'w', arguments: { city: 'Rome' } },
        ],
      },
      { role: 'tool', toolCallId: 'a', toolName: 'w', content: 'sunny' },
      { role: 'tool', toolCallId: 'b', toolName: 'w', content: [], isError: true },
      { role: 'user', content: 'and?' },
    ];
    const { messages: out } = toBedrockMessages(messages, claude);
    expect(out).toEqual([
      { role: 'user', content: [{ text: 'two cities' }] },
      {
        role: 'assistant',
        content: [
          { toolUse: { toolUseId: 'a', name: 'w', input: { city: 'Paris' } } },
          { toolUse: { toolUseId: 'b', name: 'w', input: { city: 'Rome' } } },
        ],
      },
      {
        role: 'user',
        content: [
          { toolResult: { toolUseId: 'a', content: [{ text: 'sunny' }], status: 'success' } },
          { toolResult: { toolUseId: 'b', content: [{ text: '(no output)' }], status: 'error' } },
          { text: 'and?' },
        ],
      },
    ]);
  });

  it('replays signed and redacted reasoning to Claude, unsigned reasoning as text', () => {
    const assistant: Message = {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'signed', signature: 'sig' },
        { type: 'reasoning', text: '', redactedData: Buffer.from([9, 9]).toString('base64') },
        { type: 'reasoning', text: 'unsigned' },
        { type: 'text', text: 'answer' },
      ],
    };
    const toClaude = toBedrockMessages([{ role: 'user', content: 'q' }, assistant], claude).messages[1]!
      .content;
    expect(toClaude).toEqual([
      { reasoningContent: { reasoningText: { text: 'signed', signature: 'sig' } } },
      { reasoningContent: { redactedContent: new Uint8Array([9, 9]) } },
      { text: 'unsigned' },
      { text: 'answer' },
    ]);
    const toOthers = toBedrockMessages([{ role: 'user', content: 'q' }, assistant], {
      ...claude,
      acceptsSignedReasoning: false,
    });
    expect(toOthers.messages[1]!.content).toEqual([
      { text: 'signed' },
      { text: 'unsigned' },
      { text: 'answer' },
    ]);
  });

  it('turns images and documents (bytes, base64 or data URLs) into bytes', () => {
    const base64 = Buffer.from(png).toString('base64');
    const { messages } = toBedrockMessages(
      [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            { type: 'image', data: png, mediaType: 'image/png' },
            { type: 'image', data: `data:image/jpeg;base64,${base64}`, mediaType: 'image/jpeg' },
            { type: 'document', data: base64, mediaType: 'application/pdf', name: 'Q3 report (final).pdf' },
            { type: 'document', data: base64, mediaType: 'text/csv', name: 'Q3 report (final).csv' },
          ],
        },
      ],
      claude,
    );
    expect(messages[0]!.content).toEqual([
      { text: 'look' },
      { image: { format: 'png', source: { bytes: png } } },
      { image: { format: 'jpeg', source: { bytes: png } } },
      { document: { format: 'pdf', name: 'Q3 report (final)', source: { bytes: png } } },
      { document: { format: 'csv', name: 'Q3 report (final) (2)', source: { bytes: png } } },
    ]);
  });

  it('rejects unsupported media with a located validation error', () => {
    const bad: Message[] = [
      { role: 'user', content: [{ type: 'image', data: png, mediaType: 'image/bmp' as 'image/png' }] },
    ];
    expect(() => toBedrockMessages(bad, claude)).toThrow(
      expect.objectContaining({ code: 'validation', location: 'messages[0].content[0]' }),
    );
    expect(() => toBytes('not base64!', 'x')).toThrow(/base64/);
  });

  it('drops blank text and empty turns, and replays tool history as text when no tools are sent', () => {
    const { messages, warnings } = toBedrockMessages(
      [
        { role: 'user', content: '  ' },
        { role: 'user', content: 'hi' },
        {
          role: 'assistant',
          content: [{ type: 'tool-call', toolCallId: 'a', toolName: 'w', arguments: { x: 1 } }],
        },
        { role: 'tool', toolCallId: 'a', toolName: 'w', content: 'ok' },
      ],
      { ...claude, toolsEnabled: false },
    );
    expect(messages).toEqual([
      { role: 'user', content: [{ text: 'hi' }] },
      { role: 'assistant', content: [{ text: '[tool call w {"x":1}]' }] },
      { role: 'user', content: [{ text: '[tool result w] ok' }] },
    ]);
    expect(warnings.map((w) => w.code)).toEqual(['blank-message-dropped', 'tool-history-as-text']);
    expect(warnings[0]?.message).toBe('messages[0] is blank and was left out.');
  });

  it('refuses a blank last user message instead of answering the turn before it', () => {
    const conversation = [
      { role: 'user' as const, content: 'hi' },
      { role: 'assistant' as const, content: [{ type: 'text' as const, text: 'hello' }] },
      { role: 'user' as const, content: [{ type: 'text' as const, text: ' \n ' }] },
    ];
    expect(() => toBedrockMessages(conversation, claude)).toThrow(
      expect.objectContaining({
        code: 'validation',
        location: 'messages[2]',
        message: 'messages[2]: the user message is blank (Bedrock rejects blank text).',
      }),
    );
  });

  it('warns once when images or documents go to a model declared to take text only', () => {
    const image = { type: 'image' as const, data: 'iVBORw0KGgo=', mediaType: 'image/png' as const };
    const conversation = [
      { role: 'user' as const, content: [{ type: 'text' as const, text: 'what is this' }, image] },
      { role: 'assistant' as const, content: [{ type: 'text' as const, text: 'a dot' }] },
      { role: 'user' as const, content: [{ type: 'text' as const, text: 'and this' }, image] },
    ];
    const textOnly = toBedrockMessages(conversation, { ...claude, input: ['text'] });
    expect(textOnly.warnings).toEqual([
      {
        code: 'unsupported-input',
        setting: 'image',
        message:
          'The model is declared to take text only; the image was sent anyway and Bedrock may reject it.',
      },
    ]);
    expect(textOnly.messages[0]?.content).toHaveLength(2);
    expect(toBedrockMessages(conversation, { ...claude, input: ['text', 'image'] }).warnings).toEqual([]);
  });
});

describe('names and ids', () => {
  it('sanitises document names and tool call ids the way Bedrock requires', () => {
    expect(documentName('my_file:v2.final.docx', 1)).toBe('my-file-v2-final');
    expect(documentName('   ', 3)).toBe('document-3');
    expect(toolCallId('call:1/2')).toBe('call_1_2');
    expect(toolCallId('x'.repeat(80))).toHaveLength(64);
  });
});

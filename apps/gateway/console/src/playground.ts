import { type ChatChunk, type ModelEntry, streamChat } from './api.js';
import { formatNumber, formatUsd, h } from './dom.js';

interface ToolCallView {
  name: string;
  args: string;
  element: HTMLElement;
}

/** Cost of one reply from the model's per-million-token prices, when the catalog has them. */
function replyCost(
  model: ModelEntry | undefined,
  usage: NonNullable<ChatChunk['usage']>,
): number | undefined {
  const cost = model?.cost;
  if (cost?.input === undefined || cost.output === undefined) return undefined;
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
  const written = usage.prompt_tokens_details?.cache_write_tokens ?? 0;
  const fresh = usage.prompt_tokens - cached - written;
  return (
    (fresh * cost.input +
      usage.completion_tokens * cost.output +
      cached * (cost.cacheRead ?? cost.input) +
      written * (cost.cacheWrite ?? cost.input)) /
    1_000_000
  );
}

/** Pick a model, write a prompt, watch the reply stream; Stop closes the request, which cancels upstream. */
export function playgroundView(models: ModelEntry[]): HTMLElement {
  const model = h(
    'select',
    { id: 'pg-model', required: true },
    ...models.map((m) => h('option', { value: m.id }, m.id)),
  );
  const system = h('textarea', { id: 'pg-system', rows: 2, placeholder: 'Optional' });
  const message = h('textarea', { id: 'pg-message', rows: 4, required: true });
  const tools = h('textarea', {
    id: 'pg-tools',
    rows: 4,
    placeholder: '[{"type":"function","function":{...}}]',
  });
  const send = h('button', { type: 'submit' }, 'Send');
  const stop = h('button', { type: 'button', disabled: true }, 'Stop');
  const reasoning = h('pre', { class: 'reasoning' });
  const reasoningBox = h('details', { hidden: true }, h('summary', {}, 'Reasoning'), reasoning);
  // A log region: screen readers announce the reply as it streams in.
  const answer = h('div', { class: 'answer', role: 'log', 'aria-label': 'Reply' });
  const toolList = h('ul', { class: 'tool-calls', 'aria-label': 'Tool calls' });
  const status = h('p', { class: 'status', role: 'status' });
  let controller: AbortController | undefined;

  const form = h(
    'form',
    { class: 'card playground-form', 'aria-labelledby': 'playground-title' },
    h('label', { for: 'pg-model' }, 'Model'),
    model,
    h('label', { for: 'pg-system' }, 'System prompt'),
    system,
    h('label', { for: 'pg-message' }, 'Message'),
    message,
    h(
      'details',
      {},
      h('summary', {}, 'Tools (optional, OpenAI format)'),
      h('label', { for: 'pg-tools' }, 'Tools JSON'),
      tools,
    ),
    h('div', { class: 'buttons' }, send, stop),
  );

  stop.addEventListener('click', () => controller?.abort());
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    let toolDefinitions: unknown;
    try {
      toolDefinitions = tools.value.trim() ? JSON.parse(tools.value) : undefined;
    } catch (err) {
      status.textContent = `Tools are not valid JSON: ${(err as Error).message}`;
      return;
    }
    controller = new AbortController();
    send.disabled = true;
    stop.disabled = false;
    answer.textContent = '';
    reasoning.textContent = '';
    reasoningBox.hidden = true;
    reasoningBox.open = false;
    toolList.replaceChildren();
    status.textContent = 'Streaming…';
    const calls: ToolCallView[] = [];
    const chosen = models.find((m) => m.id === model.value);
    const messages = [
      ...(system.value.trim() ? [{ role: 'system', content: system.value }] : []),
      { role: 'user', content: message.value },
    ];
    try {
      let finish = '';
      let usageLine = '';
      await streamChat(
        {
          model: model.value,
          messages,
          stream: true,
          stream_options: { include_usage: true },
          ...(toolDefinitions ? { tools: toolDefinitions } : {}),
        },
        controller.signal,
        (chunk) => {
          const choice = chunk.choices?.[0];
          const delta = choice?.delta;
          if (delta?.reasoning_content) {
            reasoningBox.hidden = false;
            reasoning.textContent += delta.reasoning_content;
          }
          if (delta?.content) answer.textContent += delta.content;
          for (const call of delta?.tool_calls ?? []) {
            let view = calls[call.index];
            if (!view) {
              view = { name: call.function?.name ?? '', args: '', element: h('li') };
              calls[call.index] = view;
              toolList.append(view.element);
            }
            view.args += call.function?.arguments ?? '';
            view.element.textContent = `${view.name}(${view.args})`;
          }
          if (choice?.finish_reason) finish = choice.finish_reason;
          if (chunk.usage) {
            const cost = replyCost(chosen, chunk.usage);
            usageLine = `${formatNumber(chunk.usage.prompt_tokens)} in, ${formatNumber(chunk.usage.completion_tokens)} out${
              cost === undefined ? '' : `, ${formatUsd(cost)}`
            }`;
          }
        },
      );
      status.textContent = `Done (${finish || 'stop'})${usageLine ? `: ${usageLine}` : ''}.`;
    } catch (err) {
      status.textContent =
        (err as Error).name === 'AbortError'
          ? 'Stopped: the upstream call was cancelled.'
          : `Failed: ${(err as Error).message}`;
    } finally {
      send.disabled = false;
      stop.disabled = true;
      controller = undefined;
    }
  });

  return h(
    'section',
    { 'aria-labelledby': 'playground-title' },
    h('h1', { id: 'playground-title' }, 'Playground'),
    form,
    h('div', { class: 'card output' }, reasoningBox, answer, toolList, status),
  );
}

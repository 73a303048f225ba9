# Streams one chat completion through the gateway with OpenAI's Python SDK and prints the text and finish reason.
import os
import sys

import openai

client = openai.OpenAI(base_url=os.environ["GATEWAY_URL"] + "/v1", api_key=os.environ["GATEWAY_TOKEN"], max_retries=0)
model = next(m.id for m in client.models.list() if "claude-sonnet-4-5" in m.id)
text, finish = "", None
for chunk in client.chat.completions.create(
    model=model, stream=True, messages=[{"role": "user", "content": sys.argv[1]}]
):
    if chunk.choices:
        text += chunk.choices[0].delta.content or ""
        finish = chunk.choices[0].finish_reason or finish
print(text)
print(finish)

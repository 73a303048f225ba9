# Streams one message through the gateway with Anthropic's Python SDK and prints the text and stop reason.
import os
import sys

import anthropic

client = anthropic.Anthropic(base_url=os.environ["GATEWAY_URL"], api_key=os.environ["GATEWAY_TOKEN"], max_retries=0)
with client.messages.stream(
    model="claude-sonnet-4-5",
    max_tokens=200,
    messages=[{"role": "user", "content": sys.argv[1]}],
) as stream:
    text = "".join(stream.text_stream)
    final = stream.get_final_message()
print(text)
print(final.stop_reason)

# Embeds texts through the gateway with OpenAI's Python SDK (base64 on the wire by default, decoded by the SDK)
# and prints, one per line: the vector count, the first vector's length, prompt_tokens, and the first 3 values.
import os
import sys

import openai

client = openai.OpenAI(base_url=os.environ["GATEWAY_URL"] + "/v1", api_key=os.environ["GATEWAY_TOKEN"], max_retries=0)
result = client.embeddings.create(
    model="cohere.embed-english-v3",
    input=sys.argv[1:],
    extra_body={"input_type": "search_query"},
)
print(len(result.data))
print(len(result.data[0].embedding))
print(result.usage.prompt_tokens)
print(" ".join(f"{x:.7f}" for x in result.data[0].embedding[:3]))

"""Sends a few requests with boto3 (client-side validation off) and prints what came back, as JSON."""
import json
import os
import sys

import boto3
from botocore.config import Config

client = boto3.client(
    'bedrock-runtime',
    endpoint_url=os.environ['AWS_ENDPOINT_URL_BEDROCK_RUNTIME'],
    region_name=os.environ['AWS_REGION'],
    config=Config(parameter_validation=False, retries={'max_attempts': 1}),
)
MODEL = 'anthropic.claude-3-haiku-20240307-v1:0'
out = {}


def error_of(call):
    try:
        call()
    except client.exceptions.ClientError as error:
        return {
            'code': error.response['Error']['Code'],
            'status': error.response['ResponseMetadata']['HTTPStatusCode'],
            'message': error.response['Error']['Message'],
        }
    return None


out['role'] = error_of(lambda: client.converse(modelId=MODEL, messages=[{'role': 'bot', 'content': [{'text': 'x'}]}]))
out['system'] = error_of(
    lambda: client.converse(
        modelId='amazon.titan-text-express-v1',
        messages=[{'role': 'user', 'content': [{'text': 'x'}]}],
        system=[{'text': 'be brief'}],
    )
)
stream = client.converse_stream(modelId=MODEL, messages=[{'role': 'user', 'content': [{'text': 'hello boto3'}]}])
events = list(stream['stream'])
out['stream'] = {
    'text': ''.join(e['contentBlockDelta']['delta'].get('text', '') for e in events if 'contentBlockDelta' in e),
    'stop': next(e['messageStop']['stopReason'] for e in events if 'messageStop' in e),
}
json.dump(out, sys.stdout)

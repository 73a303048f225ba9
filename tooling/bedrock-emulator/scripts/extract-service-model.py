#!/usr/bin/env python3
"""Extracts the request constraints of the operations the emulator serves from botocore's AWS API models.

Usage: python3 scripts/extract-service-model.py [path/to/botocore] > data/service-model.json
       npx biome format --write data/service-model.json   (the repository's JSON style)
Without a path it downloads the current botocore wheel with `pip download --no-deps botocore` into a temporary
folder. The output keeps, per reachable input shape, only what validation needs: type, required, members
(shape and location), member/key/value, union, min, max, pattern, enum. Documentation is dropped.
botocore is Apache-2.0; the data it carries is AWS's API model (see data/NOTICE).
"""
import datetime
import glob
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

OPERATIONS = {
    'bedrock-runtime': ['Converse', 'ConverseStream', 'ApplyGuardrail', 'CountTokens', 'InvokeModel',
                        'InvokeModelWithResponseStream'],
    'bedrock': ['ListFoundationModels', 'GetFoundationModel', 'ListInferenceProfiles', 'GetInferenceProfile',
                'GetPromptRouter', 'ListPromptRouters'],
}
KEEP = ('type', 'document', 'required', 'union', 'min', 'max', 'pattern', 'enum', 'sensitive', 'streaming', 'eventstream')


def botocore_root():
    if len(sys.argv) > 1:
        return sys.argv[1], None
    folder = tempfile.mkdtemp()
    subprocess.run([sys.executable, '-m', 'pip', 'download', '--no-deps', '-q', '-d', folder, 'botocore'],
                   check=True, stdout=sys.stderr)
    wheel = glob.glob(os.path.join(folder, 'botocore-*.whl'))[0]
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(folder)
    version = os.path.basename(wheel).split('-')[1]
    return os.path.join(folder, 'botocore'), version


def load(root, service):
    [path] = sorted(glob.glob(os.path.join(root, 'data', service, '*', 'service-2.json*')))[-1:]
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rt', encoding='utf-8') as handle:
        return json.load(handle)


def slim(shape):
    out = {key: shape[key] for key in KEEP if key in shape}
    if 'members' in shape:
        out['members'] = {
            name: {k: v for k, v in member.items() if k in ('shape', 'location', 'locationName')}
            for name, member in shape['members'].items()
        }
    for key in ('member', 'key', 'value'):
        if key in shape:
            out[key] = {'shape': shape[key]['shape']}
    return out


def reachable(shapes, start):
    seen, stack = set(), [start]
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        shape = shapes[name]
        refs = [m['shape'] for m in shape.get('members', {}).values()]
        refs += [shape[k]['shape'] for k in ('member', 'key', 'value') if k in shape]
        stack.extend(refs)
    return seen


def main():
    root, version = botocore_root()
    if version is None:
        with open(os.path.join(root, '__init__.py'), encoding='utf-8') as handle:
            version = re.search(r"__version__ = '([^']+)'", handle.read()).group(1)
    out = {
        'source': f'botocore {version} (Apache-2.0), data/<service>/<api-version>/service-2.json',
        'botocoreVersion': version,
        'extracted': datetime.date.today().isoformat(),
        'services': {},
    }
    for service, operations in OPERATIONS.items():
        model = load(root, service)
        shapes = model['shapes']
        names = set()
        ops = {}
        for op in operations:
            start = model['operations'][op]['input']['shape']
            ops[op] = start
            names |= reachable(shapes, start)
        out['services'][service] = {
            'apiVersion': model['metadata']['apiVersion'],
            'operations': ops,
            'shapes': {name: slim(shapes[name]) for name in sorted(names)},
        }
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()

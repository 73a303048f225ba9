"""Regenerates api-model/operations.json: every bedrock-runtime and bedrock operation with its HTTP binding,
from botocore's service-2.json (Apache-2.0). Usage:
  pip download --no-deps botocore -d /tmp/botocore && python3 scripts/operations-snapshot.py /tmp/botocore/*.whl
"""
import gzip, json, sys, zipfile, re, os

wheel = sys.argv[1]
version = re.search(r"botocore-([\d.]+)-", os.path.basename(wheel)).group(1)
out = {
    "source": f"botocore {version} (pip download --no-deps botocore), botocore/data/<service>/<version>/service-2.json",
    "license": "Apache-2.0; the operation names and HTTP bindings come from botocore, Copyright Amazon.com, Inc. or its affiliates",
    "services": {},
}
with zipfile.ZipFile(wheel) as z:
    for service, api in [("bedrock-runtime", "2023-09-30"), ("bedrock", "2023-04-20")]:
        model = json.loads(gzip.decompress(z.read(f"botocore/data/{service}/{api}/service-2.json.gz")))
        ops = [
            {"operation": name, "method": op["http"]["method"], "requestUri": op["http"]["requestUri"]}
            for name, op in sorted(model["operations"].items())
        ]
        out["services"][service] = {"apiVersion": api, "operations": ops}
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "..", "api-model", "operations.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")

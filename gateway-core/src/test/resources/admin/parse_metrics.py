# Parses a scrape with the Prometheus project's own parsers (python3-prometheus-client) and prints what
# it understood as JSON: the OpenMetrics parser for OpenMetrics (strict: "# EOF", types, suffixes), the
# Prometheus text parser otherwise. A scrape either parser rejects fails here, with its message on stderr.
import json
import sys

from prometheus_client.openmetrics.parser import text_string_to_metric_families as openmetrics
from prometheus_client.parser import text_string_to_metric_families as prometheus

fmt = sys.argv[1]
text = sys.stdin.read()
parse = openmetrics if fmt == "openmetrics" else prometheus
out = []
for family in parse(text):
    out.append({
        "name": family.name,
        "type": family.type,
        "help": family.documentation,
        "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in family.samples],
    })
json.dump(out, sys.stdout)

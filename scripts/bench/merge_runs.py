"""Two app_start.sh results of one program as one: the timing lists joined,
the memory figures the median of the rounds' (each round measures once)."""
import json
import statistics
import sys

runs = [json.load(open(p)) for p in sys.argv[1:]]
out = {k: sum((r[k] for r in runs), []) for k in ("mapped_ms", "painted_ms", "content_ms")}
for k in ("rss_kib", "pss_kib", "processes"):
    out[k] = statistics.median(r[k] for r in runs)
out["pss_rounds_kib"] = [r["pss_kib"] for r in runs]
print(json.dumps(out))

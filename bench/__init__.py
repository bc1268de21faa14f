"""`make bench`: the benchmark of the public pages and the API (docs/performance.md).

`naive` holds the floor the real views are measured against, `measure` the in-process timings and
query counts, `report` the table; scripts/bench.sh runs the server and the load generator.
"""

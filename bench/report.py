"""The benchmark's table, in Markdown, from what scripts/bench.sh measured.

    python -m bench.report ENDPOINTS.tsv WRK.tsv INPROCESS.json [EXPORTS.json IMPORTS.json]

ENDPOINTS.tsv is `bench.measure endpoints`; WRK.tsv has one line per run, `mode<TAB>path<TAB>`,
the JSON line of bench/wrk_report.lua and the largest worker's resident memory in KiB after it;
INPROCESS.json is `bench.measure inprocess`, EXPORTS.json `exports`, IMPORTS.json `imports`. The run's
settings (database, sizes, wrk parameters) come from the BENCH_* environment the script exports.
"""

import json
import os
import platform
import sys
from datetime import UTC, datetime

MODES = {
    "uncached": "Uncached (`DJANGO_RESPONSE_CACHE_SECONDS=0`)",
    "cached": "With the response cache (its default setting)",
    "redis-down": "With the response cache and Redis down (`REDIS_URL` names a port nothing listens on)",
}


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            cpu = next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as meminfo:
            kib = int(next(line.split()[1] for line in meminfo if line.startswith("MemTotal")))
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {os.cpu_count()} CPUs{memory}"


def ms(microseconds):
    return f"{microseconds / 1000:.1f}"


def errors_of(run):
    return sum(run[key] for key in run if key.endswith("_errors") or key == "timeouts")


def median_cell(measured):
    """The in-process median, with the status when not 200 and the count when fewer runs were made."""
    if not measured:
        return ""
    cell = f"{measured['median_ms']:.1f}"
    if measured["status"] != 200:
        cell += f" (HTTP {measured['status']})"
    if measured.get("runs", 0) < int(os.environ.get("BENCH_RUNS", 0)):
        cell += f" ({measured['runs']} runs)"
    return cell


def worker_mb(run):
    return f"{run['worker_rss_kb'] / 1024:.0f}" if run.get("worker_rss_kb") else ""


def exports_table(exports):
    lines = [
        "| export | address | HTTP | streamed | first byte ms | whole s | MB | peak MB before → after |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, measured in exports.items():
        lines.append(
            f"| {name} | `{measured['path']}` | {measured['status']} | "
            f"{'yes' if measured['streamed'] else 'no'} | "
            f"{measured['first_byte_ms']:.0f} | {measured['total_s']:.1f} | {measured['megabytes']:.1f} | "
            f"{measured['peak_rss_mb_before']:.0f} → {measured['peak_rss_mb_after']:.0f} |"
        )
    return "\n".join(lines)


def imports_table(imports):
    lines = [
        "| import | activities | seconds | activities/s | skipped | peak memory MB |",
        "|---|---|---|---|---|---|",
    ]
    for kind, label in (
        ("update", "the same file again (every activity an update)"),
        ("create", "after deleting them (every activity created)"),
    ):
        if kind in imports:
            measured = imports[kind]
            lines.append(
                f"| {label} | {imports['activities']:,} | {measured['seconds']:.1f} | "
                f"{measured['per_second']:.1f} | {measured['skipped']} | {measured['peak_rss_mb']:.0f} |"
            )
    return "\n".join(lines)


def rate(run):
    # Error answers are often fast; they count as errors, not as throughput.
    return (run["requests"] - run["status_errors"]) / (run["duration_us"] / 1e6)


def table(mode, rows, runs, inprocess, uncached=None):
    """One mode's table; `uncached` (that mode's runs) adds a column of the rate against it."""
    with_inprocess = mode == "uncached" and inprocess
    head = ["address", "req/s", "× ceiling", "p50 ms", "p95 ms", "p99 ms", "errors", "worker MB", "KB sent"]
    if uncached:
        head.insert(3, "× uncached")
    if with_inprocess:
        head += ["queries", "SQL ms", "in-process median ms", "warm median ms", "after a change ms"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    ceiling = next((runs[path] for name, role, path in rows if role == "ceiling" and path in runs), None)
    ceiling_rps = (
        (ceiling["requests"] - ceiling["status_errors"]) / (ceiling["duration_us"] / 1e6) if ceiling else None
    )
    for name, role, path in rows:
        run = runs.get(path)
        label = f"{name} (**{role}**)" if role != "endpoint" else name
        cells = [f"{label}<br>`{path}`"]
        extra = 1 if uncached else 0
        if run is None:
            note = {"floor": "uncached only", "staff": "in process only"}.get(role, "not run")
            cells += [note] + [""] * (7 + extra)
        elif not run["requests"]:
            seconds = run["duration_us"] / 1e6
            cells += [f"none answered in {seconds:.0f} s", "0", *["—"] * (3 + extra), f"{errors_of(run):,}"]
            cells += [worker_mb(run), "—"]
        else:
            rps = rate(run)
            errors = errors_of(run)
            cells += [f"{rps:,.1f}", f"{rps / ceiling_rps:.4f}" if ceiling_rps else ""]
            if uncached:
                base = uncached.get(path)
                cells.append(f"{rps / rate(base):.2f}" if base and rate(base) else "")
            cells += [
                ms(run["p50_us"]),
                ms(run["p95_us"]),
                ms(run["p99_us"]),
                f"{errors:,}" if errors else "0",
                worker_mb(run),
                # Per answer, headers included, as sent (compressed where the client accepts it).
                f"{run['bytes'] / run['requests'] / 1024:,.1f}",
            ]
        if with_inprocess:
            measured = inprocess.get(path, {})
            cells += [
                str(measured.get("queries", "")),
                f"{measured['sql_ms']:.1f}" if "sql_ms" in measured else "",
                median_cell(measured),
                f"{measured['warm_median_ms']:.1f}" if "warm_median_ms" in measured else "",
                f"{measured['after_change_median_ms']:.1f}" if "after_change_median_ms" in measured else "",
            ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def report(rows, wrk_lines, inprocess, exports=None, imports=None):
    import django

    env = os.environ
    runs = {}
    for line in wrk_lines:
        mode, path, result, *rest = line.rstrip("\n").split("\t")
        run = {**json.loads(result), "worker_rss_kb": int(rest[0]) if rest else 0}
        # An address run twice (the ceiling, first and last: scripts/bench.sh): the faster run.
        earlier = runs.setdefault(mode, {}).get(path)
        if earlier is None or (run["requests"] and (not earlier["requests"] or rate(run) > rate(earlier))):
            runs[mode][path] = run
    out = [
        f"## `make bench`: {env.get('BENCH_DB_KIND', '?')}, {int(env.get('BENCH_PROJECTS', 0)):,} projects, "
        f"{int(env.get('BENCH_EVENTS', 0)):,} events, {int(env.get('BENCH_DONORS', 0)):,} donors",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}; "
        f"Python {platform.python_version()}, Django {django.get_version()}; "
        f"gunicorn with {env.get('BENCH_WORKERS', '?')} workers (gunicorn.conf.py); "
        f"wrk -t{env.get('BENCH_THREADS', '?')} -c{env.get('BENCH_CONNECTIONS', '?')} "
        f"-d{env.get('BENCH_DURATION', '?')}s per address over loopback "
        f"on a fresh server each, after {env.get('BENCH_WARMUP', '?')} s of warm-up requests, "
        f"every request with `Accept-Encoding: {env.get('BENCH_ACCEPT_ENCODING', 'identity')}`. "
        "req/s counts wrk's 2xx/3xx answers over its duration; × ceiling divides it by the static file's; "
        "p50/p95/p99 are wrk's latencies; errors counts non-2xx/3xx answers, socket errors and timeouts. "
        f"The in-process median ({env.get('BENCH_RUNS', '?')} requests through django.test.Client, "
        "no response cache, the cache emptied before each request), the query count and the SQL time "
        "of one such request (the sum of Django's recorded query times) are measured on the same "
        "database; the warm median keeps the values the site computes once per content change.",
    ]
    for mode, title in MODES.items():
        if mode in runs:
            # With Redis down the site must serve at least half its uncached rate (docs/operations.md).
            uncached = runs.get("uncached") if mode == "redis-down" else None
            out += ["", f"### {title}", "", table(mode, rows, runs[mode], inprocess, uncached)]
    if exports:
        out += [
            "",
            "### Whole-table exports (in process; memory is the measuring process's peak resident size)",
            "",
            exports_table(exports),
        ]
    if imports:
        out += [
            "",
            f"### IATI import of {imports['activities']:,} projects exported as a "
            f"{imports['file_megabytes']} MB file (in process, each run rolled back)",
            "",
            imports_table(imports),
        ]
    return "\n".join(out) + "\n"


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ilopartners.settings")
    endpoints_file, wrk_file, inprocess_file, *more = argv
    with open(endpoints_file) as tsv:
        rows = [tuple(line.rstrip("\n").split("\t")) for line in tsv if line.strip()]
    with open(wrk_file) as wrk:
        wrk_lines = [line for line in wrk if line.strip()]
    inprocess = {}
    if os.path.exists(inprocess_file) and os.path.getsize(inprocess_file):
        with open(inprocess_file) as measured:
            inprocess = json.load(measured)
    extra = [read_json(name) for name in more]
    sys.stdout.write(report(rows, wrk_lines, inprocess, *extra))


def read_json(name):
    if os.path.exists(name) and os.path.getsize(name):
        with open(name) as file:
            return json.load(file)
    return None


if __name__ == "__main__":
    main(sys.argv[1:])

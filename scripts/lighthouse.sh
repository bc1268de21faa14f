#!/usr/bin/env bash
# Lighthouse on the public site as production serves it: gunicorn, DEBUG off, collected static files,
# the seed content in a throwaway SQLite database. Scores performance, accessibility, best practices
# and SEO of /, /projects/, /donors/japan/, /countries/NP/ and /sdgs/8/ (the pages with a map or
# charts) with Lighthouse's default (mobile, throttled) settings, and fails when any is below 0.95.
# Lighthouse itself is installed with npm into a temporary folder.
#
#   scripts/lighthouse.sh                 # all five pages
#   PAGES="/events/" scripts/lighthouse.sh
#   LIGHTHOUSE_PRESET=desktop scripts/lighthouse.sh
#   REPORT_DIR=/tmp/lh scripts/lighthouse.sh   # keep the JSON reports
set -euo pipefail
cd "$(dirname "$0")/.."

LIGHTHOUSE_VERSION=${LIGHTHOUSE_VERSION:-13.5.0}
PORT=${PORT:-8811}
PAGES=${PAGES:-"/ /projects/ /donors/japan/ /countries/NP/ /sdgs/8/"}
MIN_SCORE=${MIN_SCORE:-0.95}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
PYTHON=.venv/bin/python

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== installing lighthouse@$LIGHTHOUSE_VERSION"
npm install --prefix "$WORK/npm" --no-audit --no-fund --loglevel=error "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null

echo "== preparing a production-mode site on 127.0.0.1:$PORT"
export DATABASE_URL="sqlite:///$WORK/lighthouse.sqlite3"
export DJANGO_DEBUG=0 DJANGO_HTTPS=0 DJANGO_SECRET_KEY="lighthouse-$(date +%s)-$RANDOM"
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost DJANGO_STATIC_ROOT="$WORK/static" DJANGO_LOG_LEVEL=ERROR
$PYTHON manage.py migrate --noinput -v0
$PYTHON manage.py loaddata seed -v0
$PYTHON manage.py collectstatic --noinput -v0
.venv/bin/gunicorn ilopartners.wsgi --bind "127.0.0.1:$PORT" --workers 2 --log-level warning >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break; sleep 0.2; done
# Warm both workers (imports, compiled templates) so the first audit does not measure a cold start.
for page in $PAGES; do for _ in 1 2 3 4; do curl -fs -o /dev/null "http://127.0.0.1:$PORT$page"; done; done
echo "== machine load: $(cut -d' ' -f1-3 /proc/loadavg) (Lighthouse's timings suffer on a busy machine)"

CHROME_FLAGS="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking --disable-component-update --disable-sync"
PRESET_FLAG=()
if [ -n "${LIGHTHOUSE_PRESET:-}" ]; then PRESET_FLAG=(--preset="$LIGHTHOUSE_PRESET"); fi

status=0
for page in $PAGES; do
  name=$(echo "$page" | tr '/' '_')
  "$WORK/npm/node_modules/.bin/lighthouse" "http://127.0.0.1:$PORT$page" \
    --quiet --output=json --output-path="$WORK/report$name.json" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="$CHROME_FLAGS" "${PRESET_FLAG[@]}"
  $PYTHON - "$WORK/report$name.json" "$page" "$MIN_SCORE" <<'PY' || status=1
import json, sys
report, page, minimum = json.load(open(sys.argv[1])), sys.argv[2], float(sys.argv[3])
scores = {key: category["score"] for key, category in report["categories"].items()}
print(f"{page:<16}" + "  ".join(f"{key} {score:.2f}" for key, score in scores.items()))
low = {key: score for key, score in scores.items() if score is None or score < minimum}
for key in low:
    for audit_ref in report["categories"][key]["auditRefs"]:
        audit = report["audits"][audit_ref["id"]]
        if audit_ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            print(f"    {key}: {audit['id']} {audit['score']} {audit.get('displayValue', '')}")
sys.exit(1 if low else 0)
PY
  if [ -n "${REPORT_DIR:-}" ]; then mkdir -p "$REPORT_DIR"; cp "$WORK/report$name.json" "$REPORT_DIR/"; fi
done
exit $status

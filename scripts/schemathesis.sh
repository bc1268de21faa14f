#!/usr/bin/env bash
# Fuzz the REST API against its own OpenAPI schema with schemathesis: every phase and every check,
# once as an anonymous client and once as a Publisher with a token. The server runs in production
# mode (DEBUG off) on a free loopback port, over a throwaway SQLite database holding the seed; the
# staff run creates, changes and deletes records there. Exits non-zero on any failure.
#
#   scripts/schemathesis.sh                  # both runs
#   MAX_EXAMPLES=100 scripts/schemathesis.sh # more cases per operation (default 25)
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
MAX_EXAMPLES=${MAX_EXAMPLES:-25}
SEED=${SCHEMATHESIS_SEED:-$RANDOM}
WORK=$(mktemp -d)
SERVER_PID=""

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

export DATABASE_URL="sqlite:///$WORK/db.sqlite3"
export DJANGO_DEBUG=0
export DJANGO_HTTPS=0
export DJANGO_SECRET_KEY="schemathesis-$(date +%s)-$RANDOM$RANDOM"
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_STATIC_ROOT="$WORK/static"
# The fuzzer sends thousands of requests a minute; throttling is tested in tests/api.
export DJANGO_API_ANON_RATE=none
export DJANGO_API_USER_RATE=none
export DJANGO_LOG_LEVEL=WARNING
unset REDIS_URL

echo "== preparing a throwaway database in $WORK"
$BIN/python manage.py migrate --noinput -v0
$BIN/python manage.py load_seed -v0
$BIN/python manage.py collectstatic --noinput -v0
TOKEN=$($BIN/python manage.py shell -v0 -c '
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token
from kernel.roles import PUBLISHERS
user = User.objects.create_user("schemathesis", is_staff=True)
user.groups.add(Group.objects.get(name=PUBLISHERS))
print(Token.objects.create(user=user).key)
' | tail -n1)

PORT=$($BIN/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
echo "== starting the server on $BASE"
# Our own settings, not gunicorn.conf.py's (sized for serving, logging every request).
touch "$WORK/gunicorn.conf.py"
# The fuzzer writes query strings of many kilobytes; in production gunicorn (or the proxy before it)
# refuses those with its own HTML page before the API sees them. Lift that transport limit here so
# that every request reaches the API and its answer is checked against the schema.
$BIN/gunicorn ilopartners.wsgi:application --config "$WORK/gunicorn.conf.py" --bind "127.0.0.1:$PORT" --workers 2 \
  --threads 4 --timeout 60 --limit-request-line 0 --log-level warning >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 60); do
  if $BIN/python -c "import urllib.request; urllib.request.urlopen('$BASE/api/v1/', timeout=2)" 2>/dev/null; then
    break
  fi
  sleep 0.5
done

status=0
run() {
  local name=$1
  shift
  echo "== schemathesis: $name (seed $SEED, $MAX_EXAMPLES examples per operation)"
  if ! $BIN/schemathesis --config-file scripts/schemathesis.toml run "$BASE/api/v1/schema/" \
    --checks all --phases examples,coverage,fuzzing,stateful --max-examples "$MAX_EXAMPLES" \
    --seed "$SEED" --workers 1 --request-timeout 30 --no-color "$@"; then
    status=1
  fi
}
run anonymous
run "staff with a token" -H "Authorization: Token $TOKEN"

if [ "$status" -ne 0 ]; then
  echo "== server log (last 200 lines)"
  tail -n 200 "$WORK/server.log"
fi
exit "$status"

#!/bin/sh
# `make run` and `make serve`: run the web server given as arguments with the background-job worker
# (`manage.py db_worker`, django-tasks' database backend) beside it, and stop the worker when the
# server stops, however it stops (Ctrl-C, a signal, an error). A task the worker is running is
# finished first, so an import's transaction is never cut in half.
#
#   scripts/with-worker.sh PYTHON SERVER-COMMAND [ARGUMENTS...]
set -u
python=$1
shift
# Jobs left running by a worker that died (this server's last run) are marked failed first.
"$python" manage.py reap_stopped_jobs || true
"$python" manage.py db_worker --no-reload &
worker=$!
trap 'kill "$worker" 2>/dev/null; wait "$worker" 2>/dev/null' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
"$@"
exit $?

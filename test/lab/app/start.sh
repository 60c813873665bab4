#!/bin/sh
# homelab-tui lab app: busybox httpd on port 8080 serving /health and /version, with a data
# directory whose first-start stamp survives restarts (for keep-data and backup tests).
# The "bad" build starts but answers /health with HTTP 500 "database unreachable".
APP_DIR="${APP_DIR:-/app}"
DATA_DIR="${DATA_DIR:-/data}"
mkdir -p "$DATA_DIR"
[ -f "$DATA_DIR/first-start" ] || date -u +%Y-%m-%dT%H:%M:%SZ > "$DATA_DIR/first-start"
date -u +%Y-%m-%dT%H:%M:%SZ >> "$DATA_DIR/starts.log"
# One line on standard output, so log readers (docker logs, homelab-tui logs) have something to show.
echo "labapp $(cat "$APP_DIR/tag") starting, data in $DATA_DIR"
if [ "$(cat "$APP_DIR/tag")" = bad ]; then
  # busybox httpd runs CGI only under /cgi-bin/, so the broken build answers with its own responder.
  exec nc -ll -p 8080 -e "$APP_DIR/respond-bad.sh"
fi
exec httpd -f -p 8080 -h "$APP_DIR/www"

#!/bin/sh
# One HTTP exchange for the lab app's "bad" build: /health fails like an app that lost its database.
APP_DIR="${APP_DIR:-/app}"
read -r _method path _proto
while read -r line; do
  [ -z "$(printf '%s' "$line" | tr -d '\r')" ] && break
done
case "$path" in
  /health) status='500 Internal Server Error'; body='database unreachable' ;;
  /version) status='200 OK'; body="$(cat "$APP_DIR/www/version")" ;;
  *) status='404 Not Found'; body='not found' ;;
esac
printf 'HTTP/1.0 %s\r\nContent-Type: text/plain\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s' "$status" "${#body}" "$body"

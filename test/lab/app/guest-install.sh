#!/bin/sh
# Installs the lab app inside a busybox LXC guest (after the bundle was unpacked at /): busybox init
# supervises it (respawn) and re-reads /etc/inittab on SIGHUP, so it starts at once and at every boot.
set -e
grep -q '/opt/labapp/run' /etc/inittab || echo '::respawn:/opt/labapp/run' >> /etc/inittab
kill -HUP 1

#!/usr/bin/env bash
# Takes docs/screenshots/{main,add,maintenance,history,tariffs}-LANG.png from
# the real binary under a private Xvfb, driven with xdotool, on a demo file
# whose root speaks LANG. Usage: scripts/screenshots.sh [LANG...]
# (all seven when none is given); SHOTS="history tariffs" takes only those
# of main, add, maintenance, history and tariffs. Needs Xvfb, xdotool, ImageMagick and
# python3; run "make build" first. The window's remembered size is kept in
# a temporary config folder, so every shot is at the default size and the
# user's own settings are not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/screenshots
langs=${*:-en de es fr pt-BR ru zh-Hans}
shots=${SHOTS:-main add maintenance history tariffs}
want() { [[ " $shots " == *" $1 "* ]]; }
work=$(mktemp -d)
export XDG_CONFIG_HOME=$work/config
display=:$((100 + RANDOM % 800))
Xvfb "$display" -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
app=""
cleanup() { [ -n "$app" ] && kill "$app" 2>/dev/null; kill "$xvfb" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
export DISPLAY=$display
for _ in $(seq 1 40); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.25; done

keys() { for k in "$@"; do xdotool key --clearmodifiers "$k"; sleep 0.25; done; }
typed() { xdotool type --delay 40 "$1"; sleep 0.3; }
window() { xdotool search --name "$1" 2>/dev/null | tail -1; }
shoot() { sleep 1; import -window "$(window '^Branchbook')" "$1"; }
stop() { kill "$app" 2>/dev/null; wait "$app" 2>/dev/null || true; app=""; }
# start opens the demo file, signs in as the root and selects a customer
# two levels down.
start() {
	rm -rf "$XDG_CONFIG_HOME"
	./branchbook --db "$work/shot.db" >"$work/app.log" 2>&1 &
	app=$!
	for _ in $(seq 1 120); do [ -n "$(window '^Branchbook')" ] && break; sleep 0.25; done
	sleep 1.5
	xdotool windowactivate --sync "$(window '^Branchbook')" 2>/dev/null || true
	typed root; keys Tab; typed branchbook-demo; keys Return; sleep 2.5
	keys Down Right Down; sleep 0.5
}

./branchbook demo --db "$work/base.db" --customers 2000 --accounts 20000 --entries 100000 >/dev/null
for l in $langs; do
	rm -f "$work"/shot.db*
	cp "$work/base.db" "$work/shot.db"
	python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("update customers set language=? where parent_id is null",(sys.argv[2],)); c.commit()' "$work/shot.db" "$l"
	if want main || want add; then
		start
		if want main; then shoot "$out/main-$l.png"; fi
		if want add; then keys ctrl+n; shoot "$out/add-$l.png"; fi
		stop
	fi
	if want maintenance; then start; keys ctrl+m; typed 25; shoot "$out/maintenance-$l.png"; stop; fi
	if want history; then start; keys ctrl+Tab; shoot "$out/history-$l.png"; stop; fi
	if want tariffs; then
		start; keys ctrl+t; sleep 2; keys Down space; sleep 1
		import -window "$(window ' Branchbook$')" "$out/tariffs-$l.png"; stop
	fi
	echo "$l done"
done

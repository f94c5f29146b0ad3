#!/bin/bash
# Orca under Xvfb (openbox, an AT-SPI bus) listening to the window: the members page by Tab,
# then the register (Ctrl+4, Ctrl+G, a row number). What Orca says is in $OUT/orca.log as
# "SPEECH OUTPUT:" lines (no speech server is needed). Needs: apt-get install orca openbox
# xvfb dbus-x11 xdotool imagemagick libxcb-cursor0.   Usage: orca_check.sh [OUT_DIR]
OUT=${1:-$(mktemp -d)}; REPO=$(cd "$(dirname "$0")/../../.." && pwd); PYTHON=${PYTHON:-python}
set -x
export LANG=C.UTF-8 DISPLAY=:77 HOME=$OUT/home XDG_RUNTIME_DIR=$OUT/run
mkdir -p $OUT $HOME $XDG_RUNTIME_DIR; chmod 700 $XDG_RUNTIME_DIR
Xvfb :77 -screen 0 1400x900x24 & XPID=$!
sleep 1; openbox & sleep 1
eval $(dbus-launch --sh-syntax)
/usr/libexec/at-spi-bus-launcher --launch-immediately & sleep 1
gsettings set org.gnome.desktop.interface toolkit-accessibility true 2>/dev/null
rm -f $OUT/demo.sqlite3
cd "$REPO" && "$PYTHON" -m communitydesk --db $OUT/demo.sqlite3 demo --seed 7 >/dev/null
orca --replace --debug-file=$OUT/orca.log > $OUT/orca.out 2>&1 & OPID=$!
sleep 6
QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 QT_ACCESSIBILITY=1 QT_QPA_PLATFORM=xcb LANG=en_GB.UTF-8 "$PYTHON" -m communitydesk --db $OUT/demo.sqlite3 > $OUT/app.out 2>&1 & APID=$!
sleep 12
WID=$(xdotool search --name CommunityDesk | head -1); echo "window $WID"
xdotool windowactivate --sync $WID 2>/dev/null; xdotool windowfocus --sync $WID
sleep 2
# Members page: Tab through search, filters, table
for i in 1 2 3 4 5 6; do xdotool key Tab; sleep 1.5; done
xdotool key ctrl+1; sleep 1.5
xdotool key Down; sleep 1.5
# Attendance register: Alt+G (Go menu) is not assumed; use the sidebar: Ctrl+4 if any, else sidebar keys
xdotool key ctrl+4; sleep 3
xdotool key ctrl+g; sleep 1.5; xdotool type 1; xdotool key Return; sleep 3
xdotool key Tab; sleep 1.5; xdotool key Tab; sleep 1.5
import -window root $OUT/screen.png 2>/dev/null
kill $APID $OPID; sleep 1; kill $XPID; kill $DBUS_SESSION_BUS_PID
grep "SPEECH OUTPUT" $OUT/orca.log

#!/bin/sh
# Remove the program installed by install.sh. Your data (~/.local/share/CommunityDesk:
# the database and its backups) is kept; delete that folder yourself only if you mean to.
set -eu
PREFIX=${PREFIX:-"$HOME/.local"}
APP_ID=org.communitydesk.CommunityDesk
rm -rf "$PREFIX/lib/CommunityDesk"
rm -f "$PREFIX/bin/CommunityDesk" "$PREFIX/share/applications/$APP_ID.desktop" \
  "$PREFIX/share/metainfo/$APP_ID.metainfo.xml" "$PREFIX/share/icons/hicolor/scalable/apps/$APP_ID.svg"
for size in 16 22 24 32 48 64 128 256 512; do
  rm -f "$PREFIX/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
echo "CommunityDesk was removed. Your data is still in ${XDG_DATA_HOME:-$HOME/.local/share}/CommunityDesk"

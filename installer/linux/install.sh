#!/bin/sh
# Install CommunityDesk for this user: the program under ~/.local/lib/CommunityDesk, a
# `CommunityDesk` command in ~/.local/bin, and a menu entry with its icon. No root needed.
# Your data is not here: it stays in ~/.local/share/CommunityDesk and is never touched.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-"$HOME/.local"}
APP_ID=org.communitydesk.CommunityDesk
LIB="$PREFIX/lib/CommunityDesk"
RES="$HERE/_internal/communitydesk/resources"

mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$PREFIX/share/applications" "$PREFIX/share/metainfo"
if [ "$HERE" != "$LIB" ]; then
  rm -rf "$LIB.new"
  cp -a "$HERE" "$LIB.new"
  rm -rf "$LIB"
  mv "$LIB.new" "$LIB"
fi
ln -sf "$LIB/CommunityDesk" "$PREFIX/bin/CommunityDesk"
for size in 16 22 24 32 48 64 128 256 512; do
  dir="$PREFIX/share/icons/hicolor/${size}x${size}/apps"
  mkdir -p "$dir"
  cp "$RES/icons/communitydesk-$size.png" "$dir/$APP_ID.png"
done
mkdir -p "$PREFIX/share/icons/hicolor/scalable/apps"
cp "$RES/icons/communitydesk.svg" "$PREFIX/share/icons/hicolor/scalable/apps/$APP_ID.svg"
sed "s|^Exec=CommunityDesk|Exec=$LIB/CommunityDesk|" "$RES/linux/$APP_ID.desktop" \
  > "$PREFIX/share/applications/$APP_ID.desktop"
cp "$RES/linux/$APP_ID.metainfo.xml" "$PREFIX/share/metainfo/$APP_ID.metainfo.xml"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$PREFIX/share/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$PREFIX/share/icons/hicolor" || true
echo "CommunityDesk is installed: find it in your applications menu, or run $PREFIX/bin/CommunityDesk"

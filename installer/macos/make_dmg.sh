#!/bin/sh
# macOS: the .app from the shared spec, then a DMG to drag it into Applications.
# Run on a Mac with Python 3.11+ (not runnable on this project's Linux machines; see installer/README.md):
#   python3 -m venv .venv && .venv/bin/pip install -e '.[installer]'
#   sh installer/macos/make_dmg.sh
set -eu
cd "$(dirname "$0")/../.."
VERSION=$(.venv/bin/python -c "import communitydesk; print(communitydesk.__version__)")
.venv/bin/python installer/make_icons.py --bundle-icons build/icons
.venv/bin/python -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
  installer/communitydesk.spec
STAGE=build/dmg
rm -rf "$STAGE" && mkdir -p "$STAGE"
cp -R dist/CommunityDesk.app "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname CommunityDesk -srcfolder "$STAGE" -ov -format UDZO \
  "dist/CommunityDesk-$VERSION-macos.dmg"
# The same frozen smoke test as Linux, from the .app's binary:
APP=dist/CommunityDesk.app/Contents/MacOS/CommunityDesk
"$APP" --version
"$APP" self-check
QT_QPA_PLATFORM=offscreen "$APP" --db "$(mktemp -d)/smoke.sqlite3" gui --smoke-test

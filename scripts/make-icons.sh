#!/bin/sh
# Renders the PortDesk app icon from resources/icons/icon.svg (the hand-edited source of truth)
# into every file electron-builder and the OS desktops need:
#   resources/icons/<N>x<N>.png  Linux (AppImage/deb hicolor theme) and the window icon
#   resources/icons/icon.ico     Windows (NSIS installer, exe, taskbar): 16..256 px
#   resources/icons/icon.icns    macOS (DMG, app bundle): 16..1024 px
#   resources/icon.png           1024 px fallback electron-builder derives anything missing from
# The 256 px ico entry is stored as PNG (Vista+ format) to keep the file small.
# Needs Debian's librsvg2-bin (rsvg-convert), icoutils (icotool) and icnsutils (png2icns):
#   apt-get install librsvg2-bin icoutils icnsutils
set -eu
cd "$(dirname "$0")/.."
src=resources/icons/icon.svg
out=resources/icons

for tool in rsvg-convert icotool png2icns; do
  command -v "$tool" >/dev/null || { echo "make-icons: $tool is missing (apt-get install librsvg2-bin icoutils icnsutils)" >&2; exit 1; }
done

for size in 16 32 48 64 128 256 512 1024; do
  rsvg-convert --width "$size" --height "$size" "$src" --output "$out/${size}x${size}.png"
done
cp "$out/1024x1024.png" resources/icon.png

icotool --create --output "$out/icon.ico" \
  "$out/16x16.png" "$out/32x32.png" "$out/48x48.png" "$out/64x64.png" "$out/128x128.png" --raw="$out/256x256.png"

# png2icns picks the icns slot from each PNG's size (16/32/48/128/256/512/1024).
png2icns "$out/icon.icns" \
  "$out/16x16.png" "$out/32x32.png" "$out/48x48.png" "$out/128x128.png" "$out/256x256.png" "$out/512x512.png" "$out/1024x1024.png" >/dev/null

echo "make-icons: wrote $(ls "$out" | tr '\n' ' ')"

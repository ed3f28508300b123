#!/usr/bin/env bash
# Take docs/screenshot.png of the real app on a virtual X display while it trains:
#   apt-get install -y xvfb xdotool xclip imagemagick libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0
#   xvfb-run -s "-screen 0 1400x900x24" bash scripts/screenshot.sh
# It starts the app, presses Ctrl+Return (Start), trains for TRAIN_SECONDS, pastes a sample
# image from the clipboard (Ctrl+V) to classify it, and grabs the screen.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
export GOOGLENET_RUNS_DIR="$work/runs" XDG_CONFIG_HOME="$work/config"
python -c "
from PIL import Image
from googlenet_gui.core.data import load_sample
Image.fromarray(load_sample().val.images[0, 0].numpy()).save('$work/item.png')"
python main.py > "$work/app.log" 2>&1 &
app=$!
sleep 6
wid=$(xdotool search --name "GoogLeNet Studio" | head -1)
xdotool windowsize "$wid" 1400 880 windowmove "$wid" 0 0
xdotool windowfocus "$wid" 2>/dev/null || true
sleep 1
xdotool key --window "$wid" ctrl+Return
sleep "${TRAIN_SECONDS:-50}"
xclip -selection clipboard -t image/png -i "$work/item.png" &
sleep 1
xdotool key --window "$wid" ctrl+v
sleep 4
import -window root -crop 1400x880+0+0 +repage docs/screenshot.png
xdotool key --window "$wid" ctrl+q
wait "$app" || true
echo "wrote docs/screenshot.png"

#!/usr/bin/env bash
# Screenshots of every page kind of a built site, at 1366 px and 390 px wide, light and dark.
#
#   tests/tools/screenshots.sh OUT_DIR [SITE_DIR]
#
# SITE_DIR is a built site (default: public/, as `recueil build` makes it from the bundled
# archive). One PNG per page kind, width and scheme is written into OUT_DIR
# (`<kind>-<width>-<light|dark>.png`), then look at them. Pages are opened from file://, as a
# reader of a copy of the site opens them. Set CHROMIUM to the browser's command if it is not
# `chromium`; HEIGHT to the window's height (default 1800: long pages are cut there).
set -euo pipefail

out=${1:?usage: screenshots.sh OUT_DIR [SITE_DIR]}
site=$(cd "${2:-public}" && pwd)
chromium=${CHROMIUM:-chromium}
height=${HEIGHT:-1800}
mkdir -p "$out"
out=$(cd "$out" && pwd)

# The first page of each kind the site has: kind, then a path under the site (a glob), with a
# query for the search page.
kinds=(
  "home index.html"
  "home-en en/index.html"
  "session fr/sessions/*.html"
  "resolution fr/a-res-61-168.html"
  "resolution-en en/*.html"
  "parallel parallel/*.html"
  "series-index fr/series.html"
  "series fr/series/*.html"
  "compare fr/compare/*.html"
  "search fr/search.html?q=consultation+secretaire"
  "references fr/references.html"
  "reference-group fr/references/*.html"
  "not-found 404.html"
)

first() {
  # The first file a glob names under the site, skipping index.html/search.html/references.html
  # when the pattern is a language folder's wildcard.
  local pattern=$1 f
  for f in $site/$pattern; do
    [ -f "$f" ] || continue
    case "$pattern:$(basename "$f")" in
      en/\*.html:index.html | en/\*.html:search.html | en/\*.html:references.html) continue ;;
    esac
    echo "$f"
    return
  done
}

shot() {
  local url=$1 name=$2 width=$3 scheme=$4 extra=()
  if [ "$scheme" = dark ]; then
    extra=(--force-dark-mode --blink-settings=preferredColorScheme=0)
  else
    extra=(--blink-settings=preferredColorScheme=1)
  fi
  "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --no-first-run --hide-scrollbars "${extra[@]}" \
    --window-size="$width,$height" --screenshot="$out/$name-$width-$scheme.png" \
    "$url" >/dev/null 2>&1
}

for entry in "${kinds[@]}"; do
  name=${entry%% *}
  spec=${entry#* }
  query=
  case "$spec" in *\?*) query="?${spec#*\?}" ;; esac
  file=$(first "${spec%%\?*}")
  if [ -z "$file" ]; then
    echo "no page for $name ($spec)" >&2
    continue
  fi
  for width in 1366 390; do
    for scheme in light dark; do
      shot "file://$file$query" "$name" "$width" "$scheme"
    done
  done
  echo "$name: ${file#"$site"/}"
done
echo "screenshots in $out"

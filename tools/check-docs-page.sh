#!/usr/bin/env bash
# Loads /docs (the Scalar API reference) in headless Chromium against a freshly started API and checks that the
# page renders HeyHo's operations; saves a screenshot to docs/api-reference.png.
# Needs: the .NET SDK and Chromium (Debian: apt-get install chromium). Usage: bash tools/check-docs-page.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser)}

dotnet build -c Release src/HeyHo.Api -v q -nologo >/dev/null
ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__HeyHo="Data Source=$work/docs.db" \
  Certificates__DevelopmentDirectory="$work/certs" Logging__LogLevel__Default=Warning \
  dotnet src/HeyHo.Api/bin/Release/net10.0/HeyHo.Api.dll --contentRoot "$PWD/src/HeyHo.Api/bin/Release/net10.0" \
  --urls "http://127.0.0.1:$port" >"$work/api.log" 2>&1 &
api=$!
trap 'kill $api 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.2; done

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$work/profile" --virtual-time-budget=20000)
"$chromium" "${flags[@]}" --dump-dom "http://127.0.0.1:$port/docs/" >"$work/dom.html" 2>"$work/chromium.log"
"$chromium" "${flags[@]}" --window-size=1400,1600 --screenshot="$PWD/docs/api-reference.png" "http://127.0.0.1:$port/docs/" >/dev/null 2>&1

missing=0
echo "rendered DOM: $(wc -c <"$work/dom.html") bytes"
# Scalar renders operations lazily as the page scrolls: the first operations and every tag are in the DOM.
for expected in "HeyHo API" "/api/v1/data/sync" "page-visits" ">Sync<" ">Account<" "Auth"; do
  if grep -qF "$expected" "$work/dom.html"; then echo "found: $expected"; else echo "MISSING: $expected"; missing=1; fi
done
[ "$missing" = 0 ] && echo "docs page renders the HeyHo operations; screenshot: docs/api-reference.png"
exit "$missing"

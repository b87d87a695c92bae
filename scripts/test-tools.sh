#!/usr/bin/env bash
# What the browser and conformance tests need beside Python, installed if missing:
# Debian's Chromium, a Java runtime (17 or newer), khal (a calendar program) and the Nu Html Checker (vnu.jar, from its
# npm package, into .cache/vnu/). Without them those tests are skipped, except in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
VNU_VERSION=26.9.27

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
command -v java >/dev/null || packages+=(default-jre-headless)
command -v npm >/dev/null || packages+=(npm)  # only to fetch the checker's package
command -v khal >/dev/null || packages+=(khal)  # a calendar program the calendar tests import the .ics files into
if [ ${#packages[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}"
fi

jar=.cache/vnu/vnu.jar
if ! java -jar "$jar" --version 2>/dev/null | grep -q "^$VNU_VERSION "; then
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "vnu-jar@$VNU_VERSION" >/dev/null && tar xzf "vnu-jar-$VNU_VERSION.tgz")
  mkdir -p .cache/vnu
  mv "$tmp/package/build/dist/vnu.jar" "$jar"
  rm -rf "$tmp"
fi
echo "Nu Html Checker $(java -jar "$jar" --version) in $jar"

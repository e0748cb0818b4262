#!/usr/bin/env bash
# Fetches llama.cpp release v0.5.0 as pinned in native/llama.cpp.lock, into a cache shared by every
# checkout: the source (from the git bundle inside node-llama-cpp) and the prebuilt Linux x64
# libraries. Prints the cache folder. Idempotent: a package already fetched and checked is kept.
#   native/fetch-llama.sh [CACHE_DIR]    (default: ${XDG_CACHE_HOME:-~/.cache}/juxta/llama.cpp)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${1:-${XDG_CACHE_HOME:-$HOME/.cache}/juxta/llama.cpp}"

need() {
  command -v "$1" >/dev/null || { echo "fetch-llama: '$1' is needed ($2)" >&2; exit 1; }
}
need npm "to fetch llama.cpp's npm packages: apt-get install -y npm"
need git "to unpack llama.cpp's source bundle: apt-get install -y git"
need basenc "coreutils 8.31 or later"

integrity() { # the npm integrity string of a file
  echo "sha512-$(sha512sum "$1" | cut -d' ' -f1 | tr a-f A-F | basenc --base16 -d | base64 -w0)"
}

# fetch NAME VERSION INTEGRITY -> the checked .tgz's path
fetch() {
  local name="$1" version="$2" want="$3"
  local file="$cache/$(echo "${name#@}" | tr / -)-$version.tgz"
  if [ ! -f "$file" ] || [ "$(integrity "$file")" != "$want" ]; then
    local tmp; tmp="$(mktemp -d "$cache/pack.XXXXXX")"
    (cd "$tmp" && npm pack --silent "$name@$version" >/dev/null)
    mv "$tmp"/*.tgz "$file.part" && rmdir "$tmp"
    local got; got="$(integrity "$file.part")"
    if [ "$got" != "$want" ]; then
      rm -f "$file.part"
      echo "fetch-llama: $name@$version has integrity $got, but native/llama.cpp.lock pins $want" >&2
      exit 1
    fi
    mv "$file.part" "$file"
  fi
  echo "$file"
}

mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9
while read -r name version want; do
  case "$name" in ''|'#'*) continue ;; esac
  tgz="$(fetch "$name" "$version" "$want")"
  case "$name" in
    node-llama-cpp)
      if [ ! -f "$cache/src/.done-$version" ]; then
        rm -rf "$cache/src" "$cache/unpack" && mkdir -p "$cache/unpack"
        tar -xzf "$tgz" -C "$cache/unpack" package/llama/gitRelease.bundle package/llama/llama.cpp.info.json
        git -c advice.detachedHead=false clone -q "$cache/unpack/package/llama/gitRelease.bundle" "$cache/src"
        cp "$cache/unpack/package/llama/llama.cpp.info.json" "$cache/src/juxta-release.json"
        rm -rf "$cache/unpack" && touch "$cache/src/.done-$version"
      fi ;;
    @node-llama-cpp/linux-x64)
      if [ ! -f "$cache/linux-x64/.done-$version" ]; then
        rm -rf "$cache/linux-x64" "$cache/unpack" && mkdir -p "$cache/unpack"
        tar -xzf "$tgz" -C "$cache/unpack"
        mv "$cache/unpack/package/bins/linux-x64" "$cache/linux-x64"
        rm -f "$cache/linux-x64/llama-addon.node"
        rm -rf "$cache/unpack" && touch "$cache/linux-x64/.done-$version"
      fi ;;
  esac
done < "$here/llama.cpp.lock"
echo "$cache"

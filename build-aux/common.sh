# common.sh — shared by build-aux/run and build-aux/test (sourced, not run)
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later

top_srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
builddir=${TESSERA_BUILDDIR:-$top_srcdir/_build}

# Debian 12 package names.
BUILD_PACKAGES=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libsoup-3.0-dev libjson-glib-dev libsecret-1-dev libportal-dev
  desktop-file-utils appstream
  adwaita-icon-theme librsvg2-common fonts-cantarell
)
TEST_PACKAGES=(
  xvfb xauth dbus dbus-x11 at-spi2-core gnome-keyring libsecret-tools
  python3-dogtail imagemagick valgrind curl xclip x11-utils
  # the flatpak suite (build-aux/flatpak-check)
  flatpak flatpak-builder bubblewrap xdg-dbus-proxy xdg-desktop-portal debootstrap elfutils
)

# clang and its sanitizer runtimes: the ASan pass and the fuzzers.
SANITIZER_PACKAGES=(clang libclang-rt-14-dev)

say () { printf '%s\n' "$*" >&2; }

# Installs whichever of the named Debian packages are missing, printing the
# list first: as root directly, otherwise through sudo.
ensure_packages () {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  say "Installing missing Debian packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      say "error: these packages are missing and neither root nor sudo is available: ${missing[*]}"
      return 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq || return 1
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" || return 1
}

# Configures the build directory when needed, then builds.
build_tessera () {
  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" "$top_srcdir" "$@" || return 1
  fi
  meson compile -C "$builddir" || return 1
}

# The sanitized build, shared by build-aux/fuzz (its libFuzzer targets) and
# build-aux/test's ASan pass: clang, AddressSanitizer and
# UndefinedBehaviorSanitizer. Configures $1 when needed; builds targets $2..
# (all when none are named).
build_sanitized () {
  local dir=$1
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    CC=clang meson setup "$dir" "$top_srcdir" \
      -Dfuzzing=true -De2e=false -Dflatpak_check=false -Dbuildtype=debugoptimized \
      -Db_sanitize=address,undefined -Db_lundef=false || return 1
  fi
  meson compile -C "$dir" "$@" || return 1
}

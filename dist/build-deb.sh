#!/bin/sh
# Build the Debian package of dagkas:
#   sh dist/build-deb.sh [BINARY] [OUT_DIR]     (default: target/release/dagkas, target/debian)
# From a fresh clone it builds the release binary first (cargo build --release --locked).
# The package holds the binary, the manual pages, the completions for bash, zsh and fish,
# the systemd user units of the sync service, the rules, the decisions and the copyright.
# Its dependencies are computed with dpkg-shlibdeps. The maintainer is the person building
# it: $DEBFULLNAME <$DEBEMAIL> as Debian's own tools take it, else git's user.name and
# user.email; the build stops when neither is set.
# Needs dpkg-dev (dpkg-shlibdeps), dpkg-deb and gzip.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/target/release/dagkas}
out=${2:-$here/target/debian}
if [ ! -x "$bin" ] && [ -z "${1:-}" ]; then
  (cd "$here" && cargo build --release --locked)
fi
[ -x "$bin" ] || { echo "build-deb: no binary at $bin" >&2; exit 1; }
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$here/Cargo.toml" | head -1)
arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)

name=${DEBFULLNAME:-$(git -C "$here" config user.name 2>/dev/null || true)}
mail=${DEBEMAIL:-$(git -C "$here" config user.email 2>/dev/null || true)}
if [ -z "$name" ] || [ -z "$mail" ]; then
  echo "build-deb: who maintains this package? Set DEBFULLNAME and DEBEMAIL (or git's user.name and user.email)." >&2
  exit 1
fi
maintainer="$name <$mail>"
# Reproducible dates: the last commit's, else now.
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$here" log -1 --format=%ct 2>/dev/null || date +%s)}

root=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$root" "$work"' EXIT

chmod 0755 "$root"
install -D -m 0755 "$bin" "$root/usr/bin/dagkas"
# A packaged binary carries no symbols and no build notes (Debian policy).
if command -v strip >/dev/null 2>&1; then
  strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/dagkas"
fi
mkdir -p "$root/usr/share/man/man1"
"$bin" man --out "$root/usr/share/man/man1"
gzip -9n "$root"/usr/share/man/man1/*.1
install -d "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions" \
  "$root/usr/share/fish/vendor_completions.d"
"$bin" completions bash > "$root/usr/share/bash-completion/completions/dagkas"
"$bin" completions zsh > "$root/usr/share/zsh/vendor-completions/_dagkas"
"$bin" completions fish > "$root/usr/share/fish/vendor_completions.d/dagkas.fish"
chmod 0644 "$root"/usr/share/bash-completion/completions/dagkas "$root"/usr/share/zsh/vendor-completions/_dagkas \
  "$root"/usr/share/fish/vendor_completions.d/dagkas.fish
install -d "$root/usr/lib/systemd/user"
for unit in dagkas-sync.service dagkas-sync@.service dagkas-firm.service; do
  sed 's|%h/.cargo/bin/dagkas|/usr/bin/dagkas|' "$here/dist/$unit" > "$root/usr/lib/systemd/user/$unit"
  chmod 0644 "$root/usr/lib/systemd/user/$unit"
done
doc="$root/usr/share/doc/dagkas"
install -D -m 0644 "$here/README.md" "$doc/README.md"
install -D -m 0644 "$here/docs/DECISIONS.md" "$doc/DECISIONS.md"
install -D -m 0644 "$here/docs/RULES.md" "$doc/RULES.md"
install -D -m 0644 "$here/dist/copyright" "$doc/copyright"
gzip -9n "$doc/DECISIONS.md"
# A native package's changelog: this version, by its maintainer, dated by the last commit.
{
  echo "dagkas ($version) unstable; urgency=medium"
  echo
  echo "  * Release $version, built from commit $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)."
  echo
  echo " -- $maintainer  $(date -u -R -d "@$epoch")"
} > "$doc/changelog"
gzip -9n "$doc/changelog"
install -D -m 0644 "$here/dist/lintian-overrides" "$root/usr/share/lintian/overrides/dagkas"

# The libraries the binary links, as versioned dependencies.
mkdir -p "$work/debian"
printf 'Source: dagkas\n\nPackage: dagkas\nArchitecture: any\n' > "$work/debian/control"
depends=$(cd "$work" && dpkg-shlibdeps -O -e "$root/usr/bin/dagkas" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "build-deb: dpkg-shlibdeps found no dependencies" >&2; exit 1; }

size=$(du -sk "$root" | cut -f1)
mkdir -p "$root/DEBIAN"
cat > "$root/DEBIAN/control" <<CONTROL
Package: dagkas
Version: $version
Section: misc
Priority: optional
Architecture: $arch
Installed-Size: $size
Maintainer: $maintainer
Depends: $depends
Recommends: bash-completion
Suggests: hledger, postgresql-client
Description: day-receipt book and cash book from point-of-sale data
 dagkas turns MplusKASSA, Lightspeed or JSONL sales into a legally sound
 day-receipt book and cash book, reviewed in the terminal, with every rule
 enforced and every change in a hash-chained audit log.
CONTROL
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
mkdir -p "$out"
deb="$out/dagkas_${version}_${arch}.deb"
SOURCE_DATE_EPOCH=$epoch dpkg-deb --root-owner-group --build "$root" "$deb" >/dev/null
echo "$deb"

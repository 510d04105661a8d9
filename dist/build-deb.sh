#!/bin/sh
# Build the Debian package of dagkas from a built binary:
#   dist/build-deb.sh [BINARY] [OUT_DIR]     (default: target/release/dagkas, target/debian)
# The package holds the binary, the manual pages, the completions for bash, zsh and fish,
# and the systemd user unit of the sync service. It needs dpkg-deb and gzip only.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/target/release/dagkas}
out=${2:-$here/target/debian}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$here/Cargo.toml" | head -1)
arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

chmod 0755 "$root"
install -D -m 0755 "$bin" "$root/usr/bin/dagkas"
# A packaged binary carries no symbols (Debian policy); the release profile strips already.
if command -v strip >/dev/null 2>&1; then strip --strip-unneeded "$root/usr/bin/dagkas"; fi
mkdir -p "$root/usr/share/man/man1"
"$bin" man --out "$root/usr/share/man/man1"
gzip -9n "$root"/usr/share/man/man1/*.1
install -d "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions" \
  "$root/usr/share/fish/vendor_completions.d"
"$bin" completions bash > "$root/usr/share/bash-completion/completions/dagkas"
"$bin" completions zsh > "$root/usr/share/zsh/vendor-completions/_dagkas"
"$bin" completions fish > "$root/usr/share/fish/vendor_completions.d/dagkas.fish"
install -d "$root/usr/lib/systemd/user"
for unit in dagkas-sync.service dagkas-sync@.service; do
  sed 's|%h/.cargo/bin/dagkas|/usr/bin/dagkas|' "$here/dist/$unit" > "$root/usr/lib/systemd/user/$unit"
done
install -D -m 0644 "$here/README.md" "$root/usr/share/doc/dagkas/README.md"
install -D -m 0644 "$here/docs/DECISIONS.md" "$root/usr/share/doc/dagkas/DECISIONS.md"
install -D -m 0644 "$here/docs/RULES.md" "$root/usr/share/doc/dagkas/RULES.md"

size=$(du -sk "$root" | cut -f1)
mkdir -p "$root/DEBIAN"
cat > "$root/DEBIAN/control" <<CONTROL
Package: dagkas
Version: $version
Section: misc
Priority: optional
Architecture: $arch
Installed-Size: $size
Maintainer: dagkas developers <dagkas@localhost>
Depends: libc6
Description: day-receipt book and cash book from point-of-sale data
 dagkas turns MplusKASSA, Lightspeed or JSONL sales into a legally sound
 day-receipt book and cash book, reviewed in the terminal, with every rule
 enforced and every change in a hash-chained audit log.
CONTROL
mkdir -p "$out"
deb="$out/dagkas_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$root" "$deb" >/dev/null
echo "$deb"

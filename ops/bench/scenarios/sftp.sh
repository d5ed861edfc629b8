# Scenario sftp SIZE_MB: one file of SIZE_MB (seeded random bytes) uploaded and downloaded with the
# OpenSSH sftp client through LEKA's embedded SFTP server (demo insurer's login: upload into its
# inbox under a .part name that intake never takes; download from its outbox), and the same through
# OpenSSH's own sshd + sftp-server started by this script on another loopback port with its own
# config and host key (Debian openssh-server; installed with apt-get if missing), stopped after.
# Target: none stated in the issues (issue 3); the ratio to OpenSSH is the result.

REF_SSHD_PID=
start_reference_sshd() { # sets REF_SSHD_PORT, REF_DIR
  if [[ ! -x /usr/sbin/sshd ]]; then
    log "installing Debian openssh-server for the reference sshd"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-server) >/dev/null \
      || die "openssh-server is missing and could not be installed"
  fi
  REF_DIR=$WORK/ref-sshd; rm -rf "$REF_DIR"; mkdir -p "$REF_DIR/files" /run/sshd
  ssh-keygen -q -t ed25519 -N '' -f "$REF_DIR/host_key"
  ssh-keygen -y -f "$(demo_key "$DEMO_INSURER")" > "$REF_DIR/authorized_keys"
  REF_SSHD_PORT=$(free_port)
  cat > "$REF_DIR/sshd_config" <<CONF
Port $REF_SSHD_PORT
ListenAddress 127.0.0.1
HostKey $REF_DIR/host_key
PidFile $REF_DIR/sshd.pid
AuthorizedKeysFile $REF_DIR/authorized_keys
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
AllowUsers $(id -un)
PermitRootLogin prohibit-password
Subsystem sftp /usr/lib/openssh/sftp-server
CONF
  /usr/sbin/sshd -D -f "$REF_DIR/sshd_config" -E "$REF_DIR/sshd.log" &
  REF_SSHD_PID=$!
  local deadline=$((SECONDS + 20))
  until (exec 3<>"/dev/tcp/127.0.0.1/$REF_SSHD_PORT") 2>/dev/null; do
    (( SECONDS < deadline )) || die "reference sshd did not start ($REF_DIR/sshd.log)"; sleep 0.2
  done
}

stop_reference_sshd() {
  [[ -n "${REF_SSHD_PID:-}" ]] || return 0
  kill -TERM "$REF_SSHD_PID" 2>/dev/null || true; wait "$REF_SSHD_PID" 2>/dev/null || true; REF_SSHD_PID=
}

timed_sftp() { # USER PORT BATCH → seconds
  local t0 t1; t0=$(date +%s.%N)
  sftp -b "$3" "${SFTP_OPTS[@]}" -i "$(demo_key "$DEMO_INSURER")" -P "$2" "$1@127.0.0.1" >/dev/null || die "sftp failed ($3)"
  t1=$(date +%s.%N); echo "$t1 - $t0" | bc
}

scenario_sftp() {
  local mb=$1 file=$WORK/data/sftp-$1.bin
  mkdir -p "$WORK/data"
  [[ -f "$file" ]] || python3 -c "import random,sys; r=random.Random(42); f=open(sys.argv[1],'wb'); [f.write(r.randbytes(1<<20)) for _ in range($mb)]" "$file"
  fresh_app sftp
  local load; load=$(load_avg)
  local outbox=$APP_DIR/data/sftp/$DEMO_INSURER/outbox
  # warm-up (connection, JIT) with a small file, not measured
  printf 'put %s inbox/warmup.part\nrm inbox/warmup.part\n' "$REPO/README.md" > "$WORK/warm.batch"
  timed_sftp "$DEMO_INSURER" "$APP_SFTP" "$WORK/warm.batch" >/dev/null
  gc_mark
  printf 'put %s inbox/bench.bin.part\n' "$file" > "$WORK/put.batch"
  local up; up=$(timed_sftp "$DEMO_INSURER" "$APP_SFTP" "$WORK/put.batch")
  cmp -s "$file" "$APP_DIR/data/sftp/$DEMO_INSURER/inbox/bench.bin.part" || die "upload through LEKA is not byte-identical"
  rm -f "$APP_DIR/data/sftp/$DEMO_INSURER/inbox/bench.bin.part"
  mkdir -p "$outbox"; cp "$file" "$outbox/bench.bin"
  rm -f "$WORK/got.bin"; printf 'get outbox/bench.bin %s\n' "$WORK/got.bin" > "$WORK/get.batch"
  local down; down=$(timed_sftp "$DEMO_INSURER" "$APP_SFTP" "$WORK/get.batch")
  cmp -s "$file" "$WORK/got.bin" || die "download through LEKA is not byte-identical"
  rm -f "$outbox/bench.bin" "$WORK/got.bin"
  local rss heap; rss=$(app_rss_mb); heap=$(gc_peak_after_mb)
  app_stop

  start_reference_sshd
  local me; me=$(id -un)
  printf 'put %s %s/files/warmup\n' "$REPO/README.md" "$REF_DIR" > "$WORK/ref-warm.batch"
  timed_sftp "$me" "$REF_SSHD_PORT" "$WORK/ref-warm.batch" >/dev/null
  printf 'put %s %s/files/bench.bin\n' "$file" "$REF_DIR" > "$WORK/ref-put.batch"
  local rup; rup=$(timed_sftp "$me" "$REF_SSHD_PORT" "$WORK/ref-put.batch")
  printf 'get %s/files/bench.bin %s\n' "$REF_DIR" "$WORK/got.bin" > "$WORK/ref-get.batch"
  local rdown; rdown=$(timed_sftp "$me" "$REF_SSHD_PORT" "$WORK/ref-get.batch")
  cmp -s "$file" "$WORK/got.bin" || die "reference download is not byte-identical"
  rm -f "$WORK/got.bin" "$REF_DIR/files/bench.bin"
  stop_reference_sshd

  local rate
  rate() { echo "scale=1; $mb / $1" | bc | sed 's/^\./0./'; }
  row "sftp upload" "$mb MB" "$(rate "$up") MB/s ($(printf %.1f "$up") s)" "$rss MB" "$heap MB" \
      "$(rate "$rup") MB/s (OpenSSH sshd, $(printf %.1f "$rup") s)" "$(ratio "$up" "$rup")" "none stated (issue 3)" "–" "load $load; byte-identical"
  row "sftp download" "$mb MB" "$(rate "$down") MB/s ($(printf %.1f "$down") s)" "$rss MB" "$heap MB" \
      "$(rate "$rdown") MB/s (OpenSSH sshd, $(printf %.1f "$rdown") s)" "$(ratio "$down" "$rdown")" "none stated (issue 3)" "–" "load $load; byte-identical"
}

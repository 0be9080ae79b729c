#!/usr/bin/env bash
# The deployment kit on real parts: Debian's nginx with deploy/nginx/cabinet.conf and a self-signed
# certificate, in front of two app processes (the production build, `node server.js`) on one fresh
# PostgreSQL database made by deploy/roles.sql. Checked over https with curl:
#   - two `db:migrate` runs and the two app processes started at the same moment all come up;
#     the app processes run as the runtime role and load no demo data;
#   - `admin:create` makes the first administrator, who signs in through nginx, is held at the
#     enrolment of a second factor (decision 065) until a code from the key the page shows turns
#     it on, then opens /admin and signs out;
#   - in Chromium (Playwright, tests/deploy/nginx-browser.spec.ts), as people on the first day: the
#     administrator sets up an office, an inspector and the registry (a multipart upload), an
#     applicant applies online, the inspector grants access, prints the decision PDF and signs out;
#     the page carries HSTS and the session cookie is Secure;
#   - HSTS, http→https, the body limit, /metrics kept off the site;
#   - the sign-in limit per address holds across both processes, and a forged X-Forwarded-For
#     changes nothing: the app counts the address nginx saw;
#   - each process reports its own metrics, told apart by app_instance;
#   - a backup (pg_dump) restored into a new database passes `npm run journal:verify`.
# Needs `npm run build` first and a PostgreSQL server (PGHOST, default 127.0.0.1; user postgres);
# installs Debian's nginx, Chromium and poppler-utils when they are missing.
# Called by .ci/run after the build.
set -euo pipefail
cd "$(dirname "$0")/../.."

PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
export PGHOST PGPORT
NAME=cabinet.sti.example

fail() { printf 'nginx smoke: FAIL: %s\n' "$*" >&2; exit 1; }
ok() { printf 'nginx smoke: ok: %s\n' "$*"; }

[ -f build/server/index.js ] || fail "no production build: run npm run build first"

if ! command -v nginx >/dev/null; then
  # Installed, not started: the test runs its own nginx with its own configuration.
  policy_made=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && policy_made=1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  if [ -n "$policy_made" ]; then rm -f /usr/sbin/policy-rc.d; fi
fi
missing=()
command -v openssl >/dev/null || missing+=(openssl)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
NGINX="$(command -v nginx)"

# Free ports for the two app processes and nginx.
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
P1=$(free_port); P2=$(free_port); HTTPS=$(free_port); HTTP=$(free_port)
while [ "$P2" = "$P1" ]; do P2=$(free_port); done

TMP="$(mktemp -d)"
SUFFIX="$$_$(date +%s)"
DB="smoke_${SUFFIX}"
RESTORED="${DB}_restored"
OWNER="cabinet_owner_smoke_${SUFFIX}"
APP="cabinet_app_smoke_${SUFFIX}"
PIDS=()
MIGRATES=()

cleanup() {
  status=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -f "$TMP/nginx.pid" ] && kill "$(cat "$TMP/nginx.pid")" 2>/dev/null || true
  if [ "$status" -ne 0 ]; then
    for f in "$TMP"/app-*.log "$TMP"/migrate-*.log "$TMP"/error.log; do
      [ -f "$f" ] && { echo "--- $f (last lines)"; tail -n 30 "$f"; }
    done
  fi
  for db in "$DB" "$RESTORED"; do dropdb -U postgres --if-exists --force "$db" 2>/dev/null || echo "could not drop database $db: drop it by hand"; done
  psql -X -q -U postgres -d postgres -c "drop role if exists $APP" -c "drop role if exists $OWNER" >/dev/null 2>&1 || echo "could not drop roles $APP, $OWNER"
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT

# --- certificate, database, roles ---------------------------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$NAME" -addext "subjectAltName=DNS:$NAME" \
  -keyout "$TMP/privkey.pem" -out "$TMP/fullchain.pem" 2>/dev/null
psql -X -q -v ON_ERROR_STOP=1 -U postgres -d postgres -v db="$DB" -v owner="$OWNER" -v app="$APP" -f deploy/roles.sql >/dev/null
url_as() { echo "postgres://$1@$PGHOST:$PGPORT/$2"; }
OWNER_URL="$(url_as "$OWNER" "$DB")"
APP_URL="$(url_as "$APP" "$DB")"
ok "database $DB with roles $OWNER (migrations) and $APP (runtime)"

# --- nginx: the kit's site, with this run's ports and certificate ---------------------------------
sed -e "s|listen 80;|listen 127.0.0.1:$HTTP;|" \
    -e "s|listen 443 ssl http2;|listen 127.0.0.1:$HTTPS ssl http2;|" \
    -e '/listen \[::\]/d' \
    -e "s|server 127.0.0.1:3001 |server 127.0.0.1:$P1 |" \
    -e "s|server 127.0.0.1:3002 |server 127.0.0.1:$P2 |" \
    -e "s|/etc/ssl/cabinet/|$TMP/|g" \
    deploy/nginx/cabinet.conf > "$TMP/site.conf"
grep -q "127.0.0.1:$P1" "$TMP/site.conf" && grep -q "127.0.0.1:$P2" "$TMP/site.conf" && grep -q "$TMP/fullchain.pem" "$TMP/site.conf" \
  || fail "the site's ports or certificate paths were not where the test expected them"
mkdir -p "$TMP"/{body,proxy,fastcgi,uwsgi,scgi}
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"
cat > "$TMP/nginx.conf" <<EOF
$user_line
worker_processes 1;
pid $TMP/nginx.pid;
error_log $TMP/error.log warn;
events { worker_connections 512; }
http {
  include /etc/nginx/mime.types;
  access_log $TMP/access.log;
  client_body_temp_path $TMP/body;
  proxy_temp_path $TMP/proxy;
  fastcgi_temp_path $TMP/fastcgi;
  uwsgi_temp_path $TMP/uwsgi;
  scgi_temp_path $TMP/scgi;
  include $TMP/site.conf;
}
EOF
"$NGINX" -t -q -p "$TMP" -c "$TMP/nginx.conf" || fail "nginx -t refused the site"
"$NGINX" -p "$TMP" -c "$TMP/nginx.conf"
ok "nginx $("$NGINX" -v 2>&1 | sed 's/.*nginx\///') on https $HTTPS → 127.0.0.1:$P1, 127.0.0.1:$P2"

# --- release step and app processes, all started at the same moment ------------------------------
COOKIE_SECRETS="smoke-$(openssl rand -hex 24)"
METRICS_TOKEN="smoke-$(openssl rand -hex 16)"
app_env=(NODE_ENV=production TRUST_PROXY=1 PUBLIC_BASE_URL="https://$NAME:$HTTPS" DATABASE_URL="$APP_URL" DATABASE_POOL_MAX=5
         COOKIE_SECRETS="$COOKIE_SECRETS" METRICS_TOKEN="$METRICS_TOKEN" LOG_LEVEL=info SCHEMA_WAIT_SECONDS=180 DEMO_DATA= SWEEP_INTERVAL_MS=5000)
for i in 1 2; do
  env DATABASE_URL="$OWNER_URL" npm run -s db:migrate > "$TMP/migrate-$i.log" 2>&1 &
  MIGRATES+=($!)
done
for port in "$P1" "$P2"; do
  env "${app_env[@]}" PORT="$port" APP_INSTANCE="smoke:$port" node server.js > "$TMP/app-$port.log" 2>&1 &
  PIDS+=($!)
done
for i in 0 1; do wait "${MIGRATES[$i]}" || fail "db:migrate run $((i + 1)) failed: $(cat "$TMP/migrate-$((i + 1)).log")"; done
ok "two db:migrate runs at once: $(tail -n1 "$TMP/migrate-1.log") / $(tail -n1 "$TMP/migrate-2.log")"
for port in "$P1" "$P2"; do
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break
    kill -0 "${PIDS[0]}" 2>/dev/null && kill -0 "${PIDS[1]}" 2>/dev/null || fail "an app process exited at start"
    sleep 0.5
  done
  curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" || fail "app process on $port did not come up"
done
ok "both app processes started with the migrations and serve as $APP"
[ "$(psql -X -tA -U postgres -d "$DB" -c 'select count(*) from staff_users')" = 0 ] || fail "demo data was loaded onto the server"
ok "no demo data on the server database"

# --- over https ------------------------------------------------------------------------------------
BASE="https://$NAME:$HTTPS"
C=(curl -sS --resolve "$NAME:$HTTPS:127.0.0.1" --cacert "$TMP/fullchain.pem" --max-time 30)

headers="$("${C[@]}" -o "$TMP/login.html" -D - "$BASE/login")"
grep -q '^HTTP/[0-9.]* 200' <<<"$headers" || fail "GET /login: $(head -n1 <<<"$headers")"
grep -qi '^strict-transport-security: max-age=[0-9]\{8,\}' <<<"$headers" || fail "no HSTS on /login"
[ "$(grep -ci '^strict-transport-security:' <<<"$headers")" = 1 ] || fail "HSTS sent more than once"
grep -q 'name="username"' "$TMP/login.html" || fail "the sign-in page has no username field"
ok "sign-in page over https (certificate verified), HSTS once"

code="$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' --resolve "$NAME:$HTTP:127.0.0.1" "http://$NAME:$HTTP/login")"
[[ "$code" == "301 https://$NAME/login" ]] || fail "http is not redirected to https: $code"
ok "http → https"

[ "$("${C[@]}" -o /dev/null -w '%{http_code}' "$BASE/metrics")" = 404 ] || fail "/metrics is reachable through the site"
head -c 1048576 /dev/zero > "$TMP/big"
[ "$("${C[@]}" -o /dev/null -w '%{http_code}' -H "Origin: $BASE" --data-binary "@$TMP/big" "$BASE/login")" = 413 ] || fail "a 1 MB form post was not refused"
ok "/metrics kept off the site; a 1 MB form refused with 413"

# The first administrator, then sign in and out through nginx as a browser would (Origin sent).
ADMIN_PASSWORD="Smoke-Test-$(openssl rand -hex 6)!"
env DATABASE_URL="$APP_URL" ADMIN_PASSWORD="$ADMIN_PASSWORD" npm run -s admin:create -- --username smoke.admin --full-name "Smoke Administrator" >/dev/null \
  || fail "admin:create failed"
JAR="$TMP/jar"
csrf_of() { grep -o 'name="csrf" value="[^"]*"' "$1" | head -n1 | sed 's/.*value="//; s/"$//'; }
"${C[@]}" -c "$JAR" -b "$JAR" -o "$TMP/login.html" "$BASE/login"
token="$(csrf_of "$TMP/login.html")"
[ "${#token}" -ge 32 ] || fail "no CSRF token on the sign-in page"
signin="$("${C[@]}" -c "$JAR" -b "$JAR" -o /dev/null -w '%{http_code} %{redirect_url}' -H "Origin: $BASE" \
  --data-urlencode "csrf=$token" --data-urlencode "username=smoke.admin" --data-urlencode "password=$ADMIN_PASSWORD" "$BASE/login")"
[[ "$signin" == "302 $BASE/account/two-factor?redirectTo=%2Fadmin" ]] || fail "the administrator was not sent to enrol a second factor: $signin"
held="$("${C[@]}" -c "$JAR" -b "$JAR" -o /dev/null -w '%{http_code} %{redirect_url}' "$BASE/admin")"
[[ "$held" == "302 $BASE/account/two-factor?redirectTo=%2Fadmin" ]] || fail "the password alone opened /admin: $held"
# Enrolment as an authenticator app would do it: the key the page shows, the code it gives now.
[ "$("${C[@]}" -c "$JAR" -b "$JAR" -o "$TMP/enrol.html" -w '%{http_code}' "$BASE/account/two-factor")" = 200 ] || fail "no enrolment page"
ADMIN_TOTP_KEY="$(grep -o 'name="key" value="[A-Z2-7]*"' "$TMP/enrol.html" | head -n1 | sed 's/.*value="//; s/"$//')"
[ "${#ADMIN_TOTP_KEY}" = 32 ] || fail "no TOTP key on the enrolment page"
totp_now() { node --input-type=module -e 'import { generateTOTP } from "@oslojs/otp"; import { decodeBase32IgnorePadding } from "@oslojs/encoding"; console.log(generateTOTP(decodeBase32IgnorePadding(process.argv[1]), 30, 6))' "$1"; }
token="$(csrf_of "$TMP/enrol.html")"
enrolled="$("${C[@]}" -c "$JAR" -b "$JAR" -o "$TMP/codes.html" -w '%{http_code}' -H "Origin: $BASE" --data-urlencode "csrf=$token" \
  --data-urlencode "key=$ADMIN_TOTP_KEY" --data-urlencode "code=$(totp_now "$ADMIN_TOTP_KEY")" --data-urlencode "redirectTo=/admin" "$BASE/account/two-factor")"
[ "$enrolled" = 200 ] && grep -q 'data-testid="recovery-codes"' "$TMP/codes.html" || fail "the second factor was not turned on: $enrolled"
[ "$("${C[@]}" -c "$JAR" -b "$JAR" -o "$TMP/admin.html" -w '%{http_code}' "$BASE/admin")" = 200 ] || fail "the enrolled administrator does not get /admin"
token="$(csrf_of "$TMP/admin.html")"
"${C[@]}" -c "$JAR" -b "$JAR" -o /dev/null -H "Origin: $BASE" --data-urlencode "csrf=$token" "$BASE/logout"
[ "$("${C[@]}" -c "$JAR" -b "$JAR" -o /dev/null -w '%{http_code}' "$BASE/admin")" = 302 ] || fail "still signed in after signing out"
ok "admin:create's administrator signs in, enrols a second factor and signs out through nginx"

# --- in a browser (tests/deploy/nginx-browser.spec.ts, playwright.nginx.config.ts) -----------------
# Before the sign-in limit below is exhausted from this address: the browser signs in from it too.
# Its failure screenshots stay in test-results/nginx/ (this run's $TMP is removed on exit).
browser_started=$SECONDS
if ! NGINX_E2E_BASE_URL="$BASE" NGINX_E2E_CERT="$TMP/fullchain.pem" NGINX_E2E_ADMIN_USER=smoke.admin NGINX_E2E_ADMIN_PASSWORD="$ADMIN_PASSWORD" NGINX_E2E_ADMIN_TOTP_KEY="$ADMIN_TOTP_KEY" \
     npx --no-install playwright test -c playwright.nginx.config.ts > "$TMP/browser.log" 2>&1; then
  echo "--- Playwright (last lines; screenshots in test-results/nginx/)" >&2
  tail -n 60 "$TMP/browser.log" >&2
  fail "the browser stage failed: Chromium over https through nginx (see Playwright's report above)"
fi
ok "in Chromium over https: administrator sets up office, inspector, registry (multipart upload); applicant applies; inspector grants, prints the decision PDF, signs out; HSTS and a Secure session cookie ($((SECONDS - browser_started)) s)"

# The per-address sign-in limit, across both processes, with a forged X-Forwarded-For each time.
LIMIT="$(node --import tsx -e 'import("./app/utils/rate-limit.server.ts").then((m) => console.log(m.LIMITS.signIn.limit))')"
[ "$LIMIT" -gt 0 ] || fail "could not read the sign-in limit"
"${C[@]}" -c "$TMP/jar2" -b "$TMP/jar2" -o "$TMP/login2.html" "$BASE/login"
token="$(csrf_of "$TMP/login2.html")"
codes=""
for i in $(seq 1 $((LIMIT + 3))); do
  c="$("${C[@]}" -c "$TMP/jar2" -b "$TMP/jar2" -o /dev/null -w '%{http_code}' -H "Origin: $BASE" -H "X-Forwarded-For: 10.$((i % 250)).$((i % 7)).$i" \
    --data-urlencode "csrf=$token" --data-urlencode "username=nobody.$i" --data-urlencode "password=Wrong-Password-$i" "$BASE/login")"
  codes+="$c "
done
refused="$(tr ' ' '\n' <<<"$codes" | grep -c '^429$' || true)"
allowed="$(tr ' ' '\n' <<<"$codes" | grep -c '^401$' || true)"
[ "$allowed" -le "$LIMIT" ] && [ "$refused" -ge 3 ] || fail "limit $LIMIT not held across the processes: $codes"
for port in "$P1" "$P2"; do
  n="$(grep -c '"method":"POST","path":"/login"' "$TMP/app-$port.log" || true)"
  [ "$n" -gt 0 ] || fail "process $port served no sign-in: nginx did not spread the requests"
done
buckets="$(psql -X -tA -U postgres -d "$DB" -c "select string_agg(bucket, ',') from rate_limits where bucket like 'signin:ip:%'")"
[ "$buckets" = "signin:ip:127.0.0.1" ] || fail "the app counted sign-ins under $buckets, not only the address nginx saw"
ok "sign-in limit $LIMIT held across both processes ($allowed allowed, $refused refused); forged X-Forwarded-For ignored"

# Each process reports its own metrics, told apart by app_instance.
for port in "$P1" "$P2"; do
  m="$(curl -fsS -H "Authorization: Bearer $METRICS_TOKEN" "http://127.0.0.1:$port/metrics")" || fail "no metrics from $port"
  grep -q "app_instance=\"smoke:$port\"" <<<"$m" || fail "metrics of $port do not name their instance"
  grep -q 'route="routes/login"' <<<"$m" || fail "metrics of $port have no routes/login label"
  grep -q '^nodejs_eventloop_delay_seconds' <<<"$m" || fail "metrics of $port have no process metrics"
done
ok "metrics of both processes, labelled smoke:$P1 and smoke:$P2"

# --- backup and restore (deploy/backup-restore.md) ---------------------------------------------------
pg_dump -U postgres --format=custom --file="$TMP/backup.dump" "$DB"
pg_restore --list "$TMP/backup.dump" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -U postgres -d postgres -v db="$RESTORED" -v owner="$OWNER" -v app="$APP" -f deploy/roles.sql >/dev/null
pg_restore -U postgres --exit-on-error --single-transaction --no-owner --no-acl --role="$OWNER" --dbname="$RESTORED" "$TMP/backup.dump"
psql -X -q -v ON_ERROR_STOP=1 -U postgres -d postgres -v db="$RESTORED" -v owner="$OWNER" -v app="$APP" -f deploy/roles.sql >/dev/null
verify="$(DATABASE_URL="$(url_as "$OWNER" "$RESTORED")" npm run -s journal:verify)" || fail "journal:verify on the restored copy: $verify"
grep -q '^OK: ' <<<"$verify" || fail "journal:verify: $verify"
ok "backup restored into $RESTORED: $verify"

echo "nginx smoke: all checks passed"

#!/usr/bin/env bash
# Smoke test of a running stack: sign up on the web app, get a JWT, store and read a task through
# the API worker; with MAILBOX_URL, also that the sign-up's verification mail reached the dev mailbox.
# Usage: scripts/smoke.sh WEB_URL API_URL [MAILBOX_URL]
set -euo pipefail
web=$1 api=$2 mailbox=${3:-}
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
email="smoke-$(date +%s%N)@example.test"
curl -fsS -c "$jar" -H 'Content-Type: application/json' -H "Origin: $web" \
  -d "{\"name\":\"Smoke\",\"email\":\"$email\",\"password\":\"correct horse battery\"}" "$web/api/auth/sign-up/email" >/dev/null
user=$(curl -fsS -b "$jar" "$web/api/auth/get-session" | node -e 'process.stdin.on("data",d=>console.log(JSON.parse(d).user.id))')
token=$(curl -fsS -b "$jar" "$web/api/auth/token" | node -e 'process.stdin.on("data",d=>console.log(JSON.parse(d).token))')
curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"title":"smoke"}' "$api/api/$user/tasks" >/dev/null
curl -fsS -H "Authorization: Bearer $token" "$api/api/$user/tasks" | grep -q '"title":"smoke"'
curl -fsS -o /dev/null -b "$jar" "$web/dashboard"
if [ -n "$mailbox" ]; then
  curl -fsS "$mailbox/api/messages?to=$email" | grep -q '/api/auth/verify-email?token='
  echo "smoke: the verification mail is in the dev mailbox ($mailbox)"
fi
echo "smoke: signed up $email, stored and read a task through the API worker"

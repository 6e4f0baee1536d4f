#!/bin/sh
# The MTA pipe over HTTP: reads one message on stdin and POSTs it to the help desk's /api/mail, so that an
# MTA delivering in bulk pays for a shell and curl per message instead of a Node process. Needs curl.
#
#   mail-pipe.sh [URL [TOKEN]]
#
# URL: the help desk's base URL (else $HELPDECK_URL), e.g. https://desk.example.com.
# TOKEN: an API key holding the permission "Deliver inbound email (MTA pipe)" (else $HELPDECK_PIPE_TOKEN,
# else the first line of the file $HELPDECK_PIPE_TOKEN_FILE). Prefer the file: arguments and the
# environment show in `ps`; the token never reaches curl's command line either way.
# Optional: $HELPDECK_PIPE_TIMEOUT, seconds for the whole request (default 120).
#
# Exit 0 when the help desk answered 2xx: stored, already stored, deliberately ignored or kept in its
# dead-letter list. Exit 75 (EX_TEMPFAIL) on anything else (help desk down, 5xx, wrong URL or token, curl
# missing): the MTA keeps the message and retries. One line on stderr says what happened.
# Example, Postfix /etc/aliases (then `newaliases`):
#   support: "|/usr/bin/env HELPDECK_URL=https://desk.example.com HELPDECK_PIPE_TOKEN_FILE=/etc/helpdeck/pipe-token /srv/helpdeck/scripts/mail-pipe.sh"

EX_OK=0
EX_TEMPFAIL=75

fail() {
  echo "mail-pipe.sh: $1; the MTA will retry" >&2
  exit "$EX_TEMPFAIL"
}

url=${1:-${HELPDECK_URL:-}}
token=${2:-${HELPDECK_PIPE_TOKEN:-}}
if [ -z "$token" ] && [ -n "${HELPDECK_PIPE_TOKEN_FILE:-}" ]; then
  [ -r "$HELPDECK_PIPE_TOKEN_FILE" ] || fail "cannot read the token file $HELPDECK_PIPE_TOKEN_FILE"
  IFS= read -r token <"$HELPDECK_PIPE_TOKEN_FILE" || [ -n "$token" ] || fail "the token file $HELPDECK_PIPE_TOKEN_FILE is empty"
fi

command -v curl >/dev/null 2>&1 || fail "curl is not installed (e.g. apt-get install curl)"
[ -n "$url" ] || fail "no help desk URL (set HELPDECK_URL or pass it as the first argument)"
[ -n "$token" ] || fail "no API token (set HELPDECK_PIPE_TOKEN or HELPDECK_PIPE_TOKEN_FILE, or pass it as the second argument)"
# The token goes into curl's config below: only characters a token has, so it cannot break out of it.
case $token in
  *[!A-Za-z0-9_.~+/=-]*) fail "the API token holds characters no token has" ;;
esac
url=${url%/}

# The Token header reaches curl as a config file on fd 3, not as an argument other users could read.
response=$(
  curl --silent --config /dev/fd/3 \
    --connect-timeout 10 --max-time "${HELPDECK_PIPE_TIMEOUT:-120}" \
    --header "Content-Type: message/rfc822" --data-binary @- \
    --write-out '\n%{http_code} %{errormsg}' "$url/api/mail" 3<<EOF
header = "Token: $token"
EOF
)
curl_status=$?
status_line=${response##*
}
body=${response%"$status_line"}
code=${status_line%% *}
# The answer's "message" field, by parameter expansion (no sed: one process less per message); an
# escaped quote ends it early, which a log line can afford.
reason=${body#*\"message\":\"}
[ "$reason" = "$body" ] && reason=
reason=${reason%%\"*}
reason=${reason%\\}

if [ "$curl_status" -ne 0 ] || [ "$code" = "000" ]; then
  fail "cannot reach $url (curl exit $curl_status: ${status_line#* })"
fi
case $code in
  2??)
    echo "mail-pipe.sh: ${reason:-delivered (HTTP $code)}" >&2
    exit "$EX_OK"
    ;;
  *) fail "the help desk answered HTTP $code${reason:+: $reason}" ;;
esac

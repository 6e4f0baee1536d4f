# The test environment (sourced by scripts/test.sh; source it yourself to run one test file by hand:
#   source scripts/test-env.sh && npx vitest run tests/integration/some.test.ts).
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NODE_ENV=test
export HELPDECK_TEST=1
export DATABASE_URL="mysql://helpdeck:helpdeck@127.0.0.1:${HELPDECK_DB_PORT:-3391}/${HELPDECK_TEST_DB:-helpdeck_test}"
export APP_URL="http://127.0.0.1:${HELPDECK_TEST_PORT:-3100}"
export NEXTAUTH_URL="$APP_URL"
export NEXTAUTH_SECRET="test-secret-not-for-production-0123456789"
export HELPDECK_SECRET_KEY="test-key-not-for-production-0123456789"
export ATTACHMENTS_DIR="$_root/.data/attachments-${HELPDECK_TEST_DB:-helpdeck_test}"
export NEXT_TELEMETRY_DISABLED=1
# The e2e app server sends no mail by itself: each test that expects mail pumps its own address's
# outbox (tests/support/mail.ts startMailPump), so tests sharing the database never race a worker.
export MAIL_WORKER=off

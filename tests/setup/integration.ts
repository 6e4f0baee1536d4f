// Integration tests run against the test database that scripts/test.sh migrated from scratch.
export default function setup() {
  if (!process.env.HELPDECK_TEST) {
    throw new Error("Run the tests through `npm test` (scripts/test.sh), which prepares the test database.");
  }
}

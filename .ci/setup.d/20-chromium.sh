# Sourced by .ci/run (as root, on a fresh Debian machine) before `make test`:
# Debian's Chromium for the browser tests (tests/test_browser.py drive it
# through Playwright's Python package; Playwright's own browser download is
# never used). With CI_REQUIRE_BROWSER=1 a missing browser fails the tests
# instead of skipping them.
if ! command -v chromium >/dev/null 2>&1; then
    echo "installing chromium from Debian's packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq chromium >/dev/null 2>&1 || {
        apt-get update -qq >/dev/null
        apt-get install -y -qq chromium >/dev/null
    }
fi
export MARSAD_CHROMIUM="${MARSAD_CHROMIUM:-/usr/bin/chromium}"
export CI_REQUIRE_BROWSER=1

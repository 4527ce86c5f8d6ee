#!/usr/bin/env bash
# Regenerates docs/screenshots/: the voter's pages at 360 px wide (a 360 × 800 phone screen,
# each page captured whole), in Russian and Kazakh, taken by the headless-Chromium test
# crates/cli/tests/it/voter_browser.rs; and the secretary's console, the projector screen and the
# organizer's dashboard at 360 and 1280 px, in both languages, taken by
# crates/cli/tests/it/hall_browser.rs in the middle of a conference. Needs chromium and
# chromedriver (Debian: chromium, chromium-driver). Look at every file before committing: a page
# that reads badly is a bug.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$PWD/docs/screenshots"
find "$out" -name "*.png" -delete 2>/dev/null || true
mkdir -p "$out"
MANDAT_SCREENSHOTS="$out" cargo test -p mandat --test it \
  voter_browser::members_sign_in_vote_get_receipts_and_find_them_on_the_board_in_russian_kazakh_and_without_javascript \
  -- --exact
MANDAT_SCREENSHOTS="$out" cargo test -p mandat --test it \
  hall_browser::a_secretary_runs_a_conference_in_the_browser_while_the_projector_and_the_dashboard_follow_live \
  -- --exact
ls -1 "$out"

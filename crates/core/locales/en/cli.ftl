cli-refused-in-file = { $file }: line { $line }: { $command } refused: { $code }: { $refusal }; nothing was applied
cli-internal-error = error: { $detail }
cli-unreadable-in-file = { $file }: line { $line }: { $code }: { $error }; nothing was applied

# Import files: what is wrong with a field, a row or the header.
import-field = field { $field }: { $problem }
import-field-count = the row has { $found } fields, the header has { $header } ({ $columns })
import-cycle = the parent chain of this unit loops back to itself (a cycle in the unit tree): fix the parent column
problem-field-empty = empty
problem-not-a-date = "{ $text }" is not a date YYYY-MM-DD
problem-not-a-unit-kind = "{ $text }" is not a unit kind (central, region, district, city, primary)
problem-same-iin-in-file = the same IIN is on line { $first }: one IIN, one member
problem-same-phone-in-file = the same phone is on line { $first }: one member, one mobile number
problem-unknown-column = unknown column "{ $column }" in the header; the columns are: { $expected }
problem-missing-column = the header has no column "{ $column }"; the columns are: { $expected }
problem-column-twice = the header names column "{ $column }" twice
problem-iin-length = an IIN has exactly 12 digits, this one has { $length } characters
problem-iin-not-digit = an IIN has digits only, found '{ $found }'
problem-iin-century-digit = the 7th digit of an IIN (century and sex) must be 1 to 6, found { $found } (the number is mistyped)
problem-iin-birth-date = the first six digits of an IIN are the birth date YYMMDD, and { $date } is not a real date
problem-iin-check-digit = the check digit (12th) of this IIN does not match: expected { $expected }, found { $found } (the number is mistyped)
problem-iin-uncheckable = this number can never be an IIN: its check digit cannot be computed (remainder 10 on both passes)
problem-phone-character = a phone number may hold digits, spaces, '+', '-', '(' and ')' only, found '{ $found }'
problem-phone-digits = a phone number needs 10 digits after the country code +7 (e.g. +7 701 234 56 78 or 8 701 234 56 78), found { $digits } digits
problem-phone-country = only numbers of the +7 plan are accepted, this one starts with +{ $country }
cli-import-empty-file = { $file }: the file is empty; the first line must be the header { $header }
cli-import-header = { $file }: line 1: { $problem }
cli-import-no-rows = { $file }: the file has a header but no rows; nothing to import
cli-import-bad-rows = { $listing }
    { $file }: { $count } bad rows; nothing was imported. Fix them and import again, or use --skip-invalid to import the good rows.
cli-import-skipped = { $listing }
    { $file }: imported { $accepted } { $what }; { $count } bad rows skipped and written with their reasons to { $rejects }. Journal head { $head }
cli-import-done = { $file }: imported { $accepted } { $what }; journal head { $head }
cli-import-line = { $file }: line { $line }: { $reason }
cli-import-more = … and { $count } more bad rows (use --skip-invalid to get all of them in a reject file)
cli-import-csv = { $file }: line { $line }: the CSV cannot be read ({ $error }); nothing was applied

# Refusals of the command line's input (exit code 2).
cli-no-list-drafted = { $target } in { $campaign } has no list drafted yet: draft one first (draft_list, see docs/commands.md), then export it
cli-no-target-at-all = { $campaign } has no target { $target }, nor any other: set the target first (set_target)
cli-no-such-target = { $campaign } has no target { $target }; its targets are: { $targets }
cli-no-campaign-at-all = there is no campaign { $campaign }, nor any other: create one first (create_campaign)
cli-no-such-campaign = there is no campaign { $campaign }; the campaigns are: { $campaigns }
cli-no-lists-drafted = { $campaign } has no lists drafted yet: draft them first (draft_list, see docs/commands.md)
cli-cannot-read = { $file }: cannot read the file: { $error }
cli-not-utf8 = { $file }: line { $line }: the file is not UTF-8.{ $windows1251 ->
        [yes] { " " }It looks like Windows-1251 (how Excel saves Cyrillic CSV on Windows).
       *[no] { "" }
    } Nothing was applied. Convert it and import again: `iconv -f WINDOWS-1251 -t UTF-8 { $file } > converted.csv`, or in Excel use Save As → "CSV UTF-8".
cli-unknown-method = unknown counting method "{ $method }": the methods are plurality, approval, approval:K, borda, schulze, irv, stv
cli-ballot-file-line = { $file }: line { $line }: { $problem }
cli-receipt-not-json = { $file }: not JSON ({ $error }); give the receipt as saved from the voting page
cli-not-a-receipt = { $file }: not a receipt ({ $error }); it has poll, tracker, ballot_hash, opening, server_only, key_id and signature
cli-not-counted-yet = { $poll } is not counted yet
cli-conflicts-none = { $poll }: no member is marked twice
cli-conflict-line = station { $station }: { $name } (IIN { $iin }), already voted { $already } — { $state }
cli-conflict-unresolved = unresolved: the counting commission decides before the count (resolve_station_conflict)
cli-conflict-resolved = resolved: { $outcome } ({ $decision })
cli-conflict-outcome-mark_struck = the station's mark struck
cli-conflict-outcome-voted_twice = voted twice, referred to the control commission
cli-conflict-already-online = online
cli-conflict-already-station = at station { $station }
cli-no-cards-at-ppo = { $meeting } is a PPO meeting: members check in by IIN, there are no mandate cards
cli-no-mandates-yet = { $meeting } has no mandates yet: they are issued when registration opens (open_registration)
cli-no-commands = { $file }: no commands in the file (one JSON object per line; see docs/commands.md)
cli-cannot-listen = cannot listen on { $listen }: { $error }
cli-demo-needs-registry = this part is built onto the demo registry: run `mandat demo --part registry` with the same scale and seed first
cli-demo-needs-empty-database = the database { $db } already has { $entries } journal entries; the demo is built into an empty one (choose another with --db)
cli-bad-checkpoint-step = --checkpoint-step: { $error }
cli-bad-turnout = --turnout is per thousand: give 0 to 1000, not { $turnout }
cli-minutes-what = give MEETING and --out FILE, or --all and --out-dir DIR
cli-check-in-who = name the participant: --qr TEXT, --mandate N or --iin IIN
# The site secret and the signing key.
cli-key-missing = { $file }: there is no { $kind ->
        [secret] site secret
       *[signing] signing key
    } here. On the serving node, run `mandat init` once to make it; { $kind ->
        [secret] on a check-in desk, copy it from the serving node instead (then `chmod 600` it)
       *[signing] it belongs on the serving node only: run this command there, or copy the key from the node that made it (then `chmod 600` it)
    }. Another file can be named with { $option }.
cli-key-too-open = { $file }: the { $kind ->
        [secret] site secret
       *[signing] signing key
    } may be read or written by other users (mode { $mode }); make it owner-only with `chmod 600 { $file }` and, if others could have copied it, make a new one
cli-key-wrong-size = { $file }: the { $kind ->
        [secret] site secret
       *[signing] signing key
    } has { $bytes } bytes, it must have { $kind ->
        [secret] at least 32 bytes
       *[signing] exactly 32 bytes (an Ed25519 seed)
    }; restore it from a backup, or move it away and run `mandat init` to make a new one
cli-key-not-a-file = { $file }: name a file, not a folder
cli-key-made = made the { $kind ->
        [secret] site secret
       *[signing] signing key
    } { $file } (owner-only)
cli-key-kept = kept the { $kind ->
        [secret] site secret
       *[signing] signing key
    } { $file } (already there)
cli-key-made-for-demo = { $why }: made a new { $kind ->
        [secret] site secret
       *[signing] signing key
    } in { $file } (owner-only) because it was missing; for a real site make both files with `mandat init`
cli-key-advice = Keep both files apart from the database and back them up. Copy the site secret to the check-in desks; keep the signing key on the serving node only. Publish the public key before a vote (`mandat poll key` prints it again).
cli-upgrade-done = upgrade: { $missing } rows recorded by an older version lacked their typed data; { $filled } filled from the replay of the journal ({ $seconds } s)
cli-upgrade-rules = upgrade: commands from journal entry { $seq } on are decided under the rules of version { $version }; earlier entries keep the rules they were recorded under

# What the command line prints.
cli-applied = { $file }: applied { $total } commands; journal head { $head }
cli-journal-exported = { $file }: { $count } journal entries written (personal data: readable by its owner only)
cli-verify-ok = verify: OK — { $entries } journal entries, chain head { $head }, { $anchors } anchors matched, { $rows } rows in { $tables } tables equal to the replay{ $signed } ({ $seconds } s)
cli-verify-signed = , { $signatures } checkpoint signatures of { $polls } polls valid under the key
cli-verify-failed = verify: FAILED — { $problem }
cli-upgrade-failed = upgrade: FAILED — { $problem }
cli-demo-lists = demo lists: { $approved } of { $lists } lists approved with { $names } names ({ $displacements } moved up by the quotas on { $displaced } lists); { $left } left an approved list (planned: { $planned }); conferences, ratings and lists in { $seconds } s
cli-demo-rating-votes = demo rating votes: { $polls } polls, { $ballots } ballots cast, sealed and counted in { $seconds } s
cli-demo-stage = demo { $stage }: { $accepted } commands applied in { $seconds } s; journal head { $head }
cli-demo-stage-registry = registry
cli-demo-stage-ladder = ladder
cli-demo-stage-ladder-before-count = ladder (list rules, meetings, district lists)
cli-demo-stage-ladder-after-count = ladder (regional lists, the rest; December withdrawals)
cli-demo-stage-primaries-before-vote = primaries (nomination, debates, polls)
cli-demo-stage-primaries-after-close = primaries (close, station returns)
cli-demo-stage-rehearsal = rehearsal (a district conference opening in half an hour)
cli-demo-stage-station = station
cli-demo-primaries = demo primaries: { $accepted } ballots cast in { $voting } s; { $polls } polls sealed and counted in { $counting } s
cli-demo-files = wrote { $units } and { $members } ({ $count } members; personal data of invented people)
cli-list-status = status: { $status }; revision { $revision }; { $names } names for { $seats } seats
cli-list-primaries-votes = primaries { $place } ({ $votes } votes)
cli-list-primaries = primaries { $place }
cli-list-no-primaries = no primaries
cli-list-conference-votes = , conference { $votes } votes
cli-list-row = { $name } ({ $born }, { $sex }) — { $unit }; rated { $rated }: { $primaries }{ $conference }
cli-list-no-violations = violations: none
cli-list-violations = violations:
cli-list-shortfall = shortfall: "{ $rule }" needs { $needed }, the candidates hold { $available }
cli-anchor = anchor: { $anchor }
cli-commission-written = { $file }: { $names } names for the election commission (personal data: readable by its owner only); { $manifest }: sha256 { $sha256 }, anchor { $anchor }
cli-list-written = list of { $target } ({ $status }, revision { $revision }, anchored at { $anchor }) written to { $file }
cli-lists-written = { $count } lists of { $campaign } ({ $approved } approved) written to { $dir } as CSV and PDF
cli-minutes-written = minutes of { $meeting } ({ $status }, anchored at { $anchor }) written to { $file }
cli-minutes-all-written = minutes of { $count } meetings written to { $dir } in { $seconds } s
cli-cards-written = { $count } mandate cards of { $meeting } written to { $file }
cli-status-heading = { $unit } — campaign { $campaign }
cli-status-kind = { $kind }: units { $units }, held { $held }, failed { $failed }, open { $open }, registration { $registration }, planned { $planned }
cli-status-kind-ppo_meeting = PPO meetings
cli-status-kind-branch_conference = district and city branch conferences
cli-status-kind-regional_conference = regional conference
cli-status-kind-congress = party congress
cli-status-pending = units still to meet: { $count }
cli-status-delegates = delegates elected { $elected } of { $allotted } allotted
cli-status-shortfall = shortfall: { $unit } elected { $elected } of { $allotted }
cli-status-now = now: { $meeting } ({ $unit }) is { $status }
cli-checked-in = checked in (journal { $head })
cli-vote-code = e-vote code: { $code }  (hand it to the participant; it signs in their phone once)
cli-box-audit = { $poll }: { $voters } voters marked online, { $ballots } ballots in the box, { $committed } committed to the journal ({ $held } held back)
cli-latest-checkpoint = latest checkpoint at { $at }: { $voters } voters, { $ballots } ballots committed, root { $root } (key { $key })
cli-no-checkpoint = no checkpoint yet: the box commits its first group once enough ballots are held back, and always at the close
cli-box-alarm = ALARM: the ballot box of { $poll } does not match the journal — { $problems }. Stop the poll (pause_poll) and call the counting commission.
cli-receipt-bad-signature = the receipt's signature is not valid under the public key { $public_key } (key id { $key }): it was not issued by this ballot box, or it was altered
cli-receipt-signed = signature: valid (key { $key }); the box accepted tracker { $tracker } for { $poll }
cli-receipt-not-on-board = tracker { $tracker } is not on the bulletin board of { $poll } with this ballot hash: report it to the counting commission with this receipt
cli-receipt-on-board = board: the ballot is on the bulletin board as cast, and was counted
cli-receipt-not-in-box = no ballot with tracker { $tracker } and this ballot hash is in the box of { $poll }: report it to the counting commission with this receipt
cli-receipt-held-back = box: the ballot is in the box as cast; its leaf is held back until its group is committed with a checkpoint (at the latest at the close)
cli-receipt-not-proven = the checkpoint of { $poll } at { $at } does not prove this ballot (signature or inclusion proof fails): report it to the counting commission
cli-receipt-proven = checkpoint: the ballot is leaf { $leaf } of { $size } under the root { $root } signed at { $at } (inclusion proof checked)
cli-poll-counted = { $poll } closed, sealed and counted (journal { $head })
cli-poll-ballots = ballots: { $online } online, { $paper } on paper; method { $method }
cli-recount-with = recount with: mandat tally --method { $method } { $file }
cli-quotas-heading = { $places } places of { $target } ({ $name }) among the units under { $unit } by { $method }:
cli-quotas-unit = unit
cli-quotas-members = members
cli-quotas-places = places
cli-quotas-debaters = debaters
cli-tally-heading = { $method } — { $ballots } ballots, { $seats } seat(s)
cli-tally-winners = winners: { $winners }
cli-tally-tie = tie broken: { $tie }
cli-signed-minutes = the signed scan of the minutes of { $meeting } is attached: { $size } bytes, SHA-256 { $sha256 }; journal entry { $seq }
cli-bad-sms-gateway = the SMS gateway cannot be used: { $error }
cli-demo-live = demo on today's calendar: 2020 moved forward by { $days } days, so the members' primaries are open now (the second of their three days); { $accepted } ballots of 2020 cast up to this hour
cli-demo-guide = The demo: open http://{ $address }/signin on a phone-sized browser and sign in with one of these IINs; the one-time codes are written to { $outbox } and shown at http://{ $address }/demo/outbox. (`mandat demo accounts --json` prints the list again.)
cli-demo-guide-no-voters = No member is left to vote: every open poll's roll has voted, or no poll is open (`mandat serve --demo --live` on an empty database opens the primaries now).
cli-demo-guide-account = Staff account { $login } ({ $role } of { $unit }): password { $password }; authenticator { $uri } (or `mandat demo totp { $login }` for the current code); sign in with POST /api/staff/signin
cli-demo-guide-grant = { $iin }  { $name }: { $role } of { $scope } (signs in as a member, with IIN and code)
cli-demo-no-account = no demo staff account { $login } here: `mandat serve --demo --live` writes them to mandat-demo-staff.json in the directory it runs in
cli-notices-refused = no notice was sent: { $reason }
cli-notices-failed = { $failed } notices were not sent (see the log); run the command again to retry them

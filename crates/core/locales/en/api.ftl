# Answers of the sign-in and voting API (code `<name>` is the key `api-<name>`).
api-no_sign_in = this server cannot sign voters in: it was started without the site secret (the operator starts it with --secret-file)
api-no_ballot_box = this server does not take ballots (it runs without the ballot box)
api-too_many_sign_ins_on_server = too many failed sign-ins on this server in the last minute: try again in { $seconds } seconds (after { $after } UTC); check the code letter by letter first, or ask the registration desk for a new one
api-too_many_sign_ins_from_network = too many failed sign-ins from your network in the last minute: try again in { $seconds } seconds (after { $after } UTC); check the code letter by letter first, or ask the registration desk for a new one
api-not_signed_in = sign in first: POST /api/session with the code from the registration desk
api-session_ended = the session has ended or is not known: sign in again with a new code from the registration desk
api-already_voted = you have already voted in this poll
api-not_on_roll = you are not on the roll of this poll (the roll was frozen before it opened)
api-out_of_scope = this sign-in does not vote in this poll: { $poll } ({ $scope })
api-poll_not_open = the poll does not take ballots now: { $detail }
api-invalid_ballot = the ballot does not fit the poll: { $detail }
api-box_unavailable = the ballot box could not take the ballot now and nothing was recorded: try again
api-bad_code = { $field } «{ $value }»: { $detail }
# The language asked for is unknown, so the answer names the choices in all three.
api-bad_language = lang «{ $value }»: выберите ru, kk или en · ru, kk немесе en таңдаңыз · choose ru, kk or en
api-bad_receipt_field = { $field } is not the 64 hex digits of your receipt: copy it from your receipt
api-bad_request_key = request_key: { $detail }; draw a new one for each ballot (e.g. 16 bytes from crypto.getRandomValues, as hex) and send the same one on a retry
api-bad_device_nonce = device_nonce is not hex: send the nonce as hex digits, or leave it out
api-keep_receipt = keep this receipt: after the count, find your tracker on the board; the opening shows your ballot to anyone you show it to
# Refusals at the server's edge (crates/web/src/edge.rs).
api-cross_site = the request was not sent from a page of this site, so it was refused and nothing was changed: open the page on this site and send the form from there
api-too_many_requests = too many requests from your network: try again in { $seconds ->
    [one] { $seconds } second
   *[other] { $seconds } seconds
}
api-busy = the server is busy with other requests: try again in a few seconds
api-timed_out = the server did not answer in time and the request was stopped: try again in a minute (a ballot sent again with the same request key is not counted twice)
api-too_large = the request is too large: at most { $limit } bytes
api-live_full = too many live updates are open right now: the page will refresh itself in a few seconds (or reload it)

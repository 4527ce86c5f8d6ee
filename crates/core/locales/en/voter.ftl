# The voter's pages: sign-in with IIN and code, my polls, the ballot, the receipt, the board.
voter-language = Language
voter-sign-out = Sign out
voter-help-link = My code never came
voter-public-pages = Public pages
voter-there-is-a-problem = There is a problem
voter-signin-title = Sign in to vote
voter-signin-intro = Enter your IIN. We will send a one-time code by SMS to the mobile number in your party record. No password is needed.
voter-iin-label = IIN
voter-iin-hint = 12 digits, as on your identity card
voter-iin-wrong = Check your IIN: { $detail }
voter-send-code = Send me a code
voter-code-title = Enter the code
voter-code-sent = If this IIN is in the party registry with a mobile number, a 6-digit code has been sent to that number by SMS. It is valid for 5 minutes and only in this browser.
voter-code-label = Code from the SMS
voter-sign-in = Sign in
voter-new-code = Send a new code
voter-code-never-came = My code never came
voter-help-title = If your code never came
voter-help-wait = Wait two minutes: messages are sometimes late at busy hours.
voter-help-iin = Check that you typed your IIN correctly, then ask for a new code.
voter-help-phone = The code goes only to the mobile number in your party record. If you changed your number, your primary party organization can update the record.
voter-help-blocked = Check that your phone accepts messages from short numbers and that its memory is not full.
voter-help-limit = At most 3 codes are sent for one IIN in 10 minutes: if you asked several times, wait and try once more.
voter-help-who = Who can help
voter-help-ppo = The secretary of your primary party organization can check your record and your phone number.
voter-help-hotline = Party hotline: { $phone }
voter-help-station = On the last day of the vote you can also vote on paper at the polling station of your district.
voter-signin-again = Back to sign-in
voter-my-title = My polls
voter-greeting = You are signed in as { $name }.
voter-vote = Vote
voter-see-board = Result and bulletin board
voter-closes = Voting closes { $at } (local time)
voter-opens = Voting opens { $at } (local time)
voter-closed-at = Voting closed { $at } (local time)
voter-state-voted = You have voted.
voter-state-open = Open: you have not voted yet.
voter-state-not-yet = Not open yet.
voter-state-closed = Closed.
voter-no-roll-not-member = You are in the registry as a candidate, not as a party member: only party members vote in the primaries.
voter-no-roll-suspended = Your party membership is suspended, so you are on no voter roll. Your primary party organization can tell you more.
voter-no-roll-expelled = You are no longer a party member, so you are on no voter roll.
voter-no-roll-none = You are on no voter roll now. Rolls are drawn up on the day set before each vote: if you joined the party or moved after it, you are on the next one. Your primary party organization can check.
voter-how-one = Choose one candidate.
voter-how-up-to = Choose up to { $count } candidates.
voter-how-any = Choose as many candidates as you support.
voter-how-rank = Number the candidates in your order of preference: 1 for your first choice, 2 for the next, and so on up to { $count }. Leave blank those you do not want to rank; the same number means equal preference.
voter-rank-of = Rank of
voter-withdrawn = withdrawn
voter-profiles = The candidates' profiles
voter-review = Review my ballot
voter-rank-wrong = The rank of { $name } must be a whole number from 1 to { $count }, or left blank.
voter-too-many = You chose { $chosen } candidates; you may choose at most { $count }. Remove { $chosen } − { $count } of them.
voter-review-title = Check your ballot
voter-review-equal = equally: { $names }
voter-blank = You chose no one: this is a blank ballot. It counts as cast, for no candidate.
voter-review-final = Once cast, a ballot cannot be changed.
voter-cast = Cast my ballot
voter-change = Change my choices
voter-receipt-title = Your receipt
voter-counted = Your ballot has been recorded.
voter-receipt-poll = Poll
voter-receipt-tracker = Tracker
voter-receipt-ballot-hash = Ballot hash
voter-receipt-time = Time
voter-receipt-signature = Signature of the ballot box
voter-receipt-keep = Print or save this receipt. It shows that your ballot is in the box, not how you voted. After the count, find your tracker on the bulletin board.
voter-check = Check my ballot
voter-back-to-polls = Back to my polls
voter-not-yours-title = Not your poll
voter-not-yours = This sign-in does not vote in this poll.
voter-not-on-roll = You are not on the roll of this poll.
voter-voted-title = You have already voted
voter-voted = You have already voted in this poll. Each member votes once.
voter-closed-title = The poll is not open
voter-closed = This poll does not take ballots now.
voter-problem-title = The ballot was not cast
voter-form-damaged = The form came back damaged; nothing was cast. Go back to your polls and fill in the ballot again.
voter-board-result = Result
voter-board-place = Place
voter-board-candidate = Candidate
voter-board-votes = Votes
voter-board-outcome = Counted by { $method ->
    [plurality] plurality (most votes)
    [approval] approval voting
    [borda] the Borda count
    [schulze] the Schulze method
    [irv] instant runoff (IRV)
    [stv] the single transferable vote (STV)
   *[other] { $method }
  }: { $electronic } electronic ballots and { $paper } paper ballots. Elected: { $winners }.
voter-board-counted = The poll is counted. Its bulletin board lists every electronic ballot by its tracker.
voter-board-not-yet = The poll is { $status }: the result and the bulletin board are published after the count.
voter-board-find = Find my ballot
voter-board-downloads = Downloads
voter-board-recount = Recount it yourself with mandat, or load the BLT file into any counting program:
voter-board-stored = Your ballots cast from this browser (tap one to check it):
voter-check-bad-tracker = A tracker is 64 letters and digits (0–9, a–f): copy it from your receipt.
voter-check-on-board = Your ballot is on the bulletin board as cast and was counted.
voter-check-on-board-tracker = This tracker is on the bulletin board. Enter the ballot hash of your receipt as well to check that the ballot is yours as cast.
voter-check-hash-differs = This tracker is on the board with another ballot hash. Check that you copied the receipt correctly; if you did, report it to the counting commission.
voter-check-not-on-board = This tracker is not on the bulletin board. Check that you copied it correctly; if you did, report it to the counting commission with your receipt.
voter-check-need-hash = While the poll is open, enter both the tracker and the ballot hash of your receipt.
voter-check-not-found = No ballot with this tracker and hash is in the box. Check your receipt; if it is right, report it to the counting commission.
voter-check-held-back = Your ballot is in the ballot box as cast. It joins a signed checkpoint when its group is committed, at the latest at the close.
voter-check-committed = Your ballot is in the ballot box as cast, under the latest signed checkpoint of { $size } ballots.
# Answers of the sign-in API.
api-signin_code_requested = if this IIN is in the registry with a mobile number, a code has been sent to it by SMS; send it with POST /api/signin within 5 minutes, from this client (keep the cookie)
api-bad_iin = iin: { $detail }
api-bad_signin_code = the code is the 6 digits from the SMS
api-signin_wrong_code = the code is wrong: { $tries ->
    [one] 1 try is left
   *[other] { $tries } tries are left
  } for this code
api-signin_code_locked = the code was wrong 5 times and no longer works: ask for a new code
api-signin_code_expired = the code has expired (a code lasts 5 minutes) or no longer works: ask for a new code
api-signin_not_asked = no code was asked for this IIN in this browser: ask for a code first, in the same browser
api-not_signed_in_member = sign in first: POST /api/signin/code with your IIN, then POST /api/signin with the code from the SMS
api-csrf = this request needs the X-CSRF-Token header with the csrf value given at sign-in
api-csrf_form = the form has expired or came from another site: go back, reload the page and submit it again
api-no_code_desk = this server does not sign members in with a code (it runs without an SMS sender; the operator starts it with --sms-outbox or --sms-gateway)
api-bad_ballot_form = the ballot form came back damaged: fill in the ballot again
voter-outbox-title = Demo: the messages sent
voter-outbox-intro = This page exists only in the demo: a real server sends codes by SMS and shows them to no one. Sign-in codes first, newest first, then the other messages (conference notices); reload after asking for a code.
voter-outbox-empty = No message yet.
api-admins_only = only an admin account may see this
voter-turnout-of-roll = of { $roll } on the roll have voted
voter-turnout-hidden = Turnout is not shown while the poll runs: too few voters on the roll (fewer than { $step }).
voter-turnout-step = While the poll runs the figure moves in steps of { $step }, so that it cannot date a ballot. The page updates itself.

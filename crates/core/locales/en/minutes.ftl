# Minutes of meetings and conferences.
minutes-failed-quorum = { $present } of { $electorate } present, at least { $needed } needed
# The fixed words of the minutes.
minutes-title = MINUTES No. —
minutes-title-numbered = MINUTES No. { $number }
minutes-items = The agenda items
minutes-heard = HEARD:
minutes-no-speakers = Nobody spoke.
minutes-resolved = RESOLVED:
minutes-nothing-decided = No decision was taken on this item.
minutes-held = Held on
minutes-recorded = Entered on
minutes-venue = Place
minutes-convened-by = Convened by
minutes-meeting-code = Meeting code
minutes-status-label = Status
minutes-attendance = Attendance
minutes-electorate = Entitled to attend
minutes-in-hall = Registered in the hall
minutes-remote = Taking part remotely
minutes-present-total = Present in total
minutes-credentials = Report of the credentials commission
minutes-credentials-missing = No report of the credentials commission was entered.
minutes-quorum = Quorum
minutes-quorum-rule = Quorum rule
minutes-quorum-minimum = Minimum required
minutes-present = Present
minutes-quorum-met = There is a quorum.
minutes-quorum-not-met = There is no quorum.
minutes-failed = The meeting is declared not held for want of a quorum.
minutes-failed-other = The meeting is declared not held, for the reason below.
minutes-grounds = Grounds
minutes-working-bodies = Working bodies
minutes-chair = Chair
minutes-secretary = Secretary
minutes-counting-commission = Counting commission
minutes-agenda = Agenda
minutes-votes = Votes
minutes-voted = Voted
minutes-decision-rule = Decision rule
minutes-recount = Recount
minutes-result = Result
minutes-adopted = Adopted
minutes-rejected = Rejected
minutes-not-counted = Not counted
minutes-delegates = Elected delegates
minutes-delegates-to = Conference
minutes-full-name = Full name
minutes-unit = Unit
minutes-streams = Livestreams
# A meeting's status, and what a vote was on.
minutes-status-planned = planned
minutes-status-registration = registration in progress
minutes-status-open = open, these minutes are provisional
minutes-status-closed = closed
minutes-status-failed = not held
minutes-motion-credentials = approval of the credentials commission's report
minutes-motion-presidium = election of the chair, the secretary and the counting commission
minutes-motion-agenda = approval of the agenda
minutes-motion-delegates = election of delegates
minutes-motion-party-list = approval of the party list (revision)
minutes-motion-resolution = resolution
# The kind of meeting, and the rule a vote was decided by.
minutes-meeting-ppo = Meeting of the primary party organization
minutes-meeting-ppo-extraordinary = Extraordinary meeting of the primary party organization
minutes-meeting-conference = Conference
minutes-meeting-conference-extraordinary = Extraordinary conference
minutes-meeting-congress = Party congress
minutes-meeting-congress-extraordinary = Extraordinary party congress
minutes-rule-majority-of-present = a majority of those present
minutes-rule-two-thirds-of-present = two thirds of those present
minutes-rule-majority-of-votes-cast = a majority of votes cast

# Sentences with numbers.
minutes-quorum-more-than-half = more than half of those entitled to attend
minutes-quorum-at-least = at least { $numerator }/{ $denominator } of those entitled to attend
minutes-vote-heading = Vote No. { $number }: { $motion }
minutes-present-with-remote = { $present }, of whom { $remote } remotely
minutes-tally = for — { $for }, against — { $against }, abstained — { $abstain }
minutes-votes-needed = votes for needed to adopt — { $needed }
minutes-recount-number = No. { $number }
minutes-platform-other = Other
minutes-anchor-at-close = Journal head at the close: { $anchor }
    Check: mandat verify --anchor { $anchor }
minutes-anchor-at-printing = Journal head at printing: { $anchor }
    Check: mandat verify --anchor { $anchor }

# Party-list history: what happened to a list, made from the recorded event's data.
list-meets-every-rule = the list meets every rule
list-breaks-rules = the list breaks: { $violations }
list-event-rules = the list rules changed; { $verdict }
list-event-drafted = drafted { $names ->
    [one] { $names } name
   *[other] { $names } names
} from { $candidates } registered candidates in rating order
list-event-no-moves = no one was moved
list-event-moved = { $name } moved from place { $from } to { $to }
list-event-added = { $name } added at place { $place } (rated { $rated })
list-event-removed = { $name } removed from place { $place }; those below move up
list-event-withdrew = { $name } withdrew (place { $place })
list-event-disqualified = { $name } was disqualified (place { $place })
list-event-successor = place { $place } goes to { $name } (rated { $rated }), the highest-rated remaining candidate who keeps the rules the list met
list-event-no-successor = no candidate is left to take the place, so it is struck and those below move up
list-event-put-to-vote = revision { $revision } ({ $names } names) put to the vote at { $meeting }, vote { $vote }
list-event-approved = approved by { $meeting }, vote { $vote }: the list is frozen
list-event-rejected = not approved by { $meeting }, vote { $vote }: the list is a draft again
list-event-cancelled = vote { $vote } at { $meeting } was cancelled: the list is a draft again
# The rules of the 2020 defaults, named in the reader's language.
list-rule-law-women-youth = law: at least 30 % women and persons under 29, combined
list-rule-party-women = party: at least 30 % women
list-rule-party-youth = party: at least 20 % under 35
# The kinds of events in a list's history.
list-kind-drafted = drafted
list-kind-moved = moved
list-kind-added = added
list-kind-removed = removed
list-kind-put-to-vote = put to vote
list-kind-approved = approved
list-kind-rejected = rejected
list-kind-cancelled = cancelled
list-kind-withdrawn = withdrawn
list-kind-disqualified = disqualified
list-kind-rules = rules
# The fixed words of a list sheet.
list-sheet-body-label = Body
list-sheet-seats = Seats
list-sheet-election-day = Election day
list-sheet-status-label = Status
list-sheet-draft = draft
list-sheet-revision = Revision
list-sheet-places = Candidates on the list
list-sheet-rules = Rules of the list
list-sheet-no-rules = No rules are set for this list.
list-sheet-list = Candidates
list-sheet-empty = The list has no candidates yet.
list-sheet-self-nominated = self-nominated
list-sheet-places-legend = Primaries: place in the rating (votes). Conference: delegates' votes.
list-sheet-displacements = Moves the rules required when the list was drafted
list-sheet-no-displacements = The list follows the rating order: no one was moved.
list-sheet-violations = Rules broken
list-sheet-shortfalls = What the candidates cannot meet
list-sheet-history = History of the list
# The representative body, and a candidate's sex.
list-sheet-body-local-maslikhat = district or city maslikhat
list-sheet-body-regional-maslikhat = regional maslikhat
list-sheet-body-mazhilis = Mazhilis of Parliament
list-sheet-sex-male = male
list-sheet-sex-female = female
# The headers of a list sheet's tables and of its CSV, a column a key.
list-sheet-rules-header-1 = Rule
list-sheet-rules-header-2 = Condition
list-sheet-rules-header-3 = Needed
list-sheet-rules-header-4 = On the list
list-sheet-places-header-1 = No.
list-sheet-places-header-2 = Full name
list-sheet-places-header-3 = Born, sex
list-sheet-places-header-4 = Party unit
list-sheet-places-header-5 = Nominated by
list-sheet-places-header-6 = Primaries
list-sheet-places-header-7 = Conference
list-sheet-csv-header-1 = place
list-sheet-csv-header-2 = full name
list-sheet-csv-header-3 = year of birth
list-sheet-csv-header-4 = sex
list-sheet-csv-header-5 = primary party organization
list-sheet-csv-header-6 = branch
list-sheet-csv-header-7 = nominated by
list-sheet-csv-header-8 = primaries place
list-sheet-csv-header-9 = primaries votes
list-sheet-csv-header-10 = conference votes
list-sheet-history-header-1 = No.
list-sheet-history-header-2 = Date
list-sheet-history-header-3 = Event
list-sheet-history-header-4 = What changed
list-sheet-history-header-5 = Reason or decision

# Sentences of the sheet with numbers and names.
list-sheet-title = Party list — { $target }
list-sheet-under-vote = under vote — meeting { $meeting }, vote No. { $vote }
list-sheet-approved = approved — meeting { $meeting }, vote No. { $vote }, { $date }
list-sheet-size = List size: { $min } to { $max } candidates ({ $seats } seats); the list has { $length }.
list-sheet-at-least = at least { $share }: { $group }
list-sheet-placement = at least one of each in every block of { $size } consecutive places: { $groups }
list-sheet-ppo-decision = PPO decision — { $ppo }: { $decision }
list-sheet-ppo-decision-short = PPO decision: { $decision }
list-sheet-list-nomination = place { $place } on the list { $list }: { $decision }
list-sheet-candidate-number = candidate No. { $number }
list-sheet-rule-one = the rule «{ $rule }»
list-sheet-rule-many = the rules { $rules }
list-sheet-moved-up = { $name } moved up from rating position { $from } to place { $to }, as required by { $rules }
list-sheet-ahead-of = { $name } takes place { $place } (rating position { $from }) ahead of a higher-rated candidate — { $passed }, as required by { $rules }
list-sheet-passed-over = candidates passed over, rated higher: { $names }
list-sheet-list-size = list size
list-sheet-shortfall = { $rule }: { $needed } needed, { $available } available
list-sheet-anchor = Journal entry that last changed the list: { $anchor }
    Check: mandat verify --anchor { $anchor }
# The groups the rules count.
list-group-women = women
list-group-youth = persons under { $age }
list-group-women-or-youth = women and persons under { $age } (each person counted once)
# A rule the list breaks.
list-violation-too-short = the list has { $length } names, at least { $min } are required ({ $short } short)
list-violation-too-long = the list has { $length } names, at most { $max } are allowed ({ $over } too many)
list-violation-quota = "{ $rule }": the list needs at least { $needed } { $group }, it has { $found } ({ $short } short)
list-violation-block = "{ $rule }": places { $first } to { $last } hold none of: { $groups }
list-violation-duplicate = candidate { $candidate } appears more than once
# A list's status in an index.
list-status-draft = draft
list-status-under-vote = under vote
list-status-approved = approved

# Terms shared by every document and page: one word per concept.
-meeting = meeting
-conference = conference
-delegate = delegate
-party-list = party list
-primaries = primaries
language-name = English
people = { $count ->
    [one] { $count } person
   *[other] { $count } people
}

# A local date and time as the language writes it.
common-local-time = { $year }-{ $month }-{ $day } { $time }
common-date = { $year }-{ $month }-{ $day }

# What a reader asked for that the record does not hold.
problem-missing-unit = there is no unit { $code }
problem-missing-campaign = there is no campaign { $code }
problem-missing-meeting = there is no meeting { $code }
problem-missing-poll = there is no poll { $code }
problem-missing-target = campaign { $campaign } has no target { $target }; see /lists for the published lists
problem-missing-list = { $target } in { $campaign } has no list drafted yet
problem-missing-board = the board of { $poll } is not published yet: it is published once the poll is counted (the poll is { $status })
problem-missing-signed-scan = the minutes of { $code } have no signed scan attached yet
problem-missing-any-unit = there is no unit at all: import or create units first
problem-missing-any-campaign = there is no campaign: record create_campaign first
problem-missing-one-campaign = there are { $count } campaigns: choose one with --campaign ({ $campaigns })
problem-code-empty = a code cannot be empty
problem-code-too-long = a code is at most 64 characters, this one has { $length }
problem-code-character = a code holds Latin letters, digits, '-', '_' and '.' only, found '{ $character }'

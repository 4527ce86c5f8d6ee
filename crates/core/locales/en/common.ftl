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

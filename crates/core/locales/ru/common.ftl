# Terms shared by every document and page: one word per concept.
-meeting = собрание
-conference = конференция
-delegate = делегат
-party-list = партийный список
-primaries = праймериз
language-name = Русский
people = { $count ->
    [one] { $count } человек
    [few] { $count } человека
   *[many] { $count } человек
}

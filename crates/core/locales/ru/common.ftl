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

# A local date and time as the language writes it.
common-local-time = { $day }.{ $month }.{ $year } { $time }
common-date = { $day }.{ $month }.{ $year }

# What a reader asked for that the record does not hold.
problem-missing-unit = нет организации { $code }
problem-missing-campaign = нет кампании { $code }
problem-missing-meeting = нет заседания { $code }
problem-missing-poll = нет голосования { $code }
problem-missing-target = в кампании { $campaign } нет выборов { $target }; опубликованные списки — на странице /lists
problem-missing-list = для { $target } в кампании { $campaign } список ещё не составлен
problem-missing-board = итоги голосования { $poll } ещё не опубликованы: они публикуются после подсчёта (статус голосования — «{ $status }»)
problem-missing-signed-scan = к протоколу { $code } ещё не приложен подписанный скан
problem-missing-any-unit = нет ни одной организации: сначала импортируйте или создайте их
problem-missing-any-campaign = нет ни одной кампании: сначала запишите create_campaign
problem-missing-one-campaign = кампаний несколько ({ $count }): выберите одну с помощью --campaign ({ $campaigns })
problem-code-empty = код не может быть пустым
problem-code-too-long = код — не более 64 символов, в этом { $length }
problem-code-character = код состоит только из латинских букв, цифр, '-', '_' и '.', а найден символ '{ $character }'

# Terms shared by every document and page: one word per concept.
-meeting = жиналыс
-conference = конференция
-delegate = делегат
-party-list = партиялық тізім
-primaries = праймериз
language-name = Қазақша
people = { $count } адам

# A local date and time as the language writes it.
common-local-time = { $day }.{ $month }.{ $year } { $time }
common-date = { $day }.{ $month }.{ $year }

# What a reader asked for that the record does not hold.
problem-missing-unit = { $code } ұйымы жоқ
problem-missing-campaign = { $code } науқаны жоқ
problem-missing-meeting = { $code } отырысы жоқ
problem-missing-poll = { $code } дауыс беруі жоқ
problem-missing-target = { $campaign } науқанында { $target } сайлауы жоқ; жарияланған тізімдер — /lists бетінде
problem-missing-list = { $campaign } науқанында { $target } үшін тізім әлі жасалмаған
problem-missing-board = { $poll } дауыс беруінің қорытындысы әлі жарияланбаған: ол дауыстар саналғаннан кейін жарияланады (дауыс берудің күйі — «{ $status }»)
problem-missing-signed-scan = { $code } хаттамасына қол қойылған скан әлі қосылмаған
problem-missing-any-unit = бірде-бір ұйым жоқ: алдымен оларды импорттаңыз немесе жасаңыз
problem-missing-any-campaign = бірде-бір науқан жоқ: алдымен create_campaign жазыңыз
problem-missing-one-campaign = науқандар бірнешеу ({ $count }): --campaign арқылы біреуін таңдаңыз ({ $campaigns })
problem-code-empty = код бос болмауы керек
problem-code-too-long = код ең көбі 64 таңба, бұл кодта { $length }
problem-code-character = код тек латын әріптерінен, цифрлардан, '-', '_' және '.' таңбаларынан тұрады, ал '{ $character }' табылды

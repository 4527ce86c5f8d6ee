# Party-list history: what happened to a list, made from the recorded event's data.
list-meets-every-rule = тізім барлық ережелерге сәйкес келеді
list-breaks-rules = тізім ережелерді бұзады: { $violations }
list-event-rules = тізім ережелері өзгертілді; { $verdict }
list-event-drafted = тіркелген { $candidates } кандидаттың { $names } кандидаты рейтинг ретімен тізімге енгізілді
list-event-no-moves = ешкім орын ауыстырмады
list-event-moved = { $name }: { $from }-орыннан { $to }-орынға ауыстырылды
list-event-added = { $name }: тізімнің { $place }-орнына енгізілді (рейтингтегі позициясы { $rated })
list-event-removed = { $name }: тізімнің { $place }-орнынан шығарылды; төмендегі кандидаттар бір орын жоғарылайды
list-event-withdrew = { $name } ({ $place }-орын): тізімнен шықты
list-event-disqualified = { $name } ({ $place }-орын): тіркеуден алынып тасталды
list-event-successor = { $place }-орын { $name } кандидатқа өтеді (рейтингтегі позициясы { $rated }) — тізім орындалған ережелерді сақтайтын рейтинг бойынша келесі кандидат
list-event-no-successor = орынды алатын кандидат жоқ: орын алынып тасталады, төмендегі кандидаттар бір орын жоғарылайды
list-event-put-to-vote = { $revision }-нұсқа ({ $names } кандидат) дауысқа қойылды — { $meeting } отырысы, № { $vote } дауыс беру
list-event-approved = бекітілді — { $meeting } отырысы, № { $vote } дауыс беру: тізім бекітіліп қойылды
list-event-rejected = бекітілмеді — { $meeting } отырысы, № { $vote } дауыс беру: тізім қайтадан жоба болды
list-event-cancelled = { $meeting } отырысындағы № { $vote } дауыс беру тоқтатылды: тізім қайтадан жоба болды
# The rules of the 2020 defaults, named in the reader's language.
list-rule-law-women-youth = заң: әйелдер мен 29 жасқа толмаған адамдар бірге кемінде 30 %
list-rule-party-women = партия: әйелдер кемінде 30 %
list-rule-party-youth = партия: 35 жасқа толмаған адамдар кемінде 20 %
# The kinds of events in a list's history.
list-kind-drafted = жасалды
list-kind-moved = орын ауыстыру
list-kind-added = кандидат қосылды
list-kind-removed = кандидат шығарылды
list-kind-put-to-vote = дауысқа қойылды
list-kind-approved = бекітілді
list-kind-rejected = бекітілмеді
list-kind-cancelled = дауыс беру тоқтатылды
list-kind-withdrawn = кандидат шықты
list-kind-disqualified = кандидат алынып тасталды
list-kind-rules = ережелер өзгертілді
# The fixed words of a list sheet.
list-sheet-body-label = Өкілді орган
list-sheet-seats = Мандаттар саны
list-sheet-election-day = Сайлау күні
list-sheet-status-label = Мәртебесі
list-sheet-draft = жоба
list-sheet-revision = Нұсқасы
list-sheet-places = Тізімдегі кандидаттар саны
list-sheet-rules = Тізім ережелері
list-sheet-no-rules = Бұл тізімге ережелер белгіленбеген.
list-sheet-list = Кандидаттар
list-sheet-empty = Тізімде әзірге кандидат жоқ.
list-sheet-self-nominated = өзін-өзі ұсыну
list-sheet-places-legend = Праймериз: рейтингтегі орны (дауыстар). Конференция: делегаттардың дауыстары.
list-sheet-displacements = Жобаны жасау кезінде тізім ережелері бойынша орын ауыстырулар
list-sheet-no-displacements = Тізім рейтинг ретімен жасалды: ешкім орын ауыстырмады.
list-sheet-violations = Ережелердің бұзылуы
list-sheet-shortfalls = Кандидаттар арасында жетіспейтіні
list-sheet-history = Тізім тарихы
# The representative body, and a candidate's sex.
list-sheet-body-local-maslikhat = аудандық (қалалық) мәслихат
list-sheet-body-regional-maslikhat = облыстық мәслихат
list-sheet-body-mazhilis = Парламент Мәжілісі
list-sheet-sex-male = ер
list-sheet-sex-female = әйел
# The headers of a list sheet's tables and of its CSV, a column a key.
list-sheet-rules-header-1 = Ереже
list-sheet-rules-header-2 = Шарт
list-sheet-rules-header-3 = Қажет
list-sheet-rules-header-4 = Тізімде
list-sheet-places-header-1 = №
list-sheet-places-header-2 = Тегі, аты, әкесінің аты
list-sheet-places-header-3 = Туған жылы, жынысы
list-sheet-places-header-4 = Партия ұйымы
list-sheet-places-header-5 = Кім ұсынды
list-sheet-places-header-6 = Праймериз
list-sheet-places-header-7 = Конференция
list-sheet-csv-header-1 = №
list-sheet-csv-header-2 = Тегі, аты, әкесінің аты
list-sheet-csv-header-3 = Туған жылы
list-sheet-csv-header-4 = Жынысы
list-sheet-csv-header-5 = Бастауыш партия ұйымы
list-sheet-csv-header-6 = Филиал
list-sheet-csv-header-7 = Кім ұсынды
list-sheet-csv-header-8 = Праймериз рейтингіндегі орны
list-sheet-csv-header-9 = Праймериздегі дауыстар
list-sheet-csv-header-10 = Конференциядағы дауыстар
list-sheet-history-header-1 = №
list-sheet-history-header-2 = Күні
list-sheet-history-header-3 = Оқиға
list-sheet-history-header-4 = Мазмұны
list-sheet-history-header-5 = Негіздеме

# Sentences of the sheet with numbers and names.
list-sheet-title = Партиялық тізім — { $target }
list-sheet-under-vote = дауысқа қойылды — { $meeting } отырысы, № { $vote } дауыс беру
list-sheet-approved = бекітілді — { $meeting } отырысы, № { $vote } дауыс беру, { $date }
list-sheet-size = Тізім көлемі: { $min }-ден { $max }-ге дейін кандидат (мандаттар — { $seats }); тізімде — { $length }.
list-sheet-at-least = кемінде { $share } — { $group }
list-sheet-placement = қатарынан келетін әрбір { $size } орын блогында кемінде біреуден: { $groups }
list-sheet-ppo-decision = БПҰ шешімі — { $ppo }: { $decision }
list-sheet-ppo-decision-short = БПҰ шешімі: { $decision }
list-sheet-list-nomination = { $list } тізіміндегі { $place }-орын: { $decision }
list-sheet-candidate-number = № { $number } кандидат
list-sheet-rule-one = «{ $rule }» ережесі
list-sheet-rule-many = { $rules } ережелері
list-sheet-moved-up = { $name } рейтингтегі { $from } позициядан тізімдегі { $to } орынға көтерілді: мұны { $rules } талап етеді
list-sheet-ahead-of = { $name } { $place } орынды алады (рейтингтегі позициясы { $from }), рейтингі жоғары кандидаттан жоғары — { $passed }: мұны { $rules } талап етеді
list-sheet-passed-over = рейтингі жоғары кандидаттар өткізіліп жіберілді: { $names }
list-sheet-list-size = тізім көлемі
list-sheet-shortfall = { $rule }: { $needed } қажет, кандидаттар арасында { $available } бар
list-sheet-anchor = Тізімді соңғы өзгерткен журнал жазбасы: { $anchor }
    Тексеру: mandat verify --anchor { $anchor }
# The groups the rules count.
list-group-women = әйелдер
list-group-youth = { $age } жасқа толмаған адамдар
list-group-women-or-youth = әйелдер және { $age } жасқа толмаған адамдар (әр адам бір рет саналады)
# A rule the list breaks.
list-violation-too-short = тізімде { $length } кандидат, кемінде { $min } қажет
list-violation-too-long = тізімде { $length } кандидат, ең көбі { $max } рұқсат етіледі
list-violation-quota = «{ $rule }»: кемінде { $needed } қажет ({ $group }), тізімде { $found }
list-violation-block = «{ $rule }»: { $first }–{ $last } орындарда мыналардың ешқайсысы жоқ: { $groups }
list-violation-duplicate = № { $candidate } кандидат екі рет көрсетілген
# A list's status in an index.
list-status-draft = жоба
list-status-under-vote = дауыс беруде
list-status-approved = бекітілді

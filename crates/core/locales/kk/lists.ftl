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

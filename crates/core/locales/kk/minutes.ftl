# Minutes of meetings and conferences.
minutes-failed-quorum = қатысуға құқылы { $electorate } адамның { $present } қатысты, кемінде { $needed } қажет
# The fixed words of the minutes.
minutes-title = ХАТТАМА № —
minutes-title-numbered = ХАТТАМА № { $number }
minutes-items = Күн тәртібіндегі мәселелерді қарау
minutes-heard = ТЫҢДАЛДЫ:
minutes-no-speakers = Сөз сөйлегендер болмады.
minutes-resolved = ҚАУЛЫ ЕТТІ:
minutes-nothing-decided = Мәселе бойынша шешім қабылданған жоқ.
minutes-held = Өткізілген күні мен уақыты
minutes-recorded = Жүйеге енгізілген күні
minutes-venue = Өткізілген орны
minutes-convened-by = Шақыру туралы шешім
minutes-meeting-code = Отырыс коды
minutes-status-label = Мәртебесі
minutes-attendance = Қатысу
minutes-electorate = Қатысуға құқылы
minutes-in-hall = Залда тіркелгендер
minutes-remote = Қашықтан қатысатындар
minutes-present-total = Барлығы қатысып отыр
minutes-credentials = Мандат комиссиясының баяндамасы
minutes-credentials-missing = Мандат комиссиясының баяндамасы енгізілмеген.
minutes-quorum = Кворум
minutes-quorum-rule = Кворум ережесі
minutes-quorum-minimum = Қажетті ең аз саны
minutes-present = Қатысып отыр
minutes-quorum-met = Кворум бар.
minutes-quorum-not-met = Кворум жоқ.
minutes-failed = Кворум болмағандықтан отырыс өтпеді деп танылды.
minutes-failed-other = Отырыс төменде көрсетілген себеппен өтпеді деп танылды.
minutes-grounds = Негіздеме
minutes-working-bodies = Жұмыс органдары
minutes-chair = Төраға
minutes-secretary = Хатшы
minutes-counting-commission = Есеп комиссиясы
minutes-agenda = Күн тәртібі
minutes-votes = Дауыс беру
minutes-voted = Дауыс беру нәтижесі
minutes-decision-rule = Шешім қабылдау ережесі
minutes-recount = Дауыстарды қайта санау
minutes-result = Қорытынды
minutes-adopted = Шешім қабылданды
minutes-rejected = Шешім қабылданбады
minutes-not-counted = Дауыстар саналмады
minutes-delegates = Сайланған делегаттар
minutes-delegates-to = Конференция
minutes-full-name = Тегі, аты, әкесінің аты
minutes-unit = Ұйым
minutes-streams = Тікелей трансляция
# A meeting's status, and what a vote was on.
minutes-status-planned = жоспарланған
minutes-status-registration = қатысушыларды тіркеу жүріп жатыр
minutes-status-open = ашық, хаттама алдын ала
minutes-status-closed = жабық
minutes-status-failed = өтпеді
minutes-motion-credentials = мандат комиссиясының баяндамасын бекіту
minutes-motion-presidium = төрағаны, хатшыны және есеп комиссиясын сайлау
minutes-motion-agenda = күн тәртібін бекіту
minutes-motion-delegates = делегаттарды сайлау
minutes-motion-party-list = партиялық тізімді бекіту (редакциясы)
minutes-motion-resolution = шешім қабылдау
# The kind of meeting, and the rule a vote was decided by.
minutes-meeting-ppo = Бастауыш партия ұйымының жиналысы
minutes-meeting-ppo-extraordinary = Бастауыш партия ұйымының кезектен тыс жиналысы
minutes-meeting-conference = Конференция
minutes-meeting-conference-extraordinary = Кезектен тыс конференция
minutes-meeting-congress = Партия съезі
minutes-meeting-congress-extraordinary = Партияның кезектен тыс съезі
minutes-rule-majority-of-present = қатысушылардың көпшілік даусы
minutes-rule-two-thirds-of-present = қатысушылардың үштен екісі
minutes-rule-majority-of-votes-cast = берілген дауыстардың көпшілігі

# Sentences with numbers.
minutes-quorum-more-than-half = қатысуға құқылылардың жартысынан астамы
minutes-quorum-at-least = қатысуға құқылылардың кемінде { $numerator }/{ $denominator } бөлігі
minutes-vote-heading = № { $number } дауыс беру: { $motion }
minutes-present-with-remote = { $present }, оның ішінде қашықтан — { $remote }
minutes-tally = «жақтады» — { $for }, «қарсы» — { $against }, «қалыс қалды» — { $abstain }
minutes-votes-needed = қабылдау үшін кемінде { $needed } «жақтады» дауысы қажет
minutes-recount-number = № { $number }
minutes-platform-other = Басқа
minutes-anchor-at-close = Отырыс жабылған сәттегі журналдың соңғы жазбасы: { $anchor }
    Тексеру: mandat verify --anchor { $anchor }
minutes-anchor-at-printing = Басып шығарылған сәттегі журналдың соңғы жазбасы: { $anchor }
    Тексеру: mandat verify --anchor { $anchor }

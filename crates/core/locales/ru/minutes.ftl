# Minutes of meetings and conferences.
minutes-failed-quorum = присутствовали { $present } из { $electorate } имеющих право участвовать, необходимо не менее { $needed }
# The fixed words of the minutes.
minutes-title = ПРОТОКОЛ № —
minutes-title-numbered = ПРОТОКОЛ № { $number }
minutes-items = Рассмотрение вопросов повестки дня
minutes-heard = СЛУШАЛИ:
minutes-no-speakers = Выступлений не было.
minutes-resolved = ПОСТАНОВИЛИ:
minutes-nothing-decided = Решение по вопросу не принималось.
minutes-held = Дата и время проведения
minutes-recorded = Внесён в систему
minutes-venue = Место проведения
minutes-convened-by = Созвано решением
minutes-meeting-code = Код заседания
minutes-status-label = Статус
minutes-attendance = Явка
minutes-electorate = Имеют право участвовать
minutes-in-hall = Зарегистрированы в зале
minutes-remote = Участвуют удалённо
minutes-present-total = Всего присутствуют
minutes-credentials = Доклад мандатной комиссии
minutes-credentials-missing = Доклад мандатной комиссии не внесён.
minutes-quorum = Кворум
minutes-quorum-rule = Правило кворума
minutes-quorum-minimum = Необходимый минимум
minutes-present = Присутствуют
minutes-quorum-met = Кворум имеется.
minutes-quorum-not-met = Кворума нет.
minutes-failed = Заседание признано несостоявшимся из-за отсутствия кворума.
minutes-failed-other = Заседание признано несостоявшимся по причине, указанной ниже.
minutes-grounds = Основание
minutes-working-bodies = Рабочие органы
minutes-chair = Председатель
minutes-secretary = Секретарь
minutes-counting-commission = Счётная комиссия
minutes-agenda = Повестка дня
minutes-votes = Голосования
minutes-voted = Голосовали
minutes-decision-rule = Правило принятия решения
minutes-recount = Пересчёт голосов
minutes-result = Итог
minutes-adopted = Решение принято
minutes-rejected = Решение не принято
minutes-not-counted = Голоса не подсчитаны
minutes-delegates = Избранные делегаты
minutes-delegates-to = Конференция
minutes-full-name = Фамилия, имя, отчество
minutes-unit = Организация
minutes-streams = Трансляция
# A meeting's status, and what a vote was on.
minutes-status-planned = запланировано
minutes-status-registration = идёт регистрация участников
minutes-status-open = открыто, протокол предварительный
minutes-status-closed = закрыто
minutes-status-failed = не состоялось
minutes-motion-credentials = утверждение доклада мандатной комиссии
minutes-motion-presidium = избрание председателя, секретаря и счётной комиссии
minutes-motion-agenda = утверждение повестки дня
minutes-motion-delegates = избрание делегатов
minutes-motion-party-list = утверждение партийного списка (редакция)
minutes-motion-resolution = принятие решения
# The kind of meeting, and the rule a vote was decided by.
minutes-meeting-ppo = Собрание первичной партийной организации
minutes-meeting-ppo-extraordinary = Внеочередное собрание первичной партийной организации
minutes-meeting-conference = Конференция
minutes-meeting-conference-extraordinary = Внеочередная конференция
minutes-meeting-congress = Съезд партии
minutes-meeting-congress-extraordinary = Внеочередной съезд партии
minutes-rule-majority-of-present = большинство от числа присутствующих
minutes-rule-two-thirds-of-present = две трети от числа присутствующих
minutes-rule-majority-of-votes-cast = большинство поданных голосов

# Sentences with numbers.
minutes-quorum-more-than-half = более половины имеющих право участвовать
minutes-quorum-at-least = не менее { $numerator }/{ $denominator } имеющих право участвовать
minutes-vote-heading = Голосование № { $number }: { $motion }
minutes-present-with-remote = { $present }, в том числе удалённо — { $remote }
minutes-tally = «за» — { $for }, «против» — { $against }, «воздержались» — { $abstain }
minutes-votes-needed = необходимо голосов «за» — { $needed }
minutes-recount-number = № { $number }
minutes-platform-other = Другое
minutes-anchor-at-close = Последняя запись журнала на момент закрытия: { $anchor }
    Проверка: mandat verify --anchor { $anchor }
minutes-anchor-at-printing = Последняя запись журнала на момент печати: { $anchor }
    Проверка: mandat verify --anchor { $anchor }

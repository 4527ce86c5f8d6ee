# Party-list history: what happened to a list, made from the recorded event's data.
list-meets-every-rule = список соответствует всем правилам
list-breaks-rules = список нарушает правила: { $violations }
list-event-rules = изменены правила списка; { $verdict }
list-event-drafted = в порядке рейтинга в список { $names ->
    [one] включён { $names } кандидат
    [few] включены { $names } кандидата
   *[many] включены { $names } кандидатов
} из { $candidates } зарегистрированных
list-event-no-moves = никто не перемещён
list-event-moved = { $name }: перемещение с места { $from } на место { $to }
list-event-added = { $name }: включение в список на место { $place } (позиция в рейтинге { $rated })
list-event-removed = { $name }: исключение из списка с места { $place }; нижестоящие кандидаты поднимаются на одно место
list-event-withdrew = { $name } (место { $place }): выбытие из списка
list-event-disqualified = { $name } (место { $place }): снятие с регистрации
list-event-successor = место { $place } переходит к кандидату { $name } (позиция в рейтинге { $rated }) — следующему по рейтингу, при котором список соблюдает выполненные правила
list-event-no-successor = занять место некому: оно исключается, нижестоящие кандидаты поднимаются на одно место
list-event-put-to-vote = редакция { $revision } ({ $names ->
    [one] { $names } кандидат
    [few] { $names } кандидата
   *[many] { $names } кандидатов
}) вынесена на голосование — заседание { $meeting }, голосование № { $vote }
list-event-approved = утверждён — заседание { $meeting }, голосование № { $vote }: список закреплён
list-event-rejected = не утверждён — заседание { $meeting }, голосование № { $vote }: список снова является проектом
list-event-cancelled = голосование № { $vote } на заседании { $meeting } отменено: список снова является проектом
# The rules of the 2020 defaults, named in the reader's language.
list-rule-law-women-youth = закон: не менее 30 % женщин и лиц моложе 29 лет
list-rule-party-women = партия: не менее 30 % женщин
list-rule-party-youth = партия: не менее 20 % моложе 35 лет
# The kinds of events in a list's history.
list-kind-drafted = составлен
list-kind-moved = перемещение
list-kind-added = добавлен кандидат
list-kind-removed = исключён кандидат
list-kind-put-to-vote = вынесен на голосование
list-kind-approved = утверждён
list-kind-rejected = не утверждён
list-kind-cancelled = голосование отменено
list-kind-withdrawn = кандидат выбыл
list-kind-disqualified = кандидат снят
list-kind-rules = изменены правила
# The fixed words of a list sheet.
list-sheet-body-label = Представительный орган
list-sheet-seats = Мандатов
list-sheet-election-day = День выборов
list-sheet-status-label = Статус
list-sheet-draft = проект
list-sheet-revision = Редакция
list-sheet-places = Кандидатов в списке
list-sheet-rules = Правила списка
list-sheet-no-rules = Правила для этого списка не заданы.
list-sheet-list = Кандидаты
list-sheet-empty = В списке пока нет кандидатов.
list-sheet-self-nominated = самовыдвижение
list-sheet-places-legend = Праймериз: место в рейтинге (голоса). Конференция: голоса делегатов.
list-sheet-displacements = Перемещения по правилам списка при составлении проекта
list-sheet-no-displacements = Список составлен в порядке рейтинга: никто не перемещён.
list-sheet-violations = Нарушения правил
list-sheet-shortfalls = Чего не хватает среди кандидатов
list-sheet-history = История списка
# The representative body, and a candidate's sex.
list-sheet-body-local-maslikhat = районный (городской) маслихат
list-sheet-body-regional-maslikhat = областной маслихат
list-sheet-body-mazhilis = Мажилис Парламента
list-sheet-sex-male = мужской
list-sheet-sex-female = женский
# The headers of a list sheet's tables and of its CSV, a column a key.
list-sheet-rules-header-1 = Правило
list-sheet-rules-header-2 = Условие
list-sheet-rules-header-3 = Нужно
list-sheet-rules-header-4 = В списке
list-sheet-places-header-1 = №
list-sheet-places-header-2 = Фамилия, имя, отчество
list-sheet-places-header-3 = Год рождения, пол
list-sheet-places-header-4 = Партийная организация
list-sheet-places-header-5 = Кем выдвинут
list-sheet-places-header-6 = Праймериз
list-sheet-places-header-7 = Конференция
list-sheet-csv-header-1 = №
list-sheet-csv-header-2 = Фамилия, имя, отчество
list-sheet-csv-header-3 = Год рождения
list-sheet-csv-header-4 = Пол
list-sheet-csv-header-5 = Первичная партийная организация
list-sheet-csv-header-6 = Филиал
list-sheet-csv-header-7 = Кем выдвинут
list-sheet-csv-header-8 = Место в рейтинге праймериз
list-sheet-csv-header-9 = Голоса на праймериз
list-sheet-csv-header-10 = Голоса на конференции
list-sheet-history-header-1 = №
list-sheet-history-header-2 = Дата
list-sheet-history-header-3 = Событие
list-sheet-history-header-4 = Содержание
list-sheet-history-header-5 = Основание

# Sentences of the sheet with numbers and names.
list-sheet-title = Партийный список — { $target }
list-sheet-under-vote = вынесен на голосование — заседание { $meeting }, голосование № { $vote }
list-sheet-approved = утверждён — заседание { $meeting }, голосование № { $vote }, { $date }
list-sheet-size = Размер списка: от { $min } до { $max } кандидатов (мандатов — { $seats }); в списке — { $length }.
list-sheet-at-least = не менее { $share } — { $group }
list-sheet-placement = в каждом блоке из { $size } мест подряд — не менее одного: { $groups }
list-sheet-ppo-decision = решение ППО — { $ppo }: { $decision }
list-sheet-ppo-decision-short = решение ППО: { $decision }
list-sheet-list-nomination = место { $place } в списке { $list }: { $decision }
list-sheet-candidate-number = кандидат № { $number }
list-sheet-rule-one = правило «{ $rule }»
list-sheet-rule-many = правила { $rules }
list-sheet-moved-up = { $name } { $sex ->
        [female] перемещена
        [male] перемещён
       *[other] перемещён(а)
    } с позиции { $from } в рейтинге на место { $to }: этого требует { $rules }
list-sheet-ahead-of = { $name } занимает место { $place } (позиция в рейтинге { $from }) выше кандидата с более высоким рейтингом — { $passed }: этого требует { $rules }
list-sheet-passed-over = пропущены кандидаты с более высоким рейтингом: { $names }
list-sheet-list-size = размер списка
list-sheet-shortfall = { $rule }: нужно { $needed }, среди кандидатов есть { $available }
list-sheet-anchor = Запись журнала, последней изменившая список: { $anchor }
    Проверка: mandat verify --anchor { $anchor }
# The groups the rules count.
list-group-women = женщины
list-group-youth = лица моложе { $age } лет
list-group-women-or-youth = женщины и лица моложе { $age } лет (каждый учитывается один раз)
# A rule the list breaks.
list-violation-too-short = в списке { $length } кандидатов, нужно не менее { $min }
list-violation-too-long = в списке { $length } кандидатов, допускается не более { $max }
list-violation-quota = «{ $rule }»: нужно не менее { $needed } ({ $group }), в списке { $found }
list-violation-block = «{ $rule }»: на местах { $first }–{ $last } нет никого из: { $groups }
list-violation-duplicate = кандидат № { $candidate } указан дважды
# A list's status in an index.
list-status-draft = проект
list-status-under-vote = на голосовании
list-status-approved = утверждён

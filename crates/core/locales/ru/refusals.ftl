# Отказы: `refusal-<code>` для каждого кода `RuleError` (список — docs/errors.md).
refusal-word-quoted = «{ $word }»
refusal-word-or = или
refusal-term-meeting_status-planned = запланировано
refusal-term-meeting_status-registration = идёт регистрация участников
refusal-term-meeting_status-open = открыто
refusal-term-meeting_status-closed = закрыто
refusal-term-meeting_status-failed = не состоялось
refusal-term-poll_status-scheduled = назначено
refusal-term-poll_status-roll_frozen = список избирателей зафиксирован
refusal-term-poll_status-open = идёт голосование
refusal-term-poll_status-paused = приостановлено
refusal-term-poll_status-closed = голосование завершено
refusal-term-poll_status-counted = голоса подсчитаны
refusal-term-vote_status-open = открыто
refusal-term-vote_status-counted = подсчитано
refusal-term-vote_status-cancelled = отменено
refusal-term-candidacy_status-nominated = выдвинут
refusal-term-candidacy_status-registered = зарегистрирован
refusal-term-candidacy_status-refused = в регистрации отказано
refusal-term-candidacy_status-withdrawn = снял кандидатуру
refusal-term-candidacy_status-lapsed = выбыл (исключён или приостановлен в членстве)
refusal-term-conflict_outcome-mark_struck = отметка участка исключена
refusal-term-conflict_outcome-voted_twice = проголосовал дважды, передано в контрольную комиссию
refusal-term-motion-credentials = утверждение доклада мандатной комиссии
refusal-term-motion-presidium = избрание президиума
refusal-term-motion-agenda = утверждение повестки дня
refusal-term-motion-delegates = избрание делегатов
refusal-term-motion-party_list = утверждение партийного списка
refusal-term-motion-resolution = постановление
refusal-term-decision_rule-majority_of_present = большинство присутствующих
refusal-term-decision_rule-two_thirds_of_present = две трети присутствующих
refusal-term-decision_rule-majority_of_votes_cast = большинство поданных голосов
refusal-term-member_status-active = действующий член партии
refusal-term-member_status-suspended = членство приостановлено
refusal-term-member_status-expelled = исключён из партии
refusal-term-member_status-non_member = не член партии
refusal-term-unit_kind-central = центральный аппарат
refusal-term-unit_kind-region = областной филиал
refusal-term-unit_kind-district = районный филиал
refusal-term-unit_kind-city = городской филиал
refusal-term-unit_kind-primary = первичная партийная организация
refusal-term-presence-hall = в зале
refusal-term-presence-remote = удалённо
refusal-no_actor = не указано, кто подал команду: каждая команда называет того, кто её отдал
refusal-rules_unknown = эта версия программы знает правила до версии { $newest }; версии { $version } среди них нет
refusal-rules_not_newer = уже действуют правила версии { $current }; принять можно только более новую версию (не { $version })
refusal-empty = поле { $field } пустое: укажите значение
refusal-too_long = поле { $field } слишком длинное ({ $len ->
        [one] { $len } символ
        [few] { $len } символа
       *[many] { $len } символов
    }, не более { $max })
refusal-unit_exists = организация { $unit } уже существует (коды постоянны: выберите другой код или используйте rename_unit)
refusal-no_unit = организации { $unit } не существует (сначала создайте её или проверьте код)
refusal-unit_closed = организация { $unit } закрыта: в неё нельзя ничего добавить или перевести
refusal-wrong_parent_kind = организация вида «{ $kind }» не может входить в организацию вида «{ $parent_kind }» ({ $parent })
refusal-needs_parent = организации вида «{ $kind }» нужна вышестоящая организация
refusal-cycle = перевод { $unit } в { $parent } образует цикл ({ $parent } входит в { $unit })
refusal-unit_not_empty = в организации { $unit } остаются открытые нижестоящие организации ({ $open_children }) и действующие члены партии ({ $active_members }): сначала переведите или закройте их
refusal-iin_taken = ИИН { $iin } уже зарегистрирован (член партии в организации { $unit }): один ИИН — один член партии
refusal-phone_taken = телефон { $phone } уже принадлежит другому члену партии (в организации { $unit }): у каждого члена партии свой номер мобильного телефона
refusal-no_member = член партии с ИИН { $iin } не зарегистрирован
refusal-not_primary = члены партии состоят на учёте в первичных партийных организациях, а { $unit } — { $kind }
refusal-too_young_to_join = в день вступления ({ $joined_on }) члену партии было бы { $age ->
        [one] { $age } год
        [few] { $age } года
       *[many] { $age } лет
    }; членами партии становятся с 18 лет
refusal-joined_in_future = дата вступления { $joined_on } позже даты команды ({ $held_at }): нельзя вступить в партию в будущем
refusal-unit_names_unchanged = ничего не изменится: у организации { $unit } уже эти названия
refusal-already_under_parent = ничего не изменится: { $unit } уже входит в { $parent }
refusal-phone_unchanged = ничего не изменится: это уже телефон члена партии
refusal-already_in_unit = ничего не изменится: член партии уже состоит в { $unit }
refusal-status_unchanged = ничего не изменится: статус члена партии уже «{ $status }»
refusal-phone_change_needs_decision = член партии включён в зафиксированный список избирателей голосования { $poll }: до его завершения телефон меняется только по внесённому решению вышестоящей организации (укажите `decision`)
refusal-campaign_exists = кампания { $campaign } уже существует
refusal-no_campaign = кампании { $campaign } не существует (сначала create_campaign)
refusal-time_zone = «{ $zone }» — не название часового пояса IANA (например, Asia/Almaty)
refusal-empty_window = этап { $phase }: он должен заканчиваться позже, чем начинается ({ $starts } .. { $ends })
refusal-local_time = этап { $phase }: время { $local } не существует или неоднозначно в поясе { $zone }
refusal-no_phase = этапа { $phase } в кампании { $campaign } не существует
refusal-self_order = этап { $phase } не может следовать сам за собой
refusal-order = этап { $phase } начинается { $starts }, раньше окончания этапа { $before } ({ $before_ends }), а должен следовать за ним
refusal-phase_needed = от этапа { $phase } зависит этап { $by } (указан в его `after`): сначала измените тот этап
refusal-no_seats = в партийном списке должно быть хотя бы одно место
refusal-no_target = выборов { $target } в кампании { $campaign } не существует
refusal-held_in_future = по команде событие произошло { $held_at }, то есть позже момента записи ({ $recorded_at }): проверьте held_at и часовой пояс
refusal-meeting_exists = заседание { $meeting } уже существует (коды постоянны: выберите другой код)
refusal-no_meeting = заседания { $meeting } не существует (сначала convene_meeting или проверьте код)
refusal-outside_window = заседание { $what ->
        [scheduled] назначено
       *[held] проведено
    } на { $when }, вне этапа { $phase } ({ $starts } .. { $ends }, время кампании): проводите его в сроки этапа
refusal-entry_deadline = протокол заседания { $meeting } можно было внести до { $deadline }: организатор может продлить срок командой set_entry_deadline
refusal-meeting_status = заседание { $meeting }: статус «{ $status }»; чтобы { $action ->
        [open_registration] открыть регистрацию
        [check_in] зарегистрировать участника
        [record_attendance] внести явку
        [check_out] отметить уход участника
        [reissue_card] перевыпустить мандатную карточку
        [report_credentials] внести доклад мандатной комиссии
        [renew_projector_link] обновить ссылку на экран зала
        [open_meeting] открыть заседание
        [record_failed] признать его несостоявшимся
        [close_meeting] закрыть заседание
        [record_speaker] записать выступление
        [vote] проголосовать
        [put_to_vote] поставить вопрос на голосование
        [count_vote] подвести итоги голосования
       *[other] выполнить { $action }
    }, нужен статус { $allowed }
refusal-card_revoked = мандат № { $mandate }: эта карточка (выпуск { $given }) перевыпущена и больше не действует; действующая карточка — выпуск { $current }
refusal-hall_full = зал заполнен ({ $capacity ->
        [one] { $capacity } место
        [few] { $capacity } места
       *[many] { $capacity } мест
    } по санитарной норме): остальные участники участвуют удалённо
refusal-no_quorum = кворума нет: присутствуют { $present } из { $electorate }, чтобы { $action ->
        [open_meeting] открыть заседание
       *[put_to_vote] поставить вопрос на голосование
    }, нужно не менее { $needed }
refusal-no_quorum_for_vote = кворума нет: присутствуют { $present } из { $electorate }, чтобы подвести итоги голосования № { $vote }, нужно не менее { $needed } (отмените голосование и проведите его снова, когда кворум восстановится)
refusal-meetings_missing = { $meeting } не может начаться: нижестоящие организации ({ $count }) не провели свои собрания: { $units }{ $more ->
        [0] {""}
       *[other] {" "}и ещё { $more }
    } (проведите их или внесите excuse_unit с причиной)
refusal-allotment_exceeded = организации { $unit } выделено делегатов: { $seats }, избрано: { $elected }, предложено ещё: { $proposed }; можно предложить не более { $most }
refusal-votes_exceed_present = по залу внесено голосов: { $votes }, а в зале при голосовании присутствовали только { $present }: пересчитайте
refusal-membership_frozen = в организации { $unit } идёт заседание { $meeting } (статус «{ $status }»): состав её членов заморожен до закрытия заседания
refusal-meeting_unit_kind = { $unit } — { $kind }: заседания проводят ППО, районные, городские и областные филиалы (а съезд — центральный аппарат, по правилам устава)
refusal-livestream_url = ссылка на трансляцию «{ $url }» — не веб-адрес: укажите полную ссылку https://
refusal-deadline_before_meeting = срок внесения протокола { $deadline } раньше даты заседания ({ $scheduled_at })
refusal-not_a_rerun = это заседание не может повторить { $failed }: повторное заседание проводится вместо несостоявшегося заседания той же организации в той же кампании ({ $failed }: статус «{ $status }», организация { $unit })
refusal-unit_has_live_meeting = у организации { $unit } уже есть заседание { $meeting } (статус «{ $status }»): сначала проведите его или признайте несостоявшимся
refusal-other_meeting_live = заседание { $meeting } той же организации имеет статус «{ $status }»: сначала закройте его
refusal-no_delegates_elected = никто не вправе участвовать в заседании { $meeting }: делегаты на эту конференцию ещё не избраны
refusal-no_active_members = никто не вправе участвовать в заседании { $meeting }: в ППО нет действующих членов партии
refusal-card_without_mandate = выпуск карточки (`card`) указывается вместе с номером мандата
refusal-not_a_card = это не код мандатной карточки (он начинается с MANDAT-CARD:)
refusal-forged_card = код карточки повреждён или выдан не этой системой: проверьте карточку по номеру мандата и удостоверению личности у стола регистрации
refusal-card_for_other_meeting = эта карточка выдана на { $card_meeting }, а не на { $meeting }
refusal-already_checked_in = { $who } уже зарегистрирован(а) ({ $mode }): чтобы изменить форму участия, сначала отметьте уход
refusal-sheet_entry = строка { $entry } листа регистрации ({ $mode }, { $iin }): { $refusal }
refusal-counted_twice = уже зарегистрирован(а): никто не учитывается дважды
refusal-not_checked_in = { $who } не зарегистрирован(а)
refusal-in_hall_no_confirmation = { $who } находится в зале: присутствие подтверждают только участвующие удалённо
refusal-already_confirmed = { $who } уже подтвердил(а) присутствие на голосовании № { $vote }
refusal-already_voted_in_vote = { $who } уже проголосовал(а) в голосовании № { $vote }
refusal-hall_all_counted = все присутствующие в зале ({ $present }) уже учтены
refusal-vote_still_open = голосование № { $vote } ещё открыто: сначала подведите итоги или отмените его
refusal-no_presidium = у заседания нет избранных председателя и секретаря: они подписывают протокол, поэтому сначала изберите их (put_to_vote с вопросом presidium)
refusal-not_excusable = { $unit } — { $kind }: освобождаются от участия в вышестоящей конференции только ППО и филиалы
refusal-unit_has_meeting = у организации { $unit } есть заседание { $meeting } (статус «{ $status }»): освобождение даётся организации, которая не смогла провести заседание
refusal-name_participant = укажите участника по `iin` или по номеру мандата `mandate` — одно из двух
refusal-ppo_no_mandates = на собрании ППО нет мандатных карточек: укажите `iin` члена партии
refusal-no_mandate_of = член партии { $iin } не имеет мандата заседания { $meeting }: участвуют только избранные на него делегаты
refusal-not_ppo_member = { $iin } не является действующим членом партии в { $unit } («{ $status }», { $member_unit }): участвуют только члены этой ППО
refusal-no_such_mandate = у заседания { $meeting } нет мандата № { $number } (выданы мандаты с 1 по { $issued })
refusal-no_such_vote = у заседания { $meeting } нет голосования № { $vote }
refusal-vote_not_open = голосование № { $vote } не открыто (статус «{ $status }»)
refusal-held_before_opened = заседание { $meeting } открыто { $opened }: по команде событие произошло раньше ({ $held_at }); проверьте held_at
refusal-failure_cause_needed = укажите, почему заседание не состоялось: cause no_quorum (записываются числа зарегистрированных) или other (в протоколе будет ваша причина)
refusal-quorum_present = зарегистрировано { $present } из { $electorate }, для кворума нужно { $needed }: заседание нельзя признать несостоявшимся из-за отсутствия кворума (откройте его или укажите cause other с настоящей причиной)
refusal-out_of_time_order = заседание { $meeting }: команда датирована { $held_at }, раньше, чем { $step ->
        [opened] заседание было открыто
        [vote_put] было поставлено на голосование № { $vote }
       *[vote_counted] были подсчитаны голоса по голосованию № { $vote }
    } ({ $at }): внутри заседания регистрация учитывается в голосованиях, поставленных после неё, подсчёт следует за голосованием, а закрытие — за последним подсчётом; проверьте held_at
refusal-conference_unit_kind = { $unit } — { $kind }: делегаты избираются на конференции районных, городских и областных филиалов (и на съезд, по правилам устава)
refusal-norm_frozen = { $unit } уже избрала делегатов на эту конференцию: норма представительства после начала выборов не меняется
refusal-allotment_invalid = { $unit }: { $error }
refusal-not_conference_delegate = член партии { $iin } не является делегатом конференции { $unit }
refusal-already_delegate = член партии { $iin } уже является делегатом этой конференции
refusal-replacement_not_member = замена должна быть действующим членом партии в { $unit } (организации, избравшей делегата)
refusal-mandates_frozen = конференция { $conference } уже открыла регистрацию (статус «{ $status }»): мандаты зафиксированы; делегатов заменяют до открытия регистрации
refusal-vote_number_zero = голосования нумеруются с 1
refusal-vote_number_taken = у заседания { $meeting } уже есть голосование № { $number }: каждому голосованию — новый номер (следующий — { $next })
refusal-named_twice_in_motion = член партии { $iin } назван в предложении дважды
refusal-no_counting_commission = назовите хотя бы одного члена счётной комиссии
refusal-not_present = член партии { $iin } не присутствует: председатель, секретарь и счётная комиссия избираются из присутствующих
refusal-candidate_not_member = кандидат { $iin } не является действующим членом партии в { $unit } («{ $status }», { $member_unit })
refusal-candidate_already_delegate = кандидат { $iin } уже является делегатом конференции { $unit }
refusal-presidium_first = сначала изберите председателя, секретаря и счётную комиссию и утвердите повестку дня (вопросы presidium и agenda)
refusal-no_agenda_item = в повестке дня вопросов: { $items }; вопроса № { $item } в ней нет (вопросы нумеруются с 1)
refusal-top_of_ladder = это заседание — вершина своей лестницы и не избирает делегатов: съезд либо областная конференция без центрального аппарата над ней или по первым правилам (выдвижение в список по выборам в Мажилис — решение о партийном списке)
refusal-no_unit_above = у организации { $unit } нет вышестоящей организации
refusal-no_allotment = организации { $unit } не выделены делегаты на конференцию { $parent }: сначала внесите норму представительства (set_representation для { $parent })
refusal-recount_not_counted = итоги голосования № { $vote } ещё не подведены: причина пересчёта указывается только при повторном подсчёте
refusal-recount_needs_reason = итоги голосования № { $vote } уже подведены: для пересчёта укажите `recount_reason`
refusal-recount_not_latest = после него проведено голосование № { $later }: пересчитать можно только последнее голосование
refusal-vote_cancelled = голосование № { $vote } отменено
refusal-count_too_large = слишком большое число голосов
refusal-vote_count_invalid = итоги голосования не сходятся: { $error }
refusal-poll_exists = голосование { $poll } уже существует (коды постоянны: выберите другой код)
refusal-poll_times_order = дата фиксации списка избирателей ({ $roll_cutoff }) должна быть не позже открытия ({ $opens_at }), а открытие — раньше закрытия ({ $closes_at })
refusal-phase_missing = укажите этап кампании, к которому это относится (`phase`): по правилам устава { $what ->
        [create_poll] голосование членов партии проводится
       *[schedule_debate] дебаты проводятся
    } в пределах этапа
refusal-outside_phase = { $from } .. { $to } выходит за этап { $phase } ({ $starts } .. { $ends }, время кампании): перенесите внутрь этапа или измените этап командой set_phase
refusal-seats_out_of_range = число мест должно быть от 1 до числа вариантов ({ $options }), а не { $seats }
refusal-instant_runoff_one_seat = рейтинговое голосование с выбыванием избирает одного: укажите seats 1 или stv для нескольких мест
refusal-outside_poll_window = голосование { $poll } открывается { $opens_at } и закрывается { $closes_at }: момент { $held_at } вне этого времени
refusal-poll_due_to_close = голосование { $poll } должно было закрыться { $closes_at }: сначала продлите его
refusal-extension_not_later = продление переносит закрытие позже { $closes_at }; { $given } — не позже
refusal-reopen_close_in_past = повторно открытому голосованию нужно закрытие позже текущего момента ({ $held_at }), а не { $closes_at }
refusal-station_already_entered = участок { $station } уже внёс свои итоги по голосованию { $poll }; исправление — решение счётной комиссии, оформляемое новым голосованием
refusal-no_station_conflict = в голосовании { $poll } нет конфликта на участке { $station } по члену партии с ИИН { $iin } (см. mandat poll conflicts)
refusal-conflict_resolved = конфликт на участке { $station } по члену партии с ИИН { $iin } уже разрешён ({ $outcome }); решение остаётся в силе
refusal-conflicts_unresolved = в голосовании { $poll } неразрешённых конфликтов участков (член партии отмечен дважды): { $unresolved }; счётная комиссия разрешает каждый (resolve_station_conflict) до подсчёта
refusal-ranked_needs_ballots = голоса в { $poll } считаются методом { $method }: вносите бумажные бюллетени по одному (`ballots`), а не числа голосов по вариантам
refusal-unknown_station_option = участок { $station }: варианта «{ $option }» нет в бюллетене { $poll } (варианты: { $options })
refusal-paper_ballot_invalid = участок { $station }, бумажный бюллетень { $ballot }: { $problem }
refusal-station_ballots_exceed_voters = участок { $station } внёс бюллетеней: { $entered } (включая испорченные), а отметил в списке избирателей только { $marked }: пересчитайте
refusal-no_poll = голосования { $poll } не существует (сначала create_poll)
refusal-poll_status = голосование { $poll }: статус «{ $status }»; чтобы { $action ->
        [open] открыть его
        [pause] приостановить его
        [resume] возобновить его
        [extend] продлить его
        [close] закрыть его
        [reopen] открыть его повторно
        [enter_station_results] внести бумажные итоги участка
        [freeze_roll] зафиксировать список избирателей
        [cast_ballots] принимать бюллетени
        [publish_checkpoint] опубликовать контрольную точку
        [reconcile_station] сверить список участка
        [mark_station_voters] отмечать избирателей на участке
        [seal_ballots] опечатать урну
        [count] подсчитать голоса
       *[other] выполнить { $action }
    }, нужен статус { $allowed }
refusal-outside_nomination = кандидаты выдвигаются и регистрируются на этапе { $phase } ({ $starts } .. { $ends }); момент { $held_at } вне его
refusal-nominates_own_members = ППО выдвигает своих членов: кандидат состоит в { $member_unit }, а не в { $unit }
refusal-already_candidate = { $name } уже кандидат на выборах { $target } («{ $status }»)
refusal-candidate_elsewhere = { $name } уже выдвинут(а) в этой кампании по списку { $first } ({ $status }): один человек — одна кандидатура в кампании, если правила обоих списков не разрешают иного (other_candidacies)
refusal-not_eligible = { $name } не может быть кандидатом на выборах { $target }: { $reasons }
refusal-not_candidate = { $name } не является кандидатом на выборах { $target } (сначала nominate_candidate)
refusal-candidacy_not_nominated = кандидатура уже имеет статус «{ $status }»: зарегистрировать или отказать можно только выдвинутому кандидату
refusal-candidacy_already = кандидатура уже имеет статус «{ $status }»
refusal-debate_exists = дебаты { $debate } уже существуют
refusal-debate_too_few = в дебатах участвуют не менее двух человек
refusal-debater_not_registered = в дебатах участвуют только зарегистрированные кандидаты; кандидатура { $iin } — «{ $status }»
refusal-listed_twice = { $iin } указан(а) дважды
refusal-debate_livestream_url = ссылка на трансляцию «{ $url }» — не веб-адрес: укажите полную ссылку https:// (не более 500 символов)
refusal-no_debate = дебатов { $debate } не существует (сначала schedule_debate)
refusal-debate_quotas_frozen = квоты дебатов по { $target } закреплены: по ним уже приглашены участники { $debate }
refusal-debate_quotas_invalid = места { $target } нельзя распределить между нижестоящими подразделениями: { $problem }
refusal-no_debate_quota = у { $unit } нет участников дебатов по { $target }: сначала внесите set_debate_quotas (подразделение с 0 мест никого не приглашает)
refusal-debate_started = дебаты { $debate } начались в { $starts_at }: на приглашение отвечают до начала
refusal-options_not_debaters = в рейтинговом голосовании по дебатам { $debate } варианты — ровно те кандидаты, кто в них участвовал; не хватает: { $missing }; не участвовали: { $extra }
refusal-debate_not_of_meeting = дебаты { $debate } проведены по { $target } в { $unit }: рейтинговое голосование по ним — на конференции этого подразделения и по этому списку
refusal-debate_not_held_yet = дебаты { $debate } начинаются { $starts_at }: вносите их после проведения
refusal-not_debater = { $name } не участвует в дебатах { $debate }
refusal-option_count = в голосовании от 1 до { $max } вариантов, а не { $given }
refusal-option_twice = вариант «{ $option }» указан дважды
refusal-option_not_registered = вариант «{ $option }»: кандидатура имеет статус «{ $status }», в бюллетень включаются только зарегистрированные кандидаты
refusal-candidates_missing = в бюллетень включаются все зарегистрированные кандидаты на выборах { $target }; не хватает кандидатов № { $numbers }
refusal-roll_before_cutoff = список избирателей голосования { $poll } фиксируется в { $cutoff }, не раньше
refusal-empty_electorate = круг избирателей голосования { $poll } пуст: в списке никого бы не было
refusal-ballots_outside_window = голосование { $poll } идёт { $opens_at } .. { $closes_at }; бюллетени на момент { $held_at } вне этого времени
refusal-batch_mismatch = в пакете столько же избирателей, сколько бюллетеней (избирателей: { $voters }, бюллетеней: { $ballots })
refusal-batch_unsorted = в пакете избиратели и листья перечисляются по порядку и без повторов (никогда в порядке подачи)
refusal-not_on_roll = { $iin } нет в списке избирателей голосования { $poll }
refusal-already_voted = { $iin } уже проголосовал(а) в голосовании { $poll }
refusal-checkpoint_not_after = контрольная точка { $poll } идёт после последней ({ $last }); { $at } — не позже неё
refusal-checkpoint_unsorted = новые листья контрольной точки перечисляются по порядку и без повторов
refusal-leaf_committed = лист { $leaf } голосования { $poll } уже зафиксирован
refusal-checkpoint_mismatch = контрольная точка { $poll } не совпадает с записью: в ней избирателей { $voters }, бюллетеней { $ballots }, корень { $root }; в записи отмечено онлайн избирателей { $marked }, зафиксировано бюллетеней { $committed }, корень { $record_root }
refusal-station_outside_window = голосование { $poll } идёт { $opens_at } .. { $closes_at }: момент { $held_at } вне этого времени
refusal-station_not_on_roll = { $name } ({ $iin }) нет в списке избирателей голосования { $poll }: откажите в выдаче бюллетеня
refusal-station_already_voted = { $name } уже проголосовал(а) в голосовании { $poll } ({ $station ->
        [online] онлайн
       *[other] на участке { $station }
    }): откажите в выдаче бюллетеня
refusal-sealed_unsorted = опечатанные бюллетени перечисляются в порядке кодов проверки, без повторов
refusal-ballot_already_sealed = бюллетень { $ballot } (код проверки { $tracker }) уже опечатан
refusal-ballot_not_recorded = бюллетень { $ballot } (код проверки { $tracker }) не совпадает ни с одним бюллетенем в журнале: урна была изменена
refusal-sealed_ballot_invalid = бюллетень { $ballot } (код проверки { $tracker }): { $problem }
refusal-not_all_sealed = { $poll }: отмечено онлайн избирателей { $marked }, записано бюллетеней { $recorded }, опечатано { $sealed }; до подсчёта опечатываются все бюллетени (seal_ballots)
refusal-seed_mismatch = зерно жребия не совпадает с хешем, зафиксированным для { $poll } ({ $hash }): укажите зафиксированное зерно
refusal-seed_needed = для { $poll } зафиксировано зерно жребия (хеш { $hash }): раскройте его через lot_seed, чтобы подсчитать голоса
refusal-seed_not_committed = для { $poll } зерно жребия не было зафиксировано до закрытия: зерно, указанное сейчас, можно подобрать под нужный исход; подсчитайте без него (равенство решается порядком вариантов)
refusal-cannot_count = голоса в { $poll } нельзя подсчитать: { $problem }
refusal-ratings_failed = рейтинг { $poll }: { $problem }
refusal-no_list_rules = для { $target } не заданы правила списка: сначала внесите set_list_rules
refusal-no_list = у { $target } ещё нет списка: сначала внесите draft_list
refusal-list_being_voted = партийный список { $target } поставлен на голосование ({ $meeting }, голосование № { $vote }): подведите итоги или отмените это голосование, прежде чем { $action ->
        [change_rules] менять его правила
        [draft_again] составлять его заново
        [edit] изменять его
        [nominate] выдвигать в него новых кандидатов
        [vote_again] ставить его на голосование снова
       *[other] { $action }
    }
refusal-list_approved = партийный список { $target } утверждён ({ $meeting }, голосование № { $vote }) и зафиксирован: кандидат выходит из него только через withdraw_from_list с внесённым решением
refusal-list_rules_invalid = правила списка { $target }: { $problem }
refusal-list_too_short = наибольшая длина списка ({ $max_size }) меньше числа мест { $target } ({ $seats }): список должен позволять заполнить все места
refusal-zero_weights = для взвешенного старшинства нужен вес больше нуля хотя бы у одного этапа
refusal-not_in_pool = кандидата № { $id } нет среди кандидатов
refusal-no_longer_registered = кандидат № { $id } в списке больше не зарегистрирован: сначала исключите его из списка
refusal-several_primaries = у { $target } подсчитанных голосований праймериз: { $count } ({ $polls }): список составляется по одному рейтингу праймериз
refusal-primaries_not_counted = список { $target } составляется по рейтингам праймериз, а эти голосования ещё не подсчитаны: { $polls }
refusal-no_registered_candidates = у { $target } нет зарегистрированных кандидатов: зарегистрируйте кандидатов (register_candidate), прежде чем составлять список
refusal-list_draft_failed = { $target }: { $problem }
refusal-already_on_list = { $name } уже в списке на месте { $place }: используйте move
refusal-not_registered_candidate = { $name } не является зарегистрированным кандидатом на выборах { $target }: в список включаются только зарегистрированные кандидаты
refusal-not_on_list = { $name } нет в партийном списке { $target }
refusal-no_such_place = места { $place } нет: укажите место от 1 до { $last }
refusal-list_not_approved = партийный список { $target } ещё не утверждён: пока это проект, кандидата исключают через edit_list (remove) с указанием причины
refusal-not_the_list_below = { $from } — не список подразделения, стоящего непосредственно под { $unit }, в тот же орган, что и { $target }: кандидаты выдвигаются только в список вышестоящего подразделения
refusal-list_below_not_approved = список { $from } ещё не утверждён: сначала его утверждает конференция (put_to_vote, motion party_list)
refusal-already_nominated_from = кандидаты списка { $from } уже выдвинуты в { $target }
refusal-nominated_by_list = выдвижение списком нижестоящего подразделения записывается командой nominate_from_list, а не вводится в nominate_candidate
refusal-wrong_approving_conference = партийный список { $target } утверждает конференция { $unit }, а не заседание { $meeting } (заседание { $meeting_unit })
refusal-list_rule_majority = партийный список утверждается большинством от числа присутствующих делегатов: ставьте его на голосование с правилом majority_of_present
refusal-weaker_rule = в этой кампании решение по вопросу «{ $motion }» принимается так: { $set } (set_decision_rule); правило «{ $rule }» слабее — поставьте вопрос с этим правилом или более строгим
refusal-revision_mismatch = в предложении указана редакция { $revision }, а партийный список { $target } в редакции { $current }: покажите делегатам текущий список и укажите его редакцию
refusal-list_violations = партийный список { $target } нельзя поставить на голосование: { $violations } (сначала измените список)
refusal-lapsed_candidates = кандидаты { $lapsed } в партийном списке { $target } больше не зарегистрированы: исключите их (edit_list) до голосования
refusal-list_changed_since_vote = партийный список { $target } изменился после голосования № { $vote } (теперь редакция { $revision }): пересчёт уже не может его решить; поставьте на голосование текущий список
refusal-unknown_mandate = у заседания { $meeting } нет мандата № { $number }
refusal-credential_meeting_status = заседание { $meeting }: статус «{ $status }»; коды для электронного голосования выдаются, пока идёт регистрация или заседание
refusal-credential_not_checked_in = участник не зарегистрирован на заседании { $meeting }: сначала зарегистрируйте его (код выдаётся при регистрации)
refusal-invalid_code = этот код недействителен: проверьте его буква за буквой или попросите новый у стола регистрации
refusal-code_used = по этому коду уже выполнен вход: попросите новый у стола регистрации (прежний вход перестанет действовать)
refusal-box_only_command = команду { $command } записывает только урна, её не подают: бюллетени подаются через API голосования, а урна сама записывает пакеты, контрольные точки и опечатывание
refusal-file_only_command = { $command } записывается вместе с файлом, а не отдельно: приложите подписанный скан командой `mandat signed-minutes MEETING FILE`
refusal-minutes_not_final = { $meeting } — { $status }: подписанный скан прилагается после закрытия заседания (или если оно не состоялось)
refusal-scan_hash = SHA-256 скана — 64 строчных шестнадцатеричных символа
refusal-scan_type = { $media_type } — не тип скана: приложите файл PDF, JPEG или PNG
refusal-scan_size = в скане { $size } байт: допускается от 1 до { $max } байт
refusal-final_checkpoint_refused = итоговая контрольная точка { $poll } отклонена ({ $refusal }): не изменена ли урна? выполните mandat poll checkpoint { $poll }
error-internal = Внутренняя ошибка: операторы уже знают о ней. Повторите попытку через минуту.
refusal-not_json_command = это не команда в формате JSON: { $detail }
refusal-unknown_field = неизвестное поле `{ $field }` (сверьте написание с docs/commands.md)
refusal-meeting-invalid_fraction = { $numerator }/{ $denominator } — непригодная доля для кворума: знаменатель должен быть больше 0, а числитель — от 1 до знаменателя (например, 2/3)
refusal-meeting-present_exceeds_electorate = присутствующих ({ $present }) больше, чем имеющих право участвовать ({ $electorate }): проверьте регистрацию участников или число имеющих право участвовать
refusal-meeting-negative_count = число { $field } не может быть отрицательным (внесено { $value }): внесите 0 или больше
refusal-meeting-count_too_large = число { $field } внесено как { $value }, больше допустимого ({ $max }): проверьте запись
refusal-meeting-votes_exceed_present = «за» { $for } + «против» { $against } + «воздержались» { $abstain } = { $total }, больше числа присутствующих ({ $present }): пересчитайте голоса или исправьте число присутствующих
refusal-meeting-count_overflow = сумма двух подсчётов больше { $max } ({ $field }): проверьте, верно ли внесены подсчёты в зале и удалённо
refusal-meeting-nobody_present = присутствующие не отмечены, поэтому решение принять нельзя: внесите число присутствующих до итогов
refusal-meeting-zero_members_per_delegate = один делегат от 0 членов партии — не норма: укажите, сколько членов партии представляет один делегат (1 или больше)
refusal-meeting-zero_conference_size = конференцию из 0 делегатов нельзя распределить: укажите численность конференции (1 или больше)
refusal-meeting-no_units = нет организаций, между которыми распределяются делегаты: перечислите организации, направляющие делегатов
refusal-meeting-duplicate_unit = организация { $unit } указана несколько раз: укажите каждую организацию один раз с её общей численностью
refusal-meeting-no_members = ни в одной из перечисленных организаций нет членов партии, поэтому делегатов распределить нельзя: сначала внесите численность организаций
refusal-meeting-minimums_exceed_size = конференция из { $size } делегатов не может дать по { $minimum } делегату(-ов) каждой из { $units } организаций с членами партии: увеличьте конференцию хотя бы до { $needed } или откажитесь от минимума на организацию
refusal-meeting-unknown_unit = делегаты отмечены избранными от организации { $unit }, которой делегаты не выделены: проверьте код организации или включите её в распределение делегатов
refusal-meeting-apportionment = { $detail }
refusal-ineligible-too_young = в день выборов ({ $election_day }) возраст составит { $age }; для этого списка требуется не менее { $min }
refusal-ineligible-not_active = членство: { $status }; баллотироваться могут только действующие члены партии
refusal-ineligible-not_a_member = не член партии; для этого списка членство обязательно (set_eligibility с membership_required false допускает и других)
refusal-ineligible-expelled = исключён из партии; исключённый не может баллотироваться
refusal-ineligible-residency = проживает { $years ->
        [one] { $years } год
        [few] { $years } года
       *[many] { $years } лет
    }; требуется проживание не менее { $min } лет
refusal-ineligible-conviction = имеет непогашенную судимость; у кандидата её быть не должно
refusal-ineligible-corruption_offence = совершил(а) коррупционное правонарушение; такое лицо не может баллотироваться
refusal-ineligible-membership_too_short = стаж членства на день выборов — { $days } дн.; требуется не менее { $min } дн.
refusal-ballot-unknown_option = «{ $option }» — не вариант этого голосования: выбирайте среди показанных вариантов
refusal-ballot-duplicate = «{ $option }» отмечен больше одного раза: отмечайте каждый вариант не более одного раза
refusal-ballot-empty_group = в бюллетене есть пустая группа предпочтений: удалите её или добавьте в неё вариант
refusal-ballot-needs_one_choice = в этом голосовании выбирают один вариант, а отмечено { $given }: отметьте ровно один вариант или ни одного для пустого бюллетеня
refusal-ballot-too_many_choices = выбрано вариантов: { $given }, а можно не более { $max }: снимите отметки, чтобы осталось { $max } или меньше
refusal-ballot-ranking_not_allowed = в этом голосовании выбирают набор вариантов, а не ранжируют их, а в бюллетене уровней предпочтения: { $groups }: поместите все выбранные варианты в одну группу
refusal-internal = внутренняя ошибка: { $what }

# What a count, a rating, a list's rules or a draft found wrong (inside a refusal).
problem-tally-options = варианты голосования нельзя подсчитать: { $problem }
problem-tally-electronic = электронный бюллетень № { $number } отклонён: { $problem }
problem-tally-paper = бумажный бюллетень № { $number } отклонён: { $problem }
problem-stations-need-single-marks = метод { $method } учитывает ранжирование, а итоги участка его не передают: введите бюллетени этого участка по одному
problem-station-unknown-option = участок № { $station } сообщает голоса за «{ $option }», такого варианта в голосовании нет: исправьте данные участка
problem-tally-ballots = бюллетени нельзя подготовить к подсчёту: { $problem }
problem-no-candidates = в голосовании должен быть хотя бы один кандидат
problem-too-many-candidates = кандидатов { $count }, поддерживается не более { $max }
problem-empty-name = у кандидата № { $number } пустое имя
problem-control-character-in-name = в имени кандидата № { $number } есть перевод строки или управляющий символ
problem-duplicate-name = кандидаты № { $first } и № { $second } названы одинаково: «{ $name }»
problem-zero-weight = вес бюллетеня должен быть не меньше 1
problem-unknown-candidate = бюллетень указывает кандидата № { $number }, а кандидатов всего { $count }
problem-repeated-candidate = в бюллетене кандидат № { $number } указан больше одного раза
problem-total-weight-overflow = общий вес бюллетеней не помещается в 64 бита
problem-no-seats = должно замещаться хотя бы одно место
problem-too-many-seats = { $seats } мест нельзя заместить из { $standing } кандидатов
problem-single-winner-only = метод { $method } избирает одного победителя; для { $seats } мест используйте stv
problem-count-too-many-choices = в бюллетене № { $ballot } отмечено { $marked } кандидатов, можно не более { $allowed }
problem-too-many-ballots = хранимых бюллетеней { $count } — больше, чем допускает подсчёт (4 294 967 295); объедините одинаковые бюллетени с весами
problem-rating-unknown-option = подсчёт ранжирует вариант «{ $option }», которого нет среди кандидатов
problem-rating-duplicate-option = у двух кандидатов один вариант «{ $option }»; у каждого кандидата должен быть свой
problem-rating-ranked-twice = подсчёт ранжирует вариант «{ $option }» дважды
problem-zero-denominator = у доли знаменатель должен быть больше нуля
problem-size-bounds = наименьший размер списка ({ $min }) больше наибольшего ({ $max })
problem-empty-block = правилу расстановки нужен блок хотя бы из одного места
problem-no-block-groups = правило расстановки не называет ни одной группы; удалите его или назовите хотя бы одну группу
problem-too-many-block-groups = правило расстановки называет групп: { $groups }; поддерживается не более { $max } (разделите правило или используйте квоты)
problem-block-too-small = правило расстановки требует { $groups } групп в блоках по { $size } мест; в блоке нужно хотя бы одно место на группу
problem-too-many-groups = правила называют различных групп: { $groups }; поддерживается не более { $max }
problem-length-out-of-range = список из { $length } кандидатов вне допустимого размера от { $min } до { $max }
problem-duplicate-candidate = кандидат № { $candidate } указан дважды; каждого кандидата можно указать один раз
problem-candidate-not-on-list = кандидата № { $candidate } нет в списке
problem-no-parties = нет организаций, между которыми делить места
problem-minimums-exceed-seats = минимум { $minimum } для каждой из { $parties } организаций требует больше { $seats } мест
problem-no-votes = у всех организаций 0 голосов, места сверх минимумов распределить нельзя
problem-apportion-too-many-seats = { $seats } мест — больше, чем { $limit }, которые распределяет метод делителей
problem-request-key-too-long = не более 100 символов
problem-request-key-too-few-bits = не менее 128 случайных битов: 32 и более шестнадцатеричных цифр или 22 и более символов base64url (A-Z, a-z, 0-9, - и _)
problem-request-key-repeated = случайные биты, а не один повторённый символ
refusal-poll_not_taking_ballots = голосование { $poll } — статус «{ $status }» ({ $opens_at } .. { $closes_at }): бюллетени принимаются, только пока оно открыто
problem-list-not-approved-for-commission = список { $target } в кампании { $campaign } — { $status }: избирательная комиссия получает только утверждённые списки; сначала поставьте его на голосование конференции и утвердите (put_list_to_vote, затем подсчёт голосов)
problem-no-branches = нет филиалов, между которыми делить места
problem-duplicate-branch = филиал { $branch } указан дважды; укажите каждый филиал один раз
problem-quota-no-members = во всех филиалах 0 членов партии, поэтому { $places } мест нельзя распределить пропорционально
refusal-account_exists = учётная запись { $login } уже существует: выберите другой логин (отключённая запись сохраняет свой логин)
refusal-no_account = учётной записи { $login } нет (сначала add_account или проверьте логин)
refusal-account_disabled = учётная запись { $login } уже отключена
refusal-grant_scope_one = полномочие даётся ровно на одно: подразделение (unit), заседание (meeting) или голосование (poll)
refusal-grant_exists = у { $iin } уже есть роль { $role } для { $scope }
refusal-no_grant = у { $iin } нет роли { $role } для { $scope } (полномочия показывает mandat grant list)
refusal-grant_scope_ended = { $scope } уже в статусе { $status }: полномочие на него не понадобится

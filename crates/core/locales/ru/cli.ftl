cli-refused-in-file = { $file }: строка { $line }: команда { $command } отклонена: { $code }: { $refusal }; ничего не применено
cli-internal-error = ошибка: { $detail }
cli-unreadable-in-file = { $file }: строка { $line }: { $code }: { $error }; ничего не применено

# Import files: what is wrong with a field, a row or the header.
import-field = поле { $field }: { $problem }
import-field-count = в строке полей: { $found }, в заголовке: { $header } ({ $columns })
import-cycle = цепочка вышестоящих организаций этой организации замыкается на неё саму (цикл в дереве организаций): исправьте столбец parent
problem-field-empty = пусто
problem-not-a-date = «{ $text }» — не дата в виде ГГГГ-ММ-ДД
problem-not-a-unit-kind = «{ $text }» — не вид организации (central, region, district, city, primary)
problem-same-iin-in-file = этот же ИИН уже есть в строке { $first }: один ИИН — один член партии
problem-same-phone-in-file = этот же телефон уже есть в строке { $first }: у каждого члена партии свой номер
problem-unknown-column = неизвестный столбец «{ $column }» в заголовке; столбцы: { $expected }
problem-missing-column = в заголовке нет столбца «{ $column }»; столбцы: { $expected }
problem-column-twice = столбец «{ $column }» указан в заголовке дважды
problem-iin-length = в ИИН ровно 12 цифр, а в этом символов: { $length }
problem-iin-not-digit = ИИН состоит только из цифр, а найден символ '{ $found }'
problem-iin-century-digit = 7-я цифра ИИН (век и пол) должна быть от 1 до 6, а здесь { $found } (номер введён с ошибкой)
problem-iin-birth-date = первые шесть цифр ИИН — дата рождения ГГММДД, а { $date } — несуществующая дата
problem-iin-check-digit = контрольная (12-я) цифра ИИН не сходится: должна быть { $expected }, а здесь { $found } (номер введён с ошибкой)
problem-iin-uncheckable = такой номер не может быть ИИН: его контрольную цифру вычислить нельзя (остаток 10 при обоих проходах)
problem-phone-character = в номере телефона допустимы только цифры, пробелы, '+', '-', '(' и ')', а найден символ '{ $found }'
problem-phone-digits = после кода страны +7 нужно 10 цифр (например, +7 701 234 56 78 или 8 701 234 56 78), а здесь цифр: { $digits }
problem-phone-country = принимаются только номера с кодом +7, а этот начинается с +{ $country }
cli-import-empty-file = { $file }: файл пуст; первая строка должна быть заголовком { $header }
cli-import-header = { $file }: строка 1: { $problem }
cli-import-no-rows = { $file }: в файле есть заголовок, но нет строк; импортировать нечего
cli-import-bad-rows = { $listing }
    { $file }: ошибочных строк — { $count }; ничего не импортировано. Исправьте их и импортируйте снова или используйте --skip-invalid, чтобы импортировать правильные строки.
cli-import-skipped = { $listing }
    { $file }: импортировано { $what ->
        [units] организаций
       *[members] членов партии
    } — { $accepted }; ошибочные строки ({ $count }) пропущены и записаны с причинами в { $rejects }. Последняя запись журнала: { $head }
cli-import-done = { $file }: импортировано { $what ->
        [units] организаций
       *[members] членов партии
    } — { $accepted }; последняя запись журнала: { $head }
cli-import-line = { $file }: строка { $line }: { $reason }
cli-import-more = … и ещё ошибочных строк: { $count } (с --skip-invalid все они попадут в файл отказов)
cli-import-csv = { $file }: строка { $line }: CSV не читается ({ $error }); ничего не применено

# Refusals of the command line's input (exit code 2).
cli-no-list-drafted = для { $target } в кампании { $campaign } список ещё не составлен: сначала составьте его (draft_list, см. docs/commands.md), затем выгружайте
cli-no-target-at-all = в кампании { $campaign } нет выборов { $target }, как и никаких других: сначала задайте их (set_target)
cli-no-such-target = в кампании { $campaign } нет выборов { $target }; есть: { $targets }
cli-no-campaign-at-all = нет кампании { $campaign }, как и никакой другой: сначала создайте её (create_campaign)
cli-no-such-campaign = нет кампании { $campaign }; есть кампании: { $campaigns }
cli-no-lists-drafted = в кампании { $campaign } ещё не составлено ни одного списка: сначала составьте их (draft_list, см. docs/commands.md)
cli-cannot-read = { $file }: файл не читается: { $error }
cli-not-utf8 = { $file }: строка { $line }: файл не в кодировке UTF-8.{ $windows1251 ->
        [yes] { " " }Похоже на Windows-1251 (так Excel сохраняет CSV с кириллицей в Windows).
       *[no] { "" }
    } Ничего не применено. Перекодируйте файл и импортируйте снова: `iconv -f WINDOWS-1251 -t UTF-8 { $file } > converted.csv` или в Excel «Сохранить как» → «CSV UTF-8».
cli-unknown-method = неизвестный метод подсчёта «{ $method }»: методы — plurality, approval, approval:K, borda, schulze, irv, stv
cli-ballot-file-line = { $file }: строка { $line }: { $problem }
cli-receipt-not-json = { $file }: это не JSON ({ $error }); укажите квитанцию в том виде, в каком она сохранена со страницы голосования
cli-not-a-receipt = { $file }: это не квитанция ({ $error }); в ней есть poll, tracker, ballot_hash, opening, server_only, key_id и signature
cli-not-counted-yet = голоса в { $poll } ещё не подсчитаны
cli-conflicts-none = { $poll }: нет членов партии, отмеченных дважды
cli-conflict-line = участок { $station }: { $name } (ИИН { $iin }), уже голосовал(а) { $already } — { $state }
cli-conflict-unresolved = не разрешён: счётная комиссия решает до подсчёта (resolve_station_conflict)
cli-conflict-resolved = разрешён: { $outcome } ({ $decision })
cli-conflict-outcome-mark_struck = отметка участка исключена
cli-conflict-outcome-voted_twice = проголосовал(а) дважды, передано в контрольную комиссию
cli-conflict-already-online = онлайн
cli-conflict-already-station = на участке { $station }
cli-no-cards-at-ppo = { $meeting } — собрание ППО: члены партии регистрируются по ИИН, мандатов нет
cli-no-mandates-yet = у { $meeting } ещё нет мандатов: они выдаются при открытии регистрации (open_registration)
cli-no-commands = { $file }: в файле нет команд (по одному объекту JSON в строке; см. docs/commands.md)
cli-cannot-listen = нельзя слушать адрес { $listen }: { $error }
cli-demo-needs-registry = эта часть строится поверх демонстрационного реестра: сначала выполните `mandat demo --part registry` с тем же масштабом и зерном
cli-demo-needs-empty-database = в базе { $db } уже есть записи журнала ({ $entries }); демонстрация строится в пустой базе (выберите другую с помощью --db)
cli-bad-checkpoint-step = --checkpoint-step: { $error }
cli-bad-turnout = --turnout задаётся в промилле: от 0 до 1000, а не { $turnout }
cli-minutes-what = укажите ЗАСЕДАНИЕ и --out ФАЙЛ или --all и --out-dir ПАПКА
cli-check-in-who = укажите участника: --qr ТЕКСТ, --mandate N или --iin ИИН
# The site secret and the signing key.
cli-key-missing = { $file }: здесь нет { $kind ->
        [secret] секрета сайта
       *[signing] ключа подписи
    }. На основном узле один раз выполните `mandat init`, чтобы создать его; { $kind ->
        [secret] на пункте регистрации скопируйте его с основного узла (затем `chmod 600`)
       *[signing] он хранится только на основном узле: выполните команду там или скопируйте ключ с узла, где он создан (затем `chmod 600`)
    }. Другой файл можно указать с помощью { $option }.
cli-key-too-open = { $file }: { $kind ->
        [secret] секрет сайта
       *[signing] ключ подписи
    } могут читать или изменять другие пользователи (права { $mode }); оставьте доступ только владельцу — `chmod 600 { $file }` — и, если его могли скопировать, создайте новый
cli-key-wrong-size = { $file }: { $kind ->
        [secret] в секрете сайта
       *[signing] в ключе подписи
    } байтов: { $bytes }, а нужно { $kind ->
        [secret] не менее 32
       *[signing] ровно 32 (зерно Ed25519)
    }; восстановите файл из резервной копии или уберите его и выполните `mandat init`, чтобы создать новый
cli-key-not-a-file = { $file }: укажите файл, а не папку
cli-key-made = создан { $kind ->
        [secret] секрет сайта
       *[signing] ключ подписи
    } { $file } (доступ только владельцу)
cli-key-kept = оставлен { $kind ->
        [secret] секрет сайта
       *[signing] ключ подписи
    } { $file } (уже был)
cli-key-made-for-demo = { $why }: создан новый { $kind ->
        [secret] секрет сайта
       *[signing] ключ подписи
    } в { $file } (доступ только владельцу), потому что его не было; для настоящего сайта создайте оба файла командой `mandat init`
cli-key-advice = Храните оба файла отдельно от базы данных и делайте их резервные копии. Секрет сайта скопируйте на пункты регистрации; ключ подписи держите только на основном узле. Опубликуйте открытый ключ до голосования (`mandat poll key` выводит его снова).
cli-upgrade-done = upgrade: строк, записанных прежней версией без типизированных данных, — { $missing }; заполнено по воспроизведению журнала — { $filled } ({ $seconds } с)
cli-upgrade-rules = upgrade: команды начиная с записи журнала { $seq } решаются по правилам версии { $version }; прежние записи сохраняют правила, по которым они записаны

# What the command line prints.
cli-applied = { $file }: применено команд — { $total }; последняя запись журнала { $head }
cli-journal-exported = { $file }: записано записей журнала — { $count } (персональные данные: читать может только владелец файла)
cli-verify-ok = verify: ПРОЙДЕНА — записей журнала { $entries }, последняя { $head }, совпало опорных точек { $anchors }, строк { $rows } в { $tables } таблицах равны воспроизведению{ $signed } ({ $seconds } с)
cli-verify-signed = , подписей контрольных точек { $signatures } в { $polls } голосованиях верны под ключом
cli-verify-failed = verify: НЕ ПРОЙДЕНА — { $problem }
cli-upgrade-failed = upgrade: НЕ ВЫПОЛНЕНО — { $problem }
cli-demo-lists = демо, списки: утверждено { $approved } из { $lists } списков, кандидатов { $names } (квоты подняли { $displacements } на { $displaced } списках); из утверждённого списка выбыли { $left } (по плану { $planned }); конференции, рейтинги и списки за { $seconds } с
cli-demo-rating-votes = демо, рейтинговые голосования: голосований { $polls }, бюллетеней { $ballots }; запечатано и подсчитано за { $seconds } с
cli-demo-stage = демо, { $stage }: применено команд { $accepted } за { $seconds } с; последняя запись журнала { $head }
cli-demo-stage-registry = реестр
cli-demo-stage-ladder = лестница собраний
cli-demo-stage-ladder-before-count = лестница (правила списков, собрания, районные списки)
cli-demo-stage-ladder-after-count = лестница (областные списки, остальное; выбытия в декабре)
cli-demo-stage-primaries-before-vote = праймериз (выдвижение, дебаты, голосования)
cli-demo-stage-primaries-after-close = праймериз (закрытие, протоколы участков)
cli-demo-stage-rehearsal = репетиция (районная конференция открывается через полчаса)
cli-demo-stage-station = участок
cli-demo-primaries = демо, праймериз: подано бюллетеней { $accepted } за { $voting } с; голосований запечатано и подсчитано { $polls } за { $counting } с
cli-demo-files = записаны { $units } и { $members } (членов партии { $count }; персональные данные вымышленных людей)
cli-list-status = статус: { $status }; редакция { $revision }; кандидатов { $names } на { $seats } { $seats ->
        [one] мандат
        [few] мандата
       *[many] мандатов
    }
cli-list-primaries-votes = праймериз { $place } ({ $votes } { $votes ->
        [one] голос
        [few] голоса
       *[many] голосов
    })
cli-list-primaries = праймериз { $place }
cli-list-no-primaries = без праймериз
cli-list-conference-votes = , конференция { $votes } { $votes ->
        [one] голос
        [few] голоса
       *[many] голосов
    }
cli-list-row = { $name } ({ $born }, { $sex }) — { $unit }; рейтинг { $rated }: { $primaries }{ $conference }
cli-list-no-violations = нарушений правил нет
cli-list-violations = нарушения правил:
cli-list-shortfall = недостаёт: «{ $rule }» требует { $needed }, среди кандидатов { $available }
cli-anchor = запись журнала: { $anchor }
cli-commission-written = { $file }: кандидатов для избирательной комиссии { $names } (персональные данные: читать может только владелец файла); { $manifest }: sha256 { $sha256 }, запись журнала { $anchor }
cli-list-written = список { $target } ({ $status }, редакция { $revision }, запись журнала { $anchor }) записан в { $file }
cli-lists-written = списки кампании { $campaign } ({ $count }, утверждено { $approved }) записаны в { $dir } в CSV и PDF
cli-minutes-written = протокол { $meeting } ({ $status }, запись журнала { $anchor }) записан в { $file }
cli-minutes-all-written = протоколы заседаний ({ $count }) записаны в { $dir } за { $seconds } с
cli-cards-written = мандаты { $meeting } ({ $count }) записаны в { $file }
cli-status-heading = { $unit } — кампания { $campaign }
cli-status-kind = { $kind }: организаций { $units }, проведено { $held }, не состоялось { $failed }, идёт { $open }, регистрация { $registration }, запланировано { $planned }
cli-status-kind-ppo_meeting = собрания ППО
cli-status-kind-branch_conference = конференции районных и городских филиалов
cli-status-kind-regional_conference = областная конференция
cli-status-kind-congress = съезд партии
cli-status-pending = ещё не провели заседания: { $count }
cli-status-delegates = избрано делегатов { $elected } из { $allotted } по норме
cli-status-shortfall = недобор: { $unit } избрала { $elected } из { $allotted }
cli-status-now = сейчас: { $meeting } ({ $unit }) — { $status }
cli-checked-in = зарегистрирован (запись журнала { $head })
cli-vote-code = код для электронного голосования: { $code }  (передайте участнику; им один раз входят с телефона)
cli-box-audit = { $poll }: отмечено проголосовавших онлайн { $voters }, бюллетеней в урне { $ballots }, зафиксировано в журнале { $committed } (ожидают { $held })
cli-latest-checkpoint = последняя контрольная точка { $at }: проголосовавших { $voters }, зафиксировано бюллетеней { $ballots }, корень { $root } (ключ { $key })
cli-no-checkpoint = контрольных точек ещё нет: урна фиксирует первую группу, когда накопится достаточно бюллетеней, и всегда при закрытии
cli-box-alarm = ТРЕВОГА: урна голосования { $poll } не сходится с журналом — { $problems }. Приостановите голосование (pause_poll) и вызовите счётную комиссию.
cli-receipt-bad-signature = подпись квитанции неверна под открытым ключом { $public_key } (ключ { $key }): её выдала не эта урна, или её изменили
cli-receipt-signed = подпись: верна (ключ { $key }); урна приняла трекер { $tracker } в { $poll }
cli-receipt-not-on-board = трекера { $tracker } с этим хэшем бюллетеня нет в опубликованных итогах { $poll }: сообщите счётной комиссии и приложите квитанцию
cli-receipt-on-board = итоги: бюллетень опубликован в том виде, в каком подан, и подсчитан
cli-receipt-not-in-box = бюллетеня с трекером { $tracker } и этим хэшем нет в урне { $poll }: сообщите счётной комиссии и приложите квитанцию
cli-receipt-held-back = урна: бюллетень в урне в том виде, в каком подан; его лист ожидает, пока группа не будет зафиксирована контрольной точкой (не позднее закрытия)
cli-receipt-not-proven = контрольная точка { $poll } от { $at } не подтверждает этот бюллетень (подпись или доказательство включения не сходятся): сообщите счётной комиссии
cli-receipt-proven = контрольная точка: бюллетень — лист { $leaf } из { $size } под корнем { $root }, подписанным { $at } (доказательство включения проверено)
cli-poll-counted = { $poll }: закрыто, запечатано и подсчитано (запись журнала { $head })
cli-poll-ballots = бюллетеней: онлайн { $online }, на бумаге { $paper }; метод { $method }
cli-recount-with = пересчёт: mandat tally --method { $method } { $file }
cli-quotas-heading = { $places } мест списка { $target } ({ $name }) между организациями под { $unit } по методу { $method }:
cli-quotas-unit = организация
cli-quotas-members = членов
cli-quotas-places = мест
cli-quotas-debaters = дебатов
cli-tally-heading = { $method } — бюллетеней { $ballots }, мест { $seats }
cli-tally-winners = избраны: { $winners }
cli-tally-tie = равенство разрешено: { $tie }
cli-signed-minutes = подписанный скан протокола { $meeting } приложен: { $size } байт, SHA-256 { $sha256 }; запись журнала { $seq }
cli-bad-sms-gateway = шлюз SMS нельзя использовать: { $error }
cli-demo-live = демо на сегодняшнем календаре: 2020 год сдвинут вперёд на { $days } дн., поэтому праймериз членов партии идут сейчас (второй из трёх дней); подано { $accepted } бюллетеней 2020 года до этого часа
cli-demo-guide = Демо: откройте http://{ $address }/signin в браузере размером с телефон и войдите с одним из этих ИИН; одноразовые коды записываются в { $outbox } и видны на http://{ $address }/demo/outbox. (`mandat demo accounts --json` выведет список снова.)
cli-demo-guide-no-voters = Голосовать больше некому: в открытых голосованиях проголосовали все из списков или открытых голосований нет (`mandat serve --demo --live` на пустой базе открывает праймериз сейчас).
cli-demo-guide-account = Учётная запись { $login } ({ $role }, { $unit }): пароль { $password }; аутентификатор { $uri } (или `mandat demo totp { $login }` для текущего кода); вход через POST /api/staff/signin
cli-demo-guide-grant = { $iin }  { $name }: { $role }, { $scope } (входит как член партии, по ИИН и коду)
cli-demo-no-account = здесь нет демо-учётной записи { $login }: `mandat serve --demo --live` записывает их в mandat-demo-staff.json в каталоге, где запущен
cli-notices-refused = уведомления не отправлены: { $reason }
cli-notices-failed = не отправлено уведомлений: { $failed } (см. журнал работы); запустите команду снова, чтобы повторить

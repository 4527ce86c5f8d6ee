cli-refused-in-file = { $file }: { $line }-жол: { $command } командасы қабылданбады: { $code }: { $refusal }; ештеңе қолданылмады
cli-internal-error = қате: { $detail }
cli-unreadable-in-file = { $file }: { $line }-жол: { $code }: { $error }; ештеңе қолданылмады

# Import files: what is wrong with a field, a row or the header.
import-field = { $field } өрісі: { $problem }
import-field-count = жолда өрістер саны { $found }, тақырыпта { $header } ({ $columns })
import-cycle = бұл ұйымның жоғары тұрған ұйымдар тізбегі өзіне қайта оралады (ұйымдар ағашындағы цикл): parent бағанын түзетіңіз
problem-field-empty = бос
problem-not-a-date = «{ $text }» ЖЖЖЖ-АА-КК түріндегі күн емес
problem-not-a-unit-kind = «{ $text }» ұйым түрі емес (central, region, district, city, primary)
problem-same-iin-in-file = осы ЖСН { $first }-жолда бар: бір ЖСН — бір партия мүшесі
problem-same-phone-in-file = осы телефон { $first }-жолда бар: әр партия мүшесінің өз нөмірі болады
problem-unknown-column = тақырыпта белгісіз «{ $column }» бағаны; бағандар: { $expected }
problem-missing-column = тақырыпта «{ $column }» бағаны жоқ; бағандар: { $expected }
problem-column-twice = тақырыпта «{ $column }» бағаны екі рет көрсетілген
problem-iin-length = ЖСН-де дәл 12 цифр болады, ал мұнда таңбалар саны { $length }
problem-iin-not-digit = ЖСН тек цифрлардан тұрады, ал '{ $found }' таңбасы табылды
problem-iin-century-digit = ЖСН-нің 7-цифры (ғасыр және жыныс) 1-ден 6-ға дейін болуы керек, ал мұнда { $found } (нөмір қате терілген)
problem-iin-birth-date = ЖСН-нің алғашқы алты цифры — туған күн ЖЖААКК, ал { $date } — жоқ күн
problem-iin-check-digit = ЖСН-нің бақылау (12-) цифры сәйкес емес: { $expected } болуы керек, ал мұнда { $found } (нөмір қате терілген)
problem-iin-uncheckable = бұл нөмір ешқашан ЖСН бола алмайды: оның бақылау цифрын есептеу мүмкін емес (екі өтуде де қалдық 10)
problem-phone-character = телефон нөмірінде тек цифрлар, бос орындар, '+', '-', '(' және ')' болуы мүмкін, ал '{ $found }' таңбасы табылды
problem-phone-digits = +7 ел кодынан кейін 10 цифр қажет (мысалы, +7 701 234 56 78 немесе 8 701 234 56 78), ал мұнда цифрлар саны { $digits }
problem-phone-country = тек +7 жоспарының нөмірлері қабылданады, ал бұл нөмір +{ $country } деп басталады
cli-import-empty-file = { $file }: файл бос; бірінші жол { $header } тақырыбы болуы керек
cli-import-header = { $file }: 1-жол: { $problem }
cli-import-no-rows = { $file }: файлда тақырып бар, бірақ жолдар жоқ; импорттайтын ештеңе жоқ
cli-import-bad-rows = { $listing }
    { $file }: қате жолдар саны { $count }; ештеңе импортталған жоқ. Оларды түзетіп, қайта импорттаңыз немесе дұрыс жолдарды импорттау үшін --skip-invalid қолданыңыз.
cli-import-skipped = { $listing }
    { $file }: импортталды — { $what ->
        [units] ұйымдар
       *[members] партия мүшелері
    }: { $accepted }; қате жолдар ({ $count }) өткізіліп, себептерімен { $rejects } файлына жазылды. Журналдың соңғы жазбасы: { $head }
cli-import-done = { $file }: импортталды — { $what ->
        [units] ұйымдар
       *[members] партия мүшелері
    }: { $accepted }; журналдың соңғы жазбасы: { $head }
cli-import-line = { $file }: { $line }-жол: { $reason }
cli-import-more = … тағы қате жолдар: { $count } (--skip-invalid арқылы олардың бәрі бас тарту файлына жазылады)
cli-import-csv = { $file }: { $line }-жол: CSV оқылмайды ({ $error }); ештеңе қолданылған жоқ

# Refusals of the command line's input (exit code 2).
cli-no-list-drafted = { $campaign } науқанында { $target } үшін тізім әлі жасалмаған: алдымен оны жасаңыз (draft_list, docs/commands.md қараңыз), содан кейін экспорттаңыз
cli-no-target-at-all = { $campaign } науқанында { $target } сайлауы жоқ, басқасы да жоқ: алдымен оны белгілеңіз (set_target)
cli-no-such-target = { $campaign } науқанында { $target } сайлауы жоқ; барлары: { $targets }
cli-no-campaign-at-all = { $campaign } науқаны жоқ, басқасы да жоқ: алдымен оны жасаңыз (create_campaign)
cli-no-such-campaign = { $campaign } науқаны жоқ; бар науқандар: { $campaigns }
cli-no-lists-drafted = { $campaign } науқанында әлі бірде-бір тізім жасалмаған: алдымен оларды жасаңыз (draft_list, docs/commands.md қараңыз)
cli-cannot-read = { $file }: файл оқылмайды: { $error }
cli-not-utf8 = { $file }: { $line }-жол: файл UTF-8 кодтауында емес.{ $windows1251 ->
        [yes] { " " }Windows-1251 сияқты (Excel кириллицасы бар CSV файлын Windows-та осылай сақтайды).
       *[no] { "" }
    } Ештеңе қолданылған жоқ. Файлды қайта кодтап, қайта импорттаңыз: `iconv -f WINDOWS-1251 -t UTF-8 { $file } > converted.csv` немесе Excel-де «Басқаша сақтау» → «CSV UTF-8».
cli-unknown-method = белгісіз санау әдісі «{ $method }»: әдістер — plurality, approval, approval:K, borda, schulze, irv, stv
cli-ballot-file-line = { $file }: { $line }-жол: { $problem }
cli-receipt-not-json = { $file }: бұл JSON емес ({ $error }); түбіртекті дауыс беру бетінен сақталған күйінде беріңіз
cli-not-a-receipt = { $file }: бұл түбіртек емес ({ $error }); онда poll, tracker, ballot_hash, opening, server_only, key_id және signature болады
cli-not-counted-yet = { $poll } дауыстары әлі саналмаған
cli-conflicts-none = { $poll }: екі рет белгіленген партия мүшесі жоқ
cli-conflict-line = { $station } учаскесі: { $name } (ЖСН { $iin }), бұрын дауыс берген: { $already } — { $state }
cli-conflict-unresolved = шешілмеген: есеп комиссиясы санауға дейін шешеді (resolve_station_conflict)
cli-conflict-resolved = шешілді: { $outcome } ({ $decision })
cli-conflict-outcome-mark_struck = учаске белгісі алынып тасталды
cli-conflict-outcome-voted_twice = екі рет дауыс берді, бақылау комиссиясына жіберілді
cli-conflict-already-online = онлайн
cli-conflict-already-station = { $station } учаскесінде
cli-no-cards-at-ppo = { $meeting } — БПҰ жиналысы: партия мүшелері ЖСН бойынша тіркеледі, мандаттар жоқ
cli-no-mandates-yet = { $meeting } отырысында әлі мандаттар жоқ: олар тіркеу ашылғанда беріледі (open_registration)
cli-no-commands = { $file }: файлда командалар жоқ (әр жолда бір JSON нысаны; docs/commands.md қараңыз)
cli-cannot-listen = { $listen } мекенжайын тыңдау мүмкін емес: { $error }
cli-demo-needs-registry = бұл бөлік демонстрациялық тізілімнің үстіне құрылады: алдымен сол ауқым мен дәнмен `mandat demo --part registry` орындаңыз
cli-demo-needs-empty-database = { $db } дерекқорында журнал жазбалары бар ({ $entries }); демонстрация бос дерекқорда құрылады (--db арқылы басқасын таңдаңыз)
cli-bad-checkpoint-step = --checkpoint-step: { $error }
cli-bad-turnout = --turnout мыңдық үлеспен беріледі: 0-ден 1000-ға дейін, { $turnout } емес
cli-minutes-what = ОТЫРЫС пен --out ФАЙЛ немесе --all және --out-dir ҚАЛТА көрсетіңіз
cli-check-in-who = қатысушыны көрсетіңіз: --qr МӘТІН, --mandate N немесе --iin ЖСН
# The site secret and the signing key.
cli-key-missing = { $file }: мұнда { $kind ->
        [secret] сайт құпиясы
       *[signing] қолтаңба кілті
    } жоқ. Негізгі түйінде оны жасау үшін бір рет `mandat init` орындаңыз; { $kind ->
        [secret] тіркеу пунктінде оны негізгі түйіннен көшіріңіз (содан кейін `chmod 600`)
       *[signing] ол тек негізгі түйінде сақталады: команданы сонда орындаңыз немесе кілтті ол жасалған түйіннен көшіріңіз (содан кейін `chmod 600`)
    }. Басқа файлды { $option } арқылы көрсетуге болады.
cli-key-too-open = { $file }: { $kind ->
        [secret] сайт құпиясын
       *[signing] қолтаңба кілтін
    } басқа пайдаланушылар оқи немесе өзгерте алады (рұқсаттар { $mode }); қолжетімділікті тек иесіне қалдырыңыз — `chmod 600 { $file }` — және оны көшіріп алған болуы мүмкін болса, жаңасын жасаңыз
cli-key-wrong-size = { $file }: { $kind ->
        [secret] сайт құпиясында
       *[signing] қолтаңба кілтінде
    } { $bytes } байт, ал { $kind ->
        [secret] кемінде 32
       *[signing] дәл 32 (Ed25519 дәні)
    } байт қажет; файлды сақтық көшірмеден қалпына келтіріңіз немесе оны алып тастап, жаңасын жасау үшін `mandat init` орындаңыз
cli-key-not-a-file = { $file }: қалтаны емес, файлды көрсетіңіз
cli-key-made = { $kind ->
        [secret] сайт құпиясы
       *[signing] қолтаңба кілті
    } жасалды: { $file } (тек иесіне қолжетімді)
cli-key-kept = { $kind ->
        [secret] сайт құпиясы
       *[signing] қолтаңба кілті
    } сақталды: { $file } (бұрыннан бар)
cli-key-made-for-demo = { $why }: жаңа { $kind ->
        [secret] сайт құпиясы
       *[signing] қолтаңба кілті
    } жасалды: { $file } (тек иесіне қолжетімді), себебі ол жоқ еді; нақты сайт үшін екі файлды да `mandat init` арқылы жасаңыз
cli-key-advice = Екі файлды да дерекқордан бөлек сақтаңыз және сақтық көшірмесін жасаңыз. Сайт құпиясын тіркеу пункттеріне көшіріңіз; қолтаңба кілтін тек негізгі түйінде ұстаңыз. Ашық кілтті дауыс беруге дейін жариялаңыз (`mandat poll key` оны қайта шығарады).
cli-upgrade-done = upgrade: бұрынғы нұсқа типтелген деректерсіз жазған жолдар — { $missing }; журналды қайта ойнату бойынша толтырылды — { $filled } ({ $seconds } с)
cli-upgrade-rules = upgrade: журналдың { $seq } жазбасынан бастап командалар { $version } нұсқадағы ережелер бойынша шешіледі; бұрынғы жазбалар өздері жазылған ережелерді сақтайды

# What the command line prints.
cli-applied = { $file }: қолданылған командалар — { $total }; журналдың соңғы жазбасы { $head }
cli-journal-exported = { $file }: журнал жазбалары жазылды — { $count } (дербес деректер: тек файл иесі оқи алады)
cli-verify-ok = verify: ӨТТІ — журнал жазбалары { $entries }, соңғысы { $head }, сәйкес келген тірек нүктелер { $anchors }, { $tables } кестедегі { $rows } жол қайта ойнатуға тең{ $signed } ({ $seconds } с)
cli-verify-signed = , { $polls } дауыс берудегі бақылау нүктелерінің { $signatures } қолтаңбасы кілт бойынша дұрыс
cli-verify-failed = verify: ӨТПЕДІ — { $problem }
cli-upgrade-failed = upgrade: ОРЫНДАЛМАДЫ — { $problem }
cli-demo-lists = демо, тізімдер: { $lists } тізімнің { $approved } бекітілді, кандидаттар { $names } (квоталар { $displaced } тізімде { $displacements } кандидатты көтерді); бекітілген тізімнен шыққандар { $left } (жоспар бойынша { $planned }); конференциялар, рейтингтер мен тізімдер { $seconds } с
cli-demo-rating-votes = демо, рейтингтік дауыс берулер: дауыс берулер { $polls }, бюллетеньдер { $ballots }; { $seconds } с ішінде мөрленіп, саналды
cli-demo-stage = демо, { $stage }: { $seconds } с ішінде { $accepted } команда қолданылды; журналдың соңғы жазбасы { $head }
cli-demo-stage-registry = тізілім
cli-demo-stage-ladder = жиналыстар сатысы
cli-demo-stage-ladder-before-count = саты (тізім ережелері, жиналыстар, аудандық тізімдер)
cli-demo-stage-ladder-after-count = саты (облыстық тізімдер, қалғаны; желтоқсандағы шығулар)
cli-demo-stage-primaries-before-vote = праймериз (ұсыну, дебаттар, дауыс берулер)
cli-demo-stage-primaries-after-close = праймериз (жабу, учаскелердің хаттамалары)
cli-demo-stage-rehearsal = дайындық (аудандық конференция жарты сағаттан кейін ашылады)
cli-demo-stage-station = учаске
cli-demo-primaries = демо, праймериз: { $voting } с ішінде { $accepted } бюллетень берілді; { $counting } с ішінде { $polls } дауыс беру мөрленіп, саналды
cli-demo-files = { $units } және { $members } жазылды (партия мүшелері { $count }; ойдан шығарылған адамдардың дербес деректері)
cli-list-status = мәртебесі: { $status }; { $revision }-нұсқа; { $seats } мандатқа { $names } кандидат
cli-list-primaries-votes = праймериз { $place } ({ $votes } дауыс)
cli-list-primaries = праймериз { $place }
cli-list-no-primaries = праймериз жоқ
cli-list-conference-votes = , конференция { $votes } дауыс
cli-list-row = { $name } ({ $born }, { $sex }) — { $unit }; рейтинг { $rated }: { $primaries }{ $conference }
cli-list-no-violations = ережелер бұзылмаған
cli-list-violations = бұзылған ережелер:
cli-list-shortfall = жетіспейді: «{ $rule }» { $needed } талап етеді, кандидаттар арасында { $available }
cli-anchor = журнал жазбасы: { $anchor }
cli-commission-written = { $file }: сайлау комиссиясына { $names } кандидат (дербес деректер: тек файл иесі оқи алады); { $manifest }: sha256 { $sha256 }, журнал жазбасы { $anchor }
cli-list-written = { $target } тізімі ({ $status }, { $revision }-нұсқа, журнал жазбасы { $anchor }) { $file } файлына жазылды
cli-lists-written = { $campaign } науқанының тізімдері ({ $count }, бекітілгені { $approved }) { $dir } қалтасына CSV және PDF түрінде жазылды
cli-minutes-written = { $meeting } хаттамасы ({ $status }, журнал жазбасы { $anchor }) { $file } файлына жазылды
cli-minutes-all-written = отырыстардың хаттамалары ({ $count }) { $dir } қалтасына { $seconds } с ішінде жазылды
cli-cards-written = { $meeting } мандаттары ({ $count }) { $file } файлына жазылды
cli-status-heading = { $unit } — { $campaign } науқаны
cli-status-kind = { $kind }: ұйымдар { $units }, өтті { $held }, өтпеді { $failed }, жүріп жатыр { $open }, тіркеу { $registration }, жоспарланған { $planned }
cli-status-kind-ppo_meeting = БПҰ жиналыстары
cli-status-kind-branch_conference = аудандық және қалалық филиалдардың конференциялары
cli-status-kind-regional_conference = облыстық конференция
cli-status-kind-congress = партия съезі
cli-status-pending = отырысын әлі өткізбегендер: { $count }
cli-status-delegates = норма бойынша { $allotted } делегаттың { $elected } сайланды
cli-status-shortfall = жетіспеушілік: { $unit } { $allotted } орынның { $elected } сайлады
cli-status-now = қазір: { $meeting } ({ $unit }) — { $status }
cli-checked-in = тіркелді (журнал жазбасы { $head })
cli-vote-code = электрондық дауыс беру коды: { $code }  (қатысушыға беріңіз; онымен телефоннан бір рет кіреді)
cli-box-audit = { $poll }: онлайн дауыс бергендер { $voters }, жәшіктегі бюллетеньдер { $ballots }, журналда бекітілгені { $committed } (күтуде { $held })
cli-latest-checkpoint = соңғы бақылау нүктесі { $at }: дауыс бергендер { $voters }, бекітілген бюллетеньдер { $ballots }, түбір { $root } (кілт { $key })
cli-no-checkpoint = бақылау нүктелері әлі жоқ: жәшік бірінші топты жеткілікті бюллетень жиналғанда және әрдайым жабылғанда бекітеді
cli-box-alarm = ДАБЫЛ: { $poll } дауыс беруінің жәшігі журналмен сәйкес емес — { $problems }. Дауыс беруді тоқтатыңыз (pause_poll) және санақ комиссиясын шақырыңыз.
cli-receipt-bad-signature = түбіртектің қолтаңбасы { $public_key } ашық кілті бойынша дұрыс емес (кілт { $key }): оны бұл жәшік бермеген немесе ол өзгертілген
cli-receipt-signed = қолтаңба: дұрыс (кілт { $key }); жәшік { $poll } үшін { $tracker } трекерін қабылдады
cli-receipt-not-on-board = осы бюллетень хэші бар { $tracker } трекері { $poll } қорытындысында жоқ: түбіртекті қоса санақ комиссиясына хабарлаңыз
cli-receipt-on-board = қорытынды: бюллетень берілген күйінде жарияланған және саналған
cli-receipt-not-in-box = { $tracker } трекері мен осы хэші бар бюллетень { $poll } жәшігінде жоқ: түбіртекті қоса санақ комиссиясына хабарлаңыз
cli-receipt-held-back = жәшік: бюллетень жәшікте берілген күйінде; оның жапырағы тобы бақылау нүктесімен бекітілгенше күтеді (ең кешінде жабылғанда)
cli-receipt-not-proven = { $poll } дауыс беруінің { $at } бақылау нүктесі бұл бюллетеньді растамайды (қолтаңба немесе енгізу дәлелі сәйкес емес): санақ комиссиясына хабарлаңыз
cli-receipt-proven = бақылау нүктесі: бюллетень — { $at } қол қойылған { $root } түбірі астындағы { $size } жапырақтың { $leaf }-і (енгізу дәлелі тексерілді)
cli-poll-counted = { $poll }: жабылды, мөрленді және саналды (журнал жазбасы { $head })
cli-poll-ballots = бюллетеньдер: онлайн { $online }, қағазда { $paper }; әдіс { $method }
cli-recount-with = қайта санау: mandat tally --method { $method } { $file }
cli-quotas-heading = { $target } ({ $name }) тізімінің { $places } орны { $unit } астындағы ұйымдар арасында { $method } әдісімен:
cli-quotas-unit = ұйым
cli-quotas-members = мүшелер
cli-quotas-places = орындар
cli-quotas-debaters = дебаттар
cli-tally-heading = { $method } — бюллетеньдер { $ballots }, орындар { $seats }
cli-tally-winners = сайланғандар: { $winners }
cli-tally-tie = теңдік шешілді: { $tie }
cli-signed-minutes = { $meeting } хаттамасының қол қойылған сканы қосылды: { $size } байт, SHA-256 { $sha256 }; журнал жазбасы { $seq }
cli-bad-sms-gateway = SMS шлюзын пайдалану мүмкін емес: { $error }
cli-demo-live = бүгінгі күнтізбедегі демо: 2020 жыл { $days } күнге алға жылжытылды, сондықтан партия мүшелерінің праймеризі қазір жүріп жатыр (үш күннің екіншісі); осы сағатқа дейін 2020 жылғы { $accepted } бюллетень берілді
cli-demo-guide = Демо: телефон өлшеміндегі браузерде http://{ $address }/signin ашып, осы ЖСН-дердің бірімен кіріңіз; бір реттік кодтар { $outbox } файлына жазылады және http://{ $address }/demo/outbox бетінде көрінеді. (`mandat demo accounts --json` тізімді қайта шығарады.)
cli-demo-guide-no-voters = Дауыс беретін ешкім қалмады: ашық дауыс берулердің тізіміндегілердің бәрі дауыс берді немесе ашық дауыс беру жоқ (бос дерекқорда `mandat serve --demo --live` праймеризді қазір ашады).
cli-demo-guide-account = { $login } есептік жазбасы ({ $role }, { $unit }): құпиясөз { $password }; аутентификатор { $uri } (немесе ағымдағы код үшін `mandat demo totp { $login }`); POST /api/staff/signin арқылы кіру
cli-demo-guide-grant = { $iin }  { $name }: { $role }, { $scope } (партия мүшесі ретінде ЖСН мен кодпен кіреді)
cli-demo-no-account = мұнда { $login } демо есептік жазбасы жоқ: `mandat serve --demo --live` оларды іске қосылған каталогтағы mandat-demo-staff.json файлына жазады
cli-notices-refused = хабарламалар жіберілмеді: { $reason }
cli-notices-failed = жіберілмеген хабарламалар: { $failed } (жұмыс журналын қараңыз); қайталау үшін команданы қайта іске қосыңыз

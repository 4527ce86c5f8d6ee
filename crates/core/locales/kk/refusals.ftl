# Бас тартулар: `RuleError` әр коды үшін `refusal-<code>` (тізімі — docs/errors.md).
refusal-word-quoted = «{ $word }»
refusal-word-or = немесе
refusal-term-meeting_status-planned = жоспарланған
refusal-term-meeting_status-registration = қатысушыларды тіркеу жүріп жатыр
refusal-term-meeting_status-open = ашық
refusal-term-meeting_status-closed = жабық
refusal-term-meeting_status-failed = өтпеді
refusal-term-poll_status-scheduled = тағайындалған
refusal-term-poll_status-roll_frozen = сайлаушылар тізімі бекітілген
refusal-term-poll_status-open = дауыс беру жүріп жатыр
refusal-term-poll_status-paused = тоқтатыла тұрған
refusal-term-poll_status-closed = дауыс беру аяқталған
refusal-term-poll_status-counted = дауыстар саналған
refusal-term-vote_status-open = ашық
refusal-term-vote_status-counted = саналған
refusal-term-vote_status-cancelled = күшін жойған
refusal-term-candidacy_status-nominated = ұсынылған
refusal-term-candidacy_status-registered = тіркелген
refusal-term-candidacy_status-refused = тіркеуден бас тартылған
refusal-term-candidacy_status-withdrawn = кандидатурасын алып тастаған
refusal-term-candidacy_status-lapsed = шығып қалған (партиядан шығарылған немесе мүшелігі тоқтатылған)
refusal-term-conflict_outcome-mark_struck = учаске белгісі алынып тасталды
refusal-term-conflict_outcome-voted_twice = екі рет дауыс берді, бақылау комиссиясына жіберілді
refusal-term-motion-credentials = мандаттық комиссия баяндамасын бекіту
refusal-term-motion-presidium = төралқаны сайлау
refusal-term-motion-agenda = күн тәртібін бекіту
refusal-term-motion-delegates = делегаттарды сайлау
refusal-term-motion-party_list = партиялық тізімді бекіту
refusal-term-motion-resolution = қаулы
refusal-term-decision_rule-majority_of_present = қатысушылардың көпшілігі
refusal-term-decision_rule-two_thirds_of_present = қатысушылардың үштен екісі
refusal-term-decision_rule-majority_of_votes_cast = берілген дауыстардың көпшілігі
refusal-term-member_status-active = партияның белсенді мүшесі
refusal-term-member_status-suspended = мүшелігі тоқтатыла тұрған
refusal-term-member_status-expelled = партиядан шығарылған
refusal-term-member_status-non_member = партия мүшесі емес
refusal-term-unit_kind-central = орталық аппарат
refusal-term-unit_kind-region = облыстық филиал
refusal-term-unit_kind-district = аудандық филиал
refusal-term-unit_kind-city = қалалық филиал
refusal-term-unit_kind-primary = бастауыш партия ұйымы
refusal-term-presence-hall = залда
refusal-term-presence-remote = қашықтан
refusal-no_actor = команданы кім бергені көрсетілмеген: әр команда оны берген адамды атайды
refusal-rules_unknown = бағдарламаның бұл нұсқасы ережелерді { $newest } нұсқасына дейін біледі; { $version } нұсқасы олардың қатарында жоқ
refusal-rules_not_newer = ережелердің { $current } нұсқасы қазірдің өзінде қолданыста; тек жаңарақ нұсқаны қабылдауға болады ({ $version } емес)
refusal-empty = { $field } өрісі бос: мәнін көрсетіңіз
refusal-too_long = { $field } өрісі тым ұзын ({ $len } таңба, ең көбі { $max })
refusal-unit_exists = { $unit } ұйымы бұрыннан бар (кодтар тұрақты: басқа код таңдаңыз немесе rename_unit пайдаланыңыз)
refusal-no_unit = { $unit } ұйымы жоқ (алдымен оны құрыңыз немесе кодты тексеріңіз)
refusal-unit_closed = { $unit } ұйымы жабық: оған ештеңе қосуға немесе ауыстыруға болмайды
refusal-wrong_parent_kind = «{ $kind }» түріндегі ұйым «{ $parent_kind }» түріндегі ұйымның ({ $parent }) құрамына кіре алмайды
refusal-needs_parent = «{ $kind }» түріндегі ұйымға жоғары тұрған ұйым керек
refusal-cycle = { $unit } ұйымын { $parent } құрамына ауыстыру тұйық шеңбер жасайды ({ $parent } { $unit } құрамында)
refusal-unit_not_empty = { $unit } ұйымында төмен тұрған ашық ұйымдар ({ $open_children }) мен партияның белсенді мүшелері ({ $active_members }) бар: алдымен оларды ауыстырыңыз немесе жабыңыз
refusal-iin_taken = ЖСН { $iin } бұрыннан тіркелген ({ $unit } ұйымындағы партия мүшесі): бір ЖСН — бір партия мүшесі
refusal-phone_taken = { $phone } телефоны партияның басқа мүшесіне тиесілі ({ $unit } ұйымында): әр партия мүшесінің өз ұялы телефон нөмірі болады
refusal-no_member = ЖСН { $iin } бар партия мүшесі тіркелмеген
refusal-not_primary = партия мүшелері бастауыш партия ұйымдарында есепте тұрады, ал { $unit } — { $kind }
refusal-too_young_to_join = партияға кірген күні ({ $joined_on }) мүшенің жасы { $age } болар еді; партия мүшесі кемінде 18 жаста болуы керек
refusal-joined_in_future = партияға кірген күн { $joined_on } команда күнінен ({ $held_at }) кейін: партияға болашақта кіруге болмайды
refusal-unit_names_unchanged = ештеңе өзгермейді: { $unit } ұйымының атаулары дәл осындай
refusal-already_under_parent = ештеңе өзгермейді: { $unit } қазірдің өзінде { $parent } құрамында
refusal-phone_unchanged = ештеңе өзгермейді: бұл партия мүшесінің қазіргі телефоны
refusal-already_in_unit = ештеңе өзгермейді: партия мүшесі қазірдің өзінде { $unit } ұйымында
refusal-status_unchanged = ештеңе өзгермейді: партия мүшесінің мәртебесі қазірдің өзінде «{ $status }»
refusal-phone_change_needs_decision = партия мүшесі { $poll } дауыс берудің бекітілген сайлаушылар тізімінде: ол аяқталғанша телефон тек жоғары тұрған ұйымның енгізілген шешімімен ауыстырылады (`decision` көрсетіңіз)
refusal-campaign_exists = { $campaign } науқаны бұрыннан бар
refusal-no_campaign = { $campaign } науқаны жоқ (алдымен create_campaign)
refusal-time_zone = «{ $zone }» — IANA уақыт белдеуінің атауы емес (мысалы, Asia/Almaty)
refusal-empty_window = { $phase } кезеңі: ол басталғаннан кейін аяқталуы керек ({ $starts } .. { $ends })
refusal-local_time = { $phase } кезеңі: { $local } уақыты { $zone } белдеуінде жоқ немесе екіұшты
refusal-no_phase = { $campaign } науқанында { $phase } кезеңі жоқ
refusal-self_order = { $phase } кезеңі өзінен кейін келе алмайды
refusal-order = { $phase } кезеңі { $starts } басталады, бұл { $before } кезеңі аяқталғанға ({ $before_ends }) дейін, ал ол одан кейін келуі керек
refusal-phase_needed = { $phase } кезеңіне { $by } кезеңі тәуелді (оның `after` тізімінде): алдымен сол кезеңді өзгертіңіз
refusal-no_seats = партиялық тізімде кемінде бір орын болуы керек
refusal-no_target = { $campaign } науқанында { $target } сайлауы жоқ
refusal-held_in_future = командаға сәйкес оқиға { $held_at } болған, яғни жазылған сәттен ({ $recorded_at }) кейін: held_at пен уақыт белдеуін тексеріңіз
refusal-meeting_exists = { $meeting } отырысы бұрыннан бар (кодтар тұрақты: басқа код таңдаңыз)
refusal-no_meeting = { $meeting } отырысы жоқ (алдымен convene_meeting немесе кодты тексеріңіз)
refusal-outside_window = отырыс { $when } { $what ->
        [scheduled] тағайындалған
       *[held] өткізілген
    }, бұл { $phase } кезеңінен тыс ({ $starts } .. { $ends }, науқан уақыты): оны кезең мерзімінде өткізіңіз
refusal-entry_deadline = { $meeting } отырысының хаттамасын { $deadline } дейін енгізуге болатын еді: ұйымдастырушы мерзімді set_entry_deadline командасымен ұзарта алады
refusal-meeting_status = { $meeting } отырысының мәртебесі «{ $status }»; { $action ->
        [open_registration] тіркеуді ашу
        [check_in] қатысушыны тіркеу
        [record_attendance] қатысуды енгізу
        [check_out] қатысушының кеткенін белгілеу
        [reissue_card] мандат карточкасын қайта шығару
        [report_credentials] мандат комиссиясының баяндамасын енгізу
        [renew_projector_link] зал экранының сілтемесін жаңарту
        [open_meeting] отырысты ашу
        [record_failed] отырысты өтпеді деп тану
        [close_meeting] отырысты жабу
        [record_speaker] сөйлеген сөзді жазу
        [vote] дауыс беру
        [put_to_vote] мәселені дауысқа салу
        [count_vote] дауыс беру қорытындысын шығару
       *[other] { $action } орындау
    } үшін { $allowed } мәртебесі керек
refusal-card_revoked = № { $mandate } мандат: бұл карточка ({ $given }-шығарылым) қайта шығарылған және енді жарамсыз; қолданыстағы карточка — { $current }-шығарылым
refusal-hall_full = зал толы (санитарлық норма бойынша { $capacity } орын): қалған қатысушылар қашықтан қатысады
refusal-no_quorum = кворум жоқ: { $electorate } адамның { $present } қатысып отыр, { $action ->
        [open_meeting] отырысты ашу
       *[put_to_vote] мәселені дауысқа салу
    } үшін кемінде { $needed } керек
refusal-no_quorum_for_vote = кворум жоқ: { $electorate } адамның { $present } қатысып отыр, № { $vote } дауыс берудің қорытындысын шығару үшін кемінде { $needed } керек (дауыс беруді тоқтатып, кворум қалпына келгенде қайта өткізіңіз)
refusal-meetings_missing = { $meeting } басталмайды: төмен тұрған ұйымдар ({ $count }) жиналыстарын өткізбеген: { $units }{ $more ->
        [0] {""}
       *[other] {" "}және тағы { $more }
    } (оларды өткізіңіз немесе себебін көрсетіп excuse_unit енгізіңіз)
refusal-allotment_exceeded = { $unit } ұйымына бөлінген делегаттар: { $seats }, сайланғаны: { $elected }, тағы ұсынылғаны: { $proposed }; ең көбі { $most } ұсынуға болады
refusal-votes_exceed_present = зал бойынша { $votes } дауыс енгізілді, ал дауысқа салынған кезде залда тек { $present } адам болды: қайта санаңыз
refusal-membership_frozen = { $unit } ұйымында { $meeting } отырысы жүріп жатыр («{ $status }»): отырыс жабылғанша ұйым мүшелерінің құрамы өзгермейді
refusal-meeting_unit_kind = { $unit } — { $kind }: отырыстарды БПҰ, аудандық, қалалық және облыстық филиалдар өткізеді (ал съезді — орталық аппарат, жарғы ережелері бойынша)
refusal-livestream_url = «{ $url }» трансляция сілтемесі веб-мекенжай емес: толық https:// сілтемесін көрсетіңіз
refusal-deadline_before_meeting = хаттаманы енгізу мерзімі { $deadline } отырыс күнінен ({ $scheduled_at }) бұрын
refusal-not_a_rerun = бұл отырыс { $failed } отырысын қайталай алмайды: қайта өткізілетін отырыс сол ұйымның сол науқандағы өтпеген отырысының орнына өткізіледі ({ $failed }: мәртебесі «{ $status }», ұйым { $unit })
refusal-unit_has_live_meeting = { $unit } ұйымында { $meeting } отырысы бар («{ $status }»): алдымен оны өткізіңіз немесе өтпеді деп таныңыз
refusal-other_meeting_live = сол ұйымның { $meeting } отырысының мәртебесі «{ $status }»: алдымен оны жабыңыз
refusal-no_delegates_elected = { $meeting } отырысына қатысуға ешкімнің құқығы жоқ: бұл конференцияға делегаттар әлі сайланбаған
refusal-no_active_members = { $meeting } отырысына қатысуға ешкімнің құқығы жоқ: БПҰ-да партияның белсенді мүшелері жоқ
refusal-card_without_mandate = карточка шығарылымы (`card`) мандат нөмірімен бірге көрсетіледі
refusal-not_a_card = бұл мандат карточкасының коды емес (ол MANDAT-CARD: деп басталады)
refusal-forged_card = карточка коды бүлінген немесе оны бұл жүйе бермеген: тіркеу үстелінде карточканы мандат нөмірі мен жеке куәлік бойынша тексеріңіз
refusal-card_for_other_meeting = бұл карточка { $meeting } үшін емес, { $card_meeting } үшін берілген
refusal-already_checked_in = { $who } қазірдің өзінде тіркелген ({ $mode }): қатысу түрін өзгерту үшін алдымен кеткенін белгілеңіз
refusal-sheet_entry = тіркеу парағының { $entry }-жолы ({ $mode }, { $iin }): { $refusal }
refusal-counted_twice = қазірдің өзінде тіркелген: ешкім екі рет есепке алынбайды
refusal-not_checked_in = { $who } тіркелмеген
refusal-in_hall_no_confirmation = { $who } залда отыр: қатысуын тек қашықтан қатысатындар растайды
refusal-already_confirmed = { $who } № { $vote } дауыс беруге қатысуын растап қойған
refusal-already_voted_in_vote = { $who } № { $vote } дауыс беруде дауыс беріп қойған
refusal-hall_all_counted = залда отырғандардың бәрі ({ $present }) есепке алынған
refusal-vote_still_open = № { $vote } дауыс беру әлі ашық: алдымен қорытындысын шығарыңыз немесе күшін жойыңыз
refusal-no_presidium = отырыстың сайланған төрағасы мен хатшысы жоқ: хаттамаға солар қол қояды, сондықтан алдымен оларды сайлаңыз (presidium мәселесімен put_to_vote)
refusal-not_excusable = { $unit } — { $kind }: жоғары тұрған конференцияға қатысудан тек БПҰ мен филиалдар босатылады
refusal-unit_has_meeting = { $unit } ұйымында { $meeting } отырысы бар («{ $status }»): босату отырысын өткізе алмаған ұйымға беріледі
refusal-name_participant = қатысушыны `iin` бойынша немесе `mandate` мандат нөмірі бойынша көрсетіңіз — екеуінің бірі
refusal-ppo_no_mandates = БПҰ жиналысында мандат карточкалары жоқ: партия мүшесінің `iin` көрсетіңіз
refusal-no_mandate_of = { $iin } партия мүшесінде { $meeting } отырысының мандаты жоқ: оған сайланған делегаттар ғана қатысады
refusal-not_ppo_member = { $iin } — { $unit } ұйымындағы партияның белсенді мүшесі емес («{ $status }», { $member_unit }): осы БПҰ мүшелері ғана қатысады
refusal-no_such_mandate = { $meeting } отырысында № { $number } мандат жоқ (1-ден { $issued } дейінгі мандаттар берілген)
refusal-no_such_vote = { $meeting } отырысында № { $vote } дауыс беру жоқ
refusal-vote_not_open = № { $vote } дауыс беру ашық емес (мәртебесі «{ $status }»)
refusal-held_before_opened = { $meeting } отырысы { $opened } ашылды: командаға сәйкес оқиға одан бұрын болған ({ $held_at }); held_at тексеріңіз
refusal-failure_cause_needed = отырыстың неге өтпегенін көрсетіңіз: cause no_quorum (тіркелгендер саны жазылады) немесе other (хаттамада сіздің себебіңіз көрсетіледі)
refusal-quorum_present = { $electorate } адамның { $present } тіркелді, кворумға { $needed } жеткілікті: отырысты кворумның болмауынан өтпеді деп тануға болмайды (оны ашыңыз немесе нақты себебімен cause other көрсетіңіз)
refusal-out_of_time_order = { $meeting } отырысы: команда { $held_at } күнімен белгіленген, бұл { $step ->
        [opened] отырыс ашылғаннан
        [vote_put] № { $vote } дауыс беруге қойылғаннан
       *[vote_counted] № { $vote } дауыс беру бойынша дауыстар есептелгеннен
    } ({ $at }) бұрын: отырыс ішінде тіркеу одан кейін қойылған дауыс берулерде ескеріледі, есептеу дауыс беруден кейін, ал жабу соңғы есептеуден кейін жүреді; held_at тексеріңіз
refusal-conference_unit_kind = { $unit } — { $kind }: делегаттар аудандық, қалалық және облыстық филиалдардың конференцияларына (және жарғы ережелері бойынша съезге) сайланады
refusal-norm_frozen = { $unit } бұл конференцияға делегаттарды сайлап қойған: сайлау басталғаннан кейін өкілдік нормасы өзгермейді
refusal-allotment_invalid = { $unit }: { $error }
refusal-not_conference_delegate = { $iin } партия мүшесі { $unit } конференциясының делегаты емес
refusal-already_delegate = { $iin } партия мүшесі бұл конференцияның делегаты болып табылады
refusal-replacement_not_member = ауыстырушы { $unit } ұйымындағы (делегатты сайлаған ұйымдағы) партияның белсенді мүшесі болуы керек
refusal-mandates_frozen = { $conference } конференциясы тіркеуді ашып қойған («{ $status }»): мандаттар бекітілген; делегаттар тіркеу ашылғанға дейін ауыстырылады
refusal-vote_number_zero = дауыс берулер 1-ден бастап нөмірленеді
refusal-vote_number_taken = { $meeting } отырысында № { $number } дауыс беру бар: әр дауыс беруге жаңа нөмір беріледі (келесісі — { $next })
refusal-named_twice_in_motion = { $iin } партия мүшесі ұсыныста екі рет аталған
refusal-no_counting_commission = есеп комиссиясының кемінде бір мүшесін атаңыз
refusal-not_present = { $iin } партия мүшесі қатысып отырған жоқ: төраға, хатшы және есеп комиссиясы қатысып отырғандардың ішінен сайланады
refusal-candidate_not_member = { $iin } кандидаты { $unit } ұйымындағы партияның белсенді мүшесі емес («{ $status }», { $member_unit })
refusal-candidate_already_delegate = { $iin } кандидаты { $unit } конференциясының делегаты болып табылады
refusal-presidium_first = алдымен төрағаны, хатшыны және есеп комиссиясын сайлап, күн тәртібін бекітіңіз (presidium және agenda мәселелері)
refusal-no_agenda_item = күн тәртібінде { $items } мәселе бар; № { $item } мәселе олардың қатарында жоқ (мәселелер 1-ден бастап нөмірленеді)
refusal-top_of_ladder = бұл отырыс — өз сатысының ең жоғарғы деңгейі, ол делегат сайламайды: съезд немесе үстінде орталық аппарат жоқ не бірінші ережелер бойынша өтетін облыстық конференция (Мәжіліс тізіміне ұсыну — партиялық тізім туралы шешім)
refusal-no_unit_above = { $unit } ұйымының жоғары тұрған ұйымы жоқ
refusal-no_allotment = { $unit } ұйымына { $parent } конференциясына делегаттар бөлінбеген: алдымен өкілдік нормасын енгізіңіз ({ $parent } үшін set_representation)
refusal-recount_not_counted = № { $vote } дауыс берудің қорытындысы әлі шығарылмаған: қайта санау себебі тек қайта санағанда көрсетіледі
refusal-recount_needs_reason = № { $vote } дауыс берудің қорытындысы шығарылған: қайта санау үшін `recount_reason` көрсетіңіз
refusal-recount_not_latest = одан кейін № { $later } дауыс беру өткізілді: тек соңғы дауыс беруді қайта санауға болады
refusal-vote_cancelled = № { $vote } дауыс берудің күші жойылған
refusal-count_too_large = дауыстар саны тым үлкен
refusal-vote_count_invalid = дауыс беру қорытындысы сәйкес келмейді: { $error }
refusal-poll_exists = { $poll } дауыс беруі бұрыннан бар (кодтар тұрақты: басқа код таңдаңыз)
refusal-poll_times_order = сайлаушылар тізімін бекіту күні ({ $roll_cutoff }) ашылудан ({ $opens_at }) кеш болмауы, ал ашылу жабылудан ({ $closes_at }) бұрын болуы керек
refusal-phase_missing = бұл жататын науқан кезеңін көрсетіңіз (`phase`): жарғы ережелері бойынша { $what ->
        [create_poll] партия мүшелерінің дауыс беруі
       *[schedule_debate] дебаттар
    } кезең шегінде өтеді
refusal-outside_phase = { $from } .. { $to } { $phase } кезеңінен ({ $starts } .. { $ends }, науқан уақыты) тыс: кезең ішіне ауыстырыңыз немесе кезеңді set_phase командасымен өзгертіңіз
refusal-seats_out_of_range = орындар саны 1-ден нұсқалар санына ({ $options }) дейін болуы керек, { $seats } емес
refusal-instant_runoff_one_seat = шығарып тастау арқылы рейтингтік дауыс беру біреуін сайлайды: seats 1 немесе бірнеше орын үшін stv көрсетіңіз
refusal-outside_poll_window = { $poll } дауыс беруі { $opens_at } ашылып, { $closes_at } жабылады: { $held_at } сәті бұл уақыттан тыс
refusal-poll_due_to_close = { $poll } дауыс беруі { $closes_at } жабылуы тиіс еді: алдымен оны ұзартыңыз
refusal-extension_not_later = ұзарту жабылуды { $closes_at } кейінге жылжытады; { $given } одан кеш емес
refusal-reopen_close_in_past = қайта ашылған дауыс беру қазіргі сәттен ({ $held_at }) кейін жабылуы керек, { $closes_at } емес
refusal-station_already_entered = { $station } учаскесі { $poll } бойынша қорытындысын енгізіп қойған; түзету — жаңа дауыс беру ретінде ресімделетін есеп комиссиясының шешімі
refusal-no_station_conflict = { $poll } дауыс беруінде { $station } учаскесінде ЖСН { $iin } партия мүшесі бойынша қайшылық жоқ (mandat poll conflicts қараңыз)
refusal-conflict_resolved = { $station } учаскесіндегі ЖСН { $iin } партия мүшесі бойынша қайшылық шешіліп қойған ({ $outcome }); шешім күшінде қалады
refusal-conflicts_unresolved = { $poll } дауыс беруінде шешілмеген учаскелік қайшылықтар бар (партия мүшесі екі рет белгіленген): { $unresolved }; есеп комиссиясы әрқайсысын санауға дейін шешеді (resolve_station_conflict)
refusal-ranked_needs_ballots = { $poll } дауыстары { $method } әдісімен саналады: қағаз бюллетеньдерді бір-бірден енгізіңіз (`ballots`), нұсқалар бойынша дауыс сандарын емес
refusal-unknown_station_option = { $station } учаскесі: «{ $option }» нұсқасы { $poll } бюллетенінде жоқ (нұсқалар: { $options })
refusal-paper_ballot_invalid = { $station } учаскесі, { $ballot }-қағаз бюллетень: { $problem }
refusal-station_ballots_exceed_voters = { $station } учаскесі { $entered } бюллетень енгізді (бүлінгендерімен қоса), ал сайлаушылар тізімінде тек { $marked } адамды белгіледі: қайта санаңыз
refusal-no_poll = { $poll } дауыс беруі жоқ (алдымен create_poll)
refusal-poll_status = { $poll } дауыс беруінің мәртебесі «{ $status }»; { $action ->
        [open] оны ашу
        [pause] оны тоқтата тұру
        [resume] оны қайта жалғастыру
        [extend] оны ұзарту
        [close] оны жабу
        [reopen] оны қайта ашу
        [enter_station_results] учаскенің қағаз қорытындысын енгізу
        [freeze_roll] сайлаушылар тізімін бекіту
        [cast_ballots] бюллетень қабылдау
        [publish_checkpoint] бақылау нүктесін жариялау
        [reconcile_station] учаске тізімін салыстыру
        [mark_station_voters] учаскеде сайлаушыларды белгілеу
        [seal_ballots] жәшікті мөрлеу
        [count] дауыстарды санау
       *[other] { $action } орындау
    } үшін { $allowed } мәртебесі керек
refusal-outside_nomination = кандидаттар { $phase } кезеңінде ұсынылады және тіркеледі ({ $starts } .. { $ends }); { $held_at } сәті одан тыс
refusal-nominates_own_members = БПҰ өз мүшелерін ұсынады: кандидат { $unit } емес, { $member_unit } ұйымында
refusal-already_candidate = { $name } — { $target } сайлауына кандидат болып табылады («{ $status }»)
refusal-candidate_elsewhere = { $name } осы науқанда { $first } тізімі бойынша ұсынылған ({ $status }): бір адам — науқанда бір кандидатура, егер екі тізімнің ережелері басқаша рұқсат етпесе (other_candidacies)
refusal-not_eligible = { $name } { $target } сайлауына кандидат бола алмайды: { $reasons }
refusal-not_candidate = { $name } — { $target } сайлауына кандидат емес (алдымен nominate_candidate)
refusal-candidacy_not_nominated = кандидатураның мәртебесі «{ $status }»: тек ұсынылған кандидат тіркеледі немесе одан бас тартылады
refusal-candidacy_already = кандидатураның мәртебесі «{ $status }»
refusal-debate_exists = { $debate } дебаты бұрыннан бар
refusal-debate_too_few = дебатқа кемінде екі адам қатысады
refusal-debater_not_registered = дебатқа тек тіркелген кандидаттар қатысады; { $iin } кандидатурасы — «{ $status }»
refusal-listed_twice = { $iin } екі рет көрсетілген
refusal-debate_livestream_url = «{ $url }» трансляция сілтемесі веб-мекенжай емес: толық https:// сілтемесін көрсетіңіз (ең көбі 500 таңба)
refusal-no_debate = { $debate } дебаты жоқ (алдымен schedule_debate)
refusal-debate_quotas_frozen = { $target } бойынша дебат квоталары бекітілген: олар бойынша { $debate } қатысушылары шақырылды
refusal-debate_quotas_invalid = { $target } орындарын төмен тұрған бөлімшелер арасында бөлу мүмкін емес: { $problem }
refusal-no_debate_quota = { $unit } бөлімшесінің { $target } бойынша дебат қатысушылары жоқ: алдымен set_debate_quotas енгізіңіз (0 орыны бар бөлімше ешкімді шақырмайды)
refusal-debate_started = { $debate } дебаты { $starts_at } басталды: шақыруға ол басталғанға дейін жауап береді
refusal-options_not_debaters = { $debate } дебаты бойынша рейтингтік дауыс беруде нұсқалар — дәл соған қатысқан кандидаттар; жетіспейді: { $missing }; қатыспағандар: { $extra }
refusal-debate_not_of_meeting = { $debate } дебаты { $target } бойынша { $unit } бөлімшесінде өтті: ол бойынша рейтингтік дауыс беру — сол бөлімшенің конференциясында және сол тізім бойынша
refusal-debate_not_held_yet = { $debate } дебаты { $starts_at } басталады: оны өткізілгеннен кейін енгізіңіз
refusal-not_debater = { $name } { $debate } дебатына қатыспайды
refusal-option_count = дауыс беруде 1-ден { $max } дейін нұсқа болады, { $given } емес
refusal-option_twice = «{ $option }» нұсқасы екі рет көрсетілген
refusal-option_not_registered = «{ $option }» нұсқасы: кандидатураның мәртебесі «{ $status }», бюллетеньге тек тіркелген кандидаттар енгізіледі
refusal-candidates_missing = бюллетеньге { $target } сайлауының барлық тіркелген кандидаттары енгізіледі; № { $numbers } кандидаттар жетіспейді
refusal-roll_before_cutoff = { $poll } дауыс беруінің сайлаушылар тізімі { $cutoff } бекітіледі, одан бұрын емес
refusal-empty_electorate = { $poll } дауыс беруінің сайлаушылар құрамы бос: тізімде ешкім болмас еді
refusal-ballots_outside_window = { $poll } дауыс беруі { $opens_at } .. { $closes_at } жүреді; { $held_at } сәтіндегі бюллетеньдер бұл уақыттан тыс
refusal-batch_mismatch = бумада сайлаушылар саны бюллетеньдер санына тең болады (сайлаушылар: { $voters }, бюллетеньдер: { $ballots })
refusal-batch_unsorted = бумада сайлаушылар мен жапырақтар ретімен және қайталанбай беріледі (ешқашан берілу ретімен емес)
refusal-not_on_roll = { $iin } { $poll } дауыс беруінің сайлаушылар тізімінде жоқ
refusal-already_voted = { $iin } { $poll } дауыс беруінде дауыс беріп қойған
refusal-checkpoint_not_after = { $poll } бақылау нүктесі соңғысынан ({ $last }) кейін келеді; { $at } одан кеш емес
refusal-checkpoint_unsorted = бақылау нүктесінің жаңа жапырақтары ретімен және қайталанбай беріледі
refusal-leaf_committed = { $poll } дауыс беруінің { $leaf } жапырағы бекітіліп қойған
refusal-checkpoint_mismatch = { $poll } бақылау нүктесі жазбаға сәйкес келмейді: онда { $voters } сайлаушы, { $ballots } бюллетень, түбір { $root }; жазбада онлайн белгіленген { $marked } сайлаушы, бекітілген { $committed } бюллетень, түбір { $record_root }
refusal-station_outside_window = { $poll } дауыс беруі { $opens_at } .. { $closes_at } жүреді: { $held_at } сәті бұл уақыттан тыс
refusal-station_not_on_roll = { $name } ({ $iin }) { $poll } дауыс беруінің сайлаушылар тізімінде жоқ: бюллетень бермеңіз
refusal-station_already_voted = { $name } { $poll } дауыс беруінде дауыс беріп қойған ({ $station ->
        [online] онлайн
       *[other] { $station } учаскесінде
    }): бюллетень бермеңіз
refusal-sealed_unsorted = мөрленген бюллетеньдер тексеру кодтарының ретімен, қайталанбай беріледі
refusal-ballot_already_sealed = { $ballot }-бюллетень (тексеру коды { $tracker }) мөрленіп қойған
refusal-ballot_not_recorded = { $ballot }-бюллетень (тексеру коды { $tracker }) журналдағы бірде-бір бюллетеньге сәйкес келмейді: жәшік өзгертілген
refusal-sealed_ballot_invalid = { $ballot }-бюллетень (тексеру коды { $tracker }): { $problem }
refusal-not_all_sealed = { $poll }: онлайн белгіленген сайлаушылар { $marked }, жазылған бюллетеньдер { $recorded }, мөрленгені { $sealed }; санау алдында барлық бюллетень мөрленеді (seal_ballots)
refusal-seed_mismatch = жеребе дәні { $poll } үшін бекітілген хешке ({ $hash }) сәйкес келмейді: бекітілген дәнді көрсетіңіз
refusal-seed_needed = { $poll } үшін жеребе дәні бекітілген (хеш { $hash }): дауыстарды санау үшін оны lot_seed арқылы ашыңыз
refusal-seed_not_committed = { $poll } үшін жабылғанға дейін жеребе дәні бекітілмеген: қазір берілген дәнді қажетті нәтижеге қарай таңдауға болар еді; онсыз санаңыз (тең дауыс нұсқалар ретімен шешіледі)
refusal-cannot_count = { $poll } дауыстарын санау мүмкін емес: { $problem }
refusal-ratings_failed = { $poll } рейтингі: { $problem }
refusal-no_list_rules = { $target } үшін тізім ережелері белгіленбеген: алдымен set_list_rules енгізіңіз
refusal-no_list = { $target } үшін әлі тізім жоқ: алдымен draft_list енгізіңіз
refusal-list_being_voted = { $target } партиялық тізімі дауысқа салынған ({ $meeting }, № { $vote } дауыс беру): { $action ->
        [change_rules] оның ережелерін өзгерту
        [draft_again] оны қайта жасау
        [edit] оны өзгерту
        [nominate] оған жаңа кандидаттар ұсыну
        [vote_again] оны қайта дауысқа салу
       *[other] { $action }
    } алдында сол дауыс берудің қорытындысын шығарыңыз немесе күшін жойыңыз
refusal-list_approved = { $target } партиялық тізімі бекітілген ({ $meeting }, № { $vote } дауыс беру) және өзгермейді: кандидат одан тек енгізілген шешіммен withdraw_from_list арқылы шығады
refusal-list_rules_invalid = { $target } тізімінің ережелері: { $problem }
refusal-list_too_short = тізімнің ең үлкен ұзындығы ({ $max_size }) { $target } орындарының санынан ({ $seats }) аз: тізім барлық орынды толтыра алуы керек
refusal-zero_weights = салмақты басымдық үшін кемінде бір кезеңнің салмағы нөлден жоғары болуы керек
refusal-not_in_pool = № { $id } кандидат кандидаттар арасында жоқ
refusal-no_longer_registered = тізімдегі № { $id } кандидат енді тіркелген кандидат емес: алдымен оны тізімнен шығарыңыз
refusal-several_primaries = { $target } үшін саналған праймериз дауыс берулері: { $count } ({ $polls }): тізім бір праймериз рейтингі бойынша жасалады
refusal-primaries_not_counted = { $target } тізімі праймериз рейтингтері бойынша жасалады, ал бұл дауыс берулер әлі саналмаған: { $polls }
refusal-no_registered_candidates = { $target } үшін тіркелген кандидаттар жоқ: тізімді жасамас бұрын кандидаттарды тіркеңіз (register_candidate)
refusal-list_draft_failed = { $target }: { $problem }
refusal-already_on_list = { $name } тізімде { $place }-орында тұр: move пайдаланыңыз
refusal-not_registered_candidate = { $name } — { $target } сайлауының тіркелген кандидаты емес: тізімге тек тіркелген кандидаттар енгізіледі
refusal-not_on_list = { $name } { $target } партиялық тізімінде жоқ
refusal-no_such_place = { $place }-орын жоқ: 1-ден { $last } дейінгі орынды көрсетіңіз
refusal-list_not_approved = { $target } партиялық тізімі әлі бекітілмеген: ол жоба болғанда кандидат edit_list (remove) арқылы себебі көрсетіліп шығарылады
refusal-not_the_list_below = { $from } — { $unit } бөлімшесінің тікелей астындағы бөлімшенің { $target } сияқты органға тізімі емес: кандидаттар тек жоғары тұрған бөлімшенің тізіміне ұсынылады
refusal-list_below_not_approved = { $from } тізімі әлі бекітілмеген: алдымен оны конференция бекітеді (put_to_vote, motion party_list)
refusal-already_nominated_from = { $from } тізімінің кандидаттары { $target } тізіміне бұрын ұсынылған
refusal-nominated_by_list = төмен тұрған бөлімше тізімімен ұсыну nominate_candidate арқылы емес, nominate_from_list командасымен жазылады
refusal-wrong_approving_conference = { $target } партиялық тізімін { $meeting } отырысы ({ $meeting_unit } ұйымының отырысы) емес, { $unit } конференциясы бекітеді
refusal-list_rule_majority = партиялық тізім қатысып отырған делегаттардың көпшілік даусымен бекітіледі: оны majority_of_present ережесімен дауысқа салыңыз
refusal-weaker_rule = осы науқанда «{ $motion }» мәселесі бойынша шешім былай қабылданады: { $set } (set_decision_rule); «{ $rule }» ережесі әлсіздеу — мәселені осы ережемен немесе қатаңырақ ережемен қойыңыз
refusal-revision_mismatch = ұсыныста { $revision }-редакция аталған, ал { $target } партиялық тізімі { $current }-редакцияда: делегаттарға қазіргі тізімді көрсетіп, оның редакциясын атаңыз
refusal-list_violations = { $target } партиялық тізімін дауысқа салуға болмайды: { $violations } (алдымен тізімді өзгертіңіз)
refusal-lapsed_candidates = { $target } партиялық тізіміндегі { $lapsed } кандидаттар енді тіркелмеген: дауыс беруге дейін оларды шығарыңыз (edit_list)
refusal-list_changed_since_vote = { $target } партиялық тізімі № { $vote } дауыс беруден кейін өзгерді (қазір { $revision }-редакция): қайта санау оны енді шеше алмайды; қазіргі тізімді жаңа дауыс беруге салыңыз
refusal-unknown_mandate = { $meeting } отырысында № { $number } мандат жоқ
refusal-credential_meeting_status = { $meeting } отырысының мәртебесі «{ $status }»: электрондық дауыс беру кодтары тіркеу немесе отырыс жүріп жатқанда беріледі
refusal-credential_not_checked_in = қатысушы { $meeting } отырысына тіркелмеген: алдымен оны тіркеңіз (код тіркеу кезінде беріледі)
refusal-invalid_code = бұл код жарамсыз: оны әріп бойынша тексеріңіз немесе тіркеу үстелінен жаңасын сұраңыз
refusal-code_used = бұл кодпен кіру орындалған: тіркеу үстелінен жаңасын сұраңыз (бұрынғы кіру жарамсыз болады)
refusal-box_only_command = { $command } командасын тек дауыс беру жәшігі жазады, ол берілмейді: бюллетеньдер дауыс беру API арқылы беріледі, ал жәшік бумаларды, бақылау нүктелерін және мөрлеуді өзі жазады
refusal-file_only_command = { $command } жеке емес, файлымен бірге жазылады: қол қойылған сканды `mandat signed-minutes MEETING FILE` командасымен қосыңыз
refusal-minutes_not_final = { $meeting } — { $status }: қол қойылған скан отырыс жабылғаннан кейін (немесе ол өтпей қалса) қосылады
refusal-scan_hash = сканның SHA-256 мәні — 64 кіші он алтылық таңба
refusal-scan_type = { $media_type } — скан түрі емес: PDF, JPEG немесе PNG файлын беріңіз
refusal-scan_size = сканда { $size } байт: 1-ден { $max } байтқа дейін рұқсат етіледі
refusal-final_checkpoint_refused = { $poll } қорытынды бақылау нүктесі қабылданбады ({ $refusal }): жәшік өзгертілмеді ме? mandat poll checkpoint { $poll } орындаңыз
error-internal = Ішкі қате: операторлар бұл туралы біледі. Бір минуттан кейін қайталап көріңіз.
refusal-not_json_command = бұл JSON пішіміндегі команда емес: { $detail }
refusal-unknown_field = белгісіз `{ $field }` өрісі (жазылуын docs/commands.md бойынша тексеріңіз)
refusal-meeting-invalid_fraction = { $numerator }/{ $denominator } — кворумға жарамсыз үлес: бөлгіш 0-ден үлкен, ал алым 1-ден бөлгішке дейін болуы керек (мысалы, 2/3)
refusal-meeting-present_exceeds_electorate = қатысып отырғандар ({ $present }) қатысуға құқылылардан ({ $electorate }) көп: қатысушыларды тіркеуді немесе қатысуға құқылылар санын тексеріңіз
refusal-meeting-negative_count = { $field } саны теріс бола алмайды ({ $value } енгізілген): 0 немесе одан көп енгізіңіз
refusal-meeting-count_too_large = { $field } саны { $value } болып енгізілген, бұл рұқсат етілгеннен ({ $max }) көп: жазбаны тексеріңіз
refusal-meeting-votes_exceed_present = «жақтады» { $for } + «қарсы» { $against } + «қалыс қалды» { $abstain } = { $total }, бұл қатысып отырғандар санынан ({ $present }) көп: дауыстарды қайта санаңыз немесе қатысып отырғандар санын түзетіңіз
refusal-meeting-count_overflow = екі санақтың қосындысы { $max } көп ({ $field }): залдағы және қашықтан санақтың дұрыс енгізілгенін тексеріңіз
refusal-meeting-nobody_present = қатысып отырғандар белгіленбеген, сондықтан шешім қабылдау мүмкін емес: қорытындыға дейін қатысып отырғандар санын енгізіңіз
refusal-meeting-zero_members_per_delegate = 0 партия мүшесінен бір делегат — норма емес: бір делегат неше партия мүшесінің өкілі екенін көрсетіңіз (1 немесе көп)
refusal-meeting-zero_conference_size = 0 делегаттан тұратын конференцияны бөлуге болмайды: конференция санын көрсетіңіз (1 немесе көп)
refusal-meeting-no_units = делегаттар бөлінетін ұйымдар жоқ: делегат жіберетін ұйымдарды атаңыз
refusal-meeting-duplicate_unit = { $unit } ұйымы бірнеше рет көрсетілген: әр ұйымды жалпы мүшелер санымен бір рет көрсетіңіз
refusal-meeting-no_members = аталған ұйымдардың ешқайсысында партия мүшелері жоқ, сондықтан делегаттарды бөлу мүмкін емес: алдымен ұйымдардың мүшелер санын енгізіңіз
refusal-meeting-minimums_exceed_size = { $size } делегаттан тұратын конференция партия мүшелері бар { $units } ұйымның әрқайсысына { $minimum } делегаттан бере алмайды: конференцияны кемінде { $needed } дейін көбейтіңіз немесе ұйымға берілетін ең аз санды алып тастаңыз
refusal-meeting-unknown_unit = делегаттар { $unit } ұйымынан сайланған деп белгіленген, бірақ оған делегаттар бөлінбеген: ұйым кодын тексеріңіз немесе ұйымды делегаттарды бөлуге қосыңыз
refusal-meeting-apportionment = { $detail }
refusal-ineligible-too_young = сайлау күні ({ $election_day }) жасы { $age } болады; бұл тізім үшін кемінде { $min } жас талап етіледі
refusal-ineligible-not_active = мүшелігі: { $status }; тек партияның белсенді мүшелері кандидат бола алады
refusal-ineligible-not_a_member = партия мүшесі емес; бұл тізім үшін мүшелік міндетті (set_eligibility membership_required false басқаларға да рұқсат береді)
refusal-ineligible-expelled = партиядан шығарылған; шығарылған адам кандидат бола алмайды
refusal-ineligible-residency = { $years } жыл тұрады; кемінде { $min } жыл тұру талап етіледі
refusal-ineligible-conviction = өтелмеген соттылығы бар; кандидатта ол болмауы керек
refusal-ineligible-corruption_offence = сыбайлас жемқорлық құқық бұзушылық жасаған; мұндай адам кандидат бола алмайды
refusal-ineligible-membership_too_short = сайлау күні мүшелік өтілі { $days } күн; кемінде { $min } күн талап етіледі
refusal-ballot-unknown_option = «{ $option }» — бұл дауыс берудің нұсқасы емес: көрсетілген нұсқалардың ішінен таңдаңыз
refusal-ballot-duplicate = «{ $option }» бірнеше рет белгіленген: әр нұсқаны ең көбі бір рет белгілеңіз
refusal-ballot-empty_group = бюллетеньде бос басымдық тобы бар: оны алып тастаңыз немесе оған нұсқа қосыңыз
refusal-ballot-needs_one_choice = бұл дауыс беруде бір нұсқа таңдалады, ал { $given } нұсқа белгіленген: дәл бір нұсқаны белгілеңіз немесе бос бюллетень үшін ешқайсысын белгілемеңіз
refusal-ballot-too_many_choices = { $given } нұсқа таңдалған, ал ең көбі { $max } болуы мүмкін: { $max } немесе одан аз қалғанша белгілерді алып тастаңыз
refusal-ballot-ranking_not_allowed = бұл дауыс беруде нұсқалар жиыны таңдалады, рейтинг емес, ал бюллетеньде { $groups } басымдық деңгейі бар: барлық таңдалған нұсқаны бір топқа қойыңыз
refusal-internal = ішкі қате: { $what }

# What a count, a rating, a list's rules or a draft found wrong (inside a refusal).
problem-tally-options = дауыс беру нұсқаларын санау мүмкін емес: { $problem }
problem-tally-electronic = № { $number } электрондық бюллетень қабылданбады: { $problem }
problem-tally-paper = № { $number } қағаз бюллетень қабылданбады: { $problem }
problem-stations-need-single-marks = { $method } әдісі ранжирлеуді есептейді, ал учаскенің қорытындысы оны бермейді: сол учаскенің бюллетеньдерін бір-бірлеп енгізіңіз
problem-station-unknown-option = № { $station } учаске «{ $option }» үшін дауыстарды хабарлайды, бұл дауыс берудің нұсқасы емес: учаске деректерін түзетіңіз
problem-tally-ballots = бюллетеньдерді санауға дайындау мүмкін емес: { $problem }
problem-no-candidates = дауыс беруде кемінде бір кандидат болуы керек
problem-too-many-candidates = кандидаттар саны { $count }, ең көбі { $max } қолдау көрсетіледі
problem-empty-name = № { $number } кандидаттың аты бос
problem-control-character-in-name = № { $number } кандидаттың атында жол ауысуы немесе басқару таңбасы бар
problem-duplicate-name = № { $first } және № { $second } кандидаттардың аты бірдей: «{ $name }»
problem-zero-weight = бюллетеньнің салмағы кемінде 1 болуы керек
problem-unknown-candidate = бюллетень № { $number } кандидатты көрсетеді, ал барлығы { $count } кандидат
problem-repeated-candidate = бюллетеньде № { $number } кандидат бір реттен артық көрсетілген
problem-total-weight-overflow = бюллетеньдердің жалпы салмағы 64 битке сыймайды
problem-no-seats = кемінде бір орын толтырылуы керек
problem-too-many-seats = { $standing } кандидаттан { $seats } орынды толтыру мүмкін емес
problem-single-winner-only = { $method } әдісі бір жеңімпазды сайлайды; { $seats } орын үшін stv қолданыңыз
problem-count-too-many-choices = № { $ballot } бюллетеньде { $marked } кандидат белгіленген, ең көбі { $allowed } рұқсат етіледі
problem-too-many-ballots = сақталған бюллетеньдер саны { $count } — санау көтере алатыннан көп (4 294 967 295); бірдей бюллетеньдерді салмақпен біріктіріңіз
problem-rating-unknown-option = санау «{ $option }» нұсқасын ранжирлейді, ол кандидаттардың ешқайсысы емес
problem-rating-duplicate-option = екі кандидаттың «{ $option }» нұсқасы ортақ; әр кандидаттың өз нұсқасы болуы керек
problem-rating-ranked-twice = санау «{ $option }» нұсқасын екі рет ранжирлейді
problem-zero-denominator = үлестің бөлімі нөлден үлкен болуы керек
problem-size-bounds = тізімнің ең кіші көлемі ({ $min }) ең үлкенінен ({ $max }) үлкен
problem-empty-block = орналастыру ережесіне кемінде бір орындық блок қажет
problem-no-block-groups = орналастыру ережесі бірде-бір топты атамайды; оны алып тастаңыз немесе кемінде бір топты атаңыз
problem-too-many-block-groups = орналастыру ережесі { $groups } топты атайды; ең көбі { $max } қолдау көрсетіледі (ережені бөліңіз немесе квоталарды қолданыңыз)
problem-block-too-small = орналастыру ережесі { $size } орындық блоктарда { $groups } топты талап етеді; блокта әр топқа кемінде бір орын қажет
problem-too-many-groups = ережелер { $groups } түрлі топты атайды; ең көбі { $max } қолдау көрсетіледі
problem-length-out-of-range = { $length } кандидаттан тұратын тізім рұқсат етілген { $min }–{ $max } көлемінен тыс
problem-duplicate-candidate = № { $candidate } кандидат екі рет көрсетілген; әр кандидатты бір рет көрсетуге болады
problem-candidate-not-on-list = № { $candidate } кандидат тізімде жоқ
problem-no-parties = орындарды бөлетін ұйымдар жоқ
problem-minimums-exceed-seats = { $parties } ұйымның әрқайсысына { $minimum } ең аз мөлшер { $seats } орыннан көп орынды талап етеді
problem-no-votes = барлық ұйымның дауысы 0, ең аз мөлшерден тыс орындарды бөлу мүмкін емес
problem-apportion-too-many-seats = { $seats } орын бөлгіштер әдісі беретін { $limit } орыннан көп
problem-request-key-too-long = ең көбі 100 таңба
problem-request-key-too-few-bits = кемінде 128 кездейсоқ бит: 32 не одан көп он алтылық цифр немесе 22 не одан көп base64url таңбасы (A-Z, a-z, 0-9, - және _)
problem-request-key-repeated = кездейсоқ биттер, бір таңбаның қайталануы емес
refusal-poll_not_taking_ballots = { $poll } дауыс беруі — «{ $status }» күйінде ({ $opens_at } .. { $closes_at }): бюллетеньдер тек ол ашық кезде қабылданады
problem-list-not-approved-for-commission = { $campaign } науқанындағы { $target } тізімі — { $status }: сайлау комиссиясы тек бекітілген тізімдерді қабылдайды; алдымен оны конференцияның дауысына қойып, бекітіңіз (put_list_to_vote, содан кейін дауыстарды санау)
problem-no-branches = орындарды бөлетін филиалдар жоқ
problem-duplicate-branch = { $branch } филиалы екі рет көрсетілген; әр филиалды бір рет көрсетіңіз
problem-quota-no-members = барлық филиалда партия мүшелері 0, сондықтан { $places } орынды пропорционалды бөлу мүмкін емес
refusal-account_exists = { $login } есептік жазбасы бар: басқа логин таңдаңыз (өшірілген жазба өз логинін сақтайды)
refusal-no_account = { $login } есептік жазбасы жоқ (алдымен add_account немесе логинді тексеріңіз)
refusal-account_disabled = { $login } есептік жазбасы өшірілген
refusal-grant_scope_one = өкілеттік дәл біреуіне беріледі: бөлімше (unit), отырыс (meeting) немесе дауыс беру (poll)
refusal-grant_exists = { $iin } үшін { $scope } бойынша { $role } рөлі бар
refusal-no_grant = { $iin } үшін { $scope } бойынша { $role } рөлі жоқ (өкілеттіктерді mandat grant list көрсетеді)
refusal-grant_scope_ended = { $scope } мәртебесі қазір { $status }: оған өкілеттік қажет болмайды

# SMS texts to members.
sms-phone-changed = mandat: телефон в вашей учётной записи члена партии изменён на { $phone } ({ $reason }). Если это были не вы, обратитесь в партийный офис.
sms-signin-code = mandat: код для входа { $code }. Он действует 5 минут. Никому его не сообщайте, даже сотрудникам партии.
sms-convocation = mandat: вы избраны делегатом и приглашаетесь на конференцию. { $conference }: { $when }, { $venue }.
sms-reminder = mandat: напоминаем, конференция сегодня. { $conference }: { $when }, { $venue }.
sms-stream = Трансляция: { $url }
sms-check-in = Регистрация: предъявите мандат (QR-код на карточке) и удостоверение личности.
sms-check-in-mandate = Регистрация: предъявите мандат № { $number } (QR-код на карточке) и удостоверение личности.

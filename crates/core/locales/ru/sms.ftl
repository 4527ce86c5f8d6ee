# SMS texts to members.
sms-phone-changed = mandat: телефон в вашей учётной записи члена партии изменён на { $phone } ({ $reason }). Если это были не вы, обратитесь в партийный офис.

cli-refused-in-file = { $file }: строка { $line }: команда { $command } отклонена: { $code }: { $refusal }; ничего не применено
cli-internal-error = ошибка: { $detail }
cli-unreadable-in-file = { $file }: строка { $line }: { $code }: { $error }; ничего не применено

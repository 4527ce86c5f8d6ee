cli-refused-in-file = { $file }: строка { $line }: команда { $command } отклонена: { $code }: { $refusal }; ничего не применено
cli-internal-error = ошибка: { $detail }

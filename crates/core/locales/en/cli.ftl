cli-refused-in-file = { $file }: line { $line }: { $command } refused: { $code }: { $refusal }; nothing was applied
cli-internal-error = error: { $detail }
cli-unreadable-in-file = { $file }: line { $line }: { $code }: { $error }; nothing was applied

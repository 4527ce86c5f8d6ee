cli-refused-in-file = { $file }: line { $line }: { $command } refused: { $code }: { $refusal }; nothing was applied
cli-internal-error = error: { $detail }

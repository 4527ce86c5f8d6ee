cli-refused-in-file = { $file }: { $line }-жол: { $command } командасы қабылданбады: { $code }: { $refusal }; ештеңе қолданылмады
cli-internal-error = қате: { $detail }
cli-unreadable-in-file = { $file }: { $line }-жол: { $code }: { $error }; ештеңе қолданылмады

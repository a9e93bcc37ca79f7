# Malformed-firmware corpus, generated from a good image, checked with rpsim inspect.

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer's driver over `test` (what libFuzzer's own main() does).
int caseminer_fuzz_main(int argc, char **argv, int (*test)(const uint8_t *, size_t));

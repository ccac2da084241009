#include "FuzzDriver.h"

// SwiftPM links a debug executable with `--defsym main=<Target>_main` (so that tests can
// link it), which hides libFuzzer's main(). Each target defines <Target>_main and calls this.
// From libFuzzer's FuzzerInterface.h: "Run the fuzzer with the given callback."
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));

int caseminer_fuzz_main(int argc, char **argv, int (*test)(const uint8_t *, size_t)) {
  return LLVMFuzzerRunDriver(&argc, &argv, test);
}

/* fuzz.h: what every Newsreel fuzz harness shares: the libFuzzer entry points (also replayed
 * by tests/regress), a reader that cuts the fuzzer's bytes into options and fields, and
 * contract checks that abort so the fuzzer and the regression tests both see a violation. */
#ifndef NR_FUZZ_H
#define NR_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Defined by each harness. Initialize runs once per process (libFuzzer calls it; so does
 * the replay test); TestOneInput returns 0 and aborts on a broken contract. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Cursor over the fuzzer's bytes; borrows the data for its life. */
struct fuzz_in {
    const uint8_t *data;
    size_t len, pos;
};

void fuzz_in_init(struct fuzz_in *in, const uint8_t *data, size_t len);
/* The next byte, 0 once the input is used up. */
uint8_t fuzz_byte(struct fuzz_in *in);
/* One of n choices (n >= 1) from the next byte. */
size_t fuzz_pick(struct fuzz_in *in, size_t n);
/* The next field: bytes up to the next NUL (or the end), as a new NUL-terminated string;
 * NULL once the input is used up. Free with free(). */
char *fuzz_field(struct fuzz_in *in);
/* Everything left as a new NUL-terminated string (embedded NULs end it early, as in C). */
char *fuzz_rest(struct fuzz_in *in);

/* Silences Newsreel's log: a fuzzer feeds millions of bad inputs, each worth a warning. */
void fuzz_quiet_log(void);

/* Contract checks: print what broke and abort (a crash for libFuzzer and for ctest). */
#define FUZZ_CHECK(cond, what)                                                                     \
    do {                                                                                           \
        if (!(cond))                                                                               \
            fuzz_violation(__FILE__, __LINE__, (what), #cond);                                     \
    } while (0)
_Noreturn void fuzz_violation(const char *file, int line, const char *what, const char *cond);
/* The same, showing the offending value (its first 300 bytes, escaped). */
_Noreturn void fuzz_violation_at(const char *file, int line, const char *what, const char *cond,
                                 const char *value);
/* s is NULL or valid UTF-8 of at most max_bytes (0: no cap); aborts naming field if not. */
void fuzz_check_text(const char *field, const char *s, size_t max_bytes);

#endif

/* test_auth.c — the password policy and hashes, and the permission table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <sodium.h>

#include "admin/password.h"
#include "admin/staff.h"

static void test_policy(void **state)
{
    struct { const char *pw, *login, *problem; } cases[] = {
        { "short", NULL, "password_too_short" },
        { "٠١٢٣٤٥٦٧٨", NULL, "password_too_short" },            /* 9 characters */
        { "password123", NULL, "password_common" },
        { "123Password!", NULL, "password_common" },
        { "QWERTYUIOP", NULL, "password_common" },
        { "ضصثقفغعهخح", NULL, "password_common" },               /* the Arabic keyboard's qwerty */
        { "12345678901234", NULL, "password_common" },
        { "aaaaaaaaaaaa", NULL, "password_common" },
        { "salma.haddad", "Salma.Haddad", "password_is_login" },
        { "correct horse battery", "salma", NULL },
        { "مداد الحبر الأزرق", NULL, NULL },
        { "password-but-longer-and-odd", NULL, NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *got = password_problem(cases[i].pw, cases[i].login);
        if (cases[i].problem) {
            assert_non_null(got);
            assert_string_equal(got, cases[i].problem);
        } else {
            assert_null(got);
        }
    }
    char huge[PASSWORD_MAX_BYTES + 2];
    memset(huge, 'x', sizeof huge - 1);
    huge[sizeof huge - 1] = '\0';
    assert_string_equal(password_problem(huge, NULL), "password_too_long");
}

static void test_hash_and_verify(void **state)
{
    assert_true(sodium_init() >= 0);
    char hash[PASSWORD_HASH_MAX];
    assert_int_equal(password_hash(hash, "correct horse battery"), 0);
    assert_true(strncmp(hash, "$argon2id$", 10) == 0);
    assert_true(password_verify(hash, "correct horse battery"));
    assert_false(password_verify(hash, "correct horse batterY"));
    assert_false(password_needs_rehash(hash));
    /* a hash made with weaker parameters is upgraded at the next login */
    char weak[crypto_pwhash_STRBYTES];
    assert_int_equal(crypto_pwhash_str(weak, "x", 1, crypto_pwhash_OPSLIMIT_MIN,
                                       crypto_pwhash_MEMLIMIT_MIN), 0);
    assert_true(password_needs_rehash(weak));
    password_verify_dummy("anything");      /* runs, fails quietly */
}

static void test_permission_table(void **state)
{
    assert_int_equal(role_parse("admin"), ROLE_ADMIN);
    assert_int_equal(role_parse("editor"), ROLE_EDITOR);
    assert_int_equal(role_parse("author"), ROLE_AUTHOR);
    assert_int_equal(role_parse("root"), ROLE_NONE);
    assert_int_equal(role_parse(NULL), ROLE_NONE);
    for (int p = 0; p < CAN_COUNT; p++) {
        assert_false(role_can(ROLE_NONE, (permission)p));
        assert_true(role_can(ROLE_ADMIN, (permission)p));
    }
    assert_true(role_can(ROLE_AUTHOR, CAN_ENTER) && role_can(ROLE_AUTHOR, CAN_WRITE));
    assert_false(role_can(ROLE_AUTHOR, CAN_PUBLISH) || role_can(ROLE_AUTHOR, CAN_EDIT_ANY) ||
                 role_can(ROLE_AUTHOR, CAN_MODERATE) || role_can(ROLE_AUTHOR, CAN_SETTINGS));
    assert_true(role_can(ROLE_EDITOR, CAN_PUBLISH) && role_can(ROLE_EDITOR, CAN_MODERATE) &&
                role_can(ROLE_EDITOR, CAN_EDIT_ANY));
    assert_false(role_can(ROLE_EDITOR, CAN_MANAGE_USERS) || role_can(ROLE_EDITOR, CAN_SETTINGS));
    assert_false(role_can((role)42, CAN_ENTER));
    assert_false(role_can(ROLE_ADMIN, (permission)CAN_COUNT));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_policy),
        cmocka_unit_test(test_hash_and_verify),
        cmocka_unit_test(test_permission_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
